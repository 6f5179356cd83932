package schema

import (
	"context"
	"github.com/hnvt/bairi/internal/viewer"

	"entgo.io/ent"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/internal/fault"
)

// campaignDatesHook refuses a campaign that ends before it starts.
func campaignDatesHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.CampaignFunc(func(ctx context.Context, m *gen.CampaignMutation) (ent.Value, error) {
			start, okS := m.StartsOn()
			end, okE := m.EndsOn()
			var err error
			if !okS && m.Op().Is(ent.OpUpdateOne) {
				if start, err = m.OldStartsOn(ctx); err != nil {
					return nil, err
				}
			}
			if !okE && m.Op().Is(ent.OpUpdateOne) {
				if end, err = m.OldEndsOn(ctx); err != nil {
					return nil, err
				}
			}
			if !end.After(start) {
				return nil, fault.Input("endsOn", "a campaign must end after it starts")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

func campaignPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowAnyViewer(), allowPurpose(viewer.PurposeProgress), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}
