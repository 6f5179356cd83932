// Package certificates issues, imports and checks certificates: numbers from
// assessment results, the provincial platform's XLSX export imported
// all-or-nothing, the public check (same answer for an unknown number and a
// wrong name, rate-limited) and the signed QR links. Issue and Import run in
// the request transaction; Verify reads outside it.
package certificates

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/certificateserial"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/person"
	"github.com/hnvt/bairi/ent/schema"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/certno"
	"github.com/hnvt/bairi/internal/certsign"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/ratelimit"
	"github.com/hnvt/bairi/internal/sheet"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// Service issues, imports and checks certificates.
type Service struct {
	Client *ent.Client
	PII    *pii.Cipher
	// Signer signs QR payloads; PublicURL prefixes their links.
	Signer    *certsign.Signer
	PublicURL string
	// Limiter rate-limits the public check.
	Limiter *ratelimit.Limiter
	Clock   *clock.Clock
	// Pool, on PostgreSQL, is where the public check reads (lookup.go);
	// nil reads through ent.
	Pool *pgxpool.Pool
}

// db returns the request transaction's client when there is one.
func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

// Verify answers a public check: the certificate when number and name match,
// nil otherwise. An unknown number and a wrong name take the same path.
func (s *Service) Verify(ctx context.Context, number, name string) (*ent.Certificate, error) {
	n, err := certno.Check(number)
	if err != nil {
		return nil, fault.Input("number", "%s", err.Error())
	}
	if err := s.Limiter.Allow(ctx, n); err != nil {
		return nil, err
	}
	c, err := s.checked(ctx, n)
	if err != nil {
		return nil, err
	}
	stored := "\x00no certificate\x00"
	if c != nil {
		stored = idcheck.NormalizeName(c.HolderName)
	}
	if subtle.ConstantTimeCompare([]byte(stored), []byte(idcheck.NormalizeName(name))) != 1 || c == nil {
		return nil, nil
	}
	return c, nil
}

// checkedFields are what a check reads of a certificate: what it answers
// and what a QR link signs (the busiest query of all reads no more).
var checkedFields = []string{certificate.FieldNumber, certificate.FieldKind, certificate.FieldLevel, certificate.FieldOccupation,
	certificate.FieldIssuedAt, certificate.FieldStatus, certificate.FieldHolderName, certificate.FieldHolderIDMasked, certificate.FieldIssuerName}

// checked reads the certificate of a number for a public check (numbers
// are unique: the first is the only one), nil when there is none: straight
// from the pool on PostgreSQL (lookup), through ent on SQLite or inside a
// transaction.
func (s *Service) checked(ctx context.Context, number string) (*ent.Certificate, error) {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeVerify)
	if s.Pool != nil && ent.FromContext(ctx) == nil {
		return s.lookup(ctx, number)
	}
	c, err := s.db(ctx).Certificate.Query().Where(certificate.Number(number)).Select(checkedFields...).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return c, err
}

// VerifyLink answers a public check opened from a certificate's QR code:
// number and token are the link's n and t. The token must carry our
// signature over this number's payload; the certificate is then answered
// without its holder's name (nil when no stored certificate matches the
// signed details). It counts against the client's limit only: the
// per-number limit stops names being guessed for a number, which a signed
// link cannot do, and anyone can use that limit up, so counting links
// against it would let a stranger keep a holder from showing their
// certificate (the check by name waits a minute; the link never does).
func (s *Service) VerifyLink(ctx context.Context, number, token string) (*ent.Certificate, error) {
	if err := s.Limiter.AllowClient(ctx); err != nil {
		return nil, err
	}
	number = strings.TrimSpace(number)
	p, err := certsign.Verify(s.Signer.PublicKey(), strings.TrimSpace(token))
	if err != nil || p.Number != number {
		return nil, fault.Input("token", "this certificate link is damaged or was not issued here: check the certificate with its number and the holder's name")
	}
	c, err := s.checked(ctx, number)
	if err != nil || c == nil {
		return nil, err
	}
	// Signed for another holder (a number never changes hands, but the
	// stored row is what is answered): not this certificate.
	if Payload(c).HolderName != p.HolderName || c.HolderIDMasked != p.IDMasked {
		return nil, nil
	}
	return c, nil
}

