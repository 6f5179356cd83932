package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hnvt/bairi/internal/benchdata"
)

// TestBenchLoad is `make bench-load`: it starts the real server (its own
// process, so that its RSS is its own) on the data set of `make bench-data`
// and, for each scenario (BENCH_ONLY keeps those whose name holds it), warms
// it up on both sides and then loads it from 50 and then 100 clients for
// BENCH_SECONDS: half of it on the server, then the whole on the floor, then
// the other half on the server, so that what drifts during the run falls on
// both alike. The floor is a minimal net/http handler in a process of its
// own, as the server is (BENCH_FLOOR=inproc: in this one), that decodes the
// same JSON body and runs the same SELECT (the page's rows) through a pgx
// pool. It prints throughput and p50/p95/p99 of each, their ratio, the
// server's RSS while loaded, the CPU time per answer of the server and of
// the floor, and what the server spends on its own while the floor is
// loaded. It runs only with
// BENCH_LOAD=1, and then fails (never skips) when it cannot run. It prints
// figures; it does not judge them against a clock.
func TestBenchLoad(t *testing.T) {
	if os.Getenv("BENCH_LOAD") != "1" {
		t.Skip("the load suite runs with BENCH_LOAD=1: make bench-data && make bench-load")
	}
	dbURL := os.Getenv("BENCH_DATABASE_URL")
	if dbURL == "" {
		t.Fatal("BENCH_DATABASE_URL is not set (make bench-load sets it)")
	}
	seconds := 15
	if v, err := strconv.Atoi(os.Getenv("BENCH_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	window := time.Duration(seconds) * time.Second
	ctx := context.Background()
	pool, err := floorPool(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var persons int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM persons`).Scan(&persons); err != nil || persons == 0 {
		t.Fatalf("no data set in %s (run make bench-data first): %v", redactURL(dbURL), err)
	}

	srv := startBenchServer(t, dbURL)
	s := &testServer{URL: srv.url, kind: "postgres"}
	ids := benchIDs(t, ctx, pool)
	tok := map[string]string{}
	for _, u := range []string{"admin", ids.staff, "official-410100", "inspector-410100", "official-410101"} {
		tok[u], _ = s.login(t, u, benchdata.Password)
	}
	campaign := strconv.FormatInt(ids.campaign, 10)

	scenarios := []loadScenario{
		{name: "certificate check", path: "/api/certificate-check", vars: certCheck(ids, "number", "name"),
			want: `"status":`, floor: certFloor, args: []floorArg{{Var: "number"}}},
		{name: "certificate check (GraphQL)", query: verifyQ, vars: certCheck(ids, "n", "m"),
			want: `"status":`, floor: certFloor, args: []floorArg{{Var: "n"}}},
		{name: "me", token: tok[ids.staff],
			query: `query Me { me { id username displayName role region { code name } organization { id name kind } person { id name idMasked } } }`,
			want:  `"username":`,
			floor: `SELECT u.id, u.username, u.display_name, u.role, r.code, r.name, o.id, o.name, o.kind FROM users u
				JOIN regions r ON r.id = u.region_id LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
			args: []floorArg{{Const: ids.staffID}}},
		{name: "review queue (city inspector)", token: tok["inspector-410100"],
			query: `query ReviewQueue($where: EvidenceWhereInput) { reviewQueue(first: 20, where: $where) { totalCount
				edges { node { id kind fileName size contentType durationSeconds capturedAt latitude longitude flags decision reviewComment
				class { id occupation venueAddress organization { name } } } } } }`,
			vars: func(int) map[string]any { return map[string]any{"where": map[string]any{"decisionIsNil": true}} },
			want: `"edges":[{`,
			floor: `SELECT e.id, e.kind, e.file_name, e.size, e.content_type, e.duration_seconds, e.captured_at, e.latitude, e.longitude, e.flags,
				e.decision, e.review_comment, c.id, c.occupation, c.venue_address, o.name
				FROM evidences e JOIN training_classes c ON c.id = e.class_id JOIN organizations o ON o.id = c.organization_id
				WHERE e.region_id IN (SELECT id FROM regions WHERE path LIKE $1) AND e.status = 'VERIFIED' AND e.on_site_check_id IS NULL
				AND e.decision IS NULL ORDER BY e.created_at DESC, e.id DESC LIMIT 21`,
			args: []floorArg{{Const: "410000/410100/%"}}},
		{name: "class list (institution)", token: tok[ids.staff], query: classListQ, want: `"edges":[{`,
			floor: classFloor(`c.organization_id = $1`), args: []floorArg{{Const: ids.staffOrg}}},
		{name: "class list (city official)", token: tok["official-410100"], query: classListQ, want: `"edges":[{`,
			floor: classFloor(`c.region_id IN (SELECT id FROM regions WHERE path LIKE $1)`),
			args:  []floorArg{{Const: "410000/410100/%"}}},
		{name: "campaignProgress (province)", token: tok["admin"],
			query: `query($c: ID!) { campaignProgress(campaignID: $c, regionCode: "410000") { category unit target achieved completionRate elapsedShare lagging tracked } }`,
			vars:  func(int) map[string]any { return map[string]any{"c": campaign} },
			want:  `"achieved":`,
			floor: `SELECT counter, value FROM progress_counters WHERE campaign_id = $1 AND region_path = '410000/'`,
			args:  []floorArg{{Const: ids.campaign}}},
		{name: "application queue (county)", token: tok["official-410101"],
			query: `query Applications($first: Int) { subsidyApplications(first: $first, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount
				edges { node { id kind state headcount amountFen prepaidFen submittedAt dueSoon overdue organization { name }
				clocks { name dueAt dueSoon overdue stopped provisional } } } } }`,
			vars: func(int) map[string]any { return map[string]any{"first": 20} },
			want: `"edges":[{`,
			floor: `SELECT a.id, a.kind, a.state, a.headcount, a.amount_fen, a.prepaid_fen, a.submitted_at, a.acceptance_due_at, a.review_due_at,
				a.hr_due_at, o.name FROM subsidy_applications a JOIN organizations o ON o.id = a.organization_id
				WHERE a.region_id IN (SELECT id FROM regions WHERE path LIKE $1) ORDER BY a.created_at DESC, a.id DESC LIMIT 21`,
			args: []floorArg{{Const: "410000/410100/410101/%"}}},
		{name: "certificates (province admin)", token: tok["admin"],
			query: `{ certificates(first: 20, orderBy: { field: ISSUED_AT, direction: DESC }) { totalCount edges { node { id number holderName occupation issuedAt status } } } }`,
			want:  `"edges":[{`,
			floor: `SELECT id, number, holder_name, occupation, issued_at, status FROM certificates ORDER BY issued_at DESC, id DESC LIMIT 21`},
	}

	// BENCH_ONLY keeps the scenarios whose name holds it (a profile of one).
	if only := os.Getenv("BENCH_ONLY"); only != "" {
		scenarios = slices.DeleteFunc(scenarios, func(sc loadScenario) bool { return !strings.Contains(sc.name, only) })
		if len(scenarios) == 0 {
			t.Fatalf("BENCH_ONLY=%q names no scenario", only)
		}
	}
	floor, floorPid := startFloor(t, pool, dbURL, scenarios)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 200, MaxConnsPerHost: 200}}
	fmt.Printf("BENCH data set: %d persons; %d s per measure; server pid %d; GOMAXPROCS of this machine: %d cores\n",
		persons, seconds, srv.cmd.Process.Pid, numCPU())
	var table []string
	peak := 0
	for k, sc := range scenarios {
		floorURL := floor + "/" + strconv.Itoa(k)
		// one answer first: a scenario that cannot answer fails the suite
		path := sc.path
		if path == "" {
			path = "/graphql"
		}
		if err := sc.call(client, s.URL+path, 0); err != nil {
			t.Fatalf("%s: %v", sc.name, err)
		}
		if err := sc.call(client, floorURL, 0); err != nil {
			t.Fatalf("%s floor: %v", sc.name, err)
		}
		// A warm-up, not measured: the caches the scenario reads
		// filled on both sides before either is timed.
		for _, u := range []string{s.URL + path, floorURL} {
			if _, err := runLoad(50, window/2, func(i int) error { return sc.call(client, u, i) }); err != nil {
				t.Fatalf("%s warm-up: %v", sc.name, err)
			}
		}
		for _, clients := range []int{50, 100} {
			// server, floor, floor, server, half the window each: what
			// drifts during the run (caches warming, the start-up's own
			// work ending) falls on both alike.
			var rss rssSampler
			rss.start(srv.cmd.Process.Pid)
			var runs [4]loadRun
			for i, onServer := range []bool{true, false, false, true} {
				f := func(i int) error { return sc.call(client, floorURL, i) }
				if onServer {
					f = func(i int) error { return sc.call(client, s.URL+path, i) }
				}
				cpu0, fcpu0, dcpu0 := procCPU(srv.cmd.Process.Pid), procCPU(floorPid), postgresCPU()
				r, err := runLoad(clients, window/2, f)
				if err != nil {
					t.Fatalf("%s (server %v), %d clients: %v", sc.name, onServer, clients, err)
				}
				r.cpu, r.floorCPU, r.dbCPU = procCPU(srv.cmd.Process.Pid)-cpu0, procCPU(floorPid)-fcpu0, postgresCPU()-dcpu0
				runs[i] = r
			}
			rssMax := rss.stop()
			got, base := summarize(runs[0], runs[3]), summarize(runs[1], runs[2])
			peak = max(peak, rssMax)
			// The server's CPU per answer while it is loaded, and while the
			// floor is (what it spends on its own: jobs, syncs).
			perAnswer := (runs[0].cpu + runs[3].cpu) / time.Duration(runs[0].total+runs[3].total)
			idle := float64(runs[1].cpu+runs[2].cpu) / float64(runs[1].d+runs[2].d+2*time.Second)
			floorPerAnswer := "-" // the floor in this process: its CPU is the client's too
			if floorPid != 0 {
				floorPerAnswer = fmt.Sprintf("%d µs", ((runs[1].floorCPU + runs[2].floorCPU) / time.Duration(runs[1].total+runs[2].total)).Microseconds())
			}
			// PostgreSQL shares the machine: what it spends per answer
			// is taken from the same cores.
			dbPerAnswer := (runs[0].dbCPU + runs[3].dbCPU) / time.Duration(runs[0].total+runs[3].total)
			dbFloorPerAnswer := (runs[1].dbCPU + runs[2].dbCPU) / time.Duration(runs[1].total+runs[2].total)
			line := fmt.Sprintf("| %s | %d | %.0f/s | %s / %s / %s | %.0f/s | %s / %s / %s | %.2f | %d MB | %d µs | %s | %d / %d µs | %.0f%% |",
				sc.name, clients, got.rate, ms(got.p50), ms(got.p95), ms(got.p99),
				base.rate, ms(base.p50), ms(base.p95), ms(base.p99), got.rate/base.rate, rssMax>>20,
				perAnswer.Microseconds(), floorPerAnswer, dbPerAnswer.Microseconds(), dbFloorPerAnswer.Microseconds(), 100*idle)
			fmt.Println("BENCH " + line)
			table = append(table, line)
		}
	}
	fmt.Println("\nBENCH figures (server vs floor; latencies p50 / p95 / p99 in ms; RSS: the server's largest while loaded):")
	fmt.Println("| scenario | clients | server | server p50 / p95 / p99 | floor | floor p50 / p95 / p99 | ratio | server RSS | server CPU per answer | floor CPU per answer | PostgreSQL CPU per answer (server / floor) | server CPU while idle |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, l := range table {
		fmt.Println(l)
	}
	fmt.Printf("BENCH server RSS peak while loaded: %d MB (VmHWM %d MB)\n", peak>>20, vmHWM(srv.cmd.Process.Pid)>>20)
}

