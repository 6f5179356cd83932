package schema

import (
	"context"
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/viewer"
)

// noticeScope: officials see their subtree's notices, staff their own
// applications'.
var noticeScope = scope{region: inRegionSubtree,
	staff: func(v *viewer.Viewer) entql.P {
		return entql.HasEdgeWith("application", entql.FieldEQ("organization_id", v.OrgID))
	}}

// noticePolicy: the deadline job (a system job) writes notices; a viewer
// only marks the notices they see as read by themselves.
func noticePolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedQuery(noticeScope),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(),
			genprivacy.NoticeMutationRuleFunc(func(ctx context.Context, m *gen.NoticeMutation) error {
				v := viewer.FromContext(ctx)
				if m.Op().Is(ent.OpUpdate) && len(m.Fields()) == 0 && len(m.RemovedEdges()) == 0 &&
					slices.Equal(m.AddedEdges(), []string{"read_by"}) && slices.Equal(m.ReadByIDs(), []int{v.UserID}) {
					return privacy.Skip
				}
				return privacy.Denyf("notices are raised by the deadline job; a user only marks them read")
			}),
			allowAdmin(),
			scoped(noticeScope),
			privacy.AlwaysDenyRule(),
		},
	}
}
