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
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

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
	for _, kind := range stacks {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			f(t, startServer(t, kind, nil))
		})
	}
}

type testServer struct {
	URL  string
	kind string
	env  map[string]string
	out  *lockedBuffer
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
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, nil, func(k string) string { return env[k] }, pw)
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
	s := &testServer{kind: kind, out: out, env: env}
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

type gqlResult struct {
	Status int
	Data   map[string]any `json:"data"`
	Errors []gqlError     `json:"errors"`
}

// code returns the extensions.code of the first error, or "".
func (r gqlResult) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// gql posts a GraphQL request with an optional bearer token.
func (s *testServer) gql(t testing.TB, token, query string, vars map[string]any) gqlResult {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
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

// must fails the test when the request had errors and returns the data.
func (s *testServer) must(t testing.TB, token, query string, vars map[string]any) map[string]any {
	t.Helper()
	r := s.gql(t, token, query, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v\nserver log (requests left out):\n%s", r.Errors, s.logNotes(10))
	}
	return r.Data
}

// wantCode fails unless the request failed with the given code.
func (s *testServer) wantCode(t testing.TB, code, token, query string, vars map[string]any) gqlResult {
	t.Helper()
	r := s.gql(t, token, query, vars)
	if r.code() != code {
		t.Fatalf("want error %s, got errors %+v data %v", code, r.Errors, r.Data)
	}
	return r
}

// get walks a decoded JSON value by a dotted path ("a.b.0.c").
func get(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func str(v any, path string) string { s, _ := get(v, path).(string); return s }

func num(v any, path string) int { f, _ := get(v, path).(float64); return int(f) }

// login signs in and returns the access and refresh tokens.
func (s *testServer) login(t testing.TB, username, password string) (string, string) {
	t.Helper()
	d := s.must(t, "", `mutation($u:String!,$p:String!){ login(input:{username:$u,password:$p}){ accessToken refreshToken } }`,
		map[string]any{"u": username, "p": password})
	return str(d, "login.accessToken"), str(d, "login.refreshToken")
}

func (s *testServer) adminToken(t testing.TB) string {
	tok, _ := s.login(t, "admin", adminPassword)
	return tok
}

// regionID returns the node id of a region by code.
func (s *testServer) regionID(t testing.TB, token, code string) string {
	t.Helper()
	d := s.must(t, token, `query($c:String!){ region(code:$c){ id } }`, map[string]any{"c": code})
	id := str(d, "region.id")
	if id == "" {
		t.Fatalf("region %s not found", code)
	}
	return id
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
