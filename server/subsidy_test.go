package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/workday"
)

// TestWorkingDayAPI: the clock across the 2020 National Day holiday and its
// two working weekend days, and the admin's edits of the arrangement.
func TestWorkingDayAPI(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		add := func(date string, days int) string {
			var d struct {
				AddWorkingDays string `json:"addWorkingDays"`
			}
			s.must(t, w.staffZZ, `query($d:Date!, $n:Int!){ addWorkingDays(date:$d, days:$n) }`, map[string]any{"d": date, "n": days}, &d)
			return d.AddWorkingDays
		}
		between := func(from, to string) int {
			var d struct {
				WorkingDaysBetween int `json:"workingDaysBetween"`
			}
			s.must(t, w.staffZZ, `query($f:Date!, $t:Date!){ workingDaysBetween(from:$f, to:$t) }`, map[string]any{"f": from, "t": to}, &d)
			return d.WorkingDaysBetween
		}
		cases := []struct {
			from string
			n    int
			want string
		}{
			{"2020-09-30", 3, "2020-10-12"}, // 10-01..10-08 off; 10-09 Fri; 10-10 Sat works; 10-12 Mon
			{"2020-09-25", 1, "2020-09-27"}, // Sunday 09-27 is a working day
			{"2020-09-30", 1, "2020-10-09"},
			{"2020-10-09", 1, "2020-10-10"}, // Saturday 10-10 is a working day
			{"2020-09-30", 10, "2020-10-21"},
		}
		for _, c := range cases {
			if got := add(c.from, c.n); got != c.want {
				t.Errorf("addWorkingDays(%s, %d) = %s, want %s", c.from, c.n, got, c.want)
			}
			if got := between(c.from, c.want); got != c.n {
				t.Errorf("workingDaysBetween(%s, %s) = %d, want %d", c.from, c.want, got, c.n)
			}
		}
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, `{ addWorkingDays(date:"2020-13-01", days:1) }`, nil)
		// The admin enters a year; officials may not.
		const setQ = `mutation($y:Int!, $h:[Date!]!, $w:[Date!]!){ setHolidayYear(year:$y, holidays:$h, workingWeekends:$w){ year } }`
		vars := map[string]any{"y": 2031, "h": []any{"2031-01-01", "2031-01-02"}, "w": []any{"2031-01-04"}}
		s.wantCode(t, "FORBIDDEN", w.offZZ, setQ, vars)
		s.must(t, w.admin, setQ, vars)
		if got := add("2030-12-31", 1); got != "2031-01-03" {
			t.Errorf("after the admin's edit: %s, want 2031-01-03", got)
		}
		if got := add("2031-01-03", 1); got != "2031-01-04" { // Saturday made a working day
			t.Errorf("working Saturday: %s", got)
		}
		s.wantCode(t, "BAD_USER_INPUT", w.admin, setQ, map[string]any{"y": 2031, "h": []any{}, "w": []any{"2031-01-06"}}) // a Monday
	})
}

// passPublicity moves the server's clock past a public notice started
// before: three whole days after its first day (tests cannot wait).
func (s *testServer) passPublicity() {
	d := time.Duration(deadline.PublicityDays+1)*24*time.Hour + time.Minute
	if s.clock == nil {
		s.moveProcessClock(d)
		return
	}
	s.clock.Advance(d)
}

// moveProcessClock moves the clock of a server process (TEST_CLOCK=1)
// through POST /testing/clock.
func (s *testServer) moveProcessClock(d time.Duration) {
	resp, err := http.Post(s.URL+"/testing/clock?advance="+d.String(), "", nil)
	if err != nil {
		return // the next step says what is wrong
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		s.moved += d
	}
}

const appFields = `id state amountFen prepaidFen headcount reviewDueAt hrDueAt financeDueAt overdue acceptedAt`

// application is the selection appFields of a SubsidyApplication.
type application struct {
	ID           string     `json:"id"`
	State        string     `json:"state"`
	Amount       int        `json:"amountFen"`
	Prepaid      int        `json:"prepaidFen"`
	Headcount    int        `json:"headcount"`
	ReviewDueAt  *time.Time `json:"reviewDueAt"`
	HRDueAt      *time.Time `json:"hrDueAt"`
	FinanceDueAt *time.Time `json:"financeDueAt"`
	Overdue      bool       `json:"overdue"`
	AcceptedAt   *time.Time `json:"acceptedAt"`
}

// submitted is the answer to submitSubsidyApplication.
type submitted struct {
	SubmitSubsidyApplication application `json:"submitSubsidyApplication"`
}

// state is the selection { state } of an application or a fund adjustment.
type state struct {
	State string `json:"state"`
}

// fundAccount is the selection { fundAccount(...){ balanceFen } }.
type fundAccount struct {
	FundAccount *struct {
		Balance int `json:"balanceFen"`
	} `json:"fundAccount"`
}

// balance runs a fundAccount query and returns the balance (0 when the
// account is not shown).
func (s *testServer) balance(t testing.TB, token, query string, vars map[string]any) int {
	t.Helper()
	var d fundAccount
	s.must(t, token, query, vars, &d)
	return deref(d.FundAccount).Balance
}

// applicationReady makes a completed class, applies for it and walks the
// application to the given state.
func (w *world) application(t testing.TB, s *testServer, upTo string) string {
	t.Helper()
	return w.applicationOf(t, s, w.staffZZ, w.orgZZ, upTo)
}

