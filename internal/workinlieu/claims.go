package workinlieu

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/claimworker"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/workinlieuenterprise"
	"github.com/hnvt/bairi/ent/workinlieustandard"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/persons"
	"github.com/hnvt/bairi/internal/sheet"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// FlagClaimedElsewhere marks a claim holding a worker that another
// enterprise claimed for the same month.
const FlagClaimedElsewhere = "WORKER_CLAIMED_ELSEWHERE"

// MaxWorkers bounds one claim's roster.
const MaxWorkers = 2000

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

// claim is a monthly claim checked, before anything is written.
type claim struct {
	month string
	org   *ent.Organization
	std   *ent.WorkInLieuStandard
	list  *persons.List
	// held: a worker another enterprise claimed for the month.
	held []bool
	// released are this enterprise's held lines of the month for workers
	// nobody is paid for any more (the other claim was rejected): claimed
	// again, they give their place to the new line.
	released []int
}

// checkClaim checks an enterprise's claim for a month (YYYY-MM, begun already)
// as Claim does, the rows' faults going to failRow: who may claim, the
// month, the enterprise on a ledger, the year's standard, and every worker
// (persons.Check; not already in a claim of this enterprise for the month,
// not past the year's cap of months). A worker another enterprise claimed
// for the month is held.
func (s *Service) checkClaim(ctx context.Context, orgID int, claimMonth string, workers []persons.Entry, rowOf func(i int) int, failRow persons.FailRow) (*claim, error) {
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
	if len(workers) > MaxWorkers {
		return nil, fault.Input("workers", "at most 2000 workers per claim")
	}
	list, err := persons.Check(ctx, c, s.PII, workers, rowOf, failRow)
	if err != nil {
		return nil, err
	}
	// What the registered workers already have: claims of this month
	// (this enterprise's, or payable elsewhere), and their months this year.
	pids := list.PersonIDs()
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
	// A worker held in this enterprise's claim (another enterprise's was
	// payable then) may be claimed again once no claim pays them for the month.
	already := map[int]bool{}
	heldBefore := map[int]int{}
	for _, l := range mine {
		if l.Held && !months[l.PersonID][claimMonth] {
			heldBefore[l.PersonID] = l.ID
			continue
		}
		already[l.PersonID] = true
	}
	var released []int
	held := make([]bool, len(workers))
	for i, p := range list.Persons {
		if p == nil {
			continue
		}
		switch row := rowOf(i); {
		case already[p.ID]:
			failRow(row, "idNumber", "already in a claim of this enterprise for %s", claimMonth)
		case months[p.ID][claimMonth]:
			held[i] = true // paid by another enterprise's claim, if at all
		case len(months[p.ID]) >= std.MaxMonths:
			failRow(row, "idNumber", "already claimed for %d months of %d, the most a worker is subsidised", len(months[p.ID]), year)
		default:
			if id, ok := heldBefore[p.ID]; ok {
				released = append(released, id)
			}
		}
	}
	return &claim{month: claimMonth, org: org, std: std, list: list, held: held, released: released}, nil
}

