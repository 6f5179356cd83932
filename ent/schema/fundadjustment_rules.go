package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/fundadjustment"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
)

// adjustmentHook runs the 调剂 clock: a request starts the HR clock; the
// city's HR official (above the county) agrees or refuses; its finance
// officer allocates within the finance clock.
func adjustmentHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.FundAdjustmentFunc(func(ctx context.Context, m *gen.FundAdjustmentMutation) (ent.Value, error) {
			c := m.Client()
			cal, err := deadline.Calendar(ctx, c)
			if err != nil {
				return nil, err
			}
			now := m.Clock.Now()
			if m.Op().Is(ent.OpCreate) {
				rid, _ := m.RegionID()
				reg, err := c.Region.Get(ctx, rid)
				if err != nil {
					return nil, err
				}
				if reg.ParentID == 0 {
					return nil, fault.Input("regionCode", "the province has no region above it to ask")
				}
				m.SetState(fundadjustment.State(lifecycle.Adjustment.Initial()))
				m.SetRequestedAt(now)
				m.SetHrDueAt(cal.DueAt(now, deadline.AdjustmentClockDays))
				return next.Mutate(ctx, m)
			}
			to, ok := m.State()
			if !ok {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			adj, err := c.FundAdjustment.Query().Where(fundadjustment.ID(id)).WithRegion().Only(ctx)
			if err != nil {
				return nil, err
			}
			if err := lifecycle.Adjustment.Check(string(adj.State), string(to)); err != nil {
				return nil, err
			}
			// Only the region above the county decides and pays.
			v := viewer.FromContext(ctx)
			if v != nil && !v.Admin() && v.RegionPath == adj.Edges.Region.Path {
				return nil, privacy.Denyf("the region above decides on and funds an adjustment")
			}
			if v != nil && !lifecycle.Adjustment.MayReach(v.Role, string(to)) {
				return nil, privacy.Denyf("HR gives the opinion on an adjustment; finance allocates the funds")
			}
			switch to {
			case fundadjustment.StateAGREED, fundadjustment.StateREFUSED:
				m.SetDecidedAt(now)
				if to == fundadjustment.StateAGREED {
					m.SetFinanceDueAt(cal.DueAt(now, deadline.AdjustmentClockDays))
				}
			case fundadjustment.StateALLOCATED:
				m.SetAllocatedAt(now)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

func adjustmentPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.RegionOfficial || v.Role == viewer.FinanceOfficer {
					return inRegionSubtree(v)
				}
				return nil
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			genprivacy.FundAdjustmentMutationRuleFunc(func(ctx context.Context, m *gen.FundAdjustmentMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.RegionOfficial && v.Role != viewer.FinanceOfficer {
					return privacy.Skip
				}
				if m.Op().Is(ent.OpCreate) {
					rid, _ := m.RegionID()
					if err := requireRegionInSubtree(ctx, m.Client(), v, rid); err != nil {
						return err
					}
					return privacy.Allow
				}
				m.Filter().Where(inRegionSubtree(v))
				return privacy.Allow
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}
