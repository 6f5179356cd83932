package ratelimit

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hnvt/bairi/internal/testenv"
)

// sharedTable makes the tables on a fresh PostgreSQL database and returns
// instances on them, named by id, that sync by hand, without ticks, in one
// window that does not move. Each says it runs as it starts, as NewShared's
// do.
func sharedTable(t *testing.T) (*pgxpool.Pool, time.Time, func(id string) *Shared) {
	pool := testenv.NewPostgresPool(t)
	if err := createTables(context.Background(), pool); err != nil {
		t.Fatal(err)
	}
	at := time.Now()
	return pool, at, func(id string) *Shared {
		s := &Shared{pool: pool, now: func() time.Time { return at }, instance: id, pending: map[string]int64{}, totals: map[string]int64{}}
		if _, err := s.beat(context.Background()); err != nil {
			t.Fatal(err)
		}
		return s
	}
}

// syncAll syncs the instances in their order.
func syncAll(t *testing.T, ctx context.Context, instances ...*Shared) {
	t.Helper()
	for _, s := range instances {
		if err := s.sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// takeAll asks for a whole budget of k on s and says how much it allowed.
func takeAll(s *Shared, budget int) int {
	allowed := 0
	for range budget {
		if s.take("k", budget) {
			allowed++
		}
	}
	return allowed
}

// TestSharedNeverOvershoots: an instance alone never allows more than a
// window's budget, even while its counts are on their way to the table (a
// sync in flight). Before, the counts a sync had taken were in neither the
// instance's pending counts nor its totals until PostgreSQL answered, and a
// request arriving meanwhile was allowed over the budget (TestTwoInstances
// saw 6 checks of 5 pass). On PostgreSQL; it fails when it cannot run.
func TestSharedNeverOvershoots(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pool, at, instance := sharedTable(t)
	s, b := instance("a"), instance("b") // b runs too: a's counts travel to the table

	const budget = 50
	done, synced := make(chan struct{}), make(chan struct{})
	go func() { // a sync always in flight
		defer close(synced)
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := b.beat(ctx); err != nil {
				t.Error(err)
				return
			}
			if err := s.sync(ctx); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	var allowed atomic.Int64
	var takers sync.WaitGroup
	for range 4 {
		takers.Go(func() {
			for range 2000 {
				if s.take("k", budget) {
					allowed.Add(1)
				}
				time.Sleep(50 * time.Microsecond)
			}
		})
	}
	takers.Wait()
	close(done)
	<-synced
	if err := s.sync(ctx); err != nil { // the last counts reach the table
		t.Fatal(err)
	}
	if got := allowed.Load(); got != budget {
		t.Errorf("allowed %d requests, want the budget: %d", got, budget)
	}
	var n int64
	if err := pool.QueryRow(ctx, `SELECT n FROM rate_limit_counts WHERE key = 'k' AND window_start = $1`, windowOf(at)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != budget {
		t.Errorf("the table counts %d, want %d", n, budget)
	}
}

// TestSharedAcrossInstances: what one instance spends, another learns at
// its next sync (it reads back the keys another instance wrote last), and
// the budget is one for both. On PostgreSQL.
func TestSharedAcrossInstances(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, _, instance := sharedTable(t)
	a, b := instance("a"), instance("b")
	const budget = 5
	for i := range 3 {
		if !a.take("k", budget) {
			t.Fatalf("the first instance refused check %d of a budget of %d", i+1, budget)
		}
	}
	syncAll(t, ctx, a, b)
	if allowed := takeAll(b, budget); allowed != budget-3 {
		t.Errorf("the second instance allowed %d once the first had spent 3 of %d, want %d", allowed, budget, budget-3)
	}
	// and back: the first learns what the second spent after it
	syncAll(t, ctx, b, a)
	if a.take("k", budget) {
		t.Errorf("the first instance allowed a check once both had spent the budget between them")
	}
}

// TestSharedAloneKeepsItsCounts: an instance alone writes no counts to the
// table (nobody would read them) and still keeps the budget; when a second
// instance starts, the first's next sync brings the whole window's counts to
// the table, and the second allows only what is left of the budget. On
// PostgreSQL.
func TestSharedAloneKeepsItsCounts(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pool, _, instance := sharedTable(t)
	a := instance("a")
	const budget = 5
	for i := range 3 {
		if !a.take("k", budget) {
			t.Fatalf("refused check %d of a budget of %d", i+1, budget)
		}
		if err := a.sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var rows int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM rate_limit_counts`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 0 {
		t.Errorf("an instance alone wrote %d counts to the table, want none", rows)
	}
	if allowed := takeAll(a, budget); allowed != budget-3 {
		t.Errorf("alone, it allowed %d more once 3 of %d were spent, want %d", allowed, budget, budget-3)
	}

	b := instance("b")
	syncAll(t, ctx, a, b)
	if b.take("k", budget) {
		t.Errorf("a second instance allowed a check of a key the first had spent its budget on before it started")
	}
}
