package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"tidings/loader"

	"tidings/model"
	"tidings/model/state"
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
		golden.RequireEqual(t, d.screen())
	})
}

func TestReadingPane(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		first := d.m.list.selected()
		d.keys("enter")
		if d.m.reader.art != first || !d.m.mk.isRead(first) {
			t.Fatalf("enter did not open and mark %q", first.Headline)
		}
		d.requireScreenContains(first.Headline)
		golden.RequireEqual(t, d.screen())
	})
}

func TestRelatedNavigationAndHistory(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		d.keys("enter")
		start := d.m.reader.art
		if len(start.Related) < 2 {
			t.Fatalf("first sample story has %d related stories", len(start.Related))
		}
		d.keys("tab", "tab")
		if d.m.reader.selectedRelated() != start.Related[1] {
			t.Fatal("tab twice did not select the second related story")
		}
		d.keys("enter")
		second := d.m.reader.art
		if second != start.Related[1] {
			t.Fatalf("enter opened %q", second.Headline)
		}
		d.requireScreenContains(second.Headline)
		golden.RequireEqual(t, d.screen())

		// Scroll the second story, go back, forward: each keeps its place.
		d.keys("pgdown")
		offset := d.m.reader.pg.offset
		d.keys("backspace")
		if d.m.reader.art != start {
			t.Fatalf("back went to %q", d.m.reader.art.Headline)
		}
		t.Run("back", func(t *testing.T) { golden.RequireEqual(t, d.screen()) })
		d.keys("]")
		if d.m.reader.art != second || d.m.reader.pg.offset != offset {
			t.Fatalf("forward went to %q at line %d, want line %d", d.m.reader.art.Headline, d.m.reader.pg.offset, offset)
		}
		d.keys("[")
		d.keys("3")
		if d.m.reader.selectedRelated() != start.Related[2] {
			t.Fatal("digit 3 did not select the third related story")
		}
	})
}

func TestRelatedLinksGoBothWays(t *testing.T) {
	d := newDriver(t, 200, 50)
	for _, a := range d.m.lib.Articles {
		for _, r := range a.Related {
			found := false
			for _, back := range r.Related {
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
		total := d.m.list.total
		d.keys("/")
		for _, q := range []string{"f", "fe", "fer", "ferr", "ferry"} {
			d.typeText(q[len(q)-1:])
			want := countMatches(d.m.lib.Articles, q)
			if d.m.list.total != want {
				t.Fatalf("after typing %q the list shows %d stories, want %d (a stale query?)", q, d.m.list.total, want)
			}
		}
		if d.m.list.total == 0 || d.m.list.total >= total {
			t.Fatalf("filter 'ferry' shows %d of %d", d.m.list.total, total)
		}
		d.requireScreenContains("/ferry", "matches")
		golden.RequireEqual(t, d.screen())
		d.keys("esc")
		if d.m.query != "" || d.m.list.total != total {
			t.Fatalf("esc left query %q and %d stories", d.m.query, d.m.list.total)
		}
	})
}

// countMatches is the filter's meaning spelled out: every word of the query
// begins a word of the story's headline, source or text.
func countMatches(articles []*model.Article, query string) int {
	n := 0
	for _, a := range articles {
		text := " " + model.NormalizeText(a.Headline+" "+a.Source+" "+strings.Join(a.Paragraphs, " ")+" "+entriesText(a))
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
	for _, e := range a.Entries {
		parts = append(parts, e.Author, e.Text)
	}
	return strings.Join(parts, " ")
}

func TestMarkAllReadAndUndo(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		day := d.m.list.rows[d.m.list.cursor].day
		before := d.m.list.dayUnread[day.Date]
		d.keys("A")
		if d.m.list.dayUnread[day.Date] != 0 {
			t.Fatalf("A left %d unread", d.m.list.dayUnread[day.Date])
		}
		d.requireScreenContains(fmt.Sprintf("Marked %d stories read", before))
		golden.RequireEqual(t, d.screen())
		d.keys("m") // a second action, undone first
		d.keys("u", "u")
		if d.m.list.dayUnread[day.Date] != before {
			t.Fatalf("after two undos %d unread, want %d", d.m.list.dayUnread[day.Date], before)
		}
		d.requireScreenContains("Undone")
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
	d0 := newDriver(t, 80, 24)
	id := d0.m.list.selected().ID
	store.Apply(state.Change{ID: id, Kind: state.Read}, state.Change{ID: id, Kind: state.Star})
	store.Flush()
	d := newDriver(t, 80, 24, func(o *Options) {
		o.OpenStore = func() (MarkStore, string) { return store, "" }
	})
	a := d.m.lib.ByID(id)
	if !d.m.mk.isRead(a) || !d.m.mk.isStarred(a) {
		t.Fatal("marks from the store were not applied")
	}
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
	for _, r := range d.m.list.rows {
		if r.art != nil && d.m.mk.isRead(r.art) {
			t.Fatalf("unread view shows read story %q", r.art.Headline)
		}
	}
	d.keys("v") // starred only: none yet
	if d.m.list.total != 0 {
		t.Fatalf("starred view shows %d stories", d.m.list.total)
	}
	d.requireScreenContains("No starred stories")
}

func TestHelpScreen(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		d.keys("?")
		for _, want := range []string{"next unread", "mark day/filter read", "undo", "filter", "quit"} {
			d.requireScreenContains(want)
		}
		golden.RequireEqual(t, d.screen())
		d.keys("x")
		if d.m.showHelp {
			t.Fatal("a key did not close the help")
		}
	})
}

