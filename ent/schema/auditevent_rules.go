package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	"github.com/hnvt/bairi/internal/viewer"
)

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
