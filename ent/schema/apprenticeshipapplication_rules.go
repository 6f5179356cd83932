package schema

import (
	"context"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/apprenticeshipapplication"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/organization"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
)

// apprenticeshipApplicationHook: an enterprise applies (with a school of the
// right kind when it names one); the application is due for acceptance by
// the end of the working day it arrives (即时受理); it is accepted, approved or
// rejected (with a reason) whole, its number of apprentices unchanged.
func apprenticeshipApplicationHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.ApprenticeshipApplicationFunc(func(ctx context.Context, m *gen.ApprenticeshipApplicationMutation) (ent.Value, error) {
			c, now := m.Client(), m.Clock.Now()
			if m.Op().Is(ent.OpCreate) {
				oid, _ := m.OrganizationID()
				org, err := c.Organization.Get(ctx, oid)
				if gen.IsNotFound(err) {
					return nil, fault.Input("enterpriseID", "no such organisation")
				} else if err != nil {
					return nil, err
				}
				if org.Kind != organization.KindENTERPRISE {
					return nil, fault.Input("enterpriseID", "%s is not an enterprise", org.Name)
				}
				if sid, ok := m.SchoolID(); ok {
					school, err := c.Organization.Get(viewer.WithPurpose(ctx, viewer.PurposeContract), sid)
					if gen.IsNotFound(err) {
						return nil, fault.Input("schoolID", "no such organisation")
					} else if err != nil {
						return nil, err
					}
					if _, ok := ApprenticeshipSchoolKinds[string(school.Kind)]; !ok {
						return nil, fault.Input("schoolID", "%s is not a technician college, a senior technical school or a technical school", school.Name)
					}
				}
				cal, err := deadline.Calendar(ctx, c)
				if err != nil {
					return nil, err
				}
				m.SetRegionID(org.RegionID)
				m.SetOrganizationName(org.Name)
				m.SetState(apprenticeshipapplication.State(lifecycle.ApprenticeshipApplication.Initial()))
				m.SetSubmittedAt(now)
				m.SetAcceptanceDueAt(cal.DueAt(now, 0))
				return next.Mutate(ctx, m)
			}
			to, ok := m.State()
			if !ok {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			app, err := c.ApprenticeshipApplication.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if err := lifecycle.ApprenticeshipApplication.CheckBy(viewer.FromContext(ctx).Role, string(app.State), string(to)); err != nil {
				return nil, err
			}
			switch to {
			case apprenticeshipapplication.StateACCEPTED:
				m.SetAcceptedAt(now)
			case apprenticeshipapplication.StateREJECTED:
				if r, _ := m.RejectReason(); strings.TrimSpace(r) == "" {
					return nil, fault.Input("reason", "say why the application is rejected")
				}
				fallthrough
			case apprenticeshipapplication.StateAPPROVED:
				m.SetDecidedAt(now)
				m.SetDecidedBy(viewer.FromContext(ctx).UserID)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// apprenticeshipApplicationPolicy: an enterprise's staff apply for it and
// read its applications; the officials of its region (and above) read,
// accept, approve and reject them, and may apply for it.
func apprenticeshipApplicationPolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedRead(scope{
			region: inRegionSubtree,
			staff:  func(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) },
		}),
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(genprivacy.ApprenticeshipApplicationMutationRuleFunc(func(ctx context.Context, m *gen.ApprenticeshipApplicationMutation) error {
				v := viewer.FromContext(ctx)
				oid, _ := m.OrganizationID()
				switch v.Role {
				case viewer.InstitutionStaff:
					if v.OrgID != 0 && v.OrgID == oid {
						return privacy.Allow
					}
					return privacy.Denyf("staff apply for their own enterprise")
				case viewer.RegionOfficial:
					org, err := m.Client().Organization.Get(ctx, oid)
					if err != nil {
						return privacy.Denyf("enterprise outside the viewer's region")
					}
					if err := requireRegionInSubtree(ctx, m.Client(), v, org.RegionID); err != nil {
						return err
					}
					return privacy.Allow
				}
				return privacy.Skip
			}), ent.OpCreate),
			updateInSubtreeBy(viewer.RegionOfficial),
			privacy.AlwaysDenyRule(),
		},
	}
}