// certFloor is the certificate check's SELECT.
const certFloor = `SELECT status, holder_name, holder_id_masked, kind, occupation, level, issuer_name, issued_at FROM certificates WHERE number = $1`

// certCheck gives the i-th check a certificate of the data set, its number
// and holder's name under the names the request uses.
func certCheck(ids loadIDs, number, name string) func(i int) map[string]any {
	return func(i int) map[string]any {
		c := ids.certs[(i*7919)%len(ids.certs)]
		return map[string]any{number: c[0], name: c[1]}
	}
}

const classListQ = `query Classes($first: Int, $after: Cursor, $where: TrainingClassWhereInput) {
	trainingClasses(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {
		totalCount totalCountExact
		edges { node { id category occupation status approvedHeadcount effectiveHeadcount plannedStart plannedEnd venueAddress enrolledCount rejectedEvidenceCount organization { name } } } } }`

func classFloor(where string) string {
	return `SELECT c.id, c.category, c.occupation, c.status, c.approved_headcount, c.effective_headcount, c.planned_start, c.planned_end,
		c.venue_address, o.name FROM training_classes c JOIN organizations o ON o.id = c.organization_id
		WHERE ` + where + ` ORDER BY c.created_at DESC, c.id DESC LIMIT 21`
}

// loadScenario is one GraphQL request of the suite and its floor's SELECT.
type loadScenario struct {
	name, token, query string
	// path is where the request goes: /graphql unless said; a scenario
	// without a query posts its variables as the body.
	path  string
	vars  func(i int) map[string]any
	want  string // a fragment every good answer holds
	floor string
	args  []floorArg // the floor SELECT's arguments
}

