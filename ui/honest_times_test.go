package ui

import (
	"strings"
	"testing"
	"time"

	"tidings/export"
	"tidings/model"
)

// The list and the reading pane never invent a clock time (issue 10, D).

func timedArticle(day string, saved time.Time, estimate bool, published time.Time) *model.Article {
	a := &model.Article{SavedAt: model.MomentOf(saved), SavedAtEstimate: estimate}
	a.SetDay(day)
	a.PublishedAt = model.MomentOf(published)
	return a
}

func TestShortTimeShowsOnlyWhatThePageSays(t *testing.T) {
	saved := time.Date(2025, 3, 3, 15, 20, 0, 0, time.UTC)
	for _, c := range []struct {
		name      string
		published time.Time
		want      string
	}{
		// No age, no date, no dateline: not the save time.
		{"no date", time.Time{}, "  –"},
		// An age counted from a save known only to the day: the day.
		{"day only, save day", time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), "Mar 3"},
		{"day only, day before", time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC), "Mar 2"},
		// An age counted from an exact save: the clock time.
		{"clock", time.Date(2025, 3, 3, 15, 11, 0, 0, time.UTC), "15:11"},
		{"clock, day before", time.Date(2025, 3, 2, 21, 5, 0, 0, time.UTC), "Mar 2"},
		// A page dated after its save day: its own date.
		{"later than the save", time.Date(2025, 7, 28, 0, 0, 0, 0, time.UTC), "Jul 28"},
	} {
		if got := shortTime(timedArticle("2025-03-03", saved, false, c.published)); got != c.want {
			t.Errorf("%s: shortTime = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestAboutTime(t *testing.T) {
	saved := time.Date(2025, 3, 3, 15, 20, 0, 0, time.UTC)
	for _, c := range []struct {
		t    time.Time
		p    model.Precision
		want string
	}{
		{time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), model.PrecisionUnknown, "about 3 Mar 2025"},
		{time.Date(2025, 3, 3, 14, 5, 0, 0, time.UTC), model.PrecisionUnknown, "about 14:05"},
		{time.Date(2025, 3, 2, 22, 40, 0, 0, time.UTC), model.PrecisionUnknown, "about 2 Mar 2025 22:40"},
		{time.Date(2025, 3, 3, 14, 5, 0, 0, time.UTC), model.PrecisionMinute, "about 14:05"},
		{time.Date(2025, 3, 3, 14, 0, 0, 0, time.UTC), model.PrecisionHour, "about 2 pm"},
		{time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC), model.PrecisionHour, "about 9 am"},
		{time.Date(2025, 3, 2, 23, 0, 0, 0, time.UTC), model.PrecisionHour, "about 11 pm on 2 Mar 2025"},
		{time.Date(2025, 2, 25, 0, 0, 0, 0, time.UTC), model.PrecisionDay, "about 25 Feb 2025"},
		{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), model.PrecisionMonth, "about December 2024"},
		{time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), model.PrecisionYear, "about 2023"},
	} {
		if got := export.AboutTime(c.t, c.p, saved); got != c.want {
			t.Errorf("aboutTime(%v, %v) = %q, want %q", c.t, c.p, got, c.want)
		}
	}
}

// Rows show a clock only at minute precision: the day for an hour or a
// day, the month or the year for those.
func TestShortTimeFollowsPrecision(t *testing.T) {
	saved := time.Date(2025, 3, 3, 15, 20, 0, 0, time.UTC)
	for _, c := range []struct {
		published time.Time
		p         model.Precision
		want      string
	}{
		{time.Date(2025, 3, 3, 15, 11, 0, 0, time.UTC), model.PrecisionMinute, "15:11"},
		{time.Date(2025, 3, 3, 14, 0, 0, 0, time.UTC), model.PrecisionHour, "Mar 3"},
		{time.Date(2025, 2, 25, 0, 0, 0, 0, time.UTC), model.PrecisionDay, "Feb 25"},
		{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), model.PrecisionMonth, "Dec'24"},
		{time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), model.PrecisionMonth, "Feb'25"},
		{time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), model.PrecisionYear, "2023"},
		// A day of another year than the save's: its month and year.
		{time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), model.PrecisionDay, "Mar'26"},
		{time.Date(2024, 12, 31, 22, 0, 0, 0, time.UTC), model.PrecisionHour, "Dec'24"},
		{time.Date(2024, 12, 31, 23, 59, 0, 0, time.UTC), model.PrecisionMinute, "Dec'24"},
	} {
		a := timedArticle("2025-03-03", saved, false, c.published)
		a.PublishedPrecision = c.p
		if got := shortTime(a); got != c.want || len([]rune(got)) > 6 {
			t.Errorf("%v at %v: shortTime = %q, want %q in six columns", c.published, c.p, got, c.want)
		}
	}
}

func TestMetaLineSaysWhatIsEstimated(t *testing.T) {
	r := &readerPane{mk: &marks{}}
	noon := time.Date(2025, 6, 24, 12, 0, 0, 0, time.UTC)

	// Saved some time on the folder's day: the day, no clock; the
	// publication is "about".
	got := r.metaLine(timedArticle("2025-06-24", noon, true, time.Date(2025, 6, 24, 0, 0, 0, 0, time.UTC)))
	if want := "saved Tue 24 Jun 2025 · published about 24 Jun 2025"; got != want {
		t.Errorf("day-only save: %q, want %q", got, want)
	}
	if strings.Contains(got, "12:00") {
		t.Errorf("the noon standing for the day is shown as a time: %q", got)
	}

	// An exact save (a modification time on the folder's day).
	exact := time.Date(2025, 6, 24, 9, 41, 0, 0, time.UTC)
	got = r.metaLine(timedArticle("2025-06-24", exact, false, exact.Add(-9*time.Minute)))
	if want := "saved Tue 24 Jun 2025 09:41 · published about 09:32"; got != want {
		t.Errorf("exact save: %q, want %q", got, want)
	}

	// The page is dated 28 July, in a folder named 24 June: the page is
	// believed and the save day is said to be uncertain.
	got = r.metaLine(timedArticle("2025-06-24", noon, true, time.Date(2025, 7, 28, 0, 0, 0, 0, time.UTC)))
	if want := "saved Tue 24 Jun 2025 (uncertain: the page is dated later) · published about 28 Jul 2025"; got != want {
		t.Errorf("page dated after the save day: %q, want %q", got, want)
	}

	// No date at all: nothing is said about the publication.
	got = r.metaLine(timedArticle("2025-06-24", noon, true, time.Time{}))
	if strings.Contains(got, "published") {
		t.Errorf("no date on the page, yet %q", got)
	}
}
