package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/targets"
	"github.com/hnvt/bairi/internal/viewer"
)

// targetUnitHook keeps each category in its own unit (internal/targets:
// 人 for T1, T4, T5; 人次 for T2, T3; 家 for T6; yuan for T7).
func targetUnitHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TargetFunc(func(ctx context.Context, m *gen.TargetMutation) (ent.Value, error) {
			unit, ok := m.Unit()
			if !ok {
				return next.Mutate(ctx, m)
			}
			category, ok := m.Category()
			if !ok {
				old, err := m.OldCategory(ctx)
				if err != nil {
					return nil, err
				}
				category = old
			}
			if want := targets.Unit(string(category)); string(unit) != want {
				return nil, fault.Input("unit", "%s is counted in %s, not in %s", category, want, unit)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

func targetPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role.RegionScoped() {
					return inRegionSubtree(v)
				}
				return nil
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			genprivacy.TargetMutationRuleFunc(func(ctx context.Context, m *gen.TargetMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.RegionOfficial || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
					return privacy.Skip
				}
				// Officials set the targets of the regions below their own.
				below := entql.HasEdgeWith("region", entql.And(
					entql.FieldHasPrefix("path", v.RegionPath), entql.FieldNEQ("path", v.RegionPath)))
				if rid, ok := m.RegionID(); ok {
					path, err := regionPath(ctx, m.Client(), rid)
					if err != nil {
						return err
					}
					if !v.InSubtree(path) || path == v.RegionPath {
						return privacy.Denyf("officials set targets of the regions below their own")
					}
				}
				if !m.Op().Is(ent.OpCreate) {
					m.Filter().Where(below)
				}
				return privacy.Allow
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}
