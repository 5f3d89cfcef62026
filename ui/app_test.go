package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"tidings/index"
	"tidings/loader"

	"tidings/model"
	"tidings/state"
)

var sizes = []struct{ w, h int }{{80, 24}, {200, 50}}

func forSizes(t *testing.T, f func(t *testing.T, w, h int)) {
	for _, s := range sizes {
		t.Run(fmt.Sprintf("%dx%d", s.w, s.h), func(t *testing.T) { f(t, s.w, s.h) })
	}
}

func TestListScreen(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		d.requireScreenContains("unread", "? help")
		golden.RequireEqual(t, d.frame())
	})
}

func TestReadingPane(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		first := d.m.list.selected()
		d.keys("enter")
		if d.m.reader.story() != first || !d.m.mk.isRead(first) {
			t.Fatalf("enter did not open and mark %q", first.Headline)
		}
		d.requireScreenContains(first.Headline)
		golden.RequireEqual(t, d.frame())
	})
}

func TestRelatedNavigationAndHistory(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		d.keys("enter")
		start := d.m.reader.story()
		if len(start.Related()) < 2 {
			t.Fatalf("first sample story has %d related stories", len(start.Related()))
		}
		d.keys("tab", "tab")
		if d.m.reader.selectedRelated() != start.Related()[1] {
			t.Fatal("tab twice did not select the second related story")
		}
		d.keys("enter")
		second := d.m.reader.story()
		if second != start.Related()[1] {
			t.Fatalf("enter opened %q", second.Headline)
		}
		d.requireScreenContains(second.Headline)
		golden.RequireEqual(t, d.frame())

		// Scroll the second story, go back, forward: each keeps its place.
		d.keys("pgdown")
		scrolled := d.screen()
		d.keys("backspace")
		if d.m.reader.story() != start {
			t.Fatalf("back went to %q", d.m.reader.story().Headline)
		}
		t.Run("back", func(t *testing.T) { golden.RequireEqual(t, d.frame()) })
		d.keys("]")
		if d.m.reader.story() != second || d.screen() != scrolled {
			t.Fatalf("forward did not return to the place left:\n%s\nwant:\n%s", d.screen(), scrolled)
		}
		d.keys("[")
		d.keys("3")
		if d.m.reader.selectedRelated() != start.Related()[2] {
			t.Fatal("digit 3 did not select the third related story")
		}
	})
}

func TestRelatedLinksGoBothWays(t *testing.T) {
	d := newDriver(t, 200, 50)
	for _, a := range d.m.Library().Articles {
		for _, r := range a.Related() {
			found := false
			for _, back := range r.Related() {
				found = found || back == a
			}
			if !found {
				t.Fatalf("%q lists %q as related, but not the other way", a.Headline, r.Headline)
			}
		}
	}
}

func TestFilter(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		total, _ := d.shown()
		d.keys("/")
		for _, q := range []string{"f", "fe", "fer", "ferr", "ferry"} {
			d.typeText(q[len(q)-1:])
			want := countMatches(d.m.Library().Articles, q)
			if got, _ := d.shown(); got != want {
				t.Fatalf("after typing %q the list shows %d stories, want %d (a stale query?)", q, got, want)
			}
		}
		if got, _ := d.shown(); got == 0 || got >= total {
			t.Fatalf("filter 'ferry' shows %d of %d", got, total)
		}
		d.requireScreenContains("/ferry", "matches")
		golden.RequireEqual(t, d.frame())
		d.keys("esc")
		if got, _ := d.shown(); got != total || strings.Contains(d.screen(), "/ferry") {
			t.Fatalf("esc left the filter on, %d stories:\n%s", got, d.screen())
		}
	})
}

// A query half-typed has a problem ("day:2025-0" is no day) that takes half
// the filter line; once the query reads again the line has room for all of
// it, and all of it must show, not its end scrolled in from the left.
func TestFilterLineShowsTheWholeQueryOnceItReads(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("/")
	query := `source:"esker wire" day:2025-03-02`
	d.typeText(query)
	d.settle()
	if !strings.Contains(d.screen(), "/"+query) {
		t.Fatalf("the filter line does not show the whole query %q:\n%s", query, d.screen())
	}
}

