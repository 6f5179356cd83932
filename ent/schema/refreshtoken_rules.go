package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"github.com/hnvt/bairi/internal/viewer"
)

func refreshTokenPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPurpose(viewer.PurposeAuth), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{allowPurpose(viewer.PurposeAuth), privacy.AlwaysDenyRule()},
	}
}
