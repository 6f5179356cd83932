package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
)

// objectionHook: anyone objects to an application under public notice (the
// point of 公示), and to no other. An application in any other state looks
// like one that does not exist, word for word, so that objecting tells no
// one how an application stands. The objection takes the application's region.
func objectionHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.ObjectionFunc(func(ctx context.Context, m *gen.ObjectionMutation) (ent.Value, error) {
			aid, _ := m.ApplicationID()
			app, err := m.Client().SubsidyApplication.Query().Where(subsidyapplication.ID(aid),
				subsidyapplication.StateIn(lifecycle.As[subsidyapplication.State](lifecycle.Application.From("OBJECT"))...)).
				Only(viewer.WithPurpose(ctx, viewer.PurposePublicity))
			if gen.IsNotFound(err) {
				return nil, fault.New(fault.NotFound, "no application under public notice has this id")
			}
			if err != nil {
				return nil, err
			}
			m.SetRegionID(app.RegionID)
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

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
