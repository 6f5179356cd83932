package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/fundaccount"
	"github.com/hnvt/bairi/ent/fundadjustment"
	"github.com/hnvt/bairi/ent/fundentry"
	"github.com/hnvt/bairi/ent/holidayyear"
	"github.com/hnvt/bairi/ent/idempotencyrecord"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/prepayment"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/schema"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/subsidystandard"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// calendar is the working-day calendar with the admin's edits.
func (r *Resolver) calendar(ctx context.Context) (*workday.Calendar, error) {
	return schema.Calendar(ctx, r.Client)
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

func (r *Resolver) setSubsidyStandard(ctx context.Context, cat subsidystandard.Category, level, yuan int) (*ent.SubsidyStandard, error) {
	c := ent.FromContext(ctx)
	existing, err := c.SubsidyStandard.Query().Where(subsidystandard.CategoryEQ(cat), subsidystandard.Level(level)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return c.SubsidyStandard.Create().SetCategory(cat).SetLevel(level).SetYuanPerHead(int64(yuan)).Save(ctx)
	case err != nil:
		return nil, err
	}
	return existing.Update().SetYuanPerHead(int64(yuan)).Save(ctx)
}

// moveApplication changes an application's state (the hook checks it).
func moveApplication(ctx context.Context, id int, to subsidyapplication.State, comment string) (*ent.SubsidyApplication, error) {
	u := ent.FromContext(ctx).SubsidyApplication.UpdateOneID(id).SetState(to)
	if comment = strings.TrimSpace(comment); comment != "" {
		u.SetComment(comment)
	}
	return u.Save(ctx)
}

func (r *Resolver) lodgeObjection(ctx context.Context, id int, text string) (*ent.Objection, error) {
	app, err := r.db(ctx).SubsidyApplication.Get(viewer.WithPurpose(ctx, viewer.PurposePublicity), id)
	if err != nil {
		return nil, err
	}
	if app.State != subsidyapplication.StateIN_PUBLICITY {
		return nil, fault.New(fault.Conflict, "objections are lodged during the public notice; this application is %s", app.State)
	}
	if strings.TrimSpace(text) == "" {
		return nil, fault.Input("text", "say what the objection is")
	}
	return ent.FromContext(ctx).Objection.Create().SetApplicationID(id).SetRegionID(app.RegionID).SetText(strings.TrimSpace(text)).Save(ctx)
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

// overdue reports whether the clock of the application's current stage has run out.
func applicationDue(a *ent.SubsidyApplication) *time.Time {
	switch a.State {
	case subsidyapplication.StateACCEPTED:
		if a.ReviewDueAt != nil && (a.HrDueAt == nil || a.ReviewDueAt.Before(*a.HrDueAt)) {
			return a.ReviewDueAt
		}
		return a.HrDueAt
	case subsidyapplication.StateREVIEWED, subsidyapplication.StateIN_PUBLICITY:
		return a.HrDueAt
	case subsidyapplication.StateTRANSFERRED_TO_FINANCE:
		return a.FinanceDueAt
	}
	return nil
}

// Money mutations run outside the request transaction: each opens its own,
// records its idempotency key in it, and locks the account rows it changes.

var errRetry = errors.New("retry")

// idempotent runs do once per key: a replay returns the first result; the
// same key with another payload is refused.
func (r *Resolver) idempotent(ctx context.Context, key, op string, payload any, do func(tx *ent.Client) (int, error)) (int, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return 0, fault.New(fault.Unauthenticated, "sign in to move money")
	}
	raw, _ := json.Marshal(payload)
	sum := sha256.Sum256(append([]byte(op+"\x00"), raw...))
	hash := hex.EncodeToString(sum[:])
	mctx := viewer.WithPurpose(ctx, viewer.PurposeMoney)
	for attempt := 0; attempt < 20; attempt++ {
		rec, err := r.Client.IdempotencyRecord.Query().Where(idempotencyrecord.Key(key)).Only(mctx)
		if err == nil {
			if rec.RequestHash != hash || rec.Operation != op {
				return 0, fault.New(fault.Conflict, "this idempotency key was used for another request")
			}
			if rec.ResultID != 0 {
				return rec.ResultID, nil
			}
		} else if !ent.IsNotFound(err) {
			return 0, err
		}
		id, err := r.runOnce(ctx, mctx, key, op, hash, v.UserID, do)
		if errors.Is(err, errRetry) {
			time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
			continue
		}
		return id, err
	}
	return 0, fault.New(fault.Conflict, "the request is busy: try again")
}

func (r *Resolver) runOnce(ctx, mctx context.Context, key, op, hash string, user int, do func(tx *ent.Client) (int, error)) (int, error) {
	tx, err := r.Client.Tx(ctx)
	if err != nil {
		return 0, err
	}
	rec, err := tx.IdempotencyRecord.Create().SetKey(key).SetOperation(op).SetRequestHash(hash).SetUserID(user).Save(mctx)
	if err != nil {
		_ = tx.Rollback()
		if ent.IsConstraintError(err) {
			return 0, errRetry // another request holds the key: read its result
		}
		if ent.IsValidationError(err) {
			return 0, fault.Input("idempotencyKey", "an idempotency key is 8 to 128 letters, digits or ._:-")
		}
		return 0, err
	}
	id, err := do(tx.Client())
	if err != nil {
		_ = tx.Rollback()
		return 0, err
	}
	if err := tx.IdempotencyRecord.UpdateOne(rec).SetResultID(id).Exec(mctx); err != nil {
		_ = tx.Rollback()
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, errRetry
	}
	return id, nil
}

// account returns a region's account locked for update, opening it if needed.
// An account the viewer may not see is refused, not opened twice.
func (r *Resolver) account(ctx context.Context, c *ent.Client, regionID int) (*ent.FundAccount, error) {
	q := func() (*ent.FundAccount, error) {
		q := c.FundAccount.Query().Where(fundaccount.RegionID(regionID))
		if r.LockRows {
			q = q.ForUpdate()
		}
		return q.Only(ctx)
	}
	acc, err := q()
	if !ent.IsNotFound(err) {
		return acc, err
	}
	mctx := viewer.WithPurpose(ctx, viewer.PurposeMoney)
	exists, err := c.FundAccount.Query().Where(fundaccount.RegionID(regionID)).Exist(mctx)
	if err != nil {
		return nil, err
	}
	if exists {
		return nil, fault.New(fault.Forbidden, "you may not move this region's money")
	}
	if err := c.FundAccount.Create().SetRegionID(regionID).Exec(mctx); err != nil {
		if ent.IsConstraintError(err) {
			return nil, errRetry // opened at the same moment by another request
		}
		return nil, err
	}
	return q()
}

// move changes a locked account's balance and writes the ledger line.
func move(ctx context.Context, c *ent.Client, acc *ent.FundAccount, kind fundentry.Kind, amount int64, app int, counterparty string) error {
	if acc.Balance+amount < 0 {
		return fault.New(fault.Conflict, "the special account has %d yuan: not enough for %d", acc.Balance, -amount)
	}
	if err := c.FundAccount.UpdateOne(acc).AddBalance(amount).Exec(ctx); err != nil {
		return err
	}
	e := c.FundEntry.Create().SetAccountID(acc.ID).SetRegionID(acc.RegionID).SetKind(kind).SetAmount(amount).
		SetBalanceAfter(acc.Balance + amount).SetCounterparty(counterparty)
	if v := viewer.FromContext(ctx); v != nil {
		e.SetActorID(v.UserID)
	}
	if app != 0 {
		e.SetApplicationID(app)
	}
	return e.Exec(viewer.WithPurpose(ctx, viewer.PurposeMoney))
}

func checkKeyAndAmount(key string, amount int) error {
	if amount <= 0 {
		return fault.Input("amount", "the amount must be a positive number of yuan")
	}
	if len(key) < 8 || len(key) > 128 {
		return fault.Input("idempotencyKey", "an idempotency key is 8 to 128 characters, generated by the client once per operation")
	}
	return nil
}

func (r *Resolver) payApplication(ctx context.Context, id int, key string) (*ent.SubsidyApplication, error) {
	if err := checkKeyAndAmount(key, 1); err != nil {
		return nil, err
	}
	resID, err := r.idempotent(ctx, key, "pay", id, func(c *ent.Client) (int, error) {
		app, err := c.SubsidyApplication.Get(ctx, id)
		if err != nil {
			return 0, err
		}
		if app.State != subsidyapplication.StateTRANSFERRED_TO_FINANCE {
			return 0, fault.New(fault.Conflict, "only applications handed over to finance are paid; this one is %s", app.State)
		}
		acc, err := r.account(ctx, c, app.RegionID)
		if err != nil {
			return 0, err
		}
		if err := move(ctx, c, acc, fundentry.KindPAYMENT, -(app.Amount - app.Prepaid), app.ID, ""); err != nil {
			return 0, err
		}
		// Settlement deducts the prepayments: they are settled now.
		classIDs, err := app.QueryClasses().IDs(ctx)
		if err != nil {
			return 0, err
		}
		pres, err := c.Prepayment.Query().Where(prepayment.ClassIDIn(classIDs...), prepayment.StatusEQ(prepayment.StatusPAID)).All(ctx)
		if err != nil {
			return 0, err
		}
		for _, p := range pres {
			if err := c.Prepayment.UpdateOne(p).SetStatus(prepayment.StatusSETTLED).Exec(ctx); err != nil {
				return 0, err
			}
		}
		if err := c.SubsidyApplication.UpdateOne(app).SetState(subsidyapplication.StatePAID).Exec(ctx); err != nil {
			return 0, err
		}
		return app.ID, nil
	})
	if err != nil {
		return nil, err
	}
	return r.db(ctx).SubsidyApplication.Get(ctx, resID)
}

func (r *Resolver) regionByCodeOrFail(ctx context.Context, c *ent.Client, code, field string) (*ent.Region, error) {
	reg, err := c.Region.Query().Where(region.Code(code)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input(field, "unknown region %q", code)
	}
	return reg, err
}

func (r *Resolver) depositFunds(ctx context.Context, code string, amount int, key string) (*ent.FundAccount, error) {
	if err := checkKeyAndAmount(key, amount); err != nil {
		return nil, err
	}
	resID, err := r.idempotent(ctx, key, "deposit", []any{code, amount}, func(c *ent.Client) (int, error) {
		reg, err := r.regionByCodeOrFail(ctx, c, code, "regionCode")
		if err != nil {
			return 0, err
		}
		acc, err := r.account(ctx, c, reg.ID)
		if err != nil {
			return 0, err
		}
		return acc.ID, move(ctx, c, acc, fundentry.KindDEPOSIT, int64(amount), 0, "")
	})
	if err != nil {
		return nil, err
	}
	return r.db(ctx).FundAccount.Get(ctx, resID)
}

func (r *Resolver) allocateFunds(ctx context.Context, from, to string, amount int, key string) (*ent.FundAccount, error) {
	if err := checkKeyAndAmount(key, amount); err != nil {
		return nil, err
	}
	resID, err := r.idempotent(ctx, key, "allocate", []any{from, to, amount}, func(c *ent.Client) (int, error) {
		src, err := r.regionByCodeOrFail(ctx, c, from, "fromRegionCode")
		if err != nil {
			return 0, err
		}
		dst, err := r.regionByCodeOrFail(ctx, c, to, "toRegionCode")
		if err != nil {
			return 0, err
		}
		if dst.ParentID != src.ID {
			return 0, fault.Input("toRegionCode", "funds are pre-allocated to a region directly below %s", src.Name)
		}
		if err := r.transfer(ctx, c, src, dst, int64(amount)); err != nil {
			return 0, err
		}
		acc, err := r.account(ctx, c, src.ID)
		if err != nil {
			return 0, err
		}
		return acc.ID, nil
	})
	if err != nil {
		return nil, err
	}
	return r.db(ctx).FundAccount.Get(ctx, resID)
}

func (r *Resolver) fundAccount(ctx context.Context, code string) (*ent.FundAccount, error) {
	acc, err := r.db(ctx).FundAccount.Query().Where(fundaccount.HasRegionWith(region.Code(code))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return acc, err
}

// PrepaymentShare is the part of the subsidy paid in advance (R6: 50%).
const PrepaymentShare = 0.5

// drawPrepayment pays 50% of an approved eligible class's subsidy.
func (r *Resolver) drawPrepayment(ctx context.Context, classID int, key string) (*ent.Prepayment, error) {
	if err := checkKeyAndAmount(key, 1); err != nil {
		return nil, err
	}
	resID, err := r.idempotent(ctx, key, "prepay", classID, func(c *ent.Client) (int, error) {
		cl, err := c.TrainingClass.Query().Where(trainingclass.ID(classID)).WithOrganization().Only(ctx)
		if err != nil {
			return 0, err
		}
		if cl.Status != trainingclass.StatusAPPROVED && cl.Status != trainingclass.StatusIN_PROGRESS {
			return 0, fault.New(fault.Conflict, "prepayment is drawn at approval; this class is %s", cl.Status)
		}
		if cl.Edges.Organization.Kind != organization.KindENTERPRISE && cl.Category != trainingclass.CategoryKEY_GROUP {
			return 0, fault.New(fault.Conflict, "only enterprise-organised and project-based (key-group) training is prepaid")
		}
		std, err := c.SubsidyStandard.Query().Where(subsidystandard.CategoryEQ(subsidystandard.Category(cl.Category)),
			subsidystandard.LevelIn(0, cl.Level)).Order(ent.Desc(subsidystandard.FieldLevel)).First(ctx)
		if ent.IsNotFound(err) {
			return 0, fault.New(fault.Conflict, "no subsidy standard is set for %s training", cl.Category)
		}
		if err != nil {
			return 0, err
		}
		amount := int64(float64(std.YuanPerHead*int64(cl.ApprovedHeadcount)) * PrepaymentShare)
		pre, err := c.Prepayment.Create().SetClassID(cl.ID).SetRegionID(cl.RegionID).SetAmount(amount).Save(ctx)
		if err != nil {
			if ent.IsConstraintError(err) {
				return 0, fault.New(fault.Conflict, "this class was already prepaid")
			}
			return 0, err
		}
		acc, err := r.account(ctx, c, cl.RegionID)
		if err != nil {
			return 0, err
		}
		return pre.ID, move(ctx, c, acc, fundentry.KindPREPAYMENT, -amount, 0, "")
	})
	if err != nil {
		return nil, err
	}
	return r.Client.Prepayment.Get(ctx, resID)
}

// recoverPrepayment credits back a prepayment whose class failed supervision.
func (r *Resolver) recoverPrepayment(ctx context.Context, id int, key string) (*ent.Prepayment, error) {
	if err := checkKeyAndAmount(key, 1); err != nil {
		return nil, err
	}
	resID, err := r.idempotent(ctx, key, "recover", id, func(c *ent.Client) (int, error) {
		pre, err := c.Prepayment.Get(ctx, id)
		if err != nil {
			return 0, err
		}
		if pre.Status != prepayment.StatusTO_RECOVER {
			return 0, fault.New(fault.Conflict, "only a prepayment whose class failed supervision is recovered; this one is %s", pre.Status)
		}
		if err := c.Prepayment.UpdateOne(pre).SetStatus(prepayment.StatusRECOVERED).Exec(ctx); err != nil {
			return 0, err
		}
		acc, err := r.account(ctx, c, pre.RegionID)
		if err != nil {
			return 0, err
		}
		return pre.ID, move(ctx, c, acc, fundentry.KindRECOVERY, pre.Amount, 0, "")
	})
	if err != nil {
		return nil, err
	}
	return r.Client.Prepayment.Get(ctx, resID)
}

func (r *Resolver) requestFundAdjustment(ctx context.Context, code string, amount int, reason string) (*ent.FundAdjustment, error) {
	if amount <= 0 {
		return nil, fault.Input("amount", "the amount must be a positive number of yuan")
	}
	if strings.TrimSpace(reason) == "" {
		return nil, fault.Input("reason", "say why the pre-allocation is not enough")
	}
	c := ent.FromContext(ctx)
	reg, err := r.regionByCodeOrFail(ctx, c, code, "regionCode")
	if err != nil {
		return nil, err
	}
	return c.FundAdjustment.Create().SetRegionID(reg.ID).SetAmount(int64(amount)).SetReason(strings.TrimSpace(reason)).Save(ctx)
}

func (r *Resolver) decideFundAdjustment(ctx context.Context, id int, agree bool, comment *string) (*ent.FundAdjustment, error) {
	to := fundadjustment.StateREFUSED
	if agree {
		to = fundadjustment.StateAGREED
	}
	u := ent.FromContext(ctx).FundAdjustment.UpdateOneID(id).SetState(to)
	if comment != nil {
		u.SetComment(strings.TrimSpace(*comment))
	}
	return u.Save(ctx)
}

// allocateFundAdjustment moves the agreed amount from the city to the county
// and closes the adjustment, in one transaction.
func (r *Resolver) allocateFundAdjustment(ctx context.Context, id int, key string) (*ent.FundAdjustment, error) {
	if err := checkKeyAndAmount(key, 1); err != nil {
		return nil, err
	}
	resID, err := r.idempotent(ctx, key, "adjust", id, func(c *ent.Client) (int, error) {
		adj, err := c.FundAdjustment.Query().Where(fundadjustment.ID(id)).WithRegion().Only(ctx)
		if err != nil {
			return 0, err
		}
		if adj.State != fundadjustment.StateAGREED {
			return 0, fault.New(fault.Conflict, "only an agreed adjustment is allocated; this one is %s", adj.State)
		}
		county := adj.Edges.Region
		city, err := c.Region.Get(ctx, county.ParentID)
		if err != nil {
			return 0, err
		}
		if err := r.transfer(ctx, c, city, county, adj.Amount); err != nil {
			return 0, err
		}
		if err := c.FundAdjustment.UpdateOne(adj).SetState(fundadjustment.StateALLOCATED).Exec(ctx); err != nil {
			return 0, err
		}
		return adj.ID, nil
	})
	if err != nil {
		return nil, err
	}
	return r.Client.FundAdjustment.Get(ctx, resID)
}

// transfer moves money from one region's account to another's, locking both
// in id order so that two opposite transfers cannot deadlock.
func (r *Resolver) transfer(ctx context.Context, c *ent.Client, src, dst *ent.Region, amount int64) error {
	first, second := src.ID, dst.ID
	if second < first {
		first, second = second, first
	}
	a1, err := r.account(ctx, c, first)
	if err != nil {
		return err
	}
	a2, err := r.account(ctx, c, second)
	if err != nil {
		return err
	}
	srcAcc, dstAcc := a1, a2
	if srcAcc.RegionID != src.ID {
		srcAcc, dstAcc = a2, a1
	}
	if err := move(ctx, c, srcAcc, fundentry.KindALLOCATION_OUT, -amount, 0, dst.Code); err != nil {
		return err
	}
	return move(ctx, c, dstAcc, fundentry.KindALLOCATION_IN, amount, 0, src.Code)
}