// applicationOf is application for another organisation of Zhengzhou's
// subtree, by its staff.
func (w *world) applicationOf(t testing.TB, s *testServer, staff, org, upTo string) string {
	t.Helper()
	class := w.newClass(t, s, staff, org, true)
	trainees := w.enrolAs(t, s, staff, class, 30)
	s.must(t, staff, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
	s.must(t, staff, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
	w.passAs(t, s, staff, class, trainees)
	return w.walk(t, s, w.applyAs(t, s, staff, org, class).ID, upTo)
}

// apply submits the application of a completed class.
func (w *world) apply(t testing.TB, s *testServer, class string) application {
	t.Helper()
	return w.applyAs(t, s, w.staffZZ, w.orgZZ, class)
}

func (w *world) applyAs(t testing.TB, s *testServer, staff, org, class string) application {
	t.Helper()
	var d submitted
	s.must(t, staff, `mutation($in: CreateSubsidyApplicationInput!){ submitSubsidyApplication(input:$in){ `+appFields+` } }`,
		map[string]any{"in": map[string]any{"organizationID": org, "kind": "CLASS_TRAINING", "classIDs": []any{class},
			"materials": []any{"花名册", "考勤记录"}, "materialsComplete": true}}, &d)
	return d.SubmitSubsidyApplication
}

// walk moves a submitted application up to the given state.
func (w *world) walk(t testing.TB, s *testServer, id, upTo string) string {
	t.Helper()
	steps := []struct{ state, token, q string }{
		{"ACCEPTED", w.offZZ, `mutation($id:ID!){ acceptSubsidyApplication(id:$id, complex:false){ id } }`},
		{"REVIEWED", w.offZZ, `mutation($id:ID!){ reviewSubsidyApplication(id:$id, approve:true, comment:"材料齐全"){ id } }`},
		{"IN_PUBLICITY", w.offZZ, `mutation($id:ID!){ startPublicity(id:$id){ id } }`},
		{"TRANSFERRED_TO_FINANCE", w.offZZ, `mutation($id:ID!){ transferToFinance(id:$id){ id } }`},
	}
	for _, st := range steps {
		if upTo == "SUBMITTED" {
			break
		}
		if st.state == "TRANSFERRED_TO_FINANCE" {
			s.passPublicity()
		}
		s.must(t, st.token, st.q, map[string]any{"id": id})
		if st.state == upTo {
			break
		}
	}
	return id
}

var certSeq struct {
	sync.Mutex
	n int
}

// enrol enrols n new trainees in a class that has not ended and returns
// their person ids.
func (w *world) enrol(t testing.TB, s *testServer, class string, n int) []string {
	t.Helper()
	return w.enrolAs(t, s, w.staffZZ, class, n)
}

func (w *world) enrolAs(t testing.TB, s *testServer, staff, class string, n int) []string {
	t.Helper()
	certSeq.Lock()
	base := certSeq.n
	certSeq.n += n
	certSeq.Unlock()
	var persons []any
	for i := range n {
		birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, base+i)
		first17 := "410102" + birth.Format("20060102") + "123"
		persons = append(persons, map[string]any{"name": "学员", "idNumber": first17 + string(mustCheck(t, first17))})
	}
	var d enrolledPersons
	s.must(t, staff, `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ person { id } } }`, map[string]any{"c": class, "p": persons}, &d)
	return d.personIDs()
}

// pass records that the trainees of a completed class all passed, so that
// they count for the subsidy.
func (w *world) pass(t testing.TB, s *testServer, class string, trainees []string) {
	t.Helper()
	w.passAs(t, s, w.staffZZ, class, trainees)
}

func (w *world) passAs(t testing.TB, s *testServer, staff, class string, trainees []string) {
	t.Helper()
	var results []any
	for _, id := range trainees {
		results = append(results, map[string]any{"personID": id, "passed": true})
	}
	s.must(t, staff, recordQ, map[string]any{"c": class, "r": results})
}

func mustCheck(t testing.TB, first17 string) byte {
	c, err := idcheck.ResidentIDCheckChar(first17)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ledgerBalances checks a region's special account against its ledger, to
// the fen: each line's balance is the one before plus the line's amount,
// and the last is the account's balance. It returns the balance.
func (s *testServer) ledgerBalances(t testing.TB, token, code string) int {
	t.Helper()
	var d struct {
		FundAccount *struct {
			BalanceFen int `json:"balanceFen"`
			Entries    connection[struct {
				Kind            string `json:"kind"`
				AmountFen       int    `json:"amountFen"`
				BalanceAfterFen int    `json:"balanceAfterFen"`
			}] `json:"entries"`
		} `json:"fundAccount"`
	}
	s.must(t, token, `query($c:String!){ fundAccount(regionCode:$c){ balanceFen
		entries(first: 1000){ totalCount edges { node { kind amountFen balanceAfterFen } } } } }`, map[string]any{"c": code}, &d)
	acc := deref(d.FundAccount)
	if acc.Entries.TotalCount > len(acc.Entries.Edges) {
		t.Fatalf("ledger of %s: %d lines, read %d", code, acc.Entries.TotalCount, len(acc.Entries.Edges))
	}
	sum := 0
	for i, e := range acc.Entries.Edges {
		sum += e.Node.AmountFen
		if e.Node.BalanceAfterFen != sum {
			t.Errorf("ledger of %s, line %d (%s %d fen): balance after %d, the lines add up to %d", code, i+1, e.Node.Kind, e.Node.AmountFen, e.Node.BalanceAfterFen, sum)
		}
	}
	if sum != acc.BalanceFen {
		t.Errorf("ledger of %s adds up to %d fen, the account holds %d", code, sum, acc.BalanceFen)
	}
	return acc.BalanceFen
}

// yuan is an amount of yuan in fen, the API's unit of money.
func yuan(n int) int { return n * 100 }

func (w *world) setStandard(t testing.TB, s *testServer) {
	s.must(t, w.admin, `mutation{ setSubsidyStandard(category: KEY_GROUP, level: 0, fenPerHead: 120000){ id } }`, nil)
}

// TestApplicationLifecycle: every legal and illegal transition, the clocks
// and who may move an application.
func TestApplicationLifecycle(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		// Without a standard the amount cannot be computed.
		class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		submit := `mutation($in: CreateSubsidyApplicationInput!){ submitSubsidyApplication(input:$in){ ` + appFields + ` } }`
		in := map[string]any{"in": map[string]any{"organizationID": w.orgZZ, "kind": "CLASS_TRAINING", "classIDs": []any{class}, "materialsComplete": true}}
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, submit, in) // the class is not completed
		w.setStandard(t, s)
		trainees := w.enrol(t, s, class, 2)
		s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
		s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
		r := s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, submit, in) // nobody holds a certificate or voucher (R12)
		if !strings.Contains(r.Errors[0].Message, "certificate") {
			t.Errorf("message %q", r.Errors[0].Message)
		}
		// Counted: trainees with a certificate, up to the effective headcount.
		w.pass(t, s, class, trainees)
		var d0 submitted
		withComplex := map[string]any{"in": map[string]any{"organizationID": w.orgZZ, "kind": "CLASS_TRAINING", "classIDs": []any{class},
			"materialsComplete": true, "complex": true}}
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, submit, withComplex) // the applicant cannot choose the clock
		s.must(t, w.staffZZ, submit, in, &d0)
		if a := d0.SubmitSubsidyApplication; a.Headcount != 2 || a.Amount != 2*yuan(1200) {
			t.Errorf("counted trainees: %s", js(d0))
		}
		id := w.application(t, s, "SUBMITTED")
		vars := map[string]any{"id": id}
		get1 := func() application {
			var d struct {
				Node application `json:"node"`
			}
			s.must(t, w.offZZ, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { `+appFields+` } } }`, vars, &d)
			return d.Node
		}
		app := get1()
		if app.State != "SUBMITTED" || app.Amount != 30*yuan(1200) || app.Headcount != 30 {
			t.Fatalf("submitted: %s", js(app))
		}
		illegal := []string{
			`mutation($id:ID!){ startPublicity(id:$id){ id } }`,
			`mutation($id:ID!){ transferToFinance(id:$id){ id } }`,
			`mutation($id:ID!){ reviewSubsidyApplication(id:$id, approve:true){ id } }`,
		}
		for _, q := range illegal {
			s.wantCode(t, "CONFLICT", w.offZZ, q, vars)
		}
		s.wantCode(t, "FORBIDDEN", w.staffZZ, `mutation($id:ID!){ acceptSubsidyApplication(id:$id, complex:false){ id } }`, vars)
		s.wantCode(t, "NOT_FOUND", w.offLY, `mutation($id:ID!){ acceptSubsidyApplication(id:$id, complex:false){ id } }`, vars)
		s.must(t, w.offZZ, `mutation($id:ID!){ acceptSubsidyApplication(id:$id, complex:false){ id } }`, vars)
		app = get1()
		acc := deref(app.AcceptedAt)
		cal := workday.Default()
		wantReview := cal.DueAt(acc, 0)
		wantHR := cal.DueAt(acc, 10)
		gotReview := deref(app.ReviewDueAt)
		gotHR := deref(app.HRDueAt)
		near := func(a, b time.Time) bool { return a.Sub(b).Abs() < time.Millisecond } // PostgreSQL keeps microseconds
		if !near(gotReview, wantReview) || !near(gotHR, wantHR) || app.Overdue {
			t.Errorf("clocks: review %v (want %v), HR %v (want %v), %s", gotReview, wantReview, gotHR, wantHR, js(app))
		}
		// Returned: the clock stops; resubmitted by the applicant, accepted again.
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, `mutation($id:ID!){ returnSubsidyApplication(id:$id, reason:" "){ id } }`, vars)
		s.must(t, w.offZZ, `mutation($id:ID!){ returnSubsidyApplication(id:$id, reason:"缺少考勤记录"){ id } }`, vars)
		s.wantCode(t, "FORBIDDEN", w.offZZ, `mutation($id:ID!){ resubmitSubsidyApplication(id:$id){ id } }`, vars)
		s.must(t, w.staffZZ, `mutation($id:ID!){ resubmitSubsidyApplication(id:$id){ id } }`, vars)
		// The reviewer, with a reason, not the applicant, makes a case complex (3 working days).
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, `mutation($id:ID!){ acceptSubsidyApplication(id:$id, complex:true, reason:" "){ id } }`, vars)
		s.must(t, w.offZZ, `mutation($id:ID!){ acceptSubsidyApplication(id:$id, complex:true, reason:"涉及三个工种"){ id } }`, vars)
		if app = get1(); !near(deref(app.ReviewDueAt), cal.DueAt(deref(app.AcceptedAt), 3)) {
			t.Errorf("complex case: review due %v, want 3 working days after %v", app.ReviewDueAt, app.AcceptedAt)
		}
		s.must(t, w.offZZ, `mutation($id:ID!){ returnSubsidyApplication(id:$id, reason:"请补充证书"){ id } }`, vars)
		s.must(t, w.staffZZ, `mutation($id:ID!){ resubmitSubsidyApplication(id:$id){ id } }`, vars)
		s.must(t, w.offZZ, `mutation($id:ID!){ acceptSubsidyApplication(id:$id, complex:false){ id } }`, vars)
		s.must(t, w.offZZ, `mutation($id:ID!){ reviewSubsidyApplication(id:$id, approve:true){ id } }`, vars)
		s.must(t, w.offZZ, `mutation($id:ID!){ startPublicity(id:$id){ id } }`, vars)
		// The notice lasts at least three days, and objections must be resolved.
		s.wantCode(t, "CONFLICT", w.offZZ, `mutation($id:ID!){ transferToFinance(id:$id){ id } }`, vars)
		var objection struct {
			LodgeObjection ref `json:"lodgeObjection"`
		}
		s.must(t, w.trainee, `mutation($id:ID!){ lodgeObjection(id:$id, text:"实际参训人数不足"){ id } }`, vars, &objection)
		o := objection.LodgeObjection.ID
		s.passPublicity()
		s.wantCode(t, "CONFLICT", w.offZZ, `mutation($id:ID!){ transferToFinance(id:$id){ id } }`, vars)
		s.wantCode(t, "FORBIDDEN", w.staffZZ, `mutation($id:ID!){ resolveObjection(id:$id, upheld:false){ id } }`, map[string]any{"id": o})
		s.must(t, w.offZZ, `mutation($id:ID!){ resolveObjection(id:$id, upheld:false, comment:"已核实"){ id } }`, map[string]any{"id": o})
		s.wantCode(t, "CONFLICT", w.finZZ, `mutation($id:ID!){ paySubsidyApplication(id:$id, idempotencyKey:"early-pay-1"){ id } }`, vars)
		s.must(t, w.offZZ, `mutation($id:ID!){ transferToFinance(id:$id){ id } }`, vars)
		app = get1()
		if app.State != "TRANSFERRED_TO_FINANCE" || app.FinanceDueAt == nil {
			t.Errorf("transferred: %s", js(app))
		}
		// Finance pays from the special account, which must hold enough.
		pay := `mutation($id:ID!, $k:String!){ paySubsidyApplication(id:$id, idempotencyKey:$k){ state } }`
		s.wantCode(t, "CONFLICT", w.finZZ, pay, map[string]any{"id": id, "k": "pay-attempt-1"})
		s.must(t, w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 5000000, idempotencyKey:"deposit-zz-1"){ balanceFen } }`, nil)
		s.wantCode(t, "FORBIDDEN", w.offZZ, pay, map[string]any{"id": id, "k": "pay-attempt-2"})
		var paid struct {
			PaySubsidyApplication state `json:"paySubsidyApplication"`
		}
		if s.must(t, w.finZZ, pay, map[string]any{"id": id, "k": "pay-attempt-3"}, &paid); paid.PaySubsidyApplication.State != "PAID" {
			t.Errorf("paid: %s", paid.PaySubsidyApplication.State)
		}
		bal := s.ledgerBalances(t, w.finZZ, "410100")
		if bal != yuan(50000-36000) {
			t.Errorf("balance %d fen, want %d", bal, yuan(50000-36000))
		}
		s.wantCode(t, "CONFLICT", w.finZZ, pay, map[string]any{"id": id, "k": "pay-attempt-4"})
		// An upheld objection returns the application; a rejection needs a reason.
		id2 := w.application(t, s, "IN_PUBLICITY")
		var objection2 struct {
			LodgeObjection ref `json:"lodgeObjection"`
		}
		s.must(t, w.trainee, `mutation($id:ID!){ lodgeObjection(id:$id, text:"虚报"){ id } }`, map[string]any{"id": id2}, &objection2)
		s.must(t, w.offZZ, `mutation($id:ID!){ resolveObjection(id:$id, upheld:true, comment:"查实"){ id } }`, map[string]any{"id": objection2.LodgeObjection.ID})
		var returned struct {
			Node state `json:"node"`
		}
		s.must(t, w.offZZ, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { state } } }`, map[string]any{"id": id2}, &returned)
		if st := returned.Node.State; st != "RETURNED" {
			t.Errorf("after an upheld objection: %s", st)
		}
		id3 := w.application(t, s, "ACCEPTED")
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, `mutation($id:ID!){ reviewSubsidyApplication(id:$id, approve:false){ id } }`, map[string]any{"id": id3})
		s.must(t, w.offZZ, `mutation($id:ID!){ reviewSubsidyApplication(id:$id, approve:false, comment:"不符合条件"){ id } }`, map[string]any{"id": id3})
		s.wantCode(t, "CONFLICT", w.offZZ, `mutation($id:ID!){ acceptSubsidyApplication(id:$id, complex:false){ id } }`, map[string]any{"id": id3})
		// Scope: finance and officials of another city see nothing; staff their own.
		applications := func(token string) int {
			var d struct {
				SubsidyApplications counted `json:"subsidyApplications"`
			}
			s.must(t, token, `{ subsidyApplications { totalCount } }`, nil, &d)
			return d.SubsidyApplications.TotalCount
		}
		for name, tok := range map[string]string{"LY official": w.offLY, "LY staff": w.staffLY} {
			if n := applications(tok); n != 0 {
				t.Errorf("%s sees %d applications", name, n)
			}
		}
		if n := applications(w.staffZZ); n != 4 {
			t.Errorf("staff see %d of their applications", n)
		}
		var ly fundAccount
		if s.must(t, w.offLY, `{ fundAccount(regionCode:"410100"){ balanceFen } }`, nil, &ly); ly.FundAccount != nil {
			t.Errorf("Luoyang sees Zhengzhou's account: %+v", *ly.FundAccount)
		}
	})
}

// TestConcurrentMoney: 50 concurrent payments on one account leave the
// balance exact and never negative; 10 concurrent replays of one key make
// one payment; a key reused with another payload is refused.
func TestConcurrentMoney(t *testing.T) {
	s := startServer(t, "postgres", nil)
	w := newWorld(t, s)
	w.setStandard(t, s)
	const n = 50
	apps := make([]string, n)
	for i := range apps {
		apps[i] = w.application(t, s, "TRANSFERRED_TO_FINANCE")
	}
	// Enough for 40 of the 50 payments (36,000 yuan each).
	s.must(t, w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 144000000, idempotencyKey:"deposit-concurrent") { balanceFen } }`, nil)
	pay := `mutation($id:ID!, $k:String!){ paySubsidyApplication(id:$id, idempotencyKey:$k){ state } }`
	var wg sync.WaitGroup
	codes := make([]string, n)
	for i := range apps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := s.gql(t, w.finZZ, pay, map[string]any{"id": apps[i], "k": fmt.Sprintf("pay-%03d-%s", i, apps[i])})
			codes[i] = r.code()
		}()
	}
	wg.Wait()
	paid, refused := 0, 0
	for _, c := range codes {
		switch c {
		case "":
			paid++
		case "CONFLICT":
			refused++
		default:
			t.Errorf("unexpected code %q", c)
		}
	}
	bal := s.ledgerBalances(t, w.finZZ, "410100")
	if paid != 40 || refused != 10 || bal != 0 {
		t.Errorf("%d paid, %d refused, balance %d: want 40, 10, 0", paid, refused, bal)
	}
	// Replays: ten concurrent deposits with one key make one deposit.
	var replays sync.WaitGroup
	for range 10 {
		replays.Add(1)
		go func() {
			defer replays.Done()
			r := s.gql(t, w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 70000, idempotencyKey:"replayed-key-1"){ balanceFen } }`, nil)
			if len(r.Errors) > 0 {
				t.Errorf("replay: %+v", r.Errors)
			}
		}()
	}
	replays.Wait()
	bal = s.ledgerBalances(t, w.finZZ, "410100")
	if bal != yuan(700) {
		t.Errorf("balance after 10 replays of one deposit: %d fen, want 70000", bal)
	}
	s.wantCode(t, "CONFLICT", w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 70100, idempotencyKey:"replayed-key-1"){ balanceFen } }`, nil)
	// Allocation goes one level down, never overdraws.
	s.must(t, w.offZZ, `mutation($p:ID!){ createRegion(input:{code:"410102", name:"中原区", level: COUNTY, parentID:$p}){ id } }`, map[string]any{"p": w.zz})
	s.wantCode(t, "BAD_USER_INPUT", w.finZZ, `mutation{ allocateFunds(fromRegionCode:"410100", toRegionCode:"410300", amountFen: 10000, idempotencyKey:"alloc-wrong-1"){ balanceFen } }`, nil)
	s.wantCode(t, "CONFLICT", w.finZZ, `mutation{ allocateFunds(fromRegionCode:"410100", toRegionCode:"410102", amountFen: 70100, idempotencyKey:"alloc-over-1"){ balanceFen } }`, nil)
	s.must(t, w.finZZ, `mutation{ allocateFunds(fromRegionCode:"410100", toRegionCode:"410102", amountFen: 30000, idempotencyKey:"alloc-ok-1"){ balanceFen } }`, nil)
	if b := s.ledgerBalances(t, w.finZZ, "410102"); b != yuan(300) {
		t.Errorf("county balance %d fen", b)
	}
	if b := s.ledgerBalances(t, w.finZZ, "410100"); b != yuan(400) {
		t.Errorf("city balance %d fen after allocating 300 of 700 yuan", b)
	}
	s.wantCode(t, "FORBIDDEN", w.offLY, `mutation{ allocateFunds(fromRegionCode:"410100", toRegionCode:"410102", amountFen: 100, idempotencyKey:"alloc-ly-1"){ balanceFen } }`, nil)
}

