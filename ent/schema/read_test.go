package schema_test

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/ruletest"
)

// denied marks a viewer whose query is refused (FORBIDDEN) rather than filtered.
const denied = "DENIED"

// labelled maps a fixture row's label to its id.
type labelled map[string]int

// scopeFixture is the fixture world plus one row of every scoped entity in
// each of three places: Zhengzhou ("zz", the trainee's own), its district
// Zhongyuan ("county") and Luoyang ("ly"); "zz2" is a second trainee of the
// Zhengzhou organisation and "province" the province's own money and target.
type scopeFixture struct {
	*ruletest.World
	rows map[string]labelled // entity -> label -> id
}

func newScopeFixture(t *testing.T) *scopeFixture {
	w := ruletest.NewWorld(t)
	ctx := ruletest.System()
	f := &scopeFixture{World: w, rows: map[string]labelled{}}
	put := func(entity, label string, id int) {
		if f.rows[entity] == nil {
			f.rows[entity] = labelled{}
		}
		f.rows[entity][label] = id
	}
	orgCounty := ruletest.Save(t, ctx, w.NewOrganization("中原区培训中心", w.Zhongyuan))
	personCounty := ruletest.Save(t, ctx, w.NewPerson("王五").SetRegionID(w.Zhongyuan.ID).SetOrganizationID(orgCounty.ID))
	personZZ2 := ruletest.Save(t, ctx, w.NewPerson("赵六").SetRegionID(w.Zhengzhou.ID).SetOrganizationID(w.OrgZZ.ID))
	ruletest.Save(t, ctx, w.NewUser("staff-county", user.RoleINSTITUTION_STAFF, w.Zhongyuan).SetOrganizationID(orgCounty.ID))
	ruletest.Save(t, ctx, w.Client.SubsidyStandard.Create().SetCategory("ENTERPRISE_EMPLOYEE").SetFenPerHead(120000))
	campaign := ruletest.Save(t, ctx, w.Client.Campaign.Create().SetName("百日攻坚").
		SetStartsOn(time.Date(2020, 8, 15, 0, 0, 0, 0, time.UTC)).SetEndsOn(time.Date(2020, 11, 22, 0, 0, 0, 0, time.UTC)))

	sites := []struct {
		label   string
		org     *ent.Organization
		persons map[string]*ent.Person
	}{
		{"zz", w.OrgZZ, map[string]*ent.Person{"zz": w.PersonZZ, "zz2": personZZ2}},
		{"county", orgCounty, map[string]*ent.Person{"county": personCounty}},
		{"ly", w.OrgLY, map[string]*ent.Person{"ly": w.PersonLY}},
	}
	for _, s := range sites {
		put("Organization", s.label, s.org.ID)
		class := w.Class(t, s.org, trainingclass.StatusCOMPLETED)
		put("TrainingClass", s.label, class.ID)
		put("Evidence", s.label, ruletest.Save(t, ctx, w.NewEvidence(class)).ID)
		for label, p := range s.persons {
			put("Person", label, p.ID)
			put("Enrollment", label, w.Enroll(t, class, p).ID)
			cert := w.NewCertificate(p, s.org).SetSource(certificate.SourceASSESSMENT).SetClassID(class.ID)
			put("Certificate", label, ruletest.Save(t, ctx, cert).ID)
		}
		app := ruletest.Save(t, ctx, w.Client.SubsidyApplication.Create().SetKind("CLASS_TRAINING").
			SetOrganizationID(s.org.ID).AddClassIDs(class.ID))
		put("SubsidyApplication", s.label, app.ID)
		put("Notice", s.label, ruletest.Save(t, ctx, w.Client.Notice.Create().SetKind("DUE_SOON").SetClock("REVIEW").
			SetDueAt(app.SubmittedAt.Add(24*time.Hour)).SetApplicationID(app.ID).SetRegionID(app.RegionID)).ID)
	}
	for label, r := range map[string]*ent.Region{"province": w.Province, "zz": w.Zhengzhou, "county": w.Zhongyuan, "ly": w.Luoyang} {
		acc := ruletest.Save(t, ctx, w.Client.FundAccount.Create().SetRegionID(r.ID).SetBalanceFen(1000))
		put("FundAccount", label, acc.ID)
		put("FundEntry", label, ruletest.Save(t, ctx, w.Client.FundEntry.Create().SetKind("DEPOSIT").SetAmountFen(1000).
			SetBalanceAfterFen(1000).SetAccountID(acc.ID).SetRegionID(r.ID)).ID)
		put("Target", label, ruletest.Save(t, ctx, w.Client.Target.Create().SetCampaignID(campaign.ID).SetRegionID(r.ID).
			SetCategory("WORK_IN_LIEU").SetQuantity(100).SetUnit("PEOPLE")).ID)
	}
	return f
}

