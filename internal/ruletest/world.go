package ruletest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/viewer"
)

// Who names a viewer of the fixture world.
type Who string

// The viewers of the fixture world: ZZ is Zhengzhou (410100), LY Luoyang (410300).
const (
	Anonymous   Who = "anonymous"
	Admin       Who = "admin"
	OfficialZZ  Who = "official-zz"
	FinanceZZ   Who = "finance-zz"
	InspectorZZ Who = "inspector-zz"
	StaffZZ     Who = "staff-zz"
	TraineeZZ   Who = "trainee-zz"
	OfficialLY  Who = "official-ly"
	StaffLY     Who = "staff-ly"
)

// Everyone lists the viewers of the fixture world, anonymous last.
var Everyone = []Who{Admin, OfficialZZ, FinanceZZ, InspectorZZ, StaffZZ, TraineeZZ, OfficialLY, StaffLY, Anonymous}

// World is a small province, built as the system: the province, Zhengzhou
// with its district Zhongyuan, Luoyang, one training organisation and one
// person in each city, and a user of each role (see Who).
type World struct {
	// Client is the ent client of the world's database.
	Client *ent.Client
	// Regions: 410000, 410100, 410102 (below Zhengzhou) and 410300.
	Province, Zhengzhou, Zhongyuan, Luoyang *ent.Region
	// OrgZZ and OrgLY are the training organisations of the two cities.
	OrgZZ, OrgLY *ent.Organization
	// PersonZZ is the trainee's person; PersonLY is registered in Luoyang.
	PersonZZ, PersonLY *ent.Person
	// Users are the users behind the viewers (all but Anonymous).
	Users map[Who]*ent.User

	paths  map[int]string // region id -> materialised path
	cipher *pii.Cipher
	seq    atomic.Int64
}

