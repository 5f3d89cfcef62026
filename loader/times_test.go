package loader

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tidings/model"
)

// Honest times (issue 10, D): no clock time is invented, live blogs are
// dated by their latest entry, and a page's own date is believed.

func parseHinted(t *testing.T, text string, hints SaveHints) *model.Dump {
	t.Helper()
	hints.Location = time.UTC
	d, err := Parse("test.txt", []byte(text), hints)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const agesPage = "Harbour pontoons reopen after storm checks\n" +
	"The pontoons reopened on Monday.\n" +
	"Related Articles\n\n" +
	"Harbour FM News\n9 minutes ago\n- Harbour FM News\nSeal pup Biscuit gains two kilograms\nThe pup is eating well.\n\n" +
	"Tarrow Islander\na day ago\n- Tarrow Islander\nIsland bus to run on Sundays from May\nThe bus will run on Sundays.\n"

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestAgeFromADayOnlySaveGivesADay(t *testing.T) {
	// A folder's date, and a modification time on another day (the file
	// was copied later): the save is known to the day only.
	d := parseHinted(t, agesPage, SaveHints{FolderDate: day(2025, 3, 3), ModTime: time.Date(2025, 3, 9, 8, 0, 0, 0, time.UTC)})
	if !d.SavedAtEstimate {
		t.Fatal("the save time is not marked as an estimate")
	}
	if got := d.Related[0].PublishedAt; !got.Time().Equal(day(2025, 3, 3)) {
		t.Errorf("9 minutes ago from a save on 3 March: %v, want the day 3 March, no clock time", got)
	}
	if got := d.Related[1].PublishedAt; !got.Time().Equal(day(2025, 3, 2)) {
		t.Errorf("a day ago from a save on 3 March: %v, want the day 2 March", got)
	}
}

func TestAgeFromAnExactSaveGivesAClockTime(t *testing.T) {
	saved := time.Date(2025, 3, 3, 12, 0, 0, 0, time.UTC)
	d := parseHinted(t, agesPage, SaveHints{FolderDate: day(2025, 3, 3), ModTime: saved})
	if got, want := d.Related[0].PublishedAt, saved.Add(-9*time.Minute); !got.Time().Equal(want) {
		t.Errorf("9 minutes ago from a save at 12:00: %v, want %v", got, want)
	}
}

func TestNoAgeNoPublicationTime(t *testing.T) {
	d := parseHinted(t, agesPage, SaveHints{FolderDate: day(2025, 3, 3)})
	if !d.Main.PublishedAt.IsZero() {
		t.Errorf("a main story without age, date or dateline is dated %v", d.Main.PublishedAt)
	}
}

func TestLiveBlogDatedByItsLatestEntry(t *testing.T) {
	page := "Dunmarrow rowing club wins council grant\nThe grant pays for a new boat.\nRelated Articles\n\n" +
		"Harbour FM News\n3 hours ago\n- Harbour FM News\nStorm clean-up: live updates\n" +
		"The parade reopens tomorrow. Nadia Fenwick3 March 2025 14:05 Volunteers are on the parade. Jonas Abara3 March 2025 11:30\n"
	d := parseHinted(t, page, SaveHints{FolderDate: day(2025, 3, 3)})
	if got, want := d.Related[0].PublishedAt, time.Date(2025, 3, 3, 14, 5, 0, 0, time.UTC); !got.Time().Equal(want) {
		t.Errorf("live blog dated %v, want its latest entry %v", got, want)
	}
	// Its age still counts from its first entry: saved 11:30 + 3 hours.
	if want := time.Date(2025, 3, 3, 14, 30, 0, 0, time.UTC); !d.SavedAt.Equal(want) {
		t.Errorf("saved %v, want %v", d.SavedAt, want)
	}
}

func TestPageDatedAfterTheSaveDayIsBelieved(t *testing.T) {
	dateline := func(date string) string {
		return "Harbour wall to be raised\nPORTMERE, " + date + " (Esker Wire) - The wall will be raised by a metre.\n"
	}
	// A page dated 28 July in a folder named 24 June.
	d := parseHinted(t, dateline("July 28"), SaveHints{FolderDate: day(2025, 6, 24)})
	if got := d.Main.PublishedAt; !got.Time().Equal(day(2025, 7, 28)) {
		t.Errorf("dateline July 28, folder 24 June: %v, want 28 July 2025", got)
	}
	// Far ahead of the save, it is last year's: December 30 saved on 2 January.
	d = parseHinted(t, dateline("December 30"), SaveHints{FolderDate: day(2025, 1, 2)})
	if got := d.Main.PublishedAt; !got.Time().Equal(day(2024, 12, 30)) {
		t.Errorf("dateline December 30, folder 2 January: %v, want 30 December 2024", got)
	}
	// The second layout's own date, glued to the source.
	logo := strings.Join([]string{"logo", "Harbour wall to be raised", "", "Harbour wall to be raised", "",
		"Esker Wire28-07-2025", "The wall will be raised by a metre."}, "\n")
	d = parseHinted(t, logo, SaveHints{FolderDate: day(2025, 6, 24)})
	if got := d.Main.PublishedAt; !got.Time().Equal(day(2025, 7, 28)) {
		t.Errorf("logo page dated 28-07-2025 in a 24 June folder: %v", got)
	}
	if d.Day != "2025-06-24" {
		t.Errorf("listed under %s, want the folder's day", d.Day)
	}
}

// An age is as precise as its unit, however exactly the save is known; a
// date, a dateline and a live-blog entry are as precise as they are written.
func TestPublicationTimeIsAsPreciseAsThePage(t *testing.T) {
	saved := time.Date(2025, 3, 12, 14, 37, 22, 0, time.UTC)
	ages := []struct {
		age  string
		want time.Time
		prec model.Precision
	}{
		{"a few seconds ago", time.Date(2025, 3, 12, 14, 37, 0, 0, time.UTC), model.PrecisionMinute},
		{"a minute ago", time.Date(2025, 3, 12, 14, 36, 0, 0, time.UTC), model.PrecisionMinute},
		{"29 minutes ago", time.Date(2025, 3, 12, 14, 8, 0, 0, time.UTC), model.PrecisionMinute},
		{"an hour ago", time.Date(2025, 3, 12, 14, 0, 0, 0, time.UTC), model.PrecisionHour},
		{"3 hours ago", time.Date(2025, 3, 12, 12, 0, 0, 0, time.UTC), model.PrecisionHour},
		{"21 hours ago", time.Date(2025, 3, 11, 18, 0, 0, 0, time.UTC), model.PrecisionHour},
		{"a day ago", day(2025, 3, 11), model.PrecisionDay},
		{"6 days ago", day(2025, 3, 6), model.PrecisionDay},
		{"a month ago", day(2025, 2, 1), model.PrecisionMonth},
		{"3 months ago", day(2024, 12, 1), model.PrecisionMonth},
		{"a year ago", day(2024, 1, 1), model.PrecisionYear},
		{"2 years ago", day(2023, 1, 1), model.PrecisionYear},
		{"05-02-2025", day(2025, 2, 5), model.PrecisionDay},
	}
	var b strings.Builder
	b.WriteString("Harbour pontoons reopen\nPORTMERE, March 11 (Coastline Wire) - The pontoons reopened.\nThe council met.\nRelated Articles\n\n")
	for i, a := range ages {
		fmt.Fprintf(&b, "Harbour FM News\n%s\n- Harbour FM News\nStory number %d about the harbour\nThe text.\n\n", a.age, i)
	}
	withoutBlog := b.String()
	b.WriteString("Northern Ledger\n3 hours ago\n- Northern Ledger\nTram line extension: live updates\n" +
		"The first trams ran on time. Ana Ruiz12 March 2025 11:42 Crowds gathered. Ana Ruiz12 March 2025 11:15\n")
	d := parseHinted(t, b.String(), SaveHints{FolderDate: day(2025, 3, 12), ModTime: saved})
	if !d.SavedAt.Equal(saved) {
		t.Fatalf("saved %v, want the exact %v", d.SavedAt, saved)
	}
	for i, a := range ages {
		s := d.Related[i]
		if !s.PublishedAt.Time().Equal(a.want) || s.PublishedPrecision != a.prec {
			t.Errorf("%q: %v (%v), want %v (%v)", a.age, s.PublishedAt, s.PublishedPrecision, a.want, a.prec)
		}
	}
	blog := d.Related[len(ages)]
	if want := time.Date(2025, 3, 12, 11, 42, 0, 0, time.UTC); !blog.PublishedAt.Time().Equal(want) || blog.PublishedPrecision != model.PrecisionMinute {
		t.Errorf("live blog: %v (%v), want %v to the minute", blog.PublishedAt, blog.PublishedPrecision, want)
	}
	if m := d.Main; !m.PublishedAt.Time().Equal(day(2025, 3, 11)) || m.PublishedPrecision != model.PrecisionDay {
		t.Errorf("dateline: %v (%v), want the day", m.PublishedAt, m.PublishedPrecision)
	}
	// From a save known only to the day, no age says more than the day.
	d = parseHinted(t, withoutBlog, SaveHints{FolderDate: day(2025, 3, 12)})
	for i, a := range ages[:6] {
		if s := d.Related[i]; s.PublishedPrecision != model.PrecisionDay || !s.PublishedAt.Time().Equal(model.PrecisionDay.Coarsen(s.PublishedAt.Time())) {
			t.Errorf("%q from a day-only save: %v", a.age, s.PublishedPrecision)
		}
	}
}

// An author's page dates a story to the minute when it gives the time, else
// to the day.
func TestListedPrecision(t *testing.T) {
	d := mustParse(t, "Mara Quillon\nStorm warnings issued. Tue 3 Jun Tue 3 Jun 2025 at 9:15am\nFerry fares to rise. Mon 2 Jun Mon 2 Jun 2025\n")
	if p := d.Related[0].PublishedPrecision; p != model.PrecisionMinute {
		t.Errorf("with a time: %v", p)
	}
	if p := d.Related[1].PublishedPrecision; p != model.PrecisionDay {
		t.Errorf("without: %v", p)
	}
}
