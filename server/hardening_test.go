package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hnvt/bairi/graph"
)

// poisonedInput is one place of a mutation's input that takes text or a
// time: an argument, or a field of an input object under it (lists
// included), with the scalar it has there.
type poisonedInput struct {
	mutation *ast.FieldDefinition
	arg      *ast.ArgumentDefinition
	path     []string // input fields below the argument
	scalar   string   // String, Time, Date or Upload
}

// name is the input's last name, as the server names the field (file_name).
func (p poisonedInput) name() string {
	n := p.arg.Name
	if len(p.path) > 0 {
		n = p.path[len(p.path)-1]
	}
	var b strings.Builder
	var prev rune
	for i, r := range n {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(prev) || unicode.IsDigit(prev)) {
			b.WriteByte('_')
		}
		prev = r
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func (p poisonedInput) String() string {
	return p.mutation.Name + "(" + strings.Join(append([]string{p.arg.Name}, p.path...), ".") + ": " + p.scalar + ")"
}

// poisonedInputs walks the schema's mutations for every argument and input
// field (in input objects and lists, at any depth) of type String, Time,
// Date or Upload.
func poisonedInputs(schema *ast.Schema) []poisonedInput {
	var out []poisonedInput
	var walk func(m *ast.FieldDefinition, a *ast.ArgumentDefinition, t *ast.Type, path []string, open map[string]bool)
	walk = func(m *ast.FieldDefinition, a *ast.ArgumentDefinition, t *ast.Type, path []string, open map[string]bool) {
		if t.Elem != nil {
			walk(m, a, t.Elem, path, open)
			return
		}
		def := schema.Types[t.NamedType]
		switch def.Kind {
		case ast.InputObject:
			if open[def.Name] {
				return // a recursive input (where: {not: ...}) is walked once
			}
			open[def.Name] = true
			for _, f := range def.Fields {
				walk(m, a, f.Type, append(append([]string(nil), path...), f.Name), open)
			}
			delete(open, def.Name)
		case ast.Scalar:
			switch def.Name {
			case "String", "Time", "Date", "Upload":
				out = append(out, poisonedInput{mutation: m, arg: a, path: path, scalar: def.Name})
			}
		}
	}
	for _, m := range schema.Mutation.Fields {
		for _, a := range m.Arguments {
			walk(m, a, a.Type, nil, map[string]bool{})
		}
	}
	return out
}

// dummyValue is a value of type t good enough to pass the request's
// validation: required input fields filled, lists of one, enums their first
// value. Uploads are sent as files (nil here).
func dummyValue(schema *ast.Schema, t *ast.Type) any {
	if t.Elem != nil {
		return []any{dummyValue(schema, t.Elem)}
	}
	def := schema.Types[t.NamedType]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		m := map[string]any{}
		for _, f := range def.Fields {
			if f.Type.NonNull && f.DefaultValue == nil {
				m[f.Name] = dummyValue(schema, f.Type)
			}
		}
		return m
	}
	switch def.Name {
	case "ID":
		return "1"
	case "Int", "Int64":
		return 1
	case "Float":
		return 1.5
	case "Boolean":
		return true
	case "Time":
		return "2020-09-01T08:00:00+08:00"
	case "Date":
		return "2020-09-01"
	case "Upload":
		return nil
	case "Map":
		return map[string]any{}
	}
	return "x"
}

// poisonedValue is a value of type t with bad at the end of path.
func poisonedValue(schema *ast.Schema, t *ast.Type, path []string, bad any) any {
	if t.Elem != nil {
		return []any{poisonedValue(schema, t.Elem, path, bad)}
	}
	if len(path) == 0 {
		return bad
	}
	m := dummyValue(schema, t).(map[string]any)
	f := schema.Types[t.NamedType].Fields.ForName(path[0])
	m[path[0]] = poisonedValue(schema, f.Type, path[1:], bad)
	return m
}

// badValues are what each scalar must refuse: a NUL character, and for
// times and dates a year out of 1900 .. 2100.
func badValues(scalar string) []string {
	switch scalar {
	case "Time":
		return []string{"2020-09-01T08:00:00+08:00\x00", "0001-01-01", "0001-01-01T00:00:00Z", "2101-01-01T00:00:00+08:00"}
	case "Date":
		return []string{"0001-01-01", "2101-01-01", "2020-09-01\x00"}
	}
	return []string{"a\x00b"}
}

