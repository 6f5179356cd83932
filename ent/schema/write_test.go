package schema_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/ruletest"
	"github.com/hnvt/bairi/internal/targets"
	"github.com/hnvt/bairi/internal/viewer"
)

// writeCase is one mutation by one viewer and its expected outcome; do
// builds what it needs as the system and mutates with ctx.
type writeCase struct {
	name string
	who  ruletest.Who
	do   func(t *testing.T, ctx context.Context) error
	want ruletest.Outcome
}

// runWrites runs each case in parallel on the shared world.
func runWrites(t *testing.T, w *ruletest.World, cases []writeCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(string(c.who)+" "+c.name, func(t *testing.T) {
			t.Parallel()
			ruletest.Expect(t, c.do(t, w.Ctx(c.who)), c.want)
		})
	}
}

// exec adapts a builder's Exec to a writeCase.
func exec(b interface{ Exec(context.Context) error }) func(*testing.T, context.Context) error {
	return func(_ *testing.T, ctx context.Context) error { return b.Exec(ctx) }
}

// TestCreateScope: who may create what, and where. Refused creates are
// privacy denials (FORBIDDEN), but for a link to a record outside the
// viewer's scope (an organisation, a class, a person), which looks not found.
func TestCreateScope(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	sys := ruletest.System()
	c := w.Client
	org := func(r *ent.Region) func(*testing.T, context.Context) error {
		return func(_ *testing.T, ctx context.Context) error { return w.NewOrganization("新机构", r).Exec(ctx) }
	}
	newUser := func(role user.Role, r *ent.Region, o *ent.Organization) func(*testing.T, context.Context) error {
		return func(_ *testing.T, ctx context.Context) error {
			b := w.NewUser(fmt.Sprintf("user-%d", w.Seq()), role, r)
			if o != nil {
				b.SetOrganizationID(o.ID)
			}
			return b.Exec(ctx)
		}
	}
	person := func(r *ent.Region, o *ent.Organization) func(*testing.T, context.Context) error {
		return func(_ *testing.T, ctx context.Context) error {
			b := w.NewPerson("新学员")
			if r != nil {
				b.SetRegionID(r.ID)
			}
			if o != nil {
				b.SetOrganizationID(o.ID)
			}
			return b.Exec(ctx)
		}
	}
	class := func(o *ent.Organization) func(*testing.T, context.Context) error {
		return func(_ *testing.T, ctx context.Context) error { return w.NewClass(o).Exec(ctx) }
	}
	// onClass builds a class of an organisation in a status, then mutates with it.
	onClass := func(o *ent.Organization, s trainingclass.Status, f func(*ent.TrainingClass) interface{ Exec(context.Context) error }) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error { return f(w.Class(t, o, s)).Exec(ctx) }
	}
	enroll := func(o *ent.Organization) func(*testing.T, context.Context) error {
		return onClass(o, trainingclass.StatusAPPROVED, func(cl *ent.TrainingClass) interface{ Exec(context.Context) error } {
			return c.Enrollment.Create().SetClassID(cl.ID).SetPersonID(w.PersonZZ.ID)
		})
	}
	// enrollLY enrols a new person of Luoyang (the cases run in parallel: an
	// enrolment makes a person readable) in a class of an organisation, as
	// matched by ID number and name (viewer.PurposeEnroll) or not.
	enrollLY := func(o *ent.Organization, matched bool) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error {
			if matched {
				ctx = viewer.WithPurpose(ctx, viewer.PurposeEnroll)
			}
			p := ruletest.Save(t, sys, w.NewPerson("李五").SetRegionID(w.Luoyang.ID).SetOrganizationID(w.OrgLY.ID))
			cl := w.Class(t, o, trainingclass.StatusAPPROVED)
			return c.Enrollment.Create().SetClassID(cl.ID).SetPersonID(p.ID).Exec(ctx)
		}
	}
	// enrollAgain enrols in a class of an organisation a new person of
	// Luoyang, already enrolled in another of its classes (and so read by
	// its staff).
	enrollAgain := func(o *ent.Organization) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error {
			p := ruletest.Save(t, sys, w.NewPerson("王五").SetRegionID(w.Luoyang.ID).SetOrganizationID(w.OrgLY.ID))
			w.Enroll(t, w.Class(t, o, trainingclass.StatusAPPROVED), p)
			cl := w.Class(t, o, trainingclass.StatusAPPROVED)
			return c.Enrollment.Create().SetClassID(cl.ID).SetPersonID(p.ID).Exec(ctx)
		}
	}
	// trainee creates a trainee account over a new person of a region (nil: none).
	trainee := func(r *ent.Region) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error {
			b := w.NewPerson("新学员").SetOrganizationID(w.OrgZZ.ID)
			if r != nil {
				b.SetRegionID(r.ID)
			}
			p := ruletest.Save(t, sys, b)
			return w.NewUser(fmt.Sprintf("trainee-%d", w.Seq()), user.RoleTRAINEE, w.Zhengzhou).SetPersonID(p.ID).Exec(ctx)
		}
	}
	evidence := func(o *ent.Organization) func(*testing.T, context.Context) error {
		return onClass(o, trainingclass.StatusAPPROVED, func(cl *ent.TrainingClass) interface{ Exec(context.Context) error } {
			return w.NewEvidence(cl)
		})
	}
	cert := func(issuer *ent.Organization) func(*testing.T, context.Context) error {
		return func(_ *testing.T, ctx context.Context) error { return w.NewCertificate(w.PersonZZ, issuer).Exec(ctx) }
	}
	county := func(code string, parent *ent.Region) func(*testing.T, context.Context) error {
		return exec(c.Region.Create().SetCode(code).SetName("新区").SetLevel(region.LevelCOUNTY).SetParentID(parent.ID))
	}
	campaign := ruletest.Save(t, sys, c.Campaign.Create().SetName("百日攻坚").
		SetStartsOn(time.Date(2020, 8, 15, 0, 0, 0, 0, time.UTC)).SetEndsOn(time.Date(2020, 11, 22, 0, 0, 0, 0, time.UTC)))
	newTarget := func(r *ent.Region, category string) func(*testing.T, context.Context) error {
		return exec(c.Target.Create().SetCampaignID(campaign.ID).SetRegionID(r.ID).
			SetCategory(target.Category(category)).SetQuantity(10).SetUnit(target.Unit(targets.Unit(category))))
	}
	runWrites(t, w, []writeCase{
		{"organisation in Luoyang", ruletest.Admin, org(w.Luoyang), ruletest.OK},
		{"organisation in Zhengzhou", ruletest.OfficialZZ, org(w.Zhengzhou), ruletest.OK},
		{"organisation in a district below", ruletest.OfficialZZ, org(w.Zhongyuan), ruletest.OK},
		{"organisation in Luoyang", ruletest.OfficialZZ, org(w.Luoyang), ruletest.Denied},
		{"organisation at the province", ruletest.OfficialZZ, org(w.Province), ruletest.Denied},
		{"organisation", ruletest.FinanceZZ, org(w.Zhengzhou), ruletest.Denied},
		{"organisation", ruletest.InspectorZZ, org(w.Zhengzhou), ruletest.Denied},
		{"organisation", ruletest.StaffZZ, org(w.Zhengzhou), ruletest.Denied},
		{"organisation", ruletest.Anonymous, org(w.Zhengzhou), ruletest.Denied},

		{"official in Luoyang", ruletest.Admin, newUser(user.RoleREGION_OFFICIAL, w.Luoyang, nil), ruletest.OK},
		{"inspector in Zhengzhou", ruletest.OfficialZZ, newUser(user.RoleINSPECTOR, w.Zhengzhou, nil), ruletest.OK},
		{"official of its own rank in a district", ruletest.OfficialZZ, newUser(user.RoleREGION_OFFICIAL, w.Zhongyuan, nil), ruletest.OK},
		{"staff of its organisation", ruletest.OfficialZZ, newUser(user.RoleINSTITUTION_STAFF, w.Zhengzhou, w.OrgZZ), ruletest.OK},
		{"province admin", ruletest.OfficialZZ, newUser(user.RolePROVINCE_ADMIN, w.Zhengzhou, nil), ruletest.Denied},
		{"inspector in Luoyang", ruletest.OfficialZZ, newUser(user.RoleINSPECTOR, w.Luoyang, nil), ruletest.Denied},
		{"inspector at the province", ruletest.OfficialZZ, newUser(user.RoleINSPECTOR, w.Province, nil), ruletest.Denied},
		{"staff of a Luoyang organisation", ruletest.OfficialZZ, newUser(user.RoleINSTITUTION_STAFF, w.Zhengzhou, w.OrgLY), ruletest.NotFound},
		{"trainee over a Zhengzhou person", ruletest.OfficialZZ, trainee(w.Zhengzhou), ruletest.OK},
		{"trainee over a person of a district below", ruletest.OfficialZZ, trainee(w.Zhongyuan), ruletest.OK},
		{"trainee over a Luoyang person", ruletest.OfficialZZ, trainee(w.Luoyang), ruletest.NotFound},
		{"trainee over a person of no region", ruletest.OfficialZZ, trainee(nil), ruletest.NotFound},
		{"trainee over a Luoyang person", ruletest.Admin, trainee(w.Luoyang), ruletest.OK},
		{"inspector", ruletest.FinanceZZ, newUser(user.RoleINSPECTOR, w.Zhengzhou, nil), ruletest.Denied},
		{"trainee", ruletest.StaffZZ, newUser(user.RoleTRAINEE, w.Zhengzhou, nil), ruletest.Denied},
		{"staff without an organisation", ruletest.Admin, newUser(user.RoleINSTITUTION_STAFF, w.Zhengzhou, nil), ruletest.BadInput},

		{"person in Zhengzhou", ruletest.OfficialZZ, person(w.Zhengzhou, nil), ruletest.OK},
		{"person in Luoyang", ruletest.OfficialZZ, person(w.Luoyang, nil), ruletest.Denied},
		{"person of a Zhengzhou organisation", ruletest.OfficialZZ, person(w.Zhengzhou, w.OrgZZ), ruletest.OK},
		{"person of a Luoyang organisation", ruletest.OfficialZZ, person(w.Zhengzhou, w.OrgLY), ruletest.NotFound},
		{"person without a region", ruletest.OfficialZZ, person(nil, nil), ruletest.BadInput},
		{"person of its organisation", ruletest.StaffZZ, person(nil, w.OrgZZ), ruletest.OK},
		{"person of another organisation", ruletest.StaffZZ, person(nil, w.OrgLY), ruletest.Denied},
		{"person of no organisation", ruletest.StaffZZ, person(w.Zhengzhou, nil), ruletest.Denied},
		{"person of its organisation in its city", ruletest.StaffZZ, person(w.Zhengzhou, w.OrgZZ), ruletest.OK},
		{"person of its organisation in a district below", ruletest.StaffZZ, person(w.Zhongyuan, w.OrgZZ), ruletest.OK},
		{"person of its organisation in Luoyang", ruletest.StaffZZ, person(w.Luoyang, w.OrgZZ), ruletest.Denied},
		{"person of its organisation at the province", ruletest.StaffZZ, person(w.Province, w.OrgZZ), ruletest.Denied},
		{"person", ruletest.InspectorZZ, person(w.Zhengzhou, nil), ruletest.Denied},
		{"person", ruletest.TraineeZZ, person(w.Zhengzhou, nil), ruletest.Denied},

		{"class of its organisation", ruletest.StaffZZ, class(w.OrgZZ), ruletest.OK},
		{"class of another organisation", ruletest.StaffZZ, class(w.OrgLY), ruletest.Denied},
		{"class in Zhengzhou", ruletest.OfficialZZ, class(w.OrgZZ), ruletest.OK},
		{"class in Luoyang", ruletest.OfficialZZ, class(w.OrgLY), ruletest.NotFound},
		{"class", ruletest.FinanceZZ, class(w.OrgZZ), ruletest.Denied},
		{"class", ruletest.InspectorZZ, class(w.OrgZZ), ruletest.Denied},
		{"class", ruletest.TraineeZZ, class(w.OrgZZ), ruletest.Denied},
		{"class", ruletest.Anonymous, class(w.OrgZZ), ruletest.Denied},

		{"enrollment in its class", ruletest.StaffZZ, enroll(w.OrgZZ), ruletest.OK},
		{"enrollment in another organisation's class", ruletest.StaffZZ, enroll(w.OrgLY), ruletest.NotFound},
		{"enrollment in a Zhengzhou class", ruletest.OfficialZZ, enroll(w.OrgZZ), ruletest.OK},
		{"enrollment in a Zhengzhou class", ruletest.OfficialLY, enroll(w.OrgZZ), ruletest.NotFound},
		{"enrollment of a Luoyang person in its class", ruletest.StaffZZ, enrollLY(w.OrgZZ, false), ruletest.NotFound},
		{"enrollment of a Luoyang person in a Zhengzhou class", ruletest.OfficialZZ, enrollLY(w.OrgZZ, false), ruletest.NotFound},
		{"enrollment of a Luoyang person matched by ID number and name", ruletest.StaffZZ, enrollLY(w.OrgZZ, true), ruletest.OK},
		{"enrollment of a Luoyang person matched, in another organisation's class", ruletest.StaffZZ, enrollLY(w.OrgLY, true), ruletest.NotFound},
		{"enrollment of a person enrolled in another of its classes", ruletest.StaffZZ, enrollAgain(w.OrgZZ), ruletest.OK},
		{"enrollment", ruletest.InspectorZZ, enroll(w.OrgZZ), ruletest.Denied},
		{"enrollment of themselves", ruletest.TraineeZZ, enroll(w.OrgZZ), ruletest.Denied},

		{"evidence of its class", ruletest.StaffZZ, evidence(w.OrgZZ), ruletest.OK},
		{"evidence of another organisation's class", ruletest.StaffZZ, evidence(w.OrgLY), ruletest.Denied},
		{"evidence", ruletest.OfficialZZ, evidence(w.OrgZZ), ruletest.Denied},
		{"evidence", ruletest.InspectorZZ, evidence(w.OrgZZ), ruletest.Denied},
		{"evidence", ruletest.TraineeZZ, evidence(w.OrgZZ), ruletest.Denied},

		{"certificate it issues", ruletest.StaffZZ, cert(w.OrgZZ), ruletest.OK},
		{"certificate another organisation issues", ruletest.StaffZZ, cert(w.OrgLY), ruletest.Denied},
		{"certificate of a Zhengzhou issuer", ruletest.OfficialZZ, cert(w.OrgZZ), ruletest.OK},
		{"certificate of a Luoyang issuer", ruletest.OfficialZZ, cert(w.OrgLY), ruletest.Denied},
		{"certificate", ruletest.FinanceZZ, cert(w.OrgZZ), ruletest.Denied},
		{"certificate", ruletest.InspectorZZ, cert(w.OrgZZ), ruletest.Denied},

		{"district below Zhengzhou", ruletest.OfficialZZ, county("410103", w.Zhengzhou), ruletest.OK},
		{"district below Luoyang", ruletest.OfficialZZ, county("410302", w.Luoyang), ruletest.Denied},
		{"district below Zhengzhou", ruletest.FinanceZZ, county("410104", w.Zhengzhou), ruletest.Denied},
		{"district below Zhengzhou", ruletest.StaffZZ, county("410105", w.Zhengzhou), ruletest.Denied},

		{"target of the province", ruletest.Admin, newTarget(w.Province, "WORK_IN_LIEU"), ruletest.OK},
		{"target of a district below", ruletest.OfficialZZ, newTarget(w.Zhongyuan, "WORK_IN_LIEU"), ruletest.OK},
		{"target of its own city", ruletest.OfficialZZ, newTarget(w.Zhengzhou, "WORK_IN_LIEU"), ruletest.Denied},
		{"target of Luoyang", ruletest.OfficialZZ, newTarget(w.Luoyang, "WORK_IN_LIEU"), ruletest.Denied},
		{"target of a district below", ruletest.FinanceZZ, newTarget(w.Zhongyuan, "ENTERPRISE_EMPLOYEE"), ruletest.Denied},

		{"campaign", ruletest.Admin, exec(c.Campaign.Create().SetName("2021").
			SetStartsOn(time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)).SetEndsOn(time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC))), ruletest.OK},
		{"campaign", ruletest.OfficialZZ, exec(c.Campaign.Create().SetName("2021").
			SetStartsOn(time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)).SetEndsOn(time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC))), ruletest.Denied},

		{"audit event", ruletest.Admin, exec(c.AuditEvent.Create().SetAction("CREATE").SetEntityType("Region")), ruletest.Denied},
		{"audit event", ruletest.OfficialZZ, exec(c.AuditEvent.Create().SetAction("CREATE").SetEntityType("Region")), ruletest.Denied},
	})
}

