package graph

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/person"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/certno"
	"github.com/hnvt/bairi/internal/certsign"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/viewer"
)

type clientIPKey struct{}

// WithClientIP records the client's address for rate limiting.
func WithClientIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, clientIPKey{}, ip)
}

func clientIP(ctx context.Context) string {
	ip, _ := ctx.Value(clientIPKey{}).(string)
	return ip
}

// Limiter rate-limits certificate checks per client address and per number.
type Limiter struct {
	perClient, perNumber  *lru.Cache[string, *rate.Limiter]
	clientRate, numRate   rate.Limit
	clientBurst, numBurst int
}

// NewLimiter allows perMinuteClient checks per client address and
// perMinuteNumber per certificate number (each with a burst of a quarter).
func NewLimiter(perMinuteClient, perMinuteNumber int) *Limiter {
	c, _ := lru.New[string, *rate.Limiter](100_000)
	n, _ := lru.New[string, *rate.Limiter](100_000)
	return &Limiter{perClient: c, perNumber: n,
		clientRate: rate.Limit(float64(perMinuteClient) / 60), clientBurst: max(perMinuteClient/4, 1),
		numRate: rate.Limit(float64(perMinuteNumber) / 60), numBurst: max(perMinuteNumber/4, 1)}
}

func take(c *lru.Cache[string, *rate.Limiter], key string, r rate.Limit, burst int) bool {
	l, ok := c.Get(key)
	if !ok {
		l = rate.NewLimiter(r, burst)
		c.Add(key, l)
	}
	return l.Allow()
}

// Allow reports whether one more check may run now.
func (l *Limiter) Allow(client, number string) error {
	if l == nil {
		return nil
	}
	if !take(l.perClient, client, l.clientRate, l.clientBurst) {
		return &fault.Error{Code: fault.TooManyRequests, Message: "too many certificate checks from this address: wait a minute and try again",
			Details: map[string]any{"retryAfterSeconds": 60}}
	}
	if !take(l.perNumber, number, l.numRate, l.numBurst) {
		return &fault.Error{Code: fault.TooManyRequests, Message: "this number has been checked too often: wait a minute and try again",
			Details: map[string]any{"retryAfterSeconds": 60}}
	}
	return nil
}

func normName(s string) string { return strings.Join(strings.Fields(s), "") }

// verifyCertificate answers a public check. An unknown number and a wrong
// name get the same answer, through the same code path.
func (r *Resolver) verifyCertificate(ctx context.Context, number, name string) (*model.CertificateCheck, error) {
	n, err := certno.Check(number)
	if err != nil {
		return nil, fault.Input("number", "%s", err.Error())
	}
	if err := r.Limiter.Allow(clientIP(ctx), n); err != nil {
		return nil, err
	}
	c, err := r.db(ctx).Certificate.Query().Where(certificate.Number(n)).Only(viewer.WithPurpose(ctx, viewer.PurposeVerify))
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	stored := "\x00no certificate\x00"
	if c != nil {
		stored = normName(c.HolderName)
	}
	match := subtle.ConstantTimeCompare([]byte(stored), []byte(normName(name))) == 1
	if c == nil || !match {
		return &model.CertificateCheck{Status: model.CertificateCheckStatusNotFound}, nil
	}
	out := &model.CertificateCheck{
		HolderName: ptr(certsign.MaskName(c.HolderName)), IDNumberMasked: ptr(c.HolderIDMasked),
		Kind: &c.Kind, Occupation: ptr(c.Occupation), Level: c.Level, IssuerName: ptr(c.IssuerName), IssuedAt: &c.IssuedAt,
	}
	switch c.Status {
	case certificate.StatusISSUED:
		out.Status = model.CertificateCheckStatusValid
	case certificate.StatusREVOKED:
		out.Status = model.CertificateCheckStatusRevoked
	default:
		out.Status = model.CertificateCheckStatusPendingElectronic
	}
	return out, nil
}

func ptr[T any](v T) *T { return &v }

// Payload is what a certificate's QR code signs.
func Payload(c *ent.Certificate) certsign.Payload {
	p := certsign.Payload{Number: c.Number, HolderName: certsign.MaskName(c.HolderName), IDMasked: c.HolderIDMasked,
		Kind: string(c.Kind), Occupation: c.Occupation, Issuer: c.IssuerName, IssuedOn: c.IssuedAt.In(china).Format(time.DateOnly)}
	if c.Level != nil {
		p.Level = *c.Level
	}
	return p
}

