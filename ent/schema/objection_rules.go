package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	"github.com/hnvt/bairi/internal/viewer"
)

func objectionPolicy() ent.Policy {
	return privacy.Policy{
		// Its own start (not the ViewerMixin): anyone objects from the public page.
		Query: privacy.QueryPolicy{
			denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P {
				switch {
				case v.Role.RegionScoped():
					return inRegionSubtree(v)
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					return entql.HasEdgeWith("application", entql.FieldEQ("organization_id", v.OrgID))
				}
				return entql.FieldEQ("created_by", v.UserID)
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			privacy.OnMutationOperation(privacy.ContextQueryMutationRule(func(ctx context.Context) error {
				return privacy.Allow // anyone may object during the public notice, signed in or not
			}), ent.OpCreate),
			denyIfNoViewer(), allowAdmin(),
			updateInSubtreeBy(viewer.RegionOfficial),
			privacy.AlwaysDenyRule(),
		},
	}
}
