package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRequestLimits: a body over the limit answers 413 (announced or not) in
// the caller's language, a document of 40,000 fields is refused before it is
// validated, a client that stalls mid-body loses its connection, and numbers
// out of any sensible range are bad input.
func TestRequestLimits(t *testing.T) {
	s := startServer(t, "sqlite", map[string]string{"READ_TIMEOUT": "1s"})
	w := newWorld(t, s)
	big := `{"query":"{ me { id } }","variables":{"pad":"` + strings.Repeat("x", 9<<20) + `"}}`
	for _, chunked := range []bool{false, true} {
		var body io.Reader = strings.NewReader(big)
		if chunked {
			body = io.MultiReader(strings.NewReader(big)) // no length: sent chunked
		}
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", body)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept-Language", "zh-CN")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("chunked=%v: %v", chunked, err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusRequestEntityTooLarge || !hasHan(string(b)) {
			t.Errorf("a 9 MiB body (chunked=%v): %d %s", chunked, res.StatusCode, b)
		}
	}

	// 40,000 repeated fields: refused by the token limit, before validation.
	start := time.Now()
	r := s.gql(t, "", "{ "+strings.Repeat("me { id } ", 40000)+"}", nil)
	if r.code() != "BAD_USER_INPUT" {
		t.Errorf("a document of 40,000 fields: %s %+v", r.code(), r.Errors)
	}
	t.Logf("40,000 fields refused in %v", time.Since(start))

	// A client that sends half its body and stalls is cut off after READ_TIMEOUT.
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":")
	_ = conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.ReadAll(bufio.NewReader(conn)); err != nil {
		t.Errorf("a stalled client kept its connection: %v", err)
	}

	// Numbers out of range.
	s.wantCode(t, "BAD_USER_INPUT", w.admin, `{ addWorkingDays(date:"2020-09-30", days: 1000000000) }`, nil)
	s.must(t, w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 1234567, idempotencyKey:"normal-1"){ balanceFen } }`, nil)
	before := s.ledgerBalances(t, w.admin, "410100")
	r = s.gqlIn(t, "zh-CN", w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 4600000000000000000, idempotencyKey:"huge-1"){ balanceFen } }`, nil)
	if r.code() != "BAD_USER_INPUT" || !hasHan(r.Errors[0].Message) {
		t.Errorf("a deposit of 4.6e16 yuan: %s %+v", r.code(), r.Errors)
	}
	// Nothing moved: the ledger still balances to the fen, at the same balance.
	if after := s.ledgerBalances(t, w.admin, "410100"); after != before || before != 1234567 {
		t.Errorf("the account went from %d to %d fen around a refused deposit", before, after)
	}
}