// TestUpdateScope: updates outside the viewer's scope look like missing rows
// (NOT FOUND); inside it, refused changes are privacy denials.
func TestUpdateScope(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	sys := ruletest.System()
	c := w.Client
	// org, inspector and person build a row in a place, then change it.
	org := func(r *ent.Region, change func(*ent.OrganizationUpdateOne)) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error {
			u := ruletest.Save(t, sys, w.NewOrganization("机构", r)).Update()
			change(u)
			return u.Exec(ctx)
		}
	}
	inspector := func(r *ent.Region, change func(*ent.UserUpdateOne)) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error {
			u := ruletest.Save(t, sys, w.NewUser(fmt.Sprintf("insp-%d", w.Seq()), user.RoleINSPECTOR, r)).Update()
			change(u)
			return u.Exec(ctx)
		}
	}
	person := func(o *ent.Organization, change func(*ent.PersonUpdateOne)) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error {
			u := ruletest.Save(t, sys, w.NewPerson("学员").SetRegionID(o.RegionID).SetOrganizationID(o.ID)).Update()
			change(u)
			return u.Exec(ctx)
		}
	}
	renameOrg := func(u *ent.OrganizationUpdateOne) { u.SetName("改名") }
	deactivate := func(u *ent.UserUpdateOne) { u.SetActive(false) }
	renamePerson := func(u *ent.PersonUpdateOne) { u.SetName("改名") }
	// classTo moves a new class of an organisation from one status to another.
	classTo := func(o *ent.Organization, from, to trainingclass.Status) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error {
			return w.Class(t, o, from).Update().SetStatus(to).Exec(ctx)
		}
	}
	const submitted, approved, rejected = trainingclass.StatusSUBMITTED, trainingclass.StatusAPPROVED, trainingclass.StatusREJECTED
	revoke := func(issuer *ent.Organization) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error {
			cert := ruletest.Save(t, sys, w.NewCertificate(w.PersonZZ, issuer))
			return cert.Update().SetStatus(certificate.StatusREVOKED).SetRevokeReason("伪造").Exec(ctx)
		}
	}
	campaign := ruletest.Save(t, sys, c.Campaign.Create().SetName("百日攻坚").
		SetStartsOn(time.Date(2020, 8, 15, 0, 0, 0, 0, time.UTC)).SetEndsOn(time.Date(2020, 11, 22, 0, 0, 0, 0, time.UTC)))
	retarget := func(r *ent.Region, category target.Category) func(*testing.T, context.Context) error {
		return func(t *testing.T, ctx context.Context) error {
			tg := ruletest.Save(t, sys, c.Target.Create().SetCampaignID(campaign.ID).SetRegionID(r.ID).
				SetCategory(category).SetQuantity(10).SetUnit(target.Unit(targets.Unit(string(category)))))
			return tg.Update().SetQuantity(20).Exec(ctx)
		}
	}
	runWrites(t, w, []writeCase{
		{"renames a Zhengzhou organisation", ruletest.OfficialZZ, org(w.Zhengzhou, renameOrg), ruletest.OK},
		{"renames a Luoyang organisation", ruletest.OfficialZZ, org(w.Luoyang, renameOrg), ruletest.NotFound},
		{"moves a Zhengzhou organisation to Luoyang", ruletest.OfficialZZ,
			org(w.Zhengzhou, func(u *ent.OrganizationUpdateOne) { u.SetRegionID(w.Luoyang.ID) }), ruletest.Denied},
		{"renames a Zhengzhou organisation", ruletest.FinanceZZ, org(w.Zhengzhou, renameOrg), ruletest.Denied},
		{"renames its own organisation", ruletest.StaffZZ, exec(c.Organization.UpdateOneID(w.OrgZZ.ID).SetName("改名")), ruletest.Denied},

		{"deactivates a Zhengzhou inspector", ruletest.OfficialZZ, inspector(w.Zhengzhou, deactivate), ruletest.OK},
		{"deactivates a Luoyang inspector", ruletest.OfficialZZ, inspector(w.Luoyang, deactivate), ruletest.NotFound},
		{"deactivates the province admin", ruletest.OfficialZZ, exec(c.User.UpdateOneID(w.Users[ruletest.Admin].ID).SetActive(false)), ruletest.NotFound},
		{"raises a Zhengzhou inspector to province admin", ruletest.OfficialZZ,
			inspector(w.Zhengzhou, func(u *ent.UserUpdateOne) { u.SetRole(user.RolePROVINCE_ADMIN) }), ruletest.Denied},
		{"moves a Zhengzhou inspector to Luoyang", ruletest.OfficialZZ,
			inspector(w.Zhengzhou, func(u *ent.UserUpdateOne) { u.SetRegionID(w.Luoyang.ID) }), ruletest.Denied},
		{"deactivates a Zhengzhou inspector", ruletest.FinanceZZ, inspector(w.Zhengzhou, deactivate), ruletest.Denied},

		{"renames a Zhengzhou person", ruletest.OfficialZZ, person(w.OrgZZ, renamePerson), ruletest.OK},
		{"renames a Luoyang person", ruletest.OfficialZZ, person(w.OrgLY, renamePerson), ruletest.NotFound},
		{"renames a person of its organisation", ruletest.StaffZZ, person(w.OrgZZ, renamePerson), ruletest.OK},
		{"renames a Zhengzhou person", ruletest.StaffLY, person(w.OrgZZ, renamePerson), ruletest.NotFound},
		{"hands a person of its organisation to another", ruletest.StaffZZ,
			person(w.OrgZZ, func(u *ent.PersonUpdateOne) { u.SetOrganizationID(w.OrgLY.ID) }), ruletest.Denied},
		{"renames themselves", ruletest.TraineeZZ, exec(c.Person.UpdateOneID(w.PersonZZ.ID).SetName("改名")), ruletest.Denied},

		{"approves a Zhengzhou class", ruletest.OfficialZZ, classTo(w.OrgZZ, submitted, approved), ruletest.OK},
		{"approves a Zhengzhou class", ruletest.OfficialLY, classTo(w.OrgZZ, submitted, approved), ruletest.NotFound},
		{"approves its own class", ruletest.StaffZZ, classTo(w.OrgZZ, submitted, approved), ruletest.Denied},
		{"rejects its own class", ruletest.StaffZZ, func(t *testing.T, ctx context.Context) error {
			return w.Class(t, w.OrgZZ, submitted).Update().SetStatus(rejected).SetRejectReason("自己驳回").Exec(ctx)
		}, ruletest.Denied},
		{"approves a Zhengzhou class", ruletest.InspectorZZ, classTo(w.OrgZZ, submitted, approved), ruletest.Denied},
		{"approves a Zhengzhou class", ruletest.FinanceZZ, classTo(w.OrgZZ, submitted, approved), ruletest.Denied},
		{"submits its own class", ruletest.StaffZZ, classTo(w.OrgZZ, trainingclass.StatusDRAFT, submitted), ruletest.OK},
		{"submits a Zhengzhou class", ruletest.StaffLY, classTo(w.OrgZZ, trainingclass.StatusDRAFT, submitted), ruletest.NotFound},
		{"submits a Zhengzhou class", ruletest.TraineeZZ, classTo(w.OrgZZ, trainingclass.StatusDRAFT, submitted), ruletest.Denied},

		{"revokes a Zhengzhou certificate", ruletest.OfficialZZ, revoke(w.OrgZZ), ruletest.OK},
		{"revokes a Zhengzhou certificate", ruletest.OfficialLY, revoke(w.OrgZZ), ruletest.NotFound},
		{"revokes a certificate it issued", ruletest.StaffZZ, revoke(w.OrgZZ), ruletest.Denied},

		{"changes the target of a district below", ruletest.OfficialZZ, retarget(w.Zhongyuan, target.CategoryKEY_GROUP), ruletest.OK},
		{"changes the target of its own city", ruletest.OfficialZZ, retarget(w.Zhengzhou, target.CategoryKEY_GROUP), ruletest.NotFound},
		{"changes a Zhengzhou target", ruletest.OfficialLY, retarget(w.Zhengzhou, target.CategoryAPPRENTICESHIP), ruletest.NotFound},

		{"updates evidence in bulk", ruletest.Admin, exec(c.Evidence.Update().SetFlagged(false)), ruletest.Denied},
	})
}

