package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/testenv"
	"github.com/hnvt/bairi/storage"
	"github.com/hnvt/bairi/storage/storagetest"
)

const (
	adminPassword = "admin-password-1"
	testJWTSecret = "test-jwt-secret-0123456789abcdef0123456789"
	testPassword  = "a-good-password-1"
)

// minioCfg is the one MinIO server of this test binary.
var minioCfg storage.S3Config

func TestMain(m *testing.M) {
	if os.Getenv(soakServeEnv) == "1" {
		// The soak tests run this binary as the server process they kill.
		os.Exit(soakServe())
	}
	if os.Getenv(benchFloorEnv) != "" {
		// The load suite runs this binary as its floor.
		os.Exit(benchFloorServe())
	}
	cfg, stop, err := storagetest.StartMinIOServer()
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting MinIO:", err)
		os.Exit(1)
	}
	minioCfg = cfg
	code := m.Run()
	stop()
	os.Exit(code)
}

// stacks are the two ways the product runs: embedded defaults (SQLite and a
// local directory) and production (PostgreSQL and MinIO).
var stacks = []string{"sqlite", "postgres"}

// forEachStack runs a test against a fresh server on each stack, in parallel.
func forEachStack(t *testing.T, f func(t *testing.T, s *testServer)) {
	t.Helper()
	forEachStackWith(t, nil, f)
}

// forEachStackWith is forEachStack with servers started on the given
// environment (scanEverySecond for the tests of the deadline job).
func forEachStackWith(t *testing.T, env map[string]string, f func(t *testing.T, s *testServer)) {
	t.Helper()
	for _, kind := range stacks {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			f(t, startServer(t, kind, env))
		})
	}
}

// scanEverySecond runs the deadline job every second.
var scanEverySecond = map[string]string{"DEADLINE_SCAN_INTERVAL": "1s"}

type testServer struct {
	URL  string
	kind string
	env  map[string]string
	out  *lockedBuffer
	// clock is the time the server's rules read; tests move it forward
	// instead of editing data under the API.
	clock *clock.Clock
	// moved is how far the clock of a server process (TEST_CLOCK=1, clock
	// nil) was moved over HTTP; a restarted process is moved as far again.
	moved time.Duration
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var bucketSeq struct {
	sync.Mutex
	n int
}

// startServer runs the product in-process on a free loopback port.
func startServer(t testing.TB, kind string, extra map[string]string) *testServer {
	t.Helper()
	env := map[string]string{
		"HTTP_ADDR":                "127.0.0.1:0",
		"DATA_DIR":                 t.TempDir(),
		"BOOTSTRAP_ADMIN_PASSWORD": adminPassword,
		"JWT_SECRET":               testJWTSecret,
	}
	if kind == "postgres" {
		url, drop, err := testenv.NewPostgresDatabase(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(drop)
		bucketSeq.Lock()
		bucketSeq.n++
		n := bucketSeq.n
		bucketSeq.Unlock()
		env["DATABASE_URL"] = url
		env["S3_ENDPOINT"] = minioCfg.Endpoint
		env["S3_ACCESS_KEY"] = minioCfg.AccessKey
		env["S3_SECRET_KEY"] = minioCfg.SecretKey
		env["S3_BUCKET"] = fmt.Sprintf("srv-%d-%d", os.Getpid(), n)
	}
	for k, v := range extra {
		env[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	out := &lockedBuffer{}
	clk := &clock.Clock{}
	done := make(chan error, 1)
	go func() {
		done <- runWith(ctx, nil, func(k string) string { return env[k] }, pw, clk)
		pw.Close()
	}()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(out, line)
			if rest, ok := strings.CutPrefix(line, "listening on "); ok {
				addr <- strings.Fields(rest)[0]
			}
		}
		io.Copy(io.Discard, pr)
	}()
	s := &testServer{kind: kind, out: out, env: env, clock: clk}
	select {
	case u := <-addr:
		s.URL = u
	case err := <-done:
		cancel()
		t.Fatalf("server (%s) did not start: %v\n%s", kind, err, out.String())
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatalf("server (%s) did not start within 60 s\n%s", kind, out.String())
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server stopped with %v", err)
		}
	})
	return s
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// rowError is one line of the row-by-row report in extensions.rows.
type rowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// rows decodes the error's extensions.rows.
func (e gqlError) rows(t testing.TB) []rowError {
	t.Helper()
	var rows []rowError
	raw, _ := json.Marshal(e.Extensions["rows"])
	if err := json.Unmarshal(raw, &rows); err != nil {
		t.Fatalf("decoding extensions.rows %s: %v", raw, err)
	}
	return rows
}

type gqlResult struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// code returns the extensions.code of the first error, or "".
func (r gqlResult) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// decode unmarshals data into each of out (structs whose json tags follow
// the query's selection); a null data leaves them as they are.
func (r gqlResult) decode(t testing.TB, out ...any) {
	t.Helper()
	if len(r.Data) == 0 {
		return
	}
	for _, o := range out {
		if err := json.Unmarshal(r.Data, o); err != nil {
			t.Fatalf("decoding data into %T: %v\n%s", o, err, r.Data)
		}
	}
}

// gql posts a GraphQL request with an optional bearer token, checks every
// error and decodes data into out.
func (s *testServer) gql(t testing.TB, token, query string, vars map[string]any, out ...any) gqlResult {
	t.Helper()
	return s.gqlIn(t, "", token, query, vars, out...)
}

// gqlIn is gql with an Accept-Language header (none when lang is empty).
func (s *testServer) gqlIn(t testing.TB, lang, token, query string, vars map[string]any, out ...any) gqlResult {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	return s.result(t, resp, out)
}

// result reads a GraphQL response: every error must have extensions.code,
// and INTERNAL fails the test with the server log tail.
func (s *testServer) result(t testing.TB, resp *http.Response, out []any) gqlResult {
	t.Helper()
	var r gqlResult
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("decoding response (%d): %v: %s", resp.StatusCode, err, raw)
	}
	r.Status = resp.StatusCode
	for _, e := range r.Errors {
		if e.Extensions["code"] == nil {
			t.Errorf("error without extensions.code: %+v", e)
		}
		if e.Extensions["code"] == "INTERNAL" {
			t.Errorf("internal error from the server: %+v\nserver log tail:\n%s", e, tail(s.out.String(), 20))
		}
	}
	r.decode(t, out...)
	return r
}