// TestConcurrentAccountOpening: concurrent first deposits into accounts
// not opened yet all go through: a request that finds the account opened
// by another one meanwhile uses it (it answered FORBIDDEN, found by the
// soak suite), and the ledger adds up to the fen.
func TestConcurrentAccountOpening(t *testing.T) {
	s := startServer(t, "postgres", nil)
	admin := s.adminToken(t)
	const n = 20
	for _, code := range []string{"410000", "410100", "410300"} {
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := s.gql(t, admin, `mutation($c:String!, $k:String!){ depositFunds(regionCode:$c, amountFen: 100, idempotencyKey:$k){ balanceFen } }`,
					map[string]any{"c": code, "k": fmt.Sprintf("open-%s-%02d", code, i)})
				if len(r.Errors) > 0 {
					t.Errorf("a first deposit into %s: %+v", code, r.Errors)
				}
			}()
		}
		wg.Wait()
		if b := s.ledgerBalances(t, admin, code); b != n*100 {
			t.Errorf("%s holds %d fen after %d deposits of 100", code, b, n)
		}
	}
}

// TestPrepayment: 50% at approval for project-based training, deducted at
// settlement, and recovered when the class fails supervision (R6).
func TestPrepayment(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		w.setStandard(t, s)
		s.must(t, w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 10000000, idempotencyKey:"deposit-prepay-1"){ balanceFen } }`, nil)
		balance := func() int {
			return s.balance(t, w.finZZ, `{ fundAccount(regionCode:"410100"){ balanceFen } }`, nil)
		}
		const drawQ = `mutation($c:ID!, $k:String!){ drawPrepayment(classID:$c, idempotencyKey:$k){ id amountFen status } }`
		projectBased := map[string]any{"projectBased": true}
		draft := w.newClassWith(t, s, w.staffZZ, w.orgZZ, false, projectBased)
		s.wantCode(t, "CONFLICT", w.finZZ, drawQ, map[string]any{"c": draft, "k": "prepay-draft-1"})
		// An institution's class that is not project-based is not prepaid.
		plain := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		s.wantCode(t, "CONFLICT", w.finZZ, drawQ, map[string]any{"c": plain, "k": "prepay-plain-1"})
		class := w.newClassWith(t, s, w.staffZZ, w.orgZZ, true, projectBased)
		s.wantCode(t, "FORBIDDEN", w.staffZZ, drawQ, map[string]any{"c": class, "k": "prepay-staff-1"})
		type drawn struct {
			DrawPrepayment struct {
				ID     string `json:"id"`
				Amount int    `json:"amountFen"`
				Status string `json:"status"`
			} `json:"drawPrepayment"`
		}
		var d drawn
		s.must(t, w.finZZ, drawQ, map[string]any{"c": class, "k": "prepay-ok-1"}, &d)
		if d.DrawPrepayment.Amount != yuan(18000) || balance() != yuan(100000-18000) {
			t.Fatalf("prepayment %+v, balance %d", d, balance())
		}
		s.wantCode(t, "CONFLICT", w.finZZ, drawQ, map[string]any{"c": class, "k": "prepay-again-1"})
		// Settlement deducts it.
		trainees := w.enrol(t, s, class, 30)
		s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
		s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
		w.pass(t, s, class, trainees)
		var sub submitted
		s.must(t, w.staffZZ, `mutation($in: CreateSubsidyApplicationInput!){ submitSubsidyApplication(input:$in){ id amountFen prepaidFen } }`,
			map[string]any{"in": map[string]any{"organizationID": w.orgZZ, "kind": "CLASS_TRAINING", "classIDs": []any{class}, "materialsComplete": true}}, &sub)
		app := sub.SubmitSubsidyApplication.ID
		if a := sub.SubmitSubsidyApplication; a.Prepaid != yuan(18000) || a.Amount != yuan(36000) {
			t.Errorf("application: %s", js(sub))
		}
		for _, q := range []string{`acceptSubsidyApplication(id:$id, complex:false){ id }`, `reviewSubsidyApplication(id:$id, approve:true){ id }`, `startPublicity(id:$id){ id }`} {
			s.must(t, w.offZZ, `mutation($id:ID!){ `+q+` }`, map[string]any{"id": app})
		}
		// The hand-over is offered only once the notice has run its three whole days.
		offered := func() []string {
			var d struct {
				Node struct {
					AllowedActions []string `json:"allowedActions"`
				} `json:"node"`
			}
			s.must(t, w.offZZ, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { allowedActions } } }`, map[string]any{"id": app}, &d)
			return d.Node.AllowedActions
		}
		if a := offered(); slices.Contains(a, "TRANSFER_TO_FINANCE") || !slices.Contains(a, "RETURN") {
			t.Errorf("during the notice the official is offered %v", a)
		}
		s.passPublicity()
		if a := offered(); !slices.Contains(a, "TRANSFER_TO_FINANCE") {
			t.Errorf("after the notice the official is offered %v", a)
		}
		s.must(t, w.offZZ, `mutation($id:ID!){ transferToFinance(id:$id){ id } }`, map[string]any{"id": app})
		s.must(t, w.finZZ, `mutation($id:ID!){ paySubsidyApplication(id:$id, idempotencyKey:"settle-1"){ state } }`, map[string]any{"id": app})
		if b := balance(); b != yuan(100000-36000) {
			t.Errorf("after settlement the account paid %d fen in all, want 3600000", yuan(100000)-b)
		}
		var settled struct {
			Prepayments connection[struct {
				Status string `json:"status"`
			}] `json:"prepayments"`
		}
		s.must(t, w.finZZ, `{ prepayments { edges { node { status } } } }`, nil, &settled)
		st := ""
		if len(settled.Prepayments.Edges) > 0 {
			st = settled.Prepayments.Edges[0].Node.Status
		}
		if st != "SETTLED" {
			t.Errorf("prepayment after settlement: %s", st)
		}
		s.ledgerBalances(t, w.finZZ, "410100")

		// The notice's example: 30 approved trainees x 1,200 yuan, 50% prepaid = 18,000 yuan;
		// only 10 certified, so the subsidy is 12,000 and 6,000 yuan is to be recovered.
		short := w.newClassWith(t, s, w.staffZZ, w.orgZZ, true, projectBased)
		s.must(t, w.finZZ, drawQ, map[string]any{"c": short, "k": "prepay-short-1"}, &d)
		shortPre := d.DrawPrepayment.ID
		if d.DrawPrepayment.Amount != yuan(18000) {
			t.Fatalf("prepaid %d fen, want 1800000", d.DrawPrepayment.Amount)
		}
		enrolled := w.enrol(t, s, short, 30)
		s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": short})
		s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": short})
		w.pass(t, s, short, enrolled[:10])
		// Before submitting, the institution sees what it will claim and why.
		const quoteQ = `query($c:[ID!]!){ subsidyQuote(kind: CLASS_TRAINING, classIDs:$c){ headcount amountFen prepaidFen
			classes { class { id } fenPerHead certified vouchers counted uncounted amountFen } } }`
		var quote struct {
			SubsidyQuote struct {
				Headcount, AmountFen, PrepaidFen int
				Classes                          []struct {
					Class                                               struct{ ID string }
					FenPerHead, Certified, Vouchers, Counted, Uncounted int
					AmountFen                                           int
				}
			} `json:"subsidyQuote"`
		}
		s.must(t, w.staffZZ, quoteQ, map[string]any{"c": []any{short}}, &quote)
		if q := quote.SubsidyQuote; q.Headcount != 10 || q.AmountFen != yuan(12000) || q.PrepaidFen != yuan(18000) || len(q.Classes) != 1 ||
			q.Classes[0].Class.ID != short || q.Classes[0].FenPerHead != yuan(1200) || q.Classes[0].Certified != 10 || q.Classes[0].Counted != 10 ||
			q.Classes[0].Vouchers != 0 || q.Classes[0].AmountFen != yuan(12000) {
			t.Errorf("quote of the 30/10 class: %s", js(quote))
		}
		// Another institution's staff cannot quote (nor see) this class; a class not completed is refused with the reason.
		s.wantCode(t, "BAD_USER_INPUT", w.staffLY, quoteQ, map[string]any{"c": []any{short}})
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, quoteQ, map[string]any{"c": []any{draft}})
		shortApp := w.apply(t, s, short)
		// Once applied for, the class is not quoted again.
		s.wantCode(t, "CONFLICT", w.staffZZ, quoteQ, map[string]any{"c": []any{short}})
		if shortApp.Amount != yuan(12000) || shortApp.Prepaid != yuan(18000) {
			t.Errorf("application: %d fen due, %d prepaid; want 1200000 and 1800000", shortApp.Amount, shortApp.Prepaid)
		}
		var inYuan struct {
			Node struct{ Amount, Prepaid int } `json:"node"`
		}
		s.must(t, w.staffZZ, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { amount prepaid } } }`, map[string]any{"id": shortApp.ID}, &inYuan)
		if inYuan.Node.Amount != 12000 || inYuan.Node.Prepaid != 18000 {
			t.Errorf("the deprecated yuan fields read %+v, want 12000 and 18000", inYuan.Node)
		}
		w.walk(t, s, shortApp.ID, "TRANSFERRED_TO_FINANCE")
		beforePay := balance()
		s.must(t, w.finZZ, `mutation($id:ID!){ paySubsidyApplication(id:$id, idempotencyKey:"settle-short-1"){ state } }`, map[string]any{"id": shortApp.ID})
		if b := balance(); b != beforePay {
			t.Errorf("paying an application prepaid in excess moved %d fen, want none", b-beforePay)
		}
		var toRecover struct {
			Node struct {
				Status         string `json:"status"`
				RecoverableFen int    `json:"recoverableFen"`
			} `json:"node"`
		}
		const preQ = `query($id:ID!){ node(id:$id){ ... on Prepayment { status recoverableFen } } }`
		s.must(t, w.staffZZ, preQ, map[string]any{"id": shortPre}, &toRecover) // the institution sees what it owes
		if n := toRecover.Node; n.Status != "TO_RECOVER" || n.RecoverableFen != yuan(6000) {
			t.Errorf("after settlement the prepayment is %s with %d fen to recover, want TO_RECOVER with 600000", n.Status, n.RecoverableFen)
		}
		const recoverQ = `mutation($id:ID!, $k:String!){ recoverPrepayment(id:$id, idempotencyKey:$k){ status } }`
		// Finance alone is offered the recovery, and HR is refused it.
		preActions := func(tok, id string) []string {
			var d struct {
				Node struct {
					AllowedActions []string `json:"allowedActions"`
				} `json:"node"`
			}
			s.must(t, tok, `query($id:ID!){ node(id:$id){ ... on Prepayment { allowedActions } } }`, map[string]any{"id": id}, &d)
			return d.Node.AllowedActions
		}
		if f, o := preActions(w.finZZ, shortPre), preActions(w.offZZ, shortPre); !slices.Equal(f, []string{"RECOVER"}) || len(o) != 0 {
			t.Errorf("allowedActions of a prepayment to recover: finance %v, HR %v; want [RECOVER] and []", f, o)
		}
		s.wantCode(t, "FORBIDDEN", w.offZZ, recoverQ, map[string]any{"id": shortPre, "k": "recover-hr-1"})
		for range 2 { // a replay recovers once
			s.must(t, w.finZZ, recoverQ, map[string]any{"id": shortPre, "k": "recover-short-1"})
		}
		if b := balance(); b != beforePay+yuan(6000) {
			t.Errorf("recovery credited %d fen, want 600000", b-beforePay)
		}
		s.must(t, w.finZZ, preQ, map[string]any{"id": shortPre}, &toRecover)
		if toRecover.Node.Status != "RECOVERED" {
			t.Errorf("after recovery the prepayment is %s", toRecover.Node.Status)
		}
		// Deposited 100,000; paid 36,000 for the first class and, net, 12,000 for this one.
		if b := s.ledgerBalances(t, w.finZZ, "410100"); b != yuan(100000-36000-12000) {
			t.Errorf("balance %d fen, want %d", b, yuan(100000-36000-12000))
		}

		// A class whose evidence is rejected: the prepayment is recovered.
		failing := w.newClassWith(t, s, w.staffZZ, w.orgZZ, true, projectBased)
		var failed drawn
		s.must(t, w.finZZ, drawQ, map[string]any{"c": failing, "k": "prepay-fail-1"}, &failed)
		pre := failed.DrawPrepayment.ID
		ev, _ := s.uploadAll(t, w.staffZZ, failing, "ATTENDANCE_VIDEO", randomBytes(t, 4096), openingDay, venueLat, venueLon)
		if a := preActions(w.finZZ, pre); len(a) != 0 {
			t.Errorf("allowedActions of a paid prepayment: %v, want none", a)
		}
		s.wantCode(t, "CONFLICT", w.finZZ, recoverQ, map[string]any{"id": pre, "k": "recover-early-1"})
		s.must(t, w.inspZZ, `mutation($id:ID!){ reviewEvidence(input:{evidenceID:$id, decision: REJECTED, comment:"人数与报名不符"}){ id } }`, map[string]any{"id": ev})
		before := balance()
		var recovered struct {
			RecoverPrepayment struct {
				Status string `json:"status"`
			} `json:"recoverPrepayment"`
		}
		s.must(t, w.finZZ, recoverQ, map[string]any{"id": pre, "k": "recover-1"}, &recovered)
		if st := recovered.RecoverPrepayment.Status; st != "RECOVERED" {
			t.Errorf("recovery: %s", st)
		}
		if balance() != before+yuan(18000) {
			t.Errorf("recovery credited %d fen, want 1800000", balance()-before)
		}
		s.ledgerBalances(t, w.finZZ, "410100")
	})
}

// TestExports: the application ledger and the fund ledger as XLSX, each
// holding only what the viewer may see.
func TestExports(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		w.setStandard(t, s)
		s.must(t, w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 5000000, idempotencyKey:"deposit-export-1"){ balanceFen } }`, nil)
		app := w.application(t, s, "TRANSFERRED_TO_FINANCE")
		s.must(t, w.finZZ, `mutation($id:ID!){ paySubsidyApplication(id:$id, idempotencyKey:"pay-export-1"){ state } }`, map[string]any{"id": app})
		if b := s.ledgerBalances(t, w.finZZ, "410100"); b != yuan(50000-36000) {
			t.Errorf("balance %d fen after paying 36,000 of 50,000 yuan", b)
		}
		rows := func(token, path string) [][]string {
			status, body := s.get(t, token, path)
			if status != 200 {
				return nil
			}
			f, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			r, _ := f.GetRows("Sheet1")
			return r
		}
		if r := rows(w.offZZ, "/exports/subsidy-applications.xlsx"); len(r) != 2 || r[1][4] != "PAID" || r[1][6] != "36000.00" {
			t.Errorf("ZZ ledger: %v", r)
		}
		if r := rows(w.offLY, "/exports/subsidy-applications.xlsx"); len(r) != 1 {
			t.Errorf("LY sees %d applications in the export", len(r)-1)
		}
		if r := rows(w.finZZ, "/exports/fund-ledger.xlsx"); len(r) != 3 || r[2][2] != "PAYMENT" || r[2][4] != "14000.00" {
			t.Errorf("fund ledger: %v", r)
		}
		if r := rows("", "/exports/fund-ledger.xlsx"); r != nil {
			t.Error("anonymous export")
		}
	})
}

