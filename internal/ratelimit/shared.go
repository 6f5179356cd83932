package ratelimit

import (
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Window is the period a shared budget counts over: the burst of a limiter
// (a quarter of its minute) may be spent in each window, by all the
// instances together.
const Window = 15 * time.Second

// syncEvery is how often an instance adds its counts to the shared ones
// and reads back everyone's: the most the instances together may overshoot
// a budget is what they allow in that time.
const syncEvery = 200 * time.Millisecond

// aliveFor is how long an instance counts as running after its last sync
// (ten syncs missed): while no other instance has synced within it, an
// instance keeps its counts to itself.
const aliveFor = 2 * time.Second

// Shared keeps the budgets of every instance of the product in the
// database they share (PostgreSQL): requests are counted per key and
// window in memory, added to a table every syncEvery, and checked against
// the sum the table returns, so that behind a load balancer a client has one
// budget however many instances answer it, while a request still costs no
// round trip to the database.
//
// Each sync first says that this instance runs (rate_limit_instances). An
// instance that finds no other running writes nothing else: its counts stay
// in memory, where the budgets are checked, until another instance appears,
// and then all of the window's go to the table at the next sync. One
// instance alone (the default deployment) so adds no rows to PostgreSQL for
// the busiest request of all: a certificate check spends a count for its
// client and one for its number, thousands a second, which would otherwise
// be written for nobody to read. A second instance learns the first's
// counts within two syncs of starting, as one started beside it does.
type Shared struct {
	pool *pgxpool.Pool
	log  *slog.Logger
	now  func() time.Time
	// instance names this instance in the rows it writes last.
	instance string

	mu      sync.Mutex
	window  int64
	pending map[string]int64 // counted here since the last sync
	totals  map[string]int64 // everyone's counts at the last sync
}

// NewShared creates the table (unlogged: budgets need not survive a crash)
// and syncs with it until ctx ends.
func NewShared(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) (*Shared, error) {
	if err := createTables(ctx, pool); err != nil {
		return nil, err
	}
	s := &Shared{pool: pool, log: log, now: time.Now, instance: rand.Text(), pending: map[string]int64{}, totals: map[string]int64{}}
	// Running from the start: an instance that started earlier shares
	// its counts at its next sync, before this one has answered much.
	if _, err := s.beat(ctx); err != nil {
		return nil, err
	}
	go s.run(ctx)
	return s, nil
}

// createTables makes the shared tables, or brings an earlier version's up
// to date.
func createTables(ctx context.Context, pool *pgxpool.Pool) error {
	// Half of each page is left free, and no index holds n, so that adding
	// to a count rewrites its row in place (a HOT update) instead of adding
	// entries to every index: a sync adds hundreds of counts five times a
	// second while checks are busy (an upsert of 800 counts: 7-10 ms with n
	// indexed, 4.2 ms without).
	// The sync reads a window's keys spent more than once, and the sweep
	// drops old windows: both by window, which the primary key (by key)
	// cannot find without reading every row of the last minute (a busy
	// minute of certificate checks holds a row per number checked). The
	// fill factor is set here, for a new table and an earlier version's
	// alike, which also loses its index that held n.
	// Each row names the instance that wrote it last (instance), so that a
	// sync reads back only what another instance changed: its own it has
	// from RETURNING.
	for _, stmt := range []string{`CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_counts (
		key text NOT NULL, window_start bigint NOT NULL, n bigint NOT NULL, PRIMARY KEY (key, window_start))`,
		`ALTER TABLE rate_limit_counts SET (fillfactor = 50)`,
		`ALTER TABLE rate_limit_counts ADD COLUMN IF NOT EXISTS instance text NOT NULL DEFAULT ''`,
		`DROP INDEX IF EXISTS rate_limit_counts_window`,
		`CREATE INDEX IF NOT EXISTS rate_limit_counts_by_window ON rate_limit_counts (window_start)`,
		`CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_instances (instance text PRIMARY KEY, seen_at timestamptz NOT NULL)`} {
		if _, err := pool.Exec(ctx, stmt); err != nil && !madeByAnother(err) {
			return err
		}
	}
	return nil
}

// beat notes that this instance runs (by the database's clock, which every
// instance shares) and says whether another has synced within aliveFor.
func (s *Shared) beat(ctx context.Context) (others bool, err error) {
	err = s.pool.QueryRow(ctx, `WITH beat AS (
			INSERT INTO rate_limit_instances (instance, seen_at) VALUES ($1, now())
			ON CONFLICT (instance) DO UPDATE SET seen_at = now())
		SELECT EXISTS (SELECT 1 FROM rate_limit_instances
			WHERE instance <> $1 AND seen_at > now() - $2::bigint * interval '1 millisecond')`,
		s.instance, aliveFor.Milliseconds()).Scan(&others)
	return others, err
}

func windowOf(t time.Time) int64 { return t.UnixNano() / int64(Window) }

// take counts one request against key unless the window's budget is spent.
func (s *Shared) take(key string, budget int) bool {
	w := windowOf(s.now())
	s.mu.Lock()
	defer s.mu.Unlock()
	if w != s.window {
		s.window, s.pending, s.totals = w, map[string]int64{}, map[string]int64{}
	}
	if s.totals[key]+s.pending[key] >= int64(budget) {
		return false
	}
	s.pending[key]++
	return true
}

func (s *Shared) run(ctx context.Context) {
	tick := time.NewTicker(syncEvery)
	defer tick.Stop()
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := s.sync(ctx); err != nil && ctx.Err() == nil && s.log != nil {
			s.log.Warn("rate limits: syncing with the other instances", "error", err)
		}
		if time.Since(last) > time.Minute {
			last = time.Now()
			_, _ = s.pool.Exec(ctx, `DELETE FROM rate_limit_counts WHERE window_start < $1`, windowOf(s.now())-1)
			_, _ = s.pool.Exec(ctx, `DELETE FROM rate_limit_instances WHERE seen_at < now() - interval '1 hour'`)
		}
	}
}

