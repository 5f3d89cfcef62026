package ui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"tidings/cache"
	"tidings/loader"
	"tidings/model"
	"tidings/state"
)

// startUnsettled starts a reader of dir with a parse cache in cacheDir and
// returns as soon as the first stories are on screen, before any other
// message (the check of the files among them) is taken in.
func startUnsettled(t *testing.T, dir, cacheDir string, with ...func(*Options)) *driver {
	t.Helper()
	store, err := state.Open(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{
		Source:      loader.Source{Paths: []string{dir}},
		Cache:       cache.Cache{Dir: cacheDir},
		SourceLabel: dir,
		Config:      DefaultConfig(),
		OpenStore:   func() (MarkStore, string) { return store, "" },
		NoColor:     true,
		Now:         func() time.Time { return time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC) },
	}
	for _, f := range with {
		f(&o)
	}
	d := &driver{t: t, m: New(o), msgs: make(chan tea.Msg, 64), store: store, limit: waitLimit}
	t.Cleanup(func() { d.store.Close() })
	t.Cleanup(d.m.Close)
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: 100, Height: 40})
	d.until("the first stories are shown", func() bool { return len(d.m.lib.Articles) > 0 })
	return d
}

// TestWarmFirstFrameIsTheSnapshotsThenTheCheckArrives: a start from the
// cache shows the library as the cache kept it, with no file of the
// folders looked at (a dump rewritten, one removed and one added since
// show as they were), and the check of the files that runs behind it
// brings what changed as a change, said in the status bar, after which
// the list is the one the files make.
func TestWarmFirstFrameIsTheSnapshotsThenTheCheckArrives(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 30)
	cold := cachedFolder(t, dir, cacheDir, false)
	cold.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && cold.cacheWritten() })
	cold.m.Close()

	day := filepath.Join(dir, "2025-03-03")
	writeDump(t, filepath.Join(day, "06.txt"), dumpText("Lighthouse keeper named by the council", "Quay side story 6"))
	writeDump(t, filepath.Join(day, "40.txt"), dumpText("Ferry timetable changes for the winter", "Quay side story 40"))
	if err := os.Remove(filepath.Join(day, "05.txt")); err != nil {
		t.Fatal(err)
	}

	d := startUnsettled(t, dir, cacheDir)
	if n := len(d.m.lib.Articles); n != 60 {
		t.Errorf("the first frame has %d stories, want the cache's 60", n)
	}
	if !d.m.ld.checking {
		t.Error("the files are not being checked after the first frame")
	}
	d.send(checkSlowMsg{}) // the check outlasts checkSaidAfter
	first := d.screen()
	for _, want := range []string{"Quay story number 6", "Quay story number 5", "checking files…"} {
		if !strings.Contains(first, want) {
			t.Errorf("the first frame lacks %q:\n%s", want, first)
		}
	}
	for _, unwanted := range []string{"Lighthouse", "Ferry", "Since the last start"} {
		if strings.Contains(first, unwanted) {
			t.Errorf("the first frame shows %q, which only the files say:\n%s", unwanted, first)
		}
	}

	d.until("the check's change is shown", func() bool {
		return strings.Contains(d.screen(), "Since the last start: 3 new stories") && !d.m.ld.checking
	})
	d.requireScreenContains("1 file removed")
	if strings.Contains(d.screen(), "checking files") {
		t.Errorf("the title still says the files are being checked:\n%s", d.screen())
	}
	d.until("the index follows", func() bool { return d.m.settled() })
	for _, q := range []struct {
		query string
		want  int
	}{{"lighthouse keeper", 1}, {"ferry timetable", 1}, {"number 5", 0}, {"number 6", 0}, {"number 7", 1}} {
		d.keys("/")
		d.typeText(q.query)
		d.keys("enter")
		if total, _ := d.shown(); total != q.want {
			t.Errorf("%q finds %d stories after the check, want %d:\n%s", q.query, total, q.want, d.screen())
		}
		d.keys("esc")
	}
	d.until("the cache is written back", d.cacheWritten)
}

