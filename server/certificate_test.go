package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hnvt/bairi/internal/certno"
	"github.com/hnvt/bairi/internal/certsign"
)

const verifyQ = `query($n:String!, $m:String!){ verifyCertificate(number:$n, name:$m){ status holderName idNumberMasked kind occupation level issuerName issuedAt } }`

// certificateCheck is the selection of verifyQ.
type certificateCheck struct {
	Status         string  `json:"status"`
	HolderName     *string `json:"holderName"`
	IDNumberMasked *string `json:"idNumberMasked"`
	Kind           *string `json:"kind"`
	Occupation     *string `json:"occupation"`
	Level          *int    `json:"level"`
	IssuerName     *string `json:"issuerName"`
	IssuedAt       *string `json:"issuedAt"`
}

// verify checks a certificate number and name anonymously.
func (s *testServer) verify(t testing.TB, number, name string) certificateCheck {
	t.Helper()
	var d struct {
		VerifyCertificate certificateCheck `json:"verifyCertificate"`
	}
	s.must(t, "", verifyQ, map[string]any{"n": number, "m": name}, &d)
	return d.VerifyCertificate
}

// check posts body (a string as it is, else as JSON) to the check page's
// endpoint, POST /api/certificate-check, in lang, and returns the status,
// the headers and the decoded answer.
func (s *testServer) check(t testing.TB, lang string, body any) (int, http.Header, map[string]any) {
	t.Helper()
	raw, ok := body.(string)
	if !ok {
		raw = js(body)
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/certificate-check", strings.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("the check endpoint answered %d with no JSON: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, resp.Header, out
}

// dropNulls drops a JSON object's null members (GraphQL answers every field
// asked; the endpoint leaves out what a check does not show).
func dropNulls(v any) any {
	if m, ok := v.(map[string]any); ok {
		for k, x := range m {
			if x == nil {
				delete(m, k)
			}
		}
	}
	return v
}

// myCertificates is the selection { me { person { certificates { number status } } } }.
type myCertificates struct {
	Me *struct {
		Person *struct {
			Certificates []struct {
				Number string `json:"number"`
				Status string `json:"status"`
			} `json:"certificates"`
		} `json:"person"`
	} `json:"me"`
}

// firstNumber is the number of the viewer's first certificate, or "".
func (m myCertificates) firstNumber() string {
	if m.Me == nil || m.Me.Person == nil || len(m.Me.Person.Certificates) == 0 {
		return ""
	}
	return m.Me.Person.Certificates[0].Number
}

// completedClass makes a completed Zhengzhou class with 张三 (the trainee),
// 甲 and 乙 enrolled, and returns the class and the persons' ids.
func completedClass(t *testing.T, s *testServer, w *world) (string, []string) {
	t.Helper()
	class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
	var d enrolledPersons
	s.must(t, w.staffZZ, `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ person { id } } }`,
		map[string]any{"c": class, "p": []any{
			map[string]any{"name": "张三", "idNumber": w.idZZ},
			map[string]any{"name": "甲", "idNumber": residentID(t, "410102", 301)},
			map[string]any{"name": "乙", "idNumber": residentID(t, "410102", 302)}}}, &d)
	ids := d.personIDs()
	s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
	s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": class})
	return class, ids
}

const recordQ = `mutation($c:ID!, $r:[AssessmentResultInput!]!){ recordAssessmentResults(classID:$c, results:$r){ id number status kind level qrLink holder { id } } }`

// recorded is the answer to recordQ.
type recorded struct {
	RecordAssessmentResults []struct {
		ID     string `json:"id"`
		Number string `json:"number"`
		Status string `json:"status"`
		Kind   string `json:"kind"`
		Level  *int   `json:"level"`
		QRLink string `json:"qrLink"`
		Holder ref    `json:"holder"`
	} `json:"recordAssessmentResults"`
}

// TestCertificates: issuing, the R12 voucher path, revocation, the check
// page for each status, signatures, QR codes and who may read what.
func TestCertificates(t *testing.T) {
	for _, kind := range stacks {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, kind, map[string]string{"VERIFY_LIMIT_PER_MINUTE": "400", "VERIFY_NUMBER_LIMIT_PER_MINUTE": "16"})
			w := newWorld(t, s)
			open := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
			s.wantCode(t, "CONFLICT", w.staffZZ, recordQ, map[string]any{"c": open, "r": []any{map[string]any{"personID": w.personZZ, "passed": true}}})
			class, ids := completedClass(t, s, w)
			w.certify(t, s, w.orgZZ, "TRAINING_INSTITUTION", "电子商务师", 4) // R8: its skill-level certificates
			s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, recordQ, map[string]any{"c": class, "r": []any{map[string]any{"personID": w.personLY, "passed": true}}})
			s.wantCode(t, "NOT_FOUND", w.staffLY, recordQ, map[string]any{"c": class, "r": []any{map[string]any{"personID": ids[0], "passed": true}}})
			results := []any{
				map[string]any{"personID": ids[0], "passed": true, "level": 4},
				map[string]any{"personID": ids[1], "passed": true, "electronicCertificate": false},
				map[string]any{"personID": ids[2], "passed": false},
			}
			var d, again recorded
			s.must(t, w.staffZZ, recordQ, map[string]any{"c": class, "r": results}, &d)
			certs := d.RecordAssessmentResults
			if len(certs) != 2 || certs[0].Kind != "SKILL_LEVEL" || deref(certs[0].Level) != 4 ||
				certs[0].Status != "ISSUED" || certs[1].Status != "PENDING_ELECTRONIC" || certs[1].Kind != "TRAINING_QUALIFICATION" {
				t.Fatalf("issued %s", js(certs))
			}
			s.must(t, w.staffZZ, recordQ, map[string]any{"c": class, "r": results}, &again)
			if len(again.RecordAssessmentResults) != 2 || again.RecordAssessmentResults[0].Number != certs[0].Number {
				t.Errorf("recording again issued new certificates: %s", js(again))
			}
			n1, n2 := certs[0].Number, certs[1].Number
			if _, err := certno.Check(n1); err != nil {
				t.Errorf("number %s: %v", n1, err)
			}

			// The check page, for each status.
			v := s.verify(t, n1, "张三")
			if v.Status != "VALID" || deref(v.HolderName) != "张*" ||
				deref(v.IDNumberMasked) != w.idZZ[:4]+"**********"+w.idZZ[14:] ||
				deref(v.Occupation) != "电子商务师" || deref(v.IssuerName) != "郑州职业培训学校" {
				t.Errorf("valid check: %s", js(v))
			}
			if strings.Contains(js(v), w.idZZ) {
				t.Error("the whole ID number was shown to a checker")
			}
			wrongName := s.verify(t, n1, "李四")
			unknownNo, _ := certno.Make("410100", 2019, 4242)
			unknown := s.verify(t, unknownNo, "张三")
			wj, uj := js(wrongName), js(unknown)
			if wj != uj || wrongName.Status != "NOT_FOUND" {
				t.Errorf("a wrong name and an unknown number must look alike: %s vs %s", wj, uj)
			}
			typo := n1[:5] + string("0123456789"[(int(n1[5]-'0')+1)%10]) + n1[6:]
			r := s.wantCode(t, "BAD_USER_INPUT", "", verifyQ, map[string]any{"n": typo, "m": "张三"})
			if !strings.Contains(r.Errors[0].Message, "mistyped") {
				t.Errorf("typo message %q", r.Errors[0].Message)
			}
			if st := s.verify(t, n2, "甲").Status; st != "PENDING_ELECTRONIC" {
				t.Errorf("pending: %s", st)
			}
			// The electronic certificate arrives (R12's remark is on the application's line: TestVoucherRemarks).
			id1, id2 := certs[0].ID, certs[1].ID
			s.must(t, w.offZZ, `mutation($id:ID!){ markCertificateIssued(id:$id){ status } }`, map[string]any{"id": id2})
			if st := s.verify(t, n2, "甲").Status; st != "VALID" {
				t.Errorf("after the electronic certificate: %s", st)
			}
			// Revocation: officials only, with a reason, audited.
			const revokeQ = `mutation($id:ID!, $r:String!){ revokeCertificate(id:$id, reason:$r){ status revokeReason } }`
			s.wantCode(t, "FORBIDDEN", w.staffZZ, revokeQ, map[string]any{"id": id2, "r": "x"})
			s.wantCode(t, "NOT_FOUND", w.offLY, revokeQ, map[string]any{"id": id2, "r": "x"})
			s.wantCode(t, "BAD_USER_INPUT", w.offZZ, revokeQ, map[string]any{"id": id2, "r": " "})
			s.must(t, w.offZZ, revokeQ, map[string]any{"id": id2, "r": "考核材料造假"})
			s.wantCode(t, "CONFLICT", w.offZZ, `mutation($id:ID!){ markCertificateIssued(id:$id){ status } }`, map[string]any{"id": id2})
			if st := s.verify(t, n2, "甲").Status; st != "REVOKED" {
				t.Errorf("revoked: %s", st)
			}
			var audited struct {
				AuditEvents counted `json:"auditEvents"`
			}
			s.must(t, w.admin, `{ auditEvents(where:{entityType:"Certificate", action:"UPDATE"}){ totalCount } }`, nil, &audited)
			if n := audited.AuditEvents.TotalCount; n != 2 { // issued electronically, then revoked
				t.Errorf("certificate updates audited: %d, want 2", n)
			}

			// The signed payload verifies with the published key; a tampered one does not.
			resp, err := http.Get(s.URL + "/.well-known/certificate-key")
			if err != nil {
				t.Fatal(err)
			}
			var key struct {
				PublicKey string `json:"publicKey"`
			}
			json.NewDecoder(resp.Body).Decode(&key)
			resp.Body.Close()
			pub, _ := base64.StdEncoding.DecodeString(key.PublicKey)
			link, _ := url.Parse(certs[0].QRLink)
			p, err := certsign.Verify(ed25519.PublicKey(pub), link.Query().Get("t"))
			if err != nil || p.Number != n1 || p.HolderName != "张*" || p.Level != 4 {
				t.Errorf("signed payload: %+v %v", p, err)
			}
			tok := link.Query().Get("t")
			if _, err := certsign.Verify(ed25519.PublicKey(pub), strings.Replace(tok, tok[:4], "AAAA", 1)); err == nil {
				t.Error("a tampered payload verified")
			}

			// QR codes for the holder and staff; not for others.
			qr := func(token, file string) (int, []byte) {
				return s.get(t, token, "/certificates/"+id1+"/"+file)
			}
			if code, b := qr(w.trainee, "qr.png"); code != 200 || !bytes.HasPrefix(b, []byte("\x89PNG")) {
				t.Errorf("holder's PNG: %d", code)
			}
			if code, b := qr(w.staffZZ, "qr.svg"); code != 200 || !bytes.Contains(b, []byte("<svg")) {
				t.Errorf("staff's SVG: %d", code)
			}
			for name, tok := range map[string]string{"anonymous": "", "other staff": w.staffLY, "other official": w.offLY} {
				if code, _ := qr(tok, "qr.png"); code != 404 {
					t.Errorf("%s got the QR code: %d", name, code)
				}
			}
			// A trainee sees their own certificates, and nobody else's.
			var mine struct {
				myCertificates
				Certificates counted `json:"certificates"`
			}
			s.must(t, w.trainee, `{ me { person { certificates { number status } } } certificates { totalCount } }`, nil, &mine)
			if mine.firstNumber() != n1 || mine.Certificates.TotalCount != 1 {
				t.Errorf("trainee sees %s", js(mine))
			}
			var other struct {
				Node *struct {
					Number *string `json:"number"`
				} `json:"node"`
			}
			r = s.gql(t, w.trainee, `query($id:ID!){ node(id:$id){ ... on Certificate { number } } }`, map[string]any{"id": id2}, &other)
			if other.Node != nil && other.Node.Number != nil {
				t.Errorf("trainee read another person's certificate: %s", r.Data)
			}
			// The check page's endpoint answers as the GraphQL check did
			// (each number's budget allows one more check of n1 by name).
			var byLink struct {
				V certificateCheck `json:"verifyCertificateLink"`
			}
			s.must(t, "", verifyLinkQ, map[string]any{"n": n1, "t": tok}, &byLink)
			for _, c := range []struct {
				body map[string]any
				want certificateCheck
			}{
				{map[string]any{"number": n1, "name": "张三"}, v},
				{map[string]any{"number": n1, "name": "李四"}, wrongName},
				{map[string]any{"number": unknownNo, "name": "张三"}, unknown},
				{map[string]any{"number": n1, "token": tok}, byLink.V},
			} {
				var want any
				_ = json.Unmarshal([]byte(js(c.want)), &want)
				code, _, got := s.check(t, "", c.body)
				if code != 200 || js(got) != js(dropNulls(want)) {
					t.Errorf("endpoint check %s: %d %s, want %s", js(c.body), code, js(got), js(want))
				}
			}
			for _, c := range []struct {
				body, lang, code string
				status           int
				says             string
			}{
				{`{"number":"` + typo + `","name":"张三"}`, "zh-CN", "BAD_USER_INPUT", 400, "编号可能输入有误"},
				{`{"number":"` + n1 + `"}`, "zh-CN", "BAD_USER_INPUT", 400, "请填写"},
				{`{"number":"` + n1 + `","name":"张三","extra":1}`, "en", "BAD_USER_INPUT", 400, "malformed"},
				{`not json`, "zh-CN", "BAD_USER_INPUT", 400, "请求格式有误"},
			} {
				status, _, got := s.check(t, c.lang, c.body)
				errs, _ := got["errors"].([]any)
				if status != c.status || len(errs) != 1 || !strings.Contains(js(errs[0]), `"code":"`+c.code+`"`) || !strings.Contains(js(errs[0]), c.says) {
					t.Errorf("endpoint with %s (%s): %d %s, want %d %s saying %q", c.body, c.lang, status, js(got), c.status, c.code, c.says)
				}
			}
			// Rate limit per number: a burst of 4, then a clear error, on
			// GraphQL and the endpoint alike (one budget).
			var limited gqlResult
			for range 6 {
				limited = s.gql(t, "", verifyQ, map[string]any{"n": unknownNo, "m": "x"})
			}
			if limited.code() != "TOO_MANY_REQUESTS" || !strings.Contains(limited.Errors[0].Message, "wait") {
				t.Errorf("per-number limit: %+v", limited.Errors)
			}
			status, h, got := s.check(t, "zh-CN", map[string]any{"number": unknownNo, "name": "x"})
			if status != 429 || h.Get("Retry-After") != "60" || !strings.Contains(js(got), "TOO_MANY_REQUESTS") || !strings.Contains(js(got), "分钟") {
				t.Errorf("endpoint past the per-number limit: %d %q %s", status, h.Get("Retry-After"), js(got))
			}
		})
	}
}

