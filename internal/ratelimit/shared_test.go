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

// sharedTable makes the table on a fresh PostgreSQL database (NewShared,
// whose syncs are stopped at once) and returns instances on it, named by
// id, that sync by hand, without ticks, in one window that does not move.
func sharedTable(t *testing.T) (*pgxpool.Pool, time.Time, func(id string) *Shared) {
	pool := testenv.NewPostgresPool(t)
	ctx, stop := context.WithCancel(context.Background())
	if _, err := NewShared(ctx, pool, nil); err != nil {
		t.Fatal(err)
	}
	stop()
	at := time.Now()
	return pool, at, func(id string) *Shared {
		return &Shared{pool: pool, now: func() time.Time { return at }, instance: id, pending: map[string]int64{}, totals: map[string]int64{}}
	}
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
	s := instance("a")

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
	for _, s := range []*Shared{a, b} {
		if err := s.sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	allowed := 0
	for range budget {
		if b.take("k", budget) {
			allowed++
		}
	}
	if allowed != budget-3 {
		t.Errorf("the second instance allowed %d once the first had spent 3 of %d, want %d", allowed, budget, budget-3)
	}
	// and back: the first learns what the second spent after it
	for _, s := range []*Shared{b, a} {
		if err := s.sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if a.take("k", budget) {
		t.Errorf("the first instance allowed a check once both had spent the budget between them")
	}
}
