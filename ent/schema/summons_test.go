package schema_test

import (
	"context"
	"testing"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/internal/ruletest"
	"github.com/hnvt/bairi/internal/tenday"
)

// TestSummonsRules (R9, 约谈): the level above confirms a summons with a
// reason (the admin any region's, an official a region strictly below
// theirs); the region itself, a sibling, finance officers and institution
// staff cannot; nobody, not even the admin, changes or deletes one; a city
// official reads the summonses of the regions below, another city's does not.
func TestSummonsRules(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	facts := []tenday.Fact{{Kind: tenday.FactTrailing, Category: "KEY_GROUP", Completion: 0.5, Elapsed: 0.78}}
	create := func(r *ent.Region, month, reason string) func(context.Context) error {
		return func(ctx context.Context) error {
			return w.Client.Summons.Create().SetRegionID(r.ID).SetCampaignID(1).SetMonth(month).SetReason(reason).SetFacts(facts).Exec(ctx)
		}
	}
	for _, c := range []struct {
		name string
		who  ruletest.Who
		do   func(context.Context) error
		want ruletest.Outcome
	}{
		{"the county below", ruletest.OfficialZZ, create(w.Zhongyuan, "2020-10", "进度滞后"), ruletest.OK},
		{"its own city", ruletest.OfficialZZ, create(w.Zhengzhou, "2020-10", "自查"), ruletest.Denied},
		{"another city", ruletest.OfficialZZ, create(w.Luoyang, "2020-10", "进度滞后"), ruletest.Denied},
		{"the county below", ruletest.FinanceZZ, create(w.Zhongyuan, "2020-09", "进度滞后"), ruletest.Denied},
		{"the county below", ruletest.StaffZZ, create(w.Zhongyuan, "2020-08", "进度滞后"), ruletest.Denied},
		{"a city", ruletest.Admin, create(w.Luoyang, "2020-10", "资金支出进度滞后"), ruletest.OK},
		{"without a reason", ruletest.Admin, create(w.Luoyang, "2020-11", "  "), ruletest.Outcome("BAD_USER_INPUT")},
		{"a month written wrong", ruletest.Admin, create(w.Luoyang, "2020-13", "进度滞后"), ruletest.Invalid},
	} {
		t.Run(string(c.who)+" "+c.name, func(t *testing.T) {
			ruletest.Expect(t, c.do(w.Ctx(c.who)), c.want)
		})
	}

	s := w.Client.Summons.Create().SetRegionID(w.Zhongyuan.ID).SetCampaignID(1).SetMonth("2020-11").SetReason("逾期").SetFacts(facts).
		SaveX(w.Ctx(ruletest.OfficialZZ))
	if s.ConfirmedBy != w.Users[ruletest.OfficialZZ].ID || s.ConfirmedAt.IsZero() || s.Reason != "逾期" {
		t.Errorf("confirmed by %d at %v: %+v", s.ConfirmedBy, s.ConfirmedAt, s)
	}
	ruletest.Expect(t, w.Client.Summons.UpdateOneID(s.ID).SetUpdatedBy(1).Exec(w.Ctx(ruletest.Admin)), ruletest.Denied)
	ruletest.Expect(t, w.Client.Summons.DeleteOneID(s.ID).Exec(w.Ctx(ruletest.Admin)), ruletest.Denied)
	_, err := w.Client.Summons.Get(w.Ctx(ruletest.OfficialZZ), s.ID)
	ruletest.Expect(t, err, ruletest.OK)
	_, err = w.Client.Summons.Get(w.Ctx(ruletest.OfficialLY), s.ID)
	ruletest.Expect(t, err, ruletest.NotFound)
	_, err = w.Client.Summons.Get(w.Ctx(ruletest.StaffZZ), s.ID)
	ruletest.Expect(t, err, ruletest.Denied)
}