// Payload is what a certificate's QR code signs.
func Payload(c *ent.Certificate) certsign.Payload {
	p := certsign.Payload{Number: c.Number, HolderName: certsign.MaskName(c.HolderName), IDMasked: c.HolderIDMasked,
		Kind: string(c.Kind), Occupation: c.Occupation, Issuer: c.IssuerName, IssuedOn: c.IssuedAt.In(workday.China).Format(time.DateOnly)}
	if c.Level != nil {
		p.Level = *c.Level
	}
	return p
}

// QRLink is the check-page link a certificate's QR code holds.
func (s *Service) QRLink(c *ent.Certificate) (string, error) {
	token, err := s.Signer.Sign(Payload(c))
	if err != nil {
		return "", err
	}
	return strings.TrimRight(s.PublicURL, "/") + "/verify?" + url.Values{"n": {c.Number}, "t": {token}}.Encode(), nil
}

// nextNumber takes the next number of a region and year: one statement adds
// one to the prefix's serial row (creating it, after the highest number
// already issued, the first time), and the row stays locked until the
// issuing transaction ends, so that concurrent issuers wait their turn
// instead of colliding.
func nextNumber(ctx context.Context, c *ent.Client, regionCode string, year int) (string, error) {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeCertNumber)
	prefix := certno.Prefix(regionCode, year)
	first, err := firstSerial(ctx, c, prefix, regionCode, year)
	if err != nil {
		return "", err
	}
	for range 100 {
		id, err := c.CertificateSerial.Create().SetPrefix(prefix).SetLast(first).
			OnConflictColumns(certificateserial.FieldPrefix).
			Update(func(u *ent.CertificateSerialUpsert) { u.AddLast(1) }).ID(ctx)
		if err != nil {
			return "", err
		}
		row, err := c.CertificateSerial.Get(ctx, id)
		if err != nil {
			return "", err
		}
		number, err := certno.Make(regionCode, year, row.Last)
		if err != nil {
			return "", err
		}
		// A number imported from another system may already hold this serial: take the next.
		taken, err := c.Certificate.Query().Where(certificate.Number(number)).Exist(viewer.WithPurpose(ctx, viewer.PurposeVerify))
		if err != nil || !taken {
			return number, err
		}
	}
	return "", fault.New(fault.Conflict, "no free certificate number in %s", prefix)
}

// firstSerial is the serial a prefix starts from when it has no row yet: the
// one after the highest number issued (or imported) under it, else a small
// random one (never 0; two installations rarely collide on a fresh prefix).
func firstSerial(ctx context.Context, c *ent.Client, prefix, regionCode string, year int) (int, error) {
	last, err := c.Certificate.Query().Where(certificate.NumberHasPrefix(prefix)).
		Order(ent.Desc(certificate.FieldNumber)).First(viewer.WithPurpose(ctx, viewer.PurposeVerify))
	switch {
	case ent.IsNotFound(err):
		return 1 + rand.IntN(9), nil
	case err != nil:
		return 0, err
	}
	next, err := certno.Next(last.Number)
	if err != nil {
		return 0, err
	}
	var serial int
	if _, err := fmt.Sscanf(next[10:17], "%7d", &serial); err != nil {
		return 0, err
	}
	return serial, nil
}

// Result is one trainee's assessment.
type Result struct {
	PersonID int
	Passed   bool
	// Level is set for a skill-level certificate (5 初级工 ... 1 高级技师).
	Level *int
	// Electronic is false when the provincial platform could not yet make the
	// electronic certificate (R12: the number is a voucher).
	Electronic *bool
}

