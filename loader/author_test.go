package loader

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tidings/model"
)

type listedWant struct {
	headline string
	at       time.Time
	age      string
}

func checkAuthorListing(t *testing.T, d *model.Dump, tag string, want []listedWant) {
	t.Helper()
	if d.Layout != model.LayoutListing || d.Main != nil {
		t.Fatalf("layout %s, main %v: want a listing", d.Layout, d.Main)
	}
	if d.Tag != tag {
		t.Errorf("tag %q, want %q", d.Tag, tag)
	}
	if len(d.Related) != len(want) {
		t.Fatalf("%d stories, want %d: %q", len(d.Related), len(want), headlines(d.Related))
	}
	for i, w := range want {
		s := d.Related[i]
		if s.Headline != w.headline || !s.PublishedAt.Time().Equal(w.at) || s.Age() != w.age || s.Source() != "" {
			t.Errorf("story %d: %q %v age %q source %q\nwant %q %v age %q", i+1, s.Headline, s.PublishedAt, s.Age(), s.Source(), w.headline, w.at, w.age)
		}
		if s.ID != model.StoryID(w.headline, "", "") {
			t.Errorf("story %d: id %s is not its headline's", i+1, s.ID)
		}
	}
}

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestAuthorPageIsAListing(t *testing.T) {
	d := mustParse(t, "Mara Quillon\n"+
		"Storm warnings issued for the Tarrow coast. Tue 3 Jun Tue 3 Jun Tue 3 Jun 2025 at 9:15am\n"+
		"Ferry fares to rise in July. Mon 2 Jun Mon 2 Jun Mon 2 Jun 2025 at 4:40pm\n"+
		"Night crossings return to Skellin. Fri 30 May Fri 30 May Fri 30 May 2025 at 12:05am\n")
	checkAuthorListing(t, d, "Stories by Mara Quillon", []listedWant{
		{"Storm warnings issued for the Tarrow coast", at(2025, 6, 3, 9, 15), "Tue 3 Jun 2025 at 9:15am"},
		{"Ferry fares to rise in July", at(2025, 6, 2, 16, 40), "Mon 2 Jun 2025 at 4:40pm"},
		{"Night crossings return to Skellin", at(2025, 5, 30, 0, 5), "Fri 30 May 2025 at 12:05am"},
	})
	for _, s := range d.Related {
		if len(s.Paragraphs()) != 0 || len(s.Entries()) != 0 {
			t.Errorf("%q has text %q %v", s.Headline, s.Paragraphs(), s.Entries())
		}
	}
}