// Claim submits an enterprise's claim for the workers it kept on in a month
// (YYYY-MM, begun already): a subsidy application of kind WORK_IN_LIEU on
// the R7 clocks, all-or-nothing with a row report (checkClaim). A worker
// another enterprise claimed for the month is held, not paid here, and the
// claim is flagged for review; once that other claim is rejected, the
// enterprise may claim the worker for the month again, in a new claim. The amount is the year's standard of the enterprise's
// sector for every worker not held.
func (s *Service) Claim(ctx context.Context, orgID int, claimMonth string, workers []persons.Entry) (*ent.SubsidyApplication, error) {
	var rows fault.Rows
	if len(workers) == 0 {
		return nil, fault.Input("workers", "the list is empty")
	}
	k, err := s.checkClaim(ctx, orgID, claimMonth, workers, func(i int) int { return i + 1 }, rows.Fail)
	if err != nil {
		return nil, err
	}
	if err := rows.Refuse(fault.Input("", "%d of %d rows are invalid: nothing was claimed", len(rows), len(workers))); err != nil {
		return nil, err
	}
	c := s.db(ctx)
	paid := 0
	for _, h := range k.held {
		if !h {
			paid++
		}
	}
	create := c.SubsidyApplication.Create().SetKind(subsidyapplication.KindWORK_IN_LIEU).SetOrganizationID(orgID).
		SetClaimMonth(k.month).SetHeadcount(paid).SetAmountFen(int64(paid) * k.std.FenPerWorkerMonth).
		SetMaterials([]string{}).SetMaterialsComplete(true)
	if paid < len(workers) {
		create.SetFlags([]string{FlagClaimedElsewhere})
	}
	app, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	claiming := viewer.WithPurpose(ctx, viewer.PurposeClaim)
	if len(k.released) > 0 {
		if err := c.ClaimWorker.Update().Where(claimworker.IDIn(k.released...), claimworker.Held(true)).ClearEnterpriseKey().Exec(claiming); err != nil {
			return nil, err
		}
	}
	lines := make([]*ent.ClaimWorkerCreate, len(workers))
	for i := range workers {
		p, _, err := k.list.Person(ctx, c, s.PII, i, nil, orgID, k.org.RegionID)
		if err != nil {
			return nil, err
		}
		l := c.ClaimWorker.Create().SetApplicationID(app.ID).SetPersonID(p.ID).SetOrganizationID(orgID).SetRegionID(app.RegionID).
			SetMonth(k.month).SetName(k.list.Entries[i].Name).SetIDMasked(p.IDMasked).SetHeld(k.held[i]).
			SetEnterpriseKey(fmt.Sprintf("%d:%d:%s", orgID, p.ID, k.month))
		if !k.held[i] {
			l.SetPaidKey(fmt.Sprintf("%d:%s", p.ID, k.month))
		}
		lines[i] = l
	}
	if err := c.ClaimWorker.CreateBulk(lines...).Exec(claiming); err != nil {
		if ent.IsConstraintError(err) {
			return nil, fault.New(fault.Conflict, "another claim for some of these workers and %s was submitted at the same moment: submit again", k.month)
		}
		return nil, err
	}
	return app, nil
}

// ReadRoster reads a claim's roster of workers from a spreadsheet (CSV or
// XLSX, headers 姓名 and 身份证号) and checks every row as Claim would,
// without writing: the phone keeps the good rows, shows the bad ones for
// correction and the held ones for what they are.
func (s *Service) ReadRoster(ctx context.Context, orgID int, claimMonth string, file io.Reader) (*persons.Roster, error) {
	report := sheet.NewReport()
	table, err := sheet.Read(file, persons.NameColumns, report)
	if err != nil {
		return nil, err
	}
	roster := &persons.Roster{Rows: []*persons.RosterRow{}, Errors: report.Errors}
	if table == nil {
		return roster, nil
	}
	var workers []persons.Entry
	if err := table.Each(func(row int, cell func(string) string) error {
		workers = append(workers, persons.Entry{Name: cell("name"), IDNumber: cell("idNumber")})
		roster.Rows = append(roster.Rows, &persons.RosterRow{Row: row})
		return nil
	}); err != nil {
		return nil, err
	}
	rows := sheet.NewReport()
	k, err := s.checkClaim(ctx, orgID, claimMonth, workers, func(i int) int { return roster.Rows[i].Row }, rows.Fail)
	if err != nil {
		return nil, err
	}
	for i, r := range roster.Rows {
		r.Name, r.IDNumber, r.HeldElsewhere = k.list.Entries[i].Name, k.list.Entries[i].IDNumber, k.held[i]
	}
	roster.Attach(rows)
	return roster, nil
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
