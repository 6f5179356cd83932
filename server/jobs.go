package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/apprenticeshipapplication"
	"github.com/hnvt/bairi/ent/fundadjustment"
	"github.com/hnvt/bairi/ent/notice"
	"github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/tenday"
	"github.com/hnvt/bairi/internal/tenday/reports"
	evidenceupload "github.com/hnvt/bairi/internal/upload"
)

// DeadlineArgs is the periodic scan of the R7 clocks.
type DeadlineArgs struct{}

// Kind names the job.
func (DeadlineArgs) Kind() string { return "deadline_scan" }

// deadlineWorker raises DUE_SOON and OVERDUE notices for officials.
type deadlineWorker struct {
	river.WorkerDefaults[DeadlineArgs]
	client *ent.Client
	clock  *clock.Clock
	log    *slog.Logger
}

// Work scans the applications whose clocks run and records each notice once.
func (w *deadlineWorker) Work(ctx context.Context, _ *river.Job[DeadlineArgs]) error {
	n, err := scanDeadlines(privacy.DecisionContext(ctx, privacy.Allow), w.client, w.clock.Now())
	if err != nil {
		return err
	}
	if n > 0 {
		w.log.InfoContext(ctx, "deadline notices raised", "count", n)
	}
	return nil
}

// scanDeadlines is the system job behind the notices (privacy allowed): for
// every clock that runs, of applications (subsidy and apprenticeship) and adjustments (internal/deadline
// says which), one DUE_SOON, one
// OVERDUE and, when the calendar lacks a year it counted over, one
// CALENDAR_MISSING notice per due time.
func scanDeadlines(ctx context.Context, c *ent.Client, now time.Time) (int, error) {
	apps, err := c.SubsidyApplication.Query().Where(subsidyapplication.StateIn(lifecycle.As[subsidyapplication.State](deadline.ApplicationStates)...)).All(ctx)
	if err != nil {
		return 0, err
	}
	adjs, err := c.FundAdjustment.Query().Where(fundadjustment.StateIn(lifecycle.As[fundadjustment.State](deadline.AdjustmentStates)...)).All(ctx)
	if err != nil {
		return 0, err
	}
	appr, err := c.ApprenticeshipApplication.Query().
		Where(apprenticeshipapplication.StateIn(lifecycle.As[apprenticeshipapplication.State](deadline.ApprenticeshipStates)...)).All(ctx)
	if err != nil {
		return 0, err
	}
	cal, err := deadline.Calendar(ctx, c)
	if err != nil {
		return 0, err
	}
	// timed is a record whose clocks run: an application, an adjustment or
	// an enterprise's application to train apprentices (one of the ids set).
	type timed struct {
		app, adj, appr, region int
		runs                   []deadline.Running
	}
	var all []timed
	for _, a := range apps {
		all = append(all, timed{app: a.ID, region: a.RegionID, runs: deadline.OfApplication(a)})
	}
	for _, a := range adjs {
		all = append(all, timed{adj: a.ID, region: a.RegionID, runs: deadline.OfAdjustment(a)})
	}
	for _, a := range appr {
		all = append(all, timed{appr: a.ID, region: a.RegionID, runs: deadline.OfApprenticeship(a)})
	}
	// The notices due now, each once: those already raised are read in one
	// statement (a province has tens of thousands of running clocks; asking
	// about each one was as many round trips every scan), the rest inserted
	// in batches.
	type key struct {
		app, adj, appr int
		kind           notice.Kind
		clock          notice.Clock
		due            int64 // microseconds, as the database keeps them
	}
	// wanted is a notice due now and how it is known.
	type wanted struct {
		key
		create *ent.NoticeCreate
	}
	var want []wanted
	var first, last time.Time
	for _, x := range all {
		for _, cl := range x.runs {
			var kinds []notice.Kind
			switch deadline.At(cl.Due, now) {
			case deadline.Overdue:
				kinds = append(kinds, notice.KindOVERDUE)
			case deadline.DueSoon:
				kinds = append(kinds, notice.KindDUE_SOON)
			}
			if deadline.Provisional(cal, cl.Due) {
				kinds = append(kinds, notice.KindCALENDAR_MISSING)
			}
			for _, kind := range kinds {
				if first.IsZero() || cl.Due.Before(first) {
					first = cl.Due
				}
				if cl.Due.After(last) {
					last = cl.Due
				}
				n := c.Notice.Create().SetAt(now).SetRegionID(x.region).SetKind(kind).SetClock(notice.Clock(cl.Clock)).SetDueAt(cl.Due)
				switch {
				case x.app != 0:
					n.SetApplicationID(x.app)
				case x.adj != 0:
					n.SetAdjustmentID(x.adj)
				default:
					n.SetApprenticeshipApplicationID(x.appr)
				}
				want = append(want, wanted{key{x.app, x.adj, x.appr, kind, notice.Clock(cl.Clock), cl.Due.UnixMicro()}, n})
			}
		}
	}
	if len(want) == 0 {
		return 0, nil
	}
	raisedBefore, err := c.Notice.Query().Where(notice.DueAtGTE(first), notice.DueAtLTE(last)).
		Select(notice.FieldApplicationID, notice.FieldAdjustmentID, notice.FieldApprenticeshipApplicationID,
			notice.FieldKind, notice.FieldClock, notice.FieldDueAt).All(ctx)
	if err != nil {
		return 0, err
	}
	known := make(map[key]bool, len(raisedBefore))
	for _, n := range raisedBefore {
		known[key{n.ApplicationID, n.AdjustmentID, n.ApprenticeshipApplicationID, n.Kind, n.Clock, n.DueAt.UnixMicro()}] = true
	}
	var missing []*ent.NoticeCreate
	for _, w := range want {
		if !known[w.key] {
			known[w.key] = true
			missing = append(missing, w.create)
		}
	}
	// A notice another scan raised meanwhile is skipped, not an error.
	const batch = 500
	for i := 0; i < len(missing); i += batch {
		if err := c.Notice.CreateBulk(missing[i:min(i+batch, len(missing))]...).OnConflict(entsql.DoNothing()).Exec(ctx); err != nil {
			return i, err
		}
	}
	return len(missing), nil
}

