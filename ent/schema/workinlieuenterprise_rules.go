package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// ledgerMutation is what the two ledger entities' mutations share.
type ledgerMutation interface {
	ent.Mutation
	RegionID() (int, bool)
	Client() *gen.Client
}

// ledgerCountyHook is R1's "each county keeps a ledger": the region of a
// ledger entry or of a ledger's completion is a county (县市区).
func ledgerCountyHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			lm, ok := m.(ledgerMutation)
			if !ok || !m.Op().Is(ent.OpCreate) {
				return next.Mutate(ctx, m)
			}
			rid, _ := lm.RegionID()
			r, err := lm.Client().Region.Get(ctx, rid)
			if err != nil {
				return nil, err
			}
			if r.Level != region.LevelCOUNTY {
				return nil, fault.Input("regionCode", "a 以工代训 ledger is kept by a county (县市区), not by %s", r.Name)
			}
			return next.Mutate(ctx, m)
		})
	}
}

// ledgerWrites lets region officials write the ledgers of the counties of
// their subtree (the admin passes the ViewerMixin); other rows look not found.
func ledgerWrites() privacy.MutationPolicy {
	return privacy.MutationPolicy{
		privacy.OnMutationOperation(privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
			v := viewer.FromContext(ctx)
			if v.Role != viewer.RegionOfficial {
				return privacy.Skip
			}
			lm := m.(ledgerMutation)
			rid, _ := lm.RegionID()
			if err := requireRegionInSubtree(ctx, lm.Client(), v, rid); err != nil {
				return err
			}
			return privacy.Allow
		}), ent.OpCreate),
		updateInSubtreeBy(viewer.RegionOfficial),
		privacy.AlwaysDenyRule(),
	}
}

func workInLieuEnterprisePolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedRead(scope{
			region: inRegionSubtree,
			// An enterprise's staff read their own entry.
			staff: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) },
		}),
		Mutation: ledgerWrites(),
	}
}

func countyLedgerPolicy() ent.Policy {
	return privacy.Policy{
		Query:    scopedRead(scope{region: inRegionSubtree}),
		Mutation: ledgerWrites(),
	}
}
