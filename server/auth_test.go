package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/hnvt/bairi/internal/auth"
	"github.com/hnvt/bairi/internal/certno"
	"github.com/hnvt/bairi/internal/ratelimit"
)

// forge signs claims with the given method and key, setting our key id.
func forge(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims, kid string) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestJWTAttacks sends tokens that must all be refused with UNAUTHENTICATED.
func TestJWTAttacks(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		good, _ := s.login(t, "admin", adminPassword)
		parts := strings.Split(good, ".")
		var claims jwt.MapClaims
		payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
		if err := json.Unmarshal(payload, &claims); err != nil {
			t.Fatal(err)
		}
		kid := auth.KeyID([]byte(testJWTSecret))
		secret := []byte(testJWTSecret)
		with := func(k string, v any) jwt.MapClaims {
			c := jwt.MapClaims{}
			for kk, vv := range claims {
				c[kk] = vv
			}
			if v == nil {
				delete(c, k)
			} else {
				c[k] = v
			}
			return c
		}
		// A tampered payload keeps the old signature but claims another subject.
		tamperedClaims := with("sub", "1")
		tp, _ := json.Marshal(tamperedClaims)
		tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(tp) + "." + parts[2]
		none := forge(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims, kid)
		attacks := map[string]string{
			"alg none":         none,
			"another key":      forge(t, jwt.SigningMethodHS256, []byte("another-secret-0123456789abcdef0123456789"), claims, kid),
			"unknown key id":   forge(t, jwt.SigningMethodHS256, secret, claims, "not-a-kid"),
			"expired":          forge(t, jwt.SigningMethodHS256, secret, with("exp", time.Now().Add(-time.Hour).Unix()), kid),
			"no exp":           forge(t, jwt.SigningMethodHS256, secret, with("exp", nil), kid),
			"wrong issuer":     forge(t, jwt.SigningMethodHS256, secret, with("iss", "someone-else"), kid),
			"wrong audience":   forge(t, jwt.SigningMethodHS256, secret, with("aud", []string{"other-api"}), kid),
			"HS512 same key":   forge(t, jwt.SigningMethodHS512, secret, claims, kid),
			"tampered payload": tampered,
			"garbage":          "not.a.token",
		}
		for name, tok := range attacks {
			r := s.gql(t, tok, `{ me { username } }`, nil)
			if r.Status != http.StatusUnauthorized || r.code() != "UNAUTHENTICATED" {
				t.Errorf("%s: status %d, errors %+v, data %s", name, r.Status, r.Errors, r.Data)
			}
		}
		// The good token still works (the attacks were refused for their own faults).
		var d struct {
			Me *struct {
				Username string `json:"username"`
			} `json:"me"`
		}
		s.must(t, good, `{ me { username } }`, nil, &d)
		if u := deref(d.Me).Username; u != "admin" {
			t.Errorf("me = %q", u)
		}
	})
}

const refreshQ = `mutation($t:String!){ refreshToken(token:$t){ accessToken refreshToken } }`

// TestRefreshRotation: a refresh token works once; reusing a rotated one
// ends the whole session (every token of its family).
func TestRefreshRotation(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		access1, refresh1 := s.login(t, "admin", adminPassword)
		var d struct {
			RefreshToken tokens `json:"refreshToken"`
		}
		s.must(t, "", refreshQ, map[string]any{"t": refresh1}, &d)
		access2, refresh2 := d.RefreshToken.AccessToken, d.RefreshToken.RefreshToken
		if refresh2 == "" || refresh2 == refresh1 {
			t.Fatalf("refresh did not rotate: %+v", d)
		}
		s.must(t, access2, `{ me { username } }`, nil)
		// Reuse of the rotated token: refused, and the family is revoked.
		s.wantCode(t, "UNAUTHENTICATED", "", refreshQ, map[string]any{"t": refresh1})
		s.wantCode(t, "UNAUTHENTICATED", "", refreshQ, map[string]any{"t": refresh2})
		for _, tok := range []string{access1, access2} {
			if r := s.gql(t, tok, `{ me { username } }`, nil); r.code() != "UNAUTHENTICATED" {
				t.Errorf("access token of a revoked family still works: %+v", r)
			}
		}
		// Another session of the same user is untouched.
		other, otherRefresh := s.login(t, "admin", adminPassword)
		s.must(t, other, `{ me { username } }`, nil)
		s.must(t, "", refreshQ, map[string]any{"t": otherRefresh})
		s.wantCode(t, "UNAUTHENTICATED", "", refreshQ, map[string]any{"t": "made-up-token"})
	})
}

