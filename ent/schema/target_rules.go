package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/viewer"
)

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
