package schema_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/onsitecheck"
	"github.com/hnvt/bairi/ent/prepayment"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/ruletest"
	"github.com/hnvt/bairi/internal/settings"
)

// maxEvidence is the evidence size limit injected into the client for these tests.
const maxEvidence = 2 << 20

// newEvidenceWorld is a world whose client limits evidence to maxEvidence bytes.
func newEvidenceWorld(t *testing.T) *ruletest.World {
	s := settings.Default()
	s.MaxEvidenceBytes = maxEvidence
	return ruletest.NewWorld(t, ent.Settings(s))
}

// TestEvidenceCreate: evidence is recorded by staff for approved, started or
// completed classes only, in the accepted content types, up to the size
// limit, and lands in its class's region.
func TestEvidenceCreate(t *testing.T) {
	t.Parallel()
	w := newEvidenceWorld(t)
	ctx := w.Ctx(ruletest.StaffZZ)
	type change = func(*ent.EvidenceCreate) *ent.EvidenceCreate
	contentType := func(ct string) change {
		return func(b *ent.EvidenceCreate) *ent.EvidenceCreate { return b.SetContentType(ct) }
	}
	size := func(n int64) change { return func(b *ent.EvidenceCreate) *ent.EvidenceCreate { return b.SetSize(n) } }
	cases := []struct {
		name   string
		status trainingclass.Status
		change change
		want   ruletest.Outcome
	}{
		{"for a draft class", trainingclass.StatusDRAFT, contentType("video/mp4"), ruletest.Conflict},
		{"for a submitted class", trainingclass.StatusSUBMITTED, contentType("video/mp4"), ruletest.Conflict},
		{"for a rejected class", trainingclass.StatusREJECTED, contentType("video/mp4"), ruletest.Conflict},
		{"for a cancelled class", trainingclass.StatusCANCELLED, contentType("video/mp4"), ruletest.Conflict},
		{"for an approved class", trainingclass.StatusAPPROVED, contentType("video/mp4"), ruletest.OK},
		{"for a started class", trainingclass.StatusIN_PROGRESS, contentType("video/mp4"), ruletest.OK},
		{"for a completed class", trainingclass.StatusCOMPLETED, contentType("video/mp4"), ruletest.OK},
		{"as QuickTime", trainingclass.StatusAPPROVED, contentType("video/quicktime"), ruletest.OK},
		{"as WebM", trainingclass.StatusAPPROVED, contentType("video/webm"), ruletest.OK},
		{"as JPEG", trainingclass.StatusAPPROVED, contentType("image/jpeg"), ruletest.OK},
		{"as PNG", trainingclass.StatusAPPROVED, contentType("image/png"), ruletest.OK},
		{"as PDF", trainingclass.StatusAPPROVED, contentType("application/pdf"), ruletest.OK},
		{"as AVI", trainingclass.StatusAPPROVED, contentType("video/x-msvideo"), ruletest.BadInput},
		{"as HTML", trainingclass.StatusAPPROVED, contentType("text/html"), ruletest.BadInput},
		{"with no content type", trainingclass.StatusAPPROVED, contentType(""), ruletest.BadInput},
		{"of exactly the size limit", trainingclass.StatusAPPROVED, size(maxEvidence), ruletest.OK},
		{"one byte over the size limit", trainingclass.StatusAPPROVED, size(maxEvidence + 1), ruletest.BadInput},
		{"of no bytes", trainingclass.StatusAPPROVED, size(0), ruletest.Invalid},
	}
	for _, c := range cases {
		t.Run("staff-zz records evidence "+c.name, func(t *testing.T) {
			t.Parallel()
			cl := w.Class(t, w.OrgZZ, c.status)
			e, err := c.change(w.NewEvidence(cl)).Save(ctx)
			ruletest.Expect(t, err, c.want)
			n, err := w.Client.Evidence.Query().Where(evidence.ClassID(cl.ID)).Count(ruletest.System())
			if want := map[bool]int{true: 1, false: 0}[c.want == ruletest.OK]; err != nil || n != want {
				t.Fatalf("class holds %d evidence (%v), want %d", n, err, want)
			}
			if e != nil && (e.RegionID != w.Zhengzhou.ID || e.Status != evidence.StatusUPLOADING) {
				t.Errorf("new evidence is %s in region %d, want UPLOADING in %d", e.Status, e.RegionID, w.Zhengzhou.ID)
			}
		})
	}
}

