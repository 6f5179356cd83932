package tenday

// Kinds of the measured facts that propose a region for summons (约谈, R9).
const (
	// FactTrailing: a target's completion trails the share of the campaign elapsed by more than the margin.
	FactTrailing = "TRAILING_TARGET"
	// FactOverdue: clocks of applications or adjustments (R6, R7) went overdue in the month.
	FactOverdue = "OVERDUE_CLOCKS"
	// FactUnsubmitted: ten-day reports due in the month were not submitted by their due time.
	FactUnsubmitted = "UNSUBMITTED_REPORTS"
)

// Fact is one measured fact that puts a region on the summons list, as it
// stood when measured (a confirmed summons keeps it unchanged).
type Fact struct {
	Kind string `json:"kind"`
	// Category (TRAILING_TARGET): the target category, T1..T7.
	Category string `json:"category,omitempty"`
	// Completion and Elapsed (TRAILING_TARGET): achieved over target, and the share of the campaign elapsed.
	Completion float64 `json:"completion,omitempty"`
	Elapsed    float64 `json:"elapsed,omitempty"`
	// Count (OVERDUE_CLOCKS, UNSUBMITTED_REPORTS): how many clocks or reports.
	Count int `json:"count,omitempty"`
	// Periods (UNSUBMITTED_REPORTS): the first days of the periods not reported in time (2020-09-21).
	Periods []string `json:"periods,omitempty"`
}
