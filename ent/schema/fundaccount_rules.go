package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	"github.com/hnvt/bairi/internal/money"
	"github.com/hnvt/bairi/internal/viewer"
)

func fundPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			allowPurpose(viewer.PurposeMoney), denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.FinanceOfficer || v.Role == viewer.RegionOfficial {
					return inRegionSubtree(v)
				}
				return nil
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			privacy.OnMutationOperation(allowPurpose(viewer.PurposeMoney), ent.OpCreate),
			allowAdmin(),
			// Those who move money (money.Movers) update their subtree's accounts.
			updateInSubtreeBy(money.Movers...),
			privacy.AlwaysDenyRule(),
		},
	}
}
