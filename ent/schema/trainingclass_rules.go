package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
)

// classRegionHook copies the organisation's region onto a new class and
// starts it in the initial state of the class machine.
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
			m.SetStatus(trainingclass.Status(lifecycle.Class.Initial()))
			m.SetStatusChangedAt(m.Clock.Now())
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// EffectiveHeadcount is R10: when fewer trainees are present on the opening
// day than were approved, the number present is the class's headcount;
// before attendance is recorded (present nil) it is the approved number.
func EffectiveHeadcount(approved int, present *int) int {
	if present != nil && *present < approved {
		return *present
	}
	return approved
}

// classHeadcountHook keeps the effective headcount (R10) whenever what it
// depends on changes: on creation, on an edit of the approved headcount and
// when opening-day attendance is recorded.
func classHeadcountHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TrainingClassFunc(func(ctx context.Context, m *gen.TrainingClassMutation) (ent.Value, error) {
			approved, okA := m.ApprovedHeadcount()
			present, okP := m.PresentCount()
			if !okA && !okP {
				return next.Mutate(ctx, m)
			}
			var err error
			if !okA {
				if approved, err = m.OldApprovedHeadcount(ctx); err != nil {
					return nil, err
				}
			}
			var p *int
			switch {
			case okP:
				p = &present
			case m.Op().Is(ent.OpUpdateOne):
				if p, err = m.OldPresentCount(ctx); err != nil {
					return nil, err
				}
			}
			m.SetEffectiveHeadcount(EffectiveHeadcount(approved, p))
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
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

// classModeHook keeps a class's mode and venue together: an in-person
// class has its venue's address and location; an online class (R4's
// 网上创业培训, entrepreneurship classes only) has none.
func classModeHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TrainingClassFunc(func(ctx context.Context, m *gen.TrainingClassMutation) (ent.Value, error) {
			update := m.Op().Is(ent.OpUpdateOne)
			if update && !touchesMode(m) { // a status change, an attendance: nothing to check, nothing to read
				return next.Mutate(ctx, m)
			}
			var old *gen.TrainingClass
			if update {
				id, _ := m.ID()
				var err error
				if old, err = m.Client().TrainingClass.Get(ctx, id); err != nil {
					return nil, err
				}
			}
			mode, ok := m.Mode()
			if !ok {
				mode = trainingclass.DefaultMode
				if old != nil {
					mode = old.Mode
				}
			}
			category, ok := m.Category()
			if !ok && old != nil {
				category = old.Category
			}
			// What the class's venue is once the mutation is applied.
			set := func(f string, cleared bool, oldSet bool) bool {
				if _, ok := m.Field(f); ok {
					return true
				}
				return !cleared && oldSet
			}
			has := []bool{
				set(trainingclass.FieldVenueAddress, m.VenueAddressCleared(), old != nil && old.VenueAddress != nil),
				set(trainingclass.FieldVenueLatitude, m.VenueLatitudeCleared(), old != nil && old.VenueLatitude != nil),
				set(trainingclass.FieldVenueLongitude, m.VenueLongitudeCleared(), old != nil && old.VenueLongitude != nil),
			}
			switch mode {
			case trainingclass.ModeONLINE:
				if category != trainingclass.CategoryENTREPRENEURSHIP {
					return nil, fault.Input("mode", "online training (网上创业培训) is for entrepreneurship classes")
				}
				for _, f := range []string{trainingclass.FieldVenueAddress, trainingclass.FieldVenueLatitude, trainingclass.FieldVenueLongitude} {
					if _, ok := m.Field(f); ok {
						return nil, fault.Input("venueAddress", "an online class has no venue")
					}
				}
				if has[0] || has[1] || has[2] { // an in-person class turned online
					m.ClearVenueAddress()
					m.ClearVenueLatitude()
					m.ClearVenueLongitude()
				}
			default: // a class taught at a venue needs its address and location
				for i, f := range [][2]string{{"venueAddress", trainingclass.FieldVenueAddress},
					{"venueLatitude", trainingclass.FieldVenueLatitude}, {"venueLongitude", trainingclass.FieldVenueLongitude}} {
					if !has[i] {
						return nil, fault.Input(f[0], "%s is required", f[1])
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// touchesMode reports whether a class mutation sets or clears what
// classModeHook keeps together.
func touchesMode(m *gen.TrainingClassMutation) bool {
	if m.VenueAddressCleared() || m.VenueLatitudeCleared() || m.VenueLongitudeCleared() {
		return true
	}
	for _, f := range []string{trainingclass.FieldMode, trainingclass.FieldCategory, trainingclass.FieldVenueAddress,
		trainingclass.FieldVenueLatitude, trainingclass.FieldVenueLongitude} {
		if _, ok := m.Field(f); ok {
			return true
		}
	}
	return false
}

// classTransitionHook keeps the class state machine honest (its table is
// lifecycle.Class): only legal transitions, a reason for a rejection, no
// change of plan once submitted, attendance only once approved.
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
				trainingclass.FieldApprovedHeadcount, trainingclass.FieldProjectBased, trainingclass.FieldPlannedStart, trainingclass.FieldPlannedEnd,
				trainingclass.FieldMode, trainingclass.FieldVenueAddress, trainingclass.FieldVenueLatitude, trainingclass.FieldVenueLongitude} {
				if _, ok := m.Field(f); ok {
					planChanged = true
				}
			}
			if planChanged {
				if err := lifecycle.Class.Require("EDIT", string(old), "the plan of a %s class can no longer change", old); err != nil {
					return nil, err
				}
			}
			if to, ok := m.Status(); ok && to != old {
				if err := lifecycle.Class.Check(string(old), string(to)); err != nil {
					return nil, err
				}
				if to == trainingclass.StatusREJECTED {
					if r, _ := m.RejectReason(); r == "" {
						return nil, fault.Input("reason", "a rejection needs a reason")
					}
				}
				m.SetStatusChangedAt(m.Clock.Now())
			}
			if _, ok := m.PresentCount(); ok {
				if err := lifecycle.Class.Require("RECORD_ATTENDANCE", string(old),
					"opening-day attendance is recorded for approved or started classes, not a %s one", old); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpUpdateOne|ent.OpUpdate)
}

// classOfOrg is "the class belongs to the viewer's organisation".
func classOfOrg(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) }

func trainingClassPolicy() ent.Policy {
	return privacy.Policy{
		// Its own start (not the ViewerMixin): the public notice page reads classes without a viewer.
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposePublicity), denyIfNoViewer(), allowAdmin()}, scopedRead(scope{region: inRegionSubtree, staff: classOfOrg,
			trainee: func(v *viewer.Viewer) entql.P {
				return entql.HasEdgeWith("enrollments", entql.FieldEQ("person_id", v.PersonID))
			}})...),
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
					if to, ok := m.Status(); ok && !lifecycle.Class.MayReach(v.Role, string(to)) {
						return privacy.Denyf("only officials approve or reject classes")
					}
					m.Filter().Where(classOfOrg(v))
					return privacy.Allow
				case v.Role == viewer.RegionOfficial:
					if m.Op().Is(ent.OpCreate) {
						oid, _ := m.OrganizationID()
						if err := requireOrgInSubtree(ctx, m.Client(), v, oid); err != nil {
							return err
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
