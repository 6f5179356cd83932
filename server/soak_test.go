package main

// The reliability ("soak") suite: real PostgreSQL, MinIO and server
// processes stopped hard under load and started again. Short by default (a
// few seconds each, part of `make test`); long with SOAK=1 (`make soak`: more
// clients, longer load, several rounds). Each test prints its figures on
// lines that begin with "SOAK ". A dependency that cannot be started fails
// the test: CI must not pass without the real parts.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof" // BENCH_PPROF_ADDR
	"os"
	"os/exec"
	"os/signal"
	"os/user"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hnvt/bairi/internal/testenv"
	"github.com/hnvt/bairi/storage"
	"github.com/hnvt/bairi/storage/storagetest"
)

// soakServeEnv makes the test binary run the server (see TestMain).
const soakServeEnv = "BAIRI_SOAK_SERVE"

// soakServe runs the product as its main does, on this process's
// environment, until SIGTERM (or a kill -9 from the test).
func soakServe() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	budgetGC([]string{"server"}, os.Getenv) // as main does
	// BENCH_PPROF_ADDR (a loopback address) serves net/http/pprof, for a
	// profile of the load suite's server: go tool pprof http://ADDR/debug/pprof/profile
	if addr := os.Getenv("BENCH_PPROF_ADDR"); addr != "" {
		go func() { _ = http.ListenAndServe(addr, nil) }()
	}
	if err := run(ctx, []string{"server"}, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	return 0
}

// soakLong is SOAK=1: the long run of `make soak`.
func soakLong() bool { return os.Getenv("SOAK") == "1" }

// soakf prints one figure line, "SOAK name key=value...", on stdout where
// `go test -v` shows it as it is (t.Log would indent it).
func soakf(format string, args ...any) {
	fmt.Printf("SOAK "+format+"\n", args...)
}

// freeLoopback returns a loopback address whose port was free.
func freeLoopback(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// soakHTTP is the clients' HTTP: a bound on each request, since a
// dependency that went away must not hang a client for ever.
var soakHTTP = &http.Client{Timeout: 60 * time.Second}

// tryGQL is gql for a client that lives through faults: a transport error
// or an unreadable answer is returned, not fatal.
func tryGQL(base, token, query string, vars map[string]any) (gqlResult, error) {
	return tryGQLWith(soakHTTP, base, token, query, vars)
}

func tryGQLWith(c *http.Client, base, token, query string, vars map[string]any) (gqlResult, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return gqlResult{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return gqlResult{}, err
	}
	var r gqlResult
	if err := json.Unmarshal(raw, &r); err != nil {
		return gqlResult{}, fmt.Errorf("answer %d: %.200s", resp.StatusCode, raw)
	}
	r.Status = resp.StatusCode
	return r, nil
}

// tryGQLFresh is tryGQL on a connection of its own, closed afterwards.
func tryGQLFresh(base, token, query string, vars map[string]any) (gqlResult, error) {
	c := &http.Client{Timeout: soakHTTP.Timeout, Transport: &http.Transport{DisableKeepAlives: true}}
	return tryGQLWith(c, base, token, query, vars)
}

// outcome names the result of a tryGQL: "ok", an error code, or "transport".
func outcome(r gqlResult, err error) string {
	switch {
	case err != nil:
		return "transport"
	case len(r.Errors) > 0:
		if c := r.code(); c != "" {
			return c
		}
		return "no-code"
	}
	return "ok"
}

// tally counts outcomes, safe for concurrent use.
type tally struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *tally) add(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[k]++
}

func (c *tally) get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[k]
}

// except is the count of the outcomes other than the given ones.
func (c *tally) except(allowed ...string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for k, v := range c.n {
		if !slices.Contains(allowed, k) {
			n += v
		}
	}
	return n
}

