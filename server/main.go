// Command server runs the product: the GraphQL API, evidence storage URLs and
// the PWA, on PostgreSQL or (with no configuration) SQLite and a local directory.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/migrate"
	"github.com/hnvt/bairi/graph"
	"github.com/hnvt/bairi/internal/apprenticeship"
	"github.com/hnvt/bairi/internal/auth"
	"github.com/hnvt/bairi/internal/certificates"
	"github.com/hnvt/bairi/internal/certification/filing"
	"github.com/hnvt/bairi/internal/certsign"
	"github.com/hnvt/bairi/internal/classes"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/contracting"
	"github.com/hnvt/bairi/internal/logredact"
	"github.com/hnvt/bairi/internal/money"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/ratelimit"
	"github.com/hnvt/bairi/internal/sessions"
	"github.com/hnvt/bairi/internal/tenday/bulletin"
	"github.com/hnvt/bairi/internal/tenday/reports"
	evidenceupload "github.com/hnvt/bairi/internal/upload"
	"github.com/hnvt/bairi/internal/workinlieu"
	"github.com/hnvt/bairi/storage"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	budgetGC(os.Args, os.Getenv)
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// budgetGC makes a serving process's garbage collector spend memory instead
// of CPU, within the memory an instance is meant to take: it collects when
// the heap has grown by three times what is live (GOGC=300, against Go's
// 100), and sooner as the process nears 75 MiB (a soft limit, GOMEMLIMIT).
// At 100 clients a class page cost 1,900 us of server CPU and 1,520 us
// with these. The peak RSS is about the soft limit and 63 MB (the mapped
// binary, stacks): at 100 clients of application pages, 154-157 MB under
// 90 MiB, 144 MB under 80 and 134-136 MB under 70, at the same CPU per page
// within the noise (982-1,062 us). GOGC and GOMEMLIMIT, when
// set, decide instead. A command (bench-data, unlock) keeps Go's defaults.
func budgetGC(args []string, getenv func(string) string) {
	if len(args) > 1 {
		return
	}
	if getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(75 << 20)
	}
}

// app holds what the routes need.
type app struct {
	cfg      *config
	log      *slog.Logger
	client   *ent.Client
	ping     func(context.Context) error
	store    storage.Store
	local    *storage.Local
	auth     *auth.Service
	signer   *certsign.Signer
	certs    *certificates.Service
	resolver *graph.Resolver
	graphql  http.Handler
	clock    *clock.Clock
	// fonts are the bulletin PDF's fonts, read at the first PDF.
	fonts pdfFonts
}

// run starts the server and blocks until ctx ends, then shuts down gracefully.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	return runWith(ctx, args, getenv, stdout, nil)
}

// runWith is run with the clock the rules read (nil: the system time); tests
// pass one they can move.
func runWith(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer, clk *clock.Clock) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	if len(args) > 1 {
		return command(ctx, cfg, args[1:], stdout)
	}
	logger := newLogger(stdout)
	if cfg.TestClock {
		if clk == nil {
			clk = &clock.Clock{}
		}
		logger.Warn("TEST_CLOCK=1: loopback clients may move the clock of the rules (POST /testing/clock); never in production")
	}

	// Live sessions are remembered here, and forgotten on every instance when they change.
	sess := sessions.New(cfg.DatabaseURL != "", logger)
	client, db, dialectName, pool, err := openDatabasePool(ctx, cfg.DatabaseURL, cfg.DataDir, ent.Settings(cfg.Settings), ent.Clock(clk), ent.Sessions(sess))
	if err != nil {
		return err
	}
	defer client.Close()
	// With PostgreSQL, other instances may share the database: they hear of
	// ended sessions and share the public rate limits through it.
	var shared *ratelimit.Shared
	var checkPool *pgxpool.Pool
	if pool != nil {
		if checkPool, err = openCheckPool(ctx, pool); err != nil {
			return fmt.Errorf("connecting to PostgreSQL: %w", err)
		}
		defer checkPool.Close()
		listenCtx, stopListening := context.WithCancel(context.WithoutCancel(ctx))
		defer stopListening()
		go sess.Listen(listenCtx, pool)
		if shared, err = ratelimit.NewShared(listenCtx, pool, logger); err != nil {
			return fmt.Errorf("sharing rate limits: %w", err)
		}
	}
	if err := client.Schema.Create(ctx, migrate.WithDropIndex(false), migrate.WithDropColumn(false)); err != nil {
		return fmt.Errorf("migrating the %s schema: %w", dialectName, err)
	}
	if err := dropSupersededIndexes(ctx, db); err != nil {
		return err
	}
	if err := seed(ctx, client, cfg.BootstrapAdminPassword, stdout); err != nil {
		return err
	}
	if err := backfillProgress(ctx, client); err != nil {
		return fmt.Errorf("counting the campaign's progress: %w", err)
	}

	a := &app{cfg: cfg, log: logger, client: client, ping: db.PingContext, clock: clk}
	if err := a.openStorage(ctx); err != nil {
		return err
	}
	cipher, err := pii.New(cfg.DataKey)
	if err != nil {
		return err
	}
	keys, err := auth.NewKeys(cfg.JWTSecret, cfg.JWTPreviousSecrets...)
	if err != nil {
		return err
	}
	a.auth = auth.NewService(client, keys)
	a.auth.Log = logger
	a.auth.Sessions = sess
	if a.signer, err = certsign.New(cfg.CertSigningSeed); err != nil {
		return err
	}
	a.certs = &certificates.Service{Client: client, PII: cipher, Signer: a.signer, PublicURL: cfg.PublicURL,
		Limiter: ratelimit.New(cfg.VerifyPerMinute, cfg.VerifyPerNumber).Share(shared, "verify"), Clock: clk, Pool: checkPool}
	a.resolver = &graph.Resolver{Client: client, Auth: a.auth, PII: cipher, Clock: clk, Certificates: a.certs,
		Classes:        &classes.Service{Client: client, PII: cipher, Clock: clk},
		WorkInLieu:     &workinlieu.Service{Client: client, Clock: clk, PII: cipher},
		Apprenticeship: &apprenticeship.Service{Client: client, Clock: clk, PII: cipher},
		Filing:         &filing.Service{Client: client, Store: a.store},
		Reports:        &reports.Service{Client: client},
		Contracts:      &contracting.Service{Client: client, Clock: clk},
		Bulletin:       &bulletin.Service{Client: client},
		Money:          &money.Service{Client: client, LockRows: dialectName == "postgres", Clock: clk},
		Upload:         &evidenceupload.Service{Client: client, Store: a.store, Settings: cfg.Settings, Clock: clk},
		Public:         ratelimit.New(cfg.VerifyPerMinute, cfg.VerifyPerNumber).Share(shared, "public")}
	a.graphql = graph.NewHandler(a.resolver, graph.Options{Introspection: cfg.Dev, Logger: logger})

	// Deadline work runs on River, on the same database.
	jobCtx, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer stopJobs()
	bg, err := startJobs(jobCtx, client, pool, db, cfg, a.resolver.Upload, a.resolver.Reports, clk, logger)
	if err != nil {
		return fmt.Errorf("starting background jobs: %w", err)
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = bg.Stop(sctx)
	}()

	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("HTTP_ADDR: %w", err)
	}
	srv := &http.Server{
		Handler:           a.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	fmt.Fprintf(stdout, "listening on http://%s (database: %s, storage: %s)\n", ln.Addr(), dialectName, a.storageKind())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// newLogger is the logger of the server and its commands: JSON lines, with
// ID numbers, mobile numbers, tokens and passwords redacted (logredact).
func newLogger(w io.Writer) *slog.Logger {
	return slog.New(logredact.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})))
}

