// Package clock is the product's time source, injected into the ent client
// (hooks read m.Clock) and into the services, so that the rules that depend
// on time (R7's working-day clocks, publicity, retention) can be tested by
// moving the clock instead of editing data under the API.
package clock

import (
	"sync"
	"time"
)

// Clock tells the time: the system time shifted by an offset that tests may
// advance. A nil *Clock tells the system time.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now returns the current time of this clock.
func (c *Clock) Now() time.Time {
	if c == nil {
		return time.Now()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// Advance moves the clock forward by d (backward when d is negative).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// Set moves the clock so that Now reads t at this moment, and then runs on.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = time.Until(t)
}
