package schema_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/internal/ruletest"
)

// TestOrganizationPrioritySector: R1, an organisation is flagged as in a
// priority sector exactly when its sector is one of the five, on creation
// and when the sector changes.
func TestOrganizationPrioritySector(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	ctx := w.Ctx(ruletest.OfficialZZ)
	cases := []struct {
		sector, changedTo organization.Sector // changedTo "" leaves the sector as created
		priority          bool
	}{
		{organization.SectorFOREIGN_TRADE, "", true},
		{organization.SectorACCOMMODATION_CATERING, "", true},
		{organization.SectorCULTURE_TOURISM, "", true},
		{organization.SectorTRANSPORT, "", true},
		{organization.SectorWHOLESALE_RETAIL, "", true},
		{organization.SectorMANUFACTURING, "", false},
		{organization.SectorOTHER, "", false},
		{"", "", false}, // the default sector
		{organization.SectorTRANSPORT, organization.SectorEDUCATION, false},
		{organization.SectorOTHER, organization.SectorCULTURE_TOURISM, true},
	}
	for _, c := range cases {
		name := "official-zz registers a " + string(c.sector) + " organisation"
		if c.changedTo != "" {
			name += " that turns " + string(c.changedTo)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := w.NewOrganization("企业", w.Zhengzhou).SetKind(organization.KindENTERPRISE)
			if c.sector != "" {
				b.SetSector(c.sector)
			}
			o := ruletest.Save(t, ctx, b)
			if c.changedTo != "" {
				o = ruletest.Save(t, ctx, o.Update().SetSector(c.changedTo))
			}
			if o.PrioritySector != c.priority {
				t.Errorf("%s organisation: priority sector %v, want %v", o.Sector, o.PrioritySector, c.priority)
			}
		})
	}
}

// TestOrganizationCreditCode: credit codes are checked and stored
// normalised, so that one code typed differently cannot be registered twice.
func TestOrganizationCreditCode(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	ctx := w.Ctx(ruletest.OfficialZZ)
	code := ruletest.CreditCode("410100", 900)
	typo := code[:17] + map[bool]string{true: "1", false: "0"}[code[17] == '0']
	cases := []struct {
		name, typed string
		want        ruletest.Outcome
	}{
		{"in lower case with spaces", "  " + strings.ToLower(code) + " ", ruletest.OK},
		{"again, as typed on paper", code, ruletest.Constraint},
		{"again, in lower case", strings.ToLower(code), ruletest.Constraint},
		{"with a wrong check character", typo, ruletest.Invalid},
		{"too short", code[:17], ruletest.Invalid},
	}
	// In order: the first registration is the one the others collide with.
	for _, c := range cases {
		t.Run("official-zz registers a code "+c.name, func(t *testing.T) {
			o, err := w.NewOrganization("企业", w.Zhengzhou).SetCreditCode(c.typed).Save(ctx)
			ruletest.Expect(t, err, c.want)
			if err == nil && o.CreditCode != code {
				t.Errorf("stored %q, want %q", o.CreditCode, code)
			}
		})
	}
	n, err := w.Client.Organization.Query().Where(organization.CreditCode(code)).Count(ruletest.System())
	if err != nil || n != 1 {
		t.Errorf("%d organisations (%v) hold %s, want 1", n, err, code)
	}
}

// TestRegionPath: a region's materialised path is computed from its parent,
// whatever the caller says, and a region sits below a region of a higher
// level (a county may sit right below the province).
func TestRegionPath(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	cases := []struct {
		code   string
		level  region.Level
		parent *ent.Region
		want   ruletest.Outcome
		path   string
	}{
		{"420000", region.LevelPROVINCE, nil, ruletest.OK, "420000/"},
		{"410200", region.LevelCITY, w.Province, ruletest.OK, "410000/410200/"},
		{"410302", region.LevelCOUNTY, w.Luoyang, ruletest.OK, "410000/410300/410302/"},
		{"410181", region.LevelCOUNTY, w.Province, ruletest.OK, "410000/410181/"},
		{"410400", region.LevelCITY, w.Zhengzhou, ruletest.BadInput, ""},
		{"410103", region.LevelCOUNTY, w.Zhongyuan, ruletest.BadInput, ""},
		{"410500", region.LevelCITY, w.Zhongyuan, ruletest.BadInput, ""},
		{"430000", region.LevelPROVINCE, w.Province, ruletest.BadInput, ""},
		{"410600", region.LevelCITY, nil, ruletest.BadInput, ""},
		{"990100", region.LevelCITY, w.Province, ruletest.Invalid, ""},
	}
	for _, c := range cases {
		t.Run("admin creates "+string(c.level)+" "+c.code, func(t *testing.T) {
			t.Parallel()
			b := w.Client.Region.Create().SetCode(c.code).SetName("新区划").SetLevel(c.level).SetPath("410000/410300/")
			if c.parent != nil {
				b.SetParentID(c.parent.ID)
			}
			r, err := b.Save(w.Ctx(ruletest.Admin))
			ruletest.Expect(t, err, c.want)
			if err == nil && r.Path != c.path {
				t.Errorf("path %q, want %q", r.Path, c.path)
			}
		})
	}
	t.Run("admin creates a county below a missing parent", func(t *testing.T) {
		t.Parallel()
		err := w.Client.Region.Create().SetCode("410105").SetName("金水区").SetLevel(region.LevelCOUNTY).
			SetParentID(w.Zhengzhou.ID + 1000).Exec(w.Ctx(ruletest.Admin))
		ruletest.Expect(t, err, ruletest.BadInput)
	})
}