// TestEvidenceStatus: evidence goes from UPLOADING to VERIFYING (assembled)
// or FAILED (cancelled), from VERIFYING to VERIFIED or FAILED, and never on.
func TestEvidenceStatus(t *testing.T) {
	t.Parallel()
	w := newEvidenceWorld(t)
	ctx := w.Ctx(ruletest.StaffZZ)
	const uploading, verifying, verified, failed = evidence.StatusUPLOADING, evidence.StatusVERIFYING, evidence.StatusVERIFIED, evidence.StatusFAILED
	cases := []struct {
		from, to evidence.Status
		want     ruletest.Outcome
	}{
		{uploading, verifying, ruletest.OK},
		{uploading, failed, ruletest.OK},
		{uploading, verified, ruletest.Conflict},
		{uploading, uploading, ruletest.Conflict},
		{verifying, verified, ruletest.OK},
		{verifying, failed, ruletest.OK},
		{verifying, uploading, ruletest.Conflict},
		{verified, failed, ruletest.Conflict},
		{verified, uploading, ruletest.Conflict},
		{verified, verified, ruletest.Conflict},
		{failed, verified, ruletest.Conflict},
		{failed, uploading, ruletest.Conflict},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("staff-zz %s to %s", c.from, c.to), func(t *testing.T) {
			t.Parallel()
			e := ruletest.Save(t, ruletest.System(), w.NewEvidence(w.Class(t, w.OrgZZ, trainingclass.StatusAPPROVED)))
			for _, step := range pathTo(c.from) {
				e = ruletest.Save(t, ruletest.System(), e.Update().SetStatus(step))
			}
			ruletest.Expect(t, e.Update().SetStatus(c.to).Exec(ctx), c.want)
			want := c.from
			if c.want == ruletest.OK {
				want = c.to
			}
			if got := ruletest.Get(t, w.Client.Evidence.Get, e.ID).Status; got != want {
				t.Errorf("evidence is %s, want %s", got, want)
			}
		})
	}
}

// pathTo is the states new evidence passes through to reach status.
func pathTo(status evidence.Status) []evidence.Status {
	switch status {
	case evidence.StatusVERIFYING, evidence.StatusFAILED:
		return []evidence.Status{status}
	case evidence.StatusVERIFIED:
		return []evidence.Status{evidence.StatusVERIFYING, status}
	}
	return nil
}

// verify moves uploading evidence through VERIFYING to VERIFIED in ctx.
func verify(t *testing.T, ctx context.Context, e *ent.Evidence) *ent.Evidence {
	t.Helper()
	e = ruletest.Save(t, ctx, e.Update().SetStatus(evidence.StatusVERIFYING))
	return ruletest.Save(t, ctx, e.Update().SetStatus(evidence.StatusVERIFIED))
}

