package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"tidings/internal/testkit"
	"tidings/loader"
)

// dumpText is a small dump: a story with one related story.
func dumpText(headline, related string) string {
	return headline + "\nIt happened on the quay this morning, witnesses said.\nRelated Articles\n\nEsker Wire\n2 hours ago\n- Esker Wire\n" +
		related + "\nMore about it on the quay.\n"
}

func writeDump(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func watchedFolder(t *testing.T, watch bool) (*driver, string) {
	t.Helper()
	dir := t.TempDir()
	for i := range 30 {
		writeDump(t, filepath.Join(dir, "2025-03-03", fmt.Sprintf("%02d.txt", i)),
			dumpText(fmt.Sprintf("Quay story number %d", i), fmt.Sprintf("Quay side story %d", i)))
	}
	d := newDriver(t, 80, 12, func(o *Options) {
		o.Source = loader.Source{Paths: []string{dir}}
		o.Watch = watch
	})
	return d, dir
}

func TestNewDumpsShowUpWhileReading(t *testing.T) {
	d, dir := watchedFolder(t, true)
	d.keys("j", "j", "j")
	at := d.m.list.selected()
	lineOf := func(headline string) int {
		for i, l := range strings.Split(d.screen(), "\n") {
			if strings.Contains(l, headline) {
				return i
			}
		}
		return -1
	}
	row := lineOf(at.Headline)
	writeDump(t, filepath.Join(dir, "2025-03-04", "new.txt"), dumpText("Ferry returns to the quay", "Quay crowds cheer"))
	d.until("the new story is on screen", func() bool { return strings.Contains(d.screen(), "2 new stories") })
	if d.m.list.selected() != at {
		t.Fatalf("the cursor moved to %q", d.m.list.selected().Headline)
	}
	if got := lineOf(at.Headline); got != row || row < 0 {
		t.Fatalf("the story under the cursor moved from line %d to %d", row, got)
	}
	d.keys("g")
	d.requireScreenContains("Tue 4 Mar 2025", "Ferry returns to the quay")

	// A burst: forty files copied at once are one update.
	for i := range 40 {
		writeDump(t, filepath.Join(dir, "2025-03-05", fmt.Sprintf("%02d.txt", i)),
			dumpText(fmt.Sprintf("Harbour story number %d", i), fmt.Sprintf("Harbour side story %d", i)))
	}
	d.until("the burst is in", func() bool { return strings.Contains(d.screen(), "80 new stories") })

	if err := os.Remove(filepath.Join(dir, "2025-03-04", "new.txt")); err != nil {
		t.Fatal(err)
	}
	d.until("the removal is noted", func() bool { return strings.Contains(d.screen(), "1 file removed") })
}

func TestRescanByHand(t *testing.T) {
	d, dir := watchedFolder(t, false)
	d.keys("r")
	d.until("the rescan answers", func() bool { return strings.Contains(d.screen(), "Nothing new") })
	writeDump(t, filepath.Join(dir, "2025-03-04", "new.txt"), dumpText("Ferry returns to the quay", "Quay crowds cheer"))
	// Nothing watches (no watcher was started), so only r sees it.
	if d.m.watch.ch != nil {
		t.Fatal("a watch runs although it was turned off")
	}
	if strings.Contains(d.screen(), "new stor") {
		t.Fatal("a change showed up without a watch")
	}
	d.keys("r")
	d.until("the rescan loads the new file", func() bool { return strings.Contains(d.screen(), "2 new stories") })
	d.keys("g")
	d.requireScreenContains("Ferry returns to the quay")
}

func TestCloseStopsTheWatch(t *testing.T) {
	before := runtime.NumGoroutine()
	d, _ := watchedFolder(t, true)
	d.m.Close()
	d.store.Close()
	gone := func() bool { return runtime.NumGoroutine() <= before }
	testkit.WaitFor(t, "the watch's goroutines to end after Close", gone)
}

// Live changes are said in the status bar: a rewritten dump's story
// changed, the open story's dump removed ("Gone:" in the pane at once,
// naming the dump), and after r what happened, never "0 new stories".
func TestLiveChangesAreSaid(t *testing.T) {
	d, _ := watchedFolder(t, true)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	d.keys("j", "j", "j", "enter")
	open := d.m.reader.story()
	if len(open.Pages()) != 1 || d.m.lib.MainOf(open.Pages()[0]) != open {
		t.Fatalf("the open story %q is not the main story of one dump", open.Headline)
	}
	path := open.Pages()[0].Path
	n := strings.TrimPrefix(open.Headline, "Quay story number ")
	rewritten := strings.Replace(dumpText(open.Headline, "Quay side story "+n), "witnesses said.", "witnesses said, and the harbour master agreed.", 1)
	writeDump(t, path, rewritten)
	d.until("the change is said", func() bool { return strings.Contains(d.screen(), "1 story changed") })
	d.until("the new text is shown", func() bool { return strings.Contains(d.screen(), "harbour master agreed") })
	if strings.Contains(d.screen(), "new stor") {
		t.Fatalf("a changed story is called new:\n%s", d.screen())
	}
	d.keys("j")                   // a key clears the message
	writeDump(t, path, rewritten) // the same text again: read again, nothing changed
	d.until("the unchanged rewrite is said", func() bool { return strings.Contains(d.screen(), "1 file read again: no story changed") })

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	d.until("the removal is said", func() bool { return strings.Contains(d.screen(), "1 file removed") })
	d.requireScreenContains("Gone: ", filepath.Base(path)+" no longer holds this story")
	if strings.Contains(d.screen(), "harbour master agreed") || strings.Contains(d.screen(), "0 new") {
		t.Fatalf("the removed story's text stays, or a zero is said:\n%s", d.screen())
	}
	d.keys("r")
	d.until("the rescan answers", func() bool { return strings.Contains(d.screen(), "Nothing new") })
}

// By hand: a removal found by r is said as such, not as "0 new stories".
func TestRescanSaysARemoval(t *testing.T) {
	d, dir := watchedFolder(t, false)
	d.keys("r")
	d.until("the baseline", func() bool { return strings.Contains(d.screen(), "Nothing new") })
	if err := os.Remove(filepath.Join(dir, "2025-03-03", "05.txt")); err != nil {
		t.Fatal(err)
	}
	d.keys("r")
	d.until("the removal is said", func() bool { return strings.Contains(d.screen(), "1 file removed") })
	if strings.Contains(d.screen(), "0 new") {
		t.Fatalf("a zero is said:\n%s", d.screen())
	}
}

// A dump emptied (or turned to binary) in place leaves the list as a
// removed one does, but it is still there: it is said as a file that no
// longer loads, with its reason, not as removed.
func TestAFileThatNoLongerLoadsIsNotSaidAsRemoved(t *testing.T) {
	d, dir := watchedFolder(t, false)
	d.keys("r")
	d.until("the baseline", func() bool { return strings.Contains(d.screen(), "Nothing new") })
	writeDump(t, filepath.Join(dir, "2025-03-03", "05.txt"), "")
	d.keys("r")
	d.until("the change is said", func() bool {
		return strings.Contains(d.m.status, "no longer loads") || strings.Contains(d.m.status, "removed")
	})
	if want := "05.txt no longer loads (not a dump: the file is empty)"; !strings.Contains(d.m.status, want) || strings.Contains(d.m.status, "removed") {
		t.Fatalf("status %q, want %q", d.m.status, want)
	}
	writeDump(t, filepath.Join(dir, "2025-03-03", "06.txt"), "")
	writeDump(t, filepath.Join(dir, "2025-03-03", "07.txt"), "\x00\x01\x02")
	if err := os.Remove(filepath.Join(dir, "2025-03-03", "08.txt")); err != nil {
		t.Fatal(err)
	}
	d.keys("r")
	d.until("the second change is said", func() bool { return strings.Contains(d.m.status, "2 files no longer load") })
	if !strings.Contains(d.m.status, "1 file removed") {
		t.Fatalf("status %q, want the removed file counted apart", d.m.status)
	}
}

func TestFolderChangeNote(t *testing.T) {
	for _, c := range []struct {
		change folderChange
		want   string
	}{
		{folderChange{changed: 1}, "1 story changed"},
		{folderChange{removed: 1}, "1 file removed"},
		{folderChange{removed: 1, byHand: true}, "1 file removed"},
		{folderChange{byHand: true}, "Nothing new in the folders"},
		{folderChange{}, ""},
		{folderChange{reread: 2}, "2 files read again: no story changed"},
		{folderChange{added: 1200, changed: 2, removed: 3}, "1,200 new stories · 2 stories changed · 3 files removed"},
	} {
		if got := c.change.note(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.change, got, c.want)
		}
	}
}

