package schema

import (
	"context"

	"entgo.io/ent"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/fundadjustment"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/sessions"
)

// calendarChangedHook: a year entered, corrected or removed drops the
// calendar every instance remembers (deadline.CachedCalendar) once the
// change commits, as a session change is (sessions_rules.go).
func calendarChangedHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			hm := m.(*gen.HolidayYearMutation)
			return v, sessionsChanged(ctx, hm.Sessions, hm, []int{sessions.ValuesUser})
		})
	}
}

// recountClocksHook: once a year of the holiday arrangement is entered or
// corrected, the running clocks of applications and adjustments are counted
// again with it, in the same transaction (their due times were provisional
// or are now wrong).
func recountClocksHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			c := m.(*gen.HolidayYearMutation).Client()
			cal, err := deadline.Calendar(ctx, c)
			if err != nil {
				return nil, err
			}
			apps, err := c.SubsidyApplication.Query().
				Where(subsidyapplication.StateIn(lifecycle.As[subsidyapplication.State](deadline.ApplicationStates)...)).All(ctx)
			if err != nil {
				return nil, err
			}
			for _, a := range apps {
				dues := deadline.Recount(a, cal)
				if len(dues) == 0 {
					continue
				}
				u := c.SubsidyApplication.UpdateOne(a)
				for name, d := range dues {
					switch name {
					case deadline.Acceptance:
						u.SetAcceptanceDueAt(d)
					case deadline.Review:
						u.SetReviewDueAt(d)
					case deadline.Publicity:
						u.SetPublicityDueAt(d)
					case deadline.Handover:
						u.SetHandoverDueAt(d)
					case deadline.HR:
						u.SetHrDueAt(d)
					case deadline.Finance:
						u.SetFinanceDueAt(d)
					}
				}
				if err := u.Exec(ctx); err != nil {
					return nil, err
				}
			}
			adjs, err := c.FundAdjustment.Query().
				Where(fundadjustment.StateIn(lifecycle.As[fundadjustment.State](deadline.AdjustmentStates)...)).All(ctx)
			if err != nil {
				return nil, err
			}
			for _, a := range adjs {
				dues := deadline.RecountAdjustment(a, cal)
				if len(dues) == 0 {
					continue
				}
				u := c.FundAdjustment.UpdateOne(a)
				if d, ok := dues[deadline.HR]; ok {
					u.SetHrDueAt(d)
				}
				if d, ok := dues[deadline.Finance]; ok {
					u.SetFinanceDueAt(d)
				}
				if err := u.Exec(ctx); err != nil {
					return nil, err
				}
			}
			return v, nil
		})
	}
}
