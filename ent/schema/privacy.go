package schema

import (
	"context"
	"slices"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema/mixin"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/person"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

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

// allowPurposeWhere lets a narrow system task read the rows where the
// predicate holds, and no other.
func allowPurposeWhere(p viewer.Purpose, where entql.P) privacy.QueryMutationRule {
	return genprivacy.FilterFunc(func(ctx context.Context, f genprivacy.Filter) error {
		if !viewer.HasPurpose(ctx, p) {
			return privacy.Skip
		}
		f.Where(where)
		return privacy.Allow
	})
}

// inRegionSubtree is the predicate "the entity's region lies in the
// viewer's subtree": its region_id among the subtree's ids when the session
// read them, else its region's path under the viewer's. The ids plan well
// under a prepared statement's generic plan; the path match, with the
// prefix bound, does not (PostgreSQL expects one region of it, and read the
// rows of each region to find the page's 20 classes: 2 ms a page, and the
// review queue 3 ms planned afresh each time).
func inRegionSubtree(v *viewer.Viewer) entql.P {
	if v.Subtree != nil {
		return entql.FieldIn("region_id", toAny(v.Subtree)...)
	}
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

// scoped is the usual read rule: every viewer other than the admin reads
// the rows of their scope; the rest falls through (to deny).
func scoped(sc scope) privacy.QueryMutationRule {
	return filterBy(func(v *viewer.Viewer) entql.P {
		switch {
		case v.Role.RegionScoped() && sc.region != nil:
			return sc.region(v)
		case v.Role == viewer.InstitutionStaff && v.OrgID != 0 && sc.staff != nil:
			return sc.staff(v)
		case v.Role == viewer.Trainee && v.PersonID != 0 && sc.trainee != nil:
			return sc.trainee(v)
		}
		return nil
	})
}

// scopedQuery is the usual read policy for entities without the
// ViewerMixin: no viewer is denied, the admin sees all, every other viewer
// the rows of their scope, and the rest is denied.
func scopedQuery(sc scope) privacy.QueryPolicy {
	return privacy.QueryPolicy{denyIfNoViewer(), allowAdmin(), scoped(sc), privacy.AlwaysDenyRule()}
}

// updateInSubtreeBy lets viewers of the given roles update single rows of
// their region's subtree (other rows look not found).
func updateInSubtreeBy(roles ...viewer.Role) privacy.MutationRule {
	return privacy.OnMutationOperation(filterBy(func(v *viewer.Viewer) entql.P {
		if slices.Contains(roles, v.Role) {
			return inRegionSubtree(v)
		}
		return nil
	}), ent.OpUpdateOne)
}

// scopedRead is the usual read policy of an entity with the ViewerMixin:
// every viewer reads the rows of their scope, the rest is denied.
func scopedRead(sc scope) privacy.QueryPolicy {
	return privacy.QueryPolicy{scoped(sc), privacy.AlwaysDenyRule()}
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

// requireRegionInSubtree is the named rule "the region lies in the viewer's
// subtree": nil when it does, a privacy denial when it does not.
func requireRegionInSubtree(ctx context.Context, c *gen.Client, v *viewer.Viewer, regionID int) error {
	path, err := regionPath(ctx, c, regionID)
	if err != nil {
		return err
	}
	if !v.InSubtree(path) {
		return privacy.Denyf("region outside the viewer's subtree")
	}
	return nil
}

// outOfScope is the refusal of a link to a record outside the viewer's
// scope: word for word the NOT_FOUND of a record that does not exist, so
// that the refusal does not confirm that it does. A mutation that links two
// records checks the viewer's scope over both ends, and refuses so when the
// end to link is out of it. (Regions, which every viewer reads, are refused
// by a privacy denial instead: FORBIDDEN.)
func outOfScope() error { return fault.New(fault.NotFound, "not found") }

// requireOrgInSubtree is the named rule "the organisation lies in the
// viewer's subtree": nil when it does, outOfScope when it does not (or does
// not exist).
func requireOrgInSubtree(ctx context.Context, c *gen.Client, v *viewer.Viewer, orgID int) error {
	found, err := c.Organization.Query().Where(organization.ID(orgID),
		organization.HasRegionWith(region.PathHasPrefix(v.RegionPath))).Exist(ctx)
	if err != nil {
		return err
	}
	if !found {
		return outOfScope()
	}
	return nil
}

// requirePersonInSubtree is the named rule "the person is registered in the
// viewer's subtree" (their region lies in it): nil when they are,
// outOfScope when they are not (or do not exist). It is stricter than
// reading the person, which an official may also do for a person enrolled
// in a class of their subtree: what is linked to the person (a trainee
// account) reaches all of their records.
func requirePersonInSubtree(ctx context.Context, c *gen.Client, v *viewer.Viewer, personID int) error {
	found, err := c.Person.Query().Where(person.ID(personID),
		person.HasRegionWith(region.PathHasPrefix(v.RegionPath))).Exist(ctx)
	if err != nil {
		return err
	}
	if !found {
		return outOfScope()
	}
	return nil
}

// requirePersonReadable is the named rule "the viewer may read the person"
// (the person policy): nil when they may, outOfScope when they may not (or
// the person does not exist). A context with viewer.PurposeEnroll passes
// for a person matched by ID number and name.
func requirePersonReadable(ctx context.Context, c *gen.Client, personID int) error {
	found, err := c.Person.Query().Where(person.ID(personID)).Exist(ctx)
	if err != nil {
		return err
	}
	if !found {
		return outOfScope()
	}
	return nil
}

// requireRegionInOrgSubtree is the named rule for institution staff "the
// region lies in the subtree of the viewer's organisation's region": nil
// when it does, a privacy denial when it does not.
func requireRegionInOrgSubtree(ctx context.Context, c *gen.Client, v *viewer.Viewer, regionID int) error {
	org, err := c.Organization.Query().Where(organization.ID(v.OrgID)).WithRegion().Only(ctx)
	if err != nil {
		if gen.IsNotFound(err) {
			return privacy.Denyf("the viewer's organisation is not readable")
		}
		return err
	}
	path, err := regionPath(ctx, c, regionID)
	if err != nil {
		return err
	}
	if org.Edges.Region == nil || !strings.HasPrefix(path, org.Edges.Region.Path) {
		return privacy.Denyf("region outside the organisation's subtree")
	}
	return nil
}

// NullWhenUnreadable marks a required unique edge whose end a viewer who
// reads the edge's start may still not read (the read rules of the two
// entities differ): its GraphQL field is nullable (entc.go's schema hook),
// and the GraphQL layer answers it null, without an error, when the end is
// filtered out or denied (graph.nullUnreadable). An edge into rows that a
// viewer of the start may read anyway needs no mark. A list edge into an
// entity that denies some readers of the start outright is not generated
// (entgql.SkipType: eager loading would fail the whole query) but declared
// nullable in graph/*.graphqls and loaded by its own resolver.
type NullWhenUnreadable struct{}

// Name of the annotation, as entc.go's schema hook looks it up.
func (NullWhenUnreadable) Name() string { return "NullWhenUnreadable" }

// ViewerMixin is the start that most policies share (after ent's
// privacytenant example): anonymous requests are denied and the province
// admin is allowed, before the entity's own rules. Entities whose first rule
// lets a system purpose through without a viewer (signing in, the audit
// trail, the public certificate check, money) or that refuse the admin some
// operation write their own start instead.
type ViewerMixin struct{ mixin.Schema }

// Policy of the ViewerMixin.
func (ViewerMixin) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{denyIfNoViewer(), allowAdmin()},
		Mutation: privacy.MutationPolicy{denyIfNoViewer(), allowAdmin()},
	}
}

// adminWritesAnyoneReads is the policy of reference data (with the
// ViewerMixin): any signed-in user reads it, the admin alone writes it.
func adminWritesAnyoneReads() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowAnyViewer(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}

func toAny[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
