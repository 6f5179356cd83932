package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"

	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/organization"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// Every policy ends in deny. Rules are viewer-based: the province admin sees
// all; officials, finance officers and inspectors see their region's subtree;
// institution staff see their organisation; a trainee sees their own records.

// denyIfNoViewer refuses anonymous requests.
func denyIfNoViewer() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx) == nil {
			return privacy.Denyf("no viewer")
		}
		return privacy.Skip
	})
}

// allowAdmin lets the province admin do anything.
func allowAdmin() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx).Admin() {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// allowAnyViewer lets any signed-in user read reference data.
func allowAnyViewer() privacy.QueryRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx) != nil {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// allowPurpose lets a narrow system task through.
func allowPurpose(p viewer.Purpose) privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.HasPurpose(ctx, p) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// inRegionSubtree is the predicate "the entity's region lies in the viewer's subtree".
func inRegionSubtree(v *viewer.Viewer) entql.P {
	return entql.HasEdgeWith("region", entql.FieldHasPrefix("path", v.RegionPath))
}

// filterBy applies a viewer-dependent filter, or skips when build returns nil.
func filterBy(build func(v *viewer.Viewer) entql.P) privacy.QueryMutationRule {
	return genprivacy.FilterFunc(func(ctx context.Context, f genprivacy.Filter) error {
		v := viewer.FromContext(ctx)
		if v == nil {
			return privacy.Skip
		}
		p := build(v)
		if p == nil {
			return privacy.Skip
		}
		f.Where(p)
		return privacy.Allow
	})
}

// scope says which rows of an entity each kind of viewer reads: officials,
// finance officers and inspectors (region), institution staff (staff) and
// trainees (trainee); a nil builder gives that kind of viewer nothing.
type scope struct {
	region, staff, trainee func(v *viewer.Viewer) entql.P
}

// scopedQuery is the usual read policy: the admin sees all, every other
// viewer the rows of their scope, and the rest is denied.
func scopedQuery(sc scope) privacy.QueryPolicy {
	return privacy.QueryPolicy{
		denyIfNoViewer(), allowAdmin(),
		filterBy(func(v *viewer.Viewer) entql.P {
			switch {
			case v.Role.RegionScoped() && sc.region != nil:
				return sc.region(v)
			case v.Role == viewer.InstitutionStaff && v.OrgID != 0 && sc.staff != nil:
				return sc.staff(v)
			case v.Role == viewer.Trainee && v.PersonID != 0 && sc.trainee != nil:
				return sc.trainee(v)
			}
			return nil
		}),
		privacy.AlwaysDenyRule(),
	}
}

// regionPath returns the materialised path of a region, as the viewer may read it.
func regionPath(ctx context.Context, c *gen.Client, id int) (string, error) {
	r, err := c.Region.Get(ctx, id)
	if err != nil {
		if gen.IsNotFound(err) {
			return "", fault.Input("regionID", "no such region")
		}
		return "", err
	}
	return r.Path, nil
}

func regionPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{allowPurpose(viewer.PurposeAuth), allowAnyViewer(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.OnMutationOperation(genprivacy.RegionMutationRuleFunc(func(ctx context.Context, m *gen.RegionMutation) error {
				v := viewer.FromContext(ctx)
				pid, ok := m.ParentID()
				if v.Role != viewer.RegionOfficial || !ok {
					return privacy.Skip
				}
				path, err := regionPath(ctx, m.Client(), pid)
				if err != nil {
					return err
				}
				if v.InSubtree(path) {
					return privacy.Allow
				}
				return privacy.Skip
			}), ent.OpCreate),
			privacy.AlwaysDenyRule(),
		},
	}
}

func organizationPolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedQuery(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("id", v.OrgID) }}),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			genprivacy.OrganizationMutationRuleFunc(func(ctx context.Context, m *gen.OrganizationMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.RegionOfficial || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
					return privacy.Skip
				}
				if rid, ok := m.RegionID(); ok {
					path, err := regionPath(ctx, m.Client(), rid)
					if err != nil {
						return err
					}
					if !v.InSubtree(path) {
						return privacy.Denyf("region outside the viewer's subtree")
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

func userPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			allowPurpose(viewer.PurposeAuth), denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P {
				self := entql.FieldEQ("id", v.UserID)
				switch {
				case v.Role.RegionScoped():
					return entql.Or(self, inRegionSubtree(v))
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					return entql.Or(self, entql.FieldEQ("organization_id", v.OrgID))
				}
				return self
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(allowPurpose(viewer.PurposeAuth), ent.OpUpdateOne),
			denyIfNoViewer(), allowAdmin(),
			genprivacy.UserMutationRuleFunc(func(ctx context.Context, m *gen.UserMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.RegionOfficial || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
					return privacy.Skip
				}
				if role, ok := m.Role(); ok && viewer.Role(role).Rank() > v.Role.Rank() {
					return privacy.Denyf("may not grant a role above one's own")
				}
				if rid, ok := m.RegionID(); ok {
					path, err := regionPath(ctx, m.Client(), rid)
					if err != nil {
						return err
					}
					if !v.InSubtree(path) {
						return privacy.Denyf("region outside the viewer's subtree")
					}
				}
				if oid, ok := m.OrganizationID(); ok {
					// The organisation must lie in the viewer's subtree.
					found, err := m.Client().Organization.Query().Where(organization.ID(oid),
						organization.HasRegionWith(region.PathHasPrefix(v.RegionPath))).Exist(ctx)
					if err != nil {
						return err
					}
					if !found {
						return privacy.Denyf("organisation outside the viewer's subtree")
					}
				}
				if m.Op().Is(ent.OpCreate) {
					return privacy.Allow
				}
				var lower []string
				for _, r := range viewer.Roles {
					if r.Rank() <= v.Role.Rank() {
						lower = append(lower, string(r))
					}
				}
				m.Filter().Where(entql.And(inRegionSubtree(v), entql.FieldIn("role", toAny(lower)...)))
				return privacy.Allow
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}

func toAny[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func personPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			allowPurpose(viewer.PurposeEnroll), denyIfNoViewer(), allowAdmin(),
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
						path, err := regionPath(ctx, m.Client(), rid)
						if err != nil {
							return err
						}
						if !v.InSubtree(path) {
							return privacy.Denyf("region outside the viewer's subtree")
						}
					} else if m.Op().Is(ent.OpCreate) {
						return fault.Input("regionID", "a region is required")
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

func campaignPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowAnyViewer(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{denyIfNoViewer(), allowAdmin(), privacy.AlwaysDenyRule()},
	}
}

func targetPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role.RegionScoped() {
					return inRegionSubtree(v)
				}
				return nil
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
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

func auditEventPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P { return entql.FieldEQ("actor_id", v.UserID) }),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(allowPurpose(viewer.PurposeAudit), ent.OpCreate),
			privacy.AlwaysDenyRule(),
		},
	}
}

func refreshTokenPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPurpose(viewer.PurposeAuth), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{allowPurpose(viewer.PurposeAuth), privacy.AlwaysDenyRule()},
	}
}