// floorArg is an argument of a floor's SELECT: a request variable (Var) or
// a constant. Data, not a function, so that the floor's own process can be
// told it.
type floorArg struct {
	Var   string `json:",omitempty"`
	Const any    `json:",omitempty"`
}

// floorSpec is what the floor serves for one scenario.
type floorSpec struct {
	SQL     string
	Args    []floorArg
	GraphQL bool // the body is {query, variables}, not the variables alone
}

func (sc *loadScenario) body(i int) []byte {
	var vars map[string]any
	if sc.vars != nil {
		vars = sc.vars(i)
	} else if strings.Contains(sc.query, "$first") {
		vars = map[string]any{"first": 20}
	}
	if sc.query == "" {
		b, _ := json.Marshal(vars)
		return b
	}
	b, _ := json.Marshal(map[string]any{"query": sc.query, "variables": vars})
	return b
}

func (sc *loadScenario) call(c *http.Client, url string, i int) error {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(sc.body(i)))
	req.Header.Set("Content-Type", "application/json")
	if sc.token != "" {
		req.Header.Set("Authorization", "Bearer "+sc.token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || bytes.Contains(raw, []byte(`"errors"`)) || !bytes.Contains(raw, []byte(sc.want)) && !strings.Contains(url, "/floor/") {
		return fmt.Errorf("answer %d: %s", resp.StatusCode, tail(string(raw), 5))
	}
	return nil
}

// benchFloorEnv makes the test binary serve the floor (see TestMain): its
// value is the floors as JSON ([]floorSpec), BENCH_DATABASE_URL the
// database, BENCH_FLOOR_ADDR where to listen.
const benchFloorEnv = "BAIRI_BENCH_FLOOR"

// floorHandler serves /floor/<k>: decode the JSON body, run the k-th
// SELECT through the pool, answer the rows as JSON.
func floorHandler(pool *pgxpool.Pool, specs []floorSpec) http.Handler {
	mux := http.NewServeMux()
	for k, sc := range specs {
		mux.HandleFunc("/floor/"+strconv.Itoa(k), func(w http.ResponseWriter, r *http.Request) {
			var in struct {
				Query     string         `json:"query"`
				Variables map[string]any `json:"variables"`
			}
			var err error
			if sc.GraphQL {
				err = json.NewDecoder(r.Body).Decode(&in)
			} else { // the body is the variables
				err = json.NewDecoder(r.Body).Decode(&in.Variables)
			}
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			args := make([]any, len(sc.Args))
			for i, a := range sc.Args {
				args[i] = a.Const
				if a.Var != "" {
					args[i] = in.Variables[a.Var]
				}
			}
			rows, err := pool.Query(r.Context(), sc.SQL, args...)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			var out [][]any
			for rows.Next() {
				v, err := rows.Values()
				if err != nil {
					http.Error(w, err.Error(), http.StatusInternalServerError)
					return
				}
				out = append(out, v)
			}
			if err := rows.Err(); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]any{"data": out})
		})
	}
	return mux
}