// QRLink is the check-page link a certificate's QR code holds.
func (r *Resolver) QRLink(c *ent.Certificate) (string, error) {
	token, err := r.Signer.Sign(Payload(c))
	if err != nil {
		return "", err
	}
	return strings.TrimRight(r.PublicURL, "/") + "/verify?" + url.Values{"n": {c.Number}, "t": {token}}.Encode(), nil
}

// nextNumber reserves the next free number of a region and year.
func nextNumber(ctx context.Context, c *ent.Client, regionCode string, year int) (string, error) {
	prefix := fmt.Sprintf("%s%04d", regionCode, year)
	last, err := c.Certificate.Query().Where(certificate.NumberHasPrefix(prefix)).
		Order(ent.Desc(certificate.FieldNumber)).First(viewer.WithPurpose(ctx, viewer.PurposeVerify))
	serial := 1 + rand.IntN(9) // never 0, and two issuers rarely collide on a fresh prefix
	if err == nil {
		s, _ := strconv.Atoi(last.Number[10:17])
		serial = s + 1
	} else if !ent.IsNotFound(err) {
		return "", err
	}
	return certno.Make(regionCode, year, serial)
}

// recordAssessmentResults issues certificates to the trainees who passed.
func (r *Resolver) recordAssessmentResults(ctx context.Context, classID int, results []*model.AssessmentResultInput) ([]*ent.Certificate, error) {
	client := ent.FromContext(ctx)
	class, err := client.TrainingClass.Query().Where(trainingclass.ID(classID)).
		WithOrganization(func(q *ent.OrganizationQuery) { q.WithRegion() }).Only(ctx)
	if err != nil {
		return nil, err
	}
	org := class.Edges.Organization
	now := time.Now()
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
		number, err := nextNumber(ctx, client, org.Edges.Region.Code, now.In(china).Year())
		if err != nil {
			return nil, err
		}
		kind := certificate.KindTRAINING_QUALIFICATION
		if res.Level != nil {
			kind = certificate.KindSKILL_LEVEL
		}
		status := certificate.StatusISSUED
		if res.ElectronicCertificate != nil && !*res.ElectronicCertificate {
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

// importCertificates imports the provincial platform's XLSX export
// all-or-nothing; rows identical to stored certificates change nothing.
func (r *Resolver) importCertificates(ctx context.Context, file graphql.Upload) (*model.ImportReport, error) {
	v := viewer.FromContext(ctx)
	if v == nil || (!v.Admin() && v.Role != viewer.RegionOfficial) {
		return nil, fault.New(fault.Forbidden, "only the province admin and region officials import certificates")
	}
	rows, err := readTable(file.File)
	if err != nil {
		return nil, err
	}
	report := &model.ImportReport{Errors: []*model.RowError{}}
	fail := func(row int, col, format string, args ...any) {
		c := col
		report.Errors = append(report.Errors, &model.RowError{Row: row, Column: &c, Message: fmt.Sprintf(format, args...)})
	}
	if len(rows) < 2 {
		report.Errors = append(report.Errors, &model.RowError{Row: 1, Message: "the file has no data rows"})
		return report, nil
	}
	idx, err := headerIndex(rows[0], map[string][]string{
		"number":      {"number", "certificate_number", "证书编号"},
		"id_number":   {"id_number", "身份证号", "身份证号码"},
		"name":        {"name", "姓名"},
		"kind":        {"kind", "证书类型", "类型"},
		"occupation":  {"occupation", "职业", "职业(工种)", "工种"},
		"level":       {"level", "等级"},
		"issued_at":   {"issued_at", "发证日期"},
		"issuer_code": {"issuer_code", "issuer_credit_code", "发证机构代码", "统一社会信用代码"},
	})
	if err != nil {
		report.Errors = append(report.Errors, &model.RowError{Row: 1, Message: err.Error()})
		return report, nil
	}
	client := ent.FromContext(ctx)
	type row struct {
		n, id, name, occupation string
		kind                    certificate.Kind
		level                   *int
		issued                  time.Time
		issuer                  *ent.Organization
		existing                *ent.Certificate
	}
	var good []row
	seen := map[string]int{}
	issuers := map[string]*ent.Organization{}
	for i, rec := range rows[1:] {
		rn := i + 2
		cell := func(col string) string {
			if j := idx[col]; j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		var x row
		ok := true
		if x.n, err = certno.Check(cell("number")); err != nil {
			fail(rn, "number", "%s", err.Error())
			ok = false
		} else if first, dup := seen[x.n]; dup {
			fail(rn, "number", "the same number as row %d", first)
			ok = false
		} else {
			seen[x.n] = rn
		}
		if x.id, err = idcheck.ResidentID(cell("id_number")); err != nil {
			fail(rn, "id_number", "%s", err.Error())
			ok = false
		}
		if x.name = cell("name"); x.name == "" {
			fail(rn, "name", "a name is required")
			ok = false
		}
		switch strings.ToUpper(cell("kind")) {
		case "TRAINING_QUALIFICATION", "培训合格证书":
			x.kind = certificate.KindTRAINING_QUALIFICATION
		case "SKILL_LEVEL", "职业技能等级证书":
			x.kind = certificate.KindSKILL_LEVEL
		default:
			fail(rn, "kind", "unknown kind %q (培训合格证书 or 职业技能等级证书)", cell("kind"))
			ok = false
		}
		if x.occupation = cell("occupation"); x.occupation == "" {
			fail(rn, "occupation", "an occupation is required")
			ok = false
		}
		if l := cell("level"); l != "" {
			n, err := strconv.Atoi(l)
			if err != nil || n < 1 || n > 5 {
				fail(rn, "level", "the level is a number from 5 (初级工) to 1 (高级技师)")
				ok = false
			}
			x.level = &n
		}
		if x.kind == certificate.KindSKILL_LEVEL && x.level == nil {
			fail(rn, "level", "a skill-level certificate needs a level")
			ok = false
		}
		if x.issued, err = parseDate(cell("issued_at")); err != nil || x.issued.After(time.Now()) {
			fail(rn, "issued_at", "the issue date must be a past date (YYYY-MM-DD), got %q", cell("issued_at"))
			ok = false
		}
		code := strings.ToUpper(cell("issuer_code"))
		org, found := issuers[code]
		if !found {
			org, err = client.Organization.Query().Where(organization.CreditCode(code)).Only(ctx)
			if err != nil && !ent.IsNotFound(err) {
				return nil, err
			}
			issuers[code] = org
		}
		if org == nil {
			fail(rn, "issuer_code", "no organisation with credit code %q in your scope", code)
			ok = false
		}
		x.issuer = org
		if !ok {
			continue
		}
		// A person registered with this ID number must carry this name.
		p, err := client.Person.Query().Where(person.IDHash(r.PII.Hash(x.id))).Only(viewer.WithPurpose(ctx, viewer.PurposeEnroll))
		if err == nil && normName(p.Name) != normName(x.name) {
			fail(rn, "name", "the person with this ID number is registered under another name")
			continue
		}
		existing, err := client.Certificate.Query().Where(certificate.Number(x.n)).Only(viewer.WithPurpose(ctx, viewer.PurposeVerify))
		if err == nil {
			same := existing.Kind == x.kind && existing.Occupation == x.occupation && existing.IssuerID == org.ID &&
				normName(existing.HolderName) == normName(x.name) && existing.IssuedAt.In(china).Format(time.DateOnly) == x.issued.Format(time.DateOnly) &&
				((existing.Level == nil && x.level == nil) || (existing.Level != nil && x.level != nil && *existing.Level == *x.level))
			if !same {
				fail(rn, "number", "certificate %s already exists with other details", x.n)
				continue
			}
			x.existing = existing
		} else if !ent.IsNotFound(err) {
			return nil, err
		}
		good = append(good, x)
	}
	if len(report.Errors) > 0 {
		return report, nil
	}
	for _, x := range good {
		if x.existing != nil {
			continue // re-imported: unchanged
		}
		p, err := client.Person.Query().Where(person.IDHash(r.PII.Hash(x.id))).Only(viewer.WithPurpose(ctx, viewer.PurposeEnroll))
		if ent.IsNotFound(err) {
			sealed, serr := r.PII.Seal(x.id)
			if serr != nil {
				return nil, serr
			}
			p, err = client.Person.Create().SetName(x.name).SetIDHash(sealed.Hash).SetIDEncrypted(sealed.Encrypted).
				SetIDMasked(sealed.Masked).SetOrganizationID(x.issuer.ID).SetRegionID(x.issuer.RegionID).Save(ctx)
		}
		if err != nil {
			return nil, err
		}
		if err := client.Certificate.Create().SetNumber(x.n).SetKind(x.kind).SetNillableLevel(x.level).
			SetOccupation(x.occupation).SetIssuedAt(x.issued).SetStatus(certificate.StatusISSUED).
			SetSource(certificate.SourceIMPORT).SetHolderID(p.ID).SetIssuerID(x.issuer.ID).Exec(ctx); err != nil {
			return nil, err
		}
		report.Imported++
	}
	report.Ok = true
	return report, nil
}

// parseDate reads YYYY-MM-DD (or YYYY/MM/DD) as midnight China time.
func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "2006/01/02", "2006/1/2", "01-02-06"} {
		if t, err := time.ParseInLocation(layout, s, china); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("not a date")
}
