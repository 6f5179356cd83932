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

	"entgo.io/ent/dialect/sql"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/enrollment"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/predicate"
	"github.com/hnvt/bairi/ent/schema"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/eligibility"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/persons"
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
func (s *Service) Enroll(ctx context.Context, classID int, people []*Person) ([]*ent.Enrollment, error) {
	client := s.db(ctx)
	class, err := client.TrainingClass.Get(ctx, classID)
	if err != nil {
		return nil, err
	}
	if err := lifecycle.Class.Require("ENROLL", string(class.Status),
		"persons are enrolled until a class is completed or cancelled; this one is %s", class.Status); err != nil {
		return nil, err
	}
	if len(people) == 0 {
		return nil, fault.Input("persons", "the list is empty")
	}
	if len(people) > MaxRows {
		return nil, fault.Input("persons", "at most 2000 persons per list")
	}
	var rows fault.Rows
	list, err := s.check(ctx, class, people, func(i int) int { return i + 1 }, rows.Fail)
	if err != nil {
		return nil, err
	}
	if err := rows.Refuse(fault.Input("", "%d of %d rows are invalid: nothing was enrolled", len(rows), len(people))); err != nil {
		return nil, err
	}
	out := make([]*ent.Enrollment, 0, len(people))
	// A person registered elsewhere, matched by ID number and name (check),
	// is one the viewer may not read yet: the enrolment policy takes the
	// match for the right to link them (viewer.PurposeEnroll).
	matched := viewer.WithPurpose(ctx, viewer.PurposeEnroll)
	for i, p := range people {
		person, registered, err := list.Person(ctx, client, s.PII, i, p.Phone, class.OrganizationID, class.RegionID)
		if err != nil {
			return nil, err
		}
		ectx := ctx
		if registered {
			ectx = matched
		}
		create := client.Enrollment.Create().SetClassID(classID).SetPersonID(person.ID)
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

// check checks a list as Enroll does before writing anything: the names and
// ID numbers as every list of persons is checked (persons.Check), a phone
// number when one is given (cleaned in place, as are the name and ID
// number), no one already enrolled in the class, and R4's basis in an
// entrepreneurship class (internal/eligibility). rowOf numbers the rows of
// the report; failRow records a failed cell.
func (s *Service) check(ctx context.Context, class *ent.TrainingClass, people []*Person, rowOf func(i int) int,
	failRow persons.FailRow) (*persons.List, error) {
	today := workday.DateOf(s.Clock.Now(), nil)
	entries := make([]persons.Entry, len(people))
	for i, p := range people {
		entries[i] = persons.Entry{Name: p.Name, IDNumber: p.IDNumber}
	}
	client := s.db(ctx)
	list, err := persons.Check(ctx, client, s.PII, entries, rowOf, failRow)
	if err != nil {
		return nil, err
	}
	for i, p := range people {
		row := rowOf(i)
		p.Name, p.IDNumber = list.Entries[i].Name, list.Entries[i].IDNumber
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
	enrolled, err := client.Enrollment.Query().Where(enrollment.ClassID(class.ID), enrollment.PersonIDIn(list.PersonIDs()...)).All(ctx)
	if err != nil {
		return nil, err
	}
	already := map[int]bool{}
	for _, e := range enrolled {
		already[e.PersonID] = true
	}
	for i, p := range list.Persons {
		if p != nil && already[p.ID] {
			failRow(rowOf(i), "idNumber", "already enrolled in this class")
		}
	}
	return list, nil
}

// rosterColumns are a roster sheet's columns and the headers they go by.
var rosterColumns = map[string][]string{
	"name":     persons.NameColumns["name"],
	"idNumber": persons.NameColumns["idNumber"],
	"phone":    {"phone", "mobile", "手机号", "手机号码", "联系电话", "电话"},
	// R4, in entrepreneurship classes.
	"entrepreneurshipBasis": {"entrepreneurship_basis", "创业培训对象", "人员类别", "对象类别"},
	"businessOpenedOn":      {"business_opened_on", "营业执照日期", "营业执照登记日期", "开业日期"},
}

// ReadRoster reads a class's roster from a spreadsheet (CSV or XLSX, the
// headers 姓名, 身份证号 and optionally 手机号) and checks every row as
// Enroll would, without writing: the phone keeps the good rows and shows the
// bad ones for correction instead of losing the whole list.
func (s *Service) ReadRoster(ctx context.Context, classID int, file io.Reader) (*persons.Roster, error) {
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
	roster := &persons.Roster{Rows: []*persons.RosterRow{}, Errors: report.Errors}
	if table == nil {
		return roster, nil
	}
	var people []*Person
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
		people = append(people, p)
		roster.Rows = append(roster.Rows, &persons.RosterRow{Row: row})
		return nil
	}); err != nil {
		return nil, err
	}
	if len(people) > MaxRows {
		return nil, fault.Input("file", "at most 2000 persons per list")
	}
	if _, err := s.check(ctx, class, people, func(i int) int { return roster.Rows[i].Row }, cellErrs.Fail); err != nil {
		return nil, err
	}
	for i, p := range people {
		r := roster.Rows[i]
		r.Name, r.IDNumber, r.Phone = p.Name, p.IDNumber, p.Phone
		r.BusinessOpenedOn = p.BusinessOpenedOn
		if p.EntrepreneurshipBasis != "" {
			b := enrollment.EntrepreneurshipBasis(p.EntrepreneurshipBasis)
			r.EntrepreneurshipBasis = &b
		}
	}
	roster.Attach(cellErrs)
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
// attendance video captured on the opening day (China time), or for an
// online class an accepted learning record from its platform; an accepted
// supervision recording.
func (s *Service) EvidenceDue(ctx context.Context, c *ent.TrainingClass) ([]evidence.Kind, error) {
	start := c.PlannedStart.In(workday.China)
	day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, workday.China)
	due := []evidence.Kind{}
	opening := s.db(ctx).Evidence.Query().Where(evidence.ClassID(c.ID), evidence.KindEQ(evidence.KindATTENDANCE_VIDEO),
		evidence.DecisionEQ(evidence.DecisionACCEPTED), evidence.CapturedAtGTE(day), evidence.CapturedAtLT(day.AddDate(0, 0, 1)))
	openingKind := evidence.KindATTENDANCE_VIDEO
	if c.Mode == trainingclass.ModeONLINE {
		openingKind = evidence.KindLEARNING_RECORD
		opening = s.db(ctx).Evidence.Query().Where(evidence.ClassID(c.ID), evidence.KindEQ(openingKind),
			evidence.DecisionEQ(evidence.DecisionACCEPTED))
	}
	video, err := opening.Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !video {
		due = append(due, openingKind)
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
	return evidence.And(func(s *sql.Selector) { s.Where(sql.ExprP(schema.Rejected)) }, // the partial index's own predicate
		evidence.Not(evidence.HasReplacementsWith(evidence.StatusEQ(evidence.StatusVERIFIED))))
}

// RejectedByClass counts, in one query, the unreplaced rejections of every
// class the viewer may see that has some (of the given classes, when named:
// a page of a list).
func (s *Service) RejectedByClass(ctx context.Context, classes ...int) (map[int]int, error) {
	var rows []struct {
		ClassID int `json:"class_id"`
		Count   int `json:"count"`
	}
	q := s.db(ctx).Evidence.Query().Where(unreplacedRejections())
	if len(classes) > 0 {
		q = q.Where(evidence.ClassIDIn(classes...))
	}
	if err := q.GroupBy(evidence.FieldClassID).
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