func (a *app) storageKind() string {
	if a.local != nil {
		return "local directory"
	}
	return "S3 " + a.cfg.S3Endpoint
}

// openStorage opens S3 when S3_ENDPOINT is set, else the local directory.
func (a *app) openStorage(ctx context.Context) error {
	if a.cfg.S3Endpoint != "" {
		s, err := storage.NewS3(storage.S3Config{
			Endpoint: a.cfg.S3Endpoint, AccessKey: a.cfg.S3AccessKey, SecretKey: a.cfg.S3SecretKey,
			Bucket: a.cfg.S3Bucket, Region: a.cfg.S3Region, UseSSL: a.cfg.S3UseSSL,
		})
		if err != nil {
			return fmt.Errorf("S3 storage: %w", err)
		}
		a.store = s
	} else {
		secret, err := secretFromEnvOrFile("", filepath.Join(a.cfg.DataDir, "storage-secret"))
		if err != nil {
			return err
		}
		l, err := storage.NewLocal(storage.LocalOptions{Dir: filepath.Join(a.cfg.DataDir, "objects"), Secret: secret})
		if err != nil {
			return err
		}
		a.store, a.local = l, l
	}
	// Storage may still be starting (compose starts everything at once): retry for a minute.
	ectx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for {
		err := a.store.EnsureBucket(ectx)
		if err == nil {
			a.checkStorageGuards(ctx)
			return nil
		}
		select {
		case <-ectx.Done():
			return fmt.Errorf("preparing evidence storage: %w", err)
		case <-time.After(time.Second):
			a.log.Warn("evidence storage not ready, retrying", "error", err.Error())
		}
	}
}

// checkStorageGuards says in the log what would let these storage
// credentials hide or delete evidence (storage.S3.CheckGuards): the server
// still starts, its reads being pinned to the verified versions.
func (a *app) checkStorageGuards(ctx context.Context) {
	s, ok := a.store.(*storage.S3)
	if !ok {
		return
	}
	missing, err := s.CheckGuards(ctx)
	if err != nil {
		a.log.Warn("evidence storage guards could not be checked", "error", err.Error())
		return
	}
	for _, m := range missing {
		a.log.Warn("evidence storage guard missing", "problem", m)
	}
	if len(missing) == 0 {
		a.log.Info("evidence storage guards in place: Object Lock, no delete markers")
	}
}

// command runs a one-off administrative command instead of the server:
//
//	server unlock USER   lift a sign-in lock (a locked province admin with no other admin)
func command(ctx context.Context, cfg *config, args []string, stdout io.Writer) error {
	switch {
	case args[0] == "unlock" && len(args) == 2:
		client, db, _, pool, err := openDatabasePool(ctx, cfg.DatabaseURL, cfg.DataDir)
		if err != nil {
			return err
		}
		defer client.Close()
		defer db.Close()
		if pool != nil {
			defer pool.Close()
		}
		logger := newLogger(stdout)
		if err := (&auth.Service{Client: client, Log: logger}).Unlock(ctx, args[1]); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s may sign in again\n", args[1])
		return nil
	case args[0] == "bench-data" && len(args) <= 2:
		return benchData(ctx, cfg, args[1:], stdout)
	default:
		return fmt.Errorf("unknown command %q (commands: unlock USER, bench-data [SCALE])", strings.Join(args, " "))
	}
}
