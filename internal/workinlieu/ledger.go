// Package workinlieu runs 以工代训 (work in lieu of training, R1): the
// counties' ledgers (台账) of the enterprises that qualify, kept by hand or
// imported from the offices' own sheets, and whether each county's ledger
// and WeChat work group were ready by the campaign's deadline.
package workinlieu

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/campaign"
	"github.com/hnvt/bairi/ent/countyledger"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/workinlieuenterprise"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/sheet"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// Service keeps the ledgers.
type Service struct {
	Client *ent.Client
	Clock  *clock.Clock
	// PII seals the ID numbers of workers claimed for the first time.
	PII *pii.Cipher
}

func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

func (s *Service) today() workday.Date { return workday.DateOf(s.Clock.Now(), nil) }

// Enterprise is one enterprise for a county's ledger.
type Enterprise struct {
	Name, CreditCode string
	Sector           organization.Sector
	EmployeeCount    int
	FoundBy          workinlieuenterprise.FoundBy
	ContactName      string
	ContactPhone     string
	JoinedOn         *workday.Date
}

// county returns the region of code, which must be a county.
func county(ctx context.Context, c *ent.Client, code string) (*ent.Region, error) {
	r, err := c.Region.Query().Where(region.Code(strings.TrimSpace(code))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input("regionCode", "unknown region %q", code)
	}
	return r, err
}

// check cleans e and hands each fault to fail with its input field.
func (s *Service) check(e *Enterprise, fail func(field, format string, args ...any)) {
	e.Name = strings.TrimSpace(e.Name)
	if e.Name == "" || len([]rune(e.Name)) > 128 {
		fail("name", "an enterprise name of 1 to 128 characters is required")
	}
	code, err := idcheck.CreditCode(e.CreditCode)
	if err != nil {
		fail("creditCode", "%s %s", fault.IDField(err), fault.IDReason(err))
	}
	e.CreditCode = code
	if e.EmployeeCount < 0 || e.EmployeeCount > 10_000_000 {
		fail("employeeCount", "the headcount is a whole number from 0 to 10,000,000")
	}
	if e.ContactPhone = strings.TrimSpace(e.ContactPhone); e.ContactPhone != "" {
		phone, ok := idcheck.NormalizePhone(e.ContactPhone)
		if !ok {
			fail("contactPhone", "not a phone number")
		}
		e.ContactPhone = phone
	}
	if e.JoinedOn != nil && e.JoinedOn.After(s.today()) {
		fail("joinedWorkGroupOn", "the day %s is in the future", *e.JoinedOn)
	}
}

// Add puts one enterprise on a county's ledger.
func (s *Service) Add(ctx context.Context, countyCode string, e Enterprise) (*ent.WorkInLieuEnterprise, error) {
	c := s.db(ctx)
	reg, err := county(ctx, c, countyCode)
	if err != nil {
		return nil, err
	}
	var bad error
	s.check(&e, func(field, format string, args ...any) {
		if bad == nil {
			bad = fault.Input(field, format, args...)
		}
	})
	if bad != nil {
		return nil, bad
	}
	return s.put(ctx, c, reg, e)
}

