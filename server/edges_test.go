package main

import (
	"strings"
	"testing"

	"github.com/hnvt/bairi/internal/certno"
)

// traineeRecordsQ is what a trainee's screens ask for: their certificates
// and classes, with the edges out of them.
const traineeRecordsQ = `{
  me { person { name
    certificates { number issuerName issuer { name } holder { name }
      class { occupation organization { name } region { name } } }
    enrollments { class { occupation category status plannedStart plannedEnd venueAddress
      organization { name } region { name } enrollments { person { name } }
      enrolledCount remotelySupervised rejectedEvidenceCount evidenceDue evidence(first: 10) { totalCount } } } } }
  certificates(first: 10) { totalCount edges { node { number issuer { name } class { occupation } } } }
  trainingClasses(first: 10) { edges { node { occupation rejectedEvidenceCount organization { name } } } }
}`

type namedRef struct {
	Name string `json:"name"`
}

// traineeRecords is the answer to traineeRecordsQ.
type traineeRecords struct {
	Me struct {
		Person struct {
			Name         string `json:"name"`
			Certificates []struct {
				Number     string    `json:"number"`
				IssuerName string    `json:"issuerName"`
				Issuer     *namedRef `json:"issuer"`
				Holder     *namedRef `json:"holder"`
				Class      *struct {
					Occupation   string    `json:"occupation"`
					Organization *namedRef `json:"organization"`
					Region       *namedRef `json:"region"`
				} `json:"class"`
			} `json:"certificates"`
			Enrollments []struct {
				Class struct {
					Occupation            string                       `json:"occupation"`
					Category              string                       `json:"category"`
					Status                string                       `json:"status"`
					PlannedStart          string                       `json:"plannedStart"`
					VenueAddress          string                       `json:"venueAddress"`
					Organization          *namedRef                    `json:"organization"`
					Region                *namedRef                    `json:"region"`
					Enrollments           []struct{ Person *namedRef } `json:"enrollments"`
					RemotelySupervised    *bool                        `json:"remotelySupervised"`
					RejectedEvidenceCount *int                         `json:"rejectedEvidenceCount"`
					EvidenceDue           []string                     `json:"evidenceDue"`
					Evidence              *counted                     `json:"evidence"`
				} `json:"class"`
			} `json:"enrollments"`
		} `json:"person"`
	} `json:"me"`
	Certificates    connection[struct{ Number string }] `json:"certificates"`
	TrainingClasses connection[struct {
		Occupation            string    `json:"occupation"`
		RejectedEvidenceCount *int      `json:"rejectedEvidenceCount"`
		Organization          *namedRef `json:"organization"`
	}] `json:"trainingClasses"`
}

// importCertificate imports, as the admin, one certificate issued by the
// organisation with the given credit code to the person with the given ID number.
func importCertificate(t *testing.T, s *testServer, w *world, number, idNumber, name, issuerCode string) {
	t.Helper()
	file := certWorkbook(t, [][]any{{number, idNumber, name, "培训合格证书", "电工", "", "2020-10-16", issuerCode}})
	var d struct {
		ImportCertificates *importReport `json:"importCertificates"`
	}
	r := s.upload(t, w.admin, `mutation($f:Upload!){ importCertificates(file:$f){ ok imported errors { row column message } } }`,
		map[string]any{}, "f", "certs.xlsx", file, &d)
	if !d.ImportCertificates.ok() || d.ImportCertificates.Imported != 1 {
		t.Fatalf("import of %s: %+v %s", number, r.Errors, r.Data)
	}
}