// Each key that lengthens the query narrows the last answer; a deleted
// character, a word typed after a space and deleted again, and an
// excluded word made longer (which excludes less) widen it: the list must
// show the fresh answer after every key.
func TestFilterNarrowsAndWidensAsTyped(t *testing.T) {
	d := newDriver(t, 120, 30)
	d.keys("/")
	lib := d.m.Library().Articles
	check := func(query string) {
		t.Helper()
		if d.m.filter.query != query {
			t.Fatalf("the filter holds %q, want %q", d.m.filter.query, query)
		}
		fresh := index.ParseQuery(query, d.m.opts.Now())
		want := 0
		if m := d.m.search.index.Find(lib, &fresh); m != nil {
			want = m.Count
		}
		if got, _ := d.shown(); got != want {
			t.Fatalf("after %q the list shows %d stories, a fresh search %d", query, got, want)
		}
	}
	steps := []struct{ keys, query string }{
		{"f", "f"}, {"e", "fe"}, {"r", "fer"}, {"backspace", "fe"}, {"r", "fer"},
		{" ", "fer "}, {"s", "fer s"}, {"backspace", "fer "}, {"-", "fer -"}, {"n", "fer -n"},
		{"i", "fer -ni"}, {"backspace", "fer -n"}, {"backspace", "fer -"}, {"backspace", "fer "},
		{"r", "fer r"}, {"backspace", "fer "}, {"backspace", "fer"},
	}
	for _, s := range steps {
		if s.keys == "backspace" {
			d.keys("backspace")
		} else {
			d.typeText(s.keys)
		}
		check(s.query)
	}
}

// countMatches is the filter's meaning spelled out: every word of the query
// begins a word of the story's headline, source or text.
func countMatches(articles []*model.Article, query string) int {
	n := 0
	for _, a := range articles {
		text := " " + model.NormalizeText(a.Headline+" "+a.Source()+" "+strings.Join(a.Paragraphs(), " ")+" "+entriesText(a))
		ok := true
		for _, term := range strings.Fields(model.NormalizeText(query)) {
			ok = ok && strings.Contains(text, " "+term)
		}
		if ok {
			n++
		}
	}
	return n
}

func entriesText(a *model.Article) string {
	var parts []string
	for _, e := range a.Entries() {
		parts = append(parts, e.Author, e.Text)
	}
	return strings.Join(parts, " ")
}

func TestMarkAllReadAndUndo(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		day, before := d.firstDay()
		d.keys("A")
		if _, after := d.firstDay(); after != 0 {
			t.Fatalf("A left %d unread on %s", after, day)
		}
		d.requireScreenContains(fmt.Sprintf("Marked %d stories read", before))
		golden.RequireEqual(t, d.frame())
		d.keys("m") // a second action, undone first
		d.keys("u", "u")
		if _, after := d.firstDay(); after != before {
			t.Fatalf("after two undos %d unread, want %d", after, before)
		}
		// The count is said once: "Undone: Marked 9 stories read".
		d.requireScreenContains(fmt.Sprintf("Undone: Marked %d stories read ", before))
		if strings.Contains(d.screen(), "stories)") {
			t.Fatalf("the undo message says the count twice:\n%s", d.screen())
		}
	})
}

func TestMarksReachTheStore(t *testing.T) {
	d := newDriver(t, 200, 50)
	a := d.m.list.selected()
	d.keys("m", "s")
	if err := d.store.Flush(); err != nil {
		t.Fatal(err)
	}
	marks, err := d.store.Marks()
	if err != nil {
		t.Fatal(err)
	}
	if mk := marks[a.ID]; !mk.Read || !mk.Starred {
		t.Fatalf("store has %+v for %s", mk, a.ID)
	}
	d.keys("u")
	d.store.Flush()
	marks, _ = d.store.Marks()
	if mk := marks[a.ID]; mk.Starred || !mk.Read {
		t.Fatalf("after undoing the star the store has %+v", mk)
	}
}

