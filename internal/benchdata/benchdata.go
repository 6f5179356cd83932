// Package benchdata fills a migrated and seeded PostgreSQL database with a
// province-scale data set for the load suite (`make bench-data`): persons,
// organisations, classes with their enrolments and opening-day attendance,
// evidence, certificates, subsidy applications, ledger lines and targets for
// every region, skewed the way Henan is (big cities larger). Everything is
// written through COPY (pgx CopyFrom) with identifiers reserved from each
// table's own sequence, and everything is derived from a fixed seed: two
// runs at the same scale write the same rows (only the AES-GCM nonces of the
// encrypted ID numbers differ, as they must).
//
// The rows keep the product's rules: resident ID numbers carry their GB 11643
// check character (internal/idcheck) and are sealed by internal/pii under the
// server's DATA_KEY, certificate numbers are made by internal/certno from
// per-region serials recorded in certificate_serials, each account's ledger
// lines add up to its balance, a class's effective headcount is R10's, and
// the campaign's counters are rebuilt by internal/progress at the end.
package benchdata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hnvt/bairi/internal/auth"
	"github.com/hnvt/bairi/internal/certno"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/workday"
)

// Full-scale sizes (Scale 1).
const (
	fullClasses      = 60_000
	fullOrgs         = 3_000
	fullEvidence     = 300_000
	fullCertificates = 1_000_000
	// a class enrols 20..46 persons (33.3 on average): 60,000 classes make
	// about 2,000,000 persons, each enrolled once.
	minHeadcount, spanHeadcount = 20, 27
)

// Password is the password of every user the generator creates.
const Password = "bench-password-1"

// Config says how much to generate.
type Config struct {
	Scale   float64   // 1: 2,000,000 persons, 60,000 classes, 1,000,000 certificates
	Seed    uint64    // fixed by default (Generate uses 2020 when 0)
	DataKey []byte    // the server's DATA_KEY (seals the ID numbers)
	Log     io.Writer // progress lines (nil: none)
}

// Counts are the rows written, by table.
type Counts struct {
	Regions, Organizations, Users, Persons, Classes, Enrollments, Evidence, Certificates,
	Applications, FundEntries, Targets int
}

// Users names the accounts the load suite signs in as (password Password).
type Users struct {
	CityOfficial, CityInspector, CountyOfficial, Staff string
	CityCode, CountyCode                               string
}

// region is a region row with the generator's weight.
type region struct {
	id                int64
	code, name, path  string
	level             string
	parent            int64
	weight            float64
	leaf, directChild bool
}

// cityWeights are the prefecture cities' relative sizes (roughly their
// resident populations, in hundred thousands): Zhengzhou, Nanyang and Zhoukou
// are the big ones.
var cityWeights = map[string]float64{
	"410100": 126, "410200": 48, "410300": 70, "410400": 50, "410500": 54, "410600": 16,
	"410700": 62, "410800": 35, "410900": 38, "411000": 44, "411100": 24, "411200": 20,
	"411300": 97, "411400": 78, "411500": 62, "411600": 90, "411700": 70, "419001": 7,
}

// Generate writes the data set. The database must be migrated and seeded by
// the server (province, cities, the 2020 campaign, the admin) and hold no
// persons yet.
func Generate(ctx context.Context, pool *pgxpool.Pool, cfg Config) (Counts, Users, error) {
	g := &gen{pool: pool, cfg: cfg, log: cfg.Log}
	if g.log == nil {
		g.log = io.Discard
	}
	if cfg.Seed == 0 {
		cfg.Seed = 2020
	}
	if cfg.Scale <= 0 {
		return Counts{}, Users{}, errors.New("benchdata: scale must be positive")
	}
	g.rng = rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	var err error
	if g.pii, err = pii.New(cfg.DataKey); err != nil {
		return Counts{}, Users{}, err
	}
	var n int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM persons").Scan(&n); err != nil {
		return Counts{}, Users{}, fmt.Errorf("benchdata: is the database migrated? %w", err)
	}
	if n > 0 {
		return Counts{}, Users{}, fmt.Errorf("benchdata: the database already holds %d persons: generate into an empty one", n)
	}
	steps := []struct {
		name string
		f    func(context.Context) error
	}{
		{"regions", g.addRegions}, {"organizations", g.addOrgs}, {"users", g.addUsers}, {"classes", g.addClasses},
		{"persons", g.persons}, {"enrollments", g.enrollments}, {"evidence", g.evidence},
		{"certificates", g.certificates}, {"applications", g.applications}, {"ledger", g.ledger},
		{"targets", g.targets}, {"analyze", g.analyze}, {"progress", g.progress},
	}
	for _, s := range steps {
		t0 := time.Now()
		if err := s.f(ctx); err != nil {
			return g.counts, Users{}, fmt.Errorf("benchdata %s: %w", s.name, err)
		}
		fmt.Fprintf(g.log, "benchdata: %-13s %v\n", s.name, time.Since(t0).Round(time.Millisecond))
	}
	return g.counts, g.names, nil
}

