package sessions

import "testing"

// A reader that began before a change does not store what it read; one that
// began after it does; a dropped user's sessions are forgotten, others kept.
func TestGenerationAndDrop(t *testing.T) {
	c := New(false, nil)
	stale := c.Begin()
	c.Drop(7) // a change commits while the reader reads
	c.Put(stale, "s1", 7, "old")
	if _, ok := c.Get("s1", 7); ok {
		t.Fatal("a read from before the change was stored")
	}
	c.Put(c.Begin(), "s1", 7, "new")
	c.Put(c.Begin(), "s2", 8, "other")
	if v, ok := c.Get("s1", 7); !ok || v != "new" {
		t.Fatalf("fresh read: %v %v", v, ok)
	}
	if _, ok := c.Get("s1", 8); ok {
		t.Fatal("a session answered for another user")
	}
	c.Committed(c.Changing(7))
	if _, ok := c.Get("s1", 7); ok {
		t.Fatal("a changed user's session is still remembered")
	}
	if _, ok := c.Get("s2", 8); !ok {
		t.Fatal("another user's session was forgotten")
	}
	// Sharing a database, nothing is remembered until the instance listens.
	shared := New(true, nil)
	shared.Put(shared.Begin(), "s1", 7, "v")
	if _, ok := shared.Get("s1", 7); ok {
		t.Fatal("remembered without listening to the other instances")
	}
	var none *Cache
	none.Put(none.Begin(), "s1", 7, "v")
	if _, ok := none.Get("s1", 7); ok {
		t.Fatal("a nil cache remembered")
	}
}
