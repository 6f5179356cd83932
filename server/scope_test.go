package main

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"testing"
)

// TestReadScope checks what each role sees: nothing outside its scope leaks.
func TestReadScope(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		// list returns the sorted values, or "FORBIDDEN" when the viewer may not list at all.
		list := func(token, conn, field string) string {
			// The selection is made of conn and field, so it is decoded by name.
			var d map[string]connection[map[string]string]
			r := s.gql(t, token, fmt.Sprintf(`{ %s(first: 50) { edges { node { %s } } } }`, conn, field), nil, &d)
			if len(r.Errors) > 0 {
				return r.code()
			}
			var out []string
			for _, e := range d[conn].Edges {
				out = append(out, e.Node[field])
			}
			sort.Strings(out)
			return strings.Join(out, ",")
		}
		cases := []struct {
			role, token string
			orgs, users string
			persons     string
		}{
			{"admin", w.admin, "洛阳职业培训学校,郑州职业培训学校", "admin,fin-zz,insp-zz,off-ly,off-zz,staff-ly,staff-zz,trainee-zz", "张三,李四"},
			{"official zz", w.offZZ, "郑州职业培训学校", "fin-zz,insp-zz,off-zz,staff-zz,trainee-zz", "张三"},
			{"finance zz", w.finZZ, "郑州职业培训学校", "fin-zz,insp-zz,off-zz,staff-zz,trainee-zz", "张三"},
			{"inspector zz", w.inspZZ, "郑州职业培训学校", "fin-zz,insp-zz,off-zz,staff-zz,trainee-zz", "张三"},
			{"official ly", w.offLY, "洛阳职业培训学校", "off-ly,staff-ly", "李四"},
			{"staff zz", w.staffZZ, "郑州职业培训学校", "staff-zz", "张三"},
			{"staff ly", w.staffLY, "洛阳职业培训学校", "staff-ly", "李四"},
			{"trainee, enrolled nowhere yet", w.trainee, "", "trainee-zz", "张三"},
		}
		for _, c := range cases {
			if got := list(c.token, "organizations", "name"); got != c.orgs {
				t.Errorf("%s sees organizations %q, want %q", c.role, got, c.orgs)
			}
			if got := list(c.token, "users", "username"); got != c.users {
				t.Errorf("%s sees users %q, want %q", c.role, got, c.users)
			}
			if got := list(c.token, "persons", "name"); got != c.persons {
				t.Errorf("%s sees persons %q, want %q", c.role, got, c.persons)
			}
			for _, m := range strings.Split(list(c.token, "persons", "idMasked"), ",") {
				if strings.Count(m, "*") != 10 {
					t.Errorf("%s sees an unmasked ID number %q", c.role, m)
				}
			}
		}
		// Enrolled in a class, the trainee reads its institution: their classes tab lists both.
		class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		s.must(t, w.staffZZ, `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ id } }`,
			map[string]any{"c": class, "p": []any{map[string]any{"name": "张三", "idNumber": w.idZZ}}})
		if got := list(w.trainee, "organizations", "name"); got != "郑州职业培训学校" {
			t.Errorf("the enrolled trainee sees organizations %q", got)
		}
		var mine struct {
			TrainingClasses connection[struct {
				ID           string `json:"id"`
				Organization struct {
					Name string `json:"name"`
				} `json:"organization"`
			}] `json:"trainingClasses"`
		}
		s.must(t, w.trainee, `{ trainingClasses(first: 10) { edges { node { id organization { name } } } } }`, nil, &mine)
		if e := mine.TrainingClasses.Edges; len(e) != 1 || e[0].Node.ID != class || e[0].Node.Organization.Name != "郑州职业培训学校" {
			t.Errorf("the trainee's classes: %s", js(mine))
		}
		const q = `{ targets(first: 50) { totalCount } }`
		// The whole ID number never appears in any answer.
		var persons struct {
			Persons connection[personView] `json:"persons"`
		}
		s.must(t, w.admin, `{ persons(first: 10) { edges { node { id name idMasked } } } }`, nil, &persons)
		if strings.Contains(js(persons), w.idZZ) {
			t.Error("a whole ID number was returned")
		}
		// Only the province admin sees the province targets; the ZZ official sees none of them.
		targets := func(token string) int {
			var d struct {
				Targets counted `json:"targets"`
			}
			s.must(t, token, q, nil, &d)
			return d.Targets.TotalCount
		}
		if n := targets(w.admin); n != 7 {
			t.Errorf("admin sees %d targets, want the 7 province targets", n)
		}
		if n := targets(w.offZZ); n != 0 {
			t.Errorf("a city official sees %d province targets", n)
		}
		s.wantCode(t, "FORBIDDEN", w.staffZZ, q, nil)
		s.wantCode(t, "FORBIDDEN", w.trainee, q, nil)
		// A node outside the viewer's scope is not revealed through node().
		var node struct {
			Node *struct {
				ID   string  `json:"id"`
				Name *string `json:"name"`
			} `json:"node"`
		}
		r := s.gql(t, w.offLY, `query($id:ID!){ node(id:$id){ id ... on Organization { name } } }`, map[string]any{"id": w.orgZZ}, &node)
		if node.Node != nil && node.Node.Name != nil {
			t.Errorf("Luoyang official read a Zhengzhou organisation through node(): %s", r.Data)
		}
		// Anonymous requests for protected data are refused.
		s.wantCode(t, "UNAUTHENTICATED", "", `{ users(first: 1) { totalCount } }`, nil)
		s.wantCode(t, "UNAUTHENTICATED", "", `{ regions(first: 1) { totalCount } }`, nil)
		var me struct {
			Me *ref `json:"me"`
		}
		if s.must(t, "", `{ me { id } }`, nil, &me); me.Me != nil {
			t.Errorf("anonymous me = %+v, want null", *me.Me)
		}
	})
}