// TestTheCheckWaitsForTheWatcher: with the folders watched, their files
// are checked against what the watcher's own walk found as it set its
// watches up, once it is ready, not before: a file written after the
// check went past it, and before its folder was watched, would be missed
// until a rescan. Meanwhile the title says the check is to come.
func TestTheCheckWaitsForTheWatcher(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 30)
	cold := cachedFolder(t, dir, cacheDir, false)
	cold.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && cold.cacheWritten() })
	cold.m.Close()
	writeDump(t, filepath.Join(dir, "2025-03-03", "40.txt"), dumpText("Ferry timetable changes for the winter", "Quay side story 40"))

	release := make(chan struct{})
	d := startUnsettled(t, dir, cacheDir, func(o *Options) {
		o.Watch = true
		o.WatchNotifier = func() (loader.Notifier, error) {
			<-release // the watcher is slow to start; then it falls back to polling
			return nil, errors.New("no watcher in this test")
		}
	})
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	if !d.m.ld.checking || d.m.watch.ready {
		t.Fatalf("the check is not waiting for the watcher's walk: checking %v, watcher ready %v", d.m.ld.checking, d.m.watch.ready)
	}
	d.send(checkSlowMsg{})
	if s := d.screen(); strings.Contains(s, "Ferry") || !strings.Contains(s, "checking files…") {
		t.Errorf("before the watcher is ready:\n%s", s)
	}
	close(release)
	d.until("the check's change is shown once the watcher is ready", func() bool {
		return strings.Contains(d.screen(), "Since the last start: 2 new stories") && !d.m.ld.checking
	})
	d.until("the watcher says it is ready", func() bool { return d.m.watch.ready })
}

// TestCacheCutShortUnderTheReader: the parse cache truncated while a
// reader started from it runs costs nothing but what it held: stories
// open, their similar stories are asked for, and a dump changed meanwhile
// comes in, with no crash (what the library kept of the file was copied
// out when it was read; what it reads of it later fails as an error).
func TestCacheCutShortUnderTheReader(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 30)
	cold := cachedFolder(t, dir, cacheDir, false)
	cold.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && cold.cacheWritten() })
	cold.m.Close()

	d := cachedFolder(t, dir, cacheDir, true)
	d.until("the folders are watched", func() bool { return d.m.watch.ready })
	for _, name := range cacheFiles(cacheDir) {
		if err := os.Truncate(name, 0); err != nil {
			t.Fatal(err)
		}
	}
	d.keys("j", "enter")
	d.requireScreenContains("It happened on the quay this morning")
	d.keys("q", "j", "enter")
	d.requireScreenContains("It happened on the quay this morning")
	d.keys("q")
	writeDump(t, filepath.Join(dir, "2025-03-03", "06.txt"), dumpText("Lighthouse keeper named by the council", "Quay side story 6"))
	d.until("the change is applied", func() bool { return strings.Contains(d.screen(), "1 new story") })
	found := false
	for _, a := range d.m.lib.Articles {
		found = found || (a.Headline == "Lighthouse keeper named by the council" && !a.Gone())
	}
	if !found {
		t.Error("the changed dump's story is not in the library")
	}
	// The filter's index lies in the file it was read from: reading it
	// now fails as an error, and it is built again from the stories' text.
	d.keys("/")
	d.typeText("number 17")
	d.until("the filter answers from an index built again", func() bool {
		s := d.screen()
		return strings.Contains(s, "Quay story number 17") && !strings.Contains(s, "Quay story number 16") && !d.m.search.indexing
	})
	if err := d.m.search.index.Err(); err != nil {
		t.Errorf("the index built again: %v", err)
	}
	if !slices.ContainsFunc(d.m.lib.Warnings, func(w model.Warning) bool { return strings.Contains(w.Reason, "filter's index is built again") }) {
		t.Errorf("no warning says the index was built again: %v", d.m.lib.Warnings)
	}
}
