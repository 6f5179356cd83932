package ruletest

import (
	"fmt"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/certno"
	"github.com/hnvt/bairi/internal/workday"
)

// The plan of the classes NewClass makes: ten days in September 2020 at a
// venue in Zhengzhou, 30 trainees approved.
var (
	// PlannedStart is the first day of the plan, 09:00 China time.
	PlannedStart = time.Date(2020, 9, 1, 9, 0, 0, 0, workday.China)
	// PlannedEnd is the last day of the plan, 17:00 China time.
	PlannedEnd = time.Date(2020, 9, 10, 17, 0, 0, 0, workday.China)
	// VenueLat is the latitude of the venue.
	VenueLat = 34.7466
	// VenueLon is the longitude of the venue.
	VenueLon = 113.6254
	// ApprovedHeadcount is the number of trainees approved.
	ApprovedHeadcount = 30
)

// NewClass returns an unsaved enterprise-employee class of an organisation,
// on the plan above.
func (w *World) NewClass(org *ent.Organization) *ent.TrainingClassCreate {
	return w.Client.TrainingClass.Create().SetOrganizationID(org.ID).
		SetCategory(trainingclass.CategoryENTERPRISE_EMPLOYEE).SetOccupation("电工").SetLevel(5).
		SetApprovedHeadcount(ApprovedHeadcount).SetPlannedStart(PlannedStart).SetPlannedEnd(PlannedEnd).
		SetVenueAddress("郑州市中原区建设路 1 号").SetVenueLatitude(VenueLat).SetVenueLongitude(VenueLon)
}

// classPaths are the legal ways from DRAFT to each status.
var classPaths = map[trainingclass.Status][]trainingclass.Status{
	trainingclass.StatusDRAFT:       nil,
	trainingclass.StatusSUBMITTED:   {trainingclass.StatusSUBMITTED},
	trainingclass.StatusREJECTED:    {trainingclass.StatusSUBMITTED, trainingclass.StatusREJECTED},
	trainingclass.StatusAPPROVED:    {trainingclass.StatusSUBMITTED, trainingclass.StatusAPPROVED},
	trainingclass.StatusIN_PROGRESS: {trainingclass.StatusSUBMITTED, trainingclass.StatusAPPROVED, trainingclass.StatusIN_PROGRESS},
	trainingclass.StatusCOMPLETED: {trainingclass.StatusSUBMITTED, trainingclass.StatusAPPROVED, trainingclass.StatusIN_PROGRESS,
		trainingclass.StatusCOMPLETED},
	trainingclass.StatusCANCELLED: {trainingclass.StatusCANCELLED},
}

// Class saves a class of an organisation (NewClass) as the system and moves
// it to a status through the legal transitions.
func (w *World) Class(t testing.TB, org *ent.Organization, status trainingclass.Status) *ent.TrainingClass {
	t.Helper()
	c := Save(t, System(), w.NewClass(org))
	for _, to := range classPaths[status] {
		u := c.Update().SetStatus(to)
		if to == trainingclass.StatusREJECTED {
			u.SetRejectReason("场地不符")
		}
		c = Save(t, System(), u)
	}
	return c
}

// Enroll saves an enrollment of a person in a class as the system.
func (w *World) Enroll(t testing.TB, c *ent.TrainingClass, p *ent.Person) *ent.Enrollment {
	t.Helper()
	return Save(t, System(), w.Client.Enrollment.Create().SetClassID(c.ID).SetPersonID(p.ID))
}

// NewEvidence returns an unsaved attendance video of a class: 1 MiB of MP4
// with a digest of its own, captured on the class's first day at its venue.
func (w *World) NewEvidence(c *ent.TrainingClass) *ent.EvidenceCreate {
	n := w.Seq()
	return w.Client.Evidence.Create().SetClassID(c.ID).SetKind("ATTENDANCE_VIDEO").
		SetFileName(fmt.Sprintf("video-%d.mp4", n)).SetObjectKey(fmt.Sprintf("evidence/class-%d/%d", c.ID, n)).
		SetSize(1 << 20).SetContentType("video/mp4").SetSha256(fmt.Sprintf("%064x", n)).
		SetPartSize(8 << 20).SetPartCount(1).SetCapturedAt(c.PlannedStart.Add(time.Hour)).
		SetNillableLatitude(c.VenueLatitude).SetNillableLongitude(c.VenueLongitude).SetUploadedBy(0)
}

// NewCertificate returns an unsaved, issued training qualification of a
// holder by an issuer, imported (so that no class is needed), with a number
// of its own.
func (w *World) NewCertificate(holder *ent.Person, issuer *ent.Organization) *ent.CertificateCreate {
	number, err := certno.Make("410100", 2020, w.Seq())
	if err != nil {
		panic(err)
	}
	return w.Client.Certificate.Create().SetNumber(number).SetKind(certificate.KindTRAINING_QUALIFICATION).
		SetOccupation("电工").SetIssuedAt(PlannedEnd).SetStatus(certificate.StatusISSUED).
		SetSource(certificate.SourceIMPORT).SetHolderID(holder.ID).SetIssuerID(issuer.ID)
}
