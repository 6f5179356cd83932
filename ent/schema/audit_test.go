package schema_test

import (
	"context"
	"testing"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/auditevent"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/ruletest"
)

// eventsOf reads, as the system, the audit events of one entity.
func eventsOf(t *testing.T, c *ent.Client, entityType string, id int) []*ent.AuditEvent {
	t.Helper()
	events, err := c.AuditEvent.Query().Where(auditevent.EntityType(entityType), auditevent.EntityID(id)).
		Order(auditevent.ByID()).All(ruletest.System())
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// TestAuditTrail: every mutation leaves one event naming the action, the
// entity, the actor and the changed fields, with secrets redacted.
func TestAuditTrail(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	cases := []struct {
		name    string
		who     ruletest.Who
		do      func(t *testing.T, ctx context.Context) (entityType string, id int)
		action  string
		details map[string]any // fields that must be in the details, with their values
	}{
		{"creates an organisation", ruletest.OfficialZZ, func(t *testing.T, ctx context.Context) (string, int) {
			return "Organization", ruletest.Save(t, ctx, w.NewOrganization("审计机构", w.Zhengzhou)).ID
		}, "CREATE", map[string]any{"name": "审计机构", "priority_sector": false}},
		{"creates an inspector", ruletest.OfficialZZ, func(t *testing.T, ctx context.Context) (string, int) {
			return "User", ruletest.Save(t, ctx, w.NewUser("audited", user.RoleINSPECTOR, w.Zhengzhou)).ID
		}, "CREATE", map[string]any{"username": "audited", "password_hash": "[redacted]"}},
		{"registers a person", ruletest.StaffZZ, func(t *testing.T, ctx context.Context) (string, int) {
			return "Person", ruletest.Save(t, ctx, w.NewPerson("审计学员").SetOrganizationID(w.OrgZZ.ID)).ID
		}, "CREATE", map[string]any{"name": "审计学员", "id_hash": "[redacted]", "id_encrypted": "[redacted]"}},
		{"submits a class", ruletest.StaffZZ, func(t *testing.T, ctx context.Context) (string, int) {
			c := w.Class(t, w.OrgZZ, trainingclass.StatusDRAFT)
			ruletest.Save(t, ctx, c.Update().SetStatus(trainingclass.StatusSUBMITTED))
			return "TrainingClass", c.ID
		}, "UPDATE", map[string]any{"status": "SUBMITTED"}},
	}
	for _, c := range cases {
		t.Run(string(c.who)+" "+c.name, func(t *testing.T) {
			t.Parallel()
			entityType, id := c.do(t, w.Ctx(c.who))
			events := eventsOf(t, w.Client, entityType, id)
			last := events[len(events)-1]
			if n := len(events); (c.action == "CREATE" && n != 1) || (c.action == "UPDATE" && n != 2) {
				t.Fatalf("%d events for %s %d", n, entityType, id)
			}
			actor := w.Users[c.who]
			if last.Action != c.action || last.ActorID != actor.ID || last.ActorUsername != actor.Username {
				t.Errorf("event %s by %d (%s), want %s by %d (%s)", last.Action, last.ActorID, last.ActorUsername,
					c.action, actor.ID, actor.Username)
			}
			for k, v := range c.details {
				if got, ok := last.Details[k]; !ok || got != v {
					t.Errorf("details[%s] = %v, want %v (details %v)", k, got, v, last.Details)
				}
			}
		})
	}
	t.Run("official-zz creates a user: the creator is recorded on the row", func(t *testing.T) {
		t.Parallel()
		u := ruletest.Save(t, w.Ctx(ruletest.OfficialZZ), w.NewUser("recorded", user.RoleINSPECTOR, w.Zhengzhou))
		if want := w.Users[ruletest.OfficialZZ].ID; u.CreatedBy != want || u.UpdatedBy != want {
			t.Errorf("created by %d, updated by %d, want %d", u.CreatedBy, u.UpdatedBy, want)
		}
	})
}

// txOrganization is an unsaved Zhengzhou organisation in a transaction.
func txOrganization(tx *ent.Tx, w *ruletest.World) *ent.OrganizationCreate {
	return tx.Organization.Create().SetName("事务机构").SetKind("ENTERPRISE").
		SetCreditCode(ruletest.CreditCode("410100", w.Seq())).SetRegionID(w.Zhengzhou.ID)
}

// TestAuditOnlyWhatHappened: a mutation that fails, for whatever reason,
// leaves no event; the event is written in the mutation's transaction and
// goes when it rolls back.
func TestAuditOnlyWhatHappened(t *testing.T) {
	t.Parallel()
	// execAs returns a mutation to run as a viewer.
	execAs := func(w *ruletest.World, who ruletest.Who, b interface{ Exec(context.Context) error }) func() error {
		return func() error { return b.Exec(w.Ctx(who)) }
	}
	cases := []struct {
		name string
		// setup builds what the case needs and returns the mutation that fails.
		setup func(t *testing.T, w *ruletest.World) func() error
	}{
		{"official-ly renames a Zhengzhou organisation (out of scope)", func(t *testing.T, w *ruletest.World) func() error {
			return execAs(w, ruletest.OfficialLY, w.OrgZZ.Update().SetName("改名"))
		}},
		{"staff-zz approves its own class (denied)", func(t *testing.T, w *ruletest.World) func() error {
			c := w.Class(t, w.OrgZZ, trainingclass.StatusSUBMITTED)
			return execAs(w, ruletest.StaffZZ, c.Update().SetStatus(trainingclass.StatusAPPROVED))
		}},
		{"official-zz completes a draft (illegal transition)", func(t *testing.T, w *ruletest.World) func() error {
			c := w.Class(t, w.OrgZZ, trainingclass.StatusDRAFT)
			return execAs(w, ruletest.OfficialZZ, c.Update().SetStatus(trainingclass.StatusCOMPLETED))
		}},
		{"official-zz renames an organisation to nothing (invalid)", func(t *testing.T, w *ruletest.World) func() error {
			return execAs(w, ruletest.OfficialZZ, w.OrgZZ.Update().SetName(""))
		}},
		{"official-zz gives an organisation a code already taken (constraint)", func(t *testing.T, w *ruletest.World) func() error {
			return execAs(w, ruletest.OfficialZZ, w.OrgZZ.Update().SetCreditCode(w.OrgLY.CreditCode))
		}},
		{"admin creates an organisation, then a step of the same transaction fails", func(t *testing.T, w *ruletest.World) func() error {
			return func() error {
				ctx := w.Ctx(ruletest.Admin)
				tx, err := w.Client.Tx(ctx)
				if err != nil {
					t.Fatal(err)
				}
				o := ruletest.Save(t, ctx, txOrganization(tx, w))
				inside, err := tx.AuditEvent.Query().Where(auditevent.EntityType("Organization"), auditevent.EntityID(o.ID)).Count(ctx)
				if err != nil || inside != 1 {
					t.Errorf("inside the transaction %d events (%v), want 1", inside, err)
				}
				c := ruletest.Save(t, ctx, tx.TrainingClass.Create().SetOrganizationID(o.ID).SetCategory("KEY_GROUP").
					SetOccupation("厨师").SetApprovedHeadcount(20).SetPlannedStart(ruletest.PlannedStart).
					SetPlannedEnd(ruletest.PlannedEnd).SetVenueAddress("郑州").
					SetVenueLatitude(ruletest.VenueLat).SetVenueLongitude(ruletest.VenueLon))
				failed := tx.TrainingClass.UpdateOne(c).SetStatus(trainingclass.StatusCOMPLETED).Exec(ctx)
				ruletest.Expect(t, failed, ruletest.Conflict)
				if err := tx.Rollback(); err != nil {
					t.Fatal(err)
				}
				if n, err := w.Client.Organization.Query().Where(organization.ID(o.ID)).Count(ruletest.System()); err != nil || n != 0 {
					t.Errorf("%d organisations (%v) after the rollback, want 0", n, err)
				}
				return failed
			}
		}},
	}
	count := func(t *testing.T, w *ruletest.World) int {
		n, err := w.Client.AuditEvent.Query().Count(ruletest.System())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			w := ruletest.NewWorld(t)
			fail := c.setup(t, w)
			before := count(t, w)
			if err := fail(); err == nil {
				t.Fatal("the mutation succeeded")
			}
			if after := count(t, w); after != before {
				t.Errorf("%d audit events after a failed mutation, want %d", after, before)
			}
		})
	}
	t.Run("admin creates an organisation in a transaction committed", func(t *testing.T) {
		t.Parallel()
		w := ruletest.NewWorld(t)
		ctx := w.Ctx(ruletest.Admin)
		tx, err := w.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		o := ruletest.Save(t, ctx, txOrganization(tx, w))
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if events := eventsOf(t, w.Client, "Organization", o.ID); len(events) != 1 || events[0].Action != "CREATE" {
			t.Errorf("events %v after the commit, want one CREATE", events)
		}
	})
}
