package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"github.com/hnvt/bairi/internal/viewer"
)

func idempotencyPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPurpose(viewer.PurposeMoney), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{allowPurpose(viewer.PurposeMoney), privacy.AlwaysDenyRule()},
	}
}
