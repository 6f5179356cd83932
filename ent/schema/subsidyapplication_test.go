package schema_test

import (
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/subsidystandard"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/ruletest"
	"github.com/hnvt/bairi/internal/workday"
)

// TestApplicationClocksReadTheInjectedClock: the R7 clocks start from the
// injected clock, across the 2020 National Day holiday (1-8 October, with
// Saturday 10 October a working day): a complex application accepted on
// Wednesday 30 September is due for review at the end of Monday 12 October
// (three working days, the day of acceptance not counted); it was to be
// accepted by the end of 30 September; a notice started that day runs three
// whole days and ends at 00:00 on 4 October, and the hand-over is due by the
// end of Friday 9 October.
func TestApplicationClocksReadTheInjectedClock(t *testing.T) {
	t.Parallel()
	clk := &clock.Clock{}
	w := ruletest.NewWorld(t, ent.Clock(clk))
	clk.Set(time.Date(2020, 9, 30, 10, 0, 0, 0, workday.China))
	staff, official := w.Ctx(ruletest.StaffZZ), w.Ctx(ruletest.OfficialZZ)

	ruletest.Save(t, w.Ctx(ruletest.Admin), w.Client.SubsidyStandard.Create().
		SetCategory(subsidystandard.CategoryENTERPRISE_EMPLOYEE).SetFenPerHead(120000))
	class := w.Class(t, w.OrgZZ, trainingclass.StatusCOMPLETED)
	w.Enroll(t, class, w.PersonZZ)
	ruletest.Save(t, ruletest.System(), w.NewCertificate(w.PersonZZ, w.OrgZZ).SetClassID(class.ID))

	app := ruletest.Save(t, staff, w.Client.SubsidyApplication.Create().SetOrganizationID(w.OrgZZ.ID).
		SetKind(subsidyapplication.KindCLASS_TRAINING).AddClassIDs(class.ID).SetMaterialsComplete(true))
	if app.SubmittedAt.Sub(clk.Now()).Abs() > time.Second {
		t.Errorf("submitted at %v, the clock reads %v", app.SubmittedAt, clk.Now())
	}
	endOf := func(d int) time.Time {
		return time.Date(2020, time.Month(9+d/100), d%100, 23, 59, 59, 999999999, workday.China)
	}
	if app.AcceptanceDueAt == nil || !app.AcceptanceDueAt.Equal(endOf(30)) {
		t.Errorf("acceptance due %v, want the end of the day of submission", app.AcceptanceDueAt)
	}
	// Complex is the reviewer's call, with a reason.
	ruletest.Expect(t, app.Update().SetState(subsidyapplication.StateACCEPTED).SetComplex(true).Exec(official), ruletest.BadInput)
	app = ruletest.Save(t, official, app.Update().SetState(subsidyapplication.StateACCEPTED).SetComplex(true).SetComplexReason("涉及三个工种，需核对证书"))
	wantReview := time.Date(2020, 10, 12, 23, 59, 59, 999999999, workday.China)
	if app.ReviewDueAt == nil || !app.ReviewDueAt.Equal(wantReview) {
		t.Fatalf("review due %v, want %v", app.ReviewDueAt, wantReview)
	}
	if got := deadline.OfApplication(app); len(got) != 2 {
		t.Fatalf("an accepted application runs the HR and review clocks, got %+v", got)
	}
	if deadline.AnyOverdue(deadline.OfApplication(app), clk.Now()) {
		t.Fatal("overdue on the day of acceptance")
	}
	app = ruletest.Save(t, official, app.Update().SetState(subsidyapplication.StateREVIEWED))
	if app.PublicityDueAt == nil || !app.PublicityDueAt.Equal(endOf(30)) {
		t.Errorf("publicity due %v, want the end of the day of the review", app.PublicityDueAt)
	}
	app = ruletest.Save(t, official, app.Update().SetState(subsidyapplication.StateIN_PUBLICITY))
	if want := time.Date(2020, 10, 4, 0, 0, 0, 0, workday.China); app.PublicityEndsAt == nil || !app.PublicityEndsAt.Equal(want) {
		t.Errorf("notice ends %v, want %v", app.PublicityEndsAt, want)
	}
	if app.HandoverDueAt == nil || !app.HandoverDueAt.Equal(endOf(109)) {
		t.Errorf("hand-over due %v, want the end of 9 October", app.HandoverDueAt)
	}

	toFinance := func() error {
		return app.Update().SetState(subsidyapplication.StateTRANSFERRED_TO_FINANCE).Exec(official)
	}
	clk.Set(app.PublicityEndsAt.Add(-time.Minute))
	ruletest.Expect(t, toFinance(), ruletest.Conflict)
	clk.Advance(2 * time.Minute)
	ruletest.Expect(t, toFinance(), ruletest.OK)
	got := ruletest.Get(t, w.Client.SubsidyApplication.Get, app.ID)
	if got.TransferredAt == nil || got.TransferredAt.Sub(clk.Now()).Abs() > time.Second {
		t.Errorf("transferred at %v, the clock reads %v", got.TransferredAt, clk.Now())
	}
}