// TestEvidenceFlags: verifying evidence flags a file already verified for
// another class, a capture outside the class's days, and one farther than
// the venue radius (2 km by default).
func TestEvidenceFlags(t *testing.T) {
	t.Parallel()
	w := newEvidenceWorld(t)
	sys := ruletest.System()
	reused := ruletest.Save(t, sys, w.NewEvidence(w.Class(t, w.OrgLY, trainingclass.StatusAPPROVED)))
	verify(t, sys, reused)
	type change = func(*ent.EvidenceCreate) *ent.EvidenceCreate
	cases := []struct {
		name   string
		change change
		flags  string
	}{
		{"at the venue on a class day", func(b *ent.EvidenceCreate) *ent.EvidenceCreate { return b }, ""},
		{"the same file as another class's", func(b *ent.EvidenceCreate) *ent.EvidenceCreate { return b.SetSha256(reused.Sha256) },
			"DUPLICATE_CONTENT"},
		{"the evening before the first day", func(b *ent.EvidenceCreate) *ent.EvidenceCreate {
			return b.SetCapturedAt(ruletest.PlannedStart.Add(-12 * time.Hour))
		}, "OUT_OF_SCHEDULE"},
		{"in the evening of the last day", func(b *ent.EvidenceCreate) *ent.EvidenceCreate {
			return b.SetCapturedAt(ruletest.PlannedEnd.Add(5 * time.Hour))
		}, ""},
		{"the morning after the last day", func(b *ent.EvidenceCreate) *ent.EvidenceCreate {
			return b.SetCapturedAt(ruletest.PlannedEnd.Add(8 * time.Hour))
		}, "OUT_OF_SCHEDULE"},
		{"1 km from the venue", func(b *ent.EvidenceCreate) *ent.EvidenceCreate {
			return b.SetLatitude(ruletest.VenueLat + 0.009)
		}, ""},
		{"3 km from the venue", func(b *ent.EvidenceCreate) *ent.EvidenceCreate {
			return b.SetLatitude(ruletest.VenueLat + 0.027)
		}, "OUT_OF_PLACE"},
		{"reused, out of schedule and out of place", func(b *ent.EvidenceCreate) *ent.EvidenceCreate {
			return b.SetSha256(reused.Sha256).SetCapturedAt(ruletest.PlannedStart.AddDate(0, 1, 0)).SetLongitude(ruletest.VenueLon + 1)
		}, "DUPLICATE_CONTENT OUT_OF_SCHEDULE OUT_OF_PLACE"},
	}
	for _, c := range cases {
		t.Run("staff-zz verifies evidence captured "+c.name, func(t *testing.T) {
			t.Parallel()
			e := ruletest.Save(t, sys, c.change(w.NewEvidence(w.Class(t, w.OrgZZ, trainingclass.StatusAPPROVED))))
			e = verify(t, w.Ctx(ruletest.StaffZZ), e)
			if got := strings.Join(e.Flags, " "); got != c.flags || e.Flagged != (c.flags != "") {
				t.Errorf("flags %q (flagged %v), want %q", got, e.Flagged, c.flags)
			}
		})
	}
}

