package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tidings/internal/testkit"
	"tidings/loader"
	"tidings/model"
)

// The Related section lists the stories shown with this one by page, with
// how, then those like it by text, with the words they share; tab, digits
// and enter work across both groups.
func TestRelatedSectionGroupsPagesAndSimilarStories(t *testing.T) {
	// Similar stories are shown only when the match means something: an
	// archive with events told by several outlets has such stories (the
	// bundled samples, unrelated stories, have none).
	dir := testkit.Corpus(t, 400, 0, 20, 3)
	d := newDriver(t, 200, 50, func(o *Options) { o.Source = loader.Source{Paths: []string{dir}} })
	var story *model.Article
	for _, a := range d.m.Library().Articles {
		if len(a.Links()) > 0 && len(a.Links()) < 8 && len(d.m.search.similar.For(a, similarCount)) > 0 {
			story = a
			break
		}
	}
	if story == nil {
		t.Fatal("no story with page links and a similar story")
	}
	d.m.list.selectArticle(story)
	d.keys("enter")
	a := d.m.reader.story()
	d.requireScreenContains("On the same pages (")
	d.keys("G") // the end of the story: the rest of the Related section
	d.requireScreenContains("Similar stories (")
	items := d.m.reader.items
	links := len(a.Links())
	if len(items) <= links {
		t.Fatalf("%d rows for %d links: no similar story for %q", len(items), links, a.Headline)
	}
	screen := d.screen()
	if !strings.Contains(screen, " · same page") && !strings.Contains(screen, " · lead/related") {
		t.Fatal("page links do not say how they link")
	}
	sim := items[links].sim
	if sim == nil || len(sim.Terms) == 0 || !strings.Contains(screen, sim.Terms[0]) {
		t.Fatal("the first similar story does not show the words it shares")
	}
	// Tab from the last page link reaches the first similar story; enter
	// opens it; back returns.
	for range links + 1 {
		d.keys("tab")
	}
	if d.m.reader.selectedRelated() != sim.To {
		t.Fatal("tab did not move from the page links into the similar stories")
	}
	d.keys("enter")
	if d.m.reader.story() != sim.To {
		t.Fatal("enter did not open the similar story")
	}
	d.keys("backspace")
	if d.m.reader.story() != a {
		t.Fatal("back did not return from the similar story")
	}
}

// A story told by other outlets says so in its header, and o goes round
// their versions once: from A with "Also covered by: B, C", A→B→C→A.
func TestAlsoCoveredByOtherOutlets(t *testing.T) {
	dir := testkit.Corpus(t, 400, 0, 20, 3)
	d := newDriver(t, 200, 50, func(o *Options) { o.Source = loader.Source{Paths: []string{dir}} })
	var story *model.Article
	var others []*model.Article
	for _, a := range d.m.Library().Articles {
		others = others[:0]
		for _, s := range d.m.search.similar.For(a, similarCount) {
			if s.SameEvent {
				others = append(others, s.To)
			}
		}
		if len(others) > 1 {
			story = a
			break
		}
	}
	if story == nil {
		t.Fatal("no planted event told by three outlets found by the similarity index")
	}
	d.m.list.selectArticle(story)
	d.keys("enter")
	d.requireScreenContains("Also covered by: "+others[0].Source(), "o opens")
	want := append(slices.Clone(others), story)
	for i, w := range want {
		d.keys("o")
		if got := d.m.reader.story(); got != w {
			t.Fatalf("o pressed %d times opened %q, want %q", i+1, got.Headline, w.Headline)
		}
	}
	d.keys("backspace")
	if d.m.reader.story() != others[len(others)-1] {
		t.Fatal("back after going round did not return to the last version")
	}
}

// A related story with no source is listed by its headline alone, with no
// dash where the source would be.
func TestRelatedRowWithNoSource(t *testing.T) {
	dir := t.TempDir()
	page := "Harbour opens new quay\nThe quay opened on Monday, a year late.\nRelated Articles\n\n" +
		"Esker Wire\n2 hours ago\n- Esker Wire\nFerry times change\nFerry times change from Friday.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, 80, 24, func(o *Options) { o.Source = loader.Source{Paths: []string{dir}} })
	d.m.list.selectArticle(d.m.Library().ByID(model.StoryID("Ferry times change", "Esker Wire", "")))
	d.keys("enter")
	if d.m.reader.story() == nil || d.m.reader.story().Headline != "Ferry times change" {
		t.Fatalf("the related story did not open:\n%s", d.screen())
	}
	d.requireScreenContains("1. ● Harbour opens new quay")
	if strings.Contains(d.screen(), "— Harbour") {
		t.Fatalf("a row with no source keeps the dash:\n%s", d.screen())
	}
}

