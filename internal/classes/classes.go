// Package classes runs what happens to a class's trainees: all-or-nothing
// enrolment matched to already registered persons by the keyed hash of the
// ID number, opening-day attendance (which feeds R10's effective headcount
// through the class hook), and R11's test of remote supervision. Its calls
// run in the request transaction.
package classes

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/enrollment"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/person"
	"github.com/hnvt/bairi/ent/predicate"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// Service enrols trainees and records attendance.
type Service struct {
	Client *ent.Client
	PII    *pii.Cipher
}

// db returns the request transaction's client when there is one.
func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

// Person is one row of an enrolment list.
type Person struct {
	Name     string
	IDNumber string
	Phone    *string
}

// rowError is one row of an all-or-nothing list that failed.
type rowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`

	format string
	args   []any
}

// rowErr is a failed row, its message said again in the reader's language.
func rowErr(row int, field, format string, args ...any) rowError {
	return rowError{Row: row, Field: field, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// rowErrors is the row-by-row report of a refused list (extensions.rows).
type rowErrors []rowError

// Localize says every row's message in the request's language.
func (rs rowErrors) Localize(ctx context.Context) any {
	out := make([]rowError, len(rs))
	for i, r := range rs {
		out[i] = r
		out[i].Message = fault.Translate(ctx, r.Message, r.format, r.args)
	}
	return out
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
	if len(persons) > 2000 {
		return nil, fault.Input("persons", "at most 2000 persons per list")
	}
	var rows rowErrors
	seen := map[string]int{}
	hashes := make([]string, len(persons))
	for i, p := range persons {
		row := i + 1
		p.Name = strings.TrimSpace(p.Name)
		if p.Name == "" || len([]rune(p.Name)) > 64 {
			rows = append(rows, rowErr(row, "name", "a name of 1 to 64 characters is required"))
		}
		id, err := idcheck.ResidentID(p.IDNumber)
		if err != nil {
			rows = append(rows, rowErr(row, "idNumber", "%s %s", fault.IDField(err), fault.IDReason(err)))
		} else {
			p.IDNumber = id
			if first, dup := seen[id]; dup {
				rows = append(rows, rowErr(row, "idNumber", "the same ID number as row %d", first))
			}
			seen[id] = row
			hashes[i] = s.PII.Hash(id)
		}
		if p.Phone != nil && *p.Phone != "" && !idcheck.Phone(*p.Phone) {
			rows = append(rows, rowErr(row, "phone", "not a phone number"))
		}
	}
	// Find persons already registered (by the keyed hash of the ID number).
	existing := map[string]*ent.Person{}
	if len(rows) == 0 {
		found, err := client.Person.Query().Where(person.IDHashIn(hashes...)).
			All(viewer.WithPurpose(ctx, viewer.PurposeEnroll))
		if err != nil {
			return nil, err
		}
		ids := make([]int, 0, len(found))
		for _, p := range found {
			existing[p.IDHash] = p
			ids = append(ids, p.ID)
		}
		enrolled, err := client.Enrollment.Query().Where(enrollment.ClassID(classID), enrollment.PersonIDIn(ids...)).All(ctx)
		if err != nil {
			return nil, err
		}
		already := map[int]bool{}
		for _, e := range enrolled {
			already[e.PersonID] = true
		}
		for i, h := range hashes {
			if p, ok := existing[h]; ok && already[p.ID] {
				rows = append(rows, rowErr(i+1, "idNumber", "already enrolled in this class"))
			}
		}
	}
	if len(rows) > 0 {
		return nil, fault.WithDetails(fault.Input("", "%d of %d rows are invalid: nothing was enrolled", len(rows), len(persons)),
			map[string]any{"rows": rows})
	}
	out := make([]*ent.Enrollment, 0, len(persons))
	for i, p := range persons {
		pid := 0
		if found, ok := existing[hashes[i]]; ok {
			pid = found.ID
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
		e, err := client.Enrollment.Create().SetClassID(classID).SetPersonID(pid).Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		out = append(out, e)
	}
	return out, nil
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