// TestDeadlineNotices: the River job on each stack raises one OVERDUE notice
// per clock that ran out (all six R7 clocks), once, for the officials of the
// region.
func TestDeadlineNotices(t *testing.T) {
	forEachStackWith(t, scanEverySecond, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		w.setStandard(t, s)
		// One application stopped at each step (the hand-over first: it moves the clock past a notice).
		apps := map[string]string{}
		for _, st := range []string{"TRANSFERRED_TO_FINANCE", "SUBMITTED", "ACCEPTED", "REVIEWED", "IN_PUBLICITY"} {
			apps[st] = w.application(t, s, st)
		}
		want := map[string]bool{
			"ACCEPTANCE " + apps["SUBMITTED"]: true,
			"REVIEW " + apps["ACCEPTED"]:      true, "HR " + apps["ACCEPTED"]: true,
			"PUBLICITY " + apps["REVIEWED"]: true, "HR " + apps["REVIEWED"]: true,
			"HANDOVER " + apps["IN_PUBLICITY"]: true, "HR " + apps["IN_PUBLICITY"]: true,
			"FINANCE " + apps["TRANSFERRED_TO_FINANCE"]: true,
		}
		// A month later every clock has run out.
		s.clock.Advance(31 * 24 * time.Hour)
		const q = `{ notices(first: 100, where: {kind: OVERDUE}) { totalCount edges { node { kind clock application { id } } } } }`
		type notice struct {
			Kind        string `json:"kind"`
			Clock       string `json:"clock"`
			Application ref    `json:"application"`
		}
		notices := func(token string) connection[notice] {
			var d struct {
				Notices connection[notice] `json:"notices"`
			}
			s.must(t, token, q, nil, &d)
			return d.Notices
		}
		var d connection[notice]
		eventually(func() bool { d = notices(w.offZZ); return d.TotalCount >= len(want) })
		got := map[string]bool{}
		for _, e := range d.Edges {
			key := e.Node.Clock + " " + e.Node.Application.ID
			if got[key] {
				t.Errorf("notice %s raised twice", key)
			}
			got[key] = true
		}
		if !maps.Equal(got, want) {
			t.Fatalf("overdue notices %v, want %v", got, want)
		}
		var overdue struct {
			Node struct {
				Overdue bool `json:"overdue"`
				Clocks  []struct {
					Name    string `json:"name"`
					Overdue bool   `json:"overdue"`
					Stopped bool   `json:"stopped"`
				} `json:"clocks"`
			} `json:"node"`
		}
		s.must(t, w.offZZ, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { overdue clocks { name overdue stopped } } } }`,
			map[string]any{"id": apps["IN_PUBLICITY"]}, &overdue)
		if n := overdue.Node; !n.Overdue || len(n.Clocks) != 5 || n.Clocks[3].Name != "HANDOVER" || !n.Clocks[3].Overdue || n.Clocks[3].Stopped {
			t.Errorf("the application in publicity shows %+v: want overdue, with ACCEPTANCE, REVIEW, PUBLICITY stopped and HANDOVER, HR running late", n)
		}
		time.Sleep(2500 * time.Millisecond) // more scans: still one notice per clock
		if n := notices(w.offZZ).TotalCount; n != len(want) {
			t.Errorf("%d notices after repeated scans, want %d", n, len(want))
		}
		// The inbox: each user reads their own notices.
		unread := func(token string) (count, listed int) {
			var u struct {
				UnreadNoticeCount int     `json:"unreadNoticeCount"`
				Notices           counted `json:"notices"`
			}
			s.must(t, token, `{ unreadNoticeCount notices(unreadOnly: true){ totalCount } }`, nil, &u)
			return u.UnreadNoticeCount, u.Notices.TotalCount
		}
		if c, l := unread(w.offZZ); c < len(want) || l != c {
			t.Errorf("unread before reading: count %d, listed %d, want %d or more (and DUE_SOON ones)", c, l, len(want))
		}
		before, _ := unread(w.offZZ)
		var ids []string
		var list struct {
			Notices connection[ref] `json:"notices"`
		}
		s.must(t, w.offZZ, `{ notices(first: 3, unreadOnly: true){ edges { node { id } } } }`, nil, &list)
		for _, e := range list.Notices.Edges {
			ids = append(ids, e.Node.ID)
		}
		const markQ = `mutation($ids:[ID!]!){ markNoticesRead(ids:$ids) }`
		var marked struct {
			MarkNoticesRead int `json:"markNoticesRead"`
		}
		if s.must(t, w.offLY, markQ, map[string]any{"ids": ids}, &marked); marked.MarkNoticesRead != 0 {
			t.Errorf("Luoyang marked %d of Zhengzhou's notices", marked.MarkNoticesRead)
		}
		if s.must(t, w.offZZ, markQ, map[string]any{"ids": ids}, &marked); marked.MarkNoticesRead != 3 {
			t.Errorf("marked %d, want 3", marked.MarkNoticesRead)
		}
		if s.must(t, w.offZZ, markQ, map[string]any{"ids": ids}, &marked); marked.MarkNoticesRead != 0 {
			t.Errorf("marked again: %d, want 0", marked.MarkNoticesRead)
		}
		if c, l := unread(w.offZZ); c != before-3 || l != c {
			t.Errorf("unread after reading 3: count %d, listed %d, want %d", c, l, before-3)
		}
		if c, _ := unread(w.finZZ); c != before {
			t.Errorf("another user's inbox changed: %d unread, want %d", c, before)
		}
		var read struct {
			Node struct {
				Read bool `json:"read"`
			} `json:"node"`
		}
		if s.must(t, w.offZZ, `query($id:ID!){ node(id:$id){ ... on Notice { read } } }`, map[string]any{"id": ids[0]}, &read); !read.Node.Read {
			t.Error("a notice marked read does not say so")
		}
		if n := notices(w.offLY).TotalCount; n != 0 {
			t.Errorf("Luoyang sees %d of Zhengzhou's notices", n)
		}
	})
}

// TestFundAdjustment: a county whose special account cannot cover its
// pending payments asks its city (调剂); the city's HR gives its opinion on a
// 5-working-day clock, its finance office answers the consultation (会商) and
// allocates on another; both clocks raise notices (R6).
func TestFundAdjustment(t *testing.T) { forEachStackWith(t, scanEverySecond, fundAdjustment) }

func fundAdjustment(t *testing.T, s *testServer) {
	w := newWorld(t, s)
	w.setStandard(t, s)
	cn := w.newCounty(t, s)
	offCN := cn.official
	const reqQ = `mutation($r:String!, $a:Int!){ requestFundAdjustment(regionCode:$r, amountFen:$a, reason:"预拨资金已用完"){ id state requestedAt hrDueAt overdue } }`
	s.wantCode(t, "FORBIDDEN", offCN, reqQ, map[string]any{"r": "410100", "a": yuan(5000)})
	s.wantCode(t, "FORBIDDEN", w.offZZ, reqQ, map[string]any{"r": "410102", "a": yuan(5000)}) // the city does not file for the county
	s.wantCode(t, "BAD_USER_INPUT", w.admin, reqQ, map[string]any{"r": "410000", "a": yuan(5000)})
	// Nothing to pay yet: the county's account (empty) covers its pending payments (none).
	r := s.wantCode(t, "CONFLICT", offCN, reqQ, map[string]any{"r": "410102", "a": yuan(5000)})
	if m := r.Errors[0].Message; !strings.Contains(m, "0.00 yuan") {
		t.Errorf("refusal %q does not state the figures", m)
	}
	// A county institution's application of 36,000 yuan awaits payment.
	w.applicationOf(t, s, cn.staff, cn.org, "TRANSFERRED_TO_FINANCE")

	var requested struct {
		RequestFundAdjustment struct {
			ID          string     `json:"id"`
			State       string     `json:"state"`
			RequestedAt time.Time  `json:"requestedAt"`
			HRDueAt     *time.Time `json:"hrDueAt"`
			Overdue     bool       `json:"overdue"`
		} `json:"requestFundAdjustment"`
	}
	s.must(t, offCN, reqQ, map[string]any{"r": "410102", "a": yuan(5000)}, &requested)
	id := requested.RequestFundAdjustment.ID
	req := requested.RequestFundAdjustment.RequestedAt
	due := deref(requested.RequestFundAdjustment.HRDueAt)
	if want := workday.Default().DueAt(req, 5); due.Sub(want).Abs() > time.Millisecond {
		t.Errorf("HR due %v, want %v", due, want)
	}
	const decideQ = `mutation($id:ID!, $a:Boolean!){ decideFundAdjustment(id:$id, agree:$a, comment:"同意"){ state financeDueAt } }`
	const financeQ = `mutation($id:ID!, $a:Boolean!){ agreeFundAdjustmentAsFinance(id:$id, agree:$a, comment:"经会商同意"){ state } }`
	vars := map[string]any{"id": id, "a": true}
	s.wantCode(t, "FORBIDDEN", offCN, decideQ, vars) // not one's own request
	s.wantCode(t, "NOT_FOUND", w.offLY, decideQ, vars)
	s.wantCode(t, "FORBIDDEN", w.finZZ, decideQ, vars) // HR gives the opinion
	s.wantCode(t, "CONFLICT", w.finZZ, financeQ, vars) // and gives it first
	var decided struct {
		DecideFundAdjustment struct {
			State        string     `json:"state"`
			FinanceDueAt *time.Time `json:"financeDueAt"`
		} `json:"decideFundAdjustment"`
	}
	s.must(t, w.offZZ, decideQ, vars, &decided)
	if decided.DecideFundAdjustment.State != "HR_AGREED" || decided.DecideFundAdjustment.FinanceDueAt == nil {
		t.Fatalf("decision: %s", js(decided))
	}
	s.wantCode(t, "CONFLICT", w.offZZ, decideQ, vars)
	const allocQ = `mutation($id:ID!, $k:String!){ allocateFundAdjustment(id:$id, idempotencyKey:$k){ state } }`
	s.wantCode(t, "CONFLICT", w.finZZ, allocQ, map[string]any{"id": id, "k": "adjust-early-1"}) // finance has not agreed yet
	s.wantCode(t, "FORBIDDEN", w.offZZ, financeQ, vars)                                         // finance answers the consultation
	var agreed struct {
		AgreeFundAdjustmentAsFinance state `json:"agreeFundAdjustmentAsFinance"`
	}
	if s.must(t, w.finZZ, financeQ, vars, &agreed); agreed.AgreeFundAdjustmentAsFinance.State != "AGREED" {
		t.Fatalf("finance: %s", js(agreed))
	}
	s.wantCode(t, "CONFLICT", w.finZZ, allocQ, map[string]any{"id": id, "k": "adjust-poor-1"}) // the city has no money yet
	s.must(t, w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 800000, idempotencyKey:"deposit-adjust-1"){ balanceFen } }`, nil)
	s.wantCode(t, "FORBIDDEN", w.offZZ, allocQ, map[string]any{"id": id, "k": "adjust-hr-1"})
	for range 2 { // the replay returns the first result
		var allocated struct {
			AllocateFundAdjustment state `json:"allocateFundAdjustment"`
		}
		s.must(t, w.finZZ, allocQ, map[string]any{"id": id, "k": "adjust-ok-1"}, &allocated)
		if st := allocated.AllocateFundAdjustment.State; st != "ALLOCATED" {
			t.Errorf("allocation: %s", st)
		}
	}
	if b := s.ledgerBalances(t, w.finZZ, "410100"); b != yuan(3000) {
		t.Errorf("city balance %d fen, want 300000", b)
	}
	if b := s.ledgerBalances(t, w.finZZ, "410102"); b != yuan(5000) {
		t.Errorf("county balance %d fen, want 500000", b)
	}

	// A second request still short (5,000 yuan for 36,000 pending); finance refuses one HR agreed to.
	s.must(t, offCN, reqQ, map[string]any{"r": "410102", "a": yuan(20000)}, &requested)
	second := requested.RequestFundAdjustment.ID
	s.must(t, w.offZZ, decideQ, map[string]any{"id": second, "a": true})
	var refused struct {
		AgreeFundAdjustmentAsFinance state `json:"agreeFundAdjustmentAsFinance"`
	}
	if s.must(t, w.finZZ, financeQ, map[string]any{"id": second, "a": false}, &refused); refused.AgreeFundAdjustmentAsFinance.State != "REFUSED" {
		t.Errorf("finance refusal: %s", js(refused))
	}
	// A third waits on HR past its 5 working days: one OVERDUE notice, for the HR clock of the adjustment.
	s.must(t, offCN, reqQ, map[string]any{"r": "410102", "a": yuan(20000)}, &requested)
	third := requested.RequestFundAdjustment.ID
	s.clock.Advance(10 * 24 * time.Hour)
	const noticesQ = `{ notices(first: 20, where: {kind: OVERDUE, hasAdjustment: true}) { totalCount edges { node { clock adjustment { id } } } } }`
	var d struct {
		Notices connection[struct {
			Clock      string `json:"clock"`
			Adjustment ref    `json:"adjustment"`
		}] `json:"notices"`
	}
	eventually(func() bool { s.must(t, w.offZZ, noticesQ, nil, &d); return d.Notices.TotalCount > 0 })
	time.Sleep(2500 * time.Millisecond) // more scans: still one
	s.must(t, w.offZZ, noticesQ, nil, &d)
	if d.Notices.TotalCount != 1 || d.Notices.Edges[0].Node.Clock != "HR" || d.Notices.Edges[0].Node.Adjustment.ID != third {
		t.Errorf("adjustment notices: %s, want one HR notice for %s", js(d), third)
	}
}