// TenDayArgs is the ten-day job (R9): on the 1st, 11th and 21st it freezes
// every region's report of the ten days before.
type TenDayArgs struct{}

// Kind names the job.
func (TenDayArgs) Kind() string { return "ten_day_reports" }

// tenDayWorker freezes the reports of the latest period at the rules'
// time, for the regions without one (run again, it makes none).
type tenDayWorker struct {
	river.WorkerDefaults[TenDayArgs]
	reports *reports.Service
	clock   *clock.Clock
	log     *slog.Logger
}

// Work freezes the latest period's reports.
func (w *tenDayWorker) Work(ctx context.Context, _ *river.Job[TenDayArgs]) error {
	now := w.clock.Now()
	p := tenday.Latest(now)
	n, err := w.reports.Generate(privacy.DecisionContext(ctx, privacy.Allow), p, now)
	if n > 0 {
		w.log.InfoContext(ctx, "ten-day reports frozen", "period", p.Start.String(), "count", n)
	}
	return err
}

// UploadExpiryArgs is the periodic expiry of abandoned uploads.
type UploadExpiryArgs struct{}

// Kind names the job.
func (UploadExpiryArgs) Kind() string { return "upload_expiry" }

// uploadExpiryWorker finishes the completions a stopped server left (their
// claim lapsed) and drops the parts of uploads left unfinished for a week.
type uploadExpiryWorker struct {
	river.WorkerDefaults[UploadExpiryArgs]
	uploads *evidenceupload.Service
	log     *slog.Logger
}

// Work expires the abandoned uploads.
func (w *uploadExpiryWorker) Work(ctx context.Context, _ *river.Job[UploadExpiryArgs]) error {
	// Real time: an evidence's creation time is the server's, not the rules' clock.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	finished, err := w.uploads.FinishInterrupted(ctx, time.Now())
	if finished > 0 {
		w.log.InfoContext(ctx, "interrupted completions finished", "count", finished)
	}
	if err != nil {
		return err
	}
	n, err := w.uploads.ExpireAbandoned(ctx, time.Now())
	if n > 0 {
		w.log.InfoContext(ctx, "abandoned uploads expired", "count", n)
	}
	return err
}

// VerifyEvidenceArgs asks for the verification of one assembled upload
// (internal/upload.Verify), off the request that completed it.
type VerifyEvidenceArgs struct {
	EvidenceID int `json:"evidence_id"`
}

// Kind names the job.
func (VerifyEvidenceArgs) Kind() string { return "evidence_verify" }

// InsertOpts puts verifications on a queue of their own: a long one does not
// hold the periodic jobs up, and each instance reads back at most
// verifyWorkers files at once.
func (VerifyEvidenceArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: verifyQueue} }

const (
	verifyQueue   = "verify"
	verifyWorkers = 2
)

// verifyWorker reads an assembled upload back, checks it and ends it
// VERIFIED or FAILED.
type verifyWorker struct {
	river.WorkerDefaults[VerifyEvidenceArgs]
	uploads *evidenceupload.Service
}

