// Package persons is the one home of a list of persons typed on a phone or
// read from a sheet (a class's roster, an enterprise's monthly claim): every
// name and resident ID number checked (GB 11643), each ID number once per
// list, matched to the persons already registered by the keyed hash of the
// number and their registered name, and those not yet registered registered
// when the list is written. A list is checked whole before anything is
// written; the caller adds its own rules row by row and refuses the list
// with the row report (fault.Rows).
package persons

import (
	"context"
	"fmt"
	"strings"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/enrollment"
	"github.com/hnvt/bairi/ent/person"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/pii"
	"github.com/hnvt/bairi/internal/sheet"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// Entry is one row of a list: a name and a resident ID number.
type Entry struct {
	Name, IDNumber string
}

// FailRow records what is wrong with a cell of a row of the report.
type FailRow func(row int, field, format string, args ...any)

// List is a list after Check.
type List struct {
	// Entries are the rows cleaned: the name trimmed, the ID number normalised.
	Entries []Entry
	// Hashes are the keyed hashes of the ID numbers, "" where a number is invalid.
	Hashes []string
	// Persons are the registered persons of the rows, by ID number and the
	// same name; nil where the row's person is new (or the row is invalid).
	Persons []*ent.Person
}

// Check checks a list before anything is written: a name of 1 to 64
// characters, a valid ID number once per list, and the registered name of an
// ID number already registered (idcheck.SameName: the number alone matches
// no one, and the row says nothing of whose number it is). rowOf numbers the
// rows of the report.
//
// A person registered elsewhere is one the viewer may not read: the lookup
// runs for viewer.PurposeEnroll, the match by number and name being the
// right to link them.
func Check(ctx context.Context, c *ent.Client, cipher *pii.Cipher, entries []Entry, rowOf func(i int) int, failRow FailRow) (*List, error) {
	l := &List{Entries: make([]Entry, len(entries)), Hashes: make([]string, len(entries)), Persons: make([]*ent.Person, len(entries))}
	seen := map[string]int{}
	named := make([]bool, len(entries))
	var valid []string
	for i, e := range entries {
		row := rowOf(i)
		name := strings.TrimSpace(e.Name)
		l.Entries[i] = Entry{Name: name, IDNumber: e.IDNumber}
		if named[i] = name != "" && len([]rune(name)) <= 64; !named[i] {
			failRow(row, "name", "a name of 1 to 64 characters is required")
		}
		id, err := idcheck.ResidentID(e.IDNumber)
		if err != nil {
			failRow(row, "idNumber", "%s %s", fault.IDField(err), fault.IDReason(err))
			continue
		}
		l.Entries[i].IDNumber = id
		if first, dup := seen[id]; dup {
			failRow(row, "idNumber", "the same ID number as row %d", first)
		}
		seen[id] = row
		l.Hashes[i] = cipher.Hash(id)
		valid = append(valid, l.Hashes[i])
	}
	found, err := c.Person.Query().Where(person.IDHashIn(valid...)).All(viewer.WithPurpose(ctx, viewer.PurposeEnroll))
	if err != nil {
		return nil, err
	}
	registered := make(map[string]*ent.Person, len(found))
	for _, p := range found {
		registered[p.IDHash] = p
	}
	for i, h := range l.Hashes {
		p, ok := registered[h]
		switch {
		case !ok || !named[i]:
		case !idcheck.SameName(p.Name, l.Entries[i].Name):
			failRow(rowOf(i), "name", "the name does not match the person registered with this ID number")
		default:
			l.Persons[i] = p
		}
	}
	return l, nil
}

// PersonIDs are the ids of the registered persons of the list.
func (l *List) PersonIDs() []int {
	ids := make([]int, 0, len(l.Persons))
	for _, p := range l.Persons {
		if p != nil {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// Person returns the person of row i (of a list that passed), registering
// them in the organisation and region when they are new: the ID number
// sealed, its keyed hash and its masked form kept. registered says whether
// they were registered before.
func (l *List) Person(ctx context.Context, c *ent.Client, cipher *pii.Cipher, i int, phone *string, orgID, regionID int) (p *ent.Person, registered bool, err error) {
	if p := l.Persons[i]; p != nil {
		return p, true, nil
	}
	sealed, err := cipher.Seal(l.Entries[i].IDNumber)
	if err != nil {
		return nil, false, err
	}
	p, err = c.Person.Create().SetName(l.Entries[i].Name).SetIDHash(sealed.Hash).SetIDEncrypted(sealed.Encrypted).
		SetIDMasked(sealed.Masked).SetNillablePhone(phone).SetOrganizationID(orgID).SetRegionID(regionID).Save(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("row %d: %w", i+1, err)
	}
	l.Persons[i] = p
	return p, false, nil
}

// RosterRow is one row of a list read from a sheet, cleaned, with what is
// wrong with it; the phone keeps the good rows and shows the bad ones.
type RosterRow struct {
	Row      int
	Name     string
	IDNumber string
	Phone    *string
	// EntrepreneurshipBasis is nil when the sheet gives none (R4, class rosters).
	EntrepreneurshipBasis *enrollment.EntrepreneurshipBasis
	BusinessOpenedOn      *workday.Date
	// HeldElsewhere: in a monthly claim, a worker another enterprise claimed
	// for the month (kept, held for review, not paid by this claim).
	HeldElsewhere bool
	Errors        []*sheet.RowError
}

// Roster is a list read from a sheet and checked; nothing is written.
type Roster struct {
	Rows []*RosterRow
	// Errors of the whole file (no data rows, a missing column).
	Errors []*sheet.RowError
}

// NameColumns are the headers the name and ID number columns of a sheet go by.
var NameColumns = map[string][]string{
	"name":     {"name", "姓名", "学员姓名", "职工姓名"},
	"idNumber": {"id_number", "idnumber", "身份证号", "身份证号码", "公民身份号码", "证件号码"},
}

// Attach files the errors of the report under their rows and gives every row
// an error list (empty when it is good).
func (r *Roster) Attach(rep *sheet.Report) {
	byRow := make(map[int]*RosterRow, len(r.Rows))
	for _, row := range r.Rows {
		byRow[row.Row] = row
		if row.Errors == nil {
			row.Errors = []*sheet.RowError{}
		}
	}
	for _, e := range rep.Errors {
		if row, ok := byRow[e.Row]; ok {
			row.Errors = append(row.Errors, e)
		}
	}
}