// TestProvisionalClocks: a clock counted over a year without a holiday
// arrangement is shown as provisional and the province is told, once; once
// the admin enters the year, it is not provisional any more.
func TestProvisionalClocks(t *testing.T) { forEachStackWith(t, scanEverySecond, provisionalClocks) }

func provisionalClocks(t *testing.T, s *testServer) {
	w := newWorld(t, s)
	w.setStandard(t, s)
	// Christmas Eve 2026: the built-in calendar ends with 2026, and the HR clock
	// (10 working days) runs into January 2027.
	s.clock.Set(time.Date(2026, 12, 24, 10, 0, 0, 0, workday.China))
	app := w.application(t, s, "ACCEPTED")
	type clockView struct {
		Name        string `json:"name"`
		Provisional bool   `json:"provisional"`
	}
	clocks := func() map[string]bool {
		var d struct {
			Node struct {
				Clocks []clockView `json:"clocks"`
			} `json:"node"`
		}
		s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { clocks { name provisional } } } }`, map[string]any{"id": app}, &d)
		out := map[string]bool{}
		for _, c := range d.Node.Clocks {
			out[c.Name] = c.Provisional
		}
		return out
	}
	if got := clocks(); !maps.Equal(got, map[string]bool{"ACCEPTANCE": false, "REVIEW": false, "HR": true}) {
		t.Errorf("clocks %v: want HR provisional, the same-day ones not", got)
	}
	const q = `{ notices(first: 10, where: {kind: CALENDAR_MISSING}) { totalCount edges { node { clock application { id } } } } }`
	var d struct {
		Notices connection[struct {
			Clock       string `json:"clock"`
			Application ref    `json:"application"`
		}] `json:"notices"`
	}
	eventually(func() bool { s.must(t, w.admin, q, nil, &d); return d.Notices.TotalCount > 0 })
	time.Sleep(2500 * time.Millisecond) // more scans: still one notice
	s.must(t, w.admin, q, nil, &d)
	if d.Notices.TotalCount != 1 || d.Notices.Edges[0].Node.Clock != "HR" || d.Notices.Edges[0].Node.Application.ID != app {
		t.Fatalf("calendar notices: %+v, want one for the HR clock of %s", d.Notices, app)
	}
	hrDue := func() time.Time {
		var d struct {
			Node application `json:"node"`
		}
		s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { `+appFields+` } } }`, map[string]any{"id": app}, &d)
		return deref(d.Node.HRDueAt).In(workday.China)
	}
	// Counted Monday to Friday: 10 working days after Thursday 24 December end on Thursday 7 January.
	if got, want := hrDue(), time.Date(2027, 1, 7, 23, 59, 59, 0, workday.China); got.Truncate(time.Second) != want {
		t.Errorf("provisional HR due %v, want %v", got, want)
	}
	// The State Council arrangement for 2027 is entered (New Year's Day shown here):
	// the clock is counted again, one day later, and no longer provisional.
	s.must(t, w.admin, `mutation{ setHolidayYear(year: 2027, holidays: ["2027-01-01"], workingWeekends: []){ year } }`, nil)
	if got := clocks(); got["HR"] {
		t.Errorf("clocks %v after 2027 was entered: want none provisional", got)
	}
	if got, want := hrDue(), time.Date(2027, 1, 8, 23, 59, 59, 0, workday.China); got.Truncate(time.Second) != want {
		t.Errorf("HR due after 2027 was entered %v, want %v", got, want)
	}
}