// floorPool is the floor's pool: as large as ent's share of the server's
// (sqlConns).
func floorPool(ctx context.Context, dbURL string) (*pgxpool.Pool, error) {
	pcfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, err
	}
	pcfg.MaxConns = sqlConns
	return pgxpool.NewWithConfig(ctx, pcfg)
}

// benchFloorServe is the floor's own process: it serves until killed.
func benchFloorServe() int {
	var specs []floorSpec
	dec := json.NewDecoder(strings.NewReader(os.Getenv(benchFloorEnv)))
	dec.UseNumber()
	if err := dec.Decode(&specs); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		return 1
	}
	for _, sc := range specs { // JSON numbers back to the integers they were
		for i, a := range sc.Args {
			if n, ok := a.Const.(json.Number); ok {
				v, err := n.Int64()
				if err != nil {
					fmt.Fprintln(os.Stderr, "floor:", err)
					return 1
				}
				sc.Args[i].Const = v
			}
		}
	}
	pool, err := floorPool(context.Background(), os.Getenv("BENCH_DATABASE_URL"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		return 1
	}
	defer pool.Close()
	ln, err := net.Listen("tcp", os.Getenv("BENCH_FLOOR_ADDR"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		return 1
	}
	fmt.Println("floor listening on", ln.Addr())
	_ = http.Serve(ln, floorHandler(pool, specs))
	return 0
}

// startFloor serves the scenarios' floors: in their own process, as the
// server is in its own (BENCH_FLOOR=inproc: in this one, the load's
// client's, as the suite did up to 78664cd). It returns the floor's URL
// and its pid (0 in this process).
func startFloor(t *testing.T, pool *pgxpool.Pool, dbURL string, scenarios []loadScenario) (string, int) {
	t.Helper()
	specs := make([]floorSpec, len(scenarios))
	for k, sc := range scenarios {
		specs[k] = floorSpec{SQL: sc.floor, Args: sc.args, GraphQL: sc.query != ""}
	}
	if os.Getenv("BENCH_FLOOR") == "inproc" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		hs := &http.Server{Handler: floorHandler(pool, specs)}
		go hs.Serve(ln)
		t.Cleanup(func() { hs.Close() })
		return "http://" + ln.Addr().String() + "/floor", 0
	}
	raw, err := json.Marshal(specs)
	if err != nil {
		t.Fatal(err)
	}
	addr := freeLoopback(t)
	env := []string{benchFloorEnv + "=" + string(raw), "BENCH_DATABASE_URL=" + dbURL, "BENCH_FLOOR_ADDR=" + addr,
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for _, k := range []string{"GOMAXPROCS", "GOGC", "GOMEMLIMIT"} {
		if v := os.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	p := &process{name: "floor", path: os.Args[0], env: env, attr: childAttr(nil), out: &lockedBuffer{}}
	if err := p.start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.signal(syscall.SIGKILL) })
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(p.out.String(), "floor listening on"); time.Sleep(50 * time.Millisecond) {
		if !p.alive() || time.Now().After(deadline) {
			t.Fatalf("the floor did not start: %s", p.out.String())
		}
	}
	return "http://" + addr + "/floor", p.cmd.Process.Pid
}