type gen struct {
	pool   *pgxpool.Pool
	cfg    Config
	log    io.Writer
	rng    *rand.Rand
	pii    *pii.Cipher
	counts Counts
	names  Users

	province  *region
	campaign  int64
	regions   []*region // every region, province first
	leaves    []*region // where organisations and classes are: counties and directly administered units
	leafCum   []float64
	orgs      []org
	staff     []int64 // a staff user per organisation (by index)
	classList []class
	personID0 int64
	apps      []application
}

type org struct {
	id   int64
	leaf *region
	name string
}

type class struct {
	id, app      int64
	org          int
	category     string
	occupation   string
	status       string
	headcount    int // enrolled (= approved headcount)
	present      int // present on opening day (started classes)
	start        time.Time
	firstPerson  int // index of its first person
	hasEvidence  bool
	certificates int
}

func (g *gen) scaled(n int) int { return max(1, int(math.Round(float64(n)*g.cfg.Scale))) }

// reserve takes n identifiers from a table's own sequence (ent's global
// ranges stay intact) and returns the first.
func (g *gen) reserve(ctx context.Context, table string, n int) (int64, error) {
	var first int64
	err := g.pool.QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id'))`, table).Scan(&first)
	if err != nil {
		return 0, err
	}
	if n > 1 {
		_, err = g.pool.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`, table, first+int64(n)-1)
	}
	return first, err
}

// copyRows streams n rows made by row into a table.
func (g *gen) copyRows(ctx context.Context, table string, cols []string, n int, row func(i int) ([]any, error)) (int, error) {
	i := 0
	written, err := g.pool.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromFunc(func() ([]any, error) {
		if i >= n {
			return nil, nil
		}
		r, err := row(i)
		i++
		return r, err
	}))
	return int(written), err
}

var epoch = time.Date(2020, 8, 1, 9, 0, 0, 0, workday.China)

// regions reads the seeded regions and adds the counties (districts) of
// each prefecture city: more of them in bigger cities.
func (g *gen) addRegions(ctx context.Context) error {
	rows, err := g.pool.Query(ctx, `SELECT id, code, name, level, coalesce(path, ''), coalesce(parent_id, 0), directly_administered FROM regions ORDER BY code`)
	if err != nil {
		return err
	}
	for rows.Next() {
		r := &region{}
		var direct bool
		if err := rows.Scan(&r.id, &r.code, &r.name, &r.level, &r.path, &r.parent, &direct); err != nil {
			return err
		}
		r.directChild = direct
		g.regions = append(g.regions, r)
		if r.level == "PROVINCE" {
			g.province = r
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if g.province == nil {
		return errors.New("no province: start the server on this database once (it migrates and seeds), or run `server bench-data`")
	}
	if err := g.pool.QueryRow(ctx, `SELECT id FROM campaigns ORDER BY id LIMIT 1`).Scan(&g.campaign); err != nil {
		return fmt.Errorf("the seeded campaign: %w", err)
	}
	var counties []*region
	for _, r := range g.regions {
		switch {
		case r.level == "CITY" && !r.directChild:
			w := cityWeights[r.code]
			if w == 0 {
				w = 30
			}
			r.weight = w
			k := 4 + int(w/20) // 4 to 10 counties
			var sum float64
			for j := 1; j <= k; j++ {
				sum += 1 / float64(j)
			}
			for j := 1; j <= k; j++ {
				code := r.code[:4] + fmt.Sprintf("%02d", j)
				counties = append(counties, &region{code: code, name: fmt.Sprintf("%s第%d区", r.name, j), level: "COUNTY",
					parent: r.id, path: r.path + code + "/", weight: w / float64(j) / sum, leaf: true})
			}
		case r.level != "PROVINCE" && r.directChild: // directly administered: its own leaf
			r.leaf = true
			r.weight = cityWeights[r.code]
			if r.weight == 0 {
				r.weight = 12
			}
		}
	}
	first, err := g.reserve(ctx, "regions", len(counties))
	if err != nil {
		return err
	}
	for i, c := range counties {
		c.id = first + int64(i)
	}
	n, err := g.copyRows(ctx, "regions", []string{"id", "created_at", "updated_at", "code", "name", "level", "directly_administered", "path", "parent_id"},
		len(counties), func(i int) ([]any, error) {
			c := counties[i]
			return []any{c.id, epoch, epoch, c.code, c.name, c.level, false, c.path, c.parent}, nil
		})
	g.counts.Regions = n
	g.regions = append(g.regions, counties...)
	var total float64
	for _, r := range g.regions {
		if r.leaf {
			g.leaves = append(g.leaves, r)
			total += r.weight
			g.leafCum = append(g.leafCum, total)
		}
	}
	return err
}

// pickLeaf draws a county (or directly administered unit) by weight.
func (g *gen) pickLeaf() int {
	x := g.rng.Float64() * g.leafCum[len(g.leafCum)-1]
	lo, hi := 0, len(g.leafCum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if g.leafCum[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// creditCode makes a valid unified social credit code registered in a
// division: a private non-enterprise unit (52) numbered seq.
func creditCode(division string, seq int) (string, error) {
	body := fmt.Sprintf("B%07d", seq)[:8] // organisation code, 8 characters before its check
	oc, err := idcheck.OrganizationCodeCheckChar(body)
	if err != nil {
		return "", err
	}
	first := "52" + division + body + string(oc)
	cc, err := idcheck.CreditCodeCheckChar(first)
	if err != nil {
		return "", err
	}
	code := first + string(cc)
	_, err = idcheck.CreditCode(code)
	return code, err
}

func (g *gen) addOrgs(ctx context.Context) error {
	n := max(g.scaled(fullOrgs), len(g.leaves))
	first, err := g.reserve(ctx, "organizations", n)
	if err != nil {
		return err
	}
	g.orgs = make([]org, n)
	for i := range g.orgs {
		// every leaf has at least one institution; the rest go by weight
		leaf := g.leaves[i%len(g.leaves)]
		if i >= len(g.leaves) {
			leaf = g.leaves[g.pickLeaf()]
		}
		g.orgs[i] = org{id: first + int64(i), leaf: leaf, name: fmt.Sprintf("%s职业培训学校%d", leaf.name, i+1)}
	}
	g.counts.Organizations, err = g.copyRows(ctx, "organizations",
		[]string{"id", "created_at", "updated_at", "name", "kind", "credit_code", "sector", "priority_sector", "employee_count", "region_id"},
		n, func(i int) ([]any, error) {
			o := g.orgs[i]
			cc, err := creditCode(o.leaf.code, i+1)
			if err != nil {
				return nil, err
			}
			return []any{o.id, epoch, epoch, o.name, "TRAINING_INSTITUTION", cc, "EDUCATION", false, 20 + i%200, o.leaf.id}, nil
		})
	return err
}

// users: for each city an official, an inspector and a finance officer; for
// each county an official and an inspector; a staff member per institution.
func (g *gen) addUsers(ctx context.Context) error {
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return err
	}
	type u struct {
		name, display, role string
		region, org         int64
	}
	var list []u
	for _, r := range g.regions {
		switch {
		case r.level == "CITY":
			list = append(list, u{"official-" + r.code, r.name + "人社局", "REGION_OFFICIAL", r.id, 0},
				u{"inspector-" + r.code, r.name + "督导员", "INSPECTOR", r.id, 0},
				u{"finance-" + r.code, r.name + "财政局", "FINANCE_OFFICER", r.id, 0})
		case r.level == "COUNTY":
			list = append(list, u{"official-" + r.code, r.name + "人社局", "REGION_OFFICIAL", r.id, 0},
				u{"inspector-" + r.code, r.name + "督导员", "INSPECTOR", r.id, 0})
		}
	}
	staff0 := len(list)
	for i, o := range g.orgs {
		list = append(list, u{fmt.Sprintf("staff-%05d", i+1), o.name + "教务", "INSTITUTION_STAFF", o.leaf.id, o.id})
	}
	first, err := g.reserve(ctx, "users", len(list))
	if err != nil {
		return err
	}
	g.staff = make([]int64, len(g.orgs))
	for i := range g.orgs {
		g.staff[i] = first + int64(staff0+i)
	}
	g.counts.Users, err = g.copyRows(ctx, "users",
		[]string{"id", "created_at", "updated_at", "username", "display_name", "password_hash", "role", "active", "region_id", "organization_id"},
		len(list), func(i int) ([]any, error) {
			x := list[i]
			var o *int64
			if x.org != 0 {
				o = &x.org
			}
			return []any{first + int64(i), epoch, epoch, x.name, x.display, hash, x.role, true, x.region, o}, nil
		})
	// The load suite's accounts: Zhengzhou (the biggest city), its first
	// district, and Zhengzhou's first institution.
	g.names = Users{CityOfficial: "official-410100", CityInspector: "inspector-410100", CountyOfficial: "official-410101",
		CityCode: "410100", CountyCode: "410101"}
	for i, o := range g.orgs {
		if o.leaf.code == "410101" {
			g.names.Staff = fmt.Sprintf("staff-%05d", i+1)
			break
		}
	}
	return err
}

var occupations = []string{"电工", "焊工", "育婴员", "保育员", "中式烹调师", "家政服务员", "养老护理员", "美发师", "汽车维修工", "电子商务师", "叉车司机", "农艺工"}

// weighted is a choice and its weight.
type weighted struct {
	name   string
	weight int
}

func weightOf(w weighted) int { return w.weight }

var categories = []weighted{{"WORK_IN_LIEU", 35}, {"ENTERPRISE_EMPLOYEE", 20}, {"KEY_GROUP", 25}, {"ENTREPRENEURSHIP", 12}, {"APPRENTICESHIP", 8}}

// statuses of the classes, in hundredths.
var statuses = []weighted{{"COMPLETED", 60}, {"IN_PROGRESS", 15}, {"APPROVED", 10}, {"SUBMITTED", 8}, {"DRAFT", 5}, {"REJECTED", 2}}

func pick[T any](rng *rand.Rand, list []T, weight func(T) int) T {
	total := 0
	for _, x := range list {
		total += weight(x)
	}
	k := rng.IntN(total)
	for _, x := range list {
		if k -= weight(x); k < 0 {
			return x
		}
	}
	return list[len(list)-1]
}

func (g *gen) addClasses(ctx context.Context) error {
	n := g.scaled(fullClasses)
	first, err := g.reserve(ctx, "training_classes", n)
	if err != nil {
		return err
	}
	// organisations by weight: a class picks a leaf by weight, then one of its institutions
	byLeaf := map[*region][]int{}
	for i, o := range g.orgs {
		byLeaf[o.leaf] = append(byLeaf[o.leaf], i)
	}
	g.classList = make([]class, n)
	persons := 0
	for i := range g.classList {
		leaf := g.leaves[g.pickLeaf()]
		orgs := byLeaf[leaf]
		c := class{id: first + int64(i), org: orgs[g.rng.IntN(len(orgs))],
			category:   pick(g.rng, categories, weightOf).name,
			occupation: occupations[g.rng.IntN(len(occupations))],
			status:     pick(g.rng, statuses, weightOf).name,
			headcount:  minHeadcount + g.rng.IntN(spanHeadcount),
			start:      epoch.AddDate(0, 0, 14+g.rng.IntN(90)),
		}
		c.firstPerson = persons
		persons += c.headcount
		if c.status == "COMPLETED" || c.status == "IN_PROGRESS" {
			c.present = c.headcount - g.rng.IntN(3)
			c.hasEvidence = true
		}
		g.classList[i] = c
	}
	g.counts.Classes, err = g.copyRows(ctx, "training_classes",
		[]string{"id", "created_at", "updated_at", "category", "occupation", "approved_headcount", "project_based", "planned_start", "planned_end",
			"mode", "venue_address", "venue_latitude", "venue_longitude", "status", "present_count", "effective_headcount", "status_changed_at",
			"organization_id", "region_id"},
		n, func(i int) ([]any, error) {
			c := &g.classList[i]
			o := g.orgs[c.org]
			var present *int
			if c.hasEvidence {
				present = &c.present
			}
			effective := c.headcount
			if present != nil && *present < effective {
				effective = *present
			}
			created := c.start.AddDate(0, 0, -10)
			return []any{c.id, created, c.start, c.category, c.occupation, c.headcount, i%7 == 0, c.start, c.start.AddDate(0, 0, 10),
				"IN_PERSON", o.leaf.name + "人民路" + strconv.Itoa(1+i%300) + "号", 34.75 + float64(i%100)/1000, 113.62 + float64(i%100)/1000,
				c.status, present, effective, c.start, o.id, o.leaf.id}, nil
		})
	return err
}

var surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
var given = []rune("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强海燕春梅晓东")

// person makes the name and the resident ID number of the i-th person, born
// in the county of their class: (birth day, sequence) is unique per i.
func (g *gen) person(i int, county string) (string, string, error) {
	birth := time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%14600)
	seq := (i / 14600) % 1000
	first := county + birth.Format("20060102") + fmt.Sprintf("%03d", seq)
	c, err := idcheck.ResidentIDCheckChar(first)
	if err != nil {
		return "", "", err
	}
	r := rand.New(rand.NewPCG(g.cfg.Seed, uint64(i)))
	name := string(surnames[r.IntN(len(surnames))]) + string(given[r.IntN(len(given))])
	if r.IntN(2) == 0 {
		name += string(given[r.IntN(len(given))])
	}
	return name, first + string(c), nil
}

func (g *gen) persons(ctx context.Context) error {
	last := g.classList[len(g.classList)-1]
	n := last.firstPerson + last.headcount
	first, err := g.reserve(ctx, "persons", n)
	if err != nil {
		return err
	}
	g.personID0 = first
	ci := 0
	g.counts.Persons, err = g.copyRows(ctx, "persons",
		[]string{"id", "created_at", "updated_at", "name", "id_hash", "id_encrypted", "id_masked", "region_id"},
		n, func(i int) ([]any, error) {
			for i >= g.classList[ci].firstPerson+g.classList[ci].headcount {
				ci++
			}
			leaf := g.orgs[g.classList[ci].org].leaf
			name, id, err := g.person(i, leaf.code)
			if err != nil {
				return nil, err
			}
			s, err := g.pii.Seal(id)
			if err != nil {
				return nil, err
			}
			return []any{first + int64(i), epoch, epoch, name, s.Hash, s.Encrypted, s.Masked, leaf.id}, nil
		})
	if err == nil {
		fmt.Fprintf(g.log, "benchdata: %d persons\n", g.counts.Persons)
	}
	return err
}

func (g *gen) enrollments(ctx context.Context) error {
	n := g.counts.Persons
	first, err := g.reserve(ctx, "enrollments", n)
	if err != nil {
		return err
	}
	ci := 0
	bases := []string{"WANTS_TO_START", "SMALL_BUSINESS_OWNER", "STUDENT_OR_GRADUATE"}
	g.counts.Enrollments, err = g.copyRows(ctx, "enrollments",
		[]string{"id", "created_at", "updated_at", "present_on_opening", "entrepreneurship_basis", "business_opened_on", "class_id", "person_id"},
		n, func(i int) ([]any, error) {
			for i >= g.classList[ci].firstPerson+g.classList[ci].headcount {
				ci++
			}
			c := &g.classList[ci]
			var present *bool
			if c.hasEvidence {
				p := i-c.firstPerson < c.present // the last few missed the opening day
				present = &p
			}
			var basis *string
			var opened *time.Time
			if c.category == "ENTREPRENEURSHIP" {
				b := bases[0]
				basis = &b
			}
			return []any{first + int64(i), c.start.AddDate(0, 0, -5), c.start, present, basis, opened, c.id, g.personID0 + int64(i)}, nil
		})
	return err
}

func (g *gen) evidence(ctx context.Context) error {
	// spread the evidence over the started classes: the opening video first
	var started []int
	for i, c := range g.classList {
		if c.hasEvidence {
			started = append(started, i)
		}
	}
	if len(started) == 0 {
		return nil
	}
	n := g.scaled(fullEvidence)
	first, err := g.reserve(ctx, "evidences", n)
	if err != nil {
		return err
	}
	g.counts.Evidence, err = g.copyRows(ctx, "evidences",
		[]string{"id", "created_at", "updated_at", "kind", "file_name", "object_key", "object_version", "size", "content_type", "sha256",
			"part_size", "part_count", "captured_at", "latitude", "longitude", "uploaded_by", "status", "verified_at", "retain_until",
			"flags", "flagged", "decision", "reviewed_by", "reviewed_at", "duration_seconds", "class_id", "region_id"},
		n, func(i int) ([]any, error) {
			ci := started[i%len(started)]
			round := i / len(started)
			c := &g.classList[ci]
			o := g.orgs[c.org]
			kind := "SUPERVISION_RECORDING"
			if round == 0 {
				kind = "ATTENDANCE_VIDEO"
			}
			at := c.start.Add(time.Duration(round) * 26 * time.Hour)
			id := first + int64(i)
			size := int64(20<<20 + (i%97)<<20)
			var flags []string
			if i%23 == 0 {
				flags = []string{"OUT_OF_SCHEDULE"}
			}
			var decision *string
			var reviewed *time.Time
			if c.status == "COMPLETED" && i%11 != 0 { // in-progress classes and a few others are pending review
				d := "ACCEPTED"
				decision = &d
				r := at.Add(30 * time.Hour)
				reviewed = &r
			}
			var reviewer *int64
			if decision != nil {
				reviewer = &g.staff[c.org] // any user id: the reviewer is a plain field
			}
			sum := fmt.Sprintf("%064x", id)
			return []any{id, at, at, kind, fmt.Sprintf("%d.mp4", id), fmt.Sprintf("evidence/%d/%d.mp4", c.id, id), "v1", size,
				"video/mp4", sum, int64(5 << 20), (size + 5<<20 - 1) / (5 << 20), at, 34.75, 113.62, g.staff[c.org], "VERIFIED",
				at.Add(time.Hour), at.AddDate(5, 0, 0), flags, flags != nil, decision, reviewer, reviewed, 60.0 + float64(i%600),
				c.id, o.leaf.id}, nil
		})
	return err
}

// certificates: a training qualification for each trainee present on the
// opening day of a completed class, until the target count is reached,
// numbered per issuing county and year from the serials the product reads.
func (g *gen) certificates(ctx context.Context) error {
	n := g.scaled(fullCertificates)
	type holder struct {
		class, person int
	}
	var list []holder
	for ci := range g.classList {
		c := &g.classList[ci]
		if c.status != "COMPLETED" {
			continue
		}
		for k := 0; k < c.present && len(list) < n; k++ {
			list = append(list, holder{ci, c.firstPerson + k})
			c.certificates++
		}
		if len(list) >= n {
			break
		}
	}
	first, err := g.reserve(ctx, "certificates", len(list))
	if err != nil {
		return err
	}
	serial := map[string]int{}
	g.counts.Certificates, err = g.copyRows(ctx, "certificates",
		[]string{"id", "created_at", "updated_at", "number", "kind", "occupation", "issued_at", "status", "holder_name", "holder_id_masked",
			"issuer_name", "source", "region_id", "class_id", "issuer_id", "holder_id"},
		len(list), func(i int) ([]any, error) {
			h := list[i]
			c := &g.classList[h.class]
			o := g.orgs[c.org]
			serial[o.leaf.code]++
			number, err := certno.Make(o.leaf.code, 2020, serial[o.leaf.code])
			if err != nil {
				return nil, err
			}
			name, id, err := g.person(h.person, o.leaf.code)
			if err != nil {
				return nil, err
			}
			status := "ISSUED"
			if i%50 == 49 {
				status = "REVOKED"
			}
			at := c.start.AddDate(0, 0, 12)
			return []any{first + int64(i), at, at, number, "TRAINING_QUALIFICATION", c.occupation, at, status, name,
				idcheck.MaskResidentID(id), o.name, "ASSESSMENT", o.leaf.id, c.id, o.id, g.personID0 + int64(h.person)}, nil
		})
	if err != nil {
		return err
	}
	// the serials the product continues from
	prefixes := make([]string, 0, len(serial))
	for code := range serial {
		prefixes = append(prefixes, code)
	}
	first, err = g.reserve(ctx, "certificate_serials", len(prefixes))
	if err != nil {
		return err
	}
	_, err = g.copyRows(ctx, "certificate_serials", []string{"id", "prefix", "last"}, len(prefixes), func(i int) ([]any, error) {
		return []any{first + int64(i), certno.Prefix(prefixes[i], 2020), serial[prefixes[i]]}, nil
	})
	return err
}

// fenPerHead is the subsidy the generator's applications claim per trainee.
const fenPerHead = 120_000

// appStates of the applications, in hundredths.
var appStates = []weighted{{"PAID", 45}, {"SUBMITTED", 12}, {"ACCEPTED", 10}, {"REVIEWED", 6}, {"IN_PUBLICITY", 5}, {"TRANSFERRED_TO_FINANCE", 10}, {"RETURNED", 7}, {"REJECTED", 5}}

// applications: one per completed class for two thirds of them, each
// claiming its certified trainees.
type application struct {
	id, region int64
	state      string
	amount     int64
	at         time.Time
}

func (g *gen) applications(ctx context.Context) error {
	var idx []int
	for ci, c := range g.classList {
		if c.status == "COMPLETED" && ci%3 != 0 {
			idx = append(idx, ci)
		}
	}
	first, err := g.reserve(ctx, "subsidy_applications", len(idx))
	if err != nil {
		return err
	}
	g.apps = make([]application, len(idx))
	g.counts.Applications, err = g.copyRows(ctx, "subsidy_applications",
		[]string{"id", "created_at", "updated_at", "kind", "state", "headcount", "amount_fen", "materials_complete", "submitted_at",
			"accepted_at", "reviewed_at", "paid_at", "acceptance_due_at", "review_due_at", "hr_due_at", "region_id", "organization_id"},
		len(idx), func(i int) ([]any, error) {
			c := &g.classList[idx[i]]
			o := g.orgs[c.org]
			state := pick(g.rng, appStates, weightOf).name
			head := c.present
			at := c.start.AddDate(0, 0, 14)
			accepted, reviewed, paid := (*time.Time)(nil), (*time.Time)(nil), (*time.Time)(nil)
			if state != "SUBMITTED" {
				a := at.Add(4 * time.Hour)
				accepted = &a
			}
			if state == "REVIEWED" || state == "IN_PUBLICITY" || state == "TRANSFERRED_TO_FINANCE" || state == "PAID" {
				r := at.AddDate(0, 0, 1)
				reviewed = &r
			}
			if state == "PAID" {
				p := at.AddDate(0, 0, 12)
				paid = &p
			}
			c.app = first + int64(i)
			g.apps[i] = application{id: c.app, region: o.leaf.id, state: state, amount: int64(head) * fenPerHead, at: at}
			return []any{c.app, at, at, "CLASS_TRAINING", state, head, int64(head) * fenPerHead, true, at, accepted, reviewed, paid,
				endOfDay(at), endOfDay(at.AddDate(0, 0, 1)), endOfDay(at.AddDate(0, 0, 14)), o.leaf.id, o.id}, nil
		})
	if err != nil {
		return err
	}
	// the classes an application claims
	_, err = g.pool.Exec(ctx, `UPDATE training_classes t SET subsidy_application_classes = u.a
		FROM unnest($1::bigint[], $2::bigint[]) AS u(a, c) WHERE t.id = u.c`, appIDs(g.apps), g.appClasses(idx))
	return err
}

func appIDs(apps []application) []int64 {
	out := make([]int64, len(apps))
	for i, a := range apps {
		out[i] = a.id
	}
	return out
}

func (g *gen) appClasses(idx []int) []int64 {
	out := make([]int64, len(idx))
	for i, ci := range idx {
		out[i] = g.classList[ci].id
	}
	return out
}

func endOfDay(t time.Time) time.Time {
	y, m, d := t.In(workday.China).Date()
	return time.Date(y, m, d, 23, 59, 59, 0, workday.China)
}

// ledger: every leaf's special account gets a deposit, then pays its PAID
// applications; each line's balance follows from the one before and the
// account ends at the last line's balance.
func (g *gen) ledger(ctx context.Context) error {
	type line struct {
		account, region, app int64
		kind                 string
		amount, after        int64
		at                   time.Time
	}
	accounts := map[int64]int64{} // region -> account id
	balance := map[int64]int64{}
	first, err := g.reserve(ctx, "fund_accounts", len(g.leaves))
	if err != nil {
		return err
	}
	var lines []line
	for i, l := range g.leaves {
		accounts[l.id] = first + int64(i)
	}
	// deposit what the leaf's payments need and a fifth more
	need := map[int64]int64{}
	for _, a := range g.apps {
		if a.state == "PAID" {
			need[a.region] += a.amount
		}
	}
	for _, l := range g.leaves {
		dep := need[l.id] + need[l.id]/5 + 10_000_000
		balance[l.id] = dep
		lines = append(lines, line{accounts[l.id], l.id, 0, "DEPOSIT", dep, dep, epoch})
	}
	for _, a := range g.apps {
		if a.state != "PAID" {
			continue
		}
		balance[a.region] -= a.amount
		lines = append(lines, line{accounts[a.region], a.region, a.id, "PAYMENT", -a.amount, balance[a.region], a.at.AddDate(0, 0, 12)})
	}
	if _, err := g.copyRows(ctx, "fund_accounts", []string{"id", "created_at", "updated_at", "balance_fen", "region_id"}, len(g.leaves),
		func(i int) ([]any, error) {
			l := g.leaves[i]
			return []any{accounts[l.id], epoch, epoch, balance[l.id], l.id}, nil
		}); err != nil {
		return err
	}
	firstLine, err := g.reserve(ctx, "fund_entries", len(lines))
	if err != nil {
		return err
	}
	g.counts.FundEntries, err = g.copyRows(ctx, "fund_entries",
		[]string{"id", "at", "kind", "amount_fen", "balance_after_fen", "application_id", "region_id", "account_id"}, len(lines),
		func(i int) ([]any, error) {
			x := lines[i]
			var app *int64
			if x.app != 0 {
				app = &x.app
			}
			return []any{firstLine + int64(i), x.at, x.kind, x.amount, x.after, app, x.region, x.account}, nil
		})
	return err
}

// targets: the province's seeded targets shared out to the cities (and
// directly administered units) and on to their counties by weight.
func (g *gen) targets(ctx context.Context) error {
	type t struct {
		category, unit string
		quantity       int64
	}
	var prov []t
	rows, err := g.pool.Query(ctx, `SELECT category, unit, quantity FROM targets WHERE region_id = $1 AND campaign_id = $2`, g.province.id, g.campaign)
	if err != nil {
		return err
	}
	for rows.Next() {
		var x t
		if err := rows.Scan(&x.category, &x.unit, &x.quantity); err != nil {
			return err
		}
		prov = append(prov, x)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var top float64
	for _, r := range g.regions {
		if r.parent == g.province.id {
			top += r.weight
		}
	}
	type row struct {
		region int64
		t
	}
	var out []row
	for _, r := range g.regions {
		if r.parent != g.province.id || r.weight == 0 {
			continue
		}
		var kids []*region
		var kw float64
		for _, k := range g.regions {
			if k.parent == r.id {
				kids = append(kids, k)
				kw += k.weight
			}
		}
		for _, x := range prov {
			q := int64(float64(x.quantity) * r.weight / top)
			out = append(out, row{r.id, t{x.category, x.unit, q}})
			for _, k := range kids {
				out = append(out, row{k.id, t{x.category, x.unit, int64(float64(q) * k.weight / kw)}})
			}
		}
	}
	first, err := g.reserve(ctx, "targets", len(out))
	if err != nil {
		return err
	}
	g.counts.Targets, err = g.copyRows(ctx, "targets",
		[]string{"id", "created_at", "updated_at", "category", "quantity", "unit", "campaign_id", "region_id"}, len(out),
		func(i int) ([]any, error) {
			x := out[i]
			return []any{first + int64(i), epoch, epoch, x.category, x.quantity, x.unit, g.campaign, x.region}, nil
		})
	return err
}

func (g *gen) analyze(ctx context.Context) error {
	_, err := g.pool.Exec(ctx, "VACUUM (ANALYZE)")
	return err
}

// progress counts the campaign's progress as internal/progress does, but
// set-based: what its Recount does class by class and line by line (13
// minutes at full scale) takes a few statements here. The generator's test
// checks that both give the same counters. Only what the generator writes is
// counted: completed classes (T2, T3, T4) and ledger lines (T7); it writes
// no claims, contracts or filings.
func (g *gen) progress(ctx context.Context) error {
	tx, err := g.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	const within = `WITH camp AS (SELECT id, starts_on, ends_on FROM campaigns),
		cls AS (SELECT c.id, c.category, c.effective_headcount, r.path, camp.id AS campaign_id
			FROM training_classes c JOIN regions r ON r.id = c.region_id
			JOIN camp ON c.planned_start BETWEEN camp.starts_on AND camp.ends_on WHERE c.status = 'COMPLETED'),
		lines AS (SELECT e.kind, e.amount_fen, r.path, camp.id AS campaign_id FROM fund_entries e JOIN regions r ON r.id = e.region_id
			JOIN camp ON e.at BETWEEN camp.starts_on AND camp.ends_on) `
	for _, q := range []string{
		within + `INSERT INTO progress_counters (campaign_id, region_path, counter, value)
			SELECT cls.campaign_id, a.path, cls.category, sum(cls.effective_headcount) FROM cls JOIN regions a ON cls.path LIKE a.path || '%'
			WHERE cls.category IN ('ENTERPRISE_EMPLOYEE', 'KEY_GROUP') AND cls.effective_headcount <> 0
			GROUP BY cls.campaign_id, a.path, cls.category`,
		within + `INSERT INTO counted_persons (campaign_id, counter, person_id, region_path)
			SELECT DISTINCT cls.campaign_id, 'ENTREPRENEURSHIP', e.person_id, a.path FROM cls
			JOIN enrollments e ON e.class_id = cls.id AND (e.present_on_opening IS NULL OR e.present_on_opening)
			JOIN regions a ON cls.path LIKE a.path || '%' WHERE cls.category = 'ENTREPRENEURSHIP'`,
		`INSERT INTO progress_counters (campaign_id, region_path, counter, value)
			SELECT campaign_id, region_path, counter, count(*) FROM counted_persons GROUP BY campaign_id, region_path, counter
			UNION ALL SELECT DISTINCT campaign_id, '', counter, 0 FROM counted_persons`,
		within + `INSERT INTO progress_counters (campaign_id, region_path, counter, value)
			SELECT l.campaign_id, a.path, CASE WHEN l.kind = 'DEPOSIT' THEN 'FUND_ALLOCATED' ELSE 'FUND_SPENDING' END,
				sum(CASE WHEN l.kind = 'DEPOSIT' THEN l.amount_fen ELSE -l.amount_fen END)
			FROM lines l JOIN regions a ON l.path LIKE a.path || '%'
			WHERE l.kind IN ('DEPOSIT', 'PAYMENT', 'PREPAYMENT', 'RECOVERY') AND l.amount_fen <> 0
			GROUP BY l.campaign_id, a.path, 3`,
		`ANALYZE progress_counters, counted_persons`,
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}
