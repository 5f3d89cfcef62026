package ui

import (
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/fsnotify/fsnotify"

	"tidings/loader"
	"tidings/model"
)

// writingNotifier is fsnotify's watcher, calling before (when set) with
// each folder about to be watched.
type writingNotifier struct {
	*fsnotify.Watcher
	before func(dir string)
}

func (n writingNotifier) Add(dir string) error {
	if n.before != nil {
		n.before(dir)
	}
	return n.Watcher.Add(dir)
}
func (n writingNotifier) Events() <-chan fsnotify.Event { return n.Watcher.Events }
func (n writingNotifier) Errors() <-chan error          { return n.Watcher.Errors }

// TestAFileWrittenWhileTheStartWalksIsNotMissed: a warm start walks its
// files while the cache is read, the watcher watching each folder before
// it is listed; a dump written into a folder the walk has passed (as it
// goes on to the next), and one rewritten there, both arrive, with no
// rescan, and once the check is done the list is the files'.
func TestAFileWrittenWhileTheStartWalksIsNotMissed(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 30)
	next := filepath.Join(dir, "2025-03-04")
	writeDump(t, filepath.Join(next, "00.txt"), dumpText("Harbour wall repaired before the storm", "Quay side story 50"))
	cold := cachedFolder(t, dir, cacheDir, false)
	cold.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && cold.cacheWritten() })
	cold.m.Close()

	passed := filepath.Join(dir, "2025-03-03")
	written := make(chan bool, 1)
	d := startUnsettled(t, dir, cacheDir, func(o *Options) {
		o.Watch = true
		o.WatchNotifier = func() (loader.Notifier, error) {
			w, err := fsnotify.NewWatcher()
			if err != nil {
				return nil, err
			}
			return writingNotifier{w, func(folder string) {
				if folder != next {
					return
				}
				// The walk has listed the first day: write there.
				writeDump(t, filepath.Join(passed, "40.txt"), dumpText("Ferry timetable changes for the winter", "Quay side story 40"))
				writeDump(t, filepath.Join(passed, "07.txt"), dumpText("Lighthouse keeper named by the council, at length", "Quay side story 7"))
				written <- true
			}}, nil
		}
	})
	<-written
	d.until("both dumps written behind the walk are in", func() bool {
		s := d.screen()
		return !d.m.ld.checking && strings.Contains(s, "Ferry timetable") && strings.Contains(s, "Lighthouse keeper")
	})
	if d.m.watch.scanning {
		t.Error("a rescan was needed")
	}
	for _, q := range []struct {
		query string
		want  int
	}{{"ferry timetable", 1}, {"lighthouse keeper", 1}, {"harbour wall", 1}, {"number 7", 0}, {"number 8", 1}} {
		d.until("the index follows", func() bool { return d.m.settled() })
		d.keys("/")
		d.typeText(q.query)
		d.keys("enter")
		if total, _ := d.shown(); total != q.want {
			t.Errorf("%q finds %d stories, want %d:\n%s", q.query, total, q.want, d.screen())
		}
		d.keys("esc")
	}
}

// TestTheStartWalkWaitsForTheCheck: the start's walk finds no more than
// walkAhead files before the library is loaded, then waits for the check
// to take them; the check then takes the rest as the walk goes on, and
// finds what changed in any of them.
func TestTheStartWalkWaitsForTheCheck(t *testing.T) {
	defer func(n int) { walkAhead = n }(walkAhead)
	walkAhead = 4
	dir, cacheDir := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 30)
	cold := cachedFolder(t, dir, cacheDir, false)
	cold.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && cold.cacheWritten() })
	cold.m.Close()
	day := filepath.Join(dir, "2025-03-03")
	writeDump(t, filepath.Join(day, "29.txt"), dumpText("Lighthouse keeper named by the council", "Quay side story 29"))
	writeDump(t, filepath.Join(day, "40.txt"), dumpText("Ferry timetable changes for the winter", "Quay side story 40"))

	for _, watch := range []bool{true, false} {
		var walk *startWalk
		d := startUnsettled(t, dir, cacheDir, func(o *Options) { o.Watch = watch })
		if walk = d.m.ld.walk; walk == nil {
			t.Fatalf("watch %v: the start did not walk its files as the cache was read", watch)
		}
		d.until("the check's change is shown", func() bool {
			return strings.Contains(d.screen(), "Since the last start") && !d.m.ld.checking
		})
		walk.mu.Lock()
		held := walk.held
		walk.mu.Unlock()
		if held > walkAhead {
			t.Errorf("watch %v: the walk found %d files before the check took them, more than %d", watch, held, walkAhead)
		}
		found := 0
		for _, a := range d.m.lib.Articles {
			if !a.Gone() && (a.Headline == "Lighthouse keeper named by the council" || a.Headline == "Ferry timetable changes for the winter") {
				found++
			}
		}
		if found != 2 {
			t.Errorf("watch %v: %d of the 2 dumps changed are in the library", watch, found)
		}
		d.m.Close()
	}
}

