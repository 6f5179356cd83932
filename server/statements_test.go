package main

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hnvt/bairi/graph"
	"github.com/hnvt/bairi/internal/benchdata"
	"github.com/hnvt/bairi/internal/testenv"
)

// TestStatementsPerPage counts the SQL statements the server sends to
// PostgreSQL for each list query of the load suite, with first: 5 and with
// first: 50, on a small copy of the bench data set: the counts must be equal
// (no statement per row), and the lists' totalCount must not scan (it is
// exact up to a cap, and says so with totalCountExact).
func TestStatementsPerPage(t *testing.T) {
	dbURL, drop, err := testenv.NewPostgresDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	proxy := newCountingProxy(t, dbURL)
	const dataKey = "statements-test-data-key-0123456789abcdef"
	s := startServer(t, "postgres", map[string]string{"DATABASE_URL": proxy.url, "DATA_KEY": dataKey})
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if _, users, err := benchdata.Generate(ctx, pool, benchdata.Config{Scale: 0.01, DataKey: []byte(dataKey)}); err != nil {
		t.Fatal(err)
	} else if users.Staff == "" {
		t.Fatal("no institution in the county of the load suite")
	}
	var staff string
	if err := pool.QueryRow(ctx, `SELECT u.username FROM users u WHERE u.role = 'INSTITUTION_STAFF' ORDER BY
		(SELECT count(*) FROM training_classes c WHERE c.organization_id = u.organization_id) DESC, u.id LIMIT 1`).Scan(&staff); err != nil {
		t.Fatal(err)
	}
	tok := map[string]string{}
	for _, u := range []string{staff, "official-410100", "inspector-410100", "official-410101"} {
		tok[u], _ = s.login(t, u, benchdata.Password)
	}
	tok["admin"] = s.adminToken(t)
	// The server's start-up work (the periodic jobs' first runs over the
	// data set just loaded) sends statements for a while: measure after it.
	proxy.quiet(t)

	lists := []struct {
		name, user, query string
		vars              map[string]any
	}{
		{"class list (institution)", staff, classListQ, nil},
		{"class list (city official)", "official-410100", classListQ, nil},
		{"review queue (city inspector)", "inspector-410100", `query($first: Int) { reviewQueue(first: $first, where: { decisionIsNil: true }) { totalCount totalCountExact
			edges { node { id kind fileName size contentType durationSeconds capturedAt latitude longitude flags decision reviewComment
			class { id occupation venueAddress organization { name } } } } } }`, nil},
		{"application queue (city official)", "official-410100", `query($first: Int) { subsidyApplications(first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {
			totalCount totalCountExact edges { node { id kind state headcount amountFen prepaidFen submittedAt dueSoon overdue organization { name }
			clocks { name dueAt dueSoon overdue stopped provisional } } } } }`, nil},
		{"certificates (province admin)", "admin", `query($first: Int) { certificates(first: $first, orderBy: { field: ISSUED_AT, direction: DESC }) {
			totalCount totalCountExact edges { node { id number holderName occupation issuedAt status } } } }`, nil},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			counts := map[int]int{}
			for _, first := range []int{5, 50} {
				vars := map[string]any{"first": first}
				// the fewest statements of five runs: the server's background
				// work (jobs, shared limits) may add to one run, never take away
				best := -1
				for range 5 {
					var d struct {
						List struct {
							TotalCount      int  `json:"totalCount"`
							TotalCountExact bool `json:"totalCountExact"`
							Edges           []struct {
								Node struct {
									ID string `json:"id"`
								} `json:"node"`
							} `json:"edges"`
						} `json:"list"`
					}
					before := proxy.statements.Load()
					s.must(t, tok[l.user], aliasList(l.query), vars, &d)
					n := int(proxy.statements.Load() - before)
					if best < 0 || n < best {
						best = n
					}
					if l.user == "admin" && (d.List.TotalCount != graph.CountCap || d.List.TotalCountExact) {
						t.Errorf("10,000 certificates: totalCount %d, exact %v; want the cap %d, not exact", d.List.TotalCount, d.List.TotalCountExact, graph.CountCap)
					}
					if l.user != "admin" && d.List.TotalCount < graph.CountCap && !d.List.TotalCountExact {
						t.Errorf("totalCount %d below the cap said not exact", d.List.TotalCount)
					}
					if first == 50 && len(d.List.Edges) < min(50, d.List.TotalCount) {
						t.Fatalf("first: 50 answered %d of %d rows", len(d.List.Edges), d.List.TotalCount)
					}
				}
				counts[first] = best
			}
			t.Logf("%s: %d statements with first: 5, %d with first: 50", l.name, counts[5], counts[50])
			if counts[5] != counts[50] {
				t.Errorf("%s: %d statements with first: 5 but %d with first: 50: a statement per row", l.name, counts[5], counts[50])
			}
		})
	}
}

// aliasList names the query's one root field "list".
func aliasList(q string) string {
	for i := 0; i < len(q); i++ {
		if q[i] == '{' {
			return q[:i+1] + " list: " + q[i+1:]
		}
	}
	return q
}

// countingProxy forwards PostgreSQL connections and counts the statements
// the clients execute: simple queries ('Q') and extended-protocol
// executions ('E').
type countingProxy struct {
	url        string
	statements atomic.Int64
}

// quiet waits until the clients send at most four statements in half a
// second (the shared rate limits' sync alone sends two or three: a read
// every 200 ms), for at most a minute.
func (p *countingProxy) quiet(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		before := p.statements.Load()
		time.Sleep(500 * time.Millisecond)
		if p.statements.Load()-before <= 4 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server's background work kept sending statements for a minute (%d in the last half second)", p.statements.Load()-before)
		}
	}
}

func newCountingProxy(t *testing.T, dbURL string) *countingProxy {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	upstream := u.Host
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &countingProxy{}
	u.Host = ln.Addr().String()
	q := u.Query()
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	p.url = u.String()
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			go func() {
				defer c.Close()
				up, err := net.Dial("tcp", upstream)
				if err != nil {
					return
				}
				defer up.Close()
				mu.Lock()
				conns = append(conns, up)
				mu.Unlock()
				go func() { _, _ = io.Copy(c, up); c.Close() }()
				_ = p.forward(up, c)
			}()
		}
	}()
	return p
}

// forward copies the client's messages upstream, counting statements.
func (p *countingProxy) forward(dst io.Writer, src io.Reader) error {
	// the startup message has no type byte
	var head [4]byte
	if _, err := io.ReadFull(src, head[:]); err != nil {
		return err
	}
	n := binary.BigEndian.Uint32(head[:])
	if n < 4 {
		return fmt.Errorf("bad startup length %d", n)
	}
	if _, err := dst.Write(head[:]); err != nil {
		return err
	}
	if _, err := io.CopyN(dst, src, int64(n-4)); err != nil {
		return err
	}
	var h [5]byte
	for {
		if _, err := io.ReadFull(src, h[:]); err != nil {
			return err
		}
		if h[0] == 'Q' || h[0] == 'E' {
			p.statements.Add(1)
		}
		if _, err := dst.Write(h[:]); err != nil {
			return err
		}
		if _, err := io.CopyN(dst, src, int64(binary.BigEndian.Uint32(h[1:])-4)); err != nil {
			return err
		}
	}
}
