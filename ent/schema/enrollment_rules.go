package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/eligibility"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// enrollmentEligibilityHook is R4 (internal/eligibility): an enrolment in an
// entrepreneurship class records its basis, an owner's business opened
// within the last 5 years; other classes record none.
func enrollmentEligibilityHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EnrollmentFunc(func(ctx context.Context, m *gen.EnrollmentMutation) (ent.Value, error) {
			cid, _ := m.ClassID()
			class, err := m.Client().TrainingClass.Get(ctx, cid)
			if err != nil {
				return nil, err
			}
			basis := ""
			if b, ok := m.EntrepreneurshipBasis(); ok {
				basis = string(b)
			}
			var opened *workday.Date
			if t, ok := m.BusinessOpenedOn(); ok {
				d := workday.DateOf(t, nil)
				opened = &d
			}
			var refused error
			eligibility.Entrepreneurship(string(class.Category), basis, opened, workday.DateOf(m.Clock.Now(), nil),
				func(field, format string, args ...any) {
					if refused == nil {
						refused = fault.Input(field, format, args...)
					}
				})
			if refused != nil {
				return nil, refused
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

func enrollmentPolicy() ent.Policy {
	classIn := func(p entql.P) entql.P { return entql.HasEdgeWith("class", p) }
	return privacy.Policy{
		Query: scopedRead(scope{
			region:  func(v *viewer.Viewer) entql.P { return classIn(inRegionSubtree(v)) },
			staff:   func(v *viewer.Viewer) entql.P { return classIn(classOfOrg(v)) },
			trainee: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("person_id", v.PersonID) }}),
		Mutation: privacy.MutationPolicy{
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
							return outOfScope()
						}
						return err
					}
					// The person too must be one the viewer may read, unless the
					// enrolment matched them by ID number and name
					// (viewer.PurposeEnroll, classes.Enroll): a person of
					// another region who trains here.
					pid, _ := m.PersonID()
					if err := requirePersonReadable(ctx, m.Client(), pid); err != nil {
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
