// Package targets holds the campaign's targets (§一, 附件1) as data rules:
// the unit each category is counted in, and the check that a region's
// target is shared out in full among the regions directly below it.
package targets

import (
	"math"
	"strconv"
	"strings"
)

// units is the unit of each category (DOMAIN.md's table): people (人),
// person-times (人次), units (家) and yuan (附件1 writes 亿元; stored in yuan).
var units = map[string]string{
	"WORK_IN_LIEU":        "PEOPLE",
	"ENTERPRISE_EMPLOYEE": "PERSON_TIMES",
	"KEY_GROUP":           "PERSON_TIMES",
	"ENTREPRENEURSHIP":    "PEOPLE",
	"APPRENTICESHIP":      "PEOPLE",
	"CERTIFICATION_UNIT":  "UNITS",
	"FUND_SPENDING":       "YUAN",
}

// Categories are the targets' categories, T1 to T7.
var Categories = []string{"WORK_IN_LIEU", "ENTERPRISE_EMPLOYEE", "KEY_GROUP", "ENTREPRENEURSHIP", "APPRENTICESHIP", "CERTIFICATION_UNIT", "FUND_SPENDING"}

// Unit returns the unit a category's target is counted in ("" for an
// unknown category).
func Unit(category string) string { return units[category] }

// YuanPerYi is one 亿元 in yuan, the unit 附件1 gives spending targets in.
const YuanPerYi = 100_000_000

// Share is one region's target of a category.
type Share struct {
	Region   int
	Parent   int // 0 for the top region
	Category string
	Quantity int64
}

// Difference is a region whose target the regions directly below it do not
// share out exactly: Shares is the sum of their targets.
type Difference struct {
	Region   int
	Category string
	Target   int64
	Shares   int64
}

// Breakdown compares, for each region in regions and each category it has a
// target of, its target with the sum of the targets of the regions directly
// below it, among all; a region none of whose children has a target of the
// category is not shared out yet and not reported. Differences come in the
// order of regions, then of categories (T1 to T7).
func Breakdown(all []Share, regions []int) []Difference {
	type key struct {
		region   int
		category string
	}
	own := map[key]int64{}
	sums := map[key]int64{}
	shared := map[key]bool{}
	for _, s := range all {
		own[key{s.Region, s.Category}] = s.Quantity
		if s.Parent != 0 {
			sums[key{s.Parent, s.Category}] += s.Quantity
			shared[key{s.Parent, s.Category}] = true
		}
	}
	var out []Difference
	done := map[int]bool{}
	for _, r := range regions {
		if done[r] {
			continue
		}
		done[r] = true
		for _, c := range Categories {
			k := key{r, c}
			target, has := own[k]
			if has && shared[k] && sums[k] != target {
				out = append(out, Difference{Region: r, Category: c, Target: target, Shares: sums[k]})
			}
		}
	}
	return out
}

// YiToYuan turns an amount in 亿元 written in decimal ("20", "1.25") into
// yuan exactly, without floating point.
func YiToYuan(s string) (int64, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 8 || whole == "" && frac == "" {
		return 0, strconv.ErrSyntax
	}
	frac += strings.Repeat("0", 8-len(frac))
	w, err := strconv.ParseInt("0"+whole, 10, 64)
	if err != nil || w > math.MaxInt64/YuanPerYi-1 {
		return 0, strconv.ErrRange
	}
	f, err := strconv.ParseUint(frac, 10, 64)
	if err != nil {
		return 0, err
	}
	return w*YuanPerYi + int64(f), nil
}
