package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	"github.com/hnvt/bairi/internal/viewer"
)

// noticePolicy: officials see their subtree's notices, staff their own
// applications'; only the deadline job (a system job) writes them.
func noticePolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedQuery(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P {
				return entql.HasEdgeWith("application", entql.FieldEQ("organization_id", v.OrgID))
			}}),
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}
