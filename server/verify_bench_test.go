package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hnvt/bairi/internal/certno"
)

// load runs f from c clients until n calls are done and returns the
// throughput and the latency percentiles.
func load(n, c int, f func(i int) error) (perSec float64, p50, p99 time.Duration, err error) {
	lat := make([]time.Duration, n)
	var mu sync.Mutex
	var firstErr error
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				t0 := time.Now()
				if err := f(i); err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	return float64(n) / elapsed.Seconds(), lat[n/2], lat[n*99/100], firstErr
}

// BenchmarkVerifyCertificate loads 1,000,000 certificates into PostgreSQL
// and prints verifyCertificate throughput over HTTP against the same look-up
// done with a bare pgx query, as a ratio, with p50 and p99 latency, at 100
// concurrent clients.
func BenchmarkVerifyCertificate(b *testing.B) {
	const rows, clients, requests = 1_000_000, 100, 20_000
	s := startServer(b, "postgres", map[string]string{"VERIFY_LIMIT_PER_MINUTE": "1000000000", "VERIFY_NUMBER_LIMIT_PER_MINUTE": "1000000000"})
	w := newWorld(b, s)
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, s.env["DATABASE_URL"])
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	holder, issuer, region := atoi(w.personZZ), atoi(w.orgZZ), atoi(w.zz)
	names := []string{"张三", "李四", "王五", "赵六", "陈七", "刘八", "周九", "吴十"}
	t0 := time.Now()
	issued := time.Date(2020, 10, 1, 0, 0, 0, 0, time.UTC)
	_, err = pool.CopyFrom(ctx, pgx.Identifier{"certificates"},
		[]string{"created_at", "updated_at", "number", "kind", "level", "occupation", "issued_at", "status",
			"holder_name", "holder_id_masked", "issuer_name", "source", "issuer_id", "region_id", "holder_id"},
		pgx.CopyFromFunc(func() func() ([]any, error) {
			i := 0
			return func() ([]any, error) {
				if i >= rows {
					return nil, nil
				}
				i++
				n, _ := certno.Make("410100", 2020, i)
				status := "ISSUED"
				if i%50 == 0 {
					status = "REVOKED"
				}
				return []any{issued, issued, n, "SKILL_LEVEL", 4, "电工", issued, status,
					names[i%len(names)], "4101**********1234", "郑州职业培训学校", "IMPORT", issuer, region, holder}, nil
			}
		}()))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := pool.Exec(ctx, "ANALYZE certificates"); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d certificates in %v", rows, time.Since(t0).Round(time.Millisecond))

	pick := func(i int) (string, string) {
		k := 1 + (i*7919)%rows
		n, _ := certno.Make("410100", 2020, k)
		return n, names[k%len(names)]
	}
	httpClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	viaHTTP := func(i int) error {
		n, name := pick(i)
		body, _ := json.Marshal(map[string]any{"query": verifyQ, "variables": map[string]any{"n": n, "m": name}})
		resp, err := httpClient.Post(s.URL+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if !bytes.Contains(raw, []byte(`"status":"VALID"`)) && !bytes.Contains(raw, []byte(`"status":"REVOKED"`)) {
			return fmt.Errorf("unexpected answer: %s", raw)
		}
		return nil
	}
	bare := func(i int) error {
		n, name := pick(i)
		var status, holderName, masked, kind, occ, issuerName string
		var level *int
		var at time.Time
		err := pool.QueryRow(ctx, `SELECT status, holder_name, holder_id_masked, kind, occupation, level, issuer_name, issued_at
			FROM certificates WHERE number = $1`, n).Scan(&status, &holderName, &masked, &kind, &occ, &level, &issuerName, &at)
		if err != nil || holderName != name {
			return fmt.Errorf("bare query: %v", err)
		}
		return nil
	}
	_ = rand.IntN
	b.ResetTimer()
	for range b.N {
		hs, h50, h99, err := load(requests, clients, viaHTTP)
		if err != nil {
			b.Fatal(err)
		}
		ds, d50, d99, err := load(requests, clients, bare)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(hs, "http_checks/s")
		b.ReportMetric(ds, "pgx_queries/s")
		b.ReportMetric(hs/ds, "http/pgx")
		b.ReportMetric(float64(h99.Microseconds())/1000, "http_p99_ms")
		b.Logf("verifyCertificate over HTTP: %.0f/s (p50 %v, p99 %v); bare pgx query: %.0f/s (p50 %v, p99 %v); ratio %.2f; %d clients, %d requests, %d rows",
			hs, h50.Round(10*time.Microsecond), h99.Round(10*time.Microsecond), ds, d50.Round(10*time.Microsecond), d99.Round(10*time.Microsecond), hs/ds, clients, requests, rows)
	}
}