// TestWriteScope checks who may write what: out-of-scope or above-role writes
// are refused and leave nothing behind.
func TestWriteScope(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		type totals struct {
			Organizations counted `json:"organizations"`
			Users         counted `json:"users"`
			Regions       counted `json:"regions"`
		}
		count := func(q string) (d totals) { s.must(t, w.admin, q, nil, &d); return d }
		orgs := func() int { return count(`{ organizations { totalCount } }`).Organizations.TotalCount }
		users := func() int { return count(`{ users { totalCount } }`).Users.TotalCount }
		regions := func() int { return count(`{ regions { totalCount } }`).Regions.TotalCount }

		orgIn := func(region, division string, seq int) map[string]any {
			return map[string]any{"in": map[string]any{"name": fmt.Sprintf("机构%d", seq), "kind": "ENTERPRISE",
				"creditCode": creditCode(t, division, seq), "regionID": region}}
		}
		userIn := func(username, role, region string) map[string]any {
			return map[string]any{"in": map[string]any{"username": username, "password": testPassword,
				"displayName": username, "role": role, "regionID": region}}
		}
		beforeOrgs, beforeUsers, beforeRegions := orgs(), users(), regions()

		// Allowed: an official inside their subtree.
		var d struct {
			CreateOrganization createdOrg `json:"createOrganization"`
		}
		s.must(t, w.offZZ, createOrg, orgIn(w.zz, "410100", 100), &d)
		if d.CreateOrganization.Region.Code != "410100" {
			t.Errorf("created organisation: %+v", d)
		}
		s.must(t, w.offZZ, createUserQ, userIn("insp-zz-2", "INSPECTOR", w.zz))
		s.must(t, w.offZZ, createUserQ, userIn("off-zz-2", "REGION_OFFICIAL", w.zz))
		var cr struct {
			CreateRegion struct {
				ID     string `json:"id"`
				Code   string `json:"code"`
				Parent *struct {
					Code string `json:"code"`
				} `json:"parent"`
			} `json:"createRegion"`
		}
		// the city's inspector is signed in before (their session, with
		// the regions of their subtree, is remembered)
		s.must(t, w.inspZZ, `{ organizations(first: 1) { totalCount } }`, nil)
		s.must(t, w.offZZ, `mutation($p:ID!){ createRegion(input:{code:"410102", name:"中原区", level: COUNTY, parentID:$p}){ id code parent { code } } }`,
			map[string]any{"p": w.zz}, &cr)
		if deref(cr.CreateRegion.Parent).Code != "410100" {
			t.Errorf("createRegion: %s", js(cr))
		}
		// ... and reads at once what is registered in the new district
		var inNew struct {
			CreateOrganization createdOrg `json:"createOrganization"`
		}
		s.must(t, w.admin, createOrg, orgIn(cr.CreateRegion.ID, "410102", 105), &inNew)
		var seen struct {
			Node *struct {
				ID string `json:"id"`
			} `json:"node"`
		}
		s.must(t, w.inspZZ, `query($id: ID!){ node(id: $id) { id } }`, map[string]any{"id": inNew.CreateOrganization.ID}, &seen)
		if seen.Node == nil {
			t.Errorf("the city's inspector does not read an organisation of a district created during their session")
		}

		refused := []struct {
			name, token, code, query string
			vars                     map[string]any
		}{
			{"official creates org in another city", w.offZZ, "FORBIDDEN", createOrg, orgIn(w.ly, "410300", 101)},
			{"official creates user in another city", w.offZZ, "FORBIDDEN", createUserQ, userIn("x1", "INSPECTOR", w.ly)},
			{"official grants a role above own", w.offZZ, "FORBIDDEN", createUserQ, userIn("x2", "PROVINCE_ADMIN", w.zz)},
			{"inspector creates user", w.inspZZ, "FORBIDDEN", createUserQ, userIn("x3", "TRAINEE", w.zz)},
			{"finance officer creates user", w.finZZ, "FORBIDDEN", createUserQ, userIn("x4", "TRAINEE", w.zz)},
			{"staff creates org", w.staffZZ, "FORBIDDEN", createOrg, orgIn(w.zz, "410100", 102)},
			{"trainee creates org", w.trainee, "FORBIDDEN", createOrg, orgIn(w.zz, "410100", 103)},
			{"anonymous creates org", "", "UNAUTHENTICATED", createOrg, orgIn(w.zz, "410100", 104)},
			{"official creates region under another city", w.offZZ, "FORBIDDEN",
				`mutation($p:ID!){ createRegion(input:{code:"410302", name:"老城区", level: COUNTY, parentID:$p}){ code } }`, map[string]any{"p": w.ly}},
			{"official creates a campaign", w.offZZ, "FORBIDDEN",
				`mutation{ createCampaign(input:{name:"x", startsOn:"2021-01-01T00:00:00Z", endsOn:"2021-02-01T00:00:00Z"}){ id } }`, nil},
			{"official updates another city's org", w.offLY, "NOT_FOUND",
				`mutation($id:ID!){ updateOrganization(id:$id, input:{name:"hijacked"}){ id } }`, map[string]any{"id": w.orgZZ}},
			{"bad credit code", w.admin, "BAD_USER_INPUT", createOrg, map[string]any{"in": map[string]any{"name": "x", "kind": "ENTERPRISE", "creditCode": "91410100MA00000000", "regionID": w.zz}}},
			{"duplicate credit code", w.admin, "CONFLICT", createOrg, orgIn(w.zz, "410100", 1)},
			{"duplicate credit code typed in lower case", w.admin, "CONFLICT", createOrg, map[string]any{"in": map[string]any{"name": "x", "kind": "ENTERPRISE",
				"creditCode": " " + strings.ToLower(creditCode(t, "410100", 1)), "regionID": w.zz}}},
			{"weak password", w.admin, "BAD_USER_INPUT", createUserQ, userIn("x5", "INSPECTOR", w.zz)},
			{"bad ID number", w.admin, "BAD_USER_INPUT", createPersonQ, map[string]any{"in": map[string]any{"name": "王五", "idNumber": "410102199001011230", "regionID": w.zz}}},
			{"staff registers a person for another org", w.staffZZ, "FORBIDDEN", createPersonQ,
				map[string]any{"in": map[string]any{"name": "王五", "idNumber": residentID(t, "410302", 21), "organizationID": w.orgLY}}},
		}
		// The weak-password case needs a weak password.
		refused[14].vars["in"].(map[string]any)["password"] = "short"
		for _, c := range refused {
			r := s.gql(t, c.token, c.query, c.vars)
			if r.code() != c.code {
				t.Errorf("%s: want %s, got %+v", c.name, c.code, r.Errors)
			}
		}
		if got, want := orgs(), beforeOrgs+2; got != want {
			t.Errorf("organisations: %d, want %d (a refused write left a row)", got, want)
		}
		if got, want := users(), beforeUsers+2; got != want {
			t.Errorf("users: %d, want %d (a refused write left a row)", got, want)
		}
		if got, want := regions(), beforeRegions+1; got != want {
			t.Errorf("regions: %d, want %d", got, want)
		}
		var org struct {
			Node struct {
				Name string `json:"name"`
			} `json:"node"`
		}
		s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on Organization { name } } }`, map[string]any{"id": w.orgZZ}, &org)
		if n := org.Node.Name; n != "郑州职业培训学校" {
			t.Errorf("organisation renamed by an out-of-scope official: %q", n)
		}
		// Staff registering a person gets it in their own organisation, masked.
		var p struct {
			CreatePerson personView `json:"createPerson"`
		}
		s.must(t, w.staffZZ, createPersonQ, map[string]any{"in": map[string]any{"name": "王五", "idNumber": residentID(t, "410102", 31)}}, &p)
		if m := p.CreatePerson.IDMasked; !strings.HasPrefix(m, "4101**********") {
			t.Errorf("masked ID %q", m)
		}
		s.wantCode(t, "CONFLICT", w.staffZZ, createPersonQ, map[string]any{"in": map[string]any{"name": "王五", "idNumber": residentID(t, "410102", 31)}})
	})
}

// TestLinkScope: a mutation that links two records checks the caller's scope
// over both ends. A Zhengzhou official cannot give themselves a trainee
// account over a Luoyang person (and so read that person's record), attach
// a Luoyang organisation to a user, a person or a class, and a record out of
// scope answers as one that does not exist: NOT_FOUND, the same message.
func TestLinkScope(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		users := func() int {
			var d struct {
				Users counted `json:"users"`
			}
			s.must(t, w.admin, `{ users { totalCount } }`, nil, &d)
			return d.Users.TotalCount
		}
		before := users()
		userIn := func(username, role, region string, extra map[string]any) map[string]any {
			in := map[string]any{"username": username, "password": testPassword, "displayName": username, "role": role, "regionID": region}
			maps.Copy(in, extra)
			return map[string]any{"in": in}
		}
		const missing = "999999999"
		// notFound wants NOT_FOUND, in English and in Chinese, and returns the messages.
		notFound := func(name, token, q string, vars map[string]any) (en, zh string) {
			t.Helper()
			r := s.gql(t, token, q, vars)
			if r.code() != "NOT_FOUND" {
				t.Errorf("%s: want NOT_FOUND, got %+v", name, r.Errors)
				return "", ""
			}
			rz := s.gqlIn(t, "zh-CN", token, q, vars)
			if rz.code() != "NOT_FOUND" || !hasHan(rz.Errors[0].Message) {
				t.Errorf("%s in Chinese: %+v", name, rz.Errors)
				return r.Errors[0].Message, ""
			}
			return r.Errors[0].Message, rz.Errors[0].Message
		}
		same := func(what string, a, b [2]string) {
			t.Helper()
			if a != b {
				t.Errorf("%s: an out-of-scope record answers %q, a missing one %q", what, a, b)
			}
		}
		pair := func(en, zh string) [2]string { return [2]string{en, zh} }

		// A trainee account over a person of another city: refused, as for a person that does not exist.
		same("createUser's person",
			pair(notFound("trainee over a Luoyang person", w.offZZ, createUserQ, userIn("ly-trainee", "TRAINEE", w.zz, map[string]any{"personID": w.personLY}))),
			pair(notFound("trainee over a missing person", w.offZZ, createUserQ, userIn("ly-trainee", "TRAINEE", w.zz, map[string]any{"personID": missing}))))
		if r := s.gql(t, "", `mutation($u:String!,$p:String!){ login(input:{username:$u,password:$p}){ accessToken } }`,
			map[string]any{"u": "ly-trainee", "p": testPassword}); len(r.Errors) == 0 {
			t.Fatal("the trainee account over a Luoyang person signs in")
		}
		// Staff of an organisation of another city: the same.
		same("createUser's organisation",
			pair(notFound("staff of a Luoyang organisation", w.offZZ, createUserQ, userIn("ly-staff", "INSTITUTION_STAFF", w.zz, map[string]any{"organizationID": w.orgLY}))),
			pair(notFound("staff of a missing organisation", w.offZZ, createUserQ, userIn("ly-staff", "INSTITUTION_STAFF", w.zz, map[string]any{"organizationID": missing}))))
		if got := users(); got != before {
			t.Errorf("users: %d, want %d (a refused link left a row)", got, before)
		}
		// Within the subtree the official links freely: a trainee account over a Zhengzhou person reads that person.
		var p struct {
			CreatePerson personView `json:"createPerson"`
		}
		s.must(t, w.offZZ, createPersonQ, map[string]any{"in": map[string]any{"name": "王五", "idNumber": residentID(t, "410102", 41), "regionID": w.zz}}, &p)
		s.must(t, w.offZZ, createUserQ, userIn("zz-trainee", "TRAINEE", w.zz, map[string]any{"personID": p.CreatePerson.ID}))
		tok, _ := s.login(t, "zz-trainee", testPassword)
		var me struct {
			Persons connection[personView] `json:"persons"`
		}
		s.must(t, tok, `{ persons(first: 5) { edges { node { id name idMasked } } } }`, nil, &me)
		if e := me.Persons.Edges; len(e) != 1 || e[0].Node.ID != p.CreatePerson.ID {
			t.Errorf("the new trainee reads %s", js(me))
		}

		// A person registered by an official for an organisation of another city.
		personIn := func(seq int, extra map[string]any) map[string]any {
			in := map[string]any{"name": "赵六", "idNumber": residentID(t, "410102", seq)}
			maps.Copy(in, extra)
			return map[string]any{"in": in}
		}
		same("createPerson's organisation",
			pair(notFound("person of a Luoyang organisation", w.offZZ, createPersonQ, personIn(42, map[string]any{"regionID": w.zz, "organizationID": w.orgLY}))),
			pair(notFound("person of a missing organisation", w.offZZ, createPersonQ, personIn(42, map[string]any{"regionID": w.zz, "organizationID": missing}))))
		// Staff register persons in their own region (regions are public: the refusal is FORBIDDEN).
		s.wantCode(t, "FORBIDDEN", w.staffZZ, createPersonQ, personIn(43, map[string]any{"regionID": w.ly}))
		s.must(t, w.staffZZ, createPersonQ, personIn(44, map[string]any{"regionID": w.zz}))
		// A class opened by an official for an organisation of another city.
		classIn := func(org string) map[string]any {
			return map[string]any{"in": map[string]any{"organizationID": org, "category": "KEY_GROUP", "occupation": "电工", "approvedHeadcount": 5,
				"plannedStart": "2020-09-01", "plannedEnd": "2020-09-02", "venueAddress": "郑州市", "venueLatitude": venueLat, "venueLongitude": venueLon}}
		}
		same("createTrainingClass's organisation",
			pair(notFound("class of a Luoyang organisation", w.offZZ, createClassQ, classIn(w.orgLY))),
			pair(notFound("class of a missing organisation", w.offZZ, createClassQ, classIn(missing))))
		// Luoyang's person is still read by no one in Zhengzhou.
		var node struct {
			Node *personView `json:"node"`
		}
		s.gql(t, w.offZZ, `query($id:ID!){ node(id:$id){ ... on Person { id name idMasked } } }`, map[string]any{"id": w.personLY}, &node)
		if node.Node != nil && node.Node.Name != "" {
			t.Errorf("the Zhengzhou official reads the Luoyang person: %s", js(node))
		}
	})
}
