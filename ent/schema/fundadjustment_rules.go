package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/fundaccount"
	"github.com/hnvt/bairi/ent/fundadjustment"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/fen"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/money"
	"github.com/hnvt/bairi/internal/viewer"
)

// adjustmentHook runs 调剂 (R6): a county whose special account cannot cover
// its pending payments asks; the request starts the HR clock; the city's HR
// official (above the county) gives the opinion; an agreement starts the
// finance clock, in which the city's finance officer agrees (the
// consultation, 会商) or refuses, then allocates.
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
				if err := requireShortfall(ctx, c, reg); err != nil {
					return nil, err
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
			// Only the region above the county decides and pays: HR gives the
			// opinion, finance answers the consultation and allocates.
			v := viewer.FromContext(ctx)
			if v != nil && !money.DecidesAdjustment(v, adj.Edges.Region.Path) {
				return nil, privacy.Denyf("the region above decides on and funds an adjustment")
			}
			if v != nil {
				if err := lifecycle.Adjustment.CheckBy(v.Role, string(adj.State), string(to)); err != nil {
					return nil, err
				}
			}
			switch {
			case adj.State == fundadjustment.StateREQUESTED:
				m.SetDecidedAt(now)
				if to == fundadjustment.StateHR_AGREED {
					m.SetFinanceDueAt(cal.DueAt(now, deadline.AdjustmentClockDays))
				}
			case adj.State == fundadjustment.StateHR_AGREED:
				m.SetFinanceDecidedAt(now)
			case to == fundadjustment.StateALLOCATED:
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
					// The county's own HR files; the region above only answers.
					rid, _ := m.RegionID()
					path, err := regionPath(ctx, m.Client(), rid)
					if err != nil {
						return err
					}
					if !money.MayRequestAdjustment(v, path) {
						return privacy.Denyf("a region's own HR officials ask for its adjustment")
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

// requireShortfall refuses an adjustment while the region's special account
// can still cover its pending payments (what its applications from
// acceptance to payment still need, less what was prepaid), and says the
// figures.
func requireShortfall(ctx context.Context, c *gen.Client, reg *gen.Region) error {
	var balance int64
	acc, err := c.FundAccount.Query().Where(fundaccount.RegionID(reg.ID)).Only(viewer.WithPurpose(ctx, viewer.PurposeMoney))
	switch {
	case err == nil:
		balance = acc.BalanceFen
	case !gen.IsNotFound(err):
		return err
	}
	apps, err := c.SubsidyApplication.Query().Where(subsidyapplication.RegionID(reg.ID),
		subsidyapplication.StateIn(subsidyapplication.StateACCEPTED, subsidyapplication.StateREVIEWED,
			subsidyapplication.StateIN_PUBLICITY, subsidyapplication.StateTRANSFERRED_TO_FINANCE)).All(ctx)
	if err != nil {
		return err
	}
	var pending int64
	for _, a := range apps {
		pending += max(a.AmountFen-a.PrepaidFen, 0)
	}
	if balance >= pending {
		return fault.New(fault.Conflict, "the special account of %s holds %s yuan and its pending payments come to %s yuan: "+
			"an adjustment is asked for when the pre-allocation cannot cover them", reg.Name, fen.Yuan(balance), fen.Yuan(pending))
	}
	return nil
}