// String is "CODE:n,..." sorted, or "none".
func (c *tally) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var parts []string
	for k, v := range c.n {
		parts = append(parts, fmt.Sprintf("%s:%d", k, v))
	}
	if len(parts) == 0 {
		return "none"
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// seconds renders a duration as the figures do: 1.84s.
func seconds(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

// process is a child process of the test: started, stopped by a signal and
// started again with the same arguments, environment and files.
type process struct {
	name   string
	path   string
	args   []string
	env    []string
	dir    string
	attr   func() *syscall.SysProcAttr
	out    *lockedBuffer
	cmd    *exec.Cmd
	exited chan struct{}
}

// start starts the process; it does not wait for it to be ready.
func (p *process) start() error {
	cmd := exec.Command(p.path, p.args...)
	cmd.Env, cmd.Dir = p.env, p.dir
	cmd.Stdout, cmd.Stderr = p.out, p.out
	cmd.SysProcAttr = p.attr()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", p.name, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	p.cmd, p.exited = cmd, exited
	return nil
}

// alive reports whether the last started process still runs.
func (p *process) alive() bool {
	if p.cmd == nil {
		return false
	}
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// signal sends sig and waits for the process to end (SIGKILL after 30 s).
func (p *process) signal(sig syscall.Signal) {
	if !p.alive() {
		return
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

// childAttr kills the child if the test binary dies without stopping it.
func childAttr(cred *syscall.Credential) func() *syscall.SysProcAttr {
	return func() *syscall.SysProcAttr {
		return &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL}
	}
}

// pgCluster is a throwaway PostgreSQL cluster of one test, initialised in a
// temporary directory and served on a fixed loopback port, so that it can be
// stopped hard and started again where the server expects it.
type pgCluster struct {
	process
	port int
}

// postgresBinDir finds PostgreSQL's server binaries (Debian's layout, else PATH).
func postgresBinDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	major := func(d string) int {
		n, _ := strconv.Atoi(strings.Split(filepath.Base(filepath.Dir(d)), ".")[0])
		return n
	}
	slices.SortFunc(dirs, func(a, b string) int { return major(a) - major(b) })
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "postgres")); err == nil {
			return dirs[i], nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("PostgreSQL's server binaries (initdb, postgres) are not installed: apt-get install -y postgresql")
}

// newPGCluster initialises and starts a cluster; it is stopped and removed
// at cleanup. As root, PostgreSQL runs as the postgres user (it refuses root).
func newPGCluster(t *testing.T) *pgCluster {
	t.Helper()
	bin, err := postgresBinDir()
	if err != nil {
		t.Fatal(err)
	}
	base, err := os.MkdirTemp("", "bairi-soak-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("PostgreSQL refuses to run as root, and there is no postgres user to run it as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(base, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(base, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
	initdb.Dir = base
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	_, portText, _ := net.SplitHostPort(freeLoopback(t))
	port, _ := strconv.Atoi(portText)
	c := &pgCluster{port: port, process: process{
		name: "PostgreSQL", path: filepath.Join(bin, "postgres"), dir: base, env: os.Environ(),
		args: []string{"-D", data, "-p", portText, "-k", base, "-c", "listen_addresses=127.0.0.1"},
		attr: childAttr(cred), out: &lockedBuffer{},
	}}
	t.Cleanup(func() { c.signal(syscall.SIGQUIT) })
	c.up(t)
	return c
}

// url is the cluster's postgres database, which the server uses.
func (c *pgCluster) url() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

// up starts the cluster and waits until it takes connections (crash
// recovery done). A postmaster killed with -9 leaves backends that hold
// its shared memory for a moment: a start they refuse is tried again.
func (c *pgCluster) up(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		if err := c.start(); err != nil {
			t.Fatal(err)
		}
		for c.alive() && time.Now().Before(deadline) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			conn, err := pgx.Connect(ctx, c.url())
			if err == nil {
				err = conn.Ping(ctx)
				conn.Close(ctx)
			}
			cancel()
			if err == nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		if time.Now().After(deadline) {
			c.signal(syscall.SIGQUIT)
			t.Fatalf("PostgreSQL did not start within 90 s:\n%s", tail(c.out.String(), 20))
		}
		time.Sleep(100 * time.Millisecond) // it exited: try again
	}
}

// minioProc is a MinIO server of one test on a fixed address and data
// directory (four drives: erasure coding, so that Object Lock works).
type minioProc struct {
	process
	cfg storage.S3Config
}

func newMinio(t *testing.T) *minioProc {
	t.Helper()
	bin, err := storagetest.BinaryPath()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m := &minioProc{cfg: storage.S3Config{Endpoint: freeLoopback(t), AccessKey: "soak-" + randomHex(6), SecretKey: randomHex(20)}}
	m.process = process{
		name: "MinIO", path: bin, dir: dir, attr: childAttr(nil), out: &lockedBuffer{},
		args: []string{"server", "--quiet", "--address", m.cfg.Endpoint, "--console-address", freeLoopback(t), filepath.Join(dir, "d{1...4}")},
		env: append(os.Environ(), "MINIO_CI_CD=1", "MINIO_ROOT_USER="+m.cfg.AccessKey, "MINIO_ROOT_PASSWORD="+m.cfg.SecretKey,
			"MINIO_BROWSER=off", "MINIO_UPDATE=off"),
	}
	t.Cleanup(func() { m.signal(syscall.SIGTERM) })
	m.up(t)
	return m
}

// up starts MinIO and waits until its object layer has write quorum.
func (m *minioProc) up(t testing.TB) {
	t.Helper()
	if err := m.start(); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(60 * time.Second)
	for _, path := range []string{"/minio/health/live", "/minio/health/cluster"} {
		for {
			resp, err := client.Get("http://" + m.cfg.Endpoint + path)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			if !m.alive() || time.Now().After(deadline) {
				t.Fatalf("MinIO did not start (%s):\n%s", path, tail(m.out.String(), 20))
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// serverProc is the product as a process of its own (this test binary, see
// soakServe) on a fixed address, so that it can be killed with -9 and
// started again where the clients expect it.
type serverProc struct {
	process
	*testServer
}

// startServerProc starts the server process on PostgreSQL and MinIO with
// the given environment added; it is stopped with SIGTERM at cleanup.
func startServerProc(t *testing.T, extra map[string]string) *serverProc {
	t.Helper()
	dbURL, drop, err := testenv.NewPostgresDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	addr := freeLoopback(t)
	env := map[string]string{
		"HTTP_ADDR": addr, "DATA_DIR": t.TempDir(), "BOOTSTRAP_ADMIN_PASSWORD": adminPassword, "JWT_SECRET": testJWTSecret,
		"DATABASE_URL": dbURL, "S3_ENDPOINT": minioCfg.Endpoint, "S3_ACCESS_KEY": minioCfg.AccessKey,
		"S3_SECRET_KEY": minioCfg.SecretKey, "S3_BUCKET": storagetest.Bucket("soak-" + t.Name()),
	}
	for k, v := range extra {
		env[k] = v
	}
	list := []string{soakServeEnv + "=1", "PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range env {
		list = append(list, k+"="+v)
	}
	out := &lockedBuffer{}
	p := &serverProc{
		process:    process{name: "server", path: os.Args[0], env: list, attr: childAttr(nil), out: out},
		testServer: &testServer{URL: "http://" + addr, kind: "postgres", env: env, out: out},
	}
	t.Cleanup(func() { p.signal(syscall.SIGTERM) })
	p.up(t)
	return p
}

// up starts the server and waits until it listens; a restarted server's
// clock is moved as far as the last one's was.
func (p *serverProc) up(t testing.TB) time.Duration {
	t.Helper()
	start := time.Now()
	before := strings.Count(p.process.out.String(), "listening on ")
	if err := p.start(); err != nil {
		t.Fatal(err)
	}
	for strings.Count(p.process.out.String(), "listening on ") == before {
		if !p.alive() || time.Since(start) > 60*time.Second {
			t.Fatalf("the server did not start:\n%s", tail(p.process.out.String(), 20))
		}
		time.Sleep(10 * time.Millisecond)
	}
	took := time.Since(start)
	if moved := p.moved; moved != 0 {
		p.moved = 0
		p.moveProcessClock(moved)
		if p.moved != moved {
			t.Fatalf("the restarted server's clock could not be moved")
		}
	}
	return took
}

// kill9 kills the server with SIGKILL: no shutdown, no deferred work.
func (p *serverProc) kill9() { p.signal(syscall.SIGKILL) }

// TestSoakPostgresRestart: about twenty clients deposit into one account
// while PostgreSQL is stopped hard (immediate shutdown, and kill -9 of the
// postmaster in the long run) and started again. Each deposit has its own
// idempotency key and amount; a client repeats a deposit that got no answer
// with the same key, as the phone's queue does. Afterwards every
// acknowledged deposit is in the ledger once (lost=0, duplicates=0), the
// ledger adds up to the fen, the API never answered INTERNAL, and the time
// from PostgreSQL's return to the first acknowledged write is printed.
func TestSoakPostgresRestart(t *testing.T) {
	clients, rounds, load, down := 20, 1, time.Second, time.Second
	if soakLong() {
		clients, rounds, load, down = 24, 6, 5*time.Second, 2*time.Second
	}
	pg := newPGCluster(t)
	s := startServer(t, "postgres", map[string]string{"DATABASE_URL": pg.url()})
	admin := s.adminToken(t)
	const depositQ = `mutation($a:Int!, $k:String!){ depositFunds(regionCode:"410000", amountFen:$a, idempotencyKey:$k){ balanceFen } }`

	type write struct {
		amount   int
		acked    bool
		attempts int
	}
	var (
		mu     sync.Mutex
		acks   []time.Time
		errs   tally
		writes = make([][]*write, clients)
		stop   = make(chan struct{})
		wg     sync.WaitGroup
	)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				// Amounts are unique, so the ledger says which deposit each line is.
				w := &write{amount: 1 + c + clients*i}
				writes[c] = append(writes[c], w)
				key := fmt.Sprintf("soak-pg-%02d-%07d", c, i)
				for !w.acked {
					w.attempts++
					r, err := tryGQL(s.URL, admin, depositQ, map[string]any{"a": w.amount, "k": key})
					if o := outcome(r, err); o != "ok" {
						errs.add(o)
						if o != "UNAVAILABLE" && o != "transport" {
							t.Logf("deposit answered %s: %+v", o, r.Errors)
						}
						select {
						case <-stop:
							return
						case <-time.After(50 * time.Millisecond):
						}
						continue
					}
					w.acked = true
					mu.Lock()
					acks = append(acks, time.Now())
					mu.Unlock()
				}
				select {
				case <-stop:
					return
				default:
				}
			}
		}()
	}
	firstAckAfter := func(at time.Time) (time.Time, bool) {
		mu.Lock()
		defer mu.Unlock()
		for _, a := range acks {
			if a.After(at) {
				return a, true
			}
		}
		return time.Time{}, false
	}

	// recovery: from PostgreSQL's return to the first acknowledged write;
	// outage: from its stop to that write.
	var recoveries, outages []time.Duration
	var kinds []string
	for round := range rounds {
		time.Sleep(load)
		sig, kind := syscall.SIGQUIT, "immediate"
		if round%2 == 1 {
			sig, kind = syscall.SIGKILL, "kill-9"
		}
		kinds = append(kinds, kind)
		stopped := time.Now()
		pg.signal(sig)
		time.Sleep(down)
		pg.up(t)
		back := time.Now()
		for {
			if first, ok := firstAckAfter(back); ok {
				recoveries = append(recoveries, first.Sub(back))
				outages = append(outages, first.Sub(stopped))
				break
			}
			if time.Since(back) > 60*time.Second {
				close(stop)
				wg.Wait()
				t.Fatalf("no write acknowledged within 60 s of PostgreSQL's return (round %d); errors %s\n%s", round+1, errs.String(), s.logNotes(20))
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	time.Sleep(load)
	close(stop)
	wg.Wait()

	// Read everything back from the database.
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pg.url())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	lines := map[int]int{}
	rows, err := conn.Query(ctx, `SELECT amount_fen, balance_after_fen, account_id FROM fund_entries WHERE kind = 'DEPOSIT' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	sum, account, broken := 0, 0, 0
	for rows.Next() {
		var amount, after, acc int
		if err := rows.Scan(&amount, &after, &acc); err != nil {
			t.Fatal(err)
		}
		lines[amount]++
		sum += amount
		account = acc
		if after != sum {
			broken++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var balance int
	if err := conn.QueryRow(ctx, `SELECT balance_fen FROM fund_accounts WHERE id = $1`, account).Scan(&balance); err != nil {
		t.Fatal(err)
	}
	var keys int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM idempotency_records WHERE operation = 'deposit' AND result_id IS NOT NULL`).Scan(&keys); err != nil {
		t.Fatal(err)
	}
	total, acked, lost, dups, unacked, unackedCommitted, retried := 0, 0, 0, 0, 0, 0, 0
	known := map[int]bool{}
	for _, ws := range writes {
		for _, w := range ws {
			total++
			known[w.amount] = true
			n := lines[w.amount]
			switch {
			case w.acked:
				acked++
				if n == 0 {
					lost++
				}
				if w.attempts > 1 {
					retried++
				}
			default:
				unacked++
				if n > 0 {
					unackedCommitted++
				}
			}
			if n > 1 {
				dups++
			}
		}
	}
	phantom := 0
	for amount := range lines {
		if !known[amount] {
			phantom++
		}
	}
	slices.Sort(recoveries)
	slices.Sort(outages)
	soakf("pg-restart clients=%d rounds=%d stops=%s down=%s writes=%d acked=%d lost=%d duplicates=%d unacked=%d unacked-committed=%d retried-with-same-key=%d recovery=%s (worst of %d) outage=%s (worst) errors=%s ledger=%s",
		clients, rounds, strings.Join(kinds, ","), seconds(down), total, acked, lost, dups, unacked, unackedCommitted, retried,
		seconds(recoveries[len(recoveries)-1]), len(recoveries), seconds(outages[len(outages)-1]), errs.String(), balanced(broken == 0 && sum == balance))
	if lost != 0 || dups != 0 || phantom != 0 {
		t.Errorf("lost %d acknowledged writes, %d written twice, %d lines of no write", lost, dups, phantom)
	}
	if broken != 0 || sum != balance {
		t.Errorf("the ledger does not add up: %d lines with a wrong balance after, lines sum to %d fen, the account holds %d", broken, sum, balance)
	}
	if committed := acked + unackedCommitted; keys != committed {
		t.Errorf("%d idempotency records for %d committed deposits", keys, committed)
	}
	if n := errs.except("UNAVAILABLE", "transport"); n > 0 {
		t.Errorf("%d answers were neither a retryable UNAVAILABLE nor a dropped connection (errors %s):\n%s", n, errs.String(), internalErrors(s.out.String()))
	}
	if acked < clients {
		t.Errorf("only %d writes acknowledged", acked)
	}
}

// internalErrors picks the server's log lines of internal errors.
func internalErrors(log string) string {
	var keep []string
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, `"msg":"internal error"`) {
			keep = append(keep, l)
		}
	}
	return tail(strings.Join(keep, "\n"), 10)
}

// balanced renders a ledger check for the figures.
func balanced(ok bool) string {
	if ok {
		return "balanced"
	}
	return "UNBALANCED"
}

// TestSoakMinioRestart: MinIO is killed (-9) while a part of an evidence
// upload streams to it; meanwhile the API answers UNAVAILABLE, fast; MinIO
// is started again on its data, the phone asks evidenceUploadStatus, uploads
// what is missing and completes: VERIFIED, with the announced SHA-256, the
// stored object the same bytes. The long run kills MinIO more times, each
// in the middle of a later part.
func TestSoakMinioRestart(t *testing.T) {
	rounds := 1
	if soakLong() {
		rounds = 3
	}
	m := newMinio(t)
	s := startServer(t, "postgres", map[string]string{"S3_ENDPOINT": m.cfg.Endpoint, "S3_ACCESS_KEY": m.cfg.AccessKey,
		"S3_SECRET_KEY": m.cfg.SecretKey, "S3_BUCKET": "soak-evidence"})
	w := newWorld(t, s)
	class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
	// Two parts a round (one whole, one cut by the kill) and a short last one.
	data := randomBytes(t, 2*rounds*(8<<20)+(1<<20))
	u := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
	if u.partCount != 2*rounds+1 {
		t.Fatalf("plan: %d parts of %d bytes", u.partCount, u.partSize)
	}
	statusQ := `query($id:ID!){ evidenceUploadStatus(evidenceID:$id){ uploadedParts { partNumber } } }`
	var unavailable, recoveries []time.Duration
	var answers tally
	for round := range rounds {
		whole, cut := 2*round+1, 2*round+2
		s.putParts(t, w.staffZZ, u, data, whole)
		// The next part streams: a megabyte, then MinIO dies under it.
		var d presignedParts
		s.must(t, w.staffZZ, `mutation($id:ID!, $p:[Int!]!){ evidenceUploadParts(evidenceID:$id, partNumbers:$p){ partNumber url headers { name value } expiresAt } }`,
			map[string]any{"id": u.id, "p": []int{cut}}, &d)
		lo := (cut - 1) * u.partSize
		part := data[lo : lo+u.partSize]
		pr, pw := io.Pipe()
		req, _ := http.NewRequest(http.MethodPut, d.EvidenceUploadParts[0].URL, pr)
		req.ContentLength = int64(len(part))
		for _, h := range d.EvidenceUploadParts[0].Headers {
			req.Header.Set(h.Name, h.Value)
		}
		put := make(chan error, 1)
		go func() {
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					err = errors.New("the part was stored whole")
				} else {
					err = fmt.Errorf("answered %d: %.200s", resp.StatusCode, body)
				}
			}
			put <- err
		}()
		if _, err := pw.Write(part[:1<<20]); err != nil {
			t.Fatalf("streaming part %d: %v", cut, err)
		}
		m.signal(syscall.SIGKILL)
		go func() { _, _ = pw.Write(part[1<<20:]); pw.Close() }()
		if err := <-put; err == nil || strings.Contains(err.Error(), "stored whole") {
			t.Fatalf("part %d with MinIO killed under it: %v", cut, err)
		}
		pw.CloseWithError(errors.New("MinIO was killed"))

		// Storage away: the API says so at once, retryable.
		away := func(query string, vars map[string]any) {
			start := time.Now()
			r, err := tryGQL(s.URL, w.staffZZ, query, vars)
			unavailable = append(unavailable, time.Since(start))
			answers.add(outcome(r, err))
		}
		away(statusQ, map[string]any{"id": u.id})
		away(beginQ, map[string]any{"in": map[string]any{"classID": class, "kind": "PHOTO", "fileName": "p.jpg",
			"contentType": "image/jpeg", "size": 10, "sha256": sha([]byte("0123456789")), "capturedAt": openingDay.Format(time.RFC3339)}})

		time.Sleep(500 * time.Millisecond)
		m.up(t)
		back := time.Now()
		for {
			r, err := tryGQL(s.URL, w.staffZZ, statusQ, map[string]any{"id": u.id})
			if outcome(r, err) == "ok" {
				break
			}
			if time.Since(back) > 60*time.Second {
				t.Fatalf("evidenceUploadStatus still fails 60 s after MinIO's return: %v %+v", err, r.Errors)
			}
			time.Sleep(20 * time.Millisecond)
		}
		recoveries = append(recoveries, time.Since(back))
		// What storage holds: the whole parts, never the cut one.
		have := s.uploadedParts(t, w.staffZZ, u)
		for n := 1; n <= cut; n++ {
			if n%2 == 1 && have[n] == "" {
				t.Errorf("round %d: part %d, stored before the kill, is gone after the restart (%v)", round+1, n, have)
			}
		}
		if have[cut] != "" {
			t.Errorf("round %d: part %d, cut by the kill, is listed", round+1, cut)
		}
	}
	// The phone resumes: the parts storage lacks, then completion.
	have := s.uploadedParts(t, w.staffZZ, u)
	var missing []int
	for n := 1; n <= u.partCount; n++ {
		if have[n] == "" {
			missing = append(missing, n)
		}
	}
	s.putParts(t, w.staffZZ, u, data, missing...)
	var c completed
	if r := s.complete(t, w.staffZZ, u, &c); len(r.Errors) > 0 {
		t.Fatalf("complete after %d MinIO restarts: %+v\n%s", rounds, r.Errors, s.logNotes(10))
	}
	ev := c.CompleteEvidenceUpload
	row := s.evidenceRow(t, u.id)
	rc, err := s.store(t).Open(context.Background(), row.ObjectKey, row.ObjectVersion)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	sameBytes := bytes.Equal(stored, data)
	slices.Sort(unavailable)
	slices.Sort(recoveries)
	soakf("minio-restart kills=%d size=%dMiB parts=%d resumed-parts=%d answers-while-away=%s slowest-answer=%s recovery=%s (worst of %d) status=%s sha256=%s stored=%s",
		rounds, len(data)>>20, u.partCount, len(missing), answers.String(), seconds(unavailable[len(unavailable)-1]),
		seconds(recoveries[len(recoveries)-1]), len(recoveries), ev.Status, verdict(ev.SHA256 == sha(data)), verdict(sameBytes))
	if ev.Status != "VERIFIED" || ev.SHA256 != sha(data) || !sameBytes || deref(ev.RetainUntil) == "" {
		t.Errorf("after MinIO restarts the evidence is %s, stored bytes equal: %v", js(ev), sameBytes)
	}
	if n := answers.except("UNAVAILABLE"); n > 0 {
		t.Errorf("with MinIO away the API answered %s, not UNAVAILABLE", answers.String())
	}
	if slow := unavailable[len(unavailable)-1]; slow > 5*time.Second {
		t.Errorf("with MinIO away an answer took %v", slow)
	}
}

// verdict renders a check for the figures.
func verdict(ok bool) string {
	if ok {
		return "ok"
	}
	return "MISMATCH"
}

const payQ = `mutation($id:ID!, $k:String!){ paySubsidyApplication(id:$id, idempotencyKey:$k){ state } }`

// TestSoakServerKill: the server process killed with -9 (a) between the
// parts of an upload: the upload resumes after the restart and ends
// VERIFIED; (b) during completeEvidenceUpload: after the restart the
// evidence ends VERIFIED and retained (the phone's retry, or the job once
// the dead server's claim lapsed), never stuck UPLOADING; (c) while payments
// are in flight: replayed with the same idempotency keys after the restart,
// each application is paid exactly once and the ledger adds up to the fen.
func TestSoakServerKill(t *testing.T) {
	payments, completions := 6, 1
	if soakLong() {
		payments, completions = 30, 5
	}
	p := startServerProc(t, map[string]string{"UPLOAD_EXPIRY_INTERVAL": "1s", "TEST_CLOCK": "1"})
	s := p.testServer
	w := newWorld(t, s)
	w.setStandard(t, s)
	class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
	ctx := context.Background()
	db, err := pgx.Connect(ctx, s.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)

	t.Run("between parts", func(t *testing.T) {
		data := randomBytes(t, 17<<20)
		u := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
		s.putParts(t, w.staffZZ, u, data, 1)
		p.kill9()
		restart := p.up(t)
		have := s.uploadedParts(t, w.staffZZ, u)
		s.putParts(t, w.staffZZ, u, data, 2, 3)
		var c completed
		if r := s.complete(t, w.staffZZ, u, &c); len(r.Errors) > 0 {
			t.Fatalf("complete after the restart: %+v", r.Errors)
		}
		ev := c.CompleteEvidenceUpload
		soakf("server-kill between-parts restart=%s parts-kept=%d/1 status=%s sha256=%s", seconds(restart), len(have), ev.Status, verdict(ev.SHA256 == sha(data)))
		if len(have) != 1 || have[1] == "" || ev.Status != "VERIFIED" || ev.SHA256 != sha(data) {
			t.Errorf("after a kill between parts: storage held %v, then %s", have, js(ev))
		}
	})

	t.Run("during completion", func(t *testing.T) {
		// Kills fall relative to the moment the completion claims the upload:
		// at it (the worst case, the work under way), before it (the request
		// just sent), and later into the work (assembled, hashing, done).
		afterClaim := []time.Duration{0, -1, 5 * time.Millisecond, 15 * time.Millisecond, 60 * time.Millisecond}
		for i := range completions {
			data := randomBytes(t, 17<<20)
			u := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			s.putParts(t, w.staffZZ, u, data, 1, 2, 3)
			var parts []any
			for n, etag := range s.uploadedParts(t, w.staffZZ, u) {
				parts = append(parts, map[string]any{"partNumber": n, "etag": etag})
			}
			state := func() (status string, claimed bool) {
				var until *time.Time
				if err := db.QueryRow(ctx, `SELECT status, completing_until FROM evidences WHERE id = $1`, atoi(t, u.id)).Scan(&status, &until); err != nil {
					t.Fatal(err)
				}
				return status, until != nil
			}
			fired := time.Now()
			answer := make(chan string, 1)
			go func() {
				// A connection of its own: none left over from a killed server.
				r, err := tryGQLFresh(s.URL, w.staffZZ, `mutation($id:ID!, $p:[CompletedPartInput!]!){ completeEvidenceUpload(evidenceID:$id, parts:$p){ id } }`,
					map[string]any{"id": u.id, "p": parts})
				if o := outcome(r, err); o != "ok" && o != "transport" {
					t.Errorf("case %d: the completion answered %+v", i+1, r.Errors)
				}
				answer <- outcome(r, err)
			}()
			if d := afterClaim[i]; d >= 0 {
				for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
					if st, claimed := state(); claimed || st != "UPLOADING" || time.Now().After(deadline) {
						break
					}
				}
				time.Sleep(d)
			}
			p.kill9()
			killedAfter := time.Since(fired)
			sent := <-answer
			// A statement the dead server had sent still ends in the database.
			time.Sleep(200 * time.Millisecond)
			st, claimed := state()
			left := st
			if st == "UPLOADING" && claimed {
				left += ",claimed"
			}
			p.up(t)
			// The phone retries. A claim the dead server left on the assembly
			// answers "ask again"; a verification it left answers VERIFYING.
			how := "retry"
			var lapseWait time.Duration
			// Storage busy (UNAVAILABLE): the phone tries again a little later.
			completeOnly := func() gqlResult {
				r := s.completeOnly(t, w.staffZZ, u)
				for try := 0; r.code() == "UNAVAILABLE" && try < 10; try++ {
					time.Sleep(time.Second)
					r = s.completeOnly(t, w.staffZZ, u)
				}
				return r
			}
			r := completeOnly()
			switch {
			case r.code() == "CONFLICT" && claimed && !soakLong():
				// The claim lapses by itself in 10 minutes (completionClaim): the
				// test lets it lapse now, and the phone's next retry finishes.
				how = "retry after the claim lapsed"
				s.setEvidenceTime(t, u.id, "completing_until", time.Now().Add(-time.Second))
				r = completeOnly()
				if r.code() == "BAD_USER_INPUT" {
					// "A part is missing": as the phone is told, it asks what
					// storage holds, uploads the rest again and completes.
					have := s.uploadedParts(t, w.staffZZ, u)
					var missing []int
					for n := 1; n <= u.partCount; n++ {
						if have[n] == "" {
							missing = append(missing, n)
						}
					}
					s.putParts(t, w.staffZZ, u, data, missing...)
					r = completeOnly()
					how = fmt.Sprintf("retry after the claim lapsed, parts %v uploaded again", missing)
				}
			case r.code() == "CONFLICT" && claimed:
				// The long run leaves it to the sweep (which, after a kill -9, first
				// waits for River's leadership to pass to the new process).
				how = "job"
				s.setEvidenceTime(t, u.id, "completing_until", time.Now().Add(-time.Second))
				lapsed := time.Now()
				for st, _ := state(); st == "UPLOADING"; st, _ = state() {
					if time.Since(lapsed) > 60*time.Second {
						t.Fatalf("case %d: still UPLOADING 60 s after the claim lapsed\n%s", i+1, s.logNotes(20))
					}
					time.Sleep(50 * time.Millisecond)
				}
				lapseWait = time.Since(lapsed)
				r = gqlResult{}
			}
			if len(r.Errors) > 0 {
				t.Fatalf("case %d: the retry after the restart (%s): %+v", i+1, how, r.Errors)
			}
			// The verification: its job, or, when the job died with the
			// server, the sweep once its claim lapsed (10 minutes; let lapse now).
			for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
				if st, _ := state(); st != "VERIFYING" {
					break
				}
				if time.Now().After(deadline) {
					how += ", verification taken over after its claim lapsed"
					s.setEvidenceTime(t, u.id, "completing_until", time.Now().Add(-time.Second))
					break
				}
			}
			if ev := s.evidenceEnded(t, w.staffZZ, u.id, 90*time.Second); ev.Status == "FAILED" && strings.Contains(deref(ev.FailureReason), "did not keep") {
				// Storage dropped the assembly with the dead server's request:
				// the phone is told to upload again, and does.
				how += ", storage lost the parts, uploaded again"
				u.id, _ = s.uploadAll(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, openingDay, venueLat, venueLon)
			}
			row := s.evidenceRow(t, u.id)
			store := s.store(t)
			info, err := store.Stat(ctx, row.ObjectKey, row.ObjectVersion)
			retained := err == nil && !info.RetainUntil.IsZero()
			sum := ""
			if rc, err := store.Open(ctx, row.ObjectKey, row.ObjectVersion); err == nil {
				b, _ := io.ReadAll(rc)
				rc.Close()
				sum = sha(b)
			}
			finished := how
			if how == "job" {
				finished = fmt.Sprintf("job, %s after the claim lapsed", seconds(lapseWait))
			}
			soakf("server-kill mid-completion case=%d killed-after=%s answer=%s left=%s finished-by=%q status=%s sha256=%s retained=%s",
				i+1, killedAfter.Round(time.Millisecond), sent, left, finished, row.Status, verdict(sum == sha(data)), verdict(retained))
			if row.Status != "VERIFIED" || sum != sha(data) || !retained {
				t.Errorf("case %d: after a kill during completion the evidence is %s, stored sha %q, retained %v (%v)", i+1, row.Status, sum, retained, err)
			}
		}
	})

	t.Run("mid-payment", func(t *testing.T) {
		apps := make([]string, payments)
		total := 0
		for i := range apps {
			apps[i] = w.application(t, s, "TRANSFERRED_TO_FINANCE")
			total += appAmount(t, s, w.finZZ, apps[i])
		}
		s.must(t, w.admin, `mutation($a:Int!){ depositFunds(regionCode:"410100", amountFen:$a, idempotencyKey:"soak-kill-deposit"){ balanceFen } }`, map[string]any{"a": total})
		key := func(i int) string { return fmt.Sprintf("soak-kill-pay-%03d", i) }
		answers := make(chan string, payments)
		for i := range apps {
			go func() {
				r, err := tryGQL(s.URL, w.finZZ, payQ, map[string]any{"id": apps[i], "k": key(i)})
				answers <- outcome(r, err)
			}()
		}
		// Killed as soon as the first payment is answered: the others are in flight.
		var before tally
		before.add(<-answers)
		p.kill9()
		for range payments - 1 {
			before.add(<-answers)
		}
		restart := p.up(t)
		// Each payment replayed twice at once, with its key.
		var replays tally
		var wg sync.WaitGroup
		for i := range apps {
			for range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var d struct {
						Pay state `json:"paySubsidyApplication"`
					}
					r, err := tryGQL(s.URL, w.finZZ, payQ, map[string]any{"id": apps[i], "k": key(i)})
					o := outcome(r, err)
					if o == "ok" {
						r.decode(t, &d)
						if d.Pay.State != "PAID" {
							o = "state-" + d.Pay.State
						}
					}
					replays.add(o)
				}()
			}
		}
		wg.Wait()
		once, twice, unpaid := paymentLines(t, db, apps)
		balance := s.ledgerBalances(t, w.finZZ, "410100")
		soakf("server-kill mid-payment payments=%d answered-before-kill=%s restart=%s replays=%d replays-answered=%s paid-once=%d paid-twice=%d unpaid=%d ledger=%s balance=%d",
			payments, before.String(), seconds(restart), 2*payments, replays.String(), once, twice, unpaid, balanced(!t.Failed()), balance)
		if once != payments || replays.except("ok") > 0 || balance != 0 {
			t.Errorf("after a kill mid-payment: %d paid once, %d twice, %d unpaid, replays %s, balance %d fen (want 0)", once, twice, unpaid, replays.String(), balance)
		}
	})
}

