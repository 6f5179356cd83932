package schema

import (
	"context"
	"regexp"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// monthPattern is a calendar month, 2020-10.
var monthPattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// summonsHook: a summons is confirmed with a reason (required), by whom and
// when recorded; it is never changed afterwards (the policy refuses updates
// and deletes).
func summonsHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.SummonsFunc(func(ctx context.Context, m *gen.SummonsMutation) (ent.Value, error) {
			reason, _ := m.Reason()
			if reason = strings.TrimSpace(reason); reason == "" {
				return nil, fault.Input("reason", "say why the region is summoned")
			}
			m.SetReason(reason)
			m.SetConfirmedBy(viewer.FromContext(ctx).UserID)
			m.SetConfirmedAt(m.Clock.Now())
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// summonsPolicy: the officials (and finance officers and inspectors) of a
// region and above read its summonses; the level above confirms one (the
// province admin any region's, a region's officials a region strictly below
// theirs); nobody changes or deletes one.
func summonsPolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedQuery(scope{region: inRegionSubtree}),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(),
			privacy.DenyMutationOperationRule(ent.OpUpdate | ent.OpUpdateOne | ent.OpDelete | ent.OpDeleteOne),
			allowAdmin(),
			privacy.OnMutationOperation(genprivacy.SummonsMutationRuleFunc(func(ctx context.Context, m *gen.SummonsMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.RegionOfficial {
					return privacy.Denyf("the level above confirms a summons")
				}
				id, _ := m.RegionID()
				if id == v.RegionID {
					return privacy.Denyf("a region is summoned by the level above, not by itself")
				}
				if err := requireRegionInSubtree(ctx, m.Client(), v, id); err != nil {
					return err
				}
				return privacy.Allow
			}), ent.OpCreate),
			privacy.AlwaysDenyRule(),
		},
	}
}