type loadResult struct {
	rate          float64
	p50, p95, p99 time.Duration
}

// loadRun is what one runLoad measured.
type loadRun struct {
	finished int64
	total    int64         // every answer, the warm-up's too
	cpu      time.Duration // the server's CPU time over the whole run, when measured
	floorCPU time.Duration // the floor's, when it has its own process
	dbCPU    time.Duration // PostgreSQL's (every process of it on this machine)
	d        time.Duration
	lat      []time.Duration
}

// summarize is the throughput and latency percentiles of runs together.
func summarize(runs ...loadRun) loadResult {
	var all []time.Duration
	var finished int64
	var d time.Duration
	for _, r := range runs {
		all, finished, d = append(all, r.lat...), finished+r.finished, d+r.d
	}
	slices.Sort(all)
	q := func(p float64) time.Duration { return all[min(len(all)-1, int(float64(len(all))*p))] }
	return loadResult{rate: float64(finished) / d.Seconds(), p50: q(0.50), p95: q(0.95), p99: q(0.99)}
}

// runLoad runs f from c clients for d (after a warm-up of a second that is
// not counted) and returns the answers finished within d and the latencies
// of every answer that started after the warm-up, those still in flight at
// the end included (so that answers slower than d still tell their latency).
func runLoad(c int, d time.Duration, f func(i int) error) (loadRun, error) {
	var seq atomic.Int64
	var firstErr atomic.Value
	var measuring, stop atomic.Bool
	var finished, total atomic.Int64
	lat := make([][]time.Duration, c)
	var wg sync.WaitGroup
	for k := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				i := int(seq.Add(1))
				counted := measuring.Load()
				t0 := time.Now()
				err := f(i)
				el := time.Since(t0)
				if err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				total.Add(1)
				if counted {
					lat[k] = append(lat[k], el)
					if !stop.Load() {
						finished.Add(1)
					}
				}
			}
		}()
	}
	time.Sleep(time.Second)
	measuring.Store(true)
	time.Sleep(d)
	stop.Store(true)
	wg.Wait()
	if err, ok := firstErr.Load().(error); ok {
		return loadRun{}, err
	}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if len(all) == 0 {
		return loadRun{}, fmt.Errorf("no request started after the warm-up finished")
	}
	return loadRun{finished: finished.Load(), total: total.Load(), d: d, lat: all}, nil
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
}

