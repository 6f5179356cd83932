package schema_test

import (
	"fmt"
	"testing"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/certificationunit"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/certification"
	"github.com/hnvt/bairi/internal/ruletest"
)

// TestCertificateCreate: a skill-level certificate needs a level from 5 to 1,
// under an approved filing of its issuer that covers it (R8), and a training
// qualification has none; an assessment certificate belongs
// to a completed class its holder is enrolled in; the holder's and issuer's
// names and the issuer's region are copied onto it.
func TestCertificateCreate(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	ctx := w.Ctx(ruletest.StaffZZ)
	// R8: the institution's approved filing covers 电工 at levels 5 and 1 (not 3).
	admin := w.Ctx(ruletest.Admin)
	unit := ruletest.Save(t, admin, w.Client.CertificationUnit.Create().SetOrganizationID(w.OrgZZ.ID).
		SetKind(certificationunit.KindTRAINING_INSTITUTION).SetStatus(certificationunit.StatusFILED).
		SetOccupations([]certification.Occupation{{Occupation: "电工", Levels: []int{5, 1}}}))
	ruletest.Save(t, admin, unit.Update().SetStatus(certificationunit.StatusAPPROVED))
	// assessed makes the certificate an assessment of a new class in a status,
	// in which the holder is enrolled or not.
	assessed := func(status trainingclass.Status, enrolled bool) func(*testing.T, *ent.CertificateCreate) {
		return func(t *testing.T, b *ent.CertificateCreate) {
			cl := w.Class(t, w.OrgZZ, status)
			if enrolled {
				w.Enroll(t, cl, w.PersonZZ)
			}
			b.SetSource(certificate.SourceASSESSMENT).SetClassID(cl.ID)
		}
	}
	level := func(kind certificate.Kind, n int) func(*testing.T, *ent.CertificateCreate) {
		return func(_ *testing.T, b *ent.CertificateCreate) {
			b.SetKind(kind)
			if n != 0 {
				b.SetLevel(n)
			}
		}
	}
	cases := []struct {
		name      string
		change    func(*testing.T, *ent.CertificateCreate)
		want      ruletest.Outcome
		wantLevel string // the stored level, "-" for none
	}{
		{"skill level 5", level(certificate.KindSKILL_LEVEL, 5), ruletest.OK, "5"},
		{"skill level 1", level(certificate.KindSKILL_LEVEL, 1), ruletest.OK, "1"},
		{"skill level 3, not covered by its filing", level(certificate.KindSKILL_LEVEL, 3), ruletest.BadInput, ""},
		{"skill level without a level", level(certificate.KindSKILL_LEVEL, 0), ruletest.BadInput, ""},
		{"skill level 6", level(certificate.KindSKILL_LEVEL, 6), ruletest.Invalid, ""},
		{"training qualification", level(certificate.KindTRAINING_QUALIFICATION, 0), ruletest.OK, "-"},
		{"training qualification given a level", level(certificate.KindTRAINING_QUALIFICATION, 3), ruletest.OK, "-"},
		{"assessment in a completed class", assessed(trainingclass.StatusCOMPLETED, true), ruletest.OK, "-"},
		{"assessment in a started class", assessed(trainingclass.StatusIN_PROGRESS, true), ruletest.Conflict, ""},
		{"assessment in a class the holder is not in", assessed(trainingclass.StatusCOMPLETED, false), ruletest.BadInput, ""},
		{"assessment without a class", func(_ *testing.T, b *ent.CertificateCreate) {
			b.SetSource(certificate.SourceASSESSMENT)
		}, ruletest.BadInput, ""},
		{"number with a wrong check character", func(_ *testing.T, b *ent.CertificateCreate) {
			b.SetNumber("410100202000000010")
		}, ruletest.Invalid, ""},
	}
	for _, c := range cases {
		t.Run("staff-zz issues a "+c.name, func(t *testing.T) {
			t.Parallel()
			b := w.NewCertificate(w.PersonZZ, w.OrgZZ)
			c.change(t, b)
			cert, err := b.Save(ctx)
			ruletest.Expect(t, err, c.want)
			if err != nil {
				return
			}
			got := "-"
			if cert.Level != nil {
				got = fmt.Sprint(*cert.Level)
			}
			if got != c.wantLevel {
				t.Errorf("level %s, want %s", got, c.wantLevel)
			}
			if cert.HolderName != w.PersonZZ.Name || cert.HolderIDMasked != w.PersonZZ.IDMasked ||
				cert.IssuerName != w.OrgZZ.Name || cert.RegionID != w.Zhengzhou.ID {
				t.Errorf("certificate of %s (%s) by %s in region %d, want %s (%s) by %s in %d",
					cert.HolderName, cert.HolderIDMasked, cert.IssuerName, cert.RegionID,
					w.PersonZZ.Name, w.PersonZZ.IDMasked, w.OrgZZ.Name, w.Zhengzhou.ID)
			}
		})
	}
}

// TestCertificateStatus: an issued certificate can only be revoked, with a
// reason; one pending its electronic version is issued or revoked; a revoked
// one stays revoked.
func TestCertificateStatus(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	ctx := w.Ctx(ruletest.OfficialZZ)
	const issued, pending, revoked = certificate.StatusISSUED, certificate.StatusPENDING_ELECTRONIC, certificate.StatusREVOKED
	revoke := func(reason string) func(*ent.CertificateUpdateOne) {
		return func(u *ent.CertificateUpdateOne) { u.SetStatus(revoked).SetRevokeReason(reason) }
	}
	to := func(s certificate.Status) func(*ent.CertificateUpdateOne) {
		return func(u *ent.CertificateUpdateOne) { u.SetStatus(s) }
	}
	cases := []struct {
		name   string
		from   certificate.Status
		change func(*ent.CertificateUpdateOne)
		want   ruletest.Outcome
		status certificate.Status
	}{
		{"revokes an issued certificate", issued, revoke("考试作弊"), ruletest.OK, revoked},
		{"revokes an issued certificate without a reason", issued, revoke(""), ruletest.BadInput, issued},
		{"sends an issued certificate back to pending", issued, to(pending), ruletest.Conflict, issued},
		{"issues a pending certificate", pending, to(issued), ruletest.OK, issued},
		{"revokes a pending certificate", pending, revoke("信息错误"), ruletest.OK, revoked},
		{"reissues a revoked certificate", revoked, to(issued), ruletest.Conflict, revoked},
		{"sends a revoked certificate back to pending", revoked, to(pending), ruletest.Conflict, revoked},
	}
	for _, c := range cases {
		t.Run("official-zz "+c.name, func(t *testing.T) {
			t.Parallel()
			b := w.NewCertificate(w.PersonZZ, w.OrgZZ).SetStatus(c.from)
			if c.from == revoked {
				b.SetRevokeReason("已撤销")
			}
			cert := ruletest.Save(t, ruletest.System(), b)
			u := cert.Update()
			c.change(u)
			ruletest.Expect(t, u.Exec(ctx), c.want)
			if got := ruletest.Get(t, w.Client.Certificate.Get, cert.ID).Status; got != c.status {
				t.Errorf("certificate is %s, want %s", got, c.status)
			}
		})
	}
}
