package graph

import (
	"context"

	"entgo.io/contrib/entgql"
	"fmt"
	"slices"
	"strings"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/applicationline"
	"github.com/hnvt/bairi/ent/fundaccount"
	"github.com/hnvt/bairi/ent/fundadjustment"
	"github.com/hnvt/bairi/ent/holidayyear"
	"github.com/hnvt/bairi/ent/notice"
	"github.com/hnvt/bairi/ent/predicate"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/subsidystandard"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// calendar is the working-day calendar with the admin's edits: inside a
// transaction as it reads there, else as this instance remembers it.
func (r *Resolver) calendar(ctx context.Context) (*workday.Calendar, error) {
	// once per operation: a list of applications asks for every row
	return batched(ctx, "calendar", func() (*workday.Calendar, error) {
		if ent.FromContext(ctx) != nil {
			return deadline.Calendar(ctx, r.db(ctx))
		}
		return deadline.CachedCalendar(ctx, r.Client)
	})
}

func (r *Resolver) setHolidayYear(ctx context.Context, year int, hs, ws []*workday.Date) (*ent.HolidayYear, error) {
	deref := func(ds []*workday.Date) []workday.Date {
		out := make([]workday.Date, len(ds))
		for i, d := range ds {
			out[i] = *d
		}
		return out
	}
	holidays, working := deref(hs), deref(ws)
	rule := workday.YearRule{Year: year, Holidays: holidays, WorkingWeekends: working}
	if err := rule.Validate(); err != nil {
		return nil, fault.Input("holidays", "%s", err.Error())
	}
	str := func(ds []workday.Date) []string {
		out := make([]string, len(ds))
		for i, d := range ds {
			out[i] = d.String()
		}
		return out
	}
	c := ent.FromContext(ctx)
	existing, err := c.HolidayYear.Query().Where(holidayyear.Year(year)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return c.HolidayYear.Create().SetYear(year).SetHolidays(str(holidays)).SetWorkingWeekends(str(working)).Save(ctx)
	case err != nil:
		return nil, err
	}
	return existing.Update().SetHolidays(str(holidays)).SetWorkingWeekends(str(working)).Save(ctx)
}

func (r *Resolver) setSubsidyStandard(ctx context.Context, cat subsidystandard.Category, level, fen int) (*ent.SubsidyStandard, error) {
	c := ent.FromContext(ctx)
	existing, err := c.SubsidyStandard.Query().Where(subsidystandard.CategoryEQ(cat), subsidystandard.Level(level)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return c.SubsidyStandard.Create().SetCategory(cat).SetLevel(level).SetFenPerHead(int64(fen)).Save(ctx)
	case err != nil:
		return nil, err
	}
	return existing.Update().SetFenPerHead(int64(fen)).Save(ctx)
}

// moveApplication changes an application's state (the hook checks it).
func moveApplication(ctx context.Context, id int, to subsidyapplication.State, comment string) (*ent.SubsidyApplication, error) {
	u := ent.FromContext(ctx).SubsidyApplication.UpdateOneID(id).SetState(to)
	if comment = strings.TrimSpace(comment); comment != "" {
		u.SetComment(comment)
	}
	return u.Save(ctx)
}

// lodgeObjection records a signed-in user's objection to an application
// under public notice; the objection hook refuses any other application
// as one that does not exist, whatever its state.
func (r *Resolver) lodgeObjection(ctx context.Context, id int, text string) (*ent.Objection, error) {
	if strings.TrimSpace(text) == "" {
		return nil, fault.Input("text", "say what the objection is")
	}
	return ent.FromContext(ctx).Objection.Create().SetApplicationID(id).SetText(strings.TrimSpace(text)).Save(ctx)
}

func (r *Resolver) resolveObjection(ctx context.Context, id int, upheld bool, comment *string) (*ent.Objection, error) {
	c := ent.FromContext(ctx)
	o, err := c.Objection.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if o.Resolved {
		return nil, fault.New(fault.Conflict, "this objection is already resolved")
	}
	u := c.Objection.UpdateOne(o).SetResolved(true).SetUpheld(upheld)
	if comment != nil {
		u.SetComment(strings.TrimSpace(*comment))
	}
	if o, err = u.Save(ctx); err != nil {
		return nil, err
	}
	if upheld {
		reason := "objection upheld"
		if comment != nil && *comment != "" {
			reason = *comment
		}
		if _, err := moveApplication(ctx, o.ApplicationID, subsidyapplication.StateRETURNED, reason); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func (r *Resolver) fundAccount(ctx context.Context, code string) (*ent.FundAccount, error) {
	acc, err := r.db(ctx).FundAccount.Query().Where(fundaccount.HasRegionWith(region.Code(code))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return acc, err
}

func (r *Resolver) requestFundAdjustment(ctx context.Context, code string, amount int, reason string) (*ent.FundAdjustment, error) {
	if amount <= 0 {
		return nil, fault.Input("amountFen", "the amount must be a positive number of fen")
	}
	if strings.TrimSpace(reason) == "" {
		return nil, fault.Input("reason", "say why the pre-allocation is not enough")
	}
	c := ent.FromContext(ctx)
	reg, err := c.Region.Query().Where(region.Code(code)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input("regionCode", "unknown region %q", code)
	}
	if err != nil {
		return nil, err
	}
	return c.FundAdjustment.Create().SetRegionID(reg.ID).SetAmountFen(int64(amount)).SetReason(strings.TrimSpace(reason)).Save(ctx)
}

// decideFundAdjustment records HR's opinion (finance false) or finance's
// answer in the consultation (finance true).
func (r *Resolver) decideFundAdjustment(ctx context.Context, id int, finance, agree bool, comment *string) (*ent.FundAdjustment, error) {
	to := fundadjustment.StateREFUSED
	action := "HR_REFUSE"
	switch {
	case agree && finance:
		to, action = fundadjustment.StateAGREED, "FINANCE_AGREE"
	case agree:
		to, action = fundadjustment.StateHR_AGREED, "HR_AGREE"
	case finance:
		action = "FINANCE_REFUSE"
	}
	// Both answers may lead to REFUSED: the step answered must be the adjustment's current one.
	adj, err := ent.FromContext(ctx).FundAdjustment.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if finance {
		err = lifecycle.Adjustment.Require(action, string(adj.State), "finance answers the consultation once HR agreed; this one is %s", adj.State)
	} else {
		err = lifecycle.Adjustment.Require(action, string(adj.State), "HR's opinion is given on a requested adjustment; this one is %s", adj.State)
	}
	if err != nil {
		return nil, err
	}
	u := ent.FromContext(ctx).FundAdjustment.UpdateOneID(id).SetState(to)
	if comment != nil && finance {
		u.SetFinanceComment(strings.TrimSpace(*comment))
	} else if comment != nil {
		u.SetComment(strings.TrimSpace(*comment))
	}
	return u.Save(ctx)
}

// wholeYuan is an amount of fen in whole yuan, for the deprecated yuan fields.
func wholeYuan(fen int64) int { return int(fen / 100) }

// publicity lists the applications under public notice in a region's
// subtree, for anyone: the public fields only, trainees' names masked.
func (r *Resolver) publicity(ctx context.Context, code string) ([]*model.PublicityEntry, error) {
	pctx := viewer.WithPurpose(ctx, viewer.PurposePublicity)
	c := r.db(ctx)
	reg, err := c.Region.Query().Where(region.Code(code)).Only(pctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input("regionCode", "unknown region %q", code)
	}
	if err != nil {
		return nil, err
	}
	apps, err := c.SubsidyApplication.Query().Where(subsidyapplication.StateEQ(subsidyapplication.StateIN_PUBLICITY),
		subsidyapplication.HasRegionWith(region.PathHasPrefix(reg.Path))).
		WithOrganization().WithRegion().WithClasses().
		WithLines(func(q *ent.ApplicationLineQuery) { q.WithPerson().Order(ent.Asc(applicationline.FieldID)) }).
		Order(ent.Asc(subsidyapplication.FieldPublicityStartedAt), ent.Asc(subsidyapplication.FieldID)).All(pctx)
	if err != nil {
		return nil, err
	}
	out := make([]*model.PublicityEntry, 0, len(apps))
	for _, a := range apps {
		e := &model.PublicityEntry{ApplicationID: a.ID, Institution: a.Edges.Organization.Name, Region: a.Edges.Region.Name,
			Headcount: a.Headcount, AmountFen: int(a.AmountFen), Occupations: []string{}, Trainees: []string{}}
		if a.PublicityStartedAt != nil {
			e.StartedAt = *a.PublicityStartedAt
		}
		if a.PublicityEndsAt != nil {
			e.EndsAt = *a.PublicityEndsAt
		}
		for _, cl := range a.Edges.Classes {
			if !slices.Contains(e.Occupations, cl.Occupation) {
				e.Occupations = append(e.Occupations, cl.Occupation)
			}
		}
		for _, l := range a.Edges.Lines {
			e.Trainees = append(e.Trainees, pii.MaskName(l.Edges.Person.Name))
		}
		out = append(out, e)
	}
	return out, nil
}

// lodgePublicObjection records an objection from the public page, by
// anyone, rate-limited per address and per application.
func (r *Resolver) lodgePublicObjection(ctx context.Context, id int, name, phone, text string) (bool, error) {
	name, text = strings.TrimSpace(name), strings.TrimSpace(text)
	phone, phoneOK := idcheck.NormalizePhone(phone)
	switch {
	case name == "" || len([]rune(name)) > 64:
		return false, fault.Input("name", "a name of 1 to 64 characters is required")
	case !phoneOK:
		return false, fault.Input("phone", "a phone number is required, so that the officials can reach you")
	case text == "" || len([]rune(text)) > 2000:
		return false, fault.Input("text", "say what the objection is, in at most 2000 characters")
	}
	if err := r.Public.Allow(ctx, fmt.Sprintf("objection:%d", id)); err != nil {
		return false, err
	}
	// The objection hook refuses an application not under public notice as one that does not exist.
	err := ent.FromContext(ctx).Objection.Create().SetApplicationID(id).SetText(text).
		SetLodgerName(name).SetLodgerPhone(phone).Exec(ctx)
	return err == nil, err
}

// lodger shows who objected from the public page to the officials who
// resolve it, and to no one else.
func lodger(ctx context.Context, value string) *string {
	if v := viewer.FromContext(ctx); v == nil || !v.Role.RegionScoped() || value == "" {
		return nil
	}
	return &value
}

// readByViewer is the filter "read by the viewer".
func readByViewer(ctx context.Context) predicate.Notice {
	uid := 0
	if v := viewer.FromContext(ctx); v != nil {
		uid = v.UserID
	}
	return notice.HasReadByWith(user.ID(uid))
}

// notices pages through the notices the viewer sees, newest first unless
// ordered otherwise, leaving out those the viewer read when unreadOnly.
func (r *Resolver) notices(ctx context.Context, after *entgql.Cursor[int], first *int, before *entgql.Cursor[int], last *int,
	orderBy *ent.NoticeOrder, where *ent.NoticeWhereInput, unreadOnly bool) (*ent.NoticeConnection, error) {
	q := r.db(ctx).Notice.Query()
	if unreadOnly {
		q.Where(notice.Not(readByViewer(ctx)))
	}
	if orderBy == nil {
		orderBy = &ent.NoticeOrder{Direction: entgql.OrderDirectionDesc, Field: ent.NoticeOrderFieldAt}
	}
	return q.Paginate(ctx, after, first, before, last, ent.WithNoticeOrder(orderBy), ent.WithNoticeFilter(where.Filter))
}

// markNoticesRead marks the notices (those the viewer sees) as read by the
// viewer and says how many were unread.
func (r *Resolver) markNoticesRead(ctx context.Context, ids []int) (int, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return 0, fault.New(fault.Unauthenticated, "sign in to read notices")
	}
	if len(ids) > 500 {
		return 0, fault.Input("ids", "at most 500 notices at a time")
	}
	return ent.FromContext(ctx).Notice.Update().Where(notice.IDIn(ids...), notice.Not(readByViewer(ctx))).
		AddReadByIDs(v.UserID).Save(ctx)
}

// noticeRead reports whether the viewer has read the notice.
func (r *Resolver) noticeRead(ctx context.Context, id int) (bool, error) {
	return r.db(ctx).Notice.Query().Where(notice.ID(id), readByViewer(ctx)).Exist(ctx)
}

// unreadNoticeCount counts the notices the viewer sees and has not read.
func (r *Resolver) unreadNoticeCount(ctx context.Context) (int, error) {
	return r.db(ctx).Notice.Query().Where(notice.Not(readByViewer(ctx))).Count(ctx)
}

// actionsIf is the allowedActions of a record with a single action: it, when
// the viewer may take it now, else none.
func actionsIf(ok bool, action string) []string {
	if ok {
		return []string{action}
	}
	return []string{}
}
