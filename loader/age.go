package loader

import (
	"strconv"
	"strings"
	"time"

	"tidings/model"
)

// ageKind tells how an age line was written.
type ageKind int

const (
	ageNone     ageKind = iota
	ageRelative         // moment.js "time ago" style: "3 hours ago"
	ageDate             // an absolute day: "28-07-2025"
)

type parsedAge struct {
	kind   ageKind
	ago    time.Duration // for ageRelative, less the months below
	months int           // for ageRelative in months or years: calendar months
	date   time.Time     // for ageDate, midnight UTC
	// unit is how precise the age is: its unit ("6 days ago" says the
	// day, "3 hours ago" the hour); a date says the day.
	unit model.Precision
}

// before is the moment the age points at, counted back from t.
func (a parsedAge) before(t time.Time) time.Time {
	return t.AddDate(0, -a.months, 0).Add(-a.ago)
}

// parseAge reads the ages the aggregator prints, in moment.js's "time ago"
// vocabulary, or a DD-MM-YYYY date. Anything else is ageNone.
func parseAge(s string) parsedAge {
	s = strings.TrimSpace(s)
	if d, ok := parseDayMonthYear(s); ok {
		return parsedAge{kind: ageDate, date: d, unit: model.PrecisionDay}
	}
	rest, ok := strings.CutSuffix(s, " ago")
	if !ok {
		return parsedAge{}
	}
	count, unit, ok := strings.Cut(rest, " ")
	if !ok {
		return parsedAge{}
	}
	n := 0
	switch count {
	case "a", "an":
		n = 1
		if unit == "few seconds" {
			return parsedAge{kind: ageRelative, unit: model.PrecisionMinute}
		}
	default:
		v, err := strconv.Atoi(count)
		if err != nil || v < 0 || v > 10000 {
			return parsedAge{}
		}
		n = v
	}
	unit = strings.TrimSuffix(unit, "s")
	var step time.Duration
	prec := model.PrecisionMinute
	switch unit {
	case "second":
		step = time.Second
	case "minute":
		step = time.Minute
	case "hour":
		step, prec = time.Hour, model.PrecisionHour
	case "day":
		step, prec = 24*time.Hour, model.PrecisionDay
	case "week":
		step, prec = 7*24*time.Hour, model.PrecisionDay
	case "month":
		return parsedAge{kind: ageRelative, months: n, unit: model.PrecisionMonth}
	case "year":
		return parsedAge{kind: ageRelative, months: 12 * n, unit: model.PrecisionYear}
	default:
		return parsedAge{}
	}
	return parsedAge{kind: ageRelative, ago: time.Duration(n) * step, unit: prec}
}

// parseDayMonthYear reads exactly "DD-MM-YYYY".
func parseDayMonthYear(s string) (time.Time, bool) {
	if len(s) != 10 || s[2] != '-' || s[5] != '-' {
		return time.Time{}, false
	}
	day, err1 := strconv.Atoi(s[0:2])
	month, err2 := strconv.Atoi(s[3:5])
	year, err3 := strconv.Atoi(s[6:10])
	if err1 != nil || err2 != nil || err3 != nil || day < 1 || day > 31 || month < 1 || month > 12 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31-02-2025 and the like
	}
	return t, true
}

// splitGluedAge splits a line where a name and an age or date were glued
// together without a space, as the second layout prints them:
// "Coastline Wire3 hours ago" or "Wire2408-05-2025". The date is tried first
// because a source name may itself end in digits.
func splitGluedAge(s string) (name, age string, ok bool) {
	if len(s) > 10 {
		if _, isDate := parseDayMonthYear(s[len(s)-10:]); isDate {
			return strings.TrimSpace(s[:len(s)-10]), s[len(s)-10:], true
		}
	}
	if !strings.HasSuffix(s, " ago") {
		return "", "", false
	}
	for _, start := range gluedAgeStarts(s) {
		if age := s[start:]; momentAge(age) {
			return strings.TrimSpace(s[:start]), age, true
		}
	}
	return "", "", false
}

// momentAge reports whether an age is one moment.js would print: it says
// "22 hours ago" as "a day ago", so a count outside a unit's range means the
// digits before it belong to the name ("Wire243 hours ago" is Wire24, 3 hours).
func momentAge(age string) bool {
	count, unit, _ := strings.Cut(strings.TrimSuffix(age, " ago"), " ")
	n, err := strconv.Atoi(count)
	if err != nil {
		return parseAge(age).kind == ageRelative // "a", "an", "a few"
	}
	limits := map[string][2]int{"minutes": {2, 44}, "hours": {2, 21}, "days": {2, 25}, "months": {2, 10}, "years": {2, 1000}}
	lim, ok := limits[unit]
	return ok && n >= lim[0] && n <= lim[1]
}

// gluedAgeStarts lists the offsets where a glued age may begin: each digit
// of the run before the unit, or an "a", "an" or "a few" glued to the
// preceding name.
func gluedAgeStarts(s string) []int {
	var starts []int
	// The unit and "ago" take the last two words; the count ends before them.
	cut := strings.LastIndexByte(strings.TrimSuffix(s, " ago"), ' ')
	if cut <= 0 {
		return nil
	}
	countEnd := cut
	digitsStart := countEnd
	for digitsStart > 0 && isDigit(s[digitsStart-1]) {
		digitsStart--
	}
	// Longest count first: the leftmost digit that makes a valid age wins.
	for i := digitsStart; i < countEnd; i++ {
		starts = append(starts, i)
	}
	for _, article := range []string{"a few", "an", "a"} {
		if strings.HasSuffix(s[:countEnd], article) {
			starts = append(starts, countEnd-len(article))
		}
	}
	return starts
}
