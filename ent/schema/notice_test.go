package schema_test

import (
	"testing"
	"time"

	"github.com/hnvt/bairi/ent/notice"
	"github.com/hnvt/bairi/internal/ruletest"
)

// TestNoticeInbox: a user marks the notices they see as read by themselves
// and changes nothing else; notices of another region stay out of reach.
func TestNoticeInbox(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	n := ruletest.Save(t, ruletest.System(), w.Client.Notice.Create().SetRegionID(w.Zhengzhou.ID).
		SetKind(notice.KindOVERDUE).SetClock(notice.ClockHR).SetDueAt(time.Now()))
	self, other := w.Users[ruletest.OfficialZZ].ID, w.Users[ruletest.FinanceZZ].ID
	mark := func(who ruletest.Who, user int) (int, error) {
		return w.Client.Notice.Update().Where(notice.ID(n.ID)).AddReadByIDs(user).Save(w.Ctx(who))
	}
	if _, err := mark(ruletest.OfficialZZ, other); err == nil {
		t.Error("an official marked a notice read for someone else")
	}
	if got, err := mark(ruletest.OfficialLY, w.Users[ruletest.OfficialLY].ID); err != nil || got != 0 {
		t.Errorf("Luoyang marked Zhengzhou's notice: %d, %v", got, err)
	}
	if got, err := mark(ruletest.OfficialZZ, self); err != nil || got != 1 {
		t.Errorf("marking one's own notice read: %d, %v", got, err)
	}
	_, err := w.Client.Notice.Delete().Where(notice.ID(n.ID)).Exec(w.Ctx(ruletest.OfficialZZ))
	ruletest.Expect(t, err, ruletest.Denied)
	_, err = mark(ruletest.Anonymous, self)
	ruletest.Expect(t, err, ruletest.Denied)
}
