package workinlieu

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/claimworker"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/person"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/workinlieuenterprise"
	"github.com/hnvt/bairi/ent/workinlieustandard"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// FlagClaimedElsewhere marks a claim holding a worker that another
// enterprise claimed for the same month.
const FlagClaimedElsewhere = "WORKER_CLAIMED_ELSEWHERE"

// MaxWorkers bounds one claim's roster.
const MaxWorkers = 2000

// Worker is one worker of a claim's roster.
type Worker struct {
	Name, IDNumber string
}

// month reads YYYY-MM.
func month(s string) (year int, m time.Month, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) != 7 || s[4] != '-' {
		return 0, 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	mm, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || y < 2000 || y > 2100 || mm < 1 || mm > 12 {
		return 0, 0, false
	}
	return y, time.Month(mm), true
}

// Standard is the monthly standard per worker of a sector in a year: the
// sector's own, else the one for every sector.
func Standard(ctx context.Context, c *ent.Client, year int, sector string) (*ent.WorkInLieuStandard, error) {
	std, err := c.WorkInLieuStandard.Query().Where(workinlieustandard.Year(year),
		workinlieustandard.Or(workinlieustandard.SectorEQ(workinlieustandard.Sector(sector)), workinlieustandard.SectorIsNil())).
		Order(ent.Asc(workinlieustandard.FieldSector), ent.Desc(workinlieustandard.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range std { // the sector's own first, whatever the database's NULL order
		if s.Sector != nil {
			return s, nil
		}
	}
	if len(std) == 0 {
		return nil, fault.New(fault.Conflict, "no 以工代训 standard is set for %d: the province admin sets it", year)
	}
	return std[0], nil
}

// Claim submits an enterprise's claim for the workers it kept on in a month
// (YYYY-MM, begun already): a subsidy application of kind WORK_IN_LIEU on
// the R7 clocks. Every worker is checked (name, ID number, once per list,
// the registered name of a registered ID number, not already in a claim of
// this enterprise for the month, not past the year's cap of months); a
// worker another enterprise claimed for the month is held, not paid here,
// and the claim is flagged for review. The amount is the year's standard of
// the enterprise's sector for every worker not held.
func (s *Service) Claim(ctx context.Context, orgID int, claimMonth string, workers []Worker) (*ent.SubsidyApplication, error) {
	c := s.db(ctx)
	// The application's policy has the last word; this says it before any work.
	if v := viewer.FromContext(ctx); v == nil || !v.Admin() && (v.Role != viewer.InstitutionStaff || v.OrgID != orgID) {
		return nil, fault.New(fault.Forbidden, "an enterprise's own staff submit its claims")
	}
	year, mon, ok := month(claimMonth)
	if !ok {
		return nil, fault.Input("month", "a month is written YYYY-MM, such as 2020-09")
	}
	claimMonth = fmt.Sprintf("%04d-%02d", year, int(mon))
	if today := s.today(); workday.NewDate(year, mon, 1).After(today) {
		return nil, fault.Input("month", "the month %s has not begun", claimMonth)
	}
	entry, err := c.WorkInLieuEnterprise.Query().Where(workinlieuenterprise.OrganizationID(orgID)).WithOrganization().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input("organizationID", "the enterprise is on no county's 以工代训 ledger: the county puts it on first")
	}
	if err != nil {
		return nil, err
	}
	org := entry.Edges.Organization
	std, err := Standard(ctx, c, year, string(org.Sector))
	if err != nil {
		return nil, err
	}
	switch {
	case len(workers) == 0:
		return nil, fault.Input("workers", "the list is empty")
	case len(workers) > MaxWorkers:
		return nil, fault.Input("workers", "at most 2000 workers per claim")
	}

	var rows fault.Rows
	failRow := rows.Fail
	ids := make([]string, len(workers))
	hashes := make([]string, len(workers))
	seen := map[string]int{}
	for i, w := range workers {
		row := i + 1
		workers[i].Name = strings.TrimSpace(w.Name)
		if n := len([]rune(workers[i].Name)); n == 0 || n > 64 {
			failRow(row, "name", "a name of 1 to 64 characters is required")
		}
		id, err := idcheck.ResidentID(w.IDNumber)
		if err != nil {
			failRow(row, "idNumber", "%s %s", fault.IDField(err), fault.IDReason(err))
			continue
		}
		if first, dup := seen[id]; dup {
			failRow(row, "idNumber", "the same ID number as row %d", first)
		}
		seen[id] = row
		ids[i], hashes[i] = id, s.PII.Hash(id)
	}
	registered := map[string]*ent.Person{}
	found, err := c.Person.Query().Where(person.IDHashIn(nonEmpty(hashes)...)).All(viewer.WithPurpose(ctx, viewer.PurposeEnroll))
	if err != nil {
		return nil, err
	}
	for _, p := range found {
		registered[p.IDHash] = p
	}
	// What the registered workers already have: claims of this month
	// (this enterprise's, or payable elsewhere), and their months this year.
	var pids []int
	for _, p := range found {
		pids = append(pids, p.ID)
	}
	live, err := c.ClaimWorker.Query().Where(claimworker.PersonIDIn(pids...), claimworker.MonthHasPrefix(fmt.Sprintf("%04d-", year)),
		claimworker.PaidKeyNotNil()).All(viewer.WithPurpose(ctx, viewer.PurposeClaim))
	if err != nil {
		return nil, err
	}
	months := map[int]map[string]bool{}
	for _, l := range live {
		if months[l.PersonID] == nil {
			months[l.PersonID] = map[string]bool{}
		}
		months[l.PersonID][l.Month] = true
	}
	mine, err := c.ClaimWorker.Query().Where(claimworker.PersonIDIn(pids...), claimworker.Month(claimMonth),
		claimworker.OrganizationID(orgID), claimworker.EnterpriseKeyNotNil()).All(viewer.WithPurpose(ctx, viewer.PurposeClaim))
	if err != nil {
		return nil, err
	}
	already := map[int]bool{}
	for _, l := range mine {
		already[l.PersonID] = true
	}
	held := make([]bool, len(workers))
	for i, h := range hashes {
		p, ok := registered[h]
		if !ok {
			continue
		}
		row := i + 1
		switch {
		case !idcheck.SameName(p.Name, workers[i].Name):
			failRow(row, "name", "the name does not match the person registered with this ID number")
		case already[p.ID]:
			failRow(row, "idNumber", "already in a claim of this enterprise for %s", claimMonth)
		case months[p.ID][claimMonth]:
			held[i] = true // paid by another enterprise's claim, if at all
		case len(months[p.ID]) >= std.MaxMonths:
			failRow(row, "idNumber", "already claimed for %d months of %d, the most a worker is subsidised", len(months[p.ID]), year)
		}
	}
	if err := rows.Refuse(fault.Input("", "%d of %d rows are invalid: nothing was claimed", len(rows), len(workers))); err != nil {
		return nil, err
	}

	paid := 0
	for _, h := range held {
		if !h {
			paid++
		}
	}
	create := c.SubsidyApplication.Create().SetKind(subsidyapplication.KindWORK_IN_LIEU).SetOrganizationID(orgID).
		SetClaimMonth(claimMonth).SetHeadcount(paid).SetAmountFen(int64(paid) * std.FenPerWorkerMonth).
		SetMaterials([]string{}).SetMaterialsComplete(true)
	if paid < len(workers) {
		create.SetFlags([]string{FlagClaimedElsewhere})
	}
	app, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	claim := viewer.WithPurpose(ctx, viewer.PurposeClaim)
	lines := make([]*ent.ClaimWorkerCreate, len(workers))
	for i, w := range workers {
		p, ok := registered[hashes[i]]
		if !ok {
			sealed, err := s.PII.Seal(ids[i])
			if err != nil {
				return nil, err
			}
			if p, err = c.Person.Create().SetName(w.Name).SetIDHash(sealed.Hash).SetIDEncrypted(sealed.Encrypted).
				SetIDMasked(sealed.Masked).SetOrganizationID(orgID).SetRegionID(org.RegionID).Save(ctx); err != nil {
				return nil, fmt.Errorf("row %d: %w", i+1, err)
			}
		}
		l := c.ClaimWorker.Create().SetApplicationID(app.ID).SetPersonID(p.ID).SetOrganizationID(orgID).SetRegionID(app.RegionID).
			SetMonth(claimMonth).SetName(w.Name).SetIDMasked(p.IDMasked).SetHeld(held[i]).
			SetEnterpriseKey(fmt.Sprintf("%d:%d:%s", orgID, p.ID, claimMonth))
		if !held[i] {
			l.SetPaidKey(fmt.Sprintf("%d:%s", p.ID, claimMonth))
		}
		lines[i] = l
	}
	if err := c.ClaimWorker.CreateBulk(lines...).Exec(claim); err != nil {
		if ent.IsConstraintError(err) {
			return nil, fault.New(fault.Conflict, "another claim for some of these workers and %s was submitted at the same moment: submit again", claimMonth)
		}
		return nil, err
	}
	return app, nil
}

func nonEmpty(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// SetStandard sets the monthly standard per worker of a year, for a sector
// or (nil) for every sector without its own, and the year's cap of months.
func (s *Service) SetStandard(ctx context.Context, year int, sector *organization.Sector, fen int64, maxMonths int) (*ent.WorkInLieuStandard, error) {
	c := s.db(ctx)
	q := c.WorkInLieuStandard.Query().Where(workinlieustandard.Year(year))
	if sector != nil {
		q.Where(workinlieustandard.SectorEQ(workinlieustandard.Sector(*sector)))
	} else {
		q.Where(workinlieustandard.SectorIsNil())
	}
	existing, err := q.Only(ctx)
	switch {
	case ent.IsNotFound(err):
		cr := c.WorkInLieuStandard.Create().SetYear(year).SetFenPerWorkerMonth(fen).SetMaxMonths(maxMonths)
		if sector != nil {
			cr.SetSector(workinlieustandard.Sector(*sector))
		}
		return cr.Save(ctx)
	case err != nil:
		return nil, err
	}
	return existing.Update().SetFenPerWorkerMonth(fen).SetMaxMonths(maxMonths).Save(ctx)
}
