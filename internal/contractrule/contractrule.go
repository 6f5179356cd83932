// Package contractrule holds the pure rules of R2's contracting (包干): which
// officials contract what, the employee thresholds (以上 includes the
// number), how many regions and enterprises a province-level official
// covers, how many field visits are due, and the five clears (五清).
package contractrule

// Tier is the level of the official's region that decides what they contract.
type Tier string

// Tiers.
const (
	// Province: a department-level official of the province HR department
	// (厅级干部) covers 3 cities or directly administered counties and serves 3
	// central or provincial state enterprises there one-to-one.
	Province Tier = "PROVINCE"
	// City: a prefecture city or Jiyuan serves its enterprises of 2,000
	// employees or more.
	City Tier = "CITY"
	// County: a directly administered county serves its enterprises of 500
	// employees or more.
	County Tier = "COUNTY"
)

// Limits of a province-level official's contracting, and the visits due.
const (
	// MaxRegions is how many cities or direct counties a province-level official covers.
	MaxRegions = 3
	// MaxEnterprises is how many central or provincial enterprises a province-level official serves.
	MaxEnterprises = 3
	// VisitsDue is the field visits due per province-level enterprise within the campaign (不少于2次).
	VisitsDue = 2
)

// Employee thresholds (用人规模在2000人以上 / 500人以上: the number included).
const (
	CityThreshold   = 2000
	CountyThreshold = 500
)

// TierOf is the tier of an official of a region of the given level
// ("PROVINCE", "CITY", "COUNTY") that the province may administer directly;
// ok is false for a region whose officials contract nothing themselves (a
// county or district under a city: its task force shares out the rest).
func TierOf(level string, direct bool) (t Tier, ok bool) {
	switch {
	case level == "PROVINCE":
		return Province, true
	case level == "CITY": // the prefecture cities and Jiyuan (a CITY administered directly)
		return City, true
	case level == "COUNTY" && direct:
		return County, true
	}
	return "", false
}

// Threshold is the least number of employees of an enterprise the tier
// contracts (0 for the province, whose enterprises are chosen by ownership).
func Threshold(t Tier) int {
	switch t {
	case City:
		return CityThreshold
	case County:
		return CountyThreshold
	}
	return 0
}

// Large reports whether an enterprise of that many employees is one the
// tier's ledger must contract: at or above the threshold.
func Large(t Tier, employees int) bool {
	return t != Province && employees >= Threshold(t)
}

// LedgerUnit reports whether a region keeps a contracting ledger (台账): a
// city, Jiyuan or a directly administered county.
func LedgerUnit(level string, direct bool) bool {
	t, ok := TierOf(level, direct)
	return ok && t != Province
}

// FiveClears are the five clears (五清) of an enterprise served, in the
// notice's order: eligible staff counted, class plans, trainee numbers,
// assessment and certification, subsidy money.
var FiveClears = []string{"ELIGIBLE_STAFF", "CLASS_PLAN", "TRAINEE_COUNT", "ASSESSMENT", "SUBSIDY"}

// VisitState says where the field visits of a contracted enterprise stand.
type VisitState string

// Visit states.
const (
	// VisitsNotRequired: no number of visits is set for this tier.
	VisitsNotRequired VisitState = "NOT_REQUIRED"
	// VisitsDueState: fewer than VisitsDue visits so far.
	VisitsDueState VisitState = "DUE"
	// VisitsDone: at least VisitsDue visits within the campaign.
	VisitsDone VisitState = "DONE"
)

// Visits is the state of a contracted enterprise with done visits in the
// campaign window, and how many are still due.
func Visits(t Tier, done int) (VisitState, int) {
	if t != Province {
		return VisitsNotRequired, 0
	}
	if done >= VisitsDue {
		return VisitsDone, 0
	}
	return VisitsDueState, VisitsDue - done
}
