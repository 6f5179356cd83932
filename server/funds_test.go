package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestFundActions: the allowedActions of special accounts and adjustments
// (调剂) are honest: every action listed for a viewer is accepted by the
// server, every other one refused; the ledgers add up to the fen.
func TestFundActions(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		w.setStandard(t, s)
		cn := w.newCounty(t, s)
		s.must(t, w.admin, createUserQ, map[string]any{"in": map[string]any{"username": "fin-cn", "password": testPassword,
			"displayName": "x", "role": "FINANCE_OFFICER", "regionID": cn.id}})
		finCN, _ := s.login(t, "fin-cn", testPassword)

		// Accounts, opened or not: what each viewer may do, and what the server does when they try.
		accountActions := func(tok, code string) []string {
			var d struct {
				Region *struct {
					FundActions []string `json:"fundActions"`
				} `json:"region"`
				FundAccount *struct {
					AllowedActions []string `json:"allowedActions"`
				} `json:"fundAccount"`
			}
			s.must(t, tok, `query($c:String!){ region(code:$c){ fundActions } }`, map[string]any{"c": code}, &d)
			got := deref(d.Region).FundActions
			if got == nil {
				got = []string{}
			}
			// Viewers who may not read the account (inspectors, staff) are refused it.
			s.gql(t, tok, `query($c:String!){ fundAccount(regionCode:$c){ allowedActions } }`, map[string]any{"c": code}, &d)
			if d.FundAccount != nil && !slices.Equal(d.FundAccount.AllowedActions, got) {
				t.Errorf("%s: the account lists %v, its region %v", code, d.FundAccount.AllowedActions, got)
			}
			return got
		}
		children := map[string]string{"410000": "410100", "410100": "410102"}
		balances := map[string]int{}
		seq := 0
		key := func(op string) string { seq++; return fmt.Sprintf("%s-actions-%d", op, seq) }
		type viewerCase struct {
			name, tok, code string
			want            []string
		}
		cases := []viewerCase{
			{"admin", w.admin, "410000", []string{"DEPOSIT", "ALLOCATE"}},
			{"city finance", w.finZZ, "410100", []string{"DEPOSIT", "ALLOCATE"}},
			{"city finance, county", w.finZZ, "410102", []string{"DEPOSIT"}},
			{"county finance", finCN, "410102", []string{"DEPOSIT"}},
			{"county finance, city", finCN, "410100", []string{}},
			{"city HR", w.offZZ, "410100", []string{"REQUEST_ADJUSTMENT"}},
			{"city HR, county", w.offZZ, "410102", []string{}},
			{"county HR", cn.official, "410102", []string{"REQUEST_ADJUSTMENT"}},
			{"county HR, city", cn.official, "410100", []string{}},
			{"inspector", w.inspZZ, "410100", []string{}},
			{"other city's HR", w.offLY, "410100", []string{}},
			{"staff", w.staffZZ, "410100", []string{}},
		}
		for _, c := range cases {
			got := accountActions(c.tok, c.code)
			if !slices.Equal(got, c.want) {
				t.Errorf("%s on %s: allowedActions %v, want %v", c.name, c.code, got, c.want)
			}
			// DEPOSIT
			r := s.gql(t, c.tok, `mutation($c:String!, $k:String!){ depositFunds(regionCode:$c, amountFen: 100000, idempotencyKey:$k){ balanceFen } }`,
				map[string]any{"c": c.code, "k": key("deposit")})
			if listed := slices.Contains(got, "DEPOSIT"); listed != (len(r.Errors) == 0) {
				t.Errorf("%s: DEPOSIT on %s listed %v, server answered %+v", c.name, c.code, listed, r.Errors)
			} else if listed {
				balances[c.code] += 100000
			}
			// ALLOCATE, to a region directly below
			if child, ok := children[c.code]; ok {
				r := s.gql(t, c.tok, `mutation($f:String!, $c:String!, $k:String!){ allocateFunds(fromRegionCode:$f, toRegionCode:$c, amountFen: 1, idempotencyKey:$k){ balanceFen } }`,
					map[string]any{"f": c.code, "c": child, "k": key("allocate")})
				if listed := slices.Contains(got, "ALLOCATE"); listed != (len(r.Errors) == 0) {
					t.Errorf("%s: ALLOCATE from %s listed %v, server answered %+v", c.name, c.code, listed, r.Errors)
				} else if listed {
					balances[c.code]--
					balances[child]++
				}
			} else if slices.Contains(got, "ALLOCATE") {
				t.Errorf("%s: ALLOCATE listed on %s, which has no region below", c.name, c.code)
			}
			// REQUEST_ADJUSTMENT: nothing is pending yet, so a region that may ask hears the figures instead.
			r = s.gql(t, c.tok, `mutation($c:String!){ requestFundAdjustment(regionCode:$c, amountFen: 100, reason:"预拨资金不足"){ id } }`, map[string]any{"c": c.code})
			switch listed := slices.Contains(got, "REQUEST_ADJUSTMENT"); {
			case listed && (r.code() != "CONFLICT" || !strings.Contains(r.Errors[0].Message, "yuan")):
				t.Errorf("%s: REQUEST_ADJUSTMENT on %s is listed; without a shortfall the server answered %+v", c.name, c.code, r.Errors)
			case !listed && (r.code() == "CONFLICT" || len(r.Errors) == 0):
				t.Errorf("%s: REQUEST_ADJUSTMENT on %s is not listed; the server answered %+v", c.name, c.code, r.Errors)
			}
		}
		for code, want := range balances {
			if got := s.ledgerBalances(t, w.admin, code); got != want {
				t.Errorf("%s holds %d fen, want %d", code, got, want)
			}
		}

		// Adjustments: the county is short once an application of 36,000 yuan awaits payment.
		w.applicationOf(t, s, cn.staff, cn.org, "TRANSFERRED_TO_FINANCE")
		type adjustmentView struct {
			State          string   `json:"state"`
			AllowedActions []string `json:"allowedActions"`
		}
		viewOf := func(tok, id string) (adjustmentView, bool) {
			var d struct {
				Node *adjustmentView `json:"node"`
			}
			// The region is selected as the PWA does: loaded for the selection, it lacks the path the rule needs.
			r := s.gql(t, tok, `query($id:ID!){ node(id:$id){ ... on FundAdjustment { state allowedActions region { code name } } } }`, map[string]any{"id": id}, &d)
			return deref(d.Node), len(r.Errors) == 0 && d.Node != nil
		}
		act := func(tok, id, action string) gqlResult {
			vars := map[string]any{"id": id, "a": strings.HasSuffix(action, "AGREE")}
			switch action {
			case "HR_AGREE", "HR_REFUSE":
				return s.gql(t, tok, `mutation($id:ID!, $a:Boolean!){ decideFundAdjustment(id:$id, agree:$a, comment:"意见"){ state } }`, vars)
			case "FINANCE_AGREE", "FINANCE_REFUSE":
				return s.gql(t, tok, `mutation($id:ID!, $a:Boolean!){ agreeFundAdjustmentAsFinance(id:$id, agree:$a, comment:"会商"){ state } }`, vars)
			default:
				return s.gql(t, tok, `mutation($id:ID!, $k:String!){ allocateFundAdjustment(id:$id, idempotencyKey:$k){ state } }`,
					map[string]any{"id": id, "k": key("adjust")})
			}
		}
		machine := []string{"HR_AGREE", "HR_REFUSE", "FINANCE_AGREE", "FINANCE_REFUSE", "ALLOCATE"}
		viewers := []struct{ name, tok string }{{"county HR", cn.official}, {"county finance", finCN}, {"city HR", w.offZZ}, {"city finance", w.finZZ}}
		want := map[string]map[string][]string{ // state -> viewer -> allowedActions
			"REQUESTED": {"city HR": {"HR_AGREE", "HR_REFUSE"}},
			"HR_AGREED": {"city finance": {"FINANCE_AGREE", "FINANCE_REFUSE"}},
			"AGREED":    {"city finance": {"ALLOCATE"}},
		}
		// check asserts every viewer's list in the adjustment's state and that
		// the server refuses each action a viewer's list leaves out.
		check := func(id, st string) {
			t.Helper()
			for _, v := range viewers {
				got, ok := viewOf(v.tok, id)
				if !ok || got.State != st {
					t.Fatalf("%s reads the adjustment as %+v, want state %s", v.name, got, st)
				}
				if exp := want[st][v.name]; !slices.Equal(got.AllowedActions, exp) {
					t.Errorf("%s, %s adjustment: allowedActions %v, want %v", v.name, st, got.AllowedActions, exp)
				}
				for _, a := range machine {
					if slices.Contains(got.AllowedActions, a) {
						continue
					}
					if r := act(v.tok, id, a); len(r.Errors) == 0 {
						t.Fatalf("%s took %s on a %s adjustment that its allowedActions %v leave out", v.name, a, st, got.AllowedActions)
					}
				}
			}
			if _, ok := viewOf(w.offLY, id); ok {
				t.Errorf("another city reads the adjustment")
			}
		}
		request := func(amount int) string {
			var d struct {
				RequestFundAdjustment ref `json:"requestFundAdjustment"`
			}
			s.must(t, cn.official, `mutation($a:Int!){ requestFundAdjustment(regionCode:"410102", amountFen:$a, reason:"预拨资金已用完"){ id } }`, map[string]any{"a": amount}, &d)
			return d.RequestFundAdjustment.ID
		}
		take := func(name, tok, id, action, to string) {
			t.Helper()
			got, _ := viewOf(tok, id)
			if !slices.Contains(got.AllowedActions, action) {
				t.Fatalf("%s: %s not listed (%v)", name, action, got.AllowedActions)
			}
			if r := act(tok, id, action); len(r.Errors) > 0 {
				t.Fatalf("%s: %s, listed, refused: %+v", name, action, r.Errors)
			}
			check(id, to)
		}
		// Agreed by HR and finance, then allocated from what the province put in the city's account.
		s.must(t, w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 1000000, idempotencyKey:"deposit-actions-city"){ balanceFen } }`, nil)
		balances["410100"] += yuan(10000)
		first := request(yuan(5000))
		check(first, "REQUESTED")
		take("city HR", w.offZZ, first, "HR_AGREE", "HR_AGREED")
		take("city finance", w.finZZ, first, "FINANCE_AGREE", "AGREED")
		take("city finance", w.finZZ, first, "ALLOCATE", "ALLOCATED")
		balances["410100"] -= yuan(5000)
		balances["410102"] += yuan(5000)
		// Refused by HR; refused by finance after HR agreed.
		second := request(yuan(100))
		take("city HR", w.offZZ, second, "HR_REFUSE", "REFUSED")
		third := request(yuan(100))
		take("city HR", w.offZZ, third, "HR_AGREE", "HR_AGREED")
		take("city finance", w.finZZ, third, "FINANCE_REFUSE", "REFUSED")
		for code, want := range balances {
			if got := s.ledgerBalances(t, w.admin, code); got != want {
				t.Errorf("%s holds %d fen, want %d", code, got, want)
			}
		}
	})
}
