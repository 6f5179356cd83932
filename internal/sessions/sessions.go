// Package sessions keeps the viewers of live sessions in memory, so that a
// request is authenticated without reading its user and its session from the
// database, and drops them the moment a user or their sessions change
// (deactivation, logout, password change, a role or region edited): the
// schema's hooks on users and refresh tokens say which users changed
// (ent/schema/user_rules.go). On PostgreSQL the change is sent with
// pg_notify in the changing transaction, so that every instance listening on
// the channel drops it once it commits; the instance that made the change
// waits for its own notice to come back before answering.
//
// A generation counter guards against a request that read the database
// before a change committed and would store what it read after the drop.
package sessions

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Channel is the PostgreSQL notification channel of session changes.
const Channel = "bairi_sessions"

const (
	// ttl bounds how long a viewer is served from memory, should a notice be lost.
	ttl = 5 * time.Minute
	// maxEntries bounds the memory the cache holds (it starts over beyond).
	maxEntries = 200_000
	// echoWait bounds how long a change waits for its own notice.
	echoWait = 2 * time.Second
)

type entry struct {
	userID int
	value  any
	at     time.Time
}

// Cache is the sessions' cache of one instance. Its zero value is not
// usable; a nil *Cache caches nothing.
type Cache struct {
	// Postgres: changes are sent to the other instances.
	postgres bool
	log      *slog.Logger

	mu      sync.Mutex
	gen     uint64
	entries map[string]entry
	waiters map[string]chan struct{}
	// listening is set while the listener is connected: without it the
	// instance cannot hear other instances' changes and caches nothing.
	listening bool
}

// New returns a cache; postgres says that other instances may share the
// database (Listen must then run for anything to be cached).
func New(postgres bool, log *slog.Logger) *Cache {
	return &Cache{postgres: postgres, log: log, entries: map[string]entry{}, waiters: map[string]chan struct{}{}}
}

// Begin returns the generation a reader starts at, for Put.
func (c *Cache) Begin() uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// Get returns the value cached for a session of a user.
func (c *Cache) Get(session string, userID int) (any, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[session]
	if !ok || e.userID != userID || time.Since(e.at) > ttl {
		return nil, false
	}
	return e.value, true
}

// Put caches what a reader that began at gen read, unless something changed since.
func (c *Cache) Put(gen uint64, session string, userID int, value any) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || (c.postgres && !c.listening) {
		return
	}
	if len(c.entries) >= maxEntries {
		c.entries = map[string]entry{}
	}
	c.entries[session] = entry{userID: userID, value: value, at: time.Now()}
}

// Drop forgets the sessions of the users.
func (c *Cache) Drop(userIDs ...int) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for k, e := range c.entries {
		for _, id := range userIDs {
			if e.userID == id {
				delete(c.entries, k)
				break
			}
		}
	}
}

// Clear forgets every session.
func (c *Cache) Clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.entries = map[string]entry{}
}

// Change is a change to some users' sessions, made in a transaction.
type Change struct {
	// Query and Args send it to the other instances, in the changing
	// transaction (empty when there are none to tell).
	Query string
	Args  []any
	nonce string
	users []int
}

// Changing prepares the change of some users: run its Query in the
// transaction, then call Committed once it commits (or Abandoned).
func (c *Cache) Changing(userIDs ...int) *Change {
	ch := &Change{users: userIDs}
	if c == nil || !c.postgres {
		return ch
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	ch.nonce = hex.EncodeToString(b[:])
	ids := make([]string, len(userIDs))
	for i, id := range userIDs {
		ids[i] = strconv.Itoa(id)
	}
	ch.Query, ch.Args = "SELECT pg_notify($1, $2)", []any{Channel, ch.nonce + ":" + strings.Join(ids, ",")}
	c.mu.Lock()
	c.waiters[ch.nonce] = make(chan struct{})
	c.mu.Unlock()
	return ch
}

// Committed drops the change's users here and waits (a little) for the
// other instances to have been told: its own notice coming back.
func (c *Cache) Committed(ch *Change) {
	if c == nil {
		return
	}
	c.Drop(ch.users...)
	if ch.nonce == "" {
		return
	}
	c.mu.Lock()
	w := c.waiters[ch.nonce]
	c.mu.Unlock()
	if w != nil {
		select {
		case <-w:
		case <-time.After(echoWait):
			if c.log != nil {
				c.log.Warn("a session change was not heard back in time", "users", ch.users)
			}
		}
	}
	c.forget(ch)
}

// Abandoned forgets a change whose transaction rolled back.
func (c *Cache) Abandoned(ch *Change) {
	if c != nil {
		c.forget(ch)
	}
}

func (c *Cache) forget(ch *Change) {
	c.mu.Lock()
	delete(c.waiters, ch.nonce)
	c.mu.Unlock()
}

// heard applies a notice: "nonce:1,2,3".
func (c *Cache) heard(payload string) {
	nonce, list, _ := strings.Cut(payload, ":")
	var ids []int
	for _, s := range strings.Split(list, ",") {
		if id, err := strconv.Atoi(s); err == nil {
			ids = append(ids, id)
		}
	}
	c.Drop(ids...)
	c.mu.Lock()
	if w := c.waiters[nonce]; w != nil {
		close(w)
		c.waiters[nonce] = nil
	}
	c.mu.Unlock()
}

func (c *Cache) setListening(on bool) {
	c.mu.Lock()
	c.listening = on
	c.gen++
	c.entries = map[string]entry{} // whatever was missed while deaf
	c.mu.Unlock()
}

// Listen hears the other instances' changes until ctx ends, reconnecting
// when the connection drops (nothing is cached while it is down).
func (c *Cache) Listen(ctx context.Context, pool *pgxpool.Pool) {
	for ctx.Err() == nil {
		err := c.listen(ctx, pool)
		c.setListening(false)
		if ctx.Err() != nil {
			return
		}
		if c.log != nil {
			c.log.Warn("session notices: listening again", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

func (c *Cache) listen(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	c.setListening(true)
	for {
		n, err := conn.Conn().WaitForNotification(ctx)
		if err != nil {
			conn.Conn().Close(context.Background()) // not back to the pool while listening
			return err
		}
		c.heard(n.Payload)
	}
}