// appAmount is an application's amount in fen.
func appAmount(t testing.TB, s *testServer, token, id string) int {
	t.Helper()
	var d struct {
		Node struct {
			Amount int `json:"amountFen"`
		} `json:"node"`
	}
	s.must(t, token, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { amountFen } } }`, map[string]any{"id": id}, &d)
	if d.Node.Amount <= 0 {
		t.Fatalf("application %s of %d fen", id, d.Node.Amount)
	}
	return d.Node.Amount
}

// paymentLines counts the ledger's PAYMENT lines of each application: paid
// once, more than once, or not at all.
func paymentLines(t testing.TB, db *pgx.Conn, apps []string) (once, more, none int) {
	t.Helper()
	for _, id := range apps {
		var n int
		if err := db.QueryRow(context.Background(), `SELECT count(*) FROM fund_entries WHERE kind = 'PAYMENT' AND application_id = $1`, atoi(t, id)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		switch {
		case n == 1:
			once++
		case n > 1:
			more++
		default:
			none++
		}
	}
	return once, more, none
}

// atoi is a node id as the database's integer.
func atoi(t testing.TB, id string) int {
	t.Helper()
	n, err := strconv.Atoi(id)
	if err != nil {
		t.Fatalf("id %q: %v", id, err)
	}
	return n
}

// TestSoakConcurrentPayments: payments of as many applications at once
// (50 in the long run), each sent twice at the same moment with its
// idempotency key and replayed once more afterwards: each application is
// paid exactly once, every answer says PAID, a key reused for another
// application is refused, and the ledger adds up to the fen, down to the
// exact balance left.
func TestSoakConcurrentPayments(t *testing.T) {
	n := 20
	if soakLong() {
		n = 50
	}
	s := startServer(t, "postgres", nil)
	w := newWorld(t, s)
	w.setStandard(t, s)
	apps := make([]string, n)
	total := 0
	for i := range apps {
		apps[i] = w.application(t, s, "TRANSFERRED_TO_FINANCE")
		total += appAmount(t, s, w.finZZ, apps[i])
	}
	const spare = 1234 // fen that must stay in the account
	s.must(t, w.admin, `mutation($a:Int!){ depositFunds(regionCode:"410100", amountFen:$a, idempotencyKey:"soak-pay-deposit"){ balanceFen } }`,
		map[string]any{"a": total + spare})
	key := func(i int) string { return fmt.Sprintf("soak-pay-%03d-%s", i, apps[i]) }
	var answers tally
	pay := func(i int) {
		var d struct {
			Pay state `json:"paySubsidyApplication"`
		}
		r, err := tryGQL(s.URL, w.finZZ, payQ, map[string]any{"id": apps[i], "k": key(i)})
		o := outcome(r, err)
		if o == "ok" {
			r.decode(t, &d)
			if d.Pay.State != "PAID" {
				o = "state-" + d.Pay.State
			}
		}
		answers.add(o)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for i := range apps {
		for range 2 {
			wg.Add(1)
			go func() { defer wg.Done(); pay(i) }()
		}
	}
	wg.Wait()
	took := time.Since(start)
	for i := range apps {
		pay(i)
	}
	// The key of the first payment, for another application: refused.
	reused := outcome(tryGQL(s.URL, w.finZZ, payQ, map[string]any{"id": apps[1], "k": key(0)}))

	_, db, _, err := openDatabase(context.Background(), s.env["DATABASE_URL"], s.env["DATA_DIR"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	once, twice, unpaid := 0, 0, 0
	for _, id := range apps {
		var lines int
		if err := db.QueryRow(`SELECT count(*) FROM fund_entries WHERE kind = 'PAYMENT' AND application_id = $1`, atoi(t, id)).Scan(&lines); err != nil {
			t.Fatal(err)
		}
		switch {
		case lines == 1:
			once++
		case lines > 1:
			twice++
		default:
			unpaid++
		}
	}
	failed := t.Failed()
	balance := s.ledgerBalances(t, w.finZZ, "410100")
	soakf("payments concurrent=%d requests=%d took=%s answers=%s paid-once=%d paid-twice=%d unpaid=%d key-reused-elsewhere=%s ledger=%s balance=%d want=%d",
		n, 3*n, seconds(took), answers.String(), once, twice, unpaid, reused, balanced(!failed && !t.Failed()), balance, spare)
	if once != n || answers.except("ok") > 0 || balance != spare || reused != "CONFLICT" {
		t.Errorf("%d paid once, %d more than once, %d unpaid; answers %s; balance %d fen, want %d; a reused key answered %s",
			once, twice, unpaid, answers.String(), balance, spare, reused)
	}
}