// NewWorld opens a database (see Open) and builds the fixture world in it.
func NewWorld(t testing.TB, opts ...ent.Option) *World {
	t.Helper()
	cipher, err := pii.New([]byte("ruletest-data-key-0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	w := &World{Client: Open(t, opts...), Users: map[Who]*ent.User{}, paths: map[int]string{}, cipher: cipher}
	ctx := System()
	newRegion := func(code, name string, level region.Level, parent *ent.Region) *ent.Region {
		b := w.Client.Region.Create().SetCode(code).SetName(name).SetLevel(level)
		if parent != nil {
			b.SetParentID(parent.ID)
		}
		r := Save(t, ctx, b)
		w.paths[r.ID] = r.Path
		return r
	}
	w.Province = newRegion("410000", "河南省", region.LevelPROVINCE, nil)
	w.Zhengzhou = newRegion("410100", "郑州市", region.LevelCITY, w.Province)
	w.Zhongyuan = newRegion("410102", "中原区", region.LevelCOUNTY, w.Zhengzhou)
	w.Luoyang = newRegion("410300", "洛阳市", region.LevelCITY, w.Province)

	w.OrgZZ = Save(t, ctx, w.NewOrganization("郑州职业培训学校", w.Zhengzhou))
	w.OrgLY = Save(t, ctx, w.NewOrganization("洛阳职业培训学校", w.Luoyang))
	w.PersonZZ = Save(t, ctx, w.NewPerson("张三").SetRegionID(w.Zhengzhou.ID).SetOrganizationID(w.OrgZZ.ID))
	w.PersonLY = Save(t, ctx, w.NewPerson("李四").SetRegionID(w.Luoyang.ID).SetOrganizationID(w.OrgLY.ID))

	users := []struct {
		who    Who
		role   user.Role
		region *ent.Region
		org    *ent.Organization
		person *ent.Person
	}{
		{Admin, user.RolePROVINCE_ADMIN, w.Province, nil, nil},
		{OfficialZZ, user.RoleREGION_OFFICIAL, w.Zhengzhou, nil, nil},
		{FinanceZZ, user.RoleFINANCE_OFFICER, w.Zhengzhou, nil, nil},
		{InspectorZZ, user.RoleINSPECTOR, w.Zhengzhou, nil, nil},
		{StaffZZ, user.RoleINSTITUTION_STAFF, w.Zhengzhou, w.OrgZZ, nil},
		{TraineeZZ, user.RoleTRAINEE, w.Zhengzhou, nil, w.PersonZZ},
		{OfficialLY, user.RoleREGION_OFFICIAL, w.Luoyang, nil, nil},
		{StaffLY, user.RoleINSTITUTION_STAFF, w.Luoyang, w.OrgLY, nil},
	}
	for _, u := range users {
		b := w.NewUser(string(u.who), u.role, u.region)
		if u.org != nil {
			b.SetOrganizationID(u.org.ID)
		}
		if u.person != nil {
			b.SetPersonID(u.person.ID)
		}
		w.Users[u.who] = Save(t, ctx, b)
	}
	return w
}

// Ctx returns a context carrying the viewer, or no viewer for Anonymous.
func (w *World) Ctx(who Who) context.Context {
	return w.CtxOf(w.Users[who])
}

// CtxOf returns a context carrying the given user (of one of the world's
// regions) as the viewer, as the auth middleware would; nil means anonymous.
func (w *World) CtxOf(u *ent.User) context.Context {
	ctx := context.Background()
	if u == nil {
		return ctx
	}
	return viewer.NewContext(ctx, &viewer.Viewer{
		UserID: u.ID, Username: u.Username, Role: viewer.Role(u.Role),
		RegionID: u.RegionID, RegionPath: w.paths[u.RegionID],
		OrgID: u.OrganizationID, PersonID: u.PersonID,
	})
}

// Seq returns a number not returned before in this world, for unique values.
func (w *World) Seq() int { return int(w.seq.Add(1)) }

// Save saves a builder and fails the test on error.
func Save[T any](t testing.TB, ctx context.Context, b interface {
	Save(context.Context) (T, error)
}) T {
	t.Helper()
	v, err := b.Save(ctx)
	if err != nil {
		t.Fatalf("saving %T: %v", b, err)
	}
	return v
}

// Get reads a row by id as the system (e.g. with client.Region.Get) and
// fails the test on error.
func Get[T any](t testing.TB, get func(context.Context, int) (T, error), id int) T {
	t.Helper()
	v, err := get(System(), id)
	if err != nil {
		t.Fatalf("reading row %d: %v", id, err)
	}
	return v
}

// NewOrganization returns an unsaved training institution in a region, with
// a valid credit code of its own.
func (w *World) NewOrganization(name string, r *ent.Region) *ent.OrganizationCreate {
	return w.Client.Organization.Create().SetName(name).SetKind("TRAINING_INSTITUTION").
		SetCreditCode(CreditCode(r.Code, w.Seq())).SetRegionID(r.ID)
}

// NewPerson returns an unsaved person with a resident ID number of its own,
// sealed as the product stores it; set the region and organisation on it.
func (w *World) NewPerson(name string) *ent.PersonCreate {
	sealed, err := w.cipher.Seal(ResidentID("410102", w.Seq()))
	if err != nil {
		panic(err) // ResidentID makes valid numbers
	}
	return w.Client.Person.Create().SetName(name).
		SetIDHash(sealed.Hash).SetIDEncrypted(sealed.Encrypted).SetIDMasked(sealed.Masked)
}

// NewUser returns an unsaved active user of a role in a region.
func (w *World) NewUser(username string, role user.Role, r *ent.Region) *ent.UserCreate {
	return w.Client.User.Create().SetUsername(username).SetDisplayName(username).
		SetPasswordHash("not-a-password-hash").SetRole(role).SetRegionID(r.ID)
}

// CreditCode makes a valid unified social credit code (GB 32100) of an
// enterprise registered in a division, distinct for each seq below 10^7.
func CreditCode(division string, seq int) string {
	org := fmt.Sprintf("%08d", 10000000+seq)
	c, err := idcheck.OrganizationCodeCheckChar(org)
	if err != nil {
		panic(err)
	}
	first17 := "91" + division + org + string(c)
	cc, err := idcheck.CreditCodeCheckChar(first17)
	if err != nil {
		panic(err)
	}
	return first17 + string(cc)
}

// ResidentID makes a valid resident ID number (GB 11643) of a person born in
// a division on 1990-01-01, distinct for each seq below 1000.
func ResidentID(division string, seq int) string {
	first17 := fmt.Sprintf("%s19900101%03d", division, seq%1000)
	c, err := idcheck.ResidentIDCheckChar(first17)
	if err != nil {
		panic(err)
	}
	return first17 + string(c)
}
