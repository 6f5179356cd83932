package schema

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/viewer"
)

// prioritySectorHook marks organisations in the five priority sectors of R1
// and stores credit codes normalised (trimmed, upper case), so that the same
// code typed differently cannot be registered twice.
func prioritySectorHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if v, ok := m.Field("credit_code"); ok {
				if code, err := idcheck.CreditCode(fmt.Sprint(v)); err == nil {
					if err := m.SetField("credit_code", code); err != nil {
						return nil, err
					}
				}
			}
			if v, ok := m.Field("sector"); ok {
				if err := m.SetField("priority_sector", slices.Contains(PrioritySectors, fmt.Sprint(v))); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}

func organizationPolicy() ent.Policy {
	return privacy.Policy{
		// Its own start (not the ViewerMixin): the public notice page reads institutions without a viewer.
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposePublicity), allowPurpose(viewer.PurposeContract), denyIfNoViewer(), allowAdmin()}, scopedRead(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("id", v.OrgID) },
			// A trainee reads the institutions of the classes they are enrolled in.
			trainee: func(v *viewer.Viewer) entql.P {
				return entql.HasEdgeWith("classes", entql.HasEdgeWith("enrollments", entql.FieldEQ("person_id", v.PersonID)))
			}})...),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			genprivacy.OrganizationMutationRuleFunc(func(ctx context.Context, m *gen.OrganizationMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.RegionOfficial || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
					return privacy.Skip
				}
				if rid, ok := m.RegionID(); ok {
					if err := requireRegionInSubtree(ctx, m.Client(), v, rid); err != nil {
						return err
					}
				}
				if m.Op().Is(ent.OpCreate) {
					return privacy.Allow
				}
				m.Filter().Where(inRegionSubtree(v))
				return privacy.Allow
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}