// TestVerifyRateLimitPerClient: one address may not sweep numbers.
func TestVerifyRateLimitPerClient(t *testing.T) {
	s := startServer(t, "sqlite", map[string]string{"VERIFY_LIMIT_PER_MINUTE": "20"})
	ok, limited := 0, 0
	for i := range 12 {
		n, _ := certno.Make("410100", 2020, 100+i)
		r := s.gql(t, "", verifyQ, map[string]any{"n": n, "m": "张三"})
		switch r.code() {
		case "":
			ok++
		case "TOO_MANY_REQUESTS":
			limited++
		default:
			t.Fatalf("unexpected %+v", r.Errors)
		}
	}
	if ok != 5 || limited != 7 {
		t.Errorf("%d answered and %d limited, want a burst of 5 then limits", ok, limited)
	}
}

func certWorkbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"证书编号", "身份证号", "姓名", "证书类型", "职业", "等级", "发证日期", "发证机构代码"})
	for i, r := range rows {
		_ = f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &r)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImportCertificates: a good file, bad rows (nothing written), and a
// re-import that changes nothing.
func TestImportCertificates(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		var org struct {
			Node struct {
				CreditCode string `json:"creditCode"`
			} `json:"node"`
		}
		s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on Organization { creditCode } } }`, map[string]any{"id": w.orgZZ}, &org)
		code := org.Node.CreditCode
		w.certify(t, s, w.orgZZ, "TRAINING_INSTITUTION", "育婴员", 4) // R8: its skill-level certificates
		n1, _ := certno.Make("410100", 2020, 9001)
		n2, _ := certno.Make("410100", 2020, 9002)
		good := certWorkbook(t, [][]any{
			{n1, w.idZZ, "张三", "职业技能等级证书", "育婴员", "4", "2020-10-15", code},
			{n2, residentID(t, "410102", 401), "王二", "培训合格证书", "电工", "", "2020-10-16", code},
		})
		const q = `mutation($f:Upload!){ importCertificates(file:$f){ ok imported errors { row column message } } }`
		total := func() int {
			var d struct {
				Certificates counted `json:"certificates"`
			}
			s.must(t, w.admin, `{ certificates { totalCount } }`, nil, &d)
			return d.Certificates.TotalCount
		}
		type imported struct {
			ImportCertificates *importReport `json:"importCertificates"`
		}
		var first imported
		r := s.upload(t, w.admin, q, map[string]any{}, "f", "certs.xlsx", good, &first)
		if !first.ImportCertificates.ok() || first.ImportCertificates.Imported != 2 {
			t.Fatalf("import: %+v %s", r.Errors, r.Data)
		}
		if total() != 2 {
			t.Fatalf("%d certificates", total())
		}
		// The imported certificate is checkable and belongs to the trainee.
		if st := s.verify(t, n1, "张三").Status; st != "VALID" {
			t.Errorf("imported certificate check: %s", st)
		}
		var mine myCertificates
		s.must(t, w.trainee, `{ me { person { certificates { number } } } }`, nil, &mine)
		if n := mine.firstNumber(); n != n1 {
			t.Errorf("trainee's imported certificate: %q", n)
		}
		var again imported
		r = s.upload(t, w.admin, q, map[string]any{}, "f", "certs.xlsx", good, &again)
		if !again.ImportCertificates.ok() || again.ImportCertificates.Imported != 0 || total() != 2 {
			t.Errorf("re-import changed something: %+v %s (total %d)", r.Errors, r.Data, total())
		}
		n3, _ := certno.Make("410100", 2020, 9003)
		bad := certWorkbook(t, [][]any{
			{n3, residentID(t, "410102", 402), "赵七", "培训合格证书", "电工", "", "2020-10-16", code},
			{n1[:17] + "0", residentID(t, "410102", 403), "钱八", "培训合格证书", "电工", "", "2020-10-16", code},
			{n1, w.idZZ, "张三", "培训合格证书", "育婴员", "", "2020-10-15", code},
			{n3, w.idZZ, "李某", "职业技能等级证书", "电工", "", "2099-01-01", "91410100MA0000000X"},
		})
		var refused imported
		r = s.upload(t, w.admin, q, map[string]any{}, "f", "bad.xlsx", bad, &refused)
		got := refused.ImportCertificates.rows()
		want := "3:number 4:number 5:number 5:level 5:issued_at 5:issuer_code"
		if !refused.ImportCertificates.failed() || got != want {
			t.Errorf("bad rows: %s, want %s (%v)", got, want, r.Errors)
		}
		if total() != 2 {
			t.Error("a failed import wrote certificates")
		}
		r = s.upload(t, w.staffZZ, q, map[string]any{}, "f", "certs.xlsx", good)
		if r.code() != "FORBIDDEN" {
			t.Errorf("staff import: %+v", r.Errors)
		}
	})
}

const verifyLinkQ = `query($n:String!, $t:String!){ verifyCertificateLink(number:$n, token:$t){ status holderName idNumberMasked kind occupation level issuerName issuedAt } }`

// verifyLink checks a certificate from its QR link's n and t, anonymously.
func (s *testServer) verifyLink(t testing.TB, number, token string) certificateCheck {
	t.Helper()
	var d struct {
		VerifyCertificateLink certificateCheck `json:"verifyCertificateLink"`
	}
	s.must(t, "", verifyLinkQ, map[string]any{"n": number, "t": token}, &d)
	return d.VerifyCertificateLink
}

// TestVerifyCertificateLink: a QR code's link checks the certificate without
// the holder's name; a damaged or forged link is refused in Chinese; a
// revoked certificate reads as revoked; a number's limit on checks by name
// does not hold its link back.
func TestVerifyCertificateLink(t *testing.T) {
	forEachStackWith(t, map[string]string{"VERIFY_LIMIT_PER_MINUTE": "400", "VERIFY_NUMBER_LIMIT_PER_MINUTE": "16"}, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		class, ids := completedClass(t, s, w)
		w.certify(t, s, w.orgZZ, "TRAINING_INSTITUTION", "电子商务师", 4)
		var d recorded
		s.must(t, w.staffZZ, recordQ, map[string]any{"c": class, "r": []any{
			map[string]any{"personID": ids[0], "passed": true, "level": 4},
			map[string]any{"personID": ids[1], "passed": true}}}, &d)
		certs := d.RecordAssessmentResults
		if len(certs) != 2 {
			t.Fatalf("issued %s", js(certs))
		}
		linkOf := func(i int) (string, string) {
			u, err := url.Parse(certs[i].QRLink)
			if err != nil || u.Path != "/verify" {
				t.Fatalf("QR link %q: %v", certs[i].QRLink, err)
			}
			return u.Query().Get("n"), u.Query().Get("t")
		}
		n1, t1 := linkOf(0)
		n2, t2 := linkOf(1)
		if n1 != certs[0].Number || t1 == "" {
			t.Fatalf("link of %s: n=%q t=%q", certs[0].Number, n1, t1)
		}

		// The link alone answers, with the same details as the check by name.
		v := s.verifyLink(t, n1, t1)
		if byName := s.verify(t, n1, "张三"); js(v) != js(byName) {
			t.Errorf("by link %s, by name %s", js(v), js(byName))
		}
		if v.Status != "VALID" || deref(v.HolderName) != "张*" || deref(v.Kind) != "SKILL_LEVEL" || deref(v.Level) != 4 ||
			deref(v.Occupation) != "电子商务师" || deref(v.IssuerName) != "郑州职业培训学校" || v.IssuedAt == nil {
			t.Errorf("valid link: %s", js(v))
		}
		if strings.Contains(js(v), w.idZZ) {
			t.Error("the whole ID number was shown to a checker")
		}

		// Damaged or forged links: refused as input, in Chinese for a zh-CN phone.
		payload, sig, _ := strings.Cut(t1, ".")
		body, _ := base64.RawURLEncoding.DecodeString(payload)
		forged := base64.RawURLEncoding.EncodeToString(bytes.Replace(body, []byte(`"l":4`), []byte(`"l":1`), 1))
		flip := func(s string) string { // another character at the middle
			i := len(s) / 2
			c := byte('A')
			if s[i] == 'A' {
				c = 'B'
			}
			return s[:i] + string(c) + s[i+1:]
		}
		latin := regexp.MustCompile(`[A-Za-z]{3,}`)
		for name, c := range map[string][2]string{
			"a payload with another level":         {n1, forged + "." + sig},
			"a changed payload":                    {n1, flip(payload) + "." + sig},
			"a changed signature":                  {n1, payload + "." + flip(sig)},
			"no signature":                         {n1, payload},
			"another certificate's number":         {n2, t1},
			"a signature moved to another payload": {n1, strings.SplitN(t2, ".", 2)[0] + "." + sig},
			"nonsense":                             {n1, "x"},
		} {
			r := s.gqlIn(t, "zh-CN", "", verifyLinkQ, map[string]any{"n": c[0], "t": c[1]})
			if r.code() != "BAD_USER_INPUT" || len(r.Errors) == 0 {
				t.Errorf("%s: %s", name, js(r.Errors))
				continue
			}
			if m := r.Errors[0].Message; !strings.Contains(m, "证书编号和持证人姓名") || latin.MatchString(m) {
				t.Errorf("%s: a zh-CN user reads %q", name, m)
			}
		}

		// Revoked: the link still opens, and says so.
		s.must(t, w.offZZ, `mutation($id:ID!, $r:String!){ revokeCertificate(id:$id, reason:$r){ status } }`,
			map[string]any{"id": certs[1].ID, "r": "考核材料造假"})
		if v := s.verifyLink(t, n2, t2); v.Status != "REVOKED" || deref(v.HolderName) != "甲" {
			t.Errorf("revoked by link: %s", js(v))
		}

		// Anyone may use up a number's checks by name (a burst of 4 wrong
		// names): the check by name then waits, but the holder's QR link,
		// which cannot guess anything, still opens.
		for range 5 {
			s.gql(t, "", verifyQ, map[string]any{"n": n1, "m": "李四"})
		}
		if r := s.gql(t, "", verifyQ, map[string]any{"n": n1, "m": "张三"}); r.code() != "TOO_MANY_REQUESTS" {
			t.Errorf("the check by name after wrong names: %+v", r.Errors)
		}
		for range 10 {
			if v := s.verifyLink(t, n1, t1); v.Status != "VALID" {
				t.Fatalf("the link after the number's checks by name ran out: %s", js(v))
			}
		}
	})
}

// TestVerifyCertificateLinkPerClient: forged links count against the
// client's limit too, so one address cannot try tokens without end.
func TestVerifyCertificateLinkPerClient(t *testing.T) {
	s := startServer(t, "sqlite", map[string]string{"VERIFY_LIMIT_PER_MINUTE": "20"})
	codes := map[string]int{}
	for i := range 12 {
		n, _ := certno.Make("410100", 2020, 100+i)
		codes[s.gql(t, "", verifyLinkQ, map[string]any{"n": n, "t": "forged.token"}).code()]++
	}
	if codes["BAD_USER_INPUT"] != 5 || codes["TOO_MANY_REQUESTS"] != 7 {
		t.Errorf("answers %v, want a burst of 5 refused links then limits", codes)
	}
}

// TestCertificateNumbersConcurrent: 20 assessment recordings at once in one
// region all succeed, with 20 different, consecutive numbers (they were
// allocated as "last + 1" and collided).
func TestCertificateNumbersConcurrent(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		const n = 20
		classes := make([]string, n)
		persons := make([]string, n)
		for i := range n {
			classes[i] = w.newClass(t, s, w.staffZZ, w.orgZZ, true)
			var d enrolledPersons
			s.must(t, w.staffZZ, `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ person { id } } }`,
				map[string]any{"c": classes[i], "p": []any{map[string]any{"name": "学员", "idNumber": residentID(t, "410102", 400+i)}}}, &d)
			persons[i] = d.personIDs()[0]
			s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": classes[i]})
			s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": classes[i]})
		}
		numbers := make([]string, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var r recorded
				res := s.gql(t, w.staffZZ, recordQ, map[string]any{"c": classes[i], "r": []any{map[string]any{"personID": persons[i], "passed": true}}})
				if len(res.Errors) > 0 {
					t.Errorf("recording %d: %s %+v", i, res.code(), res.Errors)
					return
				}
				res.decode(t, &r)
				numbers[i] = r.RecordAssessmentResults[0].Number
			}()
		}
		wg.Wait()
		seen := map[string]bool{}
		serials := []int{}
		for _, num := range numbers {
			if num == "" || seen[num] {
				t.Fatalf("numbers %v: empty or repeated", numbers)
			}
			seen[num] = true
			serial, _ := strconv.Atoi(num[10:17])
			serials = append(serials, serial)
		}
		slices.Sort(serials)
		if serials[n-1]-serials[0] != n-1 {
			t.Errorf("serials are not consecutive: %v", serials)
		}
	})
}

// TestClientBehindProxy: behind a trusted reverse proxy (TRUSTED_PROXIES)
// each client has its own limit of certificate checks, by the address the
// proxy appended to X-Forwarded-For, and a client that writes addresses of
// its own in front of it changes nothing; a peer that is not trusted is
// limited as itself whatever X-Forwarded-For it sends.
func TestClientBehindProxy(t *testing.T) {
	check := func(s *testServer, forwardedFor string) string {
		n, _ := certno.Make("410100", 2020, 100)
		body, _ := json.Marshal(map[string]any{"query": verifyLinkQ, "variables": map[string]any{"n": n, "t": "forged.token"}})
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", forwardedFor)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return s.result(t, resp, nil).code()
	}
	// allowed counts the checks a client gets before it is limited.
	allowed := func(s *testServer, forwardedFor string) int {
		for i := range 50 {
			if check(s, forwardedFor) == "TOO_MANY_REQUESTS" {
				return i
			}
		}
		return 50
	}
	proxied := startServer(t, "sqlite", map[string]string{"VERIFY_LIMIT_PER_MINUTE": "20", "TRUSTED_PROXIES": "127.0.0.0/8, ::1"})
	burst := allowed(proxied, "203.0.113.7")
	if burst == 0 || burst == 50 {
		t.Fatalf("a client behind the proxy got %d checks", burst)
	}
	if got := check(proxied, "198.51.100.1, 203.0.113.7"); got != "TOO_MANY_REQUESTS" {
		t.Errorf("a forged address in front of the proxy's: %s", got)
	}
	if got := allowed(proxied, "203.0.113.8"); got != burst {
		t.Errorf("another client behind the proxy got %d checks, want %d of its own", got, burst)
	}
	direct := startServer(t, "sqlite", map[string]string{"VERIFY_LIMIT_PER_MINUTE": "20"})
	if got := allowed(direct, "203.0.113.7"); got != burst {
		t.Fatalf("the untrusted peer got %d checks, want %d", got, burst)
	}
	if got := check(direct, "203.0.113.8"); got != "TOO_MANY_REQUESTS" {
		t.Errorf("an untrusted peer's X-Forwarded-For made it another client: %s", got)
	}
}