func TestStoredMarksShowOnStart(t *testing.T) {
	store := state.NewMemory("")
	t.Cleanup(func() { store.Close() })
	d0 := newDriver(t, 80, 24)
	id := d0.m.list.selected().ID
	store.Apply(state.Change{ID: id, Kind: state.Read}, state.Change{ID: id, Kind: state.Star})
	store.Flush()
	d := newDriver(t, 80, 24, func(o *Options) {
		o.OpenStore = func() (MarkStore, string) { return store, "" }
	})
	a := d.m.Library().ByID(id)
	if !d.m.mk.isRead(a) || !d.m.mk.isStarred(a) {
		t.Fatal("marks from the store were not applied")
	}
}

// storyLines are the list's story rows on screen (at a width where the list
// has the whole screen).
func storyLines(screen string) []string {
	lines := strings.Split(screen, "\n")
	var out []string
	for _, l := range lines[1 : len(lines)-1] {
		if strings.TrimSpace(l) != "" && !dayHeading.MatchString(strings.TrimSpace(l)) {
			out = append(out, l)
		}
	}
	return out
}

func TestNextUnreadAndViews(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("m") // first story read
	first := d.m.list.selected()
	d.keys("g", "n")
	if d.m.list.selected() == first || d.m.mk.isRead(d.m.list.selected()) {
		t.Fatal("n did not move to an unread story")
	}
	d.keys("v") // unread only
	for _, l := range storyLines(d.screen()) {
		if !strings.HasPrefix(l, "●") {
			t.Fatalf("unread view shows a read story: %q", l)
		}
	}
	d.keys("v") // starred only: none yet
	if total, _ := d.shown(); total != 0 {
		t.Fatalf("starred view shows %d stories", total)
	}
	d.requireScreenContains("No starred stories")
}

func TestHelpScreen(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		d.keys("?")
		for _, want := range []string{"Keys in the list", "next unread", "mark day/filter read", "undo", "filter", "/ find"} {
			d.requireScreenContains(want)
		}
		golden.RequireEqual(t, d.frame())
		d.keys("G")
		d.requireScreenContains("quit, even in the filter")
		d.keys("x")
		if strings.Contains(d.screen(), "Keys in the list") {
			t.Fatal("a key did not close the help")
		}
		d.keys("enter", "?")
		d.requireScreenContains("Keys in the reading pane", "next related", "back")
	})
}

func TestWarningsList(t *testing.T) {
	d := newDriver(t, 80, 24, func(o *Options) {
		o.Source.FS = nil
		o.Source.Paths = []string{"../testdata/dumps", "/nonexistent/folder"}
	})
	n := len(d.m.Library().Warnings)
	if n == 0 {
		t.Fatal("no warnings from a folder of bad files")
	}
	d.requireScreenContains(fmt.Sprintf("⚠ %d (w)", n))
	d.keys("w")
	d.requireScreenContains("warning", "/nonexistent/folder")
	d.keys("j", "space")
	d.requireScreenContains("warning")
	d.keys("x")
	if strings.Contains(d.screen(), "/nonexistent/folder") {
		t.Fatal("a key did not close the warnings")
	}
}

func TestNothingFromADumpReachesTheTerminal(t *testing.T) {
	d := newDriver(t, 200, 50, func(o *Options) {
		o.Source.FS = nil
		o.Source.Paths = []string{"../testdata/dumps"}
	})
	for _, a := range d.m.Library().Articles {
		d.m.list.selectArticle(a)
		d.keys("enter")
		content := d.frame()
		for _, bad := range []string{"\x07", "\x08", "\x1b]52", "\x1b]8;;http", "\x1b[2J", "\x00"} {
			if strings.Contains(content, bad) {
				t.Fatalf("story %q put %q on the screen", a.Headline, bad)
			}
		}
		d.keys("esc")
	}
}