// county is Zhengzhou's district 中原区 (410102), with an HR official, an
// institution and its staff.
type county struct{ id, official, org, staff string }

func (w *world) newCounty(t testing.TB, s *testServer) county {
	t.Helper()
	var region struct {
		CreateRegion ref `json:"createRegion"`
	}
	s.must(t, w.offZZ, `mutation($p:ID!){ createRegion(input:{code:"410102", name:"中原区", level: COUNTY, parentID:$p}){ id } }`, map[string]any{"p": w.zz}, &region)
	c := county{id: region.CreateRegion.ID}
	s.must(t, w.offZZ, createUserQ, map[string]any{"in": map[string]any{"username": "off-cn", "password": testPassword, "displayName": "x", "role": "REGION_OFFICIAL", "regionID": c.id}})
	c.official, _ = s.login(t, "off-cn", testPassword)
	var org struct {
		CreateOrganization createdOrg `json:"createOrganization"`
	}
	s.must(t, w.admin, createOrg, map[string]any{"in": map[string]any{
		"name": "中原区职业培训学校", "kind": "TRAINING_INSTITUTION", "creditCode": creditCode(t, "410102", 7),
		"regionID": c.id, "sector": "WHOLESALE_RETAIL", "employeeCount": 20}}, &org)
	c.org = org.CreateOrganization.ID
	s.must(t, w.admin, createUserQ, map[string]any{"in": map[string]any{"username": "staff-cn", "password": testPassword, "displayName": "x",
		"role": "INSTITUTION_STAFF", "regionID": c.id, "organizationID": c.org}})
	c.staff, _ = s.login(t, "staff-cn", testPassword)
	return c
}

