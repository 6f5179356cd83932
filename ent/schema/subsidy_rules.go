package schema

import (
	"context"
	"slices"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"

	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/fundadjustment"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/objection"
	"github.com/hnvt/bairi/ent/onsitecheck"
	"github.com/hnvt/bairi/ent/prepayment"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/subsidystandard"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

func adminWritesAnyoneReads() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowAnyViewer(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{denyIfNoViewer(), allowAdmin(), privacy.AlwaysDenyRule()},
	}
}

// Calendar returns the working-day calendar: built-in years overlaid with
// the years the province admin edited.
func Calendar(ctx context.Context, c *gen.Client) (*workday.Calendar, error) {
	years, err := c.HolidayYear.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	rules := make([]workday.YearRule, 0, len(years))
	for _, y := range years {
		r := workday.YearRule{Year: y.Year}
		for _, s := range y.Holidays {
			d, err := workday.ParseDate(s)
			if err != nil {
				return nil, err
			}
			r.Holidays = append(r.Holidays, d)
		}
		for _, s := range y.WorkingWeekends {
			d, err := workday.ParseDate(s)
			if err != nil {
				return nil, err
			}
			r.WorkingWeekends = append(r.WorkingWeekends, d)
		}
		rules = append(rules, r)
	}
	return workday.Default().With(rules...), nil
}

// applicationTransitions are the legal state changes of an application (R7).
var applicationTransitions = map[subsidyapplication.State][]subsidyapplication.State{
	subsidyapplication.StateSUBMITTED:              {subsidyapplication.StateACCEPTED, subsidyapplication.StateREJECTED},
	subsidyapplication.StateACCEPTED:               {subsidyapplication.StateREVIEWED, subsidyapplication.StateRETURNED, subsidyapplication.StateREJECTED},
	subsidyapplication.StateREVIEWED:               {subsidyapplication.StateIN_PUBLICITY, subsidyapplication.StateRETURNED},
	subsidyapplication.StateIN_PUBLICITY:           {subsidyapplication.StateTRANSFERRED_TO_FINANCE, subsidyapplication.StateRETURNED},
	subsidyapplication.StateTRANSFERRED_TO_FINANCE: {subsidyapplication.StatePAID},
	subsidyapplication.StateRETURNED:               {subsidyapplication.StateSUBMITTED},
}

// Clock limits of R7, in working days.
const (
	ComplexReviewDays = 3
	HRClockDays       = 10
	FinanceClockDays  = 10
	PublicityDuration = 72 * time.Hour
)