func TestFilterWaitsForTheIndex(t *testing.T) {
	d := newDriver(t, 80, 24)
	index := d.m.search.index
	d.send(indexBuiltMsg{nil}) // as just after loading, before the index is built
	d.keys("/")
	d.typeText("ferry")
	if total, _ := d.shown(); total != 0 {
		t.Fatalf("without an index the list shows %d stories", total)
	}
	d.requireScreenContains("Indexing the text")
	d.send(indexBuiltMsg{index})
	if want := countMatches(d.m.Library().Articles, "ferry"); want == 0 {
		t.Fatal("no sample story mentions a ferry")
	} else if total, _ := d.shown(); total != want {
		t.Fatalf("once indexed the list shows %d stories, want %d", total, want)
	}
}

// Pages that load before the store has opened wait for the marks, so that
// no read story is ever shown as unread.
func TestPagesLoadedBeforeTheStoreOpensGetTheirMarks(t *testing.T) {
	first := newDriver(t, 80, 24)
	id := first.m.list.selected().ID
	store := state.NewMemory("")
	t.Cleanup(func() { store.Close() })
	store.Apply(state.Change{ID: id, Kind: state.Read})
	store.Flush()
	gate := make(chan struct{})
	d := &driver{t: t, msgs: make(chan tea.Msg, 64), store: store}
	d.m = New(Options{
		Source:    first.m.opts.Source,
		Config:    DefaultConfig(),
		OpenStore: func() (MarkStore, string) { <-gate; return store, "" },
		NoColor:   true,
	})
	t.Cleanup(d.m.Close)
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	// Let the loader finish: every batch reaches Update while the store is
	// still opening.
	batches := 0
	deadline := time.After(waitLimit)
	for done := false; !done; {
		select {
		case msg := <-d.msgs:
			if b, ok := msg.(loadBatchMsg); ok {
				batches++
				done = b.done
			}
			d.process(msg)
		case <-deadline:
			t.Fatal("the loader never finished")
		}
	}
	if n := len(d.m.Library().Articles); n != 0 || batches == 0 {
		t.Fatalf("%d stories were shown before the marks were known (%d batches)", n, batches)
	}
	close(gate)
	d.waitLoaded()
	if a := d.m.Library().ByID(id); a == nil || !d.m.mk.isRead(a) {
		t.Fatal("the saved read mark was not applied")
	}
}

func TestLightBackgroundSwitchesThemes(t *testing.T) {
	d := newDriver(t, 200, 50, func(o *Options) { o.NoColor = false })
	d.keys("enter")
	dark := d.frame()
	if d.m.glamourStyle() != "dark" {
		t.Fatalf("style %q before any answer from the terminal", d.m.glamourStyle())
	}
	d.send(tea.BackgroundColorMsg{Color: color.White})
	d.settle()
	if d.m.glamourStyle() != "light" {
		t.Fatalf("glamour style %q on a light background", d.m.glamourStyle())
	}
	if d.frame() == dark {
		t.Fatal("the screen did not change for a light background")
	}
	d.requireScreenContains(d.m.reader.story().Headline)
}

func TestEmptyFolderAndEmptyViews(t *testing.T) {
	d := newDriver(t, 80, 24, func(o *Options) {
		o.Source = loader.Source{Paths: []string{t.TempDir()}}
	})
	d.requireScreenContains("No dumps loaded", "No stories")
	d.keys("g", "G", "j", "enter", "A", "n", "tab", "1", "m", "s", "u")
	d2 := newDriver(t, 80, 24)
	d2.keys("v", "v", "g", "G", "enter", "A") // the starred view is empty
	d2.requireScreenContains("No starred stories")
	d2.keys("v", "/")
	d2.typeText("xqzqz")
	d2.keys("enter", "g", "A")
}