// logNotes returns the server's last log lines other than request lines.
func (s *testServer) logNotes(n int) string {
	var keep []string
	for _, l := range strings.Split(s.out.String(), "\n") {
		if l != "" && !strings.Contains(l, `"msg":"request"`) {
			keep = append(keep, l)
		}
	}
	return tail(strings.Join(keep, "\n"), n)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// must fails the test when the request had errors and decodes data into out.
func (s *testServer) must(t testing.TB, token, query string, vars map[string]any, out ...any) {
	t.Helper()
	r := s.gql(t, token, query, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v\nserver log (requests left out):\n%s", r.Errors, s.logNotes(10))
	}
	r.decode(t, out...)
}

// wantCode fails unless the request failed with the given code; it decodes
// data into out.
func (s *testServer) wantCode(t testing.TB, code, token, query string, vars map[string]any, out ...any) gqlResult {
	t.Helper()
	r := s.gql(t, token, query, vars)
	if r.code() != code {
		t.Fatalf("want error %s, got errors %+v data %s", code, r.Errors, r.Data)
	}
	r.decode(t, out...)
	return r
}

// ref is a selection of just { id }.
type ref struct {
	ID string `json:"id"`
}

// connection is a Relay connection: its totalCount and the nodes of its edges.
type connection[N any] struct {
	TotalCount int `json:"totalCount"`
	Edges      []struct {
		Node N `json:"node"`
	} `json:"edges"`
}

// counted is a connection of which only totalCount is selected.
type counted = connection[struct{}]

// deref is what p points to, or the zero value for a JSON null.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// js renders a decoded value as JSON, for messages and searches.
func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// tokens is the selection { accessToken refreshToken } of an AuthPayload.
type tokens struct {
	AccessToken  string `json:"accessToken"`
	RefreshToken string `json:"refreshToken"`
}

// login signs in and returns the access and refresh tokens.
func (s *testServer) login(t testing.TB, username, password string) (string, string) {
	t.Helper()
	var d struct {
		Login tokens `json:"login"`
	}
	s.must(t, "", `mutation($u:String!,$p:String!){ login(input:{username:$u,password:$p}){ accessToken refreshToken } }`,
		map[string]any{"u": username, "p": password}, &d)
	return d.Login.AccessToken, d.Login.RefreshToken
}

func (s *testServer) adminToken(t testing.TB) string {
	tok, _ := s.login(t, "admin", adminPassword)
	return tok
}

// regionID returns the node id of a region by code.
func (s *testServer) regionID(t testing.TB, token, code string) string {
	t.Helper()
	var d struct {
		Region *ref `json:"region"`
	}
	s.must(t, token, `query($c:String!){ region(code:$c){ id } }`, map[string]any{"c": code}, &d)
	if d.Region == nil || d.Region.ID == "" {
		t.Fatalf("region %s not found", code)
	}
	return d.Region.ID
}

// creditCode makes a valid unified social credit code for a region and sequence number.
func creditCode(t testing.TB, division string, seq int) string {
	t.Helper()
	org := fmt.Sprintf("%08d", 10000000+seq)
	c, err := idcheck.OrganizationCodeCheckChar(org)
	if err != nil {
		t.Fatal(err)
	}
	first17 := "91" + division + org + string(c)
	cc, err := idcheck.CreditCodeCheckChar(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(cc)
}

// residentID makes a valid resident ID number.
func residentID(t testing.TB, division string, seq int) string {
	t.Helper()
	first17 := fmt.Sprintf("%s19900101%03d", division, seq%1000)
	c, err := idcheck.ResidentIDCheckChar(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}

// get sends an authenticated GET (no token: anonymous) to a path of the
// server and returns the status and the body.
func (s *testServer) get(t testing.TB, token, path string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// eventually polls cond every 300 ms for up to 30 s: long enough for the
// deadline job, which the scanning tests run every second.
func eventually(cond func() bool) {
	for until := time.Now().Add(30 * time.Second); !cond() && time.Now().Before(until); {
		time.Sleep(300 * time.Millisecond)
	}
}
