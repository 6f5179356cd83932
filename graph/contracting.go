package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/contractassignment"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/contracting"
	"github.com/hnvt/bairi/internal/contractrule"
)

// contractingOf maps an official's contracting onto the API.
func contractingOf(c *contracting.Contracting) *model.Contracting {
	out := &model.Contracting{Official: c.Official, OfficialName: c.Official.DisplayName, Region: c.Region,
		Threshold: contractrule.Threshold(c.Tier), Regions: c.Regions, Enterprises: c.Enterprises}
	if out.Regions == nil {
		out.Regions = []*ent.ContractAssignment{}
	}
	if out.Enterprises == nil {
		out.Enterprises = []*ent.ContractAssignment{}
	}
	if c.Tier != "" {
		t := contractassignment.Tier(c.Tier)
		out.Tier = &t
	}
	return out
}

// lines maps an assignment input onto the service's.
func lines(in model.AssignContractingInput) contracting.Lines {
	return contracting.Lines{UserID: in.UserID, RegionIDs: in.RegionIDs, OrganizationIDs: in.OrganizationIDs}
}

// checks maps an enterprise's five clears onto the API.
func checks(cs []contracting.Check) []*model.FiveClearCheck {
	out := make([]*model.FiveClearCheck, 0, len(cs))
	for _, c := range cs {
		out = append(out, &model.FiveClearCheck{Item: c.Item, Confirmation: c.Confirmation})
	}
	return out
}

// lineVisits are the visits of an enterprise line's enterprise by its
// official within the campaign (none for a region line).
func (r *Resolver) lineVisits(ctx context.Context, a *ent.ContractAssignment) ([]*ent.EnterpriseVisit, error) {
	if a.OrganizationID == nil {
		return []*ent.EnterpriseVisit{}, nil
	}
	return r.Contracts.Visits(ctx, *a.OrganizationID, a.UserID)
}

// visitState is where a line's visits stand, and how many are still due.
func (r *Resolver) visitState(ctx context.Context, a *ent.ContractAssignment) (contractrule.VisitState, int, int, error) {
	if a.OrganizationID == nil {
		return contractrule.VisitsNotRequired, 0, 0, nil
	}
	vs, err := r.lineVisits(ctx, a)
	if err != nil {
		return "", 0, 0, err
	}
	st, due := contractrule.Visits(contractrule.Tier(a.Tier), len(vs))
	return st, len(vs), due, nil
}

// ledgers maps the contracting ledgers onto the API.
func ledgers(ls []*contracting.Ledger) []*model.ContractingLedger {
	out := make([]*model.ContractingLedger, 0, len(ls))
	for _, l := range ls {
		out = append(out, &model.ContractingLedger{Region: l.Region, Threshold: l.Threshold, LargeEnterprises: l.Large,
			Assigned: l.Assigned, CompletedAt: l.CompletedAt, DueOn: l.DueOn, State: model.ContractingLedgerState(l.State)})
	}
	return out
}