func TestTinyAndOddSizes(t *testing.T) {
	d := newDriver(t, 200, 50, func(o *Options) { o.Config.SplitMinWidth = 30 })
	d.keys("enter", "tab")
	for _, size := range [][2]int{{35, 10}, {20, 5}, {12, 4}, {3, 2}, {1, 1}, {61, 20}, {80, 24}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		d.settle()
		for _, keys := range [][]string{{}, {"?"}, {"x", "w"}, {"esc", "esc", "/"}} {
			d.keys(keys...)
			screen := d.screen()
			lines := strings.Split(screen, "\n")
			if len(lines) > size[1] {
				t.Fatalf("%dx%d after %q: %d lines", size[0], size[1], keys, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Fatalf("%dx%d after %q: line %d is %d wide: %q", size[0], size[1], keys, i, w, l)
				}
			}
		}
		d.keys("esc", "esc")
	}
}

func TestHistoryAfterPreviewsInTheSplitScreen(t *testing.T) {
	d := newDriver(t, 200, 50)
	first := d.m.list.selected()
	d.keys("enter", "esc", "j")
	if d.m.reader.story() == first {
		t.Fatal("moving in the list did not preview the next story")
	}
	second := d.m.list.selected()
	d.keys("enter")
	if d.m.reader.story() != second {
		t.Fatal("enter did not open the second story")
	}
	d.keys("backspace")
	if d.m.reader.story() != first {
		t.Fatalf("back went to %v, want the first opened story", d.m.reader.story().Headline)
	}
}

func TestClicksOutsideTheRowsDoNothing(t *testing.T) {
	d := newDriver(t, 80, 24)
	before := d.screen()
	for _, y := range []int{0, 23, 40} {
		d.send(tea.MouseClickMsg{X: 10, Y: y, Button: tea.MouseLeft})
		d.send(tea.MouseClickMsg{X: 10, Y: y, Button: tea.MouseLeft})
	}
	if d.screen() != before || d.m.reader.story() != nil {
		t.Fatalf("clicks on the title and status lines changed the screen:\n%s", d.screen())
	}
	d.send(tea.MouseClickMsg{X: 10, Y: 3, Button: tea.MouseLeft})
	line := strings.Split(d.screen(), "\n")[3]
	if a := d.m.list.selected(); !strings.Contains(line, a.Headline[:20]) {
		t.Fatalf("a click on screen line 3 (%q) selected %q", line, a.Headline)
	}
	// A click selects through the list's own scrolling: far down the list,
	// the clicked story is on screen and under the cursor.
	d.keys("G")
	d.send(tea.MouseClickMsg{X: 10, Y: 5, Button: tea.MouseLeft})
	line = strings.Split(d.screen(), "\n")[5]
	if a := d.m.list.selected(); !strings.Contains(line, a.Headline[:20]) {
		t.Fatalf("after G a click on line 5 (%q) selected %q", line, a.Headline)
	}
}

func TestUndoInTheUnreadViewBringsStoriesBack(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("v") // unread only
	before, _ := d.shown()
	d.keys("A")
	d.keys("v", "v", "v") // around to unread again: the day's stories are gone
	if total, _ := d.shown(); total >= before {
		t.Fatalf("after A the unread view still shows %d of %d", total, before)
	}
	d.keys("u")
	if total, unread := d.shown(); total != before || unread != before {
		t.Fatalf("after undo the unread view shows %d (%d unread), want %d", total, unread, before)
	}
}

func TestCursorStaysNearOnViewChange(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("G", "k")
	above := d.m.list.selected()
	d.keys("j", "m")
	d.keys("v") // unread only: the story under the cursor is read, so it goes
	if got := d.m.list.selected(); got != above {
		t.Fatalf("cursor went to %q, want the story just above, %q", got.Headline, above.Headline)
	}
}

func TestFileNamesCannotDriveTheTerminal(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "empty\x1b[2J\x07.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, 80, 24, func(o *Options) {
		o.Source = loader.Source{Paths: []string{dir}}
		o.SourceLabel = dir + "\x1b]52;c;ZXZpbA==\x07"
	})
	d.keys("w")
	content := d.frame()
	for _, bad := range []string{"\x1b[2J", "\x07", "\x1b]52"} {
		if strings.Contains(content, bad) {
			t.Fatalf("%q reached the screen", bad)
		}
	}
	d.requireScreenContains("empty")
}