// TestLogoutAndDeactivation: logout ends the session; a deactivated user's
// tokens stop working at once and they cannot sign in again.
func TestLogoutAndDeactivation(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		tok, refresh := s.login(t, "off-zz", testPassword)
		var out struct {
			Logout bool `json:"logout"`
		}
		s.must(t, tok, `mutation{ logout }`, nil, &out)
		if !out.Logout {
			t.Fatal("logout returned false")
		}
		s.wantCode(t, "UNAUTHENTICATED", tok, `{ me { username } }`, nil)
		s.wantCode(t, "UNAUTHENTICATED", "", refreshQ, map[string]any{"t": refresh})

		tok, refresh = s.login(t, "insp-zz", testPassword)
		var me struct {
			Me *ref `json:"me"`
		}
		s.must(t, tok, `{ me { id } }`, nil, &me)
		id := deref(me.Me).ID
		// The inspector may not deactivate anyone; the ZZ official may deactivate the inspector.
		s.wantCode(t, "FORBIDDEN", w.inspZZ, `mutation($id:ID!){ setUserActive(id:$id, active:false){ active } }`, map[string]any{"id": id})
		s.wantCode(t, "NOT_FOUND", w.offLY, `mutation($id:ID!){ setUserActive(id:$id, active:false){ active } }`, map[string]any{"id": id})
		s.must(t, w.offZZ, `mutation($id:ID!){ setUserActive(id:$id, active:false){ active } }`, map[string]any{"id": id})
		s.wantCode(t, "UNAUTHENTICATED", tok, `{ me { username } }`, nil)
		s.wantCode(t, "UNAUTHENTICATED", "", refreshQ, map[string]any{"t": refresh})
		// Reactivation does not revive the sessions of before: the user signs in again.
		s.must(t, w.offZZ, `mutation($id:ID!){ setUserActive(id:$id, active:true){ active } }`, map[string]any{"id": id})
		s.wantCode(t, "UNAUTHENTICATED", tok, `{ me { username } }`, nil)
		s.wantCode(t, "UNAUTHENTICATED", "", refreshQ, map[string]any{"t": refresh})
		s.login(t, "insp-zz", testPassword)
		s.must(t, w.offZZ, `mutation($id:ID!){ setUserActive(id:$id, active:false){ active } }`, map[string]any{"id": id})
		r := s.wantCode(t, "UNAUTHENTICATED", "", `mutation{ login(input:{username:"insp-zz", password:"`+testPassword+`"}){ accessToken } }`, nil)
		if !strings.Contains(r.Errors[0].Message, "deactivated") {
			t.Errorf("message %q does not say the account is deactivated", r.Errors[0].Message)
		}
	})
}

// TestLoginLockout: repeated failures slow down and then lock the account,
// with a clear error, even for the right password.
func TestLoginLockout(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		newWorld(t, s)
		const q = `mutation($p:String!){ login(input:{username:"staff-zz", password:$p}){ accessToken } }`
		var slowest time.Duration
		for i := 1; i < auth.LockAfter; i++ {
			start := time.Now()
			r := s.wantCode(t, "UNAUTHENTICATED", "", q, map[string]any{"p": "wrong-password"})
			if d := time.Since(start); d > slowest {
				slowest = d
			}
			if r.Errors[0].Message != "wrong username or password" {
				t.Errorf("message %q", r.Errors[0].Message)
			}
		}
		if slowest < 400*time.Millisecond {
			t.Errorf("repeated failures were not slowed down (slowest answer %v)", slowest)
		}
		r := s.wantCode(t, "TOO_MANY_REQUESTS", "", q, map[string]any{"p": "wrong-password"})
		if !strings.Contains(r.Errors[0].Message, "locked") {
			t.Errorf("message %q does not say the account is locked", r.Errors[0].Message)
		}
		s.wantCode(t, "TOO_MANY_REQUESTS", "", q, map[string]any{"p": testPassword})
		// An unknown user gets the same answer as a wrong password.
		r = s.wantCode(t, "UNAUTHENTICATED", "", `mutation{ login(input:{username:"nobody", password:"x"}){ accessToken } }`, nil)
		if r.Errors[0].Message != "wrong username or password" {
			t.Errorf("unknown user: %q", r.Errors[0].Message)
		}
		// Other users are not affected.
		s.login(t, "off-zz", testPassword)
	})
}

