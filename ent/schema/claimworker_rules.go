package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	"github.com/hnvt/bairi/internal/viewer"
)

// claimWorkerPolicy: a claim's workers are written as the claim is
// submitted (PurposeClaim) and their keys cleared when it is rejected;
// reading follows the application, except that a claim being submitted
// looks up the same workers' other claims (PurposeClaim: held, the cap).
func claimWorkerPolicy() ent.Policy {
	return privacy.Policy{
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposeClaim)}, scopedQuery(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) }})...),
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(allowPurpose(viewer.PurposeClaim), ent.OpCreate|ent.OpUpdate),
			privacy.AlwaysDenyRule(),
		},
	}
}
