package main

import (
	"context"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hnvt/bairi/internal/testenv"
)

// forwarder is a TCP relay on loopback in front of a dependency, that the
// test takes away (every connection dropped, new ones closed at once) and
// brings back, on the same address.
type forwarder struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  map[net.Conn]bool
}

func newForwarder(t *testing.T, target string) *forwarder {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &forwarder{ln: ln, target: target, conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); f.setDown(true) })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.mu.Lock()
			down := f.down
			if !down {
				f.conns[c] = true
			}
			f.mu.Unlock()
			if down {
				c.Close()
				continue
			}
			go f.relay(c)
		}
	}()
	return f
}

func (f *forwarder) relay(c net.Conn) {
	u, err := net.Dial("tcp", f.target)
	if err != nil {
		c.Close()
		return
	}
	f.mu.Lock()
	f.conns[u] = true
	f.mu.Unlock()
	go func() { io.Copy(u, c); u.Close() }()
	io.Copy(c, u)
	c.Close()
}

func (f *forwarder) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
	if down {
		for c := range f.conns {
			c.Close()
		}
		f.conns = map[net.Conn]bool{}
	}
}

func (f *forwarder) addr() string { return f.ln.Addr().String() }

// TestDependencyAway: with storage or the database away, the API answers
// fast with a retryable UNAVAILABLE in the caller's language (it answered
// INTERNAL after 5.6 s), and serves again within seconds of their return.
func TestDependencyAway(t *testing.T) {
	dbURL, drop, err := testenv.NewPostgresDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	u, _ := url.Parse(dbURL)
	pg := newForwarder(t, u.Host)
	u.Host = pg.addr()
	s3 := newForwarder(t, minioCfg.Endpoint)
	s := startServer(t, "postgres", map[string]string{"DATABASE_URL": u.String(), "S3_ENDPOINT": s3.addr()})
	w := newWorld(t, s)
	class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
	data := randomBytes(t, 1<<20)
	begin := map[string]any{"in": map[string]any{"classID": class, "kind": "ATTENDANCE_VIDEO", "fileName": "a.mp4", "contentType": "video/mp4",
		"size": len(data), "sha256": sha(data), "capturedAt": openingDay.Format(time.RFC3339)}}

	away := func(name, token, q string, vars map[string]any) {
		t.Helper()
		start := time.Now()
		r := s.gqlIn(t, "zh-CN", token, q, vars)
		took := time.Since(start)
		if r.code() != "UNAVAILABLE" || !hasHan(r.Errors[0].Message) {
			t.Errorf("%s away: %s %+v", name, r.code(), r.Errors)
		}
		t.Logf("%s away: answered %s in %v", name, r.code(), took.Round(time.Millisecond))
	}
	back := func(name, token, q string, vars map[string]any) {
		t.Helper()
		start := time.Now()
		for {
			r := s.gql(t, token, q, vars)
			if len(r.Errors) == 0 {
				t.Logf("%s back: served again after %v", name, time.Since(start).Round(time.Millisecond))
				return
			}
			if time.Since(start) > 30*time.Second {
				t.Fatalf("%s back, still: %s %+v", name, r.code(), r.Errors)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}

	s3.setDown(true)
	away("storage", w.staffZZ, beginQ, begin)
	s3.setDown(false)
	back("storage", w.staffZZ, beginQ, begin)

	pg.setDown(true)
	away("database", w.staffZZ, `{ me { id } }`, nil)
	pg.setDown(false)
	back("database", w.staffZZ, `{ me { id } }`, nil)
	if !strings.Contains(s.out.String(), "unreachable") {
		t.Error("the server did not log that a dependency was unreachable")
	}
}