// TestLoginBurst: a burst of parallel wrong passwords gets LockAfter password
// checks in all, not one per request, and then even the right password waits
// for the lock; an unknown username gets the very same answers; an
// administrator, or the command line, lifts the lock.
func TestLoginBurst(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		const q = `mutation($u:String!,$p:String!){ login(input:{username:$u, password:$p}){ accessToken } }`
		burst := func(username string) (wrong, locked int) {
			var mu sync.Mutex
			var wg sync.WaitGroup
			for range 40 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := s.gql(t, "", q, map[string]any{"u": username, "p": "wrong-password"})
					mu.Lock()
					defer mu.Unlock()
					switch r.code() {
					case "UNAUTHENTICATED":
						wrong++
					case "TOO_MANY_REQUESTS":
						locked++
					default:
						t.Errorf("%s: %s %+v", username, r.code(), r.Errors)
					}
				}()
			}
			wg.Wait()
			return wrong, locked
		}
		wrong, locked := burst("staff-zz")
		if wrong != auth.LockAfter-1 || locked != 40-wrong {
			t.Errorf("a burst of 40 against a real user: %d wrong-password answers (want %d), %d locked", wrong, auth.LockAfter-1, locked)
		}
		s.wantCode(t, "TOO_MANY_REQUESTS", "", q, map[string]any{"u": "staff-zz", "p": testPassword})
		uw, ul := burst("nobody-at-all")
		if uw != wrong || ul != locked {
			t.Errorf("an unknown user is told apart: %d/%d answers against %d/%d", uw, ul, wrong, locked)
		}
		real := s.gql(t, "", q, map[string]any{"u": "staff-zz", "p": "x"})
		unknown := s.gql(t, "", q, map[string]any{"u": "nobody-at-all", "p": "x"})
		if real.code() != unknown.code() || real.Errors[0].Message != unknown.Errors[0].Message {
			t.Errorf("locked answers differ: %+v against %+v", real.Errors, unknown.Errors)
		}

		// The ZZ official lifts the lock of a user of the city; the LY one may not.
		var me struct {
			Me *ref `json:"me"`
		}
		s.must(t, w.staffZZ, `{ me { id } }`, nil, &me)
		s.wantCode(t, "NOT_FOUND", w.offLY, `mutation($id:ID!){ unlockUser(id:$id){ id } }`, map[string]any{"id": deref(me.Me).ID})
		s.must(t, w.offZZ, `mutation($id:ID!){ unlockUser(id:$id){ id } }`, map[string]any{"id": deref(me.Me).ID})
		s.login(t, "staff-zz", testPassword)

		// The only province admin, locked by anonymous guesses, is let in again from the command line.
		burst("admin")
		s.wantCode(t, "TOO_MANY_REQUESTS", "", q, map[string]any{"u": "admin", "p": adminPassword})
		var out bytes.Buffer
		if err := run(context.Background(), []string{"server", "unlock", "admin"}, func(k string) string { return s.env[k] }, &out); err != nil {
			t.Fatalf("server unlock admin: %v\n%s", err, out.String())
		}
		if !strings.Contains(out.String(), "admin may sign in again") {
			t.Errorf("server unlock printed %q", out.String())
		}
		s.login(t, "admin", adminPassword)
		if err := run(context.Background(), []string{"server", "unlock", "nobody-at-all"}, func(k string) string { return s.env[k] }, &out); err == nil {
			t.Error("unlocking an unknown user succeeded")
		}
		// Lockouts are logged, without the passwords tried.
		if log := s.out.String(); !strings.Contains(log, "sign-in locked after repeated failures") || strings.Contains(log, "wrong-password") {
			t.Error("the lockout is not logged, or the log holds a password")
		}
	})
}