// put writes e on the ledger of reg: the enterprise's organisation is
// registered in the county when its credit code is new, updated otherwise;
// an enterprise already on the ledger is updated, never listed twice.
func (s *Service) put(ctx context.Context, c *ent.Client, reg *ent.Region, e Enterprise) (*ent.WorkInLieuEnterprise, error) {
	org, err := c.Organization.Query().Where(organization.CreditCode(e.CreditCode)).WithRegion().Only(ctx)
	switch {
	case ent.IsNotFound(err):
		org, err = c.Organization.Create().SetName(e.Name).SetKind(organization.KindENTERPRISE).SetCreditCode(e.CreditCode).
			SetSector(e.Sector).SetEmployeeCount(e.EmployeeCount).SetRegionID(reg.ID).Save(ctx)
		if ent.IsConstraintError(err) {
			return nil, fault.New(fault.Conflict, "an organisation with credit code %s is registered outside your region", e.CreditCode)
		}
	case err == nil:
		if org.Kind != organization.KindENTERPRISE {
			return nil, fault.Input("creditCode", "credit code %s is registered to %s, which is not an enterprise", e.CreditCode, org.Name)
		}
		if !strings.HasPrefix(org.Edges.Region.Path, reg.Path) {
			return nil, fault.Input("creditCode", "%s is registered in %s, not in %s", org.Name, org.Edges.Region.Name, reg.Name)
		}
		org, err = org.Update().SetName(e.Name).SetSector(e.Sector).SetEmployeeCount(e.EmployeeCount).Save(ctx)
	}
	if err != nil {
		return nil, err
	}
	entry, err := c.WorkInLieuEnterprise.Query().Where(workinlieuenterprise.OrganizationID(org.ID)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		cr := c.WorkInLieuEnterprise.Create().SetOrganizationID(org.ID).SetRegionID(reg.ID).SetFoundBy(e.FoundBy).
			SetContactName(e.ContactName).SetContactPhone(e.ContactPhone)
		if e.JoinedOn != nil {
			cr.SetJoinedWorkGroupAt(e.JoinedOn.Time(nil))
		}
		entry, err = cr.Save(ctx)
		if ent.IsConstraintError(err) {
			return nil, fault.New(fault.Conflict, "%s is already on another county's ledger", org.Name)
		}
		return entry, err
	case err != nil:
		return nil, err
	}
	if entry.RegionID != reg.ID {
		return nil, fault.New(fault.Conflict, "%s is already on another county's ledger", org.Name)
	}
	up := entry.Update().SetFoundBy(e.FoundBy).SetContactName(e.ContactName).SetContactPhone(e.ContactPhone)
	if e.JoinedOn != nil {
		up.SetJoinedWorkGroupAt(e.JoinedOn.Time(nil))
	}
	return up.Save(ctx)
}

// SetJoined records the day an enterprise on the ledger joined the work group.
func (s *Service) SetJoined(ctx context.Context, id int, on workday.Date) (*ent.WorkInLieuEnterprise, error) {
	if on.After(s.today()) {
		return nil, fault.Input("joinedOn", "the day %s is in the future", on)
	}
	return s.db(ctx).WorkInLieuEnterprise.UpdateOneID(id).SetJoinedWorkGroupAt(on.Time(nil)).Save(ctx)
}

// ledgerColumns are a ledger sheet's columns and the headers they go by.
var ledgerColumns = map[string][]string{
	"name":          {"name", "企业名称", "单位名称"},
	"creditCode":    {"credit_code", "统一社会信用代码", "信用代码"},
	"sector":        {"sector", "所属行业", "行业"},
	"employeeCount": {"employee_count", "职工人数", "从业人数", "在职职工人数"},
	"foundBy":       {"found_by", "摸排方式", "发现方式"},
	"contactName":   {"contact_name", "联系人"},
	"contactPhone":  {"contact_phone", "联系电话", "手机号"},
	"joinedOn":      {"joined_on", "入群日期", "加入工作群日期"},
}

// sectors are the sheet's words for the sectors (R1's five first).
var sectors = map[string]organization.Sector{
	"对外贸易": organization.SectorFOREIGN_TRADE, "外贸": organization.SectorFOREIGN_TRADE,
	"住宿餐饮": organization.SectorACCOMMODATION_CATERING, "住宿和餐饮业": organization.SectorACCOMMODATION_CATERING,
	"文化旅游": organization.SectorCULTURE_TOURISM, "文旅": organization.SectorCULTURE_TOURISM,
	"交通运输": organization.SectorTRANSPORT, "批发零售": organization.SectorWHOLESALE_RETAIL, "批发和零售业": organization.SectorWHOLESALE_RETAIL,
	"制造业": organization.SectorMANUFACTURING, "建筑业": organization.SectorCONSTRUCTION, "农业": organization.SectorAGRICULTURE,
	"信息技术": organization.SectorINFORMATION_TECHNOLOGY, "教育": organization.SectorEDUCATION, "卫生": organization.SectorHEALTH,
	"金融": organization.SectorFINANCE, "公共管理": organization.SectorPUBLIC_ADMINISTRATION, "其他": organization.SectorOTHER,
}