// TestVoucherRemarks: a trainee counted through an electronic-certificate
// voucher (R12) needs the county HR's remark on the application's line for
// them before review passes; only the county's own HR officials write it.
func TestVoucherRemarks(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		w.setStandard(t, s)
		cn := w.newCounty(t, s)
		class := w.newClass(t, s, cn.staff, cn.org, true)
		trainees := w.enrolAs(t, s, cn.staff, class, 3)
		s.must(t, cn.staff, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
		s.must(t, cn.staff, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
		results := []any{
			map[string]any{"personID": trainees[0], "passed": true},
			map[string]any{"personID": trainees[1], "passed": true},
			map[string]any{"personID": trainees[2], "passed": true, "electronicCertificate": false}, // the platform could not issue it
		}
		s.must(t, cn.staff, recordQ, map[string]any{"c": class, "r": results})
		app := w.applyAs(t, s, cn.staff, cn.org, class)
		if app.Headcount != 3 || app.Amount != 3*yuan(1200) {
			t.Fatalf("application: %s", js(app))
		}
		type line struct {
			ID      string  `json:"id"`
			Voucher bool    `json:"voucher"`
			Remark  *string `json:"remark"`
			Person  struct {
				ID string `json:"id"`
			} `json:"person"`
		}
		lines := func() []line {
			var d struct {
				Node struct {
					Lines connection[line] `json:"lines"`
				} `json:"node"`
			}
			s.must(t, cn.official, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { lines { totalCount edges { node { id voucher remark person { id } } } } } } }`,
				map[string]any{"id": app.ID}, &d)
			out := []line{}
			for _, e := range d.Node.Lines.Edges {
				out = append(out, e.Node)
			}
			return out
		}
		var voucher, plain string
		for _, l := range lines() {
			if l.Voucher {
				voucher = l.ID
				if l.Person.ID != trainees[2] {
					t.Errorf("the voucher line is for %s, want %s", l.Person.ID, trainees[2])
				}
			} else {
				plain = l.ID
			}
		}
		if n := len(lines()); n != 3 || voucher == "" {
			t.Fatalf("lines %+v: want 3, one through a voucher", lines())
		}
		vars := map[string]any{"id": app.ID}
		s.must(t, w.offZZ, `mutation($id:ID!){ acceptSubsidyApplication(id:$id, complex:false){ id } }`, vars)
		const reviewQ = `mutation($id:ID!){ reviewSubsidyApplication(id:$id, approve:true){ state } }`
		if r := s.wantCode(t, "CONFLICT", w.offZZ, reviewQ, vars); !strings.Contains(r.Errors[0].Message, "1 trainees") {
			t.Errorf("refusal %q does not count the lines without a remark", r.Errors[0].Message)
		}
		const remarkQ = `mutation($id:ID!, $r:String!){ remarkApplicationLine(id:$id, remark:$r){ remark remarkedAt } }`
		remark := "电子培训合格证书未能及时生成，凭电子证书编号申领补贴"
		s.wantCode(t, "FORBIDDEN", w.offZZ, remarkQ, map[string]any{"id": voucher, "r": remark})  // the city is not the county
		s.wantCode(t, "FORBIDDEN", cn.staff, remarkQ, map[string]any{"id": voucher, "r": remark}) // nor the applicant
		s.wantCode(t, "NOT_FOUND", w.offLY, remarkQ, map[string]any{"id": voucher, "r": remark})  // nor another city
		s.wantCode(t, "BAD_USER_INPUT", cn.official, remarkQ, map[string]any{"id": voucher, "r": " "})
		s.wantCode(t, "CONFLICT", cn.official, remarkQ, map[string]any{"id": plain, "r": remark}) // not a voucher line
		// The buttons follow the same rule: REMARK on the voucher line, for the county's officials only.
		actions := func(token string) map[string][]string {
			var d struct {
				Node struct {
					Lines connection[struct {
						ID             string   `json:"id"`
						AllowedActions []string `json:"allowedActions"`
					}] `json:"lines"`
				} `json:"node"`
			}
			s.must(t, token, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { lines { edges { node { id allowedActions } } } } } }`, vars, &d)
			out := map[string][]string{}
			for _, e := range d.Node.Lines.Edges {
				out[e.Node.ID] = e.Node.AllowedActions
			}
			return out
		}
		if a := actions(cn.official); !slices.Equal(a[voucher], []string{"REMARK"}) || len(a[plain]) != 0 {
			t.Errorf("the county official's line actions: %v", a)
		}
		for _, who := range []string{w.offZZ, cn.staff} {
			if a := actions(who); len(a[voucher]) != 0 || len(a[plain]) != 0 {
				t.Errorf("line actions offered to one who may not remark: %v", a)
			}
		}
		s.must(t, cn.official, remarkQ, map[string]any{"id": voucher, "r": remark})
		var reviewed struct {
			ReviewSubsidyApplication state `json:"reviewSubsidyApplication"`
		}
		if s.must(t, w.offZZ, reviewQ, vars, &reviewed); reviewed.ReviewSubsidyApplication.State != "REVIEWED" {
			t.Errorf("review: %s", js(reviewed))
		}
	})
}

