// Package eligibility holds R4: who an entrepreneurship class (创业培训) is
// for. Each enrolment in one records its basis: a person who wants to start
// a business; the owner of a small or micro business opened within the last
// 5 years (the business licence's date is checked); or a student or graduate
// of a university or vocational school (entrepreneurship-awareness training).
// Other classes record no basis. The enrolment hook (ent/schema/
// enrollment_rules.go) enforces it; enrolment lists call it row by row for
// their report.
package eligibility

import (
	"strings"

	"github.com/hnvt/bairi/internal/workday"
)

// The bases of an entrepreneurship enrolment, as the API names them.
const (
	WantsToStart       = "WANTS_TO_START"
	SmallBusinessOwner = "SMALL_BUSINESS_OWNER"
	StudentOrGraduate  = "STUDENT_OR_GRADUATE"
)

// Bases lists the bases in the order the API shows them.
var Bases = []string{WantsToStart, SmallBusinessOwner, StudentOrGraduate}

// labels are the words a roster sheet may use for each basis.
var labels = map[string]string{
	WantsToStart: WantsToStart, "有创业意愿": WantsToStart, "创业意愿人员": WantsToStart,
	SmallBusinessOwner: SmallBusinessOwner, "小微企业主": SmallBusinessOwner,
	StudentOrGraduate: StudentOrGraduate, "在校学生或毕业生": StudentOrGraduate, "在校学生": StudentOrGraduate, "毕业生": StudentOrGraduate,
}

// ParseBasis reads a basis from its API name or a sheet's Chinese label;
// "" when it is neither.
func ParseBasis(s string) string { return labels[strings.ToUpper(strings.TrimSpace(s))] }

// OwnerYears is how recently an owner's business must have opened (R4: 5年内).
const OwnerYears = 5

// Entrepreneurship checks the basis of an enrolment in a class of category
// (the API's name) on date today: basis is "" when none was given, opened the
// date of an owner's business licence (nil when none). Each fault is handed to
// fail with the input field it concerns.
func Entrepreneurship(category, basis string, opened *workday.Date, today workday.Date, fail func(field, format string, args ...any)) {
	if category != "ENTREPRENEURSHIP" {
		if basis != "" || opened != nil {
			fail("entrepreneurshipBasis", "only entrepreneurship classes record an entrepreneurship basis")
		}
		return
	}
	switch basis {
	case WantsToStart, StudentOrGraduate:
		if opened != nil {
			fail("businessOpenedOn", "a business opening date is given only for a small or micro business owner")
		}
	case SmallBusinessOwner:
		earliest := workday.NewDate(today.Year-OwnerYears, today.Month, today.Day)
		switch {
		case opened == nil:
			fail("businessOpenedOn", "a business owner gives the date on the business licence (when the business opened)")
		case opened.After(today):
			fail("businessOpenedOn", "the business opening date %s is in the future", *opened)
		case opened.Before(earliest):
			fail("businessOpenedOn", "the business opened on %s, more than 5 years before %s: entrepreneurship training is for owners of businesses opened within the last 5 years", *opened, today)
		}
	case "":
		fail("entrepreneurshipBasis", "an entrepreneurship class records why each trainee takes it: wants to start a business, owner of a small or micro business, or student or graduate")
	default:
		fail("entrepreneurshipBasis", "unknown entrepreneurship basis %q", basis)
	}
}