// Back after a preview: the story under the cursor, read beside the list
// (previewed, never opened) or full-screen, and left for a related story,
// is where back returns, at the place it was read to.
func TestBackReturnsToAPreviewedStory(t *testing.T) {
	for _, c := range []struct {
		name string
		keys []string
	}{{"side by side", []string{"tab"}}, {"full screen", []string{"tab", "z"}}} {
		t.Run(c.name, func(t *testing.T) {
			d := newDriver(t, 120, 30)
			d.keys("j")
			previewed := d.m.reader.story()
			if previewed == nil || d.m.reader.hist.opened == previewed {
				t.Fatal("the cursor did not preview a story")
			}
			d.keys(c.keys...)
			d.send(keyPress("ctrl+d"))
			place := d.m.reader.pg.offset
			if place == 0 {
				t.Fatal("ctrl+d did not scroll the previewed story")
			}
			d.keys("tab", "enter")
			if d.m.reader.story() == previewed {
				t.Fatal("enter did not open the related story")
			}
			d.keys("backspace")
			if d.m.reader.story() != previewed {
				t.Fatalf("back did not return to the previewed story; screen:\n%s", d.screen())
			}
			if d.m.reader.pg.offset != place {
				t.Fatalf("back came to line %d of the story, it was read to line %d", d.m.reader.pg.offset, place)
			}
			d.keys("]")
			if d.m.reader.story() == previewed {
				t.Fatal("forward did not return to the related story")
			}
		})
	}
}

// Regressions found in review.

// A story open while pages still load gains links; drawing it again must
// not read past its rows.
func TestRelatedRowsFollowLinksAddedWhileLoading(t *testing.T) {
	dir := t.TempDir()
	page := func(main, text, related, relatedText string) string {
		return main + "\n" + text + "\nRelated Articles\n\nEsker Wire\n2 hours ago\n- Esker Wire\n" + related + "\n" + relatedText + "\n"
	}
	first := page("Harbour opens new quay", "The quay opened on Monday, a year late.", "Ferry times change", "Ferry times change from Friday.")
	second := page("Quay traders pleased", "Traders welcomed the new quay.", "Harbour opens new quay", "The quay opened on Monday, a year late.")
	for name, text := range map[string]string{"a.txt": first, "b.txt": second} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, 200, 50, func(o *Options) { o.Source = loader.Source{Paths: []string{filepath.Join(dir, "a.txt")}} })
	d.m.list.selectArticle(d.m.Library().ByID(model.StoryID("Harbour opens new quay", "", "")))
	d.keys("enter")
	a := d.m.reader.story()
	before := len(a.Links())
	more := loader.LoadAll(context.Background(), loader.Source{Paths: []string{filepath.Join(dir, "b.txt")}}, loader.Options{})
	d.send(loadBatchMsg{results: more})
	if len(a.Links()) <= before {
		t.Fatalf("the second page did not link %q (%d links)", a.Headline, len(a.Links()))
	}
	d.keys("m", "G")
	d.requireScreenContains("Quay traders pleased")
}

// A row's details are the story read's: the same story at the same place
// under two stories says how it links to each.
func TestRelatedRowsSayHowTheyLinkToTheStoryRead(t *testing.T) {
	d := newDriver(t, 200, 50)
	for _, a := range d.m.Library().Articles {
		d.m.layout.focus = focusList
		d.m.list.selectArticle(a)
		d.keys("enter")
		r := d.m.reader
		for i := 0; i < r.linkRows; i++ {
			line := ansi.Strip(r.pg.lines[r.relatedTop+r.itemLines[i]])
			if want := linkLabel(r.items[i].link, r.items[i].tag); !strings.Contains(line, want) {
				t.Fatalf("reading %q, row %d %q does not say %q", a.Headline, i+1, line, want)
			}
		}
	}
}

func TestTheSelectedRowKeepsItsStyleUnderAHighlight(t *testing.T) {
	d := newDriver(t, 200, 50)
	d.keys("/")
	d.typeText("ferr")
	d.keys("enter", "enter", "1")
	r := d.m.reader
	line := r.pg.lines[r.relatedTop+r.itemLines[0]]
	if !strings.HasPrefix(line, "\x1b[7m") {
		t.Fatalf("the selected related row is not reversed: %q", line)
	}
}

func TestPreviewingTheOpenStoryKeepsItsPlace(t *testing.T) {
	d := newDriver(t, 200, 50)
	d.keys("enter")
	d.send(keyPress("ctrl+d"))
	d.send(keyPress("ctrl+d"))
	place := d.m.reader.percent()
	if place == 0 {
		t.Fatal("ctrl+d did not scroll the story")
	}
	d.keys("q", "j", "k")
	if got := d.m.reader.percent(); got != place {
		t.Fatalf("back on the open story the pane is at %d%%, it was left at %d%%", got, place)
	}
}