// TestPublicity: anyone, without signing in, reads the applications under
// public notice in a region (trainees' names masked, no ID numbers) and
// lodges an objection; the officials see who objected, the institution does
// not; an upheld objection returns the application.
func TestPublicity(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		w.setStandard(t, s)
		app := w.application(t, s, "IN_PUBLICITY")
		w.application(t, s, "REVIEWED") // not yet public
		const q = `query($r:String!){ publicity(regionCode:$r){ applicationID institution region occupations headcount amountFen startedAt endsAt trainees } }`
		var d struct {
			Publicity []struct {
				ApplicationID string    `json:"applicationID"`
				Institution   string    `json:"institution"`
				Region        string    `json:"region"`
				Occupations   []string  `json:"occupations"`
				Headcount     int       `json:"headcount"`
				AmountFen     int       `json:"amountFen"`
				EndsAt        time.Time `json:"endsAt"`
				Trainees      []string  `json:"trainees"`
			} `json:"publicity"`
		}
		r := s.gql(t, "", q, map[string]any{"r": "410000"}, &d) // the province page lists its cities' notices
		if len(r.Errors) > 0 || len(d.Publicity) != 1 {
			t.Fatalf("public notices: %s %+v", r.Data, r.Errors)
		}
		p := d.Publicity[0]
		if p.ApplicationID != app || p.Institution != "郑州职业培训学校" || p.Headcount != 30 || p.AmountFen != 30*yuan(1200) ||
			len(p.Trainees) != 30 || p.Trainees[0] != "学*" || !slices.Equal(p.Occupations, []string{"电子商务师"}) || p.EndsAt.IsZero() {
			t.Errorf("public notice: %s", r.Data)
		}
		if regexp.MustCompile(`\d{17}[\dX]`).Match(r.Data) || strings.Contains(string(r.Data), "学员") {
			t.Errorf("the public page shows an ID number or a whole name: %s", r.Data)
		}
		if s.must(t, "", q, map[string]any{"r": "410300"}, &d); len(d.Publicity) != 0 {
			t.Errorf("Luoyang's page lists Zhengzhou's notice: %+v", d.Publicity)
		}
		s.wantCode(t, "BAD_USER_INPUT", "", q, map[string]any{"r": "999999"})

		const lodgeQ = `mutation($a:ID!, $n:String!, $p:String!, $x:String!){ lodgePublicObjection(applicationID:$a, name:$n, phone:$p, text:$x) }`
		obj := map[string]any{"a": app, "n": "王女士", "p": "13800000000", "x": "该班实际到课人数不足三十人"}
		s.wantCode(t, "BAD_USER_INPUT", "", lodgeQ, map[string]any{"a": app, "n": "王女士", "p": "电话", "x": "x"})
		s.must(t, "", lodgeQ, obj)
		type objection struct {
			ID          string   `json:"id"`
			Text        string   `json:"text"`
			LodgerName  *string  `json:"lodgerName"`
			LodgerPhone *string  `json:"lodgerPhone"`
			Actions     []string `json:"allowedActions"`
		}
		objections := func(token string) []objection {
			var d struct {
				Node struct {
					Objections []objection `json:"objections"`
				} `json:"node"`
			}
			s.must(t, token, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { objections { id text lodgerName lodgerPhone allowedActions } } } }`, map[string]any{"id": app}, &d)
			return d.Node.Objections
		}
		seen := objections(w.offZZ)
		if len(seen) != 1 || deref(seen[0].LodgerName) != "王女士" || deref(seen[0].LodgerPhone) != "13800000000" || !slices.Equal(seen[0].Actions, []string{"RESOLVE"}) {
			t.Fatalf("the official sees %s", js(seen))
		}
		id := seen[0].ID
		if seen = objections(w.staffZZ); len(seen) != 1 || seen[0].LodgerName != nil || seen[0].LodgerPhone != nil || len(seen[0].Actions) != 0 {
			t.Errorf("the institution sees who objected: %s", js(seen))
		}
		// Rate-limited like the certificate check: a flood from one address is refused.
		limited := false
		for range 40 {
			if s.gql(t, "", lodgeQ, obj).code() == "TOO_MANY_REQUESTS" {
				limited = true
				break
			}
		}
		if !limited {
			t.Error("40 objections in a row from one address were all taken")
		}
		// Upheld: the application is returned and leaves the public page.
		s.must(t, w.offZZ, `mutation($id:ID!){ resolveObjection(id:$id, upheld:true, comment:"经核实人数不足"){ id } }`, map[string]any{"id": id})
		if s.must(t, "", q, map[string]any{"r": "410000"}, &d); len(d.Publicity) != 0 {
			t.Errorf("a returned application is still public: %+v", d.Publicity)
		}
		for _, o := range objections(w.offZZ) {
			if o.ID == id && len(o.Actions) != 0 {
				t.Errorf("a resolved objection still offers %v", o.Actions)
			}
		}
	})
}

// TestTestClock: with TEST_CLOCK=1 a loopback client moves the rules' clock
// (the browser run lets a public notice run its three days); without it the
// route does not exist.
func TestTestClock(t *testing.T) {
	t.Parallel()
	post := func(s *testServer, q string) (int, string) {
		res, err := http.Post(s.URL+"/testing/clock?"+q, "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	plain := startServer(t, "sqlite", nil)
	if code, _ := post(plain, "advance=73h"); code == http.StatusOK {
		t.Fatal("POST /testing/clock answered 200 without TEST_CLOCK=1")
	}
	if d := plain.clock.Now().Sub(time.Now()); d > time.Hour {
		t.Fatalf("the clock moved %v without TEST_CLOCK=1", d)
	}
	s := startServer(t, "sqlite", map[string]string{"TEST_CLOCK": "1"})
	if code, body := post(s, "advance=soon"); code != http.StatusBadRequest {
		t.Errorf("a bad duration: %d %s", code, body)
	}
	code, body := post(s, "advance=73h")
	var got struct{ Now time.Time }
	if err := json.Unmarshal([]byte(body), &got); code != http.StatusOK || err != nil {
		t.Fatalf("advance: %d %s", code, body)
	}
	if d := got.Now.Sub(time.Now()); d < 72*time.Hour || d > 74*time.Hour {
		t.Fatalf("advanced 73h, the server reads %v (%v ahead)", got.Now, d)
	}
}

// TestMessagesInChinese: a request that prefers Chinese (the PWA sends the
// app's language) reads every error in Chinese, enum values included; API
// clients that ask for nothing read English.
func TestMessagesInChinese(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		w.setStandard(t, s)
		draft := w.newClass(t, s, w.staffZZ, w.orgZZ, false)
		latin := regexp.MustCompile(`[A-Za-z]{3,}`)
		cases := []struct {
			name, token, query string
			vars               map[string]any
			code, zh           string
		}{
			{"a rule's refusal, with the class state in Chinese", w.staffZZ,
				`query($c:[ID!]!){ subsidyQuote(kind: CLASS_TRAINING, classIDs:$c){ amountFen } }`, map[string]any{"c": []any{draft}}, "BAD_USER_INPUT", "草稿"},
			{"a role that may not", w.staffZZ, `mutation{ setSubsidyStandard(category: KEY_GROUP, level: 0, fenPerHead: 1){ id } }`, nil, "FORBIDDEN", ""},
			{"a malformed request", w.staffZZ, `query($c:[ID!]!){ subsidyQuote(kind: CLASS_TRAINING, classIDs:$c){ amountFen } }`, map[string]any{"c": "not a list"}, "BAD_USER_INPUT", ""},
			{"an empty location (0,0) is refused, never stored", w.staffZZ, createClassQ, map[string]any{"in": map[string]any{
				"organizationID": w.orgZZ, "category": "KEY_GROUP", "occupation": "电工", "approvedHeadcount": 5,
				"plannedStart": "2020-09-01", "plannedEnd": "2020-09-02", "venueAddress": "郑州市", "venueLatitude": 0, "venueLongitude": 0}},
				"BAD_USER_INPUT", "培训地点纬度"},
			{"an absent location is refused with the field named", w.staffZZ, createClassQ, map[string]any{"in": map[string]any{
				"organizationID": w.orgZZ, "category": "KEY_GROUP", "occupation": "电工", "approvedHeadcount": 5,
				"plannedStart": "2020-09-01", "plannedEnd": "2020-09-02", "venueAddress": "郑州市"}},
				"BAD_USER_INPUT", "请填写培训地点纬度"},
			{"a null location is refused with the field named", w.staffZZ, createClassQ, map[string]any{"in": map[string]any{
				"organizationID": w.orgZZ, "category": "KEY_GROUP", "occupation": "电工", "approvedHeadcount": 5,
				"plannedStart": "2020-09-01", "plannedEnd": "2020-09-02", "venueAddress": "郑州市", "venueLatitude": 34.75, "venueLongitude": nil}},
				"BAD_USER_INPUT", "请填写培训地点经度"},
			{"not signed in", "", `mutation($t:String!){ refreshToken(token:$t){ accessToken } }`, map[string]any{"t": "made-up-token"}, "UNAUTHENTICATED", ""},
		}
		// The row-by-row report of a refused list reads in Chinese too, row by row.
		good := residentID(t, "410102", 910)
		wrong := good[:17] + map[bool]string{true: "1", false: "0"}[good[17] == '0'] // a wrong check character
		bad := []any{
			map[string]any{"name": "王五", "idNumber": wrong},
			map[string]any{"name": "赵六", "idNumber": residentID(t, "410102", 911), "phone": "电话"},
		}
		enrol := `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ id } }`
		r := s.gqlIn(t, "zh-CN", w.staffZZ, enrol, map[string]any{"c": draft, "p": bad})
		if r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "2") || latin.MatchString(r.Errors[0].Message) {
			t.Errorf("the refused list: %s", js(r.Errors))
		} else if rows := r.Errors[0].rows(t); len(rows) != 2 || !strings.Contains(rows[0].Message, "身份证号") || latin.MatchString(rows[0].Message+rows[1].Message) {
			t.Errorf("the rows a zh-CN user reads: %s", js(rows))
		}
		if rows := s.gqlIn(t, "", w.staffZZ, enrol, map[string]any{"c": draft, "p": bad}).Errors[0].rows(t); len(rows) != 2 || !strings.Contains(rows[0].Message, "resident ID number") {
			t.Errorf("the rows in English: %s", js(rows))
		}
		for _, c := range cases {
			zh := s.gqlIn(t, "zh-CN,zh;q=0.9,en;q=0.8", c.token, c.query, c.vars)
			if zh.code() != c.code || len(zh.Errors) == 0 {
				t.Errorf("%s: %s, want %s", c.name, js(zh.Errors), c.code)
				continue
			}
			if m := zh.Errors[0].Message; latin.MatchString(m) || !strings.Contains(m, c.zh) {
				t.Errorf("%s: a zh-CN user reads %q", c.name, m)
			}
			if en := s.gqlIn(t, "", c.token, c.query, c.vars); len(en.Errors) == 0 || !latin.MatchString(en.Errors[0].Message) {
				t.Errorf("%s: with no language asked for, the message is %s", c.name, js(en.Errors))
			}
		}
		var classes struct {
			TrainingClasses counted `json:"trainingClasses"`
		}
		s.must(t, w.staffZZ, `{ trainingClasses { totalCount } }`, nil, &classes)
		if n := classes.TrainingClasses.TotalCount; n != 1 {
			t.Errorf("%d classes after the refused ones, want the one draft", n)
		}
	})
}

// TestObjectionStates: anyone objects to an application under public notice;
// for any other application, or one that does not exist, lodgeObjection and
// lodgePublicObjection answer the same NOT_FOUND with the same message,
// whatever the application's state: they tell no one how an application stands.
func TestObjectionStates(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		w.setStandard(t, s)
		others := map[string]string{
			"SUBMITTED": w.application(t, s, "SUBMITTED"),
			"REVIEWED":  w.application(t, s, "REVIEWED"),
			// Walked past its notice (the clock moves on), to finance.
			"TRANSFERRED_TO_FINANCE": w.application(t, s, "TRANSFERRED_TO_FINANCE"),
			"no such application":    "999999999",
		}
		public := w.application(t, s, "IN_PUBLICITY")
		const lodgeQ = `mutation($id:ID!, $x:String!){ lodgeObjection(id:$id, text:$x){ id } }`
		const publicQ = `mutation($a:ID!, $x:String!){ lodgePublicObjection(applicationID:$a, name:"王女士", phone:"13800000000", text:$x) }`
		type answer struct{ code, en, zh string }
		ask := func(token, q string, vars map[string]any) answer {
			r, rz := s.gql(t, token, q, vars), s.gqlIn(t, "zh-CN", token, q, vars)
			a := answer{code: r.code()}
			if len(r.Errors) > 0 && len(rz.Errors) > 0 {
				a.en, a.zh = r.Errors[0].Message, rz.Errors[0].Message
			}
			return a
		}
		for _, who := range []struct{ name, token string }{{"trainee", w.trainee}, {"official", w.offZZ}, {"other city's staff", w.staffLY}} {
			var first answer
			for state, id := range others {
				got := ask(who.token, lodgeQ, map[string]any{"id": id, "x": "人数不实"})
				if got.code != "NOT_FOUND" || !hasHan(got.zh) {
					t.Errorf("%s objects to an application %s: %+v", who.name, state, got)
				}
				if first == (answer{}) {
					first = got
				} else if got != first {
					t.Errorf("%s: an application %s answers %+v, another %+v", who.name, state, got, first)
				}
			}
		}
		var first answer
		for state, id := range others {
			got := ask("", publicQ, map[string]any{"a": id, "x": "人数不实"})
			if got.code != "NOT_FOUND" || !hasHan(got.zh) {
				t.Errorf("the public objects to an application %s: %+v", state, got)
			}
			if first == (answer{}) {
				first = got
			} else if got != first {
				t.Errorf("the public page: an application %s answers %+v, another %+v", state, got, first)
			}
		}
		// Under public notice, anyone objects, signed in or not; a blank objection is refused whatever the state.
		s.must(t, w.staffLY, lodgeQ, map[string]any{"id": public, "x": "虚报人数"})
		s.must(t, "", publicQ, map[string]any{"a": public, "x": "虚报人数"})
		for _, id := range []string{public, others["SUBMITTED"]} {
			s.wantCode(t, "BAD_USER_INPUT", w.trainee, lodgeQ, map[string]any{"id": id, "x": " "})
		}
		var d struct {
			Node struct {
				Objections []ref `json:"objections"`
			} `json:"node"`
		}
		s.must(t, w.offZZ, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { objections { id } } } }`, map[string]any{"id": public}, &d)
		if len(d.Node.Objections) != 2 {
			t.Errorf("objections to the application under notice: %s", js(d))
		}
		for state, id := range others {
			if id == others["no such application"] {
				continue
			}
			s.must(t, w.offZZ, `query($id:ID!){ node(id:$id){ ... on SubsidyApplication { objections { id } } } }`, map[string]any{"id": id}, &d)
			if len(d.Node.Objections) != 0 {
				t.Errorf("an application %s took an objection: %s", state, js(d))
			}
		}
	})
}