// latinWord finds English in a message meant to be Chinese.
var latinWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// TestInputGuard: every mutation argument of type String, Time, Date or
// Upload, directly or inside input objects and lists, found by walking the
// schema (so a new mutation is covered without a line here), answers
// BAD_USER_INPUT naming the field for a NUL character (a file's name for an
// upload) and for a time or date outside 1900-01-01 .. 2100-12-31, in the
// request's language, before any resolver runs: nothing is written. Queries'
// arguments are guarded the same way.
func TestInputGuard(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	inputs := poisonedInputs(schema)
	if len(inputs) < 50 {
		t.Fatalf("found only %d text and time inputs in the mutations: the walk is broken", len(inputs))
	}
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		var before counted
		var d struct {
			Persons *counted `json:"persons"`
		}
		s.must(t, w.admin, `{ persons { totalCount } }`, nil, &d)
		before = *d.Persons

		n := 0
		for _, in := range inputs {
			bads := badValues(in.scalar)
			if in.scalar == "Upload" {
				if len(in.path) > 0 {
					t.Fatalf("%s: an upload inside an input object; teach this test to send it", in)
				}
				bads = []string{"roster\x00.xlsx"}
			}
			for _, bad := range bads {
				lang := []string{"", "zh-CN"}[n%2]
				n++
				r := s.poisonedMutation(t, schema, w.admin, lang, in, bad)
				where := fmt.Sprintf("%s = %q (Accept-Language %q)", in, bad, lang)
				if r.code() != "BAD_USER_INPUT" {
					t.Errorf("%s: want BAD_USER_INPUT, got %+v data %s", where, r.Errors, r.Data)
					continue
				}
				e := r.Errors[0]
				if e.Extensions["field"] != in.name() {
					t.Errorf("%s: want the field %q named, got %v (%q)", where, in.name(), e.Extensions["field"], e.Message)
				}
				if lang == "zh-CN" && (!hasHan(e.Message) || latinWord.MatchString(e.Message)) {
					t.Errorf("%s: the message is not Chinese: %q", where, e.Message)
				}
				if lang == "" && !strings.Contains(e.Message, in.name()) {
					t.Errorf("%s: the message does not name %s: %q", where, in.name(), e.Message)
				}
				if string(r.Data) != "" && string(r.Data) != "null" {
					t.Errorf("%s: data %s, want none", where, r.Data)
				}
			}
		}

		// A person complete but for a NUL in the name is not written.
		in := map[string]any{"name": "王\x00五", "idNumber": residentID(t, "410102", 77), "regionID": w.zz, "organizationID": w.orgZZ}
		r := s.gql(t, w.admin, createPersonQ, map[string]any{"in": in})
		if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "name" {
			t.Errorf("createPerson with a NUL in the name: %+v", r.Errors)
		}
		s.must(t, w.admin, `{ persons { totalCount } }`, nil, &d)
		if d.Persons.TotalCount != before.TotalCount {
			t.Errorf("%d persons before the poisoned requests, %d after", before.TotalCount, d.Persons.TotalCount)
		}

		// Queries' arguments too, given as variables or written in the query.
		r = s.gql(t, w.admin, `query($c:String!){ region(code:$c){ id } }`, map[string]any{"c": "410100\x00"})
		if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "code" {
			t.Errorf("region(code) with a NUL: %+v", r.Errors)
		}
		r = s.gqlIn(t, "zh-CN", w.admin, `{ region(code: "4101\u0000") { id } }`, nil)
		if r.code() != "BAD_USER_INPUT" || !hasHan(r.Errors[0].Message) {
			t.Errorf("region(code) with a NUL written in the query: %+v", r.Errors)
		}
	})
}