// TestUnreadableEdges: a trainee lists their own certificates and classes
// with the edges out of them; what they may not read (another institution,
// the class's other trainees, its evidence) comes back null or left out,
// not as a failed query. An official or staff member reading a certificate
// whose holder is out of their scope gets the certificate with a null holder.
// Root fields keep refusing.
func TestUnreadableEdges(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		class, ids := completedClass(t, s, w)
		w.certify(t, s, w.orgZZ, "TRAINING_INSTITUTION", "电子商务师", 4)
		var issued recorded
		s.must(t, w.staffZZ, recordQ, map[string]any{"c": class, "r": []any{
			map[string]any{"personID": ids[0], "passed": true, "level": 4},
			map[string]any{"personID": ids[1], "passed": true}}}, &issued)
		nZZ := issued.RecordAssessmentResults[0].Number
		// A certificate of 张三's issued by the Luoyang school, which never trained them here,
		// and one of 李四's (Luoyang) issued by the Zhengzhou school.
		nLY, _ := certno.Make("410300", 2020, 7001)
		importCertificate(t, s, w, nLY, w.idZZ, "张三", creditCode(t, "410300", 2))
		nLi, _ := certno.Make("410100", 2020, 7002)
		importCertificate(t, s, w, nLi, residentID(t, "410302", 12), "李四", creditCode(t, "410100", 1))

		r := s.gql(t, w.trainee, traineeRecordsQ, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("the trainee's own records failed: %+v\n%s", r.Errors, r.Data)
		}
		var d traineeRecords
		r.decode(t, &d)
		p := d.Me.Person
		certs := map[string]int{}
		for i, c := range p.Certificates {
			certs[c.Number] = i
		}
		if p.Name != "张三" || len(p.Certificates) != 2 || d.Certificates.TotalCount != 2 {
			t.Fatalf("the trainee's certificates: %s", r.Data)
		}
		own := p.Certificates[certs[nZZ]]
		if own.Issuer == nil || own.Issuer.Name != "郑州职业培训学校" || own.Holder == nil || own.Holder.Name != "张三" ||
			own.Class == nil || own.Class.Occupation != "电子商务师" || own.Class.Organization == nil ||
			own.Class.Organization.Name != "郑州职业培训学校" || own.Class.Region == nil || own.Class.Region.Name != "郑州市" {
			t.Errorf("the certificate of the trainee's class: %s", js(own))
		}
		// The Luoyang school trained them in no class: it is not theirs to read, only its name as printed.
		imported := p.Certificates[certs[nLY]]
		if imported.Issuer != nil || imported.IssuerName != "洛阳职业培训学校" || imported.Class != nil || imported.Holder == nil {
			t.Errorf("the imported certificate: %s", js(imported))
		}
		if len(p.Enrollments) != 1 {
			t.Fatalf("the trainee's enrolments: %s", r.Data)
		}
		c := p.Enrollments[0].Class
		if c.Occupation != "电子商务师" || c.Category == "" || c.Status != "COMPLETED" || c.PlannedStart == "" || c.VenueAddress == "" ||
			c.Organization == nil || c.Organization.Name != "郑州职业培训学校" || c.Region == nil || c.Region.Name != "郑州市" {
			t.Errorf("the trainee's class: %s", js(c))
		}
		// The class's evidence is not the trainee's to read: null, not a failed query.
		if c.RemotelySupervised != nil || c.RejectedEvidenceCount != nil || c.EvidenceDue != nil || c.Evidence != nil {
			t.Errorf("the trainee reads the class's evidence: %s", js(c))
		}
		if len(c.Enrollments) != 1 || c.Enrollments[0].Person == nil || c.Enrollments[0].Person.Name != "张三" {
			t.Errorf("the class's enrolments as the trainee reads them: %s", js(c.Enrollments))
		}
		if e := d.TrainingClasses.Edges; len(e) != 1 || e[0].Node.RejectedEvidenceCount != nil || e[0].Node.Organization == nil {
			t.Errorf("the trainee's classes: %s", js(d.TrainingClasses))
		}
		for _, other := range []string{"甲", "乙", "李四", nLi} {
			if strings.Contains(string(r.Data), other) {
				t.Errorf("another person's record leaked (%s): %s", other, r.Data)
			}
		}
		// Root fields keep refusing: a list the trainee may not read at all, a node out of scope.
		s.wantCode(t, "FORBIDDEN", w.trainee, `{ evidences(first: 1) { totalCount } }`, nil)
		s.wantCode(t, "FORBIDDEN", w.trainee, `{ targets(first: 1) { totalCount } }`, nil)
		s.wantCode(t, "NOT_FOUND", w.trainee, `query($id:ID!){ node(id:$id){ id } }`, map[string]any{"id": w.orgLY})

		// Staff and officials: 李四's certificate issued by the Zhengzhou school is theirs to
		// read, 李四 (registered in Luoyang, never enrolled here) is not.
		const certsQ = `{ certificates(first: 10) { edges { node { number holderName holder { name } issuer { name } } } } }`
		for name, tok := range map[string]string{"official zz": w.offZZ, "staff zz": w.staffZZ} {
			r := s.gql(t, tok, certsQ, nil)
			if len(r.Errors) > 0 {
				t.Errorf("%s listing certificates: %+v", name, r.Errors)
				continue
			}
			var d struct {
				Certificates connection[struct {
					Number     string    `json:"number"`
					HolderName string    `json:"holderName"`
					Holder     *namedRef `json:"holder"`
					Issuer     *namedRef `json:"issuer"`
				}] `json:"certificates"`
			}
			r.decode(t, &d)
			found := false
			for _, e := range d.Certificates.Edges {
				n := e.Node
				switch n.Number {
				case nLi:
					found = true
					if n.Holder != nil || n.HolderName != "李四" || n.Issuer == nil || n.Issuer.Name != "郑州职业培训学校" {
						t.Errorf("%s reads 李四's certificate as %s", name, js(n))
					}
				case nZZ:
					if n.Holder == nil || n.Holder.Name != "张三" {
						t.Errorf("%s reads 张三's certificate as %s", name, js(n))
					}
				}
			}
			if !found || len(d.Certificates.Edges) != 3 {
				t.Errorf("%s lists %s", name, js(d.Certificates))
			}
		}
		// The Luoyang official reads 张三's certificate of the Luoyang school, not its holder.
		var ly struct {
			Certificates connection[struct {
				Number string    `json:"number"`
				Holder *namedRef `json:"holder"`
			}] `json:"certificates"`
		}
		s.must(t, w.offLY, `{ certificates(first: 10) { edges { node { number holder { name } } } } }`, nil, &ly)
		if e := ly.Certificates.Edges; len(e) != 1 || e[0].Node.Number != nLY || e[0].Node.Holder != nil {
			t.Errorf("the Luoyang official lists %s", js(ly.Certificates))
		}
		// Campaign targets are the officials' to read: staff and trainees see the campaign, targets null.
		for name, tok := range map[string]string{"staff": w.staffZZ, "trainee": w.trainee} {
			var camps struct {
				Campaigns connection[struct {
					Name    string `json:"name"`
					Targets *[]struct {
						Quantity int `json:"quantity"`
					} `json:"targets"`
				}] `json:"campaigns"`
			}
			r := s.gql(t, tok, `{ campaigns(first: 5) { edges { node { name targets { quantity } } } } }`, nil, &camps)
			if len(r.Errors) > 0 || len(camps.Campaigns.Edges) == 0 || camps.Campaigns.Edges[0].Node.Targets != nil {
				t.Errorf("%s lists campaigns: %+v %s", name, r.Errors, r.Data)
			}
		}
		var camps struct {
			Campaigns connection[struct {
				Targets []struct{ Quantity int } `json:"targets"`
			}] `json:"campaigns"`
		}
		s.must(t, w.admin, `{ campaigns(first: 5) { edges { node { targets { quantity } } } } }`, nil, &camps)
		if len(camps.Campaigns.Edges) == 0 || len(camps.Campaigns.Edges[0].Node.Targets) == 0 {
			t.Errorf("the admin reads no targets: %s", js(camps))
		}
	})
}
