// Package apprenticeship runs new-style apprenticeships (企业新型学徒制, R5):
// contracts signed by an enterprise, a school and an apprentice (typed, or
// imported all-or-nothing from a sheet), never with a worker the enterprise
// has from a labour-dispatch agency (劳务派遣工); and the schools' yearly
// quotas of contracts (技师学院 500, 高级技工学校 300, 普通技工学校 100).
package apprenticeship

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/apprenticeshipcontract"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/schema"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/persons"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/sheet"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// Service signs contracts and reads the schools' quotas.
type Service struct {
	Client *ent.Client
	Clock  *clock.Clock
	// PII seals the ID numbers of apprentices registered by their contract.
	PII *pii.Cipher
}

func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

func (s *Service) today() workday.Date { return workday.DateOf(s.Clock.Now(), nil) }

// Contract is a contract to sign.
type Contract struct {
	EnterpriseID, SchoolID int
	Apprentice             persons.Entry
	Occupation             string
	// Level is the level aimed at (0: not said).
	Level           int
	StartsOn        workday.Date
	Months          int
	EnterpriseTutor string
	SchoolTutor     string
	// Dispatched: the apprentice works at the enterprise through a
	// labour-dispatch agency (劳务派遣工), which R5 refuses.
	Dispatched bool
	// SignedOn is the day it was signed; nil for today.
	SignedOn *workday.Date
}

// check cleans k and hands each fault to fail with its input field.
func (s *Service) check(k *Contract, fail func(field, format string, args ...any)) {
	if k.Dispatched {
		fail("dispatched", "a worker dispatched to the enterprise by a labour-dispatch agency (劳务派遣工) cannot be its apprentice")
	}
	k.Occupation = strings.TrimSpace(k.Occupation)
	if k.Occupation == "" || len([]rune(k.Occupation)) > 64 {
		fail("occupation", "an occupation of 1 to 64 characters is required")
	}
	if k.Level != 0 && (k.Level < 1 || k.Level > 5) {
		fail("level", "the level aimed at is 5 (初级工) to 1 (高级技师)")
	}
	if k.Months < 1 || k.Months > 48 {
		fail("months", "an apprenticeship lasts 1 to 48 months")
	}
	for _, t := range []struct {
		field string
		name  *string
	}{{"enterpriseTutor", &k.EnterpriseTutor}, {"schoolTutor", &k.SchoolTutor}} {
		if *t.name = strings.TrimSpace(*t.name); len([]rune(*t.name)) > 64 {
			fail(t.field, "a tutor's name has at most 64 characters")
		}
	}
	today := s.today()
	if k.SignedOn == nil {
		k.SignedOn = &today
	} else if k.SignedOn.After(today) {
		fail("signedOn", "the day %s is in the future", *k.SignedOn)
	}
	if !k.StartsOn.IsValid() {
		fail("startsOn", "a date is a string YYYY-MM-DD, such as 2020-09-30")
	}
}

// Sign signs one contract: the apprentice checked as every list of persons
// is (persons.Check) and registered when new, the parties by the contract's
// own rules (ent/schema/apprenticeshipcontract_rules.go).
func (s *Service) Sign(ctx context.Context, k Contract) (*ent.ApprenticeshipContract, error) {
	var rows fault.Rows
	c := s.db(ctx)
	ks := []Contract{k}
	list, err := s.prepare(ctx, c, ks, func(int) int { return 1 }, rows.Fail)
	if err != nil {
		return nil, err
	}
	if err := rows.Refuse(fault.Input("", "the contract cannot be signed")); err != nil {
		return nil, err
	}
	parties, err := c.Organization.Query().Where(organization.IDIn(k.EnterpriseID, k.SchoolID)).WithRegion().
		All(viewer.WithPurpose(ctx, viewer.PurposeContract))
	if err != nil {
		return nil, err
	}
	return s.write(ctx, c, ks[0], list, 0, parties)
}