// Work verifies the evidence.
func (w *verifyWorker) Work(ctx context.Context, job *river.Job[VerifyEvidenceArgs]) error {
	return w.uploads.Verify(privacy.DecisionContext(ctx, privacy.Allow), job.Args.EvidenceID)
}

// Timeout is the verification's claim: reading a 4 GiB file back.
func (w *verifyWorker) Timeout(*river.Job[VerifyEvidenceArgs]) time.Duration { return 10 * time.Minute }

// RecheckArgs is the periodic integrity check of verified evidence.
type RecheckArgs struct{}

// Kind names the job.
func (RecheckArgs) Kind() string { return "evidence_recheck" }

// recheckWorker re-reads a sample of verified evidence by its pinned version
// (internal/upload.Recheck); what it finds is logged as an error, and
// evidence whose file is gone or altered is flagged TAMPERED for inspectors.
type recheckWorker struct {
	river.WorkerDefaults[RecheckArgs]
	uploads *evidenceupload.Service
	files   int
	log     *slog.Logger
}

// recheckBytes bounds what one run reads back (at least one file is read).
const recheckBytes = 2 << 30

// Work checks the next sample.
func (w *recheckWorker) Work(ctx context.Context, _ *river.Job[RecheckArgs]) error {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	checked, findings, err := w.uploads.Recheck(ctx, time.Now(), w.files, recheckBytes)
	for _, f := range findings {
		w.log.ErrorContext(ctx, "evidence integrity", "evidence", f.EvidenceID, "key", f.Key,
			"tampered", f.Tampered, "rewritten", f.Rewritten, "detail", f.Detail)
	}
	if checked > 0 {
		w.log.InfoContext(ctx, "evidence rechecked", "count", checked, "findings", len(findings))
	}
	return err
}

// jobs is the running River client.
type jobs interface{ Stop(context.Context) error }

// startJobs migrates River's tables and starts it on the same database:
// pgx for PostgreSQL, its SQLite driver for the embedded default.
func startJobs(ctx context.Context, client *ent.Client, pool *pgxpool.Pool, db *sql.DB, cfg *config, uploads *evidenceupload.Service,
	tendays *reports.Service, clk *clock.Clock, log *slog.Logger) (jobs, error) {
	workers := river.NewWorkers()
	river.AddWorker(workers, &tenDayWorker{reports: tendays, clock: clk, log: log})
	var tenDaySchedule river.PeriodicSchedule = tenday.Schedule{}
	if cfg.TenDayEvery > 0 {
		tenDaySchedule = river.PeriodicInterval(cfg.TenDayEvery)
	}
	river.AddWorker(workers, &deadlineWorker{client: client, clock: clk, log: log})
	river.AddWorker(workers, &uploadExpiryWorker{uploads: uploads, log: log})
	river.AddWorker(workers, &recheckWorker{uploads: uploads, files: cfg.RecheckFiles, log: log})
	river.AddWorker(workers, &verifyWorker{uploads: uploads})
	periodic := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(cfg.DeadlineScanEvery),
			func() (river.JobArgs, *river.InsertOpts) { return DeadlineArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(cfg.UploadExpiryEvery),
			func() (river.JobArgs, *river.InsertOpts) { return UploadExpiryArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(cfg.RecheckEvery),
			func() (river.JobArgs, *river.InsertOpts) { return RecheckArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		// On start too: a report day the server was down for is frozen when it comes back.
		river.NewPeriodicJob(tenDaySchedule,
			func() (river.JobArgs, *river.InsertOpts) { return TenDayArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
	}
	if pool != nil {
		return startRiver(ctx, riverpgxv5.New(pool), workers, periodic, uploads, log)
	}
	return startRiver(ctx, riversqlite.New(db), workers, periodic, uploads, log)
}

func startRiver[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], workers *river.Workers, periodic []*river.PeriodicJob,
	uploads *evidenceupload.Service, log *slog.Logger) (jobs, error) {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return nil, err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("migrating the job tables: %w", err)
	}
	rc, err := river.NewClient(driver, &river.Config{
		Logger:       log,
		Queues:       map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 1}, verifyQueue: {MaxWorkers: verifyWorkers}},
		Workers:      workers,
		PeriodicJobs: periodic,
	})
	if err != nil {
		return nil, err
	}
	if err := rc.Start(ctx); err != nil {
		return nil, err
	}
	uploads.Enqueue = func(ctx context.Context, id int) error {
		_, err := rc.Insert(ctx, VerifyEvidenceArgs{EvidenceID: id}, nil)
		return err
	}
	return rc, nil
}
