package certificates

import (
	"context"
	"errors"
	"testing"

	"entgo.io/ent/privacy"

	"github.com/hnvt/bairi/ent/certificate"
	_ "github.com/hnvt/bairi/ent/runtime" // the policies
	"github.com/hnvt/bairi/internal/viewer"
)

// TestLookupAsksThePolicy: the public check's direct read is allowed by the
// certificate policy for the check's purpose, and refused to any reader
// whose rule would filter the rows, since its SQL could not carry the filter
// (what it answers is checked by the integration tests on PostgreSQL, where
// it reads, and on SQLite, where ent does).
func TestLookupAsksThePolicy(t *testing.T) {
	ctx := context.Background()
	if err := certificate.Policy.EvalQuery(viewer.WithPurpose(ctx, viewer.PurposeVerify), publicCheck{}); err != nil {
		t.Fatalf("the public check's purpose: %v", err)
	}
	for _, v := range []*viewer.Viewer{
		{Role: viewer.InstitutionStaff, UserID: 7, OrgID: 3},
		{Role: viewer.RegionOfficial, UserID: 8, RegionID: 2, RegionPath: "410000/410100/"},
		{Role: viewer.Trainee, UserID: 9, PersonID: 4},
	} {
		err := certificate.Policy.EvalQuery(viewer.NewContext(ctx, v), publicCheck{})
		if !errors.Is(err, privacy.Deny) {
			t.Errorf("%s without the check's purpose: %v, want a denial", v.Role, err)
		}
	}
	if err := certificate.Policy.EvalQuery(ctx, publicCheck{}); !errors.Is(err, privacy.Deny) {
		t.Errorf("no viewer and no purpose: %v, want a denial", err)
	}
}
