package schema

import (
	"context"
	"slices"
	"strings"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/geo"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// evidenceOfOrg is "the evidence belongs to a class of the viewer's organisation".
func evidenceOfOrg(v *viewer.Viewer) entql.P { return entql.HasEdgeWith("class", classOfOrg(v)) }

// uploadFields are the fields the upload steps set (internal/upload): a
// reviewer sets them only on their own photos of an on-site check.
var uploadFields = []string{evidence.FieldUploadID, evidence.FieldStatus, evidence.FieldVerifiedAt, evidence.FieldRetainUntil, evidence.FieldFailureReason, evidence.FieldCompletingUntil, evidence.FieldObjectVersion}

// reviewFields are the fields only a reviewer may set.
var reviewFields = []string{evidence.FieldDecision, evidence.FieldReviewComment, evidence.FieldReviewedBy, evidence.FieldReviewedAt}

func evidencePolicy() ent.Policy {
	return privacy.Policy{
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposeEvidenceCheck)},
			scopedQuery(scope{region: inRegionSubtree, staff: evidenceOfOrg})...),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			allowAdmin(),
			genprivacy.EvidenceMutationRuleFunc(func(ctx context.Context, m *gen.EvidenceMutation) error {
				v := viewer.FromContext(ctx)
				reviewing := false
				for _, f := range reviewFields {
					if _, ok := m.Field(f); ok {
						reviewing = true
					}
				}
				_, onSite := m.OnSiteCheckID()
				_, visit := m.EnterpriseVisitID()
				switch {
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0 && !reviewing:
					if m.Op().Is(ent.OpCreate) {
						if onSite || visit {
							return privacy.Denyf("only reviewers add photos of an on-site check, and officials those of their visits")
						}
						cid, _ := m.ClassID()
						c, err := m.Client().TrainingClass.Get(ctx, cid)
						if err != nil {
							if gen.IsNotFound(err) {
								return privacy.Denyf("class outside the viewer's organisation")
							}
							return err
						}
						if c.OrganizationID != v.OrgID {
							return privacy.Denyf("class outside the viewer's organisation")
						}
						return privacy.Allow
					}
					m.Filter().Where(evidenceOfOrg(v))
					return privacy.Allow
				case v.Role == viewer.RegionOfficial && m.Op().Is(ent.OpCreate) && visit && !reviewing:
					// A photo of an enterprise visit (R2), by the official who logged the visit.
					vid, _ := m.EnterpriseVisitID()
					ev, err := m.Client().EnterpriseVisit.Get(ctx, vid)
					if err != nil {
						if gen.IsNotFound(err) {
							return privacy.Denyf("enterprise visit outside the viewer's region")
						}
						return err
					}
					if ev.VisitorID != v.UserID {
						return privacy.Denyf("only the official who logged a visit adds its photos")
					}
					return privacy.Allow
				case (v.Role == viewer.Inspector || v.Role == viewer.RegionOfficial) && m.Op().Is(ent.OpCreate) && onSite && !reviewing:
					// A photo of an on-site check the reviewer may read (their region's), of that check's class.
					checkID, _ := m.OnSiteCheckID()
					check, err := m.Client().OnSiteCheck.Get(ctx, checkID)
					if err != nil {
						if gen.IsNotFound(err) {
							return privacy.Denyf("on-site check outside the viewer's region")
						}
						return err
					}
					if cid, _ := m.ClassID(); cid != check.ClassID {
						return privacy.Denyf("the photo's class is not the on-site check's")
					}
					return privacy.Allow
				case (v.Role == viewer.Inspector || v.Role == viewer.RegionOfficial) && !m.Op().Is(ent.OpCreate):
					uploading := false
					for _, f := range m.Fields() {
						switch {
						case slices.Contains(reviewFields, f) || f == evidence.FieldUpdatedAt || f == evidence.FieldUpdatedBy:
						case slices.Contains(uploadFields, f) && !reviewing:
							uploading = true
						default:
							return privacy.Denyf("reviewers change only the review of evidence")
						}
					}
					if uploading {
						// The upload steps of the reviewer's own photos of an on-site check.
						m.Filter().Where(entql.And(inRegionSubtree(v), entql.FieldEQ(evidence.FieldUploadedBy, v.UserID),
							entql.Or(entql.FieldNotNil(evidence.FieldOnSiteCheckID), entql.FieldNotNil(evidence.FieldEnterpriseVisitID))))
						return privacy.Allow
					}
					m.Filter().Where(inRegionSubtree(v))
					return privacy.Allow
				}
				return privacy.Skip
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}

// evidenceCreateHook ties new evidence to its class's region and refuses
// evidence for classes that are not approved, files out of bounds, and the
// kinds the class's mode has no use for (an online class's platform
// learning record stands for the opening-day video).
func evidenceCreateHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EvidenceFunc(func(ctx context.Context, m *gen.EvidenceMutation) (ent.Value, error) {
			if vid, ok := m.EnterpriseVisitID(); ok {
				if err := checkVisitPhoto(ctx, m, vid); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			}
			cid, _ := m.ClassID()
			c, err := m.Client().TrainingClass.Get(ctx, cid)
			if err != nil {
				if gen.IsNotFound(err) {
					return nil, fault.Input("classID", "no such class")
				}
				return nil, err
			}
			if err := lifecycle.Class.Require("RECORD_EVIDENCE", string(c.Status),
				"evidence is recorded for approved classes; this class is %s", c.Status); err != nil {
				return nil, err
			}
			m.SetRegionID(c.RegionID)
			if ct, _ := m.ContentType(); !slices.Contains(EvidenceContentTypes, ct) {
				return nil, fault.Input("contentType", "content type %q is not accepted (use MP4, QuickTime or WebM video, JPEG, PNG or HEIC photos, PDF, or an XLSX or CSV learning record)", ct)
			}
			switch kind, _ := m.Kind(); {
			case c.Mode == trainingclass.ModeONLINE && kind == evidence.KindATTENDANCE_VIDEO:
				return nil, fault.Input("kind", "an online class has no opening-day video: upload the platform's learning record")
			case c.Mode != trainingclass.ModeONLINE && kind == evidence.KindLEARNING_RECORD:
				return nil, fault.Input("kind", "a platform learning record is evidence of online classes")
			}
			maxBytes := m.Settings.OrDefault().MaxEvidenceBytes
			if size, _ := m.Size(); size > maxBytes {
				return nil, fault.Input("size", "the file is larger than the limit of %d MiB", maxBytes>>20)
			}
			if err := checkReplacement(ctx, m); err != nil {
				return nil, err
			}
			if err := checkOnSitePhoto(ctx, m); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// checkReplacement: new evidence that replaces another stands in for a
// failed upload or a rejected recording of the same class and kind
// (lifecycle.Replaceable), one not yet replaced by verified evidence.
func checkReplacement(ctx context.Context, m *gen.EvidenceMutation) error {
	rid, ok := m.ReplacesID()
	if !ok {
		return nil
	}
	old, err := m.Client().Evidence.Get(ctx, rid)
	if gen.IsNotFound(err) {
		return fault.Input("replacesID", "no such evidence to replace")
	}
	if err != nil {
		return err
	}
	cid, _ := m.ClassID()
	kind, _ := m.Kind()
	if old.ClassID != cid || old.Kind != kind {
		return fault.Input("replacesID", "a replacement is evidence of the same class and kind")
	}
	decision := ""
	if old.Decision != nil {
		decision = string(*old.Decision)
	}
	if !lifecycle.Replaceable(string(old.Status), decision) {
		return fault.New(fault.Conflict, "only a failed upload or rejected evidence is replaced")
	}
	done, err := m.Client().Evidence.Query().Where(evidence.ReplacesID(rid), evidence.StatusEQ(evidence.StatusVERIFIED)).Exist(ctx)
	if err != nil {
		return err
	}
	if done {
		return fault.New(fault.Conflict, "this evidence has already been replaced")
	}
	return nil
}

// checkVisitPhoto: a photo of an enterprise visit (R2) is a PHOTO, an image
// within the size limit, of no class, scoped by the visit's region.
func checkVisitPhoto(ctx context.Context, m *gen.EvidenceMutation, vid int) error {
	if _, ok := m.ClassID(); ok {
		return fault.Input("classID", "a photo of an enterprise visit belongs to no class")
	}
	if kind, _ := m.Kind(); kind != evidence.KindPHOTO {
		return fault.Input("kind", "an enterprise visit is documented with photos")
	}
	if ct, _ := m.ContentType(); !slices.Contains(EvidenceContentTypes, ct) || !strings.HasPrefix(ct, "image/") {
		return fault.Input("contentType", "a visit photo is a JPEG, PNG or HEIC image, not %q", ct)
	}
	maxBytes := m.Settings.OrDefault().MaxEvidenceBytes
	if size, _ := m.Size(); size > maxBytes {
		return fault.Input("size", "the file is larger than the limit of %d MiB", maxBytes>>20)
	}
	ev, err := m.Client().EnterpriseVisit.Get(ctx, vid)
	if gen.IsNotFound(err) {
		return fault.Input("enterpriseVisitID", "no such enterprise visit")
	}
	if err != nil {
		return err
	}
	m.SetRegionID(ev.RegionID)
	return nil
}

// checkOnSitePhoto: a photo of an on-site check is a PHOTO, taken while the check is open.
func checkOnSitePhoto(ctx context.Context, m *gen.EvidenceMutation) error {
	checkID, ok := m.OnSiteCheckID()
	if !ok {
		return nil
	}
	if kind, _ := m.Kind(); kind != evidence.KindPHOTO {
		return fault.Input("kind", "an on-site check is documented with photos")
	}
	check, err := m.Client().OnSiteCheck.Get(ctx, checkID)
	if gen.IsNotFound(err) {
		return fault.Input("onSiteCheckID", "no such on-site check")
	}
	if err != nil {
		return err
	}
	return lifecycle.OnSiteCheck.Require("RECORD_VISIT", string(check.Status),
		"photos are added while the on-site check is open; this one is %s", check.Status)
}

// evidenceUpdateHook keeps evidence honest on every change: its status
// machine (lifecycle.Evidence), with the inspector's flags raised when it is
// verified, and a reviewer's decision only on verified evidence, with a
// reason for a rejection (which also marks the class's prepayment for
// recovery) and an on-site check opened when one is asked for.
func evidenceUpdateHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EvidenceFunc(func(ctx context.Context, m *gen.EvidenceMutation) (ent.Value, error) {
			to, moving := m.Status()
			d, deciding := m.Decision()
			// The verified version is named once: by the verification, or by
			// the integrity job for evidence verified before versions were kept.
			if pinned, pinning := m.ObjectVersion(); m.ObjectVersionCleared() || (pinning && to != evidence.StatusVERIFIED) {
				old, err := m.OldObjectVersion(ctx)
				if err != nil {
					return nil, err
				}
				if m.ObjectVersionCleared() || (old != "" && old != pinned) {
					return nil, fault.New(fault.Conflict, "the verified version of evidence never changes")
				}
			}
			if !moving && !deciding {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			e, err := m.Client().Evidence.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if moving {
				if err := lifecycle.Evidence.Check(string(e.Status), string(to)); err != nil {
					return nil, err
				}
				if to == evidence.StatusVERIFIED {
					flags, err := evidenceFlags(ctx, m.Client(), e, m.Settings.OrDefault().VenueRadiusKM)
					if err != nil {
						return nil, err
					}
					m.SetFlags(flags)
					m.SetFlagged(len(flags) > 0)
				}
			}
			if !deciding {
				return next.Mutate(ctx, m)
			}
			return review(ctx, m, next, e, d)
		})
	}, ent.OpUpdateOne)
}

// evidenceFlags computes DUPLICATE_CONTENT, OUT_OF_SCHEDULE and OUT_OF_PLACE
// (an online class has no place to be out of)
// (TAMPERED is raised later, by the integrity job: internal/upload.Recheck).
func evidenceFlags(ctx context.Context, c *gen.Client, e *gen.Evidence, radiusKM float64) ([]string, error) {
	flags := []string{}
	if e.EnterpriseVisitID != nil { // a visit photo: nothing for the inspector
		return flags, nil
	}
	dup, err := c.Evidence.Query().Where(evidence.Sha256(e.Sha256), evidence.StatusEQ(evidence.StatusVERIFIED),
		evidence.ClassIDNEQ(e.ClassID)).Exist(viewer.WithPurpose(ctx, viewer.PurposeEvidenceCheck))
	if err != nil {
		return nil, err
	}
	if dup {
		flags = append(flags, "DUPLICATE_CONTENT")
	}
	class, err := c.TrainingClass.Get(ctx, e.ClassID)
	if err != nil {
		return nil, err
	}
	if OutOfSchedule(e.CapturedAt, class.PlannedStart, class.PlannedEnd) {
		flags = append(flags, "OUT_OF_SCHEDULE")
	}
	if e.Latitude != nil && e.Longitude != nil && class.VenueLatitude != nil && class.VenueLongitude != nil &&
		geo.DistanceKM(*e.Latitude, *e.Longitude, *class.VenueLatitude, *class.VenueLongitude) > radiusKM {
		flags = append(flags, "OUT_OF_PLACE")
	}
	return flags, nil
}

// OutOfSchedule reports whether a capture falls outside the class's planned
// days (whole days in China time, from the start day to the end day).
func OutOfSchedule(captured, start, end time.Time) bool {
	day := func(t time.Time) time.Time {
		t = t.In(workday.China)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, workday.China)
	}
	first, last := day(start), day(end).AddDate(0, 0, 1)
	return captured.Before(first) || !captured.Before(last)
}