// rssSampler reads a process's resident set every 100 ms and keeps the largest.
type rssSampler struct {
	done chan struct{}
	max  atomic.Int64
	wg   sync.WaitGroup
}

func (r *rssSampler) start(pid int) {
	r.done = make(chan struct{})
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			if v := procStatus(pid, "VmRSS:"); v > r.max.Load() {
				r.max.Store(v)
			}
			select {
			case <-r.done:
				return
			case <-tick.C:
			}
		}
	}()
}

func (r *rssSampler) stop() int { close(r.done); r.wg.Wait(); return int(r.max.Load()) }

// procCPU is a process's CPU time so far (user and system, all threads);
// 0 for pid 0.
func procCPU(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// the fields after the command's name, which ends at the last ')'
	f := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond // clock ticks of 1/100 s
}

// postgresCPU is the CPU time of every PostgreSQL process on this machine
// (the ones named postgres: the postmaster, its backends and workers).
func postgresCPU() time.Duration {
	entries, _ := os.ReadDir("/proc")
	var sum time.Duration
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); err == nil && string(bytes.TrimSpace(comm)) == "postgres" {
			sum += procCPU(pid)
		}
	}
	return sum
}

func vmHWM(pid int) int { return int(procStatus(pid, "VmHWM:")) }

// procStatus reads a field in kB of /proc/<pid>/status, in bytes.
func procStatus(pid int, field string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func numCPU() int {
	n := 0
	raw, _ := os.ReadFile("/proc/cpuinfo")
	for _, l := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(l, "processor") {
			n++
		}
	}
	return n
}

