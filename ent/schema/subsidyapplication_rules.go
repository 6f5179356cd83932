package schema

import (
	"context"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/applicationline"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/claimworker"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/objection"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/pricing"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// applicationHook computes the amount of a new application and keeps the
// R7 state machine and its clocks honest.
func applicationHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.SubsidyApplicationFunc(func(ctx context.Context, m *gen.SubsidyApplicationMutation) (ent.Value, error) {
			c := m.Client()
			now := m.Clock.Now()
			cal, err := deadline.Calendar(ctx, c)
			if err != nil {
				return nil, err
			}
			if m.Op().Is(ent.OpCreate) {
				oid, _ := m.OrganizationID()
				org, err := c.Organization.Get(ctx, oid)
				if err != nil {
					return nil, err
				}
				m.SetRegionID(org.RegionID)
				m.SetState(subsidyapplication.State(lifecycle.Application.Initial()))
				m.SetSubmittedAt(now)
				m.SetAcceptanceDueAt(cal.DueAt(now, 0))
				kind, _ := m.Kind()
				if month, _ := m.ClaimMonth(); month != "" {
					// A monthly 以工代训 claim (R1), priced from its roster by
					// internal/workinlieu in the same transaction.
					if kind != subsidyapplication.KindWORK_IN_LIEU || len(m.ClassesIDs()) > 0 {
						return nil, fault.Input("kind", "a monthly claim is a WORK_IN_LIEU application without classes")
					}
					return next.Mutate(ctx, m)
				}
				q, err := pricing.Price(ctx, c, kind, oid, m.ClassesIDs())
				if err != nil {
					return nil, err
				}
				m.SetHeadcount(q.Headcount)
				m.SetAmountFen(q.AmountFen)
				// All of it: what exceeds the amount becomes an amount to recover at payment.
				m.SetPrepaidFen(q.PrepaidFen)
				v, err := next.Mutate(ctx, m)
				if err != nil {
					return nil, err
				}
				app := v.(*gen.SubsidyApplication)
				creates := make([]*gen.ApplicationLineCreate, len(q.Lines))
				for i, l := range q.Lines {
					creates[i] = c.ApplicationLine.Create().SetApplicationID(app.ID).SetRegionID(app.RegionID).
						SetPersonID(l.HolderID).SetCertificateID(l.ID).SetVoucher(l.Status == certificate.StatusPENDING_ELECTRONIC)
				}
				if err := c.ApplicationLine.CreateBulk(creates...).Exec(viewer.WithPurpose(ctx, viewer.PurposeClaim)); err != nil {
					return nil, err
				}
				return app, nil
			}
			to, ok := m.State()
			if !ok {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			app, err := c.SubsidyApplication.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if err := lifecycle.Application.Check(string(app.State), string(to)); err != nil {
				return nil, err
			}
			switch to {
			case subsidyapplication.StateACCEPTED:
				// The reviewer, not the applicant, decides whether the case is complex.
				complex, _ := m.Complex()
				if reason, _ := m.ComplexReason(); complex && strings.TrimSpace(reason) == "" {
					return nil, fault.Input("reason", "say why the case is complex: it gets 3 working days of review instead of the same day")
				}
				if !complex {
					m.ClearComplexReason()
				}
				m.SetAcceptedAt(now)
				m.SetReviewDueAt(cal.DueAt(now, deadline.Length(deadline.Review, complex, 0)))
				m.SetHrDueAt(cal.DueAt(now, deadline.Length(deadline.HR, complex, app.HrDaysUsed)))
			case subsidyapplication.StateREVIEWED:
				// R12: every trainee counted through a voucher carries the county HR's remark.
				missing, err := c.ApplicationLine.Query().Where(applicationline.ApplicationID(id), applicationline.Voucher(true),
					applicationline.Or(applicationline.RemarkIsNil(), applicationline.Remark(""))).Count(ctx)
				if err != nil {
					return nil, err
				}
				if missing > 0 {
					return nil, fault.New(fault.Conflict, "%d trainees are counted through an electronic-certificate voucher (R12) without the county HR's remark", missing)
				}
				m.SetReviewedAt(now)
				m.SetPublicityDueAt(cal.DueAt(now, 0))
			case subsidyapplication.StateIN_PUBLICITY:
				ends := deadline.PublicityEnds(now)
				m.SetPublicityStartedAt(now)
				m.SetPublicityEndsAt(ends)
				m.SetHandoverDueAt(cal.DueAt(ends, 0))
			case subsidyapplication.StateTRANSFERRED_TO_FINANCE:
				if !deadline.PublicityOver(app, now) {
					return nil, fault.New(fault.Conflict, "the public notice lasts at least 3 whole days: it ends at %s", app.PublicityEndsAt.In(workday.China).Format("2006-01-02 15:04"))
				}
				open, err := c.Objection.Query().Where(objection.ApplicationID(id), objection.Resolved(false)).Exist(ctx)
				if err != nil {
					return nil, err
				}
				if open {
					return nil, fault.New(fault.Conflict, "objections to this application are not all resolved")
				}
				m.SetTransferredAt(now)
				m.SetFinanceDueAt(cal.DueAt(now, deadline.Length(deadline.Finance, false, 0)))
			case subsidyapplication.StatePAID:
				m.SetPaidAt(now)
			case subsidyapplication.StateRETURNED:
				m.SetReturnedAt(now)
				if app.AcceptedAt != nil {
					used := cal.WorkingDaysBetween(workday.DateOf(*app.AcceptedAt, workday.China), workday.DateOf(now, workday.China))
					m.SetHrDaysUsed(app.HrDaysUsed + max(used, 0))
				}
			case subsidyapplication.StateREJECTED:
				if cm, _ := m.Comment(); cm == "" {
					return nil, fault.Input("comment", "a rejection needs a reason")
				}
				m.SetRejectedAt(now)
				// A rejected claim's workers may be claimed again (R1).
				if err := c.ClaimWorker.Update().Where(claimworker.ApplicationID(id)).ClearPaidKey().ClearEnterpriseKey().
					Exec(viewer.WithPurpose(ctx, viewer.PurposeClaim)); err != nil {
					return nil, err
				}
			case subsidyapplication.StateSUBMITTED:
				m.SetSubmittedAt(now)
				m.SetAcceptanceDueAt(cal.DueAt(now, 0))
				m.ClearAcceptedAt()
				m.ClearReviewDueAt()
				m.ClearPublicityDueAt()
				m.ClearHandoverDueAt()
				m.ClearHrDueAt()
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

func applicationPolicy() ent.Policy {
	return privacy.Policy{
		// The public page and objections read the applications under public notice, and no other.
		Query: append(privacy.QueryPolicy{allowPurposeWhere(viewer.PurposePublicity,
			entql.FieldEQ(subsidyapplication.FieldState, string(subsidyapplication.StateIN_PUBLICITY)))}, scopedQuery(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) }})...),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			genprivacy.SubsidyApplicationMutationRuleFunc(func(ctx context.Context, m *gen.SubsidyApplicationMutation) error {
				v := viewer.FromContext(ctx)
				to, changing := m.State()
				switch {
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					if m.Op().Is(ent.OpCreate) {
						if oid, _ := m.OrganizationID(); oid != v.OrgID {
							return privacy.Denyf("staff apply for their own organisation only")
						}
						return privacy.Allow
					}
					if changing && !lifecycle.Application.MayReach(v.Role, string(to)) {
						return privacy.Denyf("staff only resubmit returned applications")
					}
					m.Filter().Where(entql.FieldEQ("organization_id", v.OrgID))
					return privacy.Allow
				case v.Role == viewer.RegionOfficial && !m.Op().Is(ent.OpCreate):
					if changing && !lifecycle.Application.MayReach(v.Role, string(to)) {
						return privacy.Denyf("finance pays; the applicant resubmits")
					}
					m.Filter().Where(inRegionSubtree(v))
					return privacy.Allow
				case v.Role == viewer.FinanceOfficer && !m.Op().Is(ent.OpCreate):
					if !changing || !lifecycle.Application.MayReach(v.Role, string(to)) {
						return privacy.Denyf("finance officers pay applications handed over to finance")
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
