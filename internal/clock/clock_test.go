package clock

import (
	"testing"
	"time"
)

func TestClock(t *testing.T) {
	var none *Clock
	if d := time.Since(none.Now()); d < 0 || d > time.Second {
		t.Fatalf("a nil clock tells the system time, off by %v", d)
	}
	c := &Clock{}
	c.Advance(72 * time.Hour)
	if d := c.Now().Sub(time.Now()); d < 72*time.Hour-time.Second || d > 72*time.Hour+time.Second {
		t.Fatalf("advanced by 72 h, reads %v ahead", d)
	}
	at := time.Date(2020, 9, 30, 9, 0, 0, 0, time.UTC)
	c.Set(at)
	if d := c.Now().Sub(at); d < 0 || d > time.Second {
		t.Fatalf("set to %v, reads %v", at, c.Now())
	}
}