func TestAuthorPageVariations(t *testing.T) {
	// No time; the year on every repetition or on none (then the save's
	// year, as for a dateline); full names; blank lines between entries,
	// a date on the line under its summary; paging and site furniture
	// at the end.
	d := mustParse(t, "\n\nTomas de la Fenn-Ostrowe\n\n"+
		"Harbour master retires after forty years. Sat 1 Mar Sat 1 Mar 2025\n\n\n"+
		"Lifeboat crew named volunteers of the year. 28 Feb 2025 28 Feb 2025 at 18:30\n"+
		"Quay Street bakery wins regional prize.\n"+
		"Thursday 27 February Thursday 27 February\n"+
		"Advertisement\n"+
		"Dr. Imke Sollis opens the new clinic. It is the island's first. Wed 26 Feb Wed 26 Feb Wed 26 Feb 2025\n"+
		"Share this article\n"+
		"Load more\n"+
		"Show more stories\n"+
		"Page 1 of 12\n")
	checkAuthorListing(t, d, "Stories by Tomas de la Fenn-Ostrowe", []listedWant{
		{"Harbour master retires after forty years", at(2025, 3, 1, 0, 0), "Sat 1 Mar 2025"},
		{"Lifeboat crew named volunteers of the year", at(2025, 2, 28, 18, 30), "28 Feb 2025 at 18:30"},
		{"Quay Street bakery wins regional prize", at(2025, 2, 27, 0, 0), "Thursday 27 February"},
		{"Dr. Imke Sollis opens the new clinic", at(2025, 2, 26, 0, 0), "Wed 26 Feb 2025"},
	})
	if got := d.Related[3].Paragraphs(); len(got) != 1 || got[0] != "It is the island's first." {
		t.Errorf("the summary's second sentence: %q", got)
	}
	// The same day glued without spaces, "Sept", and a page saved in
	// January: a December day without a year is the year before.
	d2, err := Parse("t.txt", []byte("Ines Okonkwo-Baird\r\n"+
		"Winter ferry timetable published.Tue 30 DecTue 30 Dec\r\n"+
		"Carol service moves to the harbour. Sun 14 Sept Sun 14 Sept\r\n"),
		SaveHints{FolderDate: time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC), Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	checkAuthorListing(t, d2, "Stories by Ines Okonkwo-Baird", []listedWant{
		{"Winter ferry timetable published", at(2025, 12, 30, 0, 0), "Tue 30 Dec"},
		{"Carol service moves to the harbour", at(2025, 9, 14, 0, 0), "Sun 14 Sept"},
	})
}

// An article headlined by a name, or with dated lines that are not an
// author's list, stays an article with every line of it.
func TestNameHeadlineWithoutRepeatedDatesIsAnArticle(t *testing.T) {
	cases := map[string]string{
		"body lines":            "Harbour Lights\nPORTMERE, June 3 (Esker Wire) - The lights were switched on on Tue 3 Jun 2025.\nCrowds gathered.\n",
		"one date each":         "Mara Quillon\nStorm warnings issued. Tue 3 Jun 2025 at 9:15am\nFerry fares to rise. Mon 2 Jun 2025\n",
		"one dated line":        "Mara Quillon\nStorm warnings issued. Tue 3 Jun Tue 3 Jun 2025\n",
		"different days":        "Mara Quillon\nStorm warnings issued. Tue 3 Jun Mon 2 Jun 2025\nFerry fares to rise. Mon 2 Jun Sun 1 Jun 2025\n",
		"an undated line":       "Mara Quillon\nStorm warnings issued. Tue 3 Jun Tue 3 Jun 2025\nThe council met on Tuesday.\nFerry fares to rise. Mon 2 Jun Mon 2 Jun 2025\n",
		"a sentence first":      "The ferry is late.\nStorm warnings issued. Tue 3 Jun Tue 3 Jun 2025\nFerry fares to rise. Mon 2 Jun Mon 2 Jun 2025\n",
		"a role under the name": "Mara Quillon\nTransport correspondent\nStorm warnings issued. Tue 3 Jun Tue 3 Jun 2025\nFerry fares to rise. Mon 2 Jun Mon 2 Jun 2025\n",
		"five words":            "Mara Jane Ann Quillon Ross\nStorm warnings issued. Tue 3 Jun Tue 3 Jun 2025\nFerry fares to rise. Mon 2 Jun Mon 2 Jun 2025\n",
		"no such day":           "Mara Quillon\nStorm warnings issued. 31 Jun 31 Jun 2025\nFerry fares to rise. 30 Jun 30 Jun 2025\n",
		"year in a number":      "Mara Quillon\nThe fleet dates from 2023 Jun 23 Jun.\nFerry fares to rise. Mon 2 Jun Mon 2 Jun 2025\n",
	}
	for name, text := range cases {
		d := mustParse(t, text)
		lines := nonBlank(strings.Split(strings.TrimSpace(text), "\n"))
		if d.Layout != model.LayoutArticle || d.Main == nil || d.Main.Headline != lines[0] || len(d.Main.Paragraphs()) != len(lines)-1 {
			t.Errorf("%s: %s, %q", name, d.Layout, headlines(append([]*model.Story{d.Main}, d.Related...)))
		}
	}
}

func TestCutListedDate(t *testing.T) {
	for in, want := range map[string]listedDate{
		"A. Tue 3 Jun Tue 3 Jun Tue 3 Jun 2025 at 9:15am": {year: 2025, month: time.June, day: 3, hour: 9, minute: 15, clock: true},
		"A. 3 June 3 June 2025, at 9.05 p.m.":             {year: 2025, month: time.June, day: 3, hour: 21, minute: 5, clock: true},
		"A. Tue 3 Jun 2025 Tue 3 Jun 2025":                {year: 2025, month: time.June, day: 3},
		"A. 3 Jun 3 Jun":                                  {month: time.June, day: 3},
		"A. 3 Jun 3 Jun 2025 21:15":                       {year: 2025, month: time.June, day: 3, hour: 21, minute: 15, clock: true},
		"Tue 3 Jun Tue 3 Jun 2025":                        {year: 2025, month: time.June, day: 3},
	} {
		_, got, _, ok := cutListedDate(in)
		if !ok || got != want {
			t.Errorf("cutListedDate(%q) = %+v %v, want %+v", in, got, ok, want)
		}
	}
	for _, bad := range []string{
		"A. Tue 3 Jun 2025 at 9:15am", "A. 3 Jun 4 Jun 2025", "A. 3 Jun 2024 3 Jun 2025",
		"A. 3 Jun 3 Jun 2025 at 13:15pm", "A. 3 Jun 3 Jun 2025 at 24:00", "A. 29 Feb 29 Feb 2025",
		"Meeting at 9:15am", "", "A. 123 Jun 3 Jun",
	} {
		if s, d, w, ok := cutListedDate(bad); ok {
			t.Errorf("cutListedDate(%q) = %q %+v %q, want no date", bad, s, d, w)
		}
	}
}

func TestIsPersonName(t *testing.T) {
	for _, name := range []string{"Mara Quillon", "J. R. Osei", "Siobhán O'Dowd", "Tomas Ekwueme-Hart", "Ana van der Berg", "KOFI ASHBY"} {
		if !isPersonName(name) {
			t.Errorf("%q is a name", name)
		}
	}
	for _, not := range []string{"Mara", "Storm hits coast.", "Ferries cancelled, again", "Tram 52 returns", "van Berg Ana", "Ana Berg van", "the harbour", "One Two Three Four Five", "Live: Storm"} {
		if isPersonName(not) {
			t.Errorf("%q is not a name", not)
		}
	}
}

// An author's page saved cut off anywhere in its last line is still a
// listing: the stories before it are whole, and the cut one is kept when
// its headline and a whole date were saved, else dropped. The dates are
// printed two, three or four times, with the year on the last, on each or
// on none.
func TestAuthorPageCutOffAnywhere(t *testing.T) {
	heads := "Kofi Ashby\n" +
		"Storm warnings issued for the Tarrow coast. %s\n" +
		"Ferry fares to rise in July. %s\n"
	for _, dates := range [][3]string{
		{"Fri 3 Jan Fri 3 Jan Fri 3 Jan 2025 at 9:15am", "Thu 2 Jan Thu 2 Jan Thu 2 Jan 2025 at 4:40pm", "Wed 1 Jan Wed 1 Jan Wed 1 Jan 2025 at 12:05am"},
		{"3 January 2025 3 January 2025", "2 January 2025 2 January 2025", "1 January 2025 1 January 2025"},
		{"Fri 3 Jan Fri 3 Jan", "Thu 2 Jan Thu 2 Jan", "Wed 1 Jan Wed 1 Jan"},
		{"Friday 3 Jan Friday 3 Jan Friday 3 Jan Friday 3 Jan 2025, 21:15", "Thu 2 JanThu 2 Jan 2025", "Wed 1 JanWed 1 JanWed 1 Jan 2025"},
	} {
		last := "Night crossings return to Skellin. " + dates[2]
		lastDate := strings.TrimPrefix(last, "Night crossings return to Skellin. ")
		for cut := 1; cut <= len(last); cut++ {
			if !utf8.ValidString(last[:cut]) {
				continue
			}
			text := fmt.Sprintf(heads, dates[0], dates[1]) + last[:cut]
			d, err := Parse("a.txt", []byte(text), SaveHints{FolderDate: time.Date(2025, 1, 4, 0, 0, 0, 0, time.UTC), Location: time.UTC})
			if err != nil {
				t.Fatal(err)
			}
			if d.Layout != model.LayoutListing || d.Tag != "Stories by Kofi Ashby" || len(d.Related) < 2 {
				t.Errorf("cut at %d (%q): %s %q, want a listing", cut, last[:cut], d.Layout, headlines(append([]*model.Story{d.Main}, d.Related...)))
				continue
			}
			if d.Related[0].Headline != "Storm warnings issued for the Tarrow coast" || d.Related[0].PublishedAt.Time().Day() != 3 ||
				d.Related[1].Headline != "Ferry fares to rise in July" || d.Related[1].PublishedAt.Time().Day() != 2 {
				t.Errorf("cut at %d: %q", cut, headlines(d.Related))
			}
			// The cut story is kept once a whole date follows its summary.
			wholeDate := cut >= len(last)-len(lastDate)+len("Wed 1 Jan") && !strings.HasPrefix(lastDate, "1 January")
			wholeDate = wholeDate || strings.HasPrefix(lastDate, "1 January") && cut >= len(last)-len(lastDate)+len("1 January")
			switch {
			case len(d.Related) == 3:
				s := d.Related[2]
				if s.Headline != "Night crossings return to Skellin" || s.PublishedAt.Time().Day() != 1 || s.PublishedAt.Time().Month() != time.January {
					t.Errorf("cut at %d (%q): cut story %q %v", cut, last[:cut], s.Headline, s.PublishedAt)
				}
			case len(d.Related) > 3:
				t.Errorf("cut at %d: %q", cut, headlines(d.Related))
			case wholeDate:
				t.Errorf("cut at %d (%q): the cut story, with a whole date, was dropped", cut, last[:cut])
			}
		}
	}
}

// A summary whose date stands on the line below, the date cut off.
func TestAuthorPageCutOffInTheDateBelow(t *testing.T) {
	for _, tail := range []string{"Wednesday 1 Jan", "Wednesday 1 Jan Wed", "Wednesday 1 Ja", "Wedn", "Wednesday 1"} {
		d := mustParse(t, "Kofi Ashby\nStorm warnings issued. Fri 3 Jan Fri 3 Jan 2025\nFerry fares to rise. Thu 2 Jan Thu 2 Jan 2025\nNight crossings return.\n"+tail)
		if d.Layout != model.LayoutListing || len(d.Related) < 2 || len(d.Related) > 3 {
			t.Errorf("%q: %s %q", tail, d.Layout, headlines(d.Related))
			continue
		}
		if len(d.Related) == 3 && (d.Related[2].Headline != "Night crossings return" || d.Related[2].PublishedAt.Time().Day() != 1) {
			t.Errorf("%q: %q %v", tail, d.Related[2].Headline, d.Related[2].PublishedAt)
		}
	}
}
