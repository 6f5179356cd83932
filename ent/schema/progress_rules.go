package schema

import (
	"context"

	"entgo.io/ent"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/progress"
)

// The hooks that keep the progress counters (internal/progress, one
// counting rule per target) as the records they count change, in the same
// transaction.

// classProgressHook counts a class as it completes (T2, T3, T4).
func classProgressHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TrainingClassFunc(func(ctx context.Context, m *gen.TrainingClassMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if to, ok := m.Status(); err != nil || !ok || to != trainingclass.StatusCOMPLETED {
				return v, err
			}
			return v, progress.ClassCompleted(ctx, m.Client(), v.(*gen.TrainingClass).ID)
		})
	}, ent.OpUpdateOne)
}

// claimProgressHook counts the workers of a 以工代训 claim as it is paid (T1).
func claimProgressHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.SubsidyApplicationFunc(func(ctx context.Context, m *gen.SubsidyApplicationMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if to, ok := m.State(); err != nil || !ok || to != subsidyapplication.StatePAID {
				return v, err
			}
			return v, progress.ClaimPaid(ctx, m.Client(), v.(*gen.SubsidyApplication))
		})
	}, ent.OpUpdateOne)
}

// fundProgressHook counts each line of a special account's ledger (T7 and
// the money allocated).
func fundProgressHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.FundEntryFunc(func(ctx context.Context, m *gen.FundEntryMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			return v, progress.FundMoved(ctx, m.Client(), v.(*gen.FundEntry))
		})
	}, ent.OpCreate)
}