func redactURL(u string) string {
	if i := strings.Index(u, "@"); i > 0 {
		if j := strings.Index(u, "://"); j > 0 {
			return u[:j+3] + "…" + u[i:]
		}
	}
	return u
}

// benchServer is the server process of the load suite.
type benchServer struct {
	url string
	cmd *exec.Cmd
}

// startBenchServer runs this test binary as the server (TestMain,
// soakServeEnv) on the bench database, with local storage and the public
// budgets out of the way, and waits until it listens.
func startBenchServer(t *testing.T, dbURL string) *benchServer {
	t.Helper()
	addr := freeLoopback(t)
	env := []string{soakServeEnv + "=1", "PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"HTTP_ADDR=" + addr, "DATA_DIR=" + t.TempDir(), "DATABASE_URL=" + dbURL, "JWT_SECRET=" + testJWTSecret,
		"DATA_KEY=" + os.Getenv("BENCH_DATA_KEY"), "BOOTSTRAP_ADMIN_PASSWORD=" + benchdata.Password,
		"VERIFY_LIMIT_PER_MINUTE=1000000000", "VERIFY_NUMBER_LIMIT_PER_MINUTE=1000000000",
		// the data set has no evidence files: keep the hourly recheck job from flagging them
		"EVIDENCE_RECHECK_INTERVAL=8760h"}
	for _, k := range []string{"GOMAXPROCS", "GOGC", "GOMEMLIMIT", "BENCH_PPROF_ADDR"} {
		if v := os.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = env
	// Its log goes to a file, as a deployment's does: read into this
	// process, a line per request grew a buffer by hundreds of megabytes
	// and spent this process's CPU (the load client's and the floor's).
	logPath := filepath.Join(t.TempDir(), "server.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	out := func() string { b, _ := os.ReadFile(logPath); return string(b) }
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	deadline := time.Now().Add(5 * time.Minute) // the first start on a fresh data set builds indexes
	for !strings.Contains(out(), "listening on ") {
		select {
		case <-exited:
			t.Fatalf("the server stopped:\n%s", tail(out(), 40))
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not listen within 5 minutes:\n%s", tail(out(), 40))
		}
	}
	return &benchServer{url: "http://" + addr, cmd: cmd}
}

// loadIDs are the identifiers the scenarios ask for.
type loadIDs struct {
	campaign, staffID, staffOrg int64
	staff                       string
	certs                       [][2]string // number, holder name
}

func benchIDs(t *testing.T, ctx context.Context, pool *pgxpool.Pool) loadIDs {
	t.Helper()
	var d loadIDs
	if err := pool.QueryRow(ctx, `SELECT id FROM campaigns ORDER BY id LIMIT 1`).Scan(&d.campaign); err != nil {
		t.Fatal(err)
	}
	// the institution of the county with the most classes
	err := pool.QueryRow(ctx, `SELECT u.id, u.username, u.organization_id FROM users u JOIN regions r ON r.id = u.region_id
		WHERE u.role = 'INSTITUTION_STAFF' AND r.code = '410101'
		ORDER BY (SELECT count(*) FROM training_classes c WHERE c.organization_id = u.organization_id) DESC, u.id LIMIT 1`).Scan(&d.staffID, &d.staff, &d.staffOrg)
	if err != nil {
		t.Fatal(err)
	}
	// 20,000 certificates spread over the table (the i-th of every stride)
	rows, err := pool.Query(ctx, `SELECT number, holder_name FROM (SELECT number, holder_name, row_number() OVER (ORDER BY id) AS k,
		count(*) OVER () AS n FROM certificates) x WHERE k % greatest(n / 20000, 1) = 0 LIMIT 20000`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c [2]string
		if err := rows.Scan(&c[0], &c[1]); err != nil {
			t.Fatal(err)
		}
		d.certs = append(d.certs, c)
	}
	if err := rows.Err(); err != nil || len(d.certs) == 0 {
		t.Fatalf("certificates to check: %v (%d)", err, len(d.certs))
	}
	return d
}
