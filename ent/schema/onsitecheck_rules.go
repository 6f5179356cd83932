package schema

import (
	"context"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/onsitecheck"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
)

// reviewerScoped lets the admin, and inspectors and officials in their
// subtree, read and write region-scoped supervision records.
func reviewerScoped(staffRead bool) ent.Policy {
	sc := scope{region: inRegionSubtree}
	if staffRead {
		sc.staff = func(v *viewer.Viewer) entql.P { return entql.HasEdgeWith("class", classOfOrg(v)) }
	}
	return privacy.Policy{
		Query: scopedRead(sc),
		Mutation: privacy.MutationPolicy{
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			privacy.OnMutationOperation(privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.Inspector && v.Role != viewer.RegionOfficial {
					return privacy.Skip
				}
				{
					rid, ok := m.Field("region_id")
					if !ok {
						return privacy.Denyf("no region")
					}
					if err := requireRegionInSubtree(ctx, m.(interface{ Client() *gen.Client }).Client(), v, rid.(int)); err != nil {
						return err
					}
					return privacy.Allow
				}
			}), ent.OpCreate),
			updateInSubtreeBy(viewer.Inspector, viewer.RegionOfficial),
			privacy.AlwaysDenyRule(),
		},
	}
}

func onSiteCheckPolicy() ent.Policy { return reviewerScoped(true) }

// onSiteOutcomeHook: a failed on-site check turns the prepayment into an amount to recover.
func onSiteOutcomeHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.OnSiteCheckFunc(func(ctx context.Context, m *gen.OnSiteCheckMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if o, ok := m.Outcome(); ok && o == onsitecheck.OutcomeFAILED {
				check := v.(*gen.OnSiteCheck)
				if err := markForRecovery(ctx, m.Client(), check.ClassID, "on-site check failed"); err != nil {
					return nil, err
				}
			}
			return v, nil
		})
	}, ent.OpUpdateOne)
}

// onSiteTransitionHook keeps the on-site check's state machine
// (lifecycle.OnSiteCheck) honest.
func onSiteTransitionHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.OnSiteCheckFunc(func(ctx context.Context, m *gen.OnSiteCheckMutation) (ent.Value, error) {
			_, outcome := m.Outcome()
			if visited, ok := m.VisitedAt(); ok || outcome {
				// A visit is recorded once, on an open check, and not ahead of the clock.
				old, err := m.OldStatus(ctx)
				if err != nil {
					return nil, err
				}
				if err := lifecycle.OnSiteCheck.Require("RECORD_VISIT", string(old),
					"the visit of this on-site check is already recorded; it is %s", old); err != nil {
					return nil, err
				}
				if ok && visited.After(m.Clock.Now().Add(5*time.Minute)) {
					return nil, fault.Input("visitedAt", "the visit time cannot be in the future")
				}
			}
			if to, ok := m.Status(); ok {
				old, err := m.OldStatus(ctx)
				if err != nil {
					return nil, err
				}
				if to != old {
					if err := lifecycle.OnSiteCheck.Check(string(old), string(to)); err != nil {
						return nil, err
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpUpdateOne)
}
