package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/notice"
	"github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/subsidyapplication"
)

// DeadlineArgs is the periodic scan of the R7 clocks.
type DeadlineArgs struct{}

// Kind names the job.
func (DeadlineArgs) Kind() string { return "deadline_scan" }

// deadlineWorker raises DUE_SOON and OVERDUE notices for officials.
type deadlineWorker struct {
	river.WorkerDefaults[DeadlineArgs]
	client *ent.Client
	log    *slog.Logger
}

// DueSoonWithin is how far ahead a clock counts as due soon.
const DueSoonWithin = 24 * time.Hour

// Work scans the applications whose clocks run and records each notice once.
func (w *deadlineWorker) Work(ctx context.Context, _ *river.Job[DeadlineArgs]) error {
	n, err := scanDeadlines(privacy.DecisionContext(ctx, privacy.Allow), w.client, time.Now())
	if err != nil {
		return err
	}
	if n > 0 {
		w.log.InfoContext(ctx, "deadline notices raised", "count", n)
	}
	return nil
}

// scanDeadlines is the system job behind the notices (privacy allowed).
func scanDeadlines(ctx context.Context, c *ent.Client, now time.Time) (int, error) {
	apps, err := c.SubsidyApplication.Query().Where(subsidyapplication.StateIn(
		subsidyapplication.StateACCEPTED, subsidyapplication.StateREVIEWED, subsidyapplication.StateIN_PUBLICITY,
		subsidyapplication.StateTRANSFERRED_TO_FINANCE)).All(ctx)
	if err != nil {
		return 0, err
	}
	raised := 0
	for _, a := range apps {
		type clock struct {
			name notice.Clock
			due  *time.Time
		}
		clocks := []clock{{notice.ClockHR, a.HrDueAt}}
		switch a.State {
		case subsidyapplication.StateACCEPTED:
			clocks = append(clocks, clock{notice.ClockREVIEW, a.ReviewDueAt})
		case subsidyapplication.StateTRANSFERRED_TO_FINANCE:
			clocks = []clock{{notice.ClockFINANCE, a.FinanceDueAt}}
		}
		for _, cl := range clocks {
			if cl.due == nil {
				continue
			}
			var kind notice.Kind
			switch {
			case now.After(*cl.due):
				kind = notice.KindOVERDUE
			case cl.due.Sub(now) < DueSoonWithin:
				kind = notice.KindDUE_SOON
			default:
				continue
			}
			exists, err := c.Notice.Query().Where(notice.ApplicationID(a.ID), notice.KindEQ(kind),
				notice.ClockEQ(cl.name), notice.DueAt(*cl.due)).Exist(ctx)
			if err != nil {
				return raised, err
			}
			if exists {
				continue
			}
			if err := c.Notice.Create().SetApplicationID(a.ID).SetRegionID(a.RegionID).SetKind(kind).
				SetClock(cl.name).SetDueAt(*cl.due).Exec(ctx); err != nil && !ent.IsConstraintError(err) {
				return raised, err
			}
			raised++
		}
	}
	return raised, nil
}

// jobs is the running River client.
type jobs interface{ Stop(context.Context) error }

// startJobs migrates River's tables and starts it on the same database:
// pgx for PostgreSQL, its SQLite driver for the embedded default.
func startJobs(ctx context.Context, client *ent.Client, pool *pgxpool.Pool, db *sql.DB, every time.Duration, log *slog.Logger) (jobs, error) {
	if pool != nil {
		return startRiver(ctx, riverpgxv5.New(pool), client, every, log)
	}
	return startRiver(ctx, riversqlite.New(db), client, every, log)
}

func startRiver[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], client *ent.Client, every time.Duration, log *slog.Logger) (jobs, error) {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return nil, err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("migrating the job tables: %w", err)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &deadlineWorker{client: client, log: log})
	rc, err := river.NewClient(driver, &river.Config{
		Logger:  log,
		Queues:  map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 1}},
		Workers: workers,
		PeriodicJobs: []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(every),
			func() (river.JobArgs, *river.InsertOpts) { return DeadlineArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true})},
	})
	if err != nil {
		return nil, err
	}
	if err := rc.Start(ctx); err != nil {
		return nil, err
	}
	return rc, nil
}
