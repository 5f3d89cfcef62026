package ui

import (
	"slices"
	"strings"
	"testing"

	"tidings/model"
)

// mixedDriver loads the test dumps and a folder of every other format.
func mixedDriver(t *testing.T, w, h int) *driver {
	t.Helper()
	return newDriver(t, w, h, func(o *Options) {
		o.Source.FS = nil
		o.Source.Paths = []string{"../testdata/dumps", "../testdata/formats"}
	})
}

func articleNamed(t *testing.T, d *driver, headline string) *model.Article {
	t.Helper()
	for _, a := range d.m.Library().Articles {
		if a.Headline == headline && !a.Gone() {
			return a
		}
	}
	t.Fatalf("no story %q", headline)
	return nil
}

// TestReaderOnAFolderOfEveryFormat: dumps, clippings, pages, feeds and mail
// in one library, opened as a person would.
func TestReaderOnAFolderOfEveryFormat(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		d := mixedDriver(t, size[0], size[1])
		lib := d.m.Library()

		// The Markdown clipping renders as Markdown: a list with bullets,
		// the quote set off, the link's text and address (without colour,
		// glamour writes emphasis with its stars); the author and URL shown.
		d.m.list.selectArticle(articleNamed(t, d, "Tidal turbines to power Kelloway Bay's new terminal"))
		d.keys("enter")
		d.requireScreenContains("by Mara Lindqvist", "https://www.coastlinewire.example/energy/tidal-turb", "• the first goes", "| \"The tide never")
		if body := d.screen(); strings.Contains(body, "- the first goes") || strings.Contains(body, "> \"The tide") || strings.Contains(body, "](") {
			t.Errorf("%dx%d: the clipping's Markdown is shown as written:\n%s", size[0], size[1], body)
		}
		d.keys("esc")

		// A feed item and a dump page of one article are one story, on
		// both files, with the feed's time to the minute.
		a := articleNamed(t, d, "Portmere council approves new lifeboat station")
		var files []string
		for _, p := range a.Pages {
			files = append(files, p.Path)
		}
		if !slices.Contains(files, "../testdata/dumps/2025-03-03/article_basic.txt") || !slices.Contains(files, "../testdata/formats/2025-03-03/esker_wire_wordpress.xml") {
			t.Errorf("the lifeboat story is on %q", files)
		}
		d.m.list.selectArticle(a)
		d.keys("enter")
		d.requireScreenContains("09:41 · on 3 pages", "https://eskerwire.example/coast/2025/03/03/portmere-", "The council will publish the contractor")
		d.keys("esc")

		// Plain text of a newsletter is text: its punctuation is not read
		// as Markdown.
		d.m.list.selectArticle(articleNamed(t, d, "Avocets return in record numbers 🐦"))
		d.keys("enter")
		d.requireScreenContains("Volunteers counted 212 avocets", "Tidewatch – Estuary Notes")
		d.keys("esc")

		// A feed's items are not each other's related stories.
		for _, h := range []string{"Tram line extension: first trams run on time", "Bus route 14 to run on Sundays", "Spring fair stalls: bookings open"} {
			if links := articleNamed(t, d, h).Links(); len(links) != 0 {
				t.Errorf("%q is linked to %d stories", h, len(links))
			}
		}
		// Every format is in the list.
		var formats []string
		for _, p := range lib.Pages {
			formats = append(formats, p.Layout.String())
		}
		for _, want := range []string{"article", "clipping", "collection"} {
			if !slices.Contains(formats, want) {
				t.Errorf("no page of layout %s", want)
			}
		}
	}
}

// TestOpenLinkOnlyOnItsKey: O with no $BROWSER says how to set one; a
// story without a URL says it has none; nothing is run otherwise.
func TestOpenLinkOnlyOnItsKey(t *testing.T) {
	t.Setenv("BROWSER", "")
	d := mixedDriver(t, 80, 24)
	d.m.list.selectArticle(articleNamed(t, d, "Estuary bird count finds more avocets"))
	d.keys("enter", "O")
	d.until("O says how to open links", func() bool { return d.m.status == "Set $BROWSER to open links" })
	d.requireScreenContains("Set $BROWSER to open links")
	d.keys("esc")
	d.m.list.selectArticle(articleNamed(t, d, "Quayside digest: café licences renewed"))
	d.keys("enter", "O")
	d.until("O says there is no link", func() bool { return strings.HasPrefix(d.m.status, "This story has no link") })
}

func TestBrowserCommand(t *testing.T) {
	for browser, want := range map[string][]string{
		"":                          nil,
		"firefox":                   {"firefox", "https://a.example/x"},
		"w3m:lynx":                  {"w3m", "https://a.example/x"},
		"open -a Safari":            {"open", "-a", "Safari", "https://a.example/x"},
		"chromium --new-window %s:": {"chromium", "--new-window", "https://a.example/x"},
	} {
		t.Setenv("BROWSER", browser)
		if got := browserCommand("https://a.example/x"); !slices.Equal(got, want) {
			t.Errorf("BROWSER=%q: %q, want %q", browser, got, want)
		}
	}
}
