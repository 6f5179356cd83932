package graph

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/enrollment"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/person"
	"github.com/hnvt/bairi/ent/predicate"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// setClassStatus moves a class through its state machine (the hook refuses
// illegal transitions).
func setClassStatus(ctx context.Context, id int, to trainingclass.Status, reason string) (*ent.TrainingClass, error) {
	u := ent.FromContext(ctx).TrainingClass.UpdateOneID(id).SetStatus(to)
	if reason != "" {
		u.SetRejectReason(reason)
	}
	return u.Save(ctx)
}

var phonePattern = regexp.MustCompile(`^\+?[0-9 -]{5,20}$`)

// rowError is one row of an all-or-nothing list that failed.
type rowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// enrollPersons enrols a list of persons all-or-nothing: every row is checked
// first and, if any fails, the whole list is refused with a row-by-row report.
func (r *Resolver) enrollPersons(ctx context.Context, classID int, persons []*model.EnrollPersonInput) ([]*ent.Enrollment, error) {
	client := ent.FromContext(ctx)
	class, err := client.TrainingClass.Get(ctx, classID)
	if err != nil {
		return nil, err
	}
	if len(persons) == 0 {
		return nil, fault.Input("persons", "the list is empty")
	}
	if len(persons) > 2000 {
		return nil, fault.Input("persons", "at most 2000 persons per list")
	}
	var rows []rowError
	seen := map[string]int{}
	hashes := make([]string, len(persons))
	for i, p := range persons {
		row := i + 1
		p.Name = strings.TrimSpace(p.Name)
		if p.Name == "" || len([]rune(p.Name)) > 64 {
			rows = append(rows, rowError{row, "name", "a name of 1 to 64 characters is required"})
		}
		id, err := idcheck.ResidentID(p.IDNumber)
		if err != nil {
			rows = append(rows, rowError{row, "idNumber", err.Error()})
		} else {
			p.IDNumber = id
			if first, dup := seen[id]; dup {
				rows = append(rows, rowError{row, "idNumber", fmt.Sprintf("the same ID number as row %d", first)})
			}
			seen[id] = row
			hashes[i] = r.PII.Hash(id)
		}
		if p.Phone != nil && *p.Phone != "" && !phonePattern.MatchString(*p.Phone) {
			rows = append(rows, rowError{row, "phone", "not a phone number"})
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
				rows = append(rows, rowError{i + 1, "idNumber", "already enrolled in this class"})
			}
		}
	}
	if len(rows) > 0 {
		return nil, &fault.Error{Code: fault.BadUserInput, Message: fmt.Sprintf("%d of %d rows are invalid: nothing was enrolled", len(rows), len(persons)),
			Details: map[string]any{"rows": rows}}
	}
	out := make([]*ent.Enrollment, 0, len(persons))
	for i, p := range persons {
		pid := 0
		if found, ok := existing[hashes[i]]; ok {
			pid = found.ID
		} else {
			sealed, err := r.PII.Seal(p.IDNumber)
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

// recordOpeningAttendance marks who was present on the opening day; the
// class hook turns the count into the R10 effective headcount.
func (r *Resolver) recordOpeningAttendance(ctx context.Context, classID int, present []int) (*ent.TrainingClass, error) {
	client := ent.FromContext(ctx)
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

// remotelySupervised is R11: an accepted attendance video captured on the
// opening day and an accepted supervision recording.
func (r *Resolver) remotelySupervised(ctx context.Context, c *ent.TrainingClass) (bool, error) {
	start := c.PlannedStart.In(china)
	day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, china)
	video, err := r.db(ctx).Evidence.Query().Where(evidence.ClassID(c.ID), evidence.KindEQ(evidence.KindATTENDANCE_VIDEO),
		evidence.DecisionEQ(evidence.DecisionACCEPTED), evidence.CapturedAtGTE(day), evidence.CapturedAtLT(day.AddDate(0, 0, 1))).Exist(ctx)
	if err != nil || !video {
		return false, err
	}
	return r.db(ctx).Evidence.Query().Where(evidence.ClassID(c.ID), evidence.KindEQ(evidence.KindSUPERVISION_RECORDING),
		evidence.DecisionEQ(evidence.DecisionACCEPTED)).Exist(ctx)
}

// china is China Standard Time, in which dates are planned.
var china = workday.China

func regionPathPrefix(p string) predicate.Region { return region.PathHasPrefix(p) }
