package schema

import (
	"context"
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// keyGroupsHook refuses key groups that are not those of R3.
func keyGroupsHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if v, ok := m.Field("key_groups"); ok {
				groups, _ := v.([]string)
				for _, g := range groups {
					if !slices.Contains(KeyGroups, g) {
						return nil, fault.Input("keyGroups", "unknown key group %q", g)
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}

func personPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			allowPurpose(viewer.PurposeEnroll), allowPurpose(viewer.PurposePublicity), denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P {
				enrolledIn := func(class entql.P) entql.P {
					return entql.HasEdgeWith("enrollments", entql.HasEdgeWith("class", class))
				}
				switch {
				case v.Role.RegionScoped():
					return entql.Or(inRegionSubtree(v), enrolledIn(inRegionSubtree(v)))
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					return entql.Or(entql.FieldEQ("organization_id", v.OrgID), enrolledIn(entql.FieldEQ("organization_id", v.OrgID)))
				case v.Role == viewer.Trainee && v.PersonID != 0:
					return entql.FieldEQ("id", v.PersonID)
				}
				return nil
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne),
			genprivacy.PersonMutationRuleFunc(func(ctx context.Context, m *gen.PersonMutation) error {
				v := viewer.FromContext(ctx)
				switch {
				case v.Role == viewer.RegionOfficial:
					if rid, ok := m.RegionID(); ok {
						if err := requireRegionInSubtree(ctx, m.Client(), v, rid); err != nil {
							return err
						}
					} else if m.Op().Is(ent.OpCreate) {
						return fault.Input("regionID", "a region is required")
					}
					if oid, ok := m.OrganizationID(); ok {
						if err := requireOrgInSubtree(ctx, m.Client(), v, oid); err != nil {
							return err
						}
					}
					if !m.Op().Is(ent.OpCreate) {
						m.Filter().Where(inRegionSubtree(v))
					}
					return privacy.Allow
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					if oid, ok := m.OrganizationID(); !ok || oid != v.OrgID {
						if m.Op().Is(ent.OpCreate) || ok {
							return privacy.Denyf("staff register persons for their own organisation only")
						}
					}
					if rid, ok := m.RegionID(); ok {
						if err := requireRegionInOrgSubtree(ctx, m.Client(), v, rid); err != nil {
							return err
						}
					}
					if !m.Op().Is(ent.OpCreate) {
						m.Filter().Where(entql.FieldEQ("organization_id", v.OrgID))
					}
					return privacy.Allow
				}
				return privacy.Skip
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}
