package ratelimit

import (
	"context"
	"fmt"
	"testing"
)

// TestClientKey: an IPv6 client's budget is its /64, so that hopping across
// its own addresses does not give it a fresh budget; IPv4 keeps the address.
func TestClientKey(t *testing.T) {
	for addr, want := range map[string]string{
		"203.0.113.7":          "203.0.113.7",
		"::ffff:203.0.113.7":   "203.0.113.7",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1": "2001:db8:1:2::/64",
		"2001:db8:1:3::1":      "2001:db8:1:3::/64",
		"not an address":       "not an address",
	} {
		if got := ClientKey(addr); got != want {
			t.Errorf("ClientKey(%q) = %q, want %q", addr, got, want)
		}
	}
	l := New(1000, 1000)
	l.clientRate, l.clientBurst = 0, 3
	allowed := 0
	for i := range 10 {
		ctx := WithClient(context.Background(), fmt.Sprintf("2001:db8:1:2::%x", i+1))
		if l.AllowClient(ctx) == nil {
			allowed++
		}
	}
	if allowed != 3 {
		t.Errorf("10 addresses of one /64 got %d requests through, want the /64's burst of 3", allowed)
	}
}