// applicationHook computes the amount of a new application and keeps the
// R7 state machine and its clocks honest.
func applicationHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.SubsidyApplicationFunc(func(ctx context.Context, m *gen.SubsidyApplicationMutation) (ent.Value, error) {
			c := m.Client()
			now := time.Now()
			if m.Op().Is(ent.OpCreate) {
				oid, _ := m.OrganizationID()
				org, err := c.Organization.Get(ctx, oid)
				if err != nil {
					return nil, err
				}
				m.SetRegionID(org.RegionID)
				m.SetState(subsidyapplication.StateSUBMITTED)
				m.SetSubmittedAt(now)
				if err := priceApplication(ctx, c, m, oid); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
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
			if !slices.Contains(applicationTransitions[app.State], to) {
				return nil, fault.New(fault.Conflict, "an application that is %s cannot become %s", app.State, to)
			}
			cal, err := Calendar(ctx, c)
			if err != nil {
				return nil, err
			}
			switch to {
			case subsidyapplication.StateACCEPTED:
				m.SetAcceptedAt(now)
				reviewDays := 0
				if app.Complex || !app.MaterialsComplete {
					reviewDays = ComplexReviewDays
				}
				m.SetReviewDueAt(cal.DueAt(now, reviewDays))
				m.SetHrDueAt(cal.DueAt(now, max(HRClockDays-app.HrDaysUsed, 0)))
			case subsidyapplication.StateREVIEWED:
				m.SetReviewedAt(now)
			case subsidyapplication.StateIN_PUBLICITY:
				m.SetPublicityStartedAt(now)
				m.SetPublicityEndsAt(now.Add(PublicityDuration))
			case subsidyapplication.StateTRANSFERRED_TO_FINANCE:
				if app.PublicityEndsAt == nil || now.Before(*app.PublicityEndsAt) {
					return nil, fault.New(fault.Conflict, "the public notice lasts at least 3 days: it ends at %s", app.PublicityEndsAt.In(china).Format("2006-01-02 15:04"))
				}
				open, err := c.Objection.Query().Where(objection.ApplicationID(id), objection.Resolved(false)).Exist(ctx)
				if err != nil {
					return nil, err
				}
				if open {
					return nil, fault.New(fault.Conflict, "objections to this application are not all resolved")
				}
				m.SetTransferredAt(now)
				m.SetFinanceDueAt(cal.DueAt(now, FinanceClockDays))
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
			case subsidyapplication.StateSUBMITTED:
				m.SetSubmittedAt(now)
				m.ClearAcceptedAt()
				m.ClearReviewDueAt()
				m.ClearHrDueAt()
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// kindCategory is the class category an application kind claims for.
var kindCategory = map[subsidyapplication.Kind][]trainingclass.Category{
	subsidyapplication.KindCLASS_TRAINING:   {trainingclass.CategoryENTERPRISE_EMPLOYEE, trainingclass.CategoryKEY_GROUP},
	subsidyapplication.KindWORK_IN_LIEU:     {trainingclass.CategoryWORK_IN_LIEU},
	subsidyapplication.KindAPPRENTICESHIP:   {trainingclass.CategoryAPPRENTICESHIP},
	subsidyapplication.KindENTREPRENEURSHIP: {trainingclass.CategoryENTREPRENEURSHIP},
}

// priceApplication counts the effective headcount (R10) of the classes
// claimed for and prices it with the subsidy standards.
func priceApplication(ctx context.Context, c *gen.Client, m *gen.SubsidyApplicationMutation, orgID int) error {
	kind, _ := m.Kind()
	ids := m.ClassesIDs()
	if len(ids) == 0 {
		return fault.Input("classIDs", "an application claims for at least one class")
	}
	classes, err := c.TrainingClass.Query().Where(trainingclass.IDIn(ids...)).All(ctx)
	if err != nil {
		return err
	}
	if len(classes) != len(ids) {
		return fault.Input("classIDs", "a class claimed for does not exist or is not yours")
	}
	standards, err := c.SubsidyStandard.Query().All(ctx)
	if err != nil {
		return err
	}
	price := func(cat trainingclass.Category, level int) (int64, bool) {
		var any int64
		found := false
		for _, s := range standards {
			if string(s.Category) != string(cat) {
				continue
			}
			if s.Level == level && level != 0 {
				return s.YuanPerHead, true
			}
			if s.Level == 0 {
				any, found = s.YuanPerHead, true
			}
		}
		return any, found
	}
	var headcount int
	var amount int64
	for _, cl := range classes {
		switch {
		case cl.OrganizationID != orgID:
			return fault.Input("classIDs", "class %d belongs to another organisation", cl.ID)
		case cl.Status != trainingclass.StatusCOMPLETED:
			return fault.Input("classIDs", "class %d is %s: subsidies are claimed for completed classes", cl.ID, cl.Status)
		case !slices.Contains(kindCategory[kind], cl.Category):
			return fault.Input("classIDs", "class %d is %s training, which a %s application does not cover", cl.ID, cl.Category, kind)
		}
		perHead, ok := price(cl.Category, cl.Level)
		if !ok {
			return fault.New(fault.Conflict, "no subsidy standard is set for %s training: the province admin sets it", cl.Category)
		}
		// Trainees count with a certificate or an R12 voucher, up to the R10 effective headcount.
		certified, err := c.Certificate.Query().Where(certificate.ClassID(cl.ID),
			certificate.StatusIn(certificate.StatusISSUED, certificate.StatusPENDING_ELECTRONIC)).Count(ctx)
		if err != nil {
			return err
		}
		counted := min(cl.EffectiveHeadcount, certified)
		headcount += counted
		amount += perHead * int64(counted)
	}
	if headcount == 0 {
		return fault.Input("classIDs", "no trainee of these classes holds a certificate or an electronic-certificate voucher (R12) yet")
	}
	already, err := c.SubsidyApplication.Query().Where(
		subsidyapplication.HasClassesWith(trainingclass.IDIn(ids...)),
		subsidyapplication.StateNEQ(subsidyapplication.StateREJECTED)).Exist(ctx)
	if err != nil {
		return err
	}
	if already {
		return fault.New(fault.Conflict, "a class claimed for is already in another application")
	}
	pres, err := c.Prepayment.Query().Where(prepayment.ClassIDIn(ids...), prepayment.StatusEQ(prepayment.StatusPAID)).All(ctx)
	if err != nil {
		return err
	}
	var prepaid int64
	for _, p := range pres {
		prepaid += p.Amount
	}
	m.SetHeadcount(headcount)
	m.SetAmount(amount)
	m.SetPrepaid(min(prepaid, amount))
	return nil
}

var _ = subsidystandard.FieldLevel

func applicationPolicy() ent.Policy {
	return privacy.Policy{
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposePublicity)}, scopedQuery(scope{region: inRegionSubtree,
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
					if changing && to != subsidyapplication.StateSUBMITTED {
						return privacy.Denyf("staff only resubmit returned applications")
					}
					m.Filter().Where(entql.FieldEQ("organization_id", v.OrgID))
					return privacy.Allow
				case v.Role == viewer.RegionOfficial && !m.Op().Is(ent.OpCreate):
					if changing && (to == subsidyapplication.StatePAID || to == subsidyapplication.StateSUBMITTED) {
						return privacy.Denyf("finance pays; the applicant resubmits")
					}
					m.Filter().Where(inRegionSubtree(v))
					return privacy.Allow
				case v.Role == viewer.FinanceOfficer && !m.Op().Is(ent.OpCreate):
					if !changing || to != subsidyapplication.StatePAID {
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

func objectionPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P {
				switch {
				case v.Role.RegionScoped():
					return inRegionSubtree(v)
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					return entql.HasEdgeWith("application", entql.FieldEQ("organization_id", v.OrgID))
				}
				return entql.FieldEQ("created_by", v.UserID)
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			privacy.OnMutationOperation(privacy.ContextQueryMutationRule(func(ctx context.Context) error {
				return privacy.Allow // any signed-in user may object during the public notice
			}), ent.OpCreate),
			privacy.OnMutationOperation(filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.RegionOfficial {
					return inRegionSubtree(v)
				}
				return nil
			}), ent.OpUpdateOne),
			privacy.AlwaysDenyRule(),
		},
	}
}

func fundPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			allowPurpose(viewer.PurposeMoney), denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.FinanceOfficer || v.Role == viewer.RegionOfficial {
					return inRegionSubtree(v)
				}
				return nil
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			privacy.OnMutationOperation(allowPurpose(viewer.PurposeMoney), ent.OpCreate),
			allowAdmin(),
			privacy.OnMutationOperation(filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.FinanceOfficer {
					return inRegionSubtree(v)
				}
				return nil
			}), ent.OpUpdateOne),
			privacy.AlwaysDenyRule(),
		},
	}
}

func idempotencyPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPurpose(viewer.PurposeMoney), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{allowPurpose(viewer.PurposeMoney), privacy.AlwaysDenyRule()},
	}
}

func prepaymentPolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedQuery(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P { return entql.HasEdgeWith("class", classOfOrg(v)) }}),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			// Supervision failures mark prepayments for recovery, whoever records them.
			privacy.OnMutationOperation(allowPurpose(viewer.PurposeMoney), ent.OpUpdateOne),
			allowAdmin(),
			genprivacy.PrepaymentMutationRuleFunc(func(ctx context.Context, m *gen.PrepaymentMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.FinanceOfficer || !m.Op().Is(ent.OpCreate) {
					return privacy.Skip
				}
				rid, _ := m.RegionID()
				path, err := regionPath(ctx, m.Client(), rid)
				if err != nil {
					return err
				}
				if !v.InSubtree(path) {
					return privacy.Denyf("region outside the viewer's subtree")
				}
				return privacy.Allow
			}),
			privacy.OnMutationOperation(filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.FinanceOfficer {
					return inRegionSubtree(v)
				}
				return nil
			}), ent.OpUpdateOne),
			privacy.AlwaysDenyRule(),
		},
	}
}

// markForRecovery turns a class's paid prepayment into an amount to recover
// when the class fails supervision (R6, R11).
func markForRecovery(ctx context.Context, c *gen.Client, classID int, reason string) error {
	mctx := viewer.WithPurpose(ctx, viewer.PurposeMoney)
	pre, err := c.Prepayment.Query().Where(prepayment.ClassID(classID), prepayment.StatusEQ(prepayment.StatusPAID)).Only(mctx)
	if gen.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return c.Prepayment.UpdateOne(pre).SetStatus(prepayment.StatusTO_RECOVER).SetRecoveryReason(reason).Exec(mctx)
}