// sync says that this instance runs and, when another does too, adds this
// instance's counts to the table and reads everyone's back: the totals of
// the keys it added (RETURNING) and of every key another instance wrote
// last and spent more than once (a key another instance spends may come
// here next; a key this instance wrote last, it read back when it wrote
// it). A key this instance counted once before keeps its total until
// someone else spends it, when it is read back with the others spent
// twice. Alone, it keeps its counts pending: nobody would read them.
func (s *Shared) sync(ctx context.Context) error {
	if others, err := s.beat(ctx); err != nil || !others {
		return err
	}
	w := windowOf(s.now())
	s.mu.Lock()
	if w != s.window { // a new window: what was counted in the last one no longer matters
		s.window, s.pending, s.totals = w, map[string]int64{}, map[string]int64{}
	}
	pending := s.pending
	s.pending = map[string]int64{}
	for k, n := range pending { // still spent here while they travel to the table
		s.totals[k] += n
	}
	s.mu.Unlock()
	totals := map[string]int64{}
	if len(pending) > 0 {
		addKeys, addN := make([]string, 0, len(pending)), make([]int64, 0, len(pending))
		for k, n := range pending {
			addKeys, addN = append(addKeys, k), append(addN, n)
		}
		rows, err := s.pool.Query(ctx, `INSERT INTO rate_limit_counts (key, window_start, n, instance)
			SELECT k, $1, n, $4 FROM unnest($2::text[], $3::bigint[]) AS t(k, n)
			ON CONFLICT (key, window_start) DO UPDATE SET n = rate_limit_counts.n + EXCLUDED.n, instance = EXCLUDED.instance
			RETURNING key, n`, w, addKeys, addN, s.instance)
		if err == nil {
			err = readTotals(rows, totals)
		}
		if err != nil {
			s.mu.Lock()
			if s.window == w {
				for i, k := range addKeys { // counted again at the next sync
					s.pending[k] += addN[i]
					s.totals[k] -= addN[i]
				}
			}
			s.mu.Unlock()
			return err
		}
	}
	rows, err := s.pool.Query(ctx, `SELECT key, n FROM rate_limit_counts WHERE window_start = $1 AND n >= 2 AND instance <> $2`, w, s.instance)
	if err == nil {
		err = readTotals(rows, totals)
	}
	if err != nil {
		return err
	}
	s.mu.Lock()
	if s.window == w {
		for k, n := range totals {
			s.totals[k] = n
		}
	}
	s.mu.Unlock()
	return nil
}

// readTotals reads (key, n) rows into totals and closes them.
func readTotals(rows pgx.Rows, totals map[string]int64) error {
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		totals[k] = n
	}
	return rows.Err()
}

// madeByAnother says whether creating a table or an index failed because
// another instance, starting at the same moment, made it first (IF NOT
// EXISTS does not stop two creations racing).
func madeByAnother(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "42P07" || pg.Code == "23505")
}
