package loader

import (
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
	if got := d.Related[0].PublishedAt; !got.Equal(day(2025, 3, 3)) {
		t.Errorf("9 minutes ago from a save on 3 March: %v, want the day 3 March, no clock time", got)
	}
	if got := d.Related[1].PublishedAt; !got.Equal(day(2025, 3, 2)) {
		t.Errorf("a day ago from a save on 3 March: %v, want the day 2 March", got)
	}
}

func TestAgeFromAnExactSaveGivesAClockTime(t *testing.T) {
	saved := time.Date(2025, 3, 3, 12, 0, 0, 0, time.UTC)
	d := parseHinted(t, agesPage, SaveHints{FolderDate: day(2025, 3, 3), ModTime: saved})
	if got, want := d.Related[0].PublishedAt, saved.Add(-9*time.Minute); !got.Equal(want) {
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
	if got, want := d.Related[0].PublishedAt, time.Date(2025, 3, 3, 14, 5, 0, 0, time.UTC); !got.Equal(want) {
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
	if got := d.Main.PublishedAt; !got.Equal(day(2025, 7, 28)) {
		t.Errorf("dateline July 28, folder 24 June: %v, want 28 July 2025", got)
	}
	// Far ahead of the save, it is last year's: December 30 saved on 2 January.
	d = parseHinted(t, dateline("December 30"), SaveHints{FolderDate: day(2025, 1, 2)})
	if got := d.Main.PublishedAt; !got.Equal(day(2024, 12, 30)) {
		t.Errorf("dateline December 30, folder 2 January: %v, want 30 December 2024", got)
	}
	// The second layout's own date, glued to the source.
	logo := strings.Join([]string{"logo", "Harbour wall to be raised", "", "Harbour wall to be raised", "",
		"Esker Wire28-07-2025", "The wall will be raised by a metre."}, "\n")
	d = parseHinted(t, logo, SaveHints{FolderDate: day(2025, 6, 24)})
	if got := d.Main.PublishedAt; !got.Equal(day(2025, 7, 28)) {
		t.Errorf("logo page dated 28-07-2025 in a 24 June folder: %v", got)
	}
	if d.Day != "2025-06-24" {
		t.Errorf("listed under %s, want the folder's day", d.Day)
	}
}