// TestTheStartWalksListsAreFilledAgain: during the check, the walk keeps
// no further ahead of it than walkAhead, and fills again the lists the
// check has compared; what the check reads is what the walk found, in its
// order, however the lists were reused.
func TestTheStartWalksListsAreFilledAgain(t *testing.T) {
	defer func(n int) { walkAhead = n }(walkAhead)
	walkAhead = 2 * walkList
	const files = 40 * walkList
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	walk := newStartWalk()
	go func() {
		for i := range files {
			walk.add(loader.Found{FileRef: model.FileRef{Path: strconv.Itoa(i)}})
		}
		walk.finish(true)
	}()
	i := 0
	for f := range walk.take(nil) {
		if f.Path != strconv.Itoa(i) {
			t.Fatalf("file %d of the walk read as %q", i, f.Path)
		}
		i++
	}
	if i != files {
		t.Fatalf("the check read %d files of %d", i, files)
	}
	// Allocated: four lists and the names (16 bytes a file, twice), not
	// forty lists.
	runtime.ReadMemStats(&after)
	list := int(unsafe.Sizeof(loader.Found{})) * walkList
	if got, want := after.TotalAlloc-before.TotalAlloc, uint64(4*list+2*16*files+list); got > want {
		t.Errorf("the walk and the check allocated %d bytes, more than %d: %d lists' worth", got, want, got/uint64(list))
	}
	walk.mu.Lock()
	defer walk.mu.Unlock()
	// Every list made is given back once read: four at most (two ahead,
	// one being read, one begun), not one for each 1,024 files.
	if len(walk.free) == 0 || len(walk.free) > 4 {
		t.Errorf("the walk made %d lists for %d files", len(walk.free), files)
	}
	for _, list := range walk.free {
		if len(list) != 0 || slices.ContainsFunc(list[:cap(list)], func(f loader.Found) bool { return f.Path != "" }) {
			t.Error("a list given back still names files")
		}
	}
}

// TestTheStartWalkNamesFilesOnlyDuringTheCheck: once the check has taken
// the walk, a file its library has a page for is named with the page's
// strings (the walk makes none for it); before that, and once the walk is
// dropped (changes may be applied then), nothing is named.
func TestTheStartWalkNamesFilesOnlyDuringTheCheck(t *testing.T) {
	lib := model.NewLibrary()
	lib.Add(&model.Dump{FileRef: model.FileRef{Key: "/d/a.txt", Path: "/d/a.txt", Order: "000000\x00a.txt"}, Layout: model.LayoutArticle,
		Day: "2025-03-03", Main: &model.Story{ID: model.StoryID("Harbour reopens", "", ""), Headline: "Harbour reopens"}})
	walk := newStartWalk()
	if _, ok := walk.named([]byte("/d/a.txt")); ok {
		t.Error("a file named before the check took the walk")
	}
	walk.finish(true)
	for range walk.take(lib) {
	}
	ref, ok := walk.named([]byte("/d/a.txt"))
	page := lib.PageByKey("/d/a.txt")
	if !ok || ref.Key != page.Key || unsafe.StringData(ref.Path) != unsafe.StringData(page.Path) || unsafe.StringData(ref.Order) != unsafe.StringData(page.Order) {
		t.Errorf("during the check: %+v, %v; want the page's %+v", ref, ok, page.FileRef)
	}
	if _, ok := walk.named([]byte("/d/b.txt")); ok {
		t.Error("a file the library has no page for was named")
	}
	walk.drop()
	if _, ok := walk.named([]byte("/d/a.txt")); ok {
		t.Error("a file named after the walk was dropped")
	}
}