func TestWarningsList(t *testing.T) {
	d := newDriver(t, 80, 24, func(o *Options) {
		o.Source.FS = nil
		o.Source.Paths = []string{"../testdata/dumps", "/nonexistent/folder"}
	})
	if len(d.m.lib.Warnings) == 0 {
		t.Fatal("no warnings from a folder of bad files")
	}
	d.requireScreenContains(fmt.Sprintf("⚠ %d (w)", len(d.m.lib.Warnings)))
	d.keys("w")
	d.requireScreenContains("warning", "/nonexistent/folder")
}

func TestNothingFromADumpReachesTheTerminal(t *testing.T) {
	d := newDriver(t, 200, 50, func(o *Options) {
		o.Source.FS = nil
		o.Source.Paths = []string{"../testdata/dumps"}
	})
	for _, a := range d.m.lib.Articles {
		d.m.list.selectArticle(a)
		d.send(keyPress("enter"))
		d.settleReader()
		content := d.m.View().Content
		for _, bad := range []string{"\x07", "\x08", "\x1b]52", "\x1b]8;;http", "\x1b[2J", "\x00"} {
			if strings.Contains(content, bad) {
				t.Fatalf("story %q put %q on the screen", a.Headline, bad)
			}
		}
		d.send(keyPress("esc"))
	}
}

func TestFilterWaitsForTheIndex(t *testing.T) {
	d := newDriver(t, 80, 24)
	index := d.m.index
	d.m.index = nil // as just after loading, before the index is built
	d.keys("/")
	d.typeText("ferry")
	if d.m.list.total != 0 {
		t.Fatalf("without an index the list shows %d stories", d.m.list.total)
	}
	d.requireScreenContains("Indexing the text")
	d.send(indexBuiltMsg{index})
	if want := countMatches(d.m.lib.Articles, "ferry"); d.m.list.total != want || want == 0 {
		t.Fatalf("once indexed the list shows %d stories, want %d", d.m.list.total, want)
	}
}

