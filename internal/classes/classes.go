// Package classes runs what happens to a class's trainees: all-or-nothing
// enrolment matched to already registered persons by the keyed hash of the
// ID number and their registered name, opening-day attendance (which feeds
// R10's effective headcount through the class hook), and R11's test of
// remote supervision. Its calls run in the request transaction.
package classes

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/enrollment"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/person"
	"github.com/hnvt/bairi/ent/predicate"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/eligibility"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/sheet"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// Service enrols trainees and records attendance.
type Service struct {
	Client *ent.Client
	PII    *pii.Cipher
	// Clock dates an enrolment (R4's 5 years of an owner's business).
	Clock *clock.Clock
}

// db returns the request transaction's client when there is one.
func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

// Person is one row of an enrolment list.
type Person struct {
	Name     string
	IDNumber string
	Phone    *string
	// EntrepreneurshipBasis ("" for none) and BusinessOpenedOn are R4's, for
	// entrepreneurship classes (internal/eligibility).
	EntrepreneurshipBasis string
	BusinessOpenedOn      *workday.Date
}

// Enroll enrols a list of persons all-or-nothing: every row is checked
// first and, if any fails, the whole list is refused with a row-by-row report.
func (s *Service) Enroll(ctx context.Context, classID int, persons []*Person) ([]*ent.Enrollment, error) {
	client := s.db(ctx)
	class, err := client.TrainingClass.Get(ctx, classID)
	if err != nil {
		return nil, err
	}
	if err := lifecycle.Class.Require("ENROLL", string(class.Status),
		"persons are enrolled until a class is completed or cancelled; this one is %s", class.Status); err != nil {
		return nil, err
	}
	if len(persons) == 0 {
		return nil, fault.Input("persons", "the list is empty")
	}
	if len(persons) > MaxRows {
		return nil, fault.Input("persons", "at most 2000 persons per list")
	}
	var rows fault.Rows
	hashes, existing, err := s.check(ctx, class, persons, func(i int) int { return i + 1 }, rows.Fail)
	if err != nil {
		return nil, err
	}
	if err := rows.Refuse(fault.Input("", "%d of %d rows are invalid: nothing was enrolled", len(rows), len(persons))); err != nil {
		return nil, err
	}
	out := make([]*ent.Enrollment, 0, len(persons))
	// A person registered elsewhere, matched by ID number and name (check),
	// is one the viewer may not read yet: the enrolment policy takes the
	// match for the right to link them (viewer.PurposeEnroll).
	matched := viewer.WithPurpose(ctx, viewer.PurposeEnroll)
	for i, p := range persons {
		pid, ectx := 0, ctx
		if found, ok := existing[hashes[i]]; ok {
			pid, ectx = found.ID, matched
		} else {
			sealed, err := s.PII.Seal(p.IDNumber)
			if err != nil {
				return nil, err
			}
			created, err := client.Person.Create().SetName(p.Name).SetIDHash(sealed.Hash).
				SetIDEncrypted(sealed.Encrypted).SetIDMasked(sealed.Masked).SetNillablePhone(p.Phone).
				SetOrganizationID(class.OrganizationID).SetRegionID(class.RegionID).Save(ctx)
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", i+1, err)
			}
			pid = created.ID
		}
		create := client.Enrollment.Create().SetClassID(classID).SetPersonID(pid)
		if p.EntrepreneurshipBasis != "" {
			create.SetEntrepreneurshipBasis(enrollment.EntrepreneurshipBasis(p.EntrepreneurshipBasis))
		}
		if p.BusinessOpenedOn != nil {
			create.SetBusinessOpenedOn(p.BusinessOpenedOn.Time(nil))
		}
		e, err := create.Save(ectx)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// MaxRows bounds one enrolment list.
const MaxRows = 2000

// check checks a list as Enroll does before writing anything: a name, a
// valid ID number (GB 11643) once per list, a phone number when one is given
// (cleaned in place, as are the name and ID number), the registered name of
// an ID number already registered (idcheck.SameName), and no one already
// enrolled in the class, and R4's basis in an entrepreneurship class
// (internal/eligibility). rowOf numbers the rows of the report; failRow records
// a failed cell. It returns each row's keyed ID hash ("" when invalid) and
// the persons already registered under those hashes.
func (s *Service) check(ctx context.Context, class *ent.TrainingClass, persons []*Person, rowOf func(i int) int,
	failRow func(row int, field, format string, args ...any)) ([]string, map[string]*ent.Person, error) {
	classID := class.ID
	today := workday.DateOf(s.Clock.Now(), nil)
	seen := map[string]int{}
	hashes := make([]string, len(persons))
	named := make([]bool, len(persons))
	for i, p := range persons {
		row := rowOf(i)
		p.Name = strings.TrimSpace(p.Name)
		if named[i] = p.Name != "" && len([]rune(p.Name)) <= 64; !named[i] {
			failRow(row, "name", "a name of 1 to 64 characters is required")
		}
		id, err := idcheck.ResidentID(p.IDNumber)
		if err != nil {
			failRow(row, "idNumber", "%s %s", fault.IDField(err), fault.IDReason(err))
		} else {
			p.IDNumber = id
			if first, dup := seen[id]; dup {
				failRow(row, "idNumber", "the same ID number as row %d", first)
			}
			seen[id] = row
			hashes[i] = s.PII.Hash(id)
		}
		if p.Phone != nil && strings.TrimSpace(*p.Phone) == "" {
			p.Phone = nil
		}
		if p.Phone != nil {
			phone, ok := idcheck.NormalizePhone(*p.Phone)
			if !ok {
				failRow(row, "phone", "not a phone number")
			}
			p.Phone = &phone
		}
		eligibility.Entrepreneurship(string(class.Category), p.EntrepreneurshipBasis, p.BusinessOpenedOn, today,
			func(field, format string, args ...any) { failRow(row, field, format, args...) })
	}
	// Persons already registered (by the keyed hash of the ID number), and
	// those of them already in the class.
	var valid []string
	for _, h := range hashes {
		if h != "" {
			valid = append(valid, h)
		}
	}
	client := s.db(ctx)
	found, err := client.Person.Query().Where(person.IDHashIn(valid...)).All(viewer.WithPurpose(ctx, viewer.PurposeEnroll))
	if err != nil {
		return nil, nil, err
	}
	existing := map[string]*ent.Person{}
	ids := make([]int, 0, len(found))
	for _, p := range found {
		existing[p.IDHash] = p
		ids = append(ids, p.ID)
	}
	enrolled, err := client.Enrollment.Query().Where(enrollment.ClassID(classID), enrollment.PersonIDIn(ids...)).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	already := map[int]bool{}
	for _, e := range enrolled {
		already[e.PersonID] = true
	}
	for i, h := range hashes {
		p, ok := existing[h]
		if !ok {
			continue
		}
		// The ID number alone does not enrol a registered person: the name
		// typed must be theirs too, and the row says nothing of it (whose
		// number it is, where they are registered) when it is not.
		if named[i] && !idcheck.SameName(p.Name, persons[i].Name) {
			failRow(rowOf(i), "name", "the name does not match the person registered with this ID number")
		}
		if already[p.ID] {
			failRow(rowOf(i), "idNumber", "already enrolled in this class")
		}
	}
	return hashes, existing, nil
}

// rosterColumns are a roster sheet's columns and the headers they go by.
var rosterColumns = map[string][]string{
	"name":     {"name", "姓名", "学员姓名"},
	"idNumber": {"id_number", "idnumber", "身份证号", "身份证号码", "公民身份号码", "证件号码"},
	"phone":    {"phone", "mobile", "手机号", "手机号码", "联系电话", "电话"},
	// R4, in entrepreneurship classes.
	"entrepreneurshipBasis": {"entrepreneurship_basis", "创业培训对象", "人员类别", "对象类别"},
	"businessOpenedOn":      {"business_opened_on", "营业执照日期", "营业执照登记日期", "开业日期"},
}

// RosterRow is one row of a roster sheet, cleaned, with what is wrong with it.
type RosterRow struct {
	Row      int
	Name     string
	IDNumber string
	Phone    *string
	// EntrepreneurshipBasis is nil when the sheet gives none.
	EntrepreneurshipBasis *enrollment.EntrepreneurshipBasis
	BusinessOpenedOn      *workday.Date
	Errors                []*sheet.RowError
}

// Roster is a roster sheet read and checked; nothing is written.
type Roster struct {
	Rows []*RosterRow
	// Errors of the whole file (no data rows, a missing column).
	Errors []*sheet.RowError
}

// ReadRoster reads a class's roster from a spreadsheet (CSV or XLSX, the
// headers 姓名, 身份证号 and optionally 手机号) and checks every row as
// Enroll would, without writing: the phone keeps the good rows and shows the
// bad ones for correction instead of losing the whole list.
func (s *Service) ReadRoster(ctx context.Context, classID int, file io.Reader) (*Roster, error) {
	class, err := s.db(ctx).TrainingClass.Get(ctx, classID)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(lifecycle.Class.Allowed(string(class.Status), viewer.FromContext(ctx)), "ENROLL") {
		return nil, fault.New(fault.Forbidden, "persons are enrolled by the institution's staff and officials until a class is completed or cancelled")
	}
	report := sheet.NewReport()
	table, err := sheet.Read(file, rosterColumns, report, "phone", "entrepreneurshipBasis", "businessOpenedOn")
	if err != nil {
		return nil, err
	}
	roster := &Roster{Rows: []*RosterRow{}, Errors: report.Errors}
	if table == nil {
		return roster, nil
	}
	var persons []*Person
	cellErrs := sheet.NewReport()
	if err := table.Each(func(row int, cell func(string) string) error {
		p := &Person{Name: cell("name"), IDNumber: cell("idNumber")}
		if phone := cell("phone"); phone != "" {
			p.Phone = &phone
		}
		if b := cell("entrepreneurshipBasis"); b != "" {
			if p.EntrepreneurshipBasis = eligibility.ParseBasis(b); p.EntrepreneurshipBasis == "" {
				cellErrs.Fail(row, "entrepreneurshipBasis", "unknown entrepreneurship basis %q", b)
			}
		}
		if d := cell("businessOpenedOn"); d != "" {
			opened, err := workday.ParseCellDate(d)
			if err != nil {
				cellErrs.Fail(row, "businessOpenedOn", "a date is a string YYYY-MM-DD, such as 2020-09-30")
			} else {
				p.BusinessOpenedOn = &opened
			}
		}
		persons = append(persons, p)
		roster.Rows = append(roster.Rows, &RosterRow{Row: row})
		return nil
	}); err != nil {
		return nil, err
	}
	if len(persons) > MaxRows {
		return nil, fault.Input("file", "at most 2000 persons per list")
	}
	byRow := map[int]*RosterRow{}
	for _, r := range roster.Rows {
		byRow[r.Row] = r
	}
	rows := cellErrs
	if _, _, err := s.check(ctx, class, persons, func(i int) int { return roster.Rows[i].Row }, rows.Fail); err != nil {
		return nil, err
	}
	for _, e := range rows.Errors {
		byRow[e.Row].Errors = append(byRow[e.Row].Errors, e)
	}
	for i, p := range persons {
		r := roster.Rows[i]
		r.Name, r.IDNumber, r.Phone = p.Name, p.IDNumber, p.Phone
		r.BusinessOpenedOn = p.BusinessOpenedOn
		if p.EntrepreneurshipBasis != "" {
			b := enrollment.EntrepreneurshipBasis(p.EntrepreneurshipBasis)
			r.EntrepreneurshipBasis = &b
		}
		if r.Errors == nil {
			r.Errors = []*sheet.RowError{}
		}
	}
	return roster, nil
}

// RecordAttendance marks who was present on the opening day; the
// class hook turns the count into the R10 effective headcount.
func (s *Service) RecordAttendance(ctx context.Context, classID int, present []int) (*ent.TrainingClass, error) {
	client := s.db(ctx)
	if _, err := client.TrainingClass.Get(ctx, classID); err != nil {
		return nil, err
	}
	enrolled, err := client.Enrollment.Query().Where(enrollment.ClassID(classID)).All(ctx)
	if err != nil {
		return nil, err
	}
	isEnrolled := map[int]bool{}
	for _, e := range enrolled {
		isEnrolled[e.PersonID] = true
	}
	here := map[int]bool{}
	for _, id := range present {
		if !isEnrolled[id] {
			return nil, fault.Input("presentPersonIDs", "person %d is not enrolled in this class", id)
		}
		here[id] = true
	}
	for _, e := range enrolled {
		if err := client.Enrollment.UpdateOne(e).SetPresentOnOpening(here[e.PersonID]).Exec(ctx); err != nil {
			return nil, err
		}
	}
	return client.TrainingClass.UpdateOneID(classID).SetPresentCount(len(here)).Save(ctx)
}

// RemotelySupervised is R11: an accepted attendance video captured on the
// opening day and an accepted supervision recording.
func (s *Service) RemotelySupervised(ctx context.Context, c *ent.TrainingClass) (bool, error) {
	due, err := s.EvidenceDue(ctx, c)
	return err == nil && len(due) == 0, err
}

// EvidenceDue lists what R11 still lacks for the class: an accepted
// attendance video captured on the opening day (China time), an accepted
// supervision recording.
func (s *Service) EvidenceDue(ctx context.Context, c *ent.TrainingClass) ([]evidence.Kind, error) {
	start := c.PlannedStart.In(workday.China)
	day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, workday.China)
	due := []evidence.Kind{}
	video, err := s.db(ctx).Evidence.Query().Where(evidence.ClassID(c.ID), evidence.KindEQ(evidence.KindATTENDANCE_VIDEO),
		evidence.DecisionEQ(evidence.DecisionACCEPTED), evidence.CapturedAtGTE(day), evidence.CapturedAtLT(day.AddDate(0, 0, 1))).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !video {
		due = append(due, evidence.KindATTENDANCE_VIDEO)
	}
	rec, err := s.db(ctx).Evidence.Query().Where(evidence.ClassID(c.ID), evidence.KindEQ(evidence.KindSUPERVISION_RECORDING),
		evidence.DecisionEQ(evidence.DecisionACCEPTED)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !rec {
		due = append(due, evidence.KindSUPERVISION_RECORDING)
	}
	return due, nil
}

// unreplacedRejections is evidence an inspector rejected that no verified
// upload has replaced yet: what the trainer still has to redo.
func unreplacedRejections() predicate.Evidence {
	return evidence.And(evidence.DecisionEQ(evidence.DecisionREJECTED),
		evidence.Not(evidence.HasReplacementsWith(evidence.StatusEQ(evidence.StatusVERIFIED))))
}

// RejectedByClass counts, in one query, the unreplaced rejections of every
// class the viewer may see that has some.
func (s *Service) RejectedByClass(ctx context.Context) (map[int]int, error) {
	var rows []struct {
		ClassID int `json:"class_id"`
		Count   int `json:"count"`
	}
	if err := s.db(ctx).Evidence.Query().Where(unreplacedRejections()).GroupBy(evidence.FieldClassID).
		Aggregate(ent.Count()).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[int]int, len(rows))
	for _, r := range rows {
		out[r.ClassID] = r.Count
	}
	return out, nil
}

// RejectedCount counts the unreplaced rejections over the classes the viewer may see.
func (s *Service) RejectedCount(ctx context.Context) (int, error) {
	return s.db(ctx).Evidence.Query().Where(unreplacedRejections()).Count(ctx)
}