// deleteRefused builds a row, tries to delete it and checks that it is still there.
func deleteRefused[T any, D interface{ Exec(context.Context) error }](row func(*testing.T) int,
	del func(int) D, get func(context.Context, int) (T, error)) func(*testing.T, context.Context) error {
	return func(t *testing.T, ctx context.Context) error {
		id := row(t)
		err := del(id).Exec(ctx)
		if _, gerr := get(ruletest.System(), id); gerr != nil {
			t.Errorf("row %d is gone: %v", id, gerr)
		}
		return err
	}
}

// TestDeletesRefused: rows are never deleted by the viewers who manage them;
// evidence, money and the audit trail not even by the admin.
func TestDeletesRefused(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	sys := ruletest.System()
	c := w.Client
	org := func(t *testing.T) int { return ruletest.Save(t, sys, w.NewOrganization("机构", w.Zhengzhou)).ID }
	inspector := func(t *testing.T) int {
		return ruletest.Save(t, sys, w.NewUser(fmt.Sprintf("insp-%d", w.Seq()), user.RoleINSPECTOR, w.Zhengzhou)).ID
	}
	person := func(t *testing.T) int {
		return ruletest.Save(t, sys, w.NewPerson("学员").SetRegionID(w.Zhengzhou.ID).SetOrganizationID(w.OrgZZ.ID)).ID
	}
	class := func(t *testing.T) int { return w.Class(t, w.OrgZZ, trainingclass.StatusDRAFT).ID }
	enrollment := func(t *testing.T) int {
		return w.Enroll(t, w.Class(t, w.OrgZZ, trainingclass.StatusDRAFT), w.PersonZZ).ID
	}
	evidence := func(t *testing.T) int {
		return ruletest.Save(t, sys, w.NewEvidence(w.Class(t, w.OrgZZ, trainingclass.StatusAPPROVED))).ID
	}
	cert := func(t *testing.T) int { return ruletest.Save(t, sys, w.NewCertificate(w.PersonZZ, w.OrgZZ)).ID }
	acc := ruletest.Save(t, sys, c.FundAccount.Create().SetRegionID(w.Zhengzhou.ID))
	entry := func(t *testing.T) int {
		return ruletest.Save(t, sys, c.FundEntry.Create().SetKind("DEPOSIT").SetAmountFen(1).SetBalanceAfterFen(1).
			SetAccountID(acc.ID).SetRegionID(w.Zhengzhou.ID)).ID
	}
	event := func(t *testing.T) int {
		e, err := c.AuditEvent.Query().First(sys)
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	runWrites(t, w, []writeCase{
		{"organisation", ruletest.OfficialZZ, deleteRefused(org, c.Organization.DeleteOneID, c.Organization.Get), ruletest.Denied},
		{"inspector", ruletest.OfficialZZ, deleteRefused(inspector, c.User.DeleteOneID, c.User.Get), ruletest.Denied},
		{"person", ruletest.OfficialZZ, deleteRefused(person, c.Person.DeleteOneID, c.Person.Get), ruletest.Denied},
		{"person", ruletest.StaffZZ, deleteRefused(person, c.Person.DeleteOneID, c.Person.Get), ruletest.Denied},
		{"class", ruletest.StaffZZ, deleteRefused(class, c.TrainingClass.DeleteOneID, c.TrainingClass.Get), ruletest.Denied},
		{"class", ruletest.OfficialZZ, deleteRefused(class, c.TrainingClass.DeleteOneID, c.TrainingClass.Get), ruletest.Denied},
		{"enrollment", ruletest.StaffZZ, deleteRefused(enrollment, c.Enrollment.DeleteOneID, c.Enrollment.Get), ruletest.Denied},
		{"enrollment", ruletest.OfficialZZ, deleteRefused(enrollment, c.Enrollment.DeleteOneID, c.Enrollment.Get), ruletest.Denied},
		{"evidence", ruletest.StaffZZ, deleteRefused(evidence, c.Evidence.DeleteOneID, c.Evidence.Get), ruletest.Denied},
		{"evidence", ruletest.Admin, deleteRefused(evidence, c.Evidence.DeleteOneID, c.Evidence.Get), ruletest.Denied},
		{"certificate", ruletest.OfficialZZ, deleteRefused(cert, c.Certificate.DeleteOneID, c.Certificate.Get), ruletest.Denied},
		{"certificate", ruletest.StaffZZ, deleteRefused(cert, c.Certificate.DeleteOneID, c.Certificate.Get), ruletest.Denied},
		{"fund entry", ruletest.FinanceZZ, deleteRefused(entry, c.FundEntry.DeleteOneID, c.FundEntry.Get), ruletest.Denied},
		{"fund entry", ruletest.Admin, deleteRefused(entry, c.FundEntry.DeleteOneID, c.FundEntry.Get), ruletest.Denied},
		{"audit event", ruletest.Admin, deleteRefused(event, c.AuditEvent.DeleteOneID, c.AuditEvent.Get), ruletest.Denied},
	})
}
