package schema

import (
	"context"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/contractassignment"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// MayServe is the named rule of R2's service: the viewer may visit an
// enterprise and confirm its five clears when it lies in their subtree (else
// the NOT_FOUND of a missing one) and they are the official contracted to
// serve it or an official of a region above that official's.
func MayServe(ctx context.Context, c *gen.Client, v *viewer.Viewer, orgID int) error {
	if v.Admin() {
		return nil
	}
	if v == nil || v.Role != viewer.RegionOfficial {
		return fault.New(fault.Forbidden, "only the official who serves an enterprise, or an official above them, may do this")
	}
	if err := requireOrgInSubtree(ctx, c, v, orgID); err != nil {
		return err
	}
	lines, err := c.ContractAssignment.Query().Where(contractassignment.OrganizationID(orgID)).All(ctx)
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		return fault.New(fault.Forbidden, "the enterprise is not contracted to any official yet")
	}
	for _, l := range lines {
		above := strings.HasPrefix(l.OfficialRegionPath, v.RegionPath) && l.OfficialRegionPath != v.RegionPath
		if l.UserID == v.UserID || above {
			return nil
		}
	}
	return fault.New(fault.Forbidden, "only the official who serves an enterprise, or an official above them, may do this")
}

// serviceMutation is what the two service records' mutations share.
type serviceMutation interface {
	ent.Mutation
	OrganizationID() (int, bool)
	Client() *gen.Client
}

// servicePolicy is the policy of the records of R2's service (visits, five
// clears): created by the officials MayServe lets through, never changed;
// read by the region-scoped viewers of their subtree and the enterprise's
// staff.
func servicePolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedRead(scope{
			region: inRegionSubtree,
			staff:  func(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) },
		}),
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.RegionOfficial {
					return privacy.Skip
				}
				sm, ok := m.(serviceMutation)
				if !ok {
					return privacy.Skip
				}
				oid, _ := sm.OrganizationID()
				if err := MayServe(ctx, sm.Client(), v, oid); err != nil {
					return err
				}
				return privacy.Allow
			}), ent.OpCreate),
			privacy.AlwaysDenyRule(),
		},
	}
}

// serviceBy reads the enterprise served and the viewer's own user for a new
// service record.
func serviceBy(ctx context.Context, c *gen.Client, orgID int) (*gen.Organization, *gen.User, error) {
	org, err := c.Organization.Get(ctx, orgID)
	if gen.IsNotFound(err) {
		return nil, nil, outOfScope()
	}
	if err != nil {
		return nil, nil, err
	}
	v := viewer.FromContext(ctx)
	if v == nil {
		return nil, nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	u, err := c.User.Get(ctx, v.UserID)
	if err != nil {
		return nil, nil, err
	}
	return org, u, nil
}

// enterpriseVisitHook records who visited (the viewer), ties the visit to
// the enterprise's region, and keeps the day whole and not in the future.
func enterpriseVisitHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EnterpriseVisitFunc(func(ctx context.Context, m *gen.EnterpriseVisitMutation) (ent.Value, error) {
			oid, _ := m.OrganizationID()
			org, u, err := serviceBy(ctx, m.Client(), oid)
			if err != nil {
				return nil, err
			}
			on, _ := m.VisitedOn()
			day := workday.DateOf(on, nil)
			if today := workday.DateOf(m.Clock.Now(), nil); day.After(today) {
				return nil, fault.Input("visitedOn", "the day %s is in the future", day)
			}
			m.SetVisitedOn(day.Time(nil))
			m.SetRegionID(org.RegionID)
			m.SetVisitorID(u.ID)
			m.SetVisitorName(u.DisplayName)
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}
