// Package contracting runs R2's contracting (包干): which officials cover
// which regions and serve which enterprises (the rules are checked by the
// contract assignment hook in ent/schema and internal/contractrule), the
// enterprises at or above a region's threshold that nobody serves, the
// field visits and the five clears (五清) of an enterprise served, and each
// city's, Jiyuan's and direct county's contracting ledger (台账) against the
// campaign's deadline.
package contracting

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/campaign"
	"github.com/hnvt/bairi/ent/contractassignment"
	"github.com/hnvt/bairi/ent/enterprisevisit"
	"github.com/hnvt/bairi/ent/fiveclear"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/contractrule"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// Service runs the contracting in the request transaction.
type Service struct {
	Client *ent.Client
	Clock  *clock.Clock
}

func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

// Contracting is an official's contracting: the regions covered and the
// enterprises served.
type Contracting struct {
	Official    *ent.User
	Region      *ent.Region
	Tier        contractrule.Tier
	Regions     []*ent.ContractAssignment
	Enterprises []*ent.ContractAssignment
}

// Lines are the regions and enterprises of one assignment.
type Lines struct {
	UserID          int
	RegionIDs       []int
	OrganizationIDs []int
}

// Assign adds regions and enterprises to an official's contracting; those
// already there stay as they are (assigning twice changes nothing, but the
// viewer must still be one who may assign them).
func (s *Service) Assign(ctx context.Context, in Lines) (*Contracting, error) {
	c := s.db(ctx)
	if len(in.RegionIDs)+len(in.OrganizationIDs) == 0 {
		return nil, fault.Input("organizationIDs", "name at least one region or enterprise")
	}
	// Regions first: a province-level official's enterprises lie in them.
	for _, rid := range in.RegionIDs {
		if err := c.ContractAssignment.Create().SetUserID(in.UserID).SetRegionID(rid).Exec(ctx); err != nil {
			return nil, err
		}
	}
	for _, oid := range in.OrganizationIDs {
		// The hook answers a line already there as it is, and sets the region, the official's name, region path and tier, and the key.
		if err := c.ContractAssignment.Create().SetUserID(in.UserID).SetOrganizationID(oid).Exec(ctx); err != nil {
			return nil, err
		}
	}
	return s.Of(ctx, &in.UserID)
}

// Unassign removes regions and enterprises from an official's contracting
// (the visits and five clears recorded stay with the enterprise).
func (s *Service) Unassign(ctx context.Context, in Lines) (*Contracting, error) {
	c := s.db(ctx)
	if _, err := s.Of(ctx, &in.UserID); err != nil {
		return nil, err
	}
	lines := []string{}
	for _, rid := range in.RegionIDs {
		lines = append(lines, fmt.Sprintf("u%d/r%d", in.UserID, rid))
	}
	for _, oid := range in.OrganizationIDs {
		lines = append(lines, fmt.Sprintf("u%d/o%d", in.UserID, oid))
	}
	if len(lines) > 0 {
		if _, err := c.ContractAssignment.Delete().Where(contractassignment.KeyIn(lines...)).Exec(ctx); err != nil {
			return nil, err
		}
	}
	return s.Of(ctx, &in.UserID)
}

