package main

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// BenchmarkCampaignProgressScale prints the latency of the province's
// campaignProgress (over HTTP, on PostgreSQL) with 2,000 and then 2,000,000
// enrolments (persons, enrolments and distinct-person rows added in SQL
// between the two measures), and their ratio: the figures are counters kept
// as the records change (internal/progress), so the ratio stays near 1.
func BenchmarkCampaignProgressScale(b *testing.B) {
	s := startServer(b, "postgres", nil)
	w := newWorld(b, s)
	class := w.newClass(b, s, w.staffZZ, w.orgZZ, true)
	camp := s.campaignID(b, w.admin)
	db, err := sql.Open("pgx", s.env["DATABASE_URL"])
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	// grow adds persons numbered from, to, each enrolled in the class and
	// counted once for T4 in the province.
	num := func(id string) int {
		n, err := strconv.Atoi(id)
		if err != nil {
			b.Fatal(err)
		}
		return n
	}
	zz, org, cls, cmp := num(w.zz), num(w.orgZZ), num(class), num(camp)
	grow := func(from, to int) {
		b.Helper()
		hashes := `SELECT 'bench-' || i FROM generate_series($1::int, $2::int) i`
		for _, st := range []struct {
			q    string
			args []any
		}{
			{`INSERT INTO persons (created_at, updated_at, name, id_hash, id_encrypted, id_masked, region_id, organization_id)
			  SELECT now(), now(), '学员', 'bench-' || i, '\x00'::bytea, '4101**********0000', $3, $4 FROM generate_series($1::int, $2::int) i`,
				[]any{from, to, zz, org}},
			{`INSERT INTO enrollments (created_at, updated_at, class_id, person_id)
			  SELECT now(), now(), $3, p.id FROM persons p WHERE p.id_hash IN (` + hashes + `)`, []any{from, to, cls}},
			{`INSERT INTO counted_persons (campaign_id, counter, person_id, region_path)
			  SELECT $3, 'ENTREPRENEURSHIP', p.id, '410000/' FROM persons p WHERE p.id_hash IN (` + hashes + `)`, []any{from, to, cmp}},
			{`VACUUM (ANALYZE) persons, enrollments, counted_persons`, nil},
		} {
			if _, err := db.ExecContext(ctx, st.q, st.args...); err != nil {
				b.Fatalf("seeding %d..%d: %v", from, to, err)
			}
		}
	}
	const q = `query($c:ID!){ campaignProgress(campaignID:$c, regionCode:"410000"){ category achieved target } }`
	latency := func() time.Duration {
		b.Helper()
		const n = 500
		for range 50 { // warm the caches the growth evicted
			s.must(b, w.admin, q, map[string]any{"c": camp})
		}
		start := time.Now()
		for range n {
			s.must(b, w.admin, q, map[string]any{"c": camp})
		}
		return time.Since(start) / n
	}
	var small, large time.Duration
	b.ResetTimer()
	for range b.N {
		grow(1, 2000)
		small = latency()
		for from := 2001; from <= 2_000_000; from += 250_000 {
			grow(from, min(from+249_999, 2_000_000))
		}
		large = latency()
	}
	var enrolled int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM enrollments`).Scan(&enrolled); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(small.Microseconds()), "µs_at_2k")
	b.ReportMetric(float64(large.Microseconds()), "µs_at_2M")
	b.ReportMetric(float64(large)/float64(small), "2M/2k")
	fmt.Printf("campaignProgress (province): %v at 2,000 enrolments, %v at %d; ratio %.2f\n", small, large, enrolled, float64(large)/float64(small))
}
