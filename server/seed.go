package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/auth"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

type seedRegion struct {
	code, name string
	level      region.Level
	direct     bool
}

// provinceCode is Henan's GB/T 2260 code.
const provinceCode = "410000"

// seedRegions are the 28 units targets are broken down to: the 17
// prefecture cities, Jiyuan and the 10 counties administered by the province.
var seedRegions = []seedRegion{
	{"410100", "郑州市", region.LevelCITY, false},
	{"410200", "开封市", region.LevelCITY, false},
	{"410300", "洛阳市", region.LevelCITY, false},
	{"410400", "平顶山市", region.LevelCITY, false},
	{"410500", "安阳市", region.LevelCITY, false},
	{"410600", "鹤壁市", region.LevelCITY, false},
	{"410700", "新乡市", region.LevelCITY, false},
	{"410800", "焦作市", region.LevelCITY, false},
	{"410900", "濮阳市", region.LevelCITY, false},
	{"411000", "许昌市", region.LevelCITY, false},
	{"411100", "漯河市", region.LevelCITY, false},
	{"411200", "三门峡市", region.LevelCITY, false},
	{"411300", "南阳市", region.LevelCITY, false},
	{"411400", "商丘市", region.LevelCITY, false},
	{"411500", "信阳市", region.LevelCITY, false},
	{"411600", "周口市", region.LevelCITY, false},
	{"411700", "驻马店市", region.LevelCITY, false},
	{"419001", "济源示范区", region.LevelCITY, true},
	{"410181", "巩义市", region.LevelCOUNTY, true},
	{"410225", "兰考县", region.LevelCOUNTY, true},
	{"410482", "汝州市", region.LevelCOUNTY, true},
	{"410526", "滑县", region.LevelCOUNTY, true},
	{"410783", "长垣市", region.LevelCOUNTY, true},
	{"411381", "邓州市", region.LevelCOUNTY, true},
	{"411481", "永城市", region.LevelCOUNTY, true},
	{"411525", "固始县", region.LevelCOUNTY, true},
	{"411628", "鹿邑县", region.LevelCOUNTY, true},
	{"411729", "新蔡县", region.LevelCOUNTY, true},
}

// campaign2020Targets are the province-level targets of the 2020 campaign (§一).
var campaign2020Targets = []struct {
	category target.Category
	quantity int64
	unit     target.Unit
}{
	{target.CategoryWORK_IN_LIEU, 950_000, target.UnitPEOPLE},
	{target.CategoryENTERPRISE_EMPLOYEE, 400_000, target.UnitPERSON_TIMES},
	{target.CategoryKEY_GROUP, 400_000, target.UnitPERSON_TIMES},
	{target.CategoryENTREPRENEURSHIP, 200_000, target.UnitPEOPLE},
	{target.CategoryAPPRENTICESHIP, 30_000, target.UnitPEOPLE},
	{target.CategoryCERTIFICATION_UNIT, 200, target.UnitUNITS},
	{target.CategoryFUND_SPENDING, 2_000_000_000, target.UnitYUAN},
}

// seed fills an empty database: regions, the 2020 campaign and the admin.
// It prints a generated admin password once when none is configured.
func seed(ctx context.Context, client *ent.Client, adminPassword string, out io.Writer) error {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	n, err := client.User.Query().Where(user.Username("admin")).Count(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	generated := adminPassword == ""
	if generated {
		raw := make([]byte, 15)
		if _, err := rand.Read(raw); err != nil {
			return err
		}
		adminPassword = base64.RawURLEncoding.EncodeToString(raw)
	} else if err := auth.CheckPasswordStrength(adminPassword); err != nil {
		return fmt.Errorf("BOOTSTRAP_ADMIN_PASSWORD: %w", err)
	}
	hash, err := auth.HashPassword(adminPassword)
	if err != nil {
		return err
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	err = func() error {
		prov, err := tx.Region.Query().Where(region.Code(provinceCode)).Only(ctx)
		if ent.IsNotFound(err) {
			prov, err = tx.Region.Create().SetCode(provinceCode).SetName("河南省").SetLevel(region.LevelPROVINCE).Save(ctx)
		}
		if err != nil {
			return err
		}
		for _, r := range seedRegions {
			exists, err := tx.Region.Query().Where(region.Code(r.code)).Exist(ctx)
			if err != nil {
				return err
			}
			if exists {
				continue
			}
			if err := tx.Region.Create().SetCode(r.code).SetName(r.name).SetLevel(r.level).
				SetDirectlyAdministered(r.direct).SetParentID(prov.ID).Exec(ctx); err != nil {
				return fmt.Errorf("region %s: %w", r.code, err)
			}
		}
		camp, err := tx.Campaign.Create().SetName("2020年职业技能提升百日攻坚行动").
			SetStartsOn(time.Date(2020, 8, 15, 0, 0, 0, 0, workday.China)).
			SetEndsOn(time.Date(2020, 11, 22, 23, 59, 59, 0, workday.China)).
			SetLedgerDueOn(time.Date(2020, 8, 25, 0, 0, 0, 0, workday.China)).Save(ctx)
		if err != nil {
			return err
		}
		for _, t := range campaign2020Targets {
			if err := tx.Target.Create().SetCampaignID(camp.ID).SetRegionID(prov.ID).
				SetCategory(t.category).SetQuantity(t.quantity).SetUnit(t.unit).Exec(ctx); err != nil {
				return err
			}
		}
		return tx.User.Create().SetUsername("admin").SetDisplayName("省人社厅管理员").
			SetPasswordHash(hash).SetRole(user.RolePROVINCE_ADMIN).SetRegionID(prov.ID).Exec(ctx)
	}()
	if err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("seeding: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if generated {
		fmt.Fprintf(out, "created the province admin: username admin, password %s (shown once; set BOOTSTRAP_ADMIN_PASSWORD to choose it)\n", adminPassword)
	}
	return nil
}

// backfillProgress counts the campaign's progress from the records once, in
// a database that holds records from before the counters were kept (no
// counter, but a completed class or a ledger line).
func backfillProgress(ctx context.Context, client *ent.Client) error {
	ctx = viewer.WithPurpose(privacy.DecisionContext(ctx, privacy.Allow), viewer.PurposeProgress)
	if n, err := client.ProgressCounter.Query().Count(ctx); err != nil || n > 0 {
		return err
	}
	classes, err := client.TrainingClass.Query().Where(trainingclass.StatusEQ(trainingclass.StatusCOMPLETED)).Exist(ctx)
	if err != nil {
		return err
	}
	entries, err := client.FundEntry.Query().Exist(ctx)
	if err != nil || !classes && !entries {
		return err
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := progress.Recount(ctx, tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
