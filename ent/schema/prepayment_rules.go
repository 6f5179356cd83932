package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/prepayment"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
)

func prepaymentPolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedQuery(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P { return entql.HasEdgeWith("class", classOfOrg(v)) }}),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			// Supervision failures mark prepayments for recovery, whoever records them.
			privacy.OnMutationOperation(allowPurpose(viewer.PurposeMoney), ent.OpUpdateOne),
			allowAdmin(),
			genprivacy.PrepaymentMutationRuleFunc(func(ctx context.Context, m *gen.PrepaymentMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.FinanceOfficer || !m.Op().Is(ent.OpCreate) {
					return privacy.Skip
				}
				rid, _ := m.RegionID()
				if err := requireRegionInSubtree(ctx, m.Client(), v, rid); err != nil {
					return err
				}
				return privacy.Allow
			}),
			updateInSubtreeBy(viewer.FinanceOfficer),
			privacy.AlwaysDenyRule(),
		},
	}
}

// markForRecovery turns a class's paid prepayment into an amount to recover
// when the class fails supervision (R6, R11).
func markForRecovery(ctx context.Context, c *gen.Client, classID int, reason string) error {
	mctx := viewer.WithPurpose(ctx, viewer.PurposeMoney)
	pre, err := c.Prepayment.Query().Where(prepayment.ClassID(classID), prepayment.StatusEQ(prepayment.StatusPAID)).Only(mctx)
	if gen.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return c.Prepayment.UpdateOne(pre).SetStatus(prepayment.StatusTO_RECOVER).SetRecoverableFen(pre.AmountFen).
		SetRecoveryReason(reason).Exec(mctx)
}

// prepaymentTransitionHook keeps the prepayment's state machine
// (lifecycle.Prepayment) honest: settled or marked for recovery while paid,
// recovered once marked.
func prepaymentTransitionHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.PrepaymentFunc(func(ctx context.Context, m *gen.PrepaymentMutation) (ent.Value, error) {
			if to, ok := m.Status(); ok {
				old, err := m.OldStatus(ctx)
				if err != nil {
					return nil, err
				}
				if err := lifecycle.Prepayment.Check(string(old), string(to)); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpUpdateOne)
}