// poisonedMutation sends the mutation of in with bad at its place, the
// other required arguments filled with dummies, as JSON or (with an
// upload) as a multipart request.
func (s *testServer) poisonedMutation(t *testing.T, schema *ast.Schema, token, lang string, in poisonedInput, bad string) gqlResult {
	t.Helper()
	var defs, uses []string
	vars := map[string]any{}
	var uploads []string // variables that are files
	for _, a := range in.mutation.Arguments {
		var v any
		switch {
		case a == in.arg && in.scalar != "Upload":
			v = poisonedValue(schema, a.Type, in.path, bad)
		case a == in.arg || a.Type.NonNull && a.DefaultValue == nil:
			v = dummyValue(schema, a.Type)
		default:
			continue
		}
		if a.Type.Name() == "Upload" {
			uploads = append(uploads, a.Name)
		}
		defs = append(defs, "$"+a.Name+": "+a.Type.String())
		uses = append(uses, a.Name+": $"+a.Name)
		vars[a.Name] = v
	}
	sel := ""
	switch schema.Types[in.mutation.Type.Name()].Kind {
	case ast.Object, ast.Interface, ast.Union:
		sel = " { __typename }"
	}
	query := fmt.Sprintf("mutation(%s) { %s(%s)%s }", strings.Join(defs, ", "), in.mutation.Name, strings.Join(uses, ", "), sel)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})

	var req *http.Request
	if len(uploads) == 0 {
		req, _ = http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(ops))
		req.Header.Set("Content-Type", "application/json")
	} else {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		_ = mw.WriteField("operations", string(ops))
		files := map[string][]string{}
		for i, name := range uploads {
			files[fmt.Sprint(i)] = []string{"variables." + name}
		}
		m, _ := json.Marshal(files)
		_ = mw.WriteField("map", string(m))
		for i, name := range uploads {
			fileName := "roster.xlsx"
			if name == in.arg.Name {
				fileName = bad
			}
			// RFC 5987: a file name may carry any byte, NUL included.
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%d"; filename*=UTF-8''%s`, i, url.PathEscape(fileName)))
			h.Set("Content-Type", "application/octet-stream")
			p, _ := mw.CreatePart(h)
			_, _ = p.Write([]byte("not really a workbook"))
		}
		_ = mw.Close()
		req, _ = http.NewRequest(http.MethodPost, s.URL+"/graphql", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
	}
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	return s.result(t, resp, nil)
}

// getIn is get with an Accept-Language header.
func (s *testServer) getIn(t testing.TB, lang, token, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
	req.Header.Set("Accept-Language", lang)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestExportForbidden: a role that may not read a ledger gets 403 with a
// short text in its language, not a server error; the roles that may still
// get the workbook.
func TestExportForbidden(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		for _, c := range []struct {
			who, token, path string
		}{
			{"trainee", w.trainee, "/exports/subsidy-applications.xlsx"},
			{"trainee", w.trainee, "/exports/fund-ledger.xlsx"},
			{"inspector", w.inspZZ, "/exports/fund-ledger.xlsx"},
			{"institution staff", w.staffZZ, "/exports/fund-ledger.xlsx"},
		} {
			status, body := s.getIn(t, "zh-CN,zh;q=0.9", c.token, c.path)
			if status != http.StatusForbidden || !hasHan(body) || latinWord.MatchString(body) {
				t.Errorf("%s GET %s in Chinese: %d %q, want 403 in Chinese", c.who, c.path, status, body)
			}
			status, body = s.getIn(t, "en", c.token, c.path)
			if status != http.StatusForbidden || hasHan(body) || !strings.Contains(body, "may not export") {
				t.Errorf("%s GET %s in English: %d %q, want 403 in English", c.who, c.path, status, body)
			}
		}
		for _, c := range []struct{ token, path string }{
			{w.inspZZ, "/exports/subsidy-applications.xlsx"},
			{w.finZZ, "/exports/fund-ledger.xlsx"},
			{w.offZZ, "/exports/subsidy-applications.xlsx"},
		} {
			if status, _ := s.get(t, c.token, c.path); status != http.StatusOK {
				t.Errorf("GET %s: %d, want the workbook", c.path, status)
			}
		}
		if status, body := s.getIn(t, "zh-CN", "", "/exports/fund-ledger.xlsx"); status != http.StatusUnauthorized || !hasHan(body) {
			t.Errorf("anonymous export: %d %s", status, body)
		}
	})
}

// TestNoSuggestions: with introspection off (no DEV=1) a validation error
// does not suggest the schema's names.
func TestNoSuggestions(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		tok := s.adminToken(t)
		for _, q := range []string{
			`{ mee { id } }`,                                          // a field
			`{ region(cod: "410100") { id } }`,                        // an argument
			`{ region(code: "410100") { nam } }`,                      // a field of an object
			`query($c: Strin!) { region(code: $c) { id } }`,           // a type
			`{ users(where: {role: REGION_OFICIAL}) { totalCount } }`, // an enum value
			`{ users(where: {rol: REGION_OFFICIAL}) { totalCount } }`, // an input field
			`{ region(code: "410100") }`,                              // a selection left out
		} {
			r := s.gql(t, tok, q, nil)
			if r.code() != "BAD_USER_INPUT" && r.code() != "GRAPHQL_VALIDATION_FAILED" {
				t.Errorf("%s: want a validation error, got %+v", q, r.Errors)
			}
			for _, e := range r.Errors {
				if strings.Contains(strings.ToLower(e.Message), "did you mean") {
					t.Errorf("%s: the error suggests names: %q", q, e.Message)
				}
			}
		}
	})
}