// TestEvidenceReview: inspectors and officials of the region review verified
// evidence and change nothing else; a rejection needs a reason and marks the
// class's prepayment for recovery; asking for an on-site check opens one.
func TestEvidenceReview(t *testing.T) {
	t.Parallel()
	w := newEvidenceWorld(t)
	sys := ruletest.System()
	// evidenceOf records evidence of a new approved class of an organisation, verified unless still uploading.
	evidenceOf := func(t *testing.T, o *ent.Organization, uploading bool) *ent.Evidence {
		e := ruletest.Save(t, sys, w.NewEvidence(w.Class(t, o, trainingclass.StatusAPPROVED)))
		if uploading {
			return e
		}
		return verify(t, sys, e)
	}
	type review = func(*ent.EvidenceUpdateOne) *ent.EvidenceUpdateOne
	decide := func(d evidence.Decision, comment string) review {
		return func(u *ent.EvidenceUpdateOne) *ent.EvidenceUpdateOne {
			return u.SetDecision(d).SetReviewComment(comment)
		}
	}
	accept := decide(evidence.DecisionACCEPTED, "")
	cases := []struct {
		name      string
		who       ruletest.Who
		org       *ent.Organization
		uploading bool // the evidence is not verified yet
		review    review
		want      ruletest.Outcome
	}{
		{"accepts Zhengzhou evidence", ruletest.InspectorZZ, w.OrgZZ, false, accept, ruletest.OK},
		{"accepts Zhengzhou evidence", ruletest.OfficialZZ, w.OrgZZ, false, accept, ruletest.OK},
		{"accepts Zhengzhou evidence", ruletest.Admin, w.OrgZZ, false, accept, ruletest.OK},
		{"accepts Zhengzhou evidence", ruletest.OfficialLY, w.OrgZZ, false, accept, ruletest.NotFound},
		{"accepts Luoyang evidence", ruletest.InspectorZZ, w.OrgLY, false, accept, ruletest.NotFound},
		{"accepts its own evidence", ruletest.StaffZZ, w.OrgZZ, false, accept, ruletest.Denied},
		{"accepts Zhengzhou evidence", ruletest.FinanceZZ, w.OrgZZ, false, accept, ruletest.Denied},
		{"accepts Zhengzhou evidence", ruletest.TraineeZZ, w.OrgZZ, false, accept, ruletest.Denied},
		{"accepts evidence still uploading", ruletest.InspectorZZ, w.OrgZZ, true, accept, ruletest.Conflict},
		{"rejects evidence without a reason", ruletest.InspectorZZ, w.OrgZZ, false, decide(evidence.DecisionREJECTED, ""), ruletest.BadInput},
		{"reviews and fails evidence", ruletest.InspectorZZ, w.OrgZZ, false, func(u *ent.EvidenceUpdateOne) *ent.EvidenceUpdateOne {
			return accept(u).SetStatus(evidence.StatusFAILED)
		}, ruletest.Denied},
		{"reviews and rewrites the failure reason", ruletest.InspectorZZ, w.OrgZZ, false, func(u *ent.EvidenceUpdateOne) *ent.EvidenceUpdateOne {
			return accept(u).SetFailureReason("看不清")
		}, ruletest.Denied},
		{"unflags evidence", ruletest.InspectorZZ, w.OrgZZ, false, func(u *ent.EvidenceUpdateOne) *ent.EvidenceUpdateOne {
			return u.SetFlagged(false)
		}, ruletest.Denied},
	}
	for _, c := range cases {
		t.Run(string(c.who)+" "+c.name, func(t *testing.T) {
			t.Parallel()
			e := evidenceOf(t, c.org, c.uploading)
			ruletest.Expect(t, c.review(e.Update()).Exec(w.Ctx(c.who)), c.want)
			got := ruletest.Get(t, w.Client.Evidence.Get, e.ID)
			if c.want != ruletest.OK {
				if got.Decision != nil || got.ReviewedBy != nil || got.Status != e.Status {
					t.Errorf("refused review left decision %v by %v, status %s", got.Decision, got.ReviewedBy, got.Status)
				}
				return
			}
			if got.Decision == nil || *got.Decision != evidence.DecisionACCEPTED || got.ReviewedBy == nil ||
				*got.ReviewedBy != w.Users[c.who].ID || got.ReviewedAt == nil {
				t.Errorf("review recorded as %v by %v at %v, want ACCEPTED by %d", got.Decision, got.ReviewedBy, got.ReviewedAt, w.Users[c.who].ID)
			}
		})
	}

	t.Run("inspector-zz rejects evidence of a prepaid class", func(t *testing.T) {
		t.Parallel()
		e := evidenceOf(t, w.OrgZZ, false)
		pre := ruletest.Save(t, sys, w.Client.Prepayment.Create().SetClassID(e.ClassID).SetRegionID(e.RegionID).SetAmountFen(1800000))
		err := e.Update().SetDecision(evidence.DecisionREJECTED).SetReviewComment("人数与报名不符").Exec(w.Ctx(ruletest.InspectorZZ))
		ruletest.Expect(t, err, ruletest.OK)
		got := ruletest.Get(t, w.Client.Prepayment.Get, pre.ID)
		if got.Status != prepayment.StatusTO_RECOVER || !strings.Contains(got.RecoveryReason, "人数与报名不符") || got.RecoverableFen != 1800000 {
			t.Errorf("prepayment is %s (%q, %d fen to recover), want TO_RECOVER with the reason and all 1800000 fen", got.Status, got.RecoveryReason, got.RecoverableFen)
		}
	})
	t.Run("inspector-zz asks for an on-site check", func(t *testing.T) {
		t.Parallel()
		e := evidenceOf(t, w.OrgZZ, false)
		err := e.Update().SetDecision(evidence.DecisionON_SITE_REQUIRED).SetReviewComment("画面中人数不足").Exec(w.Ctx(ruletest.InspectorZZ))
		ruletest.Expect(t, err, ruletest.OK)
		checks, err := w.Client.OnSiteCheck.Query().Where(onsitecheck.EvidenceID(e.ID)).All(sys)
		if err != nil || len(checks) != 1 || checks[0].ClassID != e.ClassID || checks[0].Status != onsitecheck.StatusOPEN ||
			checks[0].Reason != "画面中人数不足" || checks[0].RegionID != w.Zhengzhou.ID {
			t.Errorf("on-site checks %+v (%v), want one open for class %d", checks, err, e.ClassID)
		}
	})
}