// foundBy are the sheet's words for how an enterprise was found.
var foundBy = map[string]workinlieuenterprise.FoundBy{
	"走访": workinlieuenterprise.FoundByVISIT, "上门走访": workinlieuenterprise.FoundByVISIT,
	"部门推送": workinlieuenterprise.FoundByOTHER_DEPARTMENT, "其他部门": workinlieuenterprise.FoundByOTHER_DEPARTMENT,
	"电话": workinlieuenterprise.FoundByPHONE, "电话摸排": workinlieuenterprise.FoundByPHONE,
}

// errRefused rolls an import back after its report recorded why.
var errRefused = errors.New("workinlieu: import refused")

// Import reads a county's ledger from a sheet (parsed before its
// transaction opens) and writes it all-or-nothing: every row is checked,
// and a row refused while writing (an enterprise on another county's
// ledger) refuses the file.
func (s *Service) Import(ctx context.Context, countyCode string, file io.Reader) (*sheet.Report, error) {
	if v := viewer.FromContext(ctx); v == nil || (!v.Admin() && v.Role != viewer.RegionOfficial) {
		return nil, fault.New(fault.Forbidden, "only region officials keep the 以工代训 ledgers")
	}
	reg, err := county(ctx, s.db(ctx), countyCode)
	if err != nil {
		return nil, err
	}
	report := sheet.NewReport()
	table, err := sheet.Read(file, ledgerColumns, report, "contactName", "contactPhone", "joinedOn")
	if err != nil || table == nil {
		return report, err
	}
	type row struct {
		n int
		e Enterprise
	}
	var rows []row
	seen := map[string]int{}
	err = table.Each(func(n int, cell func(string) string) error {
		fail := func(field, format string, args ...any) { report.Fail(n, field, format, args...) }
		e := Enterprise{Name: cell("name"), CreditCode: cell("creditCode"), ContactName: cell("contactName"), ContactPhone: cell("contactPhone")}
		sec := strings.TrimSpace(cell("sector"))
		if e.Sector = sectors[sec]; e.Sector == "" {
			e.Sector = organization.Sector(strings.ToUpper(sec))
			if organization.SectorValidator(e.Sector) != nil {
				fail("sector", "unknown sector %q", sec)
			}
		}
		if n, err := strconv.Atoi(strings.ReplaceAll(cell("employeeCount"), ",", "")); err == nil {
			e.EmployeeCount = n
		} else {
			e.EmployeeCount = -1
		}
		how := strings.TrimSpace(cell("foundBy"))
		if e.FoundBy = foundBy[how]; e.FoundBy == "" {
			e.FoundBy = workinlieuenterprise.FoundBy(strings.ToUpper(how))
			if workinlieuenterprise.FoundByValidator(e.FoundBy) != nil {
				fail("foundBy", "unknown way of finding an enterprise %q (走访, 部门推送 or 电话)", how)
			}
		}
		if d := strings.TrimSpace(cell("joinedOn")); d != "" {
			on, err := workday.ParseCellDate(d)
			if err != nil {
				fail("joinedOn", "a date is a string YYYY-MM-DD, such as 2020-09-30")
			} else {
				e.JoinedOn = &on
			}
		}
		s.check(&e, fail)
		if first, dup := seen[e.CreditCode]; dup && e.CreditCode != "" {
			fail("creditCode", "the same credit code as row %d", first)
		}
		seen[e.CreditCode] = n
		rows = append(rows, row{n, e})
		return nil
	})
	if err != nil || report.Failed() {
		return report, err
	}
	err = entctx.InTx(ctx, s.Client, func(ctx context.Context, c *ent.Client) error {
		for _, r := range rows {
			if _, err := s.put(ctx, c, reg, r.e); err != nil {
				if f, ok := fault.As(err); ok {
					report.Fail(r.n, "creditCode", "%s", f.Text(ctx))
					return errRefused
				}
				return err
			}
		}
		return nil
	})
	switch {
	case errors.Is(err, errRefused):
		return report, nil
	case err != nil:
		return nil, err
	}
	report.Ok, report.Imported = true, len(rows)
	return report, nil
}