// The filter's day: and source: conditions are read from facets made
// once the library is loaded; a change must reach them: a story moved to
// another day, and a new source.
func TestFilterDaysAndSourcesFollowChanges(t *testing.T) {
	d, dir := watchedFolder(t, false)
	d.until("the facets are made", func() bool { return d.m.search.facets != nil })
	moved := filepath.Join(dir, "2025-03-03", "07.txt")
	if err := os.Remove(moved); err != nil {
		t.Fatal(err)
	}
	writeDump(t, filepath.Join(dir, "2025-03-05", "07.txt"), dumpText("Quay story number 7", "Quay side story 7"))
	writeDump(t, filepath.Join(dir, "2025-03-04", "new.txt"), strings.ReplaceAll(
		dumpText("Ferry returns to the quay", "Quay crowds cheer"), "Esker Wire", "Tarn Herald"))
	// A story the library has, whose source its file now names otherwise.
	writeDump(t, filepath.Join(dir, "2025-03-03", "09.txt"), strings.ReplaceAll(
		dumpText("Quay story number 9", "Quay side story 9"), "Esker Wire", "Fjord Courier"))
	d.keys("r")
	d.until("the rescan loads the changes", func() bool { return strings.Contains(d.screen(), "new stor") })
	d.until("the index takes them in", func() bool { return !d.m.search.indexing })
	for query, want := range map[string][]string{
		"day:2025-03-05":   {"Quay story number 7", "Quay side story 7"},
		"source:tarn":      {"Quay crowds cheer"},
		"source:fjord":     {"Quay side story 9"},
		"day:2025-03-04..": {"Quay story number 7", "Quay side story 7", "Ferry returns to the quay", "Quay crowds cheer"},
	} {
		d.keys("/")
		d.typeText(query)
		d.until("the filter answers "+query, func() bool { return !d.m.filterPending() })
		total, _ := d.shown()
		if total != len(want) {
			t.Errorf("%s: %d stories shown, want %d (%q):\n%s", query, total, len(want), want, d.screen())
		}
		d.requireScreenContains(want...)
		d.keys("esc")
	}
	if d.m.search.facets == nil {
		t.Fatal("the facets were dropped: the test did not test their update")
	}
}
