package benchdata

import (
	"context"
	"slices"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/migrate"
	"github.com/hnvt/bairi/ent/privacy"
	entregion "github.com/hnvt/bairi/ent/region"
	_ "github.com/hnvt/bairi/ent/runtime"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/internal/certno"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/testenv"
	"github.com/hnvt/bairi/internal/workday"
)

const testKey = "benchdata-test-data-key-0123456789abcdef"

// TestGenerate runs the generator at a small scale on PostgreSQL, into the
// schema of the product's own migration, and checks what it wrote: the
// counts, valid ID numbers sealed under the key, certificate numbers and the
// serials they continue from, balanced ledgers, R10's effective headcount,
// targets for every region, and counters equal to those internal/progress
// rebuilds from the records.
func TestGenerate(t *testing.T) {
	ctx := context.Background()
	pool := testenv.NewPostgresPool(t)
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	client := ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db)))
	if err := client.Schema.Create(ctx, migrate.WithDropIndex(false), migrate.WithDropColumn(false)); err != nil {
		t.Fatal(err)
	}
	seedRegions(t, client)

	n, users, err := Generate(ctx, pool, Config{Scale: 0.003, DataKey: []byte(testKey)})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v %+v", n, users)
	count := func(q string, args ...any) int {
		t.Helper()
		var k int
		if err := pool.QueryRow(ctx, q, args...).Scan(&k); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return k
	}
	for table, want := range map[string]int{"persons": n.Persons, "training_classes": n.Classes, "enrollments": n.Enrollments,
		"evidences": n.Evidence, "certificates": n.Certificates, "subsidy_applications": n.Applications, "fund_entries": n.FundEntries,
		"organizations": n.Organizations} {
		if got := count("SELECT count(*) FROM " + table); got != want || want == 0 {
			t.Errorf("%s: %d rows, the generator says %d", table, got, want)
		}
	}
	if n.Persons < 5000 || n.Classes != 180 || n.Certificates != 3000 || n.Evidence != 900 {
		t.Errorf("scale 0.003: %+v", n)
	}
	for _, u := range []string{users.CityOfficial, users.CityInspector, users.CountyOfficial, users.Staff} {
		if count("SELECT count(*) FROM users WHERE username = $1", u) != 1 {
			t.Errorf("user %q missing", u)
		}
	}

	// Resident ID numbers: valid, sealed under the key, masked and hashed as pii does.
	cipher, err := pii.New([]byte(testKey))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := pool.Query(ctx, `SELECT id_hash, id_encrypted, id_masked FROM persons`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var hash, masked string
		var enc []byte
		if err := rows.Scan(&hash, &enc, &masked); err != nil {
			t.Fatal(err)
		}
		id, err := cipher.Open(enc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := idcheck.ResidentID(id); err != nil {
			t.Fatalf("ID number %s: %v", idcheck.MaskResidentID(id), err)
		}
		if cipher.Hash(id) != hash || idcheck.MaskResidentID(id) != masked {
			t.Fatalf("ID number %s: hash or mask differ", masked)
		}
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}

	// Certificate numbers: valid, unique, each region's serial continues after its last.
	if d := count(`SELECT count(*) - count(DISTINCT number) FROM certificates`); d != 0 {
		t.Errorf("%d duplicate certificate numbers", d)
	}
	nums, err := pool.Query(ctx, `SELECT number FROM certificates`)
	if err != nil {
		t.Fatal(err)
	}
	last := map[string]int{}
	for nums.Next() {
		var s string
		if err := nums.Scan(&s); err != nil {
			t.Fatal(err)
		}
		if _, err := certno.Check(s); err != nil {
			t.Fatalf("certificate number %s: %v", s, err)
		}
		serial := 0
		for _, c := range s[10:17] {
			serial = serial*10 + int(c-'0')
		}
		last[s[:10]] = max(last[s[:10]], serial)
	}
	for prefix, l := range last {
		if got := count(`SELECT last FROM certificate_serials WHERE prefix = $1`, prefix); got != l {
			t.Errorf("serial %s: last %d, the numbers go to %d", prefix, got, l)
		}
	}
	if bad := count(`SELECT count(*) FROM certificates c JOIN persons p ON p.id = c.holder_id WHERE p.name <> c.holder_name OR p.id_masked <> c.holder_id_masked`); bad != 0 {
		t.Errorf("%d certificates name someone else than their holder", bad)
	}

	// Ledgers: every line's balance follows from the one before, every account ends at its last line.
	if bad := count(`SELECT count(*) FROM (SELECT balance_after_fen, sum(amount_fen) OVER (PARTITION BY account_id ORDER BY id) AS running
		FROM fund_entries) x WHERE balance_after_fen <> running`); bad != 0 {
		t.Errorf("%d ledger lines whose balance does not follow", bad)
	}
	if bad := count(`SELECT count(*) FROM fund_accounts a WHERE balance_fen <> (SELECT coalesce(sum(amount_fen), 0) FROM fund_entries e WHERE e.account_id = a.id)
		OR balance_fen < 0`); bad != 0 {
		t.Errorf("%d accounts whose balance is not their lines' sum", bad)
	}
	if bad := count(`SELECT count(*) FROM fund_entries e JOIN subsidy_applications a ON a.id = e.application_id
		WHERE a.state <> 'PAID' OR -e.amount_fen <> a.amount_fen`); bad != 0 {
		t.Errorf("%d payments that do not match their application", bad)
	}

	// Classes: R10's effective headcount, enrolments, known states.
	if bad := count(`SELECT count(*) FROM training_classes WHERE effective_headcount <> LEAST(approved_headcount, coalesce(present_count, approved_headcount))
		OR approved_headcount <> (SELECT count(*) FROM enrollments e WHERE e.class_id = training_classes.id)
		OR coalesce(present_count, 0) <> (SELECT count(*) FROM enrollments e WHERE e.class_id = training_classes.id AND e.present_on_opening)`); bad != 0 {
		t.Errorf("%d classes whose headcounts do not agree", bad)
	}
	for table, m := range map[string]*lifecycle.Machine{"training_classes.status": lifecycle.Class, "evidences.status": lifecycle.Evidence,
		"certificates.status": lifecycle.Certificate, "subsidy_applications.state": lifecycle.Application} {
		col := table[len(table)-6:]
		if col != "status" {
			col = "state"
		}
		states, err := pool.Query(ctx, `SELECT DISTINCT `+col+` FROM `+table[:len(table)-len(col)-1])
		if err != nil {
			t.Fatal(err)
		}
		for states.Next() {
			var s string
			if err := states.Scan(&s); err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(m.States, s) {
				t.Errorf("%s: unknown state %s", table, s)
			}
		}
	}

	// Targets for every region below the province, in every category the province has.
	if bad := count(`SELECT count(*) FROM regions r WHERE r.level <> 'PROVINCE'
		AND (SELECT count(*) FROM targets t WHERE t.region_id = r.id) <> (SELECT count(*) FROM targets t JOIN regions p ON p.id = t.region_id WHERE p.level = 'PROVINCE')`); bad != 0 {
		t.Errorf("%d regions without their targets", bad)
	}

	// The counters are those internal/progress rebuilds from the records.
	snapshot := func() []string {
		rows, err := pool.Query(ctx, `SELECT campaign_id || ' ' || region_path || ' ' || counter || ' ' || value FROM progress_counters
			UNION ALL SELECT 'persons ' || count(*) FROM counted_persons ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	generated := snapshot()
	if len(generated) < 10 {
		t.Fatalf("few counters: %v", generated)
	}
	actx := privacy.DecisionContext(ctx, privacy.Allow)
	tx, err := client.Tx(actx)
	if err != nil {
		t.Fatal(err)
	}
	if err := progress.Recount(actx, tx.Client()); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if recounted := snapshot(); !slices.Equal(generated, recounted) {
		t.Errorf("counters differ from progress.Recount:\ngenerated %v\nrecounted %v", generated, recounted)
	}

	// A second run into the same database is refused.
	if _, _, err := Generate(ctx, pool, Config{Scale: 0.003, DataKey: []byte(testKey)}); err == nil {
		t.Error("a second run into a filled database was not refused")
	}
}

// seedRegions writes what the server's seed writes that the generator reads:
// the province, a few cities (one directly administered), a directly
// administered county, the 2020 campaign and its province targets.
func seedRegions(t *testing.T, client *ent.Client) {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	prov := client.Region.Create().SetCode("410000").SetName("河南省").SetLevel(entregion.LevelPROVINCE).SaveX(ctx)
	for _, r := range []struct {
		code, name string
		level      entregion.Level
		direct     bool
	}{{"410100", "郑州市", entregion.LevelCITY, false}, {"411300", "南阳市", entregion.LevelCITY, false},
		{"419001", "济源示范区", entregion.LevelCITY, true}, {"410181", "巩义市", entregion.LevelCOUNTY, true}} {
		client.Region.Create().SetCode(r.code).SetName(r.name).SetLevel(r.level).SetDirectlyAdministered(r.direct).SetParentID(prov.ID).ExecX(ctx)
	}
	camp := client.Campaign.Create().SetName("2020年职业技能提升百日攻坚行动").
		SetStartsOn(time.Date(2020, 8, 15, 0, 0, 0, 0, workday.China)).
		SetEndsOn(time.Date(2020, 11, 22, 23, 59, 59, 0, workday.China)).SaveX(ctx)
	client.Target.Create().SetCampaignID(camp.ID).SetRegionID(prov.ID).SetCategory(target.CategoryKEY_GROUP).
		SetQuantity(400_000).SetUnit(target.UnitPERSON_TIMES).ExecX(ctx)
	client.Target.Create().SetCampaignID(camp.ID).SetRegionID(prov.ID).SetCategory(target.CategoryFUND_SPENDING).
		SetQuantity(2_000_000_000).SetUnit(target.UnitYUAN).ExecX(ctx)
}
