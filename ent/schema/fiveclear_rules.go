package schema

import (
	"context"
	"time"

	"entgo.io/ent"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/fiveclear"
	"github.com/hnvt/bairi/ent/hook"
)

// fiveClearHook keeps one confirmation per enterprise and item: confirming
// an item again answers the first confirmation (who and when stay), and a
// new one records the viewer and the time.
func fiveClearHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.FiveClearFunc(func(ctx context.Context, m *gen.FiveClearMutation) (ent.Value, error) {
			oid, _ := m.OrganizationID()
			item, _ := m.Item()
			first, err := m.Client().FiveClear.Query().Where(fiveclear.OrganizationID(oid), fiveclear.ItemEQ(item)).Only(ctx)
			switch {
			case err == nil:
				return first, nil
			case !gen.IsNotFound(err):
				return nil, err
			}
			org, u, err := serviceBy(ctx, m.Client(), oid)
			if err != nil {
				return nil, err
			}
			m.SetRegionID(org.RegionID)
			m.SetConfirmedBy(u.ID)
			m.SetConfirmedByName(u.DisplayName)
			m.SetConfirmedAt(m.Clock.Now().Truncate(time.Microsecond)) // as the database keeps it
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}
