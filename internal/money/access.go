package money

import (
	"slices"

	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
)

// Who may do what with special-account money. The privacy policies
// (ent/schema/fundaccount_rules.go, fundadjustment_rules.go) enforce these
// rules and the API's allowedActions list them, from this one home.

// Movers are the roles that move a special account's money (deposits,
// pre-allocations, payments, prepayments and their recovery, allocations of
// adjustments), on the accounts of their region and below; the province
// admin moves any account's money.
var Movers = []viewer.Role{viewer.FinanceOfficer}

// MayMove reports whether the viewer may move money in or out of the special
// account of the region at path (a materialised region path).
func MayMove(v *viewer.Viewer, path string) bool {
	return v.Admin() || v != nil && slices.Contains(Movers, v.Role) && v.InSubtree(path)
}

// MayRequestAdjustment reports whether the viewer may ask for an adjustment
// (调剂) of the region at path: the region's own HR officials file (and the
// province admin). Whether the region is short of money is decided when it
// asks; the province, with no region above it, never asks.
func MayRequestAdjustment(v *viewer.Viewer, path string) bool {
	return v.Admin() || v != nil && v.Role == viewer.RegionOfficial && v.RegionPath == path
}

// DecidesAdjustment reports whether the viewer is on the deciding side of an
// adjustment of the region at path: the region above decides on it and funds
// it, never the requesting region's own officials.
func DecidesAdjustment(v *viewer.Viewer, path string) bool {
	return v.Admin() || v != nil && v.RegionPath != path
}

// Special-account actions, as allowedActions names them.
const (
	ActDeposit           = "DEPOSIT"
	ActAllocate          = "ALLOCATE"
	ActRequestAdjustment = "REQUEST_ADJUSTMENT"
)

// AccountActions lists what the viewer may do with the special account of
// the region at path: DEPOSIT and ALLOCATE (when regions lie directly below)
// for those who move its money, REQUEST_ADJUSTMENT for its own officials
// when a region lies above.
func AccountActions(v *viewer.Viewer, path string, hasParent, hasChildren bool) []string {
	out := []string{}
	if MayMove(v, path) {
		out = append(out, ActDeposit)
		if hasChildren {
			out = append(out, ActAllocate)
		}
	}
	if hasParent && MayRequestAdjustment(v, path) {
		out = append(out, ActRequestAdjustment)
	}
	return out
}

// AdjustmentActions lists what the viewer may do with an adjustment of the
// region at path in the given state: the table's actions for the viewer's
// role (lifecycle.Adjustment), every one a decision of the region above.
func AdjustmentActions(v *viewer.Viewer, state, path string) []string {
	if !DecidesAdjustment(v, path) {
		return []string{}
	}
	return lifecycle.Adjustment.Allowed(state, v)
}