// Status is where a county's ledger stands in a campaign (the latest when
// campaignID is nil).
type Status struct {
	Region                             *ent.Region
	Campaign                           *ent.Campaign
	Enterprises, Priority, InWorkGroup int
	Ledger                             *ent.CountyLedger // nil while not complete
	Today                              workday.Date
}

// OnTime is true when the ledger was complete by the deadline, false when it
// was completed late or is still not complete after it, nil otherwise.
func (st *Status) OnTime() *bool {
	if st.Campaign.LedgerDueOn == nil {
		return nil
	}
	due := workday.DateOf(*st.Campaign.LedgerDueOn, nil)
	var on bool
	switch {
	case st.Ledger != nil:
		on = !workday.DateOf(st.Ledger.CompletedAt, nil).After(due) && !workday.DateOf(st.Ledger.WorkGroupCreatedOn, nil).After(due)
	case st.Today.After(due):
		on = false
	default:
		return nil
	}
	return &on
}

// Status reads a county's ledger status; the viewer must be an official of
// the county or of a region above it (or the admin).
func (s *Service) Status(ctx context.Context, countyCode string, campaignID *int) (*Status, error) {
	c := s.db(ctx)
	v := viewer.FromContext(ctx)
	reg, err := county(ctx, c, countyCode)
	if err != nil {
		return nil, err
	}
	if !v.Oversees(reg.Path) {
		return nil, fault.New(fault.Forbidden, "a county's ledger is shown to its own officials and those above them")
	}
	var camp *ent.Campaign
	if campaignID != nil {
		camp, err = c.Campaign.Get(ctx, *campaignID)
	} else {
		camp, err = c.Campaign.Query().Order(ent.Desc(campaign.FieldStartsOn)).First(ctx)
	}
	if err != nil {
		return nil, err
	}
	st := &Status{Region: reg, Campaign: camp, Today: s.today()}
	on := c.WorkInLieuEnterprise.Query().Where(workinlieuenterprise.RegionID(reg.ID))
	if st.Enterprises, err = on.Clone().Count(ctx); err != nil {
		return nil, err
	}
	if st.Priority, err = on.Clone().Where(workinlieuenterprise.HasOrganizationWith(organization.PrioritySector(true))).Count(ctx); err != nil {
		return nil, err
	}
	if st.InWorkGroup, err = on.Clone().Where(workinlieuenterprise.JoinedWorkGroupAtNotNil()).Count(ctx); err != nil {
		return nil, err
	}
	st.Ledger, err = c.CountyLedger.Query().Where(countyledger.CampaignID(camp.ID), countyledger.RegionID(reg.ID)).Only(ctx)
	if ent.IsNotFound(err) {
		err = nil
	}
	return st, err
}

// Complete declares a county's ledger complete now, its work group set up
// on the day given.
func (s *Service) Complete(ctx context.Context, countyCode string, workGroupOn workday.Date, campaignID *int) (*Status, error) {
	st, err := s.Status(ctx, countyCode, campaignID)
	if err != nil {
		return nil, err
	}
	switch {
	case st.Ledger != nil:
		return nil, fault.New(fault.Conflict, "the ledger of %s was declared complete on %s", st.Region.Name, workday.DateOf(st.Ledger.CompletedAt, nil))
	case st.Enterprises == 0:
		return nil, fault.Input("regionCode", "the ledger of %s lists no enterprise yet", st.Region.Name)
	case workGroupOn.After(st.Today):
		return nil, fault.Input("workGroupCreatedOn", "the day %s is in the future", workGroupOn)
	}
	st.Ledger, err = s.db(ctx).CountyLedger.Create().SetCampaignID(st.Campaign.ID).SetRegionID(st.Region.ID).
		SetCompletedAt(s.Clock.Now()).SetWorkGroupCreatedOn(workGroupOn.Time(nil)).Save(ctx)
	return st, err
}
