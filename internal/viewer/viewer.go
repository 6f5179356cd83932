// Package viewer carries who is asking through a request's context, so that
// the ent privacy policies can decide what that viewer may read and write.
package viewer

import (
	"context"
	"strings"
)

// Role is a user's role; the names match the GraphQL enum.
type Role string

// Roles, from the most to the least powerful.
const (
	ProvinceAdmin    Role = "PROVINCE_ADMIN"
	RegionOfficial   Role = "REGION_OFFICIAL"
	FinanceOfficer   Role = "FINANCE_OFFICER"
	Inspector        Role = "INSPECTOR"
	InstitutionStaff Role = "INSTITUTION_STAFF"
	Trainee          Role = "TRAINEE"
)

// Roles lists every role.
var Roles = []Role{ProvinceAdmin, RegionOfficial, FinanceOfficer, Inspector, InstitutionStaff, Trainee}

// Rank orders roles: a user may never create a user of a higher rank.
func (r Role) Rank() int {
	switch r {
	case ProvinceAdmin:
		return 5
	case RegionOfficial:
		return 4
	case FinanceOfficer, Inspector:
		return 3
	case InstitutionStaff:
		return 2
	case Trainee:
		return 1
	}
	return 0
}

// RegionScoped reports whether the role sees a region's subtree.
func (r Role) RegionScoped() bool {
	return r == RegionOfficial || r == FinanceOfficer || r == Inspector
}

// Viewer is the authenticated user making a request.
type Viewer struct {
	UserID     int
	Username   string
	Role       Role
	RegionID   int
	RegionPath string // materialised path of the viewer's region, e.g. "410000/410100/"
	// Subtree lists the ids of the regions of the viewer's subtree (their
	// own and every region below it), read when the session is, for the
	// roles that see a subtree; nil when it was not read. A region created
	// in it ends the sessions that knew it without it (ent/schema/region_rules.go).
	Subtree   []int
	OrgID     int    // 0 when the user has no organisation
	PersonID  int    // 0 when the user is not linked to a person
	SessionID string // refresh-token family of the session
}

// InSubtree reports whether a region path lies in the viewer's region subtree.
func (v *Viewer) InSubtree(path string) bool {
	return v != nil && v.RegionPath != "" && strings.HasPrefix(path, v.RegionPath)
}

// OfficialOf reports whether the viewer is an HR official of exactly that
// region (not of a region above it): the county's own officials remark an
// application's voucher lines (R12).
func (v *Viewer) OfficialOf(regionID int) bool {
	return v != nil && v.Role == RegionOfficial && v.RegionID == regionID
}

// Admin reports whether the viewer is the province admin.
func (v *Viewer) Admin() bool { return v != nil && v.Role == ProvinceAdmin }

// Oversees reports whether the viewer follows the region of path: the
// admin, or a region-scoped viewer of it or of a region above it.
func (v *Viewer) Oversees(path string) bool {
	return v.Admin() || v != nil && v.Role.RegionScoped() && v.InSubtree(path)
}

type viewerKey struct{}

// NewContext returns a context carrying the viewer.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// FromContext returns the viewer of the request, or nil when anonymous.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}

// Purpose names a narrow system task allowed to bypass the viewer rules for
// one kind of operation (authenticating a user, writing the audit trail).
type Purpose string

// System purposes.
const (
	PurposeAuth  Purpose = "auth"
	PurposeAudit Purpose = "audit"
	// PurposeEvidenceCheck reads verified evidence across scopes to find reused files.
	PurposeEvidenceCheck Purpose = "evidence-check"
	// PurposeEnroll finds an already registered person by the keyed hash of
	// the ID number; enrolment then links a person so matched, by their
	// registered name too, to a class (the enrolment policy).
	PurposeEnroll Purpose = "enroll"
	// PurposeVerify looks a certificate up by its number for the public check page.
	PurposeVerify Purpose = "verify"
	// PurposeMoney records idempotency keys and opens fund accounts for money mutations.
	PurposeMoney Purpose = "money"
	// PurposeClaim writes the lines of an application (the trainees it counts) as it is submitted.
	PurposeClaim Purpose = "claim"
	// PurposePublicity reads the applications under public notice (no
	// other), with their institution, classes and trainees, for the public
	// page (names masked there) and for objections.
	PurposePublicity Purpose = "publicity"
	// PurposeCertNumber takes the next certificate number of a region and year.
	PurposeCertNumber Purpose = "cert-number"
	// PurposeProgress keeps the campaign's progress counters as the records
	// they count change (internal/progress), and reads them to update them.
	PurposeProgress Purpose = "progress"
	// PurposeContract reads the parties of an apprenticeship contract being
	// signed (the enterprise and the school, one of them outside the
	// signer's scope) and the contracts of a school for its quota.
	PurposeContract Purpose = "contract"
	// PurposeCertification reads an issuer's approved certification filings
	// to check that they cover a skill-level certificate being issued (R8),
	// and the filing a material is handed in for.
	PurposeCertification Purpose = "certification"
	// PurposeReports freezes the ten-day reports (R9): the job's, the
	// admin's, and a correction's new version.
	PurposeReports Purpose = "reports"
)

type purposeKey struct{}

// WithPurpose marks the context as doing a narrow system task.
func WithPurpose(ctx context.Context, p Purpose) context.Context {
	return context.WithValue(ctx, purposeKey{}, p)
}

// HasPurpose reports whether the context is doing the given system task.
func HasPurpose(ctx context.Context, p Purpose) bool {
	got, _ := ctx.Value(purposeKey{}).(Purpose)
	return got == p
}