// Issue issues certificates to the trainees of a completed class who passed;
// recording a result again issues nothing twice.
func (s *Service) Issue(ctx context.Context, classID int, results []Result) ([]*ent.Certificate, error) {
	client := s.db(ctx)
	class, err := client.TrainingClass.Query().Where(trainingclass.ID(classID)).
		WithOrganization(func(q *ent.OrganizationQuery) { q.WithRegion() }).Only(ctx)
	if err != nil {
		return nil, err
	}
	org := class.Edges.Organization
	now := s.Clock.Now()
	out := []*ent.Certificate{}
	for i, res := range results {
		if !res.Passed {
			continue
		}
		existing, err := client.Certificate.Query().Where(certificate.ClassID(classID), certificate.HolderID(res.PersonID)).First(ctx)
		if err == nil {
			out = append(out, existing) // recorded before: nothing is issued twice
			continue
		}
		if !ent.IsNotFound(err) {
			return nil, err
		}
		number, err := nextNumber(ctx, client, org.Edges.Region.Code, now.In(workday.China).Year())
		if err != nil {
			return nil, err
		}
		kind := certificate.KindTRAINING_QUALIFICATION
		if res.Level != nil {
			kind = certificate.KindSKILL_LEVEL
		}
		status := certificate.StatusISSUED
		if res.Electronic != nil && !*res.Electronic {
			status = certificate.StatusPENDING_ELECTRONIC
		}
		c, err := client.Certificate.Create().SetNumber(number).SetKind(kind).SetNillableLevel(res.Level).
			SetOccupation(class.Occupation).SetIssuedAt(now).SetStatus(status).SetHolderID(res.PersonID).
			SetClassID(classID).SetIssuerID(org.ID).Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("result %d: %w", i+1, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// importColumns are the columns of the provincial platform's export.
var importColumns = map[string][]string{
	"number":      {"number", "certificate_number", "证书编号"},
	"id_number":   {"id_number", "身份证号", "身份证号码"},
	"name":        {"name", "姓名"},
	"kind":        {"kind", "证书类型", "类型"},
	"occupation":  {"occupation", "职业", "职业(工种)", "工种"},
	"level":       {"level", "等级"},
	"issued_at":   {"issued_at", "发证日期"},
	"issuer_code": {"issuer_code", "issuer_credit_code", "发证机构代码", "统一社会信用代码"},
}

// importRow is a checked row of an import.
type importRow struct {
	n, id, name, occupation string
	kind                    certificate.Kind
	level                   *int
	issued                  time.Time
	issuer                  *ent.Organization
	existing                *ent.Certificate
}

// Import imports the provincial platform's export all-or-nothing; rows
// identical to stored certificates change nothing.
func (s *Service) Import(ctx context.Context, file io.Reader) (*sheet.Report, error) {
	v := viewer.FromContext(ctx)
	if v == nil || (!v.Admin() && v.Role != viewer.RegionOfficial) {
		return nil, fault.New(fault.Forbidden, "only the province admin and region officials import certificates")
	}
	report := sheet.NewReport()
	table, err := sheet.Read(file, importColumns, report)
	if err != nil || table == nil {
		return report, err
	}
	err = entctx.InTx(ctx, s.Client, func(ctx context.Context, client *ent.Client) error {
		return s.importRows(ctx, client, table, report)
	})
	if err != nil {
		return nil, err
	}
	return report, nil
}

// importRows checks every row of an import, then creates the certificates
// unless one fails (report says which and why).
func (s *Service) importRows(ctx context.Context, client *ent.Client, table *sheet.Sheet, report *sheet.Report) error {
	var good []importRow
	seen := map[string]int{}
	issuers := map[string]*ent.Organization{}
	err := table.Each(func(rn int, cell func(string) string) error {
		x, ok, err := s.checkRow(ctx, client, rn, cell, seen, issuers, report)
		if ok {
			good = append(good, x)
		}
		return err
	})
	if err != nil || report.Failed() {
		return err
	}
	for _, x := range good {
		if x.existing != nil {
			continue // re-imported: unchanged
		}
		p, err := s.holder(ctx, client, x)
		if err != nil {
			return err
		}
		if err := client.Certificate.Create().SetNumber(x.n).SetKind(x.kind).SetNillableLevel(x.level).
			SetOccupation(x.occupation).SetIssuedAt(x.issued).SetStatus(certificate.StatusISSUED).
			SetSource(certificate.SourceIMPORT).SetHolderID(p.ID).SetIssuerID(x.issuer.ID).Exec(ctx); err != nil {
			return err
		}
		report.Imported++
	}
	report.Ok = true
	return nil
}

// checkRow checks one row of an import, recording its failures in report.
func (s *Service) checkRow(ctx context.Context, client *ent.Client, rn int, cell func(string) string,
	seen map[string]int, issuers map[string]*ent.Organization, report *sheet.Report) (importRow, bool, error) {
	var x importRow
	var err error
	ok := true
	fail := func(col, format string, args ...any) {
		report.Fail(rn, col, format, args...)
		ok = false
	}
	if x.n, err = certno.Check(cell("number")); err != nil {
		fail("number", "%s", err.Error())
	} else if first, dup := seen[x.n]; dup {
		fail("number", "the same number as row %d", first)
	} else {
		seen[x.n] = rn
	}
	if x.id, err = idcheck.ResidentID(cell("id_number")); err != nil {
		fail("id_number", "%s %s", fault.IDField(err), fault.IDReason(err))
	}
	if x.name = cell("name"); x.name == "" {
		fail("name", "a name is required")
	}
	switch strings.ToUpper(cell("kind")) {
	case "TRAINING_QUALIFICATION", "培训合格证书":
		x.kind = certificate.KindTRAINING_QUALIFICATION
	case "SKILL_LEVEL", "职业技能等级证书":
		x.kind = certificate.KindSKILL_LEVEL
	default:
		fail("kind", "unknown kind %q (培训合格证书 or 职业技能等级证书)", cell("kind"))
	}
	if x.occupation = cell("occupation"); x.occupation == "" {
		fail("occupation", "an occupation is required")
	}
	if l := cell("level"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 5 {
			fail("level", "the level is a number from 5 (初级工) to 1 (高级技师)")
		}
		x.level = &n
	}
	if x.kind == certificate.KindSKILL_LEVEL && x.level == nil {
		fail("level", "a skill-level certificate needs a level")
	}
	if x.issued, err = parseDate(cell("issued_at")); err != nil || x.issued.After(s.Clock.Now()) {
		fail("issued_at", "the issue date must be a past date (YYYY-MM-DD), got %q", cell("issued_at"))
	}
	code := strings.ToUpper(cell("issuer_code"))
	org, found := issuers[code]
	if !found {
		org, err = client.Organization.Query().Where(organization.CreditCode(code)).Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return x, false, err
		}
		issuers[code] = org
	}
	if org == nil {
		fail("issuer_code", "no organisation with credit code %q in your scope", code)
	}
	x.issuer = org
	if !ok {
		return x, false, nil
	}
	if x.kind == certificate.KindSKILL_LEVEL {
		covered, err := schema.CertificationCovers(ctx, client, org.ID, x.occupation, *x.level)
		if err != nil {
			return x, false, err
		}
		if !covered {
			fail("level", schema.NotCertifiedFormat, org.Name, x.occupation, *x.level)
			return x, false, nil
		}
	}
	// A person registered with this ID number must carry this name.
	p, err := client.Person.Query().Where(person.IDHash(s.PII.Hash(x.id))).Only(viewer.WithPurpose(ctx, viewer.PurposeEnroll))
	if err == nil && !idcheck.SameName(p.Name, x.name) {
		fail("name", "the person with this ID number is registered under another name")
		return x, false, nil
	}
	existing, err := client.Certificate.Query().Where(certificate.Number(x.n)).Only(viewer.WithPurpose(ctx, viewer.PurposeVerify))
	if err == nil {
		if !sameCertificate(existing, x) {
			fail("number", "certificate %s already exists with other details", x.n)
			return x, false, nil
		}
		x.existing = existing
	} else if !ent.IsNotFound(err) {
		return x, false, err
	}
	return x, true, nil
}

// sameCertificate reports whether a stored certificate carries the row's details.
func sameCertificate(c *ent.Certificate, x importRow) bool {
	sameLevel := (c.Level == nil && x.level == nil) || (c.Level != nil && x.level != nil && *c.Level == *x.level)
	return c.Kind == x.kind && c.Occupation == x.occupation && c.IssuerID == x.issuer.ID && sameLevel &&
		idcheck.SameName(c.HolderName, x.name) &&
		c.IssuedAt.In(workday.China).Format(time.DateOnly) == x.issued.Format(time.DateOnly)
}

// holder returns the person a row's certificate belongs to, registering
// them with the issuer when the ID number is new.
func (s *Service) holder(ctx context.Context, client *ent.Client, x importRow) (*ent.Person, error) {
	p, err := client.Person.Query().Where(person.IDHash(s.PII.Hash(x.id))).Only(viewer.WithPurpose(ctx, viewer.PurposeEnroll))
	if !ent.IsNotFound(err) {
		return p, err
	}
	sealed, err := s.PII.Seal(x.id)
	if err != nil {
		return nil, err
	}
	return client.Person.Create().SetName(x.name).SetIDHash(sealed.Hash).SetIDEncrypted(sealed.Encrypted).
		SetIDMasked(sealed.Masked).SetOrganizationID(x.issuer.ID).SetRegionID(x.issuer.RegionID).Save(ctx)
}

// parseDate reads YYYY-MM-DD (or YYYY/MM/DD) as midnight China time.
func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "2006/01/02", "2006/1/2", "01-02-06"} {
		if t, err := time.ParseInLocation(layout, s, workday.China); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("not a date")
}