// onSiteOutcomeHook: a failed on-site check turns the prepayment into an amount to recover.
func onSiteOutcomeHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.OnSiteCheckFunc(func(ctx context.Context, m *gen.OnSiteCheckMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if o, ok := m.Outcome(); ok && o == onsitecheck.OutcomeFAILED {
				check := v.(*gen.OnSiteCheck)
				if err := markForRecovery(ctx, m.Client(), check.ClassID, "on-site check failed"); err != nil {
					return nil, err
				}
			}
			return v, nil
		})
	}, ent.OpUpdateOne)
}

// noticePolicy: officials see their subtree's notices, staff their own
// applications'; only the deadline job (a system job) writes them.
func noticePolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedQuery(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P {
				return entql.HasEdgeWith("application", entql.FieldEQ("organization_id", v.OrgID))
			}}),
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}

// AdjustmentClockDays is the 5 + 5 working-day clock of an adjustment (R6).
const AdjustmentClockDays = 5

// adjustmentHook runs the 调剂 clock: a request starts the HR clock; the
// city's HR official (above the county) agrees or refuses; its finance
// officer allocates within the finance clock.
func adjustmentHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.FundAdjustmentFunc(func(ctx context.Context, m *gen.FundAdjustmentMutation) (ent.Value, error) {
			c := m.Client()
			cal, err := Calendar(ctx, c)
			if err != nil {
				return nil, err
			}
			now := time.Now()
			if m.Op().Is(ent.OpCreate) {
				rid, _ := m.RegionID()
				reg, err := c.Region.Get(ctx, rid)
				if err != nil {
					return nil, err
				}
				if reg.ParentID == 0 {
					return nil, fault.Input("regionCode", "the province has no region above it to ask")
				}
				m.SetState(fundadjustment.StateREQUESTED)
				m.SetRequestedAt(now)
				m.SetHrDueAt(cal.DueAt(now, AdjustmentClockDays))
				return next.Mutate(ctx, m)
			}
			to, ok := m.State()
			if !ok {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			adj, err := c.FundAdjustment.Query().Where(fundadjustment.ID(id)).WithRegion().Only(ctx)
			if err != nil {
				return nil, err
			}
			legal := map[fundadjustment.State][]fundadjustment.State{
				fundadjustment.StateREQUESTED: {fundadjustment.StateAGREED, fundadjustment.StateREFUSED},
				fundadjustment.StateAGREED:    {fundadjustment.StateALLOCATED},
			}
			if !slices.Contains(legal[adj.State], to) {
				return nil, fault.New(fault.Conflict, "an adjustment that is %s cannot become %s", adj.State, to)
			}
			// Only the region above the county decides and pays.
			v := viewer.FromContext(ctx)
			if v != nil && !v.Admin() && v.RegionPath == adj.Edges.Region.Path {
				return nil, privacy.Denyf("the region above decides on and funds an adjustment")
			}
			switch to {
			case fundadjustment.StateAGREED, fundadjustment.StateREFUSED:
				if v != nil && !v.Admin() && v.Role != viewer.RegionOfficial {
					return nil, privacy.Denyf("HR gives the opinion on an adjustment")
				}
				m.SetDecidedAt(now)
				if to == fundadjustment.StateAGREED {
					m.SetFinanceDueAt(cal.DueAt(now, AdjustmentClockDays))
				}
			case fundadjustment.StateALLOCATED:
				if v != nil && !v.Admin() && v.Role != viewer.FinanceOfficer {
					return nil, privacy.Denyf("finance allocates the funds")
				}
				m.SetAllocatedAt(now)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

func adjustmentPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.RegionOfficial || v.Role == viewer.FinanceOfficer {
					return inRegionSubtree(v)
				}
				return nil
			}),
			privacy.AlwaysDenyRule(),
		},
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			genprivacy.FundAdjustmentMutationRuleFunc(func(ctx context.Context, m *gen.FundAdjustmentMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.RegionOfficial && v.Role != viewer.FinanceOfficer {
					return privacy.Skip
				}
				if m.Op().Is(ent.OpCreate) {
					rid, _ := m.RegionID()
					path, err := regionPath(ctx, m.Client(), rid)
					if err != nil {
						return err
					}
					if !v.InSubtree(path) {
						return privacy.Denyf("region outside the viewer's subtree")
					}
					return privacy.Allow
				}
				m.Filter().Where(inRegionSubtree(v))
				return privacy.Allow
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}
