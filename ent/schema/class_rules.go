package schema

import (
	"context"
	"math"
	"slices"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"

	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/organization"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// classTransitions are the legal status changes of a training class.
var classTransitions = map[trainingclass.Status][]trainingclass.Status{
	trainingclass.StatusDRAFT:       {trainingclass.StatusSUBMITTED, trainingclass.StatusCANCELLED},
	trainingclass.StatusSUBMITTED:   {trainingclass.StatusAPPROVED, trainingclass.StatusREJECTED, trainingclass.StatusCANCELLED},
	trainingclass.StatusREJECTED:    {trainingclass.StatusSUBMITTED, trainingclass.StatusCANCELLED},
	trainingclass.StatusAPPROVED:    {trainingclass.StatusIN_PROGRESS, trainingclass.StatusCANCELLED},
	trainingclass.StatusIN_PROGRESS: {trainingclass.StatusCOMPLETED},
}

// editableStatuses are those in which the plan of a class may still change.
var editableStatuses = []trainingclass.Status{trainingclass.StatusDRAFT, trainingclass.StatusREJECTED}

// classRegionHook copies the organisation's region onto a new class and
// starts it as a draft whose effective headcount is the approved one.
func classRegionHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TrainingClassFunc(func(ctx context.Context, m *gen.TrainingClassMutation) (ent.Value, error) {
			oid, _ := m.OrganizationID()
			org, err := m.Client().Organization.Get(ctx, oid)
			if err != nil {
				if gen.IsNotFound(err) {
					return nil, fault.Input("organizationID", "no such organisation")
				}
				return nil, err
			}
			m.SetRegionID(org.RegionID)
			m.SetStatus(trainingclass.StatusDRAFT)
			if n, ok := m.ApprovedHeadcount(); ok {
				m.SetEffectiveHeadcount(n)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// classDatesHook refuses a class that ends before it starts.
func classDatesHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TrainingClassFunc(func(ctx context.Context, m *gen.TrainingClassMutation) (ent.Value, error) {
			start, okS := m.PlannedStart()
			end, okE := m.PlannedEnd()
			if !okS && !okE {
				return next.Mutate(ctx, m)
			}
			if m.Op().Is(ent.OpUpdateOne) {
				if !okS {
					start, _ = m.OldPlannedStart(ctx)
				}
				if !okE {
					end, _ = m.OldPlannedEnd(ctx)
				}
			}
			if end.Before(start) {
				return nil, fault.Input("plannedEnd", "a class must end on or after its start")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// classTransitionHook keeps the class state machine honest: only legal
// transitions, a reason for a rejection, no change of plan once submitted,
// and the R10 effective headcount when attendance is recorded.
func classTransitionHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TrainingClassFunc(func(ctx context.Context, m *gen.TrainingClassMutation) (ent.Value, error) {
			if m.Op().Is(ent.OpUpdate) {
				if _, ok := m.Status(); ok {
					return nil, fault.New(fault.BadUserInput, "class status changes one class at a time")
				}
				return next.Mutate(ctx, m)
			}
			old, err := m.OldStatus(ctx)
			if err != nil {
				return nil, err
			}
			planChanged := false
			for _, f := range []string{trainingclass.FieldCategory, trainingclass.FieldOccupation, trainingclass.FieldLevel,
				trainingclass.FieldApprovedHeadcount, trainingclass.FieldPlannedStart, trainingclass.FieldPlannedEnd,
				trainingclass.FieldVenueAddress, trainingclass.FieldVenueLatitude, trainingclass.FieldVenueLongitude} {
				if _, ok := m.Field(f); ok {
					planChanged = true
				}
			}
			if planChanged && !slices.Contains(editableStatuses, old) {
				return nil, fault.New(fault.Conflict, "the plan of a %s class can no longer change", old)
			}
			if to, ok := m.Status(); ok && to != old {
				if !slices.Contains(classTransitions[old], to) {
					return nil, fault.New(fault.Conflict, "a %s class cannot become %s", old, to)
				}
				if to == trainingclass.StatusREJECTED {
					if r, _ := m.RejectReason(); r == "" {
						return nil, fault.Input("reason", "a rejection needs a reason")
					}
				}
				m.SetStatusChangedAt(time.Now())
			}
			if present, ok := m.PresentCount(); ok {
				if old != trainingclass.StatusAPPROVED && old != trainingclass.StatusIN_PROGRESS {
					return nil, fault.New(fault.Conflict, "opening-day attendance is recorded for approved or started classes, not a %s one", old)
				}
				approved, err := m.OldApprovedHeadcount(ctx)
				if err != nil {
					return nil, err
				}
				m.SetEffectiveHeadcount(min(present, approved))
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpUpdateOne|ent.OpUpdate)
}

// classOfOrg is "the class belongs to the viewer's organisation".
func classOfOrg(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) }

func trainingClassPolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedQuery(scope{region: inRegionSubtree, staff: classOfOrg,
			trainee: func(v *viewer.Viewer) entql.P {
				return entql.HasEdgeWith("enrollments", entql.FieldEQ("person_id", v.PersonID))
			}}),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne),
			genprivacy.TrainingClassMutationRuleFunc(func(ctx context.Context, m *gen.TrainingClassMutation) error {
				v := viewer.FromContext(ctx)
				switch {
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					if m.Op().Is(ent.OpCreate) {
						if oid, _ := m.OrganizationID(); oid != v.OrgID {
							return privacy.Denyf("staff open classes for their own organisation only")
						}
						return privacy.Allow
					}
					if to, ok := m.Status(); ok && (to == trainingclass.StatusAPPROVED || to == trainingclass.StatusREJECTED) {
						return privacy.Denyf("only officials approve or reject classes")
					}
					m.Filter().Where(classOfOrg(v))
					return privacy.Allow
				case v.Role == viewer.RegionOfficial:
					if m.Op().Is(ent.OpCreate) {
						oid, _ := m.OrganizationID()
						ok, err := m.Client().Organization.Query().Where(organization.ID(oid),
							organization.HasRegionWith(region.PathHasPrefix(v.RegionPath))).Exist(ctx)
						if err != nil {
							return err
						}
						if !ok {
							return privacy.Denyf("organisation outside the viewer's subtree")
						}
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

func enrollmentPolicy() ent.Policy {
	classIn := func(p entql.P) entql.P { return entql.HasEdgeWith("class", p) }
	return privacy.Policy{
		Query: scopedQuery(scope{
			region:  func(v *viewer.Viewer) entql.P { return classIn(inRegionSubtree(v)) },
			staff:   func(v *viewer.Viewer) entql.P { return classIn(classOfOrg(v)) },
			trainee: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("person_id", v.PersonID) }}),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne),
			genprivacy.EnrollmentMutationRuleFunc(func(ctx context.Context, m *gen.EnrollmentMutation) error {
				v := viewer.FromContext(ctx)
				var scope entql.P
				switch {
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					scope = classOfOrg(v)
				case v.Role == viewer.RegionOfficial:
					scope = inRegionSubtree(v)
				default:
					return privacy.Skip
				}
				if m.Op().Is(ent.OpCreate) {
					cid, _ := m.ClassID()
					// The class must be one the viewer may manage: staff see only their
					// organisation's classes, officials only their subtree's.
					if _, err := m.Client().TrainingClass.Get(ctx, cid); err != nil {
						if gen.IsNotFound(err) {
							return privacy.Denyf("class outside the viewer's scope")
						}
						return err
					}
					return privacy.Allow
				}
				m.Filter().Where(entql.HasEdgeWith("class", scope))
				return privacy.Allow
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}

// evidenceOfOrg is "the evidence belongs to a class of the viewer's organisation".
func evidenceOfOrg(v *viewer.Viewer) entql.P { return entql.HasEdgeWith("class", classOfOrg(v)) }

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
				switch {
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0 && !reviewing:
					if m.Op().Is(ent.OpCreate) {
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
				case (v.Role == viewer.Inspector || v.Role == viewer.RegionOfficial) && !m.Op().Is(ent.OpCreate):
					for _, f := range m.Fields() {
						if !slices.Contains(reviewFields, f) && f != evidence.FieldUpdatedAt && f != evidence.FieldUpdatedBy {
							return privacy.Denyf("reviewers change only the review of evidence")
						}
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

// reviewerScoped lets the admin, and inspectors and officials in their
// subtree, read and write region-scoped supervision records.
func reviewerScoped(staffRead bool) ent.Policy {
	sc := scope{region: inRegionSubtree}
	if staffRead {
		sc.staff = func(v *viewer.Viewer) entql.P { return entql.HasEdgeWith("class", classOfOrg(v)) }
	}
	return privacy.Policy{
		Query: scopedQuery(sc),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			privacy.OnMutationOperation(privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.Inspector && v.Role != viewer.RegionOfficial {
					return privacy.Skip
				}
				{
					rid, ok := m.Field("region_id")
					if !ok {
						return privacy.Denyf("no region")
					}
					path, err := regionPath(ctx, m.(interface{ Client() *gen.Client }).Client(), rid.(int))
					if err != nil {
						return err
					}
					if !v.InSubtree(path) {
						return privacy.Denyf("region outside the viewer's subtree")
					}
					return privacy.Allow
				}
			}), ent.OpCreate),
			privacy.OnMutationOperation(filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.Inspector || v.Role == viewer.RegionOfficial {
					return inRegionSubtree(v)
				}
				return nil
			}), ent.OpUpdateOne),
			privacy.AlwaysDenyRule(),
		},
	}
}

func onSiteCheckPolicy() ent.Policy      { return reviewerScoped(true) }
func inspectionSamplePolicy() ent.Policy { return reviewerScoped(false) }

// evidenceCreateHook ties new evidence to its class's region and refuses
// evidence for classes that are not approved, or files out of bounds.
func evidenceCreateHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EvidenceFunc(func(ctx context.Context, m *gen.EvidenceMutation) (ent.Value, error) {
			cid, _ := m.ClassID()
			c, err := m.Client().TrainingClass.Get(ctx, cid)
			if err != nil {
				if gen.IsNotFound(err) {
					return nil, fault.Input("classID", "no such class")
				}
				return nil, err
			}
			switch c.Status {
			case trainingclass.StatusAPPROVED, trainingclass.StatusIN_PROGRESS, trainingclass.StatusCOMPLETED:
			default:
				return nil, fault.New(fault.Conflict, "evidence is recorded for approved classes; this class is %s", c.Status)
			}
			m.SetRegionID(c.RegionID)
			if ct, _ := m.ContentType(); !slices.Contains(EvidenceContentTypes, ct) {
				return nil, fault.Input("contentType", "content type %q is not accepted (use MP4, QuickTime or WebM video, JPEG or PNG, or PDF)", ct)
			}
			maxBytes := m.Settings.OrDefault().MaxEvidenceBytes
			if size, _ := m.Size(); size > maxBytes {
				return nil, fault.Input("size", "the file is larger than the limit of %d MiB", maxBytes>>20)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// evidenceVerifyHook allows only UPLOADING -> VERIFIED or FAILED and raises
// the inspector's flags when evidence is verified.
func evidenceVerifyHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EvidenceFunc(func(ctx context.Context, m *gen.EvidenceMutation) (ent.Value, error) {
			to, ok := m.Status()
			if !ok {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			e, err := m.Client().Evidence.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if e.Status != evidence.StatusUPLOADING || to == evidence.StatusUPLOADING {
				return nil, fault.New(fault.Conflict, "evidence that is %s cannot become %s", e.Status, to)
			}
			if to == evidence.StatusVERIFIED {
				flags, err := evidenceFlags(ctx, m.Client(), e, m.Settings.OrDefault().VenueRadiusKM)
				if err != nil {
					return nil, err
				}
				m.SetFlags(flags)
				m.SetFlagged(len(flags) > 0)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpUpdateOne)
}

// china is China Standard Time, in which class dates are planned.
var china = workday.China

// evidenceFlags computes DUPLICATE_CONTENT, OUT_OF_SCHEDULE and OUT_OF_PLACE.
func evidenceFlags(ctx context.Context, c *gen.Client, e *gen.Evidence, radiusKM float64) ([]string, error) {
	flags := []string{}
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
	if e.Latitude != nil && e.Longitude != nil &&
		DistanceKM(*e.Latitude, *e.Longitude, class.VenueLatitude, class.VenueLongitude) > radiusKM {
		flags = append(flags, "OUT_OF_PLACE")
	}
	return flags, nil
}

// OutOfSchedule reports whether a capture falls outside the class's planned
// days (whole days in China time, from the start day to the end day).
func OutOfSchedule(captured, start, end time.Time) bool {
	day := func(t time.Time) time.Time {
		t = t.In(china)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, china)
	}
	first, last := day(start), day(end).AddDate(0, 0, 1)
	return captured.Before(first) || !captured.Before(last)
}

// DistanceKM is the great-circle distance between two points (haversine).
func DistanceKM(lat1, lon1, lat2, lon2 float64) float64 {
	const earthRadiusKM = 6371.0088
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKM * math.Asin(math.Min(1, math.Sqrt(a)))
}

// evidenceReviewHook records a reviewer's decision: only on verified
// evidence, a reason for a rejection, and an on-site check when asked for.
func evidenceReviewHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EvidenceFunc(func(ctx context.Context, m *gen.EvidenceMutation) (ent.Value, error) {
			d, ok := m.Decision()
			if !ok {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			e, err := m.Client().Evidence.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if e.Status != evidence.StatusVERIFIED {
				return nil, fault.New(fault.Conflict, "only verified evidence can be reviewed; this is %s", e.Status)
			}
			comment, _ := m.ReviewComment()
			if d == evidence.DecisionREJECTED && comment == "" {
				return nil, fault.Input("comment", "a rejection needs a reason")
			}
			if v := viewer.FromContext(ctx); v != nil {
				m.SetReviewedBy(v.UserID)
			}
			m.SetReviewedAt(time.Now())
			val, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if d == evidence.DecisionREJECTED {
				if err := markForRecovery(ctx, m.Client(), e.ClassID, "evidence rejected: "+comment); err != nil {
					return nil, err
				}
			}
			if d == evidence.DecisionON_SITE_REQUIRED {
				err := m.Client().OnSiteCheck.Create().SetClassID(e.ClassID).SetEvidenceID(e.ID).
					SetRegionID(e.RegionID).SetReason(comment).Exec(ctx)
				if err != nil {
					return nil, err
				}
			}
			return val, nil
		})
	}, ent.OpUpdateOne)
}
