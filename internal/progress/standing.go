package progress

import (
	"time"

	"github.com/hnvt/bairi/internal/targets"
)

// This file is the one home of how a region stands against its targets:
// the share of the campaign elapsed, each category's completion, and
// whether it trails the time (campaignProgress, the backward schedule, the
// monthly bulletin and the summons list all read it).

// ElapsedShare is the share of a campaign's time elapsed at at, 0 to 1.
func ElapsedShare(startsOn, endsOn, at time.Time) float64 {
	total := endsOn.Sub(startsOn)
	if total <= 0 {
		return 0
	}
	return min(max(float64(at.Sub(startsOn))/float64(total), 0), 1)
}

// Achieved is a counter's value in its category's unit: FUND_SPENDING is
// counted in fen and its target is in yuan (rounded down).
func Achieved(category string, counted int64) int64 {
	if category == "FUND_SPENDING" {
		return counted / 100
	}
	return counted
}

// Completion is achieved over target (0 without a target).
func Completion(achieved, target int64) float64 {
	if target <= 0 {
		return 0
	}
	return float64(achieved) / float64(target)
}

// Trails reports whether a completion rate trails the share of time elapsed
// by more than margin (0: any shortfall).
func Trails(completion, elapsed, margin float64) bool {
	return completion < elapsed-margin
}

// Standing is a category's progress against a region's target.
type Standing struct {
	Category   string
	Target     int64 // in the category's unit
	Achieved   int64 // in the category's unit
	Completion float64
	// Trailing: the completion trails the time elapsed by more than the margin.
	Trailing bool
}

// Stand sets counter values (as Values reads them, or as a ten-day report
// froze them) against a region's targets (by category, in their units), in
// the order of T1..T7, for the categories with a target.
func Stand(values, targetSet map[string]int64, elapsed, margin float64) []Standing {
	var out []Standing
	for _, c := range targets.Categories {
		t := targetSet[c]
		if t <= 0 {
			continue
		}
		a := Achieved(c, values[c])
		comp := Completion(a, t)
		out = append(out, Standing{Category: c, Target: t, Achieved: a, Completion: comp, Trailing: Trails(comp, elapsed, margin)})
	}
	return out
}

// Overall is a region's completion: the mean of its categories' completion
// rates, each counted up to 100% (overshooting one target does not make up
// for another); ok is false when the region has no target.
func Overall(rows []Standing) (completion float64, ok bool) {
	if len(rows) == 0 {
		return 0, false
	}
	var sum float64
	for _, r := range rows {
		sum += min(r.Completion, 1)
	}
	return sum / float64(len(rows)), true
}