// Pages that load before the store has opened wait for the marks, so that
// no read story is ever shown as unread.
func TestPagesLoadedBeforeTheStoreOpensGetTheirMarks(t *testing.T) {
	first := newDriver(t, 80, 24)
	id := first.m.list.selected().ID
	store := state.NewMemory("")
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
	d.until("pages wait for the store", func() bool { return len(d.m.pending) > 0 })
	if len(d.m.lib.Articles) != 0 {
		t.Fatal("pages were shown before the marks were known")
	}
	close(gate)
	d.until("loaded", func() bool { return !d.m.loading && d.m.storeReady })
	if a := d.m.lib.ByID(id); a == nil || !d.m.mk.isRead(a) {
		t.Fatal("the saved read mark was not applied")
	}
}

func TestLightBackgroundSwitchesThemes(t *testing.T) {
	d := newDriver(t, 200, 50, func(o *Options) { o.NoColor = false })
	d.keys("enter")
	if d.m.glamourStyle() != "dark" {
		t.Fatalf("style %q before any answer from the terminal", d.m.glamourStyle())
	}
	d.send(tea.BackgroundColorMsg{Color: color.White})
	d.settleReader()
	key := d.m.renderKeyFor(d.m.reader.art)
	if key.style != "light" {
		t.Fatalf("glamour style %q on a light background", key.style)
	}
	d.until("rendered in the light style", func() bool {
		_, ok := d.m.cache.get(key)
		return ok
	})
	if d.m.ctx.Dark {
		t.Fatal("a white background was taken for a dark one")
	}
	d.requireScreenContains(d.m.reader.art.Headline)
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
		d.settleReader()
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
	if d.m.reader.art == first {
		t.Fatal("moving in the list did not preview the next story")
	}
	second := d.m.list.selected()
	d.keys("enter")
	if d.m.reader.art != second {
		t.Fatal("enter did not open the second story")
	}
	d.keys("backspace")
	if d.m.reader.art != first {
		t.Fatalf("back went to %v, want the first opened story", d.m.reader.art.Headline)
	}
}

func TestClicksOutsideTheRowsDoNothing(t *testing.T) {
	d := newDriver(t, 80, 24)
	cursor := d.m.list.cursor
	for _, y := range []int{0, 23, 40} {
		d.send(tea.MouseClickMsg{X: 10, Y: y, Button: tea.MouseLeft})
		d.send(tea.MouseClickMsg{X: 10, Y: y, Button: tea.MouseLeft})
	}
	if d.m.list.cursor != cursor || d.m.reader.art != nil {
		t.Fatalf("clicks on the title and status lines moved the cursor to %d or opened %v", d.m.list.cursor, d.m.reader.art)
	}
	d.send(tea.MouseClickMsg{X: 10, Y: 3, Button: tea.MouseLeft})
	if d.m.list.cursor != d.m.list.offset+2 {
		t.Fatalf("a click on screen line 3 put the cursor on row %d", d.m.list.cursor)
	}
}

func TestUndoInTheUnreadViewBringsStoriesBack(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("v") // unread only
	before := d.m.list.total
	d.keys("A")
	d.keys("v", "v", "v") // around to unread again: the day's stories are gone
	if d.m.list.total >= before {
		t.Fatalf("after A the unread view still shows %d of %d", d.m.list.total, before)
	}
	d.keys("u")
	if d.m.list.total != before || d.m.list.unread != before {
		t.Fatalf("after undo the unread view shows %d (%d unread), want %d", d.m.list.total, d.m.list.unread, before)
	}
}

func TestCursorStaysNearOnViewChange(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("G", "m")
	last := d.m.list.cursor
	d.keys("v") // unread only: the story under the cursor is read, so it goes
	if d.m.list.cursor < last-3 {
		t.Fatalf("cursor jumped from row %d to row %d", last, d.m.list.cursor)
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
	content := d.m.View().Content
	for _, bad := range []string{"\x1b[2J", "\x07", "\x1b]52"} {
		if strings.Contains(content, bad) {
			t.Fatalf("%q reached the screen", bad)
		}
	}
	d.requireScreenContains("empty")
}
