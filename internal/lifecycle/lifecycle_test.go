package lifecycle

import (
	"slices"
	"testing"

	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// Every table declares the states its actions use, and no two actions share a name.
func TestTablesAreWellFormed(t *testing.T) {
	for _, m := range All {
		if u := m.undeclared(); len(u) > 0 {
			t.Errorf("%s: undeclared states %v", m.Noun, u)
		}
		seen := map[string]bool{}
		for _, a := range m.Actions {
			if seen[a.Name] {
				t.Errorf("%s: action %s twice", m.Noun, a.Name)
			}
			seen[a.Name] = true
		}
	}
}

func TestCheck(t *testing.T) {
	cases := []struct {
		m        *Machine
		from, to string
		ok       bool
	}{
		{Class, "DRAFT", "SUBMITTED", true},
		{Class, "REJECTED", "SUBMITTED", true},
		{Class, "DRAFT", "APPROVED", false},
		{Class, "IN_PROGRESS", "CANCELLED", false},
		{Class, "COMPLETED", "IN_PROGRESS", false},
		{Application, "RETURNED", "SUBMITTED", true},
		{Application, "IN_PUBLICITY", "PAID", false},
		{Application, "SUBMITTED", "SUBMITTED", false},
		{Evidence, "UPLOADING", "VERIFIED", false},
		{Evidence, "UPLOADING", "VERIFYING", true},
		{Evidence, "VERIFYING", "VERIFIED", true},
		{Evidence, "VERIFYING", "FAILED", true},
		{Evidence, "VERIFYING", "UPLOADING", false},
		{Evidence, "FAILED", "VERIFIED", false},
		{Evidence, "UPLOADING", "UPLOADING", false},
		{Certificate, "REVOKED", "ISSUED", false},
		{Prepayment, "TO_RECOVER", "RECOVERED", true},
		{Prepayment, "SETTLED", "TO_RECOVER", false},
		{Adjustment, "AGREED", "REFUSED", false},
		{Class, "DRAFT", "", false}, // "" is never a state to move to
	}
	for _, c := range cases {
		err := c.m.Check(c.from, c.to)
		if (err == nil) != c.ok {
			t.Errorf("%s %s -> %s: %v", c.m.Noun, c.from, c.to, err)
		}
		if err != nil {
			if f, ok := fault.As(err); !ok || f.Code != fault.Conflict {
				t.Errorf("%s %s -> %s: want CONFLICT, got %v", c.m.Noun, c.from, c.to, err)
			}
		}
	}
}

func TestAllowedByStateAndRole(t *testing.T) {
	as := func(r viewer.Role) *viewer.Viewer { return &viewer.Viewer{Role: r} }
	cases := []struct {
		m     *Machine
		state string
		v     *viewer.Viewer
		want  []string
	}{
		{Class, "DRAFT", as(viewer.InstitutionStaff), []string{"EDIT", "SUBMIT", "CANCEL", "ENROLL"}},
		{Class, "SUBMITTED", as(viewer.InstitutionStaff), []string{"CANCEL", "ENROLL"}},
		{Class, "SUBMITTED", as(viewer.RegionOfficial), []string{"APPROVE", "REJECT", "CANCEL", "ENROLL"}},
		{Class, "APPROVED", as(viewer.InstitutionStaff), []string{"START", "CANCEL", "ENROLL", "RECORD_ATTENDANCE", "RECORD_EVIDENCE"}},
		{Class, "CANCELLED", as(viewer.InstitutionStaff), []string{}},
		{Class, "COMPLETED", as(viewer.Trainee), []string{}},
		{Class, "COMPLETED", as(viewer.Inspector), []string{"SAMPLE"}},
		{Class, "IN_PROGRESS", as(viewer.FinanceOfficer), []string{"DRAW_PREPAYMENT"}},
		{Application, "IN_PUBLICITY", as(viewer.Trainee), []string{"OBJECT"}},
		{Class, "COMPLETED", nil, []string{}},
		{Class, "SUBMITTED", as(viewer.ProvinceAdmin), []string{"APPROVE", "REJECT", "CANCEL", "ENROLL"}},
		{Application, "TRANSFERRED_TO_FINANCE", as(viewer.RegionOfficial), []string{}},
		{Application, "TRANSFERRED_TO_FINANCE", as(viewer.FinanceOfficer), []string{"PAY"}},
		{Application, "RETURNED", as(viewer.InstitutionStaff), []string{"RESUBMIT"}},
		{Application, "ACCEPTED", as(viewer.RegionOfficial), []string{"REVIEW", "REJECT", "RETURN"}},
	}
	for _, c := range cases {
		if got := c.m.Allowed(c.state, c.v); !slices.Equal(got, c.want) {
			t.Errorf("%s %s as %+v: got %v, want %v", c.m.Noun, c.state, c.v, got, c.want)
		}
	}
}

func TestMayReachAndIn(t *testing.T) {
	if Class.MayReach(viewer.InstitutionStaff, "APPROVED") || Class.MayReach(viewer.InstitutionStaff, "REJECTED") {
		t.Error("staff may not approve or reject classes")
	}
	if !Class.MayReach(viewer.InstitutionStaff, "SUBMITTED") || !Class.MayReach(viewer.ProvinceAdmin, "APPROVED") {
		t.Error("staff submit; the admin may do anything")
	}
	if Application.MayReach(viewer.RegionOfficial, "PAID") || !Application.MayReach(viewer.FinanceOfficer, "PAID") {
		t.Error("finance pays, officials do not")
	}
	if !Class.In("RECORD_ATTENDANCE", "IN_PROGRESS") || Class.In("RECORD_ATTENDANCE", "COMPLETED") || Class.In("NO_SUCH", "DRAFT") {
		t.Error("In reads the table")
	}
}

// CheckBy: an adjustment HR agreed to is answered by finance; HR may not
// take finance's step, and no one skips the consultation.
func TestCheckBy(t *testing.T) {
	cases := []struct {
		role     viewer.Role
		from, to string
		want     string // "" or the fault code
	}{
		{viewer.RegionOfficial, "REQUESTED", "HR_AGREED", ""},
		{viewer.FinanceOfficer, "REQUESTED", "HR_AGREED", "FORBIDDEN"},
		{viewer.FinanceOfficer, "HR_AGREED", "REFUSED", ""},
		{viewer.RegionOfficial, "HR_AGREED", "REFUSED", "FORBIDDEN"},
		{viewer.FinanceOfficer, "REQUESTED", "AGREED", "CONFLICT"},
		{viewer.ProvinceAdmin, "HR_AGREED", "AGREED", ""},
	}
	for _, c := range cases {
		err := Adjustment.CheckBy(c.role, c.from, c.to)
		got := ""
		if f, ok := fault.As(err); ok {
			got = string(f.Code)
		} else if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s %s -> %s: %q (%v), want %q", c.role, c.from, c.to, got, err, c.want)
		}
	}
}
