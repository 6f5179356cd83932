package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// userShapeHook keeps a user's links consistent with the role.
func userShapeHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.UserFunc(func(ctx context.Context, m *gen.UserMutation) (ent.Value, error) {
			role, ok := m.Role()
			if !ok && m.Op().Is(ent.OpUpdateOne) {
				if id, exists := m.ID(); exists {
					u, err := m.Client().User.Get(ctx, id)
					if err != nil {
						return nil, err
					}
					role = u.Role
				}
			}
			_, hasOrg := m.OrganizationID()
			if role == user.RoleINSTITUTION_STAFF && m.Op().Is(ent.OpCreate) && !hasOrg {
				return nil, fault.Input("organizationID", "institution staff need an organisation")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
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
					if err := requireRegionInSubtree(ctx, m.Client(), v, rid); err != nil {
						return err
					}
				}
				if oid, ok := m.OrganizationID(); ok {
					if err := requireOrgInSubtree(ctx, m.Client(), v, oid); err != nil {
						return err
					}
				}
				// A trainee account over a person reads all of the person's
				// records: only over a person registered in the subtree.
				if pid, ok := m.PersonID(); ok {
					if err := requirePersonInSubtree(ctx, m.Client(), v, pid); err != nil {
						return err
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