// review records a reviewer's decision d on the evidence e.
func review(ctx context.Context, m *gen.EvidenceMutation, next ent.Mutator, e *gen.Evidence, d evidence.Decision) (ent.Value, error) {
	if e.EnterpriseVisitID != nil {
		return nil, fault.New(fault.Conflict, "photos of an enterprise visit are not reviewed")
	}
	if err := lifecycle.Evidence.Require("REVIEW", string(e.Status), "only verified evidence can be reviewed; this is %s", e.Status); err != nil {
		return nil, err
	}
	comment, _ := m.ReviewComment()
	if d == evidence.DecisionREJECTED && comment == "" {
		return nil, fault.Input("comment", "a rejection needs a reason")
	}
	if v := viewer.FromContext(ctx); v != nil {
		m.SetReviewedBy(v.UserID)
	}
	m.SetReviewedAt(m.Clock.Now())
	val, err := next.Mutate(ctx, m)
	if err != nil {
		return nil, err
	}
	switch d {
	case evidence.DecisionREJECTED:
		err = markForRecovery(ctx, m.Client(), e.ClassID, "evidence rejected: "+comment)
	case evidence.DecisionON_SITE_REQUIRED:
		err = m.Client().OnSiteCheck.Create().SetClassID(e.ClassID).SetEvidenceID(e.ID).
			SetRegionID(e.RegionID).SetReason(comment).Exec(ctx)
	}
	if err != nil {
		return nil, err
	}
	return val, nil
}
