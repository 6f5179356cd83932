package sessions

import (
	"context"
	"testing"
	"time"

	"github.com/hnvt/bairi/internal/testenv"
)

// TestNewcomerKnowsPeers: an instance that starts after another knows it as
// soon as it listens (the older one answers its hello), not at the older
// one's next hello five seconds later: until then a logout answered by the
// newcomer would not wait for the older instance to forget the session.
// Then a change made on the newcomer is dropped on the older instance
// before Committed returns. On PostgreSQL; it fails when it cannot run.
func TestNewcomerKnowsPeers(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pool := testenv.NewPostgresPool(t)
	defer cancel() // first: the listeners give their connections back
	listening := func(c *Cache) {
		t.Helper()
		go c.Listen(ctx, pool)
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			c.mu.Lock()
			on := c.listening && !c.peers[c.id].IsZero()
			c.mu.Unlock()
			if on {
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("an instance did not start listening")
			}
		}
	}
	older, newcomer := New(true, nil), New(true, nil)
	listening(older)
	listening(newcomer)
	start := time.Now()
	for newcomer.peerCount() < 2 {
		if time.Since(start) > time.Second {
			t.Fatalf("a second after it began listening the newcomer knows %d instance(s), want 2 (itself and the older one)", newcomer.peerCount())
		}
		time.Sleep(10 * time.Millisecond)
	}

	// The older instance remembers a session of user 7; the newcomer logs
	// the user out: when Committed returns, the older one has forgotten it.
	older.Put(older.Begin(), "session-a", 7, "viewer")
	ch := newcomer.Changing(7)
	if _, err := pool.Exec(ctx, ch.Query, ch.Args...); err != nil {
		t.Fatal(err)
	}
	newcomer.Committed(ch)
	if _, ok := older.Get("session-a", 7); ok {
		t.Error("the older instance still remembers the session once the newcomer's logout returned")
	}
}

// peerCount is how many listening instances (this one too) a change made
// now would wait for.
func (c *Cache) peerCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, at := range c.peers {
		if time.Since(at) < peerTTL {
			n++
		}
	}
	return n
}