// idsOf lists the ids a viewer reads, with a new query each time.
func idsOf[Q interface {
	IDs(context.Context) ([]int, error)
}](query func() Q) func(context.Context) ([]int, error) {
	return func(ctx context.Context) ([]int, error) { return query().IDs(ctx) }
}

// labels names the ids a viewer saw, sorted and space-separated.
func (l labelled) labels(t *testing.T, ids []int) string {
	t.Helper()
	var out []string
	for label, id := range l {
		if slices.Contains(ids, id) {
			out = append(out, label)
		}
	}
	if len(out) != len(ids) {
		t.Errorf("saw ids %v, of which only %v are fixture rows %v", ids, out, l)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// TestReadScope: which rows of each scoped entity each viewer reads. The
// admin sees all; officials, finance officers and inspectors their region's
// subtree; staff their organisation's; the trainee their own; Luoyang none
// of Zhengzhou's; anonymous requests are refused.
func TestReadScope(t *testing.T) {
	t.Parallel()
	f := newScopeFixture(t)
	c := f.Client
	// Columns follow ruletest.Everyone: admin, official-zz, finance-zz,
	// inspector-zz, staff-zz, trainee-zz, official-ly, staff-ly, anonymous.
	cases := []struct {
		entity string
		ids    func(context.Context) ([]int, error)
		sees   [9]string
	}{
		// A trainee reads the institutions of the classes they are enrolled in.
		{"Organization", idsOf(c.Organization.Query), [9]string{
			"county ly zz", "county zz", "county zz", "county zz", "zz", "zz", "ly", "ly", denied}},
		{"Person", idsOf(c.Person.Query), [9]string{
			"county ly zz zz2", "county zz zz2", "county zz zz2", "county zz zz2", "zz zz2", "zz", "ly", "ly", denied}},
		{"TrainingClass", idsOf(c.TrainingClass.Query), [9]string{
			"county ly zz", "county zz", "county zz", "county zz", "zz", "zz", "ly", "ly", denied}},
		{"Enrollment", idsOf(c.Enrollment.Query), [9]string{
			"county ly zz zz2", "county zz zz2", "county zz zz2", "county zz zz2", "zz zz2", "zz", "ly", "ly", denied}},
		{"Evidence", idsOf(c.Evidence.Query), [9]string{
			"county ly zz", "county zz", "county zz", "county zz", "zz", denied, "ly", "ly", denied}},
		{"Certificate", idsOf(c.Certificate.Query), [9]string{
			"county ly zz zz2", "county zz zz2", "county zz zz2", "county zz zz2", "zz zz2", "zz", "ly", "ly", denied}},
		{"SubsidyApplication", idsOf(c.SubsidyApplication.Query), [9]string{
			"county ly zz", "county zz", "county zz", "county zz", "zz", denied, "ly", "ly", denied}},
		{"Notice", idsOf(c.Notice.Query), [9]string{
			"county ly zz", "county zz", "county zz", "county zz", "zz", denied, "ly", "ly", denied}},
		// Money is for officials and finance officers only, never for inspectors or staff.
		{"FundAccount", idsOf(c.FundAccount.Query), [9]string{
			"county ly province zz", "county zz", "county zz", denied, denied, denied, "ly", denied, denied}},
		{"FundEntry", idsOf(c.FundEntry.Query), [9]string{
			"county ly province zz", "county zz", "county zz", denied, denied, denied, "ly", denied, denied}},
		// Targets are for region-scoped viewers; a city never sees the province's.
		{"Target", idsOf(c.Target.Query), [9]string{
			"county ly province zz", "county zz", "county zz", "county zz", denied, denied, "ly", denied, denied}},
	}
	for _, tc := range cases {
		for i, who := range ruletest.Everyone {
			t.Run(tc.entity+"/"+string(who), func(t *testing.T) {
				t.Parallel()
				ids, err := tc.ids(f.Ctx(who))
				want := tc.sees[i]
				if want == denied {
					ruletest.Expect(t, err, ruletest.Denied)
					return
				}
				ruletest.Expect(t, err, ruletest.OK)
				if got := f.rows[tc.entity].labels(t, ids); got != want {
					t.Errorf("%s sees %s rows %q, want %q", who, tc.entity, got, want)
				}
			})
		}
	}
}

// TestReadScopeUsers: a user reads themselves and the users of their scope
// (region subtree, or organisation); a trainee only themselves.
func TestReadScopeUsers(t *testing.T) {
	t.Parallel()
	f := newScopeFixture(t)
	const zzUsers = "finance-zz inspector-zz official-zz staff-county staff-zz trainee-zz"
	cases := map[ruletest.Who]string{
		ruletest.Admin:       "admin finance-zz inspector-zz official-ly official-zz staff-county staff-ly staff-zz trainee-zz",
		ruletest.OfficialZZ:  zzUsers,
		ruletest.FinanceZZ:   zzUsers,
		ruletest.InspectorZZ: zzUsers,
		ruletest.StaffZZ:     "staff-zz",
		ruletest.TraineeZZ:   "trainee-zz",
		ruletest.OfficialLY:  "official-ly staff-ly",
		ruletest.StaffLY:     "staff-ly",
		ruletest.Anonymous:   denied,
	}
	for who, want := range cases {
		t.Run(string(who), func(t *testing.T) {
			t.Parallel()
			names, err := f.Client.User.Query().Select(user.FieldUsername).Strings(f.Ctx(who))
			if want == denied {
				ruletest.Expect(t, err, ruletest.Denied)
				return
			}
			ruletest.Expect(t, err, ruletest.OK)
			sort.Strings(names)
			if got := strings.Join(names, " "); got != want {
				t.Errorf("%s sees users %q, want %q", who, got, want)
			}
		})
	}
}

// TestReadScopeAuditEvents: the admin reads the whole audit trail; every
// other viewer only the events of their own mutations.
func TestReadScopeAuditEvents(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	ruletest.Save(t, w.Ctx(ruletest.OfficialZZ), w.NewOrganization("金水区培训中心", w.Zhengzhou))
	ruletest.Save(t, w.Ctx(ruletest.StaffZZ), w.NewPerson("周七").SetOrganizationID(w.OrgZZ.ID))
	ruletest.Save(t, w.Ctx(ruletest.StaffZZ), w.NewClass(w.OrgZZ))
	ruletest.Save(t, w.Ctx(ruletest.OfficialLY), w.NewPerson("吴八").SetRegionID(w.Luoyang.ID))
	all, err := w.Client.AuditEvent.Query().Count(ruletest.System())
	ruletest.Expect(t, err, ruletest.OK)
	cases := []struct {
		who  ruletest.Who
		want string // entity types of the events seen, sorted; "all" for the whole trail
	}{
		{ruletest.Admin, "all"},
		{ruletest.OfficialZZ, "Organization"},
		{ruletest.FinanceZZ, ""},
		{ruletest.InspectorZZ, ""},
		{ruletest.StaffZZ, "Person TrainingClass"},
		{ruletest.TraineeZZ, ""},
		{ruletest.OfficialLY, "Person"},
		{ruletest.StaffLY, ""},
		{ruletest.Anonymous, denied},
	}
	for _, c := range cases {
		t.Run(string(c.who), func(t *testing.T) {
			t.Parallel()
			events, err := w.Client.AuditEvent.Query().All(w.Ctx(c.who))
			switch c.want {
			case denied:
				ruletest.Expect(t, err, ruletest.Denied)
			case "all":
				ruletest.Expect(t, err, ruletest.OK)
				// 16 fixture rows (4 regions, 2 organisations, 2 persons, 8 users) and the 4 mutations above.
				if len(events) != all || all != 20 {
					t.Errorf("admin sees %d audit events of %d, want 20", len(events), all)
				}
			default:
				ruletest.Expect(t, err, ruletest.OK)
				var types []string
				for _, e := range events {
					if e.ActorID != w.Users[c.who].ID {
						t.Errorf("%s sees an event of actor %d", c.who, e.ActorID)
					}
					types = append(types, e.EntityType)
				}
				sort.Strings(types)
				if got := strings.Join(types, " "); got != c.want {
					t.Errorf("%s sees audit events of %q, want %q", c.who, got, c.want)
				}
			}
		})
	}
}
