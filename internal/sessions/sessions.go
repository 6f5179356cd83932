// Package sessions keeps the viewers of live sessions in memory, so that a
// request is authenticated without reading its user and its session from the
// database, and drops them the moment a user or their sessions change
// (deactivation, logout, password change, a role or region edited): the
// schema's hooks on users and refresh tokens say which users changed
// (ent/schema/user_rules.go). On PostgreSQL the change is sent with
// pg_notify in the changing transaction, so that every instance listening on
// the channel drops it once it commits. Each instance acknowledges what it
// dropped, and the instance that made the change answers only once every
// instance it knows to be listening (they say hello every few seconds) has
// acknowledged it: a logout answered on one instance is refused by all.
//
// A generation counter guards against a request that read the database
// before a change committed and would store what it read after the drop.
//
// The same cache keeps a few values every instance reads on most requests
// and all instances must drop together when they change (the working-day
// calendar): they are kept under ValuesUser, a user id no user has, and a
// change to them is a change of ValuesUser (Value, PutValue).
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
	// ackWait bounds how long a change waits for the instances' acknowledgements.
	ackWait = 2 * time.Second
	// helloEvery is how often an instance says it listens; peerTTL how long
	// an instance not heard from since is still waited for.
	helloEvery = 5 * time.Second
	peerTTL    = 3 * helloEvery
)

// waiter is a change waiting for the instances listening when it was made.
type waiter struct {
	pending map[string]bool
	done    chan struct{}
}

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

	// id names this instance to the others.
	id   string
	pool *pgxpool.Pool

	mu      sync.Mutex
	gen     uint64
	entries map[string]entry
	waiters map[string]*waiter
	// peers are the listening instances (this one too) by when last heard.
	peers map[string]time.Time
	// listening is set while the listener is connected: without it the
	// instance cannot hear other instances' changes and caches nothing.
	listening bool
}

// New returns a cache; postgres says that other instances may share the
// database (Listen must then run for anything to be cached).
func New(postgres bool, log *slog.Logger) *Cache {
	return &Cache{postgres: postgres, log: log, id: nonce(), entries: map[string]entry{}, waiters: map[string]*waiter{},
		peers: map[string]time.Time{}}
}

func nonce() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
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

// ValuesUser is the user id of the values kept beside the sessions: no
// user has it (ids start at 1); Drop(ValuesUser) forgets them all.
const ValuesUser = 0

// Value returns the value cached under key.
func (c *Cache) Value(key string) (any, bool) { return c.Get("\x00"+key, ValuesUser) }

// PutValue caches under key what a reader that began at gen read, unless
// something changed since.
func (c *Cache) PutValue(gen uint64, key string, value any) {
	c.Put(gen, "\x00"+key, ValuesUser, value)
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
	ch.nonce = nonce()
	ids := make([]string, len(userIDs))
	for i, id := range userIDs {
		ids[i] = strconv.Itoa(id)
	}
	ch.Query, ch.Args = "SELECT pg_notify($1, $2)", []any{Channel, "change:" + ch.nonce + ":" + strings.Join(ids, ",")}
	w := &waiter{pending: map[string]bool{}, done: make(chan struct{})}
	c.mu.Lock()
	for id, at := range c.peers {
		if time.Since(at) < peerTTL {
			w.pending[id] = true
		}
	}
	w.pending[c.id] = true
	c.waiters[ch.nonce] = w
	c.mu.Unlock()
	return ch
}

// Committed drops the change's users here and waits (a little) for every
// listening instance to have acknowledged it.
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
		case <-w.done:
		case <-time.After(ackWait):
			if c.log != nil {
				c.log.Warn("a session change was not acknowledged by every instance in time", "users", ch.users)
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

// heard applies a notice: "change:nonce:1,2,3" (dropped here, then
// acknowledged), "ack:nonce:instance" or "hello:instance".
func (c *Cache) heard(ctx context.Context, payload string) {
	kind, rest, _ := strings.Cut(payload, ":")
	switch kind {
	case "change":
		nonce, list, _ := strings.Cut(rest, ":")
		var ids []int
		for _, s := range strings.Split(list, ",") {
			if id, err := strconv.Atoi(s); err == nil {
				ids = append(ids, id)
			}
		}
		c.Drop(ids...)
		c.acked(nonce, c.id)
		if c.pool != nil {
			go c.notify(ctx, "ack:"+nonce+":"+c.id)
		}
	case "ack":
		nonce, id, _ := strings.Cut(rest, ":")
		c.acked(nonce, id)
	case "hello":
		c.mu.Lock()
		at, known := c.peers[rest]
		isNew := rest != c.id && (!known || time.Since(at) >= peerTTL)
		c.peers[rest] = time.Now()
		c.mu.Unlock()
		// A newcomer hears of this instance now, not at its next hello:
		// until it does, a logout it answers would not wait for this one.
		if isNew && c.pool != nil {
			go c.notify(ctx, "hello:"+c.id)
		}
	}
}

// acked records an instance's acknowledgement of a change made here.
func (c *Cache) acked(nonce, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := c.waiters[nonce]
	if w == nil || !w.pending[id] {
		return
	}
	delete(w.pending, id)
	if len(w.pending) == 0 {
		close(w.done)
	}
}

func (c *Cache) notify(ctx context.Context, payload string) {
	if _, err := c.pool.Exec(ctx, "SELECT pg_notify($1, $2)", Channel, payload); err != nil && ctx.Err() == nil && c.log != nil {
		c.log.Warn("session notices: sending", "error", err)
	}
}

func (c *Cache) setListening(on bool) {
	c.mu.Lock()
	c.listening = on
	c.gen++
	c.entries = map[string]entry{} // whatever was missed while deaf
	c.mu.Unlock()
}

// Listen hears the other instances' changes until ctx ends, reconnecting
// when the connection drops (nothing is cached while it is down), and says
// hello to them every few seconds.
func (c *Cache) Listen(ctx context.Context, pool *pgxpool.Pool) {
	c.pool = pool
	go func() {
		tick := time.NewTicker(helloEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				c.notify(ctx, "hello:"+c.id)
			}
		}
	}()
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
	go c.notify(ctx, "hello:"+c.id)
	for {
		n, err := conn.Conn().WaitForNotification(ctx)
		if err != nil {
			conn.Conn().Close(context.Background()) // not back to the pool while listening
			return err
		}
		c.heard(ctx, n.Payload)
	}
}
