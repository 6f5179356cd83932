package workday

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// YearRule is one year's holiday arrangement, as in that year's State Council
// notice: the dates that are days off for a public holiday (including the
// weekend days inside a holiday period, which may be listed or not), and the
// Saturdays and Sundays made working days (调休).
//
// In JSON: {"year":2020,"holidays":["2020-01-01",...],"workingWeekends":["2020-01-19",...]}.
type YearRule struct {
	Year            int
	Holidays        []Date
	WorkingWeekends []Date
}

type yearRuleJSON struct {
	Year            int      `json:"year"`
	Holidays        []string `json:"holidays"`
	WorkingWeekends []string `json:"workingWeekends"`
}

// MarshalJSON encodes the rule with dates as "YYYY-MM-DD" strings, each list
// sorted.
func (r YearRule) MarshalJSON() ([]byte, error) {
	enc := func(name string, ds []Date) ([]string, error) {
		ds = slices.Clone(ds)
		slices.SortFunc(ds, Date.Compare)
		out := make([]string, len(ds))
		for i, d := range ds {
			if !d.IsValid() {
				return nil, fmt.Errorf("workday: %s: invalid date %s", name, d)
			}
			out[i] = d.String()
		}
		return out, nil
	}
	h, err := enc("holidays", r.Holidays)
	if err != nil {
		return nil, err
	}
	w, err := enc("workingWeekends", r.WorkingWeekends)
	if err != nil {
		return nil, err
	}
	return json.Marshal(yearRuleJSON{Year: r.Year, Holidays: h, WorkingWeekends: w})
}

// UnmarshalJSON decodes a rule written as MarshalJSON writes it. Unknown
// fields and dates not written YYYY-MM-DD are errors; the rule is not
// validated (see ParseYearRule).
func (r *YearRule) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var v yearRuleJSON
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("workday: year rule: %w", err)
	}
	parse := func(name string, ss []string) ([]Date, error) {
		out := make([]Date, len(ss))
		for i, s := range ss {
			d, err := ParseDate(s)
			if err != nil {
				return nil, fmt.Errorf("workday: %s[%d]: %q is not a date written YYYY-MM-DD", name, i, s)
			}
			out[i] = d
		}
		return out, nil
	}
	h, err := parse("holidays", v.Holidays)
	if err != nil {
		return err
	}
	w, err := parse("workingWeekends", v.WorkingWeekends)
	if err != nil {
		return err
	}
	*r = YearRule{Year: v.Year, Holidays: h, WorkingWeekends: w}
	return nil
}

// ParseYearRule decodes a rule from JSON and validates it.
func ParseYearRule(data []byte) (YearRule, error) {
	var r YearRule
	if err := json.Unmarshal(data, &r); err != nil {
		return YearRule{}, err
	}
	if err := r.Validate(); err != nil {
		return YearRule{}, err
	}
	return r, nil
}

// Validate reports every problem of the rule (joined with errors.Join): a
// year outside 1900-9999, an invalid date, a date outside the rule's year, a
// working weekend day that is not a Saturday or Sunday, a date listed twice,
// or a date in both lists.
func (r YearRule) Validate() error {
	if r.Year < 1900 || r.Year > 9999 {
		return fmt.Errorf("workday: year %d is out of range 1900-9999", r.Year)
	}
	var errs []error
	check := func(name string, ds []Date, seen map[Date]string) {
		for _, d := range ds {
			switch {
			case !d.IsValid():
				errs = append(errs, fmt.Errorf("workday: %s: %s is not a real date", name, d))
				continue
			case d.Year != r.Year:
				errs = append(errs, fmt.Errorf("workday: %s: %s is not in %d", name, d, r.Year))
			}
			if prev, ok := seen[d]; ok {
				if prev == name {
					errs = append(errs, fmt.Errorf("workday: %s: %s is listed twice", name, d))
				} else {
					errs = append(errs, fmt.Errorf("workday: %s is both a holiday and a working weekend day", d))
				}
				continue
			}
			seen[d] = name
		}
	}
	seen := map[Date]string{}
	check("holidays", r.Holidays, seen)
	check("workingWeekends", r.WorkingWeekends, seen)
	for _, d := range r.WorkingWeekends {
		if d.IsValid() {
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				errs = append(errs, fmt.Errorf("workday: workingWeekends: %s is a %s, not a weekend day", d, wd))
			}
		}
	}
	return errors.Join(errs...)
}

func (r YearRule) clone() YearRule {
	return YearRule{Year: r.Year, Holidays: slices.Clone(r.Holidays), WorkingWeekends: slices.Clone(r.WorkingWeekends)}
}
