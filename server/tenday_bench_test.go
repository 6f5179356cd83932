package main

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/campaign"
	"github.com/hnvt/bairi/ent/migrate"
	"github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/tendayreport"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/tenday"
	"github.com/hnvt/bairi/internal/tenday/reports"
	"github.com/hnvt/bairi/internal/testenv"
	"github.com/hnvt/bairi/internal/workday"
)

// BenchmarkTenDayGenerate prints how long reports.Generate takes to freeze
// one period's reports for every region, on PostgreSQL, against a baseline
// measured in the same run: a bare SELECT count(*) of the rows the
// snapshots read (the campaign's progress counters and the regions). It
// runs over BENCH_DATABASE_URL when given (the data set of `make
// bench-data`, left as it was: every generation is rolled back), else over
// a new database on TEST_DATABASE_URL's server, which it fills first with a
// province's worth of regions (the 28 units and 160 counties below the
// cities) and their counters and the previous period's reports.
func BenchmarkTenDayGenerate(b *testing.B) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	url := os.Getenv("BENCH_DATABASE_URL")
	if url == "" {
		u, drop, err := testenv.NewPostgresDatabase(ctx)
		if err != nil {
			b.Fatal(err)
		}
		defer drop()
		url = u
	}
	client, db, _, err := openDatabase(ctx, url, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := client.Schema.Create(ctx, migrate.WithDropIndex(false), migrate.WithDropColumn(false)); err != nil {
		b.Fatal(err)
	}
	if err := seed(ctx, client, "bench-password-1", os.Stderr); err != nil {
		b.Fatal(err)
	}
	camp, err := client.Campaign.Query().Order(ent.Desc(campaign.FieldStartsOn)).First(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// The period reported on 1 November 2020 (or the campaign's own).
	p := tenday.Latest(camp.EndsOn.AddDate(0, 0, -20))
	if n := client.Region.Query().CountX(ctx); n < 100 {
		fillProvince(b, ctx, client, camp.ID, p)
	}
	svc := &reports.Service{Client: client}
	nRegions := client.Region.Query().CountX(ctx)
	var counters int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM progress_counters WHERE campaign_id = $1`, camp.ID).Scan(&counters); err != nil {
		b.Fatal(err)
	}
	baseline := func() time.Duration {
		start := time.Now()
		var n, r int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM progress_counters WHERE campaign_id = $1`, camp.ID).Scan(&n); err != nil {
			b.Fatal(err)
		}
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM regions`).Scan(&r); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	generate := func() (time.Duration, int) {
		tx, err := client.Tx(ctx)
		if err != nil {
			b.Fatal(err)
		}
		defer func() { _ = tx.Rollback() }() // the data set stays as it was
		tctx := ent.NewTxContext(ctx, tx)
		// A data set may hold the period's reports already: made again from nothing (and rolled back).
		if _, err := tx.TenDayReport.Delete().Where(tendayreport.PeriodStart(p.Start.Time(workday.China))).Exec(tctx); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		made, err := svc.Generate(tctx, p, p.ReportOn.Time(workday.China))
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start), made
	}
	generate() // warm
	var gen, base time.Duration
	var made int
	b.ResetTimer()
	for range b.N {
		d, m := generate()
		gen, made = gen+d, m
		base += baseline()
	}
	b.StopTimer()
	gen, base = gen/time.Duration(b.N), base/time.Duration(b.N)
	b.ReportMetric(float64(gen.Microseconds()), "µs/generate")
	b.ReportMetric(float64(gen)/float64(base), "x-count")
	fmt.Printf("TENDAY generate period %s: %d regions (%d reports made), %d counter rows: %v per generation; baseline SELECT count(*) of the same rows %v; ratio %.1f\n",
		p.Start, nRegions, made, counters, gen.Round(time.Microsecond), base.Round(time.Microsecond), float64(gen)/float64(base))
}

// fillProvince adds 160 counties below the 17 cities (codes made from the
// city's), the campaign's counters of every region (as the hooks keep them
// for each path), and the previous period's reports, so that the period's
// generation does what it does at province scale.
func fillProvince(b *testing.B, ctx context.Context, c *ent.Client, campaignID int, p tenday.Period) {
	b.Helper()
	cities := c.Region.Query().Where(region.LevelEQ(region.LevelCITY), region.DirectlyAdministered(false)).AllX(ctx)
	for i := 0; i < 160; i++ {
		city := cities[i%len(cities)]
		code := fmt.Sprintf("%s%02d", city.Code[:4], 50+i/len(cities))
		c.Region.Create().SetCode(code).SetName(fmt.Sprintf("%s第%d县", city.Name, 1+i/len(cities))).SetLevel(region.LevelCOUNTY).
			SetParentID(city.ID).ExecX(ctx)
	}
	all := c.Region.Query().AllX(ctx)
	counters := append(append([]string{}, reports.Counters...), progress.UnitEnterprises)
	var creates []*ent.ProgressCounterCreate
	for i, r := range all {
		for j, k := range counters {
			creates = append(creates, c.ProgressCounter.Create().SetCampaignID(campaignID).SetRegionPath(r.Path).SetCounter(k).SetValue(int64(1000*(i+1)+j)))
		}
	}
	for i := 0; i < len(creates); i += 500 {
		c.ProgressCounter.CreateBulk(creates[i:min(i+500, len(creates))]...).ExecX(ctx)
	}
	prev, _ := tenday.Reported(p.Start)
	if _, err := (&reports.Service{Client: c}).Generate(ctx, prev, prev.ReportOn.Time(workday.China)); err != nil {
		b.Fatal(err)
	}
}