// Of is the contracting of an official (the viewer when userID is nil: none
// for a viewer who is not an official).
func (s *Service) Of(ctx context.Context, userID *int) (*Contracting, error) {
	c := s.db(ctx)
	v := viewer.FromContext(ctx)
	id := v.UserID
	if userID != nil {
		id = *userID
	}
	u, err := c.User.Query().Where(user.ID(id)).WithRegion().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.New(fault.NotFound, "not found")
	}
	if err != nil {
		return nil, err
	}
	out := &Contracting{Official: u, Region: u.Edges.Region}
	if u.Role != user.RoleREGION_OFFICIAL {
		if userID == nil { // the viewer's own: none (the admin, finance, inspectors)
			return out, nil
		}
		return nil, fault.Input("userID", "%s is not an active HR official: only officials contract enterprises", u.DisplayName)
	}
	out.Tier, _ = contractrule.TierOf(string(u.Edges.Region.Level), u.Edges.Region.DirectlyAdministered)
	lines, err := c.ContractAssignment.Query().Where(contractassignment.UserID(id)).
		WithRegion().WithOrganization().Order(ent.Asc(contractassignment.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range lines {
		if l.OrganizationID == nil {
			out.Regions = append(out.Regions, l)
		} else {
			out.Enterprises = append(out.Enterprises, l)
		}
	}
	return out, nil
}

// unit reads a region that keeps a contracting ledger, or the province (all of them).
func unit(ctx context.Context, c *ent.Client, code string) (*ent.Region, error) {
	r, err := c.Region.Query().Where(region.Code(strings.TrimSpace(code))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input("regionCode", "unknown region %q", code)
	}
	return r, err
}

// units are the ledger units (cities, Jiyuan, direct counties) at or under
// the region r, and the one r lies in when it is below one.
func units(ctx context.Context, c *ent.Client, r *ent.Region) ([]*ent.Region, error) {
	all, err := c.Region.Query().Where(region.Or(region.LevelEQ(region.LevelCITY),
		region.And(region.LevelEQ(region.LevelCOUNTY), region.DirectlyAdministered(true)))).
		Order(ent.Asc(region.FieldCode)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := []*ent.Region{}
	for _, u := range all {
		if strings.HasPrefix(u.Path, r.Path) || strings.HasPrefix(r.Path, u.Path) {
			out = append(out, u)
		}
	}
	return out, nil
}

// large is the query of a ledger unit's enterprises at or above its threshold.
func large(c *ent.Client, u *ent.Region) *ent.OrganizationQuery {
	tier, _ := contractrule.TierOf(string(u.Level), u.DirectlyAdministered)
	return c.Organization.Query().Where(organization.KindEQ(organization.KindENTERPRISE),
		organization.EmployeeCountGTE(contractrule.Threshold(tier)),
		organization.HasRegionWith(region.PathHasPrefix(u.Path)))
}

// oversee refuses a viewer who does not follow the region.
func oversee(ctx context.Context, r *ent.Region) error {
	if !viewer.FromContext(ctx).Oversees(r.Path) {
		return fault.New(fault.Forbidden, "the contracting of %s is shown to its own officials and those above them", r.Name)
	}
	return nil
}

// Unassigned lists the enterprises at or above their ledger unit's
// threshold (2,000 employees in a city or Jiyuan, 500 in a direct county)
// that no official serves, in the region's ledger units.
func (s *Service) Unassigned(ctx context.Context, code string) ([]*ent.Organization, error) {
	c := s.db(ctx)
	r, err := unit(ctx, c, code)
	if err != nil {
		return nil, err
	}
	if err := oversee(ctx, r); err != nil {
		return nil, err
	}
	us, err := units(ctx, c, r)
	if err != nil {
		return nil, err
	}
	out := []*ent.Organization{}
	for _, u := range us {
		q := large(c, u).Where(organization.Not(organization.HasContractAssignments()))
		if !strings.HasPrefix(u.Path, r.Path) { // r lies below the unit: its own enterprises only
			q = q.Where(organization.HasRegionWith(region.PathHasPrefix(r.Path)))
		}
		orgs, err := q.WithRegion().Order(ent.Desc(organization.FieldEmployeeCount), ent.Asc(organization.FieldID)).All(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, orgs...)
	}
	return out, nil
}

// LedgerState says where a contracting ledger stands against the deadline.
type LedgerState string

// Ledger states.
const (
	// LedgerEmpty: no enterprise at or above the threshold to contract.
	LedgerEmpty LedgerState = "EMPTY"
	// LedgerOpen: some enterprise still unassigned, the deadline not passed.
	LedgerOpen LedgerState = "OPEN"
	// LedgerComplete: every enterprise assigned, by the deadline.
	LedgerComplete LedgerState = "COMPLETE"
	// LedgerLate: every enterprise assigned, the last after the deadline.
	LedgerLate LedgerState = "LATE"
	// LedgerOverdue: some enterprise still unassigned after the deadline.
	LedgerOverdue LedgerState = "OVERDUE"
)

// Ledger is a city's, Jiyuan's or a direct county's contracting ledger (包干企业台账).
type Ledger struct {
	Region    *ent.Region
	Threshold int
	// Large is the enterprises at or above the threshold; Assigned those an official serves.
	Large, Assigned int
	// CompletedAt is when the last of them was first assigned; nil while one is not (or there are none).
	CompletedAt *time.Time
	DueOn       *workday.Date
	State       LedgerState
	// Enterprises are the large enterprises with their lines (for the export).
	Enterprises []*ent.Organization
}

// Ledgers are the contracting ledgers of the ledger units in the region
// (all of the viewer's when code is empty), against the deadline of the
// campaign (the latest when campaignID is nil): complete when every
// enterprise at or above the threshold is served by an official, on the day
// the last of them was first assigned.
func (s *Service) Ledgers(ctx context.Context, code string, campaignID *int) ([]*Ledger, error) {
	c := s.db(ctx)
	v := viewer.FromContext(ctx)
	var r *ent.Region
	var err error
	if strings.TrimSpace(code) == "" {
		r, err = c.Region.Get(ctx, v.RegionID)
	} else {
		r, err = unit(ctx, c, code)
	}
	if err != nil {
		return nil, err
	}
	if err := oversee(ctx, r); err != nil {
		return nil, err
	}
	camp, err := Campaign(ctx, c, campaignID)
	if err != nil {
		return nil, err
	}
	var due *workday.Date
	if camp != nil && camp.LedgerDueOn != nil {
		d := workday.DateOf(*camp.LedgerDueOn, nil)
		due = &d
	}
	today := workday.DateOf(s.Clock.Now(), nil)
	us, err := units(ctx, c, r)
	if err != nil {
		return nil, err
	}
	out := make([]*Ledger, 0, len(us))
	for _, u := range us {
		if !v.Oversees(u.Path) {
			continue
		}
		tier, _ := contractrule.TierOf(string(u.Level), u.DirectlyAdministered)
		orgs, err := large(c, u).WithContractAssignments(func(q *ent.ContractAssignmentQuery) {
			q.Order(ent.Asc(contractassignment.FieldAssignedAt))
		}).Order(ent.Asc(organization.FieldName)).All(ctx)
		if err != nil {
			return nil, err
		}
		l := &Ledger{Region: u, Threshold: contractrule.Threshold(tier), Large: len(orgs), DueOn: due, Enterprises: orgs}
		var last time.Time
		for _, o := range orgs {
			if as := o.Edges.ContractAssignments; len(as) > 0 {
				l.Assigned++
				if first := as[0].AssignedAt; first.After(last) {
					last = first
				}
			}
		}
		switch {
		case l.Large == 0:
			l.State = LedgerEmpty
		case l.Assigned == l.Large:
			l.CompletedAt = &last
			l.State = LedgerComplete
			if due != nil && workday.DateOf(last, nil).After(*due) {
				l.State = LedgerLate
			}
		case due != nil && today.After(*due):
			l.State = LedgerOverdue
		default:
			l.State = LedgerOpen
		}
		out = append(out, l)
	}
	return out, nil
}

// Campaign is the campaign of that id, or the latest (nil when there is none).
func Campaign(ctx context.Context, c *ent.Client, id *int) (*ent.Campaign, error) {
	if id != nil {
		return c.Campaign.Get(ctx, *id)
	}
	camp, err := c.Campaign.Query().Order(ent.Desc(campaign.FieldStartsOn)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return camp, err
}

// Check is one of the five clears of an enterprise: its confirmation, or nil.
type Check struct {
	Item         fiveclear.Item
	Confirmation *ent.FiveClear
}

// FiveClears is an enterprise's checklist, in the notice's order.
func (s *Service) FiveClears(ctx context.Context, orgID int) ([]Check, error) {
	c := s.db(ctx)
	if _, err := c.Organization.Get(ctx, orgID); err != nil {
		return nil, err
	}
	done, err := c.FiveClear.Query().Where(fiveclear.OrganizationID(orgID)).All(ctx)
	if err != nil {
		return nil, err
	}
	return checklist(done), nil
}

func checklist(done []*ent.FiveClear) []Check {
	out := make([]Check, 0, len(contractrule.FiveClears))
	for _, item := range contractrule.FiveClears {
		ch := Check{Item: fiveclear.Item(item)}
		for _, d := range done {
			if string(d.Item) == item {
				ch.Confirmation = d
			}
		}
		out = append(out, ch)
	}
	return out
}

// Confirm confirms one of the five clears of an enterprise; confirming it
// again answers the first confirmation (who and when stay).
func (s *Service) Confirm(ctx context.Context, orgID int, item fiveclear.Item) (*ent.FiveClear, error) {
	return s.db(ctx).FiveClear.Create().SetOrganizationID(orgID).SetItem(item).Save(ctx)
}

// Visit is a field visit as the official logs it.
type Visit struct {
	OrganizationID int
	On             workday.Date
	Participants   string
	Notes          string
}

// LogVisit records a field visit of an enterprise by the viewer; its photos
// are uploaded afterwards as evidence of the visit (internal/upload).
func (s *Service) LogVisit(ctx context.Context, in Visit) (*ent.EnterpriseVisit, error) {
	if !in.On.IsValid() {
		return nil, fault.Input("visitedOn", "a date is a string YYYY-MM-DD, such as 2020-09-30")
	}
	return s.db(ctx).EnterpriseVisit.Create().SetOrganizationID(in.OrganizationID).SetVisitedOn(in.On.Time(nil)).
		SetParticipants(strings.TrimSpace(in.Participants)).SetNotes(strings.TrimSpace(in.Notes)).Save(ctx)
}

// Visits are the visits of an enterprise by an official within the
// campaign's window (all of the enterprise's visits when userID is 0),
// latest first.
func (s *Service) Visits(ctx context.Context, orgID, userID int) ([]*ent.EnterpriseVisit, error) {
	c := s.db(ctx)
	q := c.EnterpriseVisit.Query().Where(enterprisevisit.OrganizationID(orgID))
	if userID != 0 {
		q = q.Where(enterprisevisit.VisitorID(userID))
		camp, err := Campaign(ctx, c, nil)
		if err != nil {
			return nil, err
		}
		if camp != nil {
			q = q.Where(enterprisevisit.VisitedOnGTE(workday.DateOf(camp.StartsOn, nil).Time(nil)), enterprisevisit.VisitedOnLTE(camp.EndsOn))
		}
	}
	return q.Order(ent.Desc(enterprisevisit.FieldVisitedOn), ent.Desc(enterprisevisit.FieldID)).All(ctx)
}

// Officials are the HR officials of a region (exactly that region) whom
// the viewer may assign.
func (s *Service) Officials(ctx context.Context, code string) ([]*ent.User, error) {
	c := s.db(ctx)
	r, err := unit(ctx, c, code)
	if err != nil {
		return nil, err
	}
	if err := oversee(ctx, r); err != nil {
		return nil, err
	}
	return c.User.Query().Where(user.RegionID(r.ID), user.RoleEQ(user.RoleREGION_OFFICIAL), user.Active(true)).
		Order(ent.Asc(user.FieldDisplayName)).All(ctx)
}
