package main

import (
	"testing"
)

// world is a small province: organisations and users in Zhengzhou (410100)
// and Luoyang (410300), with a token for each role.
type world struct {
	admin                                  string
	zz, ly, province                       string // region ids
	orgZZ, orgLY                           string
	offZZ, finZZ, inspZZ, staffZZ, trainee string // tokens
	offLY, staffLY                         string
	personZZ, personLY                     string
	idZZ                                   string // the whole ID number of personZZ
}

const createOrg = `mutation($in: CreateOrganizationInput!){ createOrganization(input:$in){ id name creditCode prioritySector region { code } } }`

// createdOrg is the selection of createOrg.
type createdOrg struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	CreditCode     string `json:"creditCode"`
	PrioritySector bool   `json:"prioritySector"`
	Region         struct {
		Code string `json:"code"`
	} `json:"region"`
}

const createUserQ = `mutation($in: CreateUserInput!){ createUser(input:$in){ id username role } }`

const createPersonQ = `mutation($in: CreatePersonInput!){ createPerson(input:$in){ id name idMasked } }`

// personView is the selection { id name idMasked } of a Person.
type personView struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	IDMasked string `json:"idMasked"`
}

func newWorld(t testing.TB, s *testServer) *world {
	t.Helper()
	w := &world{admin: s.adminToken(t)}
	w.province = s.regionID(t, w.admin, "410000")
	w.zz = s.regionID(t, w.admin, "410100")
	w.ly = s.regionID(t, w.admin, "410300")
	org := func(name, region, division string, seq int) string {
		var d struct {
			CreateOrganization createdOrg `json:"createOrganization"`
		}
		s.must(t, w.admin, createOrg, map[string]any{"in": map[string]any{
			"name": name, "kind": "TRAINING_INSTITUTION", "creditCode": creditCode(t, division, seq),
			"regionID": region, "sector": "WHOLESALE_RETAIL", "employeeCount": 40,
		}}, &d)
		return d.CreateOrganization.ID
	}
	w.orgZZ = org("郑州职业培训学校", w.zz, "410100", 1)
	w.orgLY = org("洛阳职业培训学校", w.ly, "410300", 2)
	person := func(name, region, org, id string) string {
		in := map[string]any{"name": name, "idNumber": id, "regionID": region, "organizationID": org}
		var d struct {
			CreatePerson personView `json:"createPerson"`
		}
		s.must(t, w.admin, createPersonQ, map[string]any{"in": in}, &d)
		return d.CreatePerson.ID
	}
	w.idZZ = residentID(t, "410102", 11)
	w.personZZ = person("张三", w.zz, w.orgZZ, w.idZZ)
	w.personLY = person("李四", w.ly, w.orgLY, residentID(t, "410302", 12))
	user := func(username, role, region, org, person string) string {
		in := map[string]any{"username": username, "password": testPassword, "displayName": username, "role": role, "regionID": region}
		if org != "" {
			in["organizationID"] = org
		}
		if person != "" {
			in["personID"] = person
		}
		s.must(t, w.admin, createUserQ, map[string]any{"in": in})
		tok, _ := s.login(t, username, testPassword)
		return tok
	}
	w.offZZ = user("off-zz", "REGION_OFFICIAL", w.zz, "", "")
	w.finZZ = user("fin-zz", "FINANCE_OFFICER", w.zz, "", "")
	w.inspZZ = user("insp-zz", "INSPECTOR", w.zz, "", "")
	w.staffZZ = user("staff-zz", "INSTITUTION_STAFF", w.zz, w.orgZZ, "")
	w.trainee = user("trainee-zz", "TRAINEE", w.zz, "", w.personZZ)
	w.offLY = user("off-ly", "REGION_OFFICIAL", w.ly, "", "")
	w.staffLY = user("staff-ly", "INSTITUTION_STAFF", w.ly, w.orgLY, "")
	return w
}