// prepare cleans and checks ks, the apprentices with them, each fault to
// failRow.
func (s *Service) prepare(ctx context.Context, c *ent.Client, ks []Contract, rowOf func(int) int, failRow persons.FailRow) (*persons.List, error) {
	entries := make([]persons.Entry, len(ks))
	for i := range ks {
		s.check(&ks[i], func(field, format string, args ...any) { failRow(rowOf(i), field, format, args...) })
		entries[i] = ks[i].Apprentice
	}
	return persons.Check(ctx, c, s.PII, entries, rowOf, failRow)
}

// write signs the contract k of row i of a prepared list. An apprentice not
// yet registered is registered by the signer: in the signing party (its
// staff), else in the enterprise, or in the school when only the school lies
// in the official's region.
// parties are the contract's organisations, with their regions.
func (s *Service) write(ctx context.Context, c *ent.Client, k Contract, list *persons.List, i int, parties []*ent.Organization) (*ent.ApprenticeshipContract, error) {
	at := registrar(viewer.FromContext(ctx), parties, k)
	if at == nil {
		return nil, fault.Input("enterpriseID", "no such organisation")
	}
	p, _, err := list.Person(ctx, c, s.PII, i, nil, at.ID, at.RegionID)
	if err != nil {
		return nil, err
	}
	var level *int
	if k.Level != 0 {
		level = &k.Level
	}
	out, err := c.ApprenticeshipContract.Create().SetEnterpriseID(k.EnterpriseID).SetSchoolID(k.SchoolID).SetPersonID(p.ID).
		SetApprenticeName(list.Entries[i].Name).SetIDMasked(p.IDMasked).SetOccupation(k.Occupation).SetNillableLevel(level).
		SetStartsOn(k.StartsOn.Time(nil)).SetMonths(k.Months).SetEnterpriseTutor(k.EnterpriseTutor).SetSchoolTutor(k.SchoolTutor).
		SetSignedOn(k.SignedOn.Time(nil)).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, fault.New(fault.Conflict, "%s already has a contract with this enterprise for %s", list.Entries[i].Name, k.Occupation)
	}
	return out, err
}

// registrar is the party a new apprentice is registered in: the signing
// staff's own, else the enterprise, else the school within the official's
// region (the contract's policy refuses anyone who is no party).
func registrar(v *viewer.Viewer, parties []*ent.Organization, k Contract) *ent.Organization {
	byID := map[int]*ent.Organization{}
	for _, o := range parties {
		byID[o.ID] = o
	}
	e, sch := byID[k.EnterpriseID], byID[k.SchoolID]
	mine := func(o *ent.Organization) bool {
		return o != nil && v != nil && (v.Admin() || v.InSubtree(o.Edges.Region.Path))
	}
	switch {
	case v != nil && v.Role == viewer.InstitutionStaff && byID[v.OrgID] != nil:
		return byID[v.OrgID]
	case mine(e):
		return e
	case mine(sch):
		return sch
	case e != nil:
		return e
	}
	return sch
}

// contractColumns are a contract sheet's columns and the headers they go by.
var contractColumns = map[string][]string{
	"enterprise":      {"enterprise_credit_code", "企业统一社会信用代码", "企业信用代码"},
	"school":          {"school_credit_code", "院校统一社会信用代码", "院校信用代码", "学校统一社会信用代码"},
	"name":            persons.NameColumns["name"],
	"idNumber":        persons.NameColumns["idNumber"],
	"occupation":      {"occupation", "职业（工种）", "职业(工种)", "职业", "工种"},
	"level":           {"level", "培训等级", "等级"},
	"startsOn":        {"starts_on", "开始日期", "培训开始日期"},
	"months":          {"months", "期限（月）", "期限(月)", "培训期限（月）", "期限"},
	"enterpriseTutor": {"enterprise_tutor", "企业导师"},
	"schoolTutor":     {"school_tutor", "院校导师", "学校导师"},
	"dispatched":      {"dispatched", "是否劳务派遣", "劳务派遣"},
	"signedOn":        {"signed_on", "签订日期", "签约日期"},
}