// TestTwoInstances: two instances on one PostgreSQL database (as behind a
// load balancer) remember the sessions they authenticate (no query for the
// user and the session on each request) and forget them on both the moment
// they end: a logout on one is refused by the other at once, as are a
// deactivated user's tokens and, after a password change, the user's other
// sessions. A client has one budget of certificate checks whichever instance
// answers, and the periodic jobs run once, not once per instance.
func TestTwoInstances(t *testing.T) {
	t.Parallel()
	env := map[string]string{"VERIFY_LIMIT_PER_MINUTE": "20", "DEADLINE_SCAN_INTERVAL": "1s"}
	a := startServer(t, "postgres", env)
	b := startServer(t, "postgres", map[string]string{"DATABASE_URL": a.env["DATABASE_URL"], "S3_BUCKET": a.env["S3_BUCKET"],
		"VERIFY_LIMIT_PER_MINUTE": "20", "DEADLINE_SCAN_INTERVAL": "1s"})
	w := newWorld(t, a)
	me := func(s *testServer, tok string) string {
		r := s.gql(t, tok, `{ me { username } }`, nil)
		if r.Errors != nil {
			return r.code()
		}
		return "OK"
	}
	both := func(tok string) string { return me(a, tok) + " " + me(b, tok) }

	// Signed in on one, known to both; warm on both (remembered).
	tok, _ := a.login(t, "off-zz", testPassword)
	for range 3 {
		if got := both(tok); got != "OK OK" {
			t.Fatalf("signed in: %s", got)
		}
	}
	// Remembered, not read again: a user deactivated behind the product's back
	// (in SQL, no hook to tell the instances) still passes on both.
	db, err := sql.Open("pgx", a.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, active := range []bool{false, true} {
		if _, err := db.Exec(`UPDATE users SET active = $1 WHERE username = 'off-zz'`, active); err != nil {
			t.Fatal(err)
		}
		if got := both(tok); got != "OK OK" {
			t.Fatalf("not remembered (active %v in the database): %s", active, got)
		}
	}
	b.must(t, tok, `mutation{ logout }`, nil)
	if got := both(tok); got != "UNAUTHENTICATED UNAUTHENTICATED" {
		t.Errorf("after a logout on the second instance: %s", got)
	}

	// Deactivated on one instance: refused on the other at once.
	inspector, _ := b.login(t, "insp-zz", testPassword)
	other, _ := a.login(t, "insp-zz", testPassword)
	var m struct {
		Me ref `json:"me"`
	}
	a.must(t, inspector, `{ me { id } }`, nil, &m)
	_ = both(inspector) + both(other)
	a.must(t, w.offZZ, `mutation($id:ID!){ setUserActive(id:$id, active:false){ active } }`, map[string]any{"id": m.Me.ID})
	if got := both(inspector) + " " + both(other); got != strings.Repeat("UNAUTHENTICATED ", 3)+"UNAUTHENTICATED" {
		t.Errorf("after deactivation on the first instance: %s", got)
	}

	// A new password on one instance ends the user's other sessions on both.
	first, _ := a.login(t, "staff-zz", testPassword)
	second, _ := b.login(t, "staff-zz", testPassword)
	_ = both(first) + both(second)
	b.must(t, second, `mutation($o:String!, $n:String!){ changePassword(oldPassword:$o, newPassword:$n) }`,
		map[string]any{"o": testPassword, "n": "another-Strong-passw0rd"})
	if got := both(first) + " " + both(second); got != "UNAUTHENTICATED UNAUTHENTICATED OK OK" {
		t.Errorf("after a password change on the second instance: %s", got)
	}

	// The working-day calendar each instance remembers changes on both
	// once the province admin enters a year on one: the working day after
	// Friday 2032-12-31 is Monday 2033-01-03, until that Monday is a holiday.
	nextWorkingDay := func(s *testServer) string {
		var d struct {
			AddWorkingDays string `json:"addWorkingDays"`
		}
		s.must(t, w.offZZ, `{ addWorkingDays(date:"2032-12-31", days:1) }`, nil, &d)
		return d.AddWorkingDays
	}
	for range 2 { // read, then remembered
		if got := nextWorkingDay(a) + " " + nextWorkingDay(b); got != "2033-01-03 2033-01-03" {
			t.Fatalf("the working day after 2032-12-31 before 2033 is entered: %s", got)
		}
	}
	a.must(t, w.admin, `mutation{ setHolidayYear(year: 2033, holidays: ["2033-01-03"], workingWeekends: []){ year } }`, nil)
	if got := nextWorkingDay(a) + " " + nextWorkingDay(b); got != "2033-01-04 2033-01-04" {
		t.Errorf("the working day after 2032-12-31 once 2033-01-03 is a holiday, on the instance that entered it and the other: %s", got)
	}

	// One budget: a burst (20 a minute: 5 a window) spent on the first
	// instance leaves nothing on the second once they have synced.
	n, _ := certno.Make("410100", 2020, 100)
	checkOn := func(s *testServer) string {
		return s.gql(t, "", verifyLinkQ, map[string]any{"n": n, "t": "forged.token"}).code()
	}
	for attempt := 1; ; attempt++ {
		window := time.Now().UnixNano() / int64(ratelimit.Window)
		spent := 0
		for spent < 20 && checkOn(a) != "TOO_MANY_REQUESTS" {
			spent++
		}
		time.Sleep(500 * time.Millisecond) // more than the instances take to sync
		onB := checkOn(b)
		if time.Now().UnixNano()/int64(ratelimit.Window) != window && attempt < 3 {
			time.Sleep(ratelimit.Window) // a new window began meanwhile: once more, in a fresh one
			continue
		}
		if spent != 5 || onB != "TOO_MANY_REQUESTS" {
			t.Errorf("the first instance allowed %d checks, then the second answered %s; want 5, then TOO_MANY_REQUESTS", spent, onB)
		}
		break
	}

	// The deadline scan, every second on each instance, runs about once a
	// second in all: one instance leads the periodic jobs.
	var jobs int
	time.Sleep(4 * time.Second)
	if err := db.QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'deadline_scan' AND created_at > now() - interval '4 seconds'`).Scan(&jobs); err != nil {
		t.Fatal(err)
	}
	if jobs < 2 || jobs > 6 {
		t.Errorf("%d deadline scans in 4 seconds by two instances scanning every second: want about 4 (one leader), not 8", jobs)
	}
}
