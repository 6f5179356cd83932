package workday

import "sync"

// The built-in years transcribe the notices of the General Office of the
// State Council on the holiday arrangement of each year (国务院办公厅关于
// XXXX年部分节假日安排的通知), as published by Xinhua and gov.cn and
// reprinted by many outlets. Each holiday period is listed whole, weekend
// days included, as the notice states it ("X月X日至X日放假调休，共N天");
// the working weekend days are the days the notice lists as "上班".
// Provincial or local changes (for instance the later return to work some
// provinces ordered in February 2020) are not State Council arrangements and
// are not included. Years not listed here are unknown (Monday to Friday):
// add them as a YearRule when the notice is published.
//
// Each rule passes YearRule.Validate (checked by the tests).
var builtin = map[int]YearRule{
	// 2020: 国办发明电〔2019〕16号 of 2019-11-21, and 国办发明电〔2020〕1号 of
	// 2020-01-26, which extended the Spring Festival holiday to 2020-02-02
	// (Sunday) because of the epidemic, with normal work from Monday
	// 2020-02-03. The first notice had 01-24..01-30 off with Sunday 01-19 and
	// Saturday 02-01 as working days; after the extension 01-31 (Friday) and
	// 02-01 (Saturday) are days off, so 02-01 is no longer a working weekend
	// day, while 01-19, which had already been worked, stays one.
	2020: {
		Holidays: join(
			days("2020-01-01", "2020-01-01"), // New Year, 1 day
			days("2020-01-24", "2020-02-02"), // Spring Festival, extended
			days("2020-04-04", "2020-04-06"), // Qingming
			days("2020-05-01", "2020-05-05"), // Labour Day
			days("2020-06-25", "2020-06-27"), // Dragon Boat
			days("2020-10-01", "2020-10-08"), // National Day and Mid-Autumn
		),
		WorkingWeekends: dates("2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"),
	},
	// 2021: 国办发明电〔2020〕27号 of 2020-11-25.
	2021: {
		Holidays: join(
			days("2021-01-01", "2021-01-03"), // New Year
			days("2021-02-11", "2021-02-17"), // Spring Festival
			days("2021-04-03", "2021-04-05"), // Qingming
			days("2021-05-01", "2021-05-05"), // Labour Day
			days("2021-06-12", "2021-06-14"), // Dragon Boat
			days("2021-09-19", "2021-09-21"), // Mid-Autumn
			days("2021-10-01", "2021-10-07"), // National Day
		),
		WorkingWeekends: dates("2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09"),
	},
	// 2022: notice of 2021-10-25. (The New Year holiday 2022-12-31..2023-01-02
	// of the 2023 notice starts on a Saturday, which is a day off anyway.)
	2022: {
		Holidays: join(
			days("2022-01-01", "2022-01-03"), // New Year
			days("2022-01-31", "2022-02-06"), // Spring Festival
			days("2022-04-03", "2022-04-05"), // Qingming
			days("2022-04-30", "2022-05-04"), // Labour Day
			days("2022-06-03", "2022-06-05"), // Dragon Boat
			days("2022-09-10", "2022-09-12"), // Mid-Autumn
			days("2022-10-01", "2022-10-07"), // National Day
		),
		WorkingWeekends: dates("2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09"),
	},
	// 2023: notice of 2022-12-08.
	2023: {
		Holidays: join(
			days("2023-01-01", "2023-01-02"), // New Year (from 2022-12-31)
			days("2023-01-21", "2023-01-27"), // Spring Festival
			days("2023-04-05", "2023-04-05"), // Qingming, 1 day
			days("2023-04-29", "2023-05-03"), // Labour Day
			days("2023-06-22", "2023-06-24"), // Dragon Boat
			days("2023-09-29", "2023-10-06"), // Mid-Autumn and National Day
		),
		WorkingWeekends: dates("2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"),
	},
	// 2024: notice of 2023-10-25. New Year (01-01) and Dragon Boat (06-10)
	// are single days joined to a weekend. The notice only encourages
	// employers to give the Spring Festival eve (02-09) off: it is a working day.
	2024: {
		Holidays: join(
			days("2024-01-01", "2024-01-01"), // New Year
			days("2024-02-10", "2024-02-17"), // Spring Festival
			days("2024-04-04", "2024-04-06"), // Qingming
			days("2024-05-01", "2024-05-05"), // Labour Day
			days("2024-06-10", "2024-06-10"), // Dragon Boat
			days("2024-09-15", "2024-09-17"), // Mid-Autumn
			days("2024-10-01", "2024-10-07"), // National Day
		),
		WorkingWeekends: dates("2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"),
	},
	// 2025: 国办发明电〔2024〕12号 of 2024-11-12, the first year under the
	// holiday rules revised in November 2024 (Spring Festival eve and May 2
	// added).
	2025: {
		Holidays: join(
			days("2025-01-01", "2025-01-01"), // New Year, no swap
			days("2025-01-28", "2025-02-04"), // Spring Festival
			days("2025-04-04", "2025-04-06"), // Qingming
			days("2025-05-01", "2025-05-05"), // Labour Day
			days("2025-05-31", "2025-06-02"), // Dragon Boat
			days("2025-10-01", "2025-10-08"), // National Day and Mid-Autumn
		),
		WorkingWeekends: dates("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"),
	},
	// 2026: notice of 2025-11-04.
	2026: {
		Holidays: join(
			days("2026-01-01", "2026-01-03"), // New Year
			days("2026-02-15", "2026-02-23"), // Spring Festival, 9 days
			days("2026-04-04", "2026-04-06"), // Qingming
			days("2026-05-01", "2026-05-05"), // Labour Day
			days("2026-06-19", "2026-06-21"), // Dragon Boat
			days("2026-09-25", "2026-09-27"), // Mid-Autumn
			days("2026-10-01", "2026-10-07"), // National Day
		),
		WorkingWeekends: dates("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"),
	},
}

var defaultCalendar = sync.OnceValue(func() *Calendar { return New(builtin) })

// Default returns the calendar with the built-in years (2020 to 2026). It is
// shared: Calendar values are immutable.
func Default() *Calendar { return defaultCalendar() }

// mustDate parses a date of the built-in data.
func mustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// dates parses a list of dates.
func dates(ss ...string) []Date {
	out := make([]Date, len(ss))
	for i, s := range ss {
		out[i] = mustDate(s)
	}
	return out
}

// days returns every date from first to last inclusive.
func days(first, last string) []Date {
	a, b := mustDate(first), mustDate(last)
	var out []Date
	for d := a; !d.After(b); d = d.AddDays(1) {
		out = append(out, d)
	}
	return out
}

func join(lists ...[]Date) []Date {
	var out []Date
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