// levels are the levels as the offices write them.
var levels = map[string]int{"五级": 5, "初级工": 5, "四级": 4, "中级工": 4, "三级": 3, "高级工": 3, "二级": 2, "技师": 2, "一级": 1, "高级技师": 1}

// MaxRows bounds one sheet of contracts.
const MaxRows = 2000

var errRefused = errors.New("apprenticeship: import refused")

// Import signs the contracts of a sheet (XLSX or CSV, Chinese headers; the
// parties by their credit codes), all-or-nothing with a row report. The
// sheet is read and checked before the transaction that writes it opens.
func (s *Service) Import(ctx context.Context, file io.Reader) (*sheet.Report, error) {
	report := sheet.NewReport()
	table, err := sheet.Read(file, contractColumns, report, "level", "enterpriseTutor", "schoolTutor", "signedOn")
	if err != nil || table == nil {
		return report, err
	}
	var ks []Contract
	var rowNums []int
	codes := map[string]bool{}
	type cells struct{ enterprise, school string }
	var parties []cells
	err = table.Each(func(n int, cell func(string) string) error {
		fail := func(field, format string, args ...any) { report.Fail(n, field, format, args...) }
		k := Contract{Apprentice: persons.Entry{Name: cell("name"), IDNumber: cell("idNumber")}, Occupation: cell("occupation"),
			EnterpriseTutor: cell("enterpriseTutor"), SchoolTutor: cell("schoolTutor")}
		if lv := strings.TrimSpace(cell("level")); lv != "" {
			if k.Level = levels[lv]; k.Level == 0 {
				if k.Level, _ = strconv.Atoi(lv); k.Level == 0 {
					k.Level = -1
				}
			}
		}
		k.Months, _ = strconv.Atoi(strings.TrimSpace(cell("months")))
		if d, err := workday.ParseCellDate(cell("startsOn")); err == nil {
			k.StartsOn = d
		}
		if d := strings.TrimSpace(cell("signedOn")); d != "" {
			on, err := workday.ParseCellDate(d)
			if err != nil {
				fail("signedOn", "a date is a string YYYY-MM-DD, such as 2020-09-30")
			} else {
				k.SignedOn = &on
			}
		}
		switch d := strings.TrimSpace(cell("dispatched")); d {
		case "否", "no", "NO", "No", "false", "0":
		case "是", "yes", "YES", "Yes", "true", "1":
			k.Dispatched = true
		default:
			fail("dispatched", "say whether the apprentice is a dispatched worker (劳务派遣工): 是 or 否, not %q", d)
		}
		p := cells{strings.TrimSpace(cell("enterprise")), strings.TrimSpace(cell("school"))}
		codes[p.enterprise], codes[p.school] = true, true
		parties = append(parties, p)
		ks = append(ks, k)
		rowNums = append(rowNums, n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(ks) > MaxRows {
		return nil, fault.Input("file", "at most %d contracts per sheet", MaxRows)
	}
	rowOf := func(i int) int { return rowNums[i] }
	err = entctx.InTx(ctx, s.Client, func(ctx context.Context, c *ent.Client) error {
		// The parties, by credit code, whoever registered them.
		keys := make([]string, 0, len(codes))
		for code := range codes {
			keys = append(keys, code)
		}
		orgs, err := c.Organization.Query().Where(organization.CreditCodeIn(keys...)).WithRegion().All(viewer.WithPurpose(ctx, viewer.PurposeContract))
		if err != nil {
			return err
		}
		byCode := map[string]*ent.Organization{}
		for _, o := range orgs {
			byCode[o.CreditCode] = o
		}
		of := make([][]*ent.Organization, len(parties))
		for i, p := range parties {
			e, sch := byCode[p.enterprise], byCode[p.school]
			if e == nil {
				report.Fail(rowOf(i), "enterprise", "no organisation is registered with credit code %q", p.enterprise)
			}
			if sch == nil {
				report.Fail(rowOf(i), "school", "no organisation is registered with credit code %q", p.school)
			}
			if e != nil && sch != nil {
				ks[i].EnterpriseID, ks[i].SchoolID, of[i] = e.ID, sch.ID, []*ent.Organization{e, sch}
			}
		}
		list, err := s.prepare(ctx, c, ks, rowOf, report.Fail)
		if err != nil {
			return err
		}
		if report.Failed() {
			return errRefused
		}
		for i, k := range ks {
			if _, err := s.write(ctx, c, k, list, i, of[i]); err != nil {
				if f, ok := fault.As(err); ok {
					report.Fail(rowOf(i), f.Field, "%s", f.Text(ctx))
					return errRefused
				}
				return err
			}
		}
		return nil
	})
	report.Sort()
	switch {
	case errors.Is(err, errRefused):
		return report, nil
	case err != nil:
		return nil, err
	}
	report.Ok, report.Imported = true, len(ks)
	return report, nil
}

// Quota is a school's progress against its yearly quota of contracts.
type Quota struct {
	School *ent.Organization
	Kind   organization.Kind
	Quota  int
	Signed int
	// Lagging: fewer signed than the quota's share of the year elapsed.
	Lagging bool
}

// Quotas lists the schools of a region's subtree with the contracts each
// signed in the calendar year, against its quota; a school trails when it
// has signed fewer than its quota times the share of the year elapsed
// (today; the whole year once it is over).
func (s *Service) Quotas(ctx context.Context, regionCode string, year int) ([]*Quota, error) {
	c := s.db(ctx)
	reg, err := c.Region.Query().Where(region.Code(strings.TrimSpace(regionCode))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input("regionCode", "unknown region %q", regionCode)
	}
	if err != nil {
		return nil, err
	}
	kinds := make([]organization.Kind, 0, len(schema.ApprenticeshipSchoolKinds))
	for k := range schema.ApprenticeshipSchoolKinds {
		kinds = append(kinds, organization.Kind(k))
	}
	schools, err := c.Organization.Query().Where(organization.KindIn(kinds...),
		organization.HasRegionWith(region.PathHasPrefix(reg.Path))).Order(ent.Asc(organization.FieldName)).All(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(schools))
	for i, o := range schools {
		ids[i] = o.ID
	}
	from, to := workday.NewDate(year, time.January, 1), workday.NewDate(year+1, time.January, 1)
	var counts []struct {
		SchoolID int `json:"school_id"`
		Count    int `json:"count"`
	}
	if err := c.ApprenticeshipContract.Query().Where(apprenticeshipcontract.SchoolIDIn(ids...),
		apprenticeshipcontract.SignedOnGTE(from.Time(nil)), apprenticeshipcontract.SignedOnLT(to.Time(nil))).
		GroupBy(apprenticeshipcontract.FieldSchoolID).Aggregate(ent.Count()).
		Scan(viewer.WithPurpose(ctx, viewer.PurposeContract), &counts); err != nil {
		return nil, err
	}
	signed := map[int]int{}
	for _, r := range counts {
		signed[r.SchoolID] = r.Count
	}
	elapsed := Elapsed(s.Clock.Now(), year)
	out := make([]*Quota, len(schools))
	for i, o := range schools {
		q := schema.ApprenticeshipSchoolKinds[string(o.Kind)]
		out[i] = &Quota{School: o, Kind: o.Kind, Quota: q, Signed: signed[o.ID], Lagging: float64(signed[o.ID]) < float64(q)*elapsed}
	}
	return out, nil
}

// Elapsed is the share of a calendar year gone at now (China time): whole
// days over the year's days, 0 before it, 1 after it.
func Elapsed(now time.Time, year int) float64 {
	today := workday.DateOf(now, nil)
	start, end := workday.NewDate(year, time.January, 1), workday.NewDate(year+1, time.January, 1)
	switch {
	case today.Before(start):
		return 0
	case !today.Before(end):
		return 1
	}
	days := func(a, b workday.Date) float64 { return b.Time(time.UTC).Sub(a.Time(time.UTC)).Hours() / 24 }
	return days(start, today) / days(start, end)
}
