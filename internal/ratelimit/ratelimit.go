// Package ratelimit limits what anyone may do without signing in (the
// certificate check, objections to a public notice): per client address and
// per key (a certificate number, an application), so that keys cannot be
// enumerated and one key cannot be hammered. The client's address travels in the context,
// put there by the server's middleware.
package ratelimit

import (
	"context"
	"net/netip"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"github.com/hnvt/bairi/internal/fault"
)

type clientKey struct{}

// WithClient records the client's address for rate limiting.
func WithClient(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientKey{}, ClientKey(addr))
}

// ClientKey is what a client's budget is kept under: its IPv4 address, or
// the /64 network of an IPv6 one (a single subscriber holds a whole /64, so
// that each of its 2^64 addresses would otherwise have a budget of its own).
func ClientKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.String()
	}
	p, _ := ip.Prefix(64)
	return p.String()
}

// Client returns the client's address recorded by WithClient, or "".
func Client(ctx context.Context) string {
	addr, _ := ctx.Value(clientKey{}).(string)
	return addr
}

// Limiter rate-limits checks per client address and per number.
type Limiter struct {
	perClient, perNumber  *lru.Cache[string, *rate.Limiter]
	clientRate, numRate   rate.Limit
	clientBurst, numBurst int
	// shared, when set, keeps the budgets with the other instances (under
	// name): each window may spend a burst, whichever instance answers.
	shared *Shared
	name   string
}

// Share keeps the limiter's budgets, under its name, with every instance
// syncing with the same Shared store, instead of in this process alone.
func (l *Limiter) Share(s *Shared, name string) *Limiter {
	l.shared, l.name = s, name
	return l
}

// New allows perMinuteClient checks per client address and perMinuteNumber
// per certificate number (each with a burst of a quarter).
func New(perMinuteClient, perMinuteNumber int) *Limiter {
	c, _ := lru.New[string, *rate.Limiter](100_000)
	n, _ := lru.New[string, *rate.Limiter](100_000)
	return &Limiter{perClient: c, perNumber: n,
		clientRate: rate.Limit(float64(perMinuteClient) / 60), clientBurst: max(perMinuteClient/4, 1),
		numRate: rate.Limit(float64(perMinuteNumber) / 60), numBurst: max(perMinuteNumber/4, 1)}
}

// take counts one request against a budget: the shared one when the
// limiter shares, else this process's token bucket.
func (l *Limiter) take(c *lru.Cache[string, *rate.Limiter], kind, key string, r rate.Limit, burst int) bool {
	if l.shared != nil {
		return l.shared.take(l.name+":"+kind+":"+key, burst)
	}
	return bucket(c, key, r, burst)
}

func bucket(c *lru.Cache[string, *rate.Limiter], key string, r rate.Limit, burst int) bool {
	l, ok := c.Get(key)
	if !ok {
		l = rate.NewLimiter(r, burst)
		c.Add(key, l)
	}
	return l.Allow()
}

// Allow reports whether one more check of number may run now for the
// client in ctx; a nil Limiter allows everything.
func (l *Limiter) Allow(ctx context.Context, number string) error {
	if err := l.AllowClient(ctx); err != nil {
		return err
	}
	return l.allowKey(number)
}

// AllowClient counts one request against the client in ctx alone (a check
// whose key is not yet known to be genuine); a nil Limiter allows everything.
func (l *Limiter) AllowClient(ctx context.Context) error {
	if l == nil {
		return nil
	}
	if !l.take(l.perClient, "client", Client(ctx), l.clientRate, l.clientBurst) {
		return fault.WithDetails(fault.New(fault.TooManyRequests, "too many requests from this address: wait a minute and try again"),
			map[string]any{"retryAfterSeconds": 60})
	}
	return nil
}

// allowKey counts one request against key alone; a nil Limiter allows
// everything.
func (l *Limiter) allowKey(key string) error {
	if l == nil {
		return nil
	}
	if !l.take(l.perNumber, "key", key, l.numRate, l.numBurst) {
		return fault.WithDetails(fault.New(fault.TooManyRequests, "this has been asked about too often: wait a minute and try again"),
			map[string]any{"retryAfterSeconds": 60})
	}
	return nil
}