// postRaw posts a body as it is (a truncated JSON) and reads the answer.
func (s *testServer) postRaw(t testing.TB, token, body string) gqlResult {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return s.result(t, resp, nil)
}

// TestLogsHoldNoSecrets: persons with ID numbers and phones, sign-ins that
// fail until the lock, bodies cut short (a login's with its password, a
// person's with the ID number, a refresh with its token): the server's log
// holds none of the ID numbers, phones, passwords and tokens, and a body it
// cannot read is the client's bad input, not an internal error.
func TestLogsHoldNoSecrets(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		secrets := []string{w.idZZ, residentID(t, "410302", 12), testPassword, adminPassword,
			w.admin, w.offZZ, w.staffZZ, w.trainee}
		const wrongPassword = "wrong-password-Q7"
		const phone = "13912345678"
		newID := residentID(t, "410102", 55)
		secrets = append(secrets, wrongPassword, phone, newID, newID[:6]+" "+newID[6:14]+" "+newID[14:])

		s.must(t, w.admin, createPersonQ, map[string]any{"in": map[string]any{
			"name": "王五", "idNumber": newID, "phone": phone, "regionID": w.zz, "organizationID": w.orgZZ}})
		// The same person again, the ID number written with spaces.
		s.gql(t, w.admin, createPersonQ, map[string]any{"in": map[string]any{
			"name": "王六", "idNumber": newID[:6] + " " + newID[6:14] + " " + newID[14:], "regionID": w.zz, "organizationID": w.orgZZ}})

		_, refresh := s.login(t, "off-zz", testPassword)
		secrets = append(secrets, refresh)
		// Wrong passwords until the account locks (the lock is logged).
		for range 7 {
			s.gql(t, "", `mutation($u:String!,$p:String!){ login(input:{username:$u,password:$p}){ accessToken } }`,
				map[string]any{"u": "staff-zz", "p": wrongPassword})
		}

		// Bodies cut short.
		login, _ := json.Marshal(map[string]any{
			"query":     `mutation($u:String!,$p:String!){ login(input:{username:$u,password:$p}){ accessToken } }`,
			"variables": map[string]any{"u": "off-zz", "p": testPassword}})
		inline, _ := json.Marshal(map[string]any{
			"query": `mutation { login(input:{username:"off-zz", password:"` + wrongPassword + `"}) { accessToken } }`})
		person, _ := json.Marshal(map[string]any{"query": createPersonQ, "variables": map[string]any{"in": map[string]any{
			"name": "赵七", "idNumber": w.idZZ, "phone": phone, "regionID": w.zz}}})
		refreshBody, _ := json.Marshal(map[string]any{
			"query":     `mutation($t:String!){ refreshToken(token:$t){ accessToken } }`,
			"variables": map[string]any{"t": refresh}})
		for _, b := range []struct {
			token string
			body  []byte
		}{{"", login}, {"", inline}, {w.admin, person}, {"", refreshBody}} {
			cut := string(b.body[:len(b.body)-3])
			r := s.postRaw(t, b.token, cut)
			if r.code() != "BAD_USER_INPUT" {
				t.Errorf("a body cut short: want BAD_USER_INPUT, got %+v", r.Errors)
			}
			for _, e := range r.Errors {
				for _, secret := range secrets {
					if strings.Contains(e.Message, secret) {
						t.Errorf("the answer to a body cut short quotes %q: %q", secret, e.Message)
					}
				}
			}
		}

		// Paths are logged with every request: one holding an ID number, a
		// phone and a token (a link pasted in the wrong place).
		s.get(t, "", "/certificates/"+w.idZZ+"/qr.png")
		s.get(t, "", "/exports/"+phone+"/"+w.offZZ)
		s.get(t, "", "/persons/"+newID[:6]+"%20"+newID[6:14]+"%20"+newID[14:])

		log := s.out.String()
		if !strings.Contains(log, `"path":"/certificates/410102***********`) {
			t.Errorf("the request log lost the path it should keep, redacted:\n%s", tail(log, 5))
		}
		if !strings.Contains(log, "sign-in locked") {
			t.Errorf("the lock was not logged:\n%s", tail(log, 20))
		}
		for _, secret := range secrets {
			if strings.Contains(log, secret) {
				t.Errorf("the server log holds %q:\n%s", secret, tail(log, 20))
			}
		}
	})
}