// TestCampaignDates: a campaign ends after it starts, also when one date is changed.
func TestCampaignDates(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	ctx := w.Ctx(ruletest.Admin)
	day := func(m time.Month, d int) time.Time { return time.Date(2020, m, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		name       string
		start, end time.Time
		update     func(*ent.CampaignUpdateOne) // applied after creating with start and end
		want       ruletest.Outcome
	}{
		{"of 100 days", day(8, 15), day(11, 22), nil, ruletest.OK},
		{"ending the day it starts", day(8, 15), day(8, 15), nil, ruletest.BadInput},
		{"ending before it starts", day(8, 15), day(8, 1), nil, ruletest.BadInput},
		{"whose end moves before its start", day(8, 15), day(11, 22),
			func(u *ent.CampaignUpdateOne) { u.SetEndsOn(day(8, 14)) }, ruletest.BadInput},
		{"whose start moves after its end", day(8, 15), day(11, 22),
			func(u *ent.CampaignUpdateOne) { u.SetStartsOn(day(12, 1)) }, ruletest.BadInput},
		{"whose end moves later", day(8, 15), day(11, 22),
			func(u *ent.CampaignUpdateOne) { u.SetEndsOn(day(12, 31)) }, ruletest.OK},
		{"renamed", day(8, 15), day(11, 22),
			func(u *ent.CampaignUpdateOne) { u.SetName("百日攻坚行动") }, ruletest.OK},
	}
	for _, c := range cases {
		t.Run("admin sets up a campaign "+c.name, func(t *testing.T) {
			t.Parallel()
			b := w.Client.Campaign.Create().SetName("百日攻坚").SetStartsOn(c.start).SetEndsOn(c.end)
			if c.update == nil {
				ruletest.Expect(t, b.Exec(ctx), c.want)
				return
			}
			camp := ruletest.Save(t, ctx, b)
			u := camp.Update()
			c.update(u)
			ruletest.Expect(t, u.Exec(ctx), c.want)
			got := ruletest.Get(t, w.Client.Campaign.Get, camp.ID)
			if !got.EndsOn.After(got.StartsOn) {
				t.Errorf("campaign runs from %s to %s", got.StartsOn, got.EndsOn)
			}
		})
	}
}

// TestPersonKeyGroups: R3, a person's key groups are among the seven.
func TestPersonKeyGroups(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	cases := []struct {
		groups []string
		want   ruletest.Outcome
	}{
		{[]string{"RURAL_MIGRANT", "POVERTY"}, ruletest.OK},
		{[]string{"VETERAN", "UNEMPLOYED_GRADUATE", "LAID_OFF", "DISABLED", "ECOMMERCE_PROJECT"}, ruletest.OK},
		{nil, ruletest.OK},
		{[]string{"RURAL_MIGRANT", "RETIRED"}, ruletest.BadInput},
		{[]string{"rural_migrant"}, ruletest.BadInput},
	}
	for _, c := range cases {
		t.Run("staff-zz registers "+strings.Join(c.groups, "+"), func(t *testing.T) {
			t.Parallel()
			err := w.NewPerson("学员").SetOrganizationID(w.OrgZZ.ID).SetKeyGroups(c.groups).Exec(w.Ctx(ruletest.StaffZZ))
			ruletest.Expect(t, err, c.want)
		})
	}
}
