package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"tidings/loader"
	"tidings/model"
)

// A change that arrives while a command reads the library waits for its
// reply, whichever kind of read it is, and is applied after it.
func TestChangesWaitForEveryReader(t *testing.T) {
	reads := []struct {
		name  string
		start func(d *driver) tea.Cmd
	}{
		{"building the filter index", func(d *driver) tea.Cmd { return d.m.buildIndex() }},
		{"finding similar stories", func(d *driver) tea.Cmd {
			a := d.m.lib.Articles[0]
			delete(d.m.search.found, a)
			return d.m.requestSimilar(a)
		}},
		{"checking a phrase", func(d *driver) tea.Cmd {
			d.m.filter.query = `"quay story"`
			return d.m.matchFilter()
		}},
		{"writing the parse cache", func(d *driver) tea.Cmd {
			d.m.search.cacheDirty = true
			return d.m.writeCache()
		}},
		{"rescanning", func(d *driver) tea.Cmd { return d.m.rescan(true) }},
	}
	for _, read := range reads {
		t.Run(read.name, func(t *testing.T) {
			dir, cacheDir := t.TempDir(), t.TempDir()
			writeQuayDumps(t, dir, 10)
			d := cachedFolder(t, dir, cacheDir, false)
			d.until("settled", d.cacheWritten)
			cmd := read.start(d)
			if cmd == nil || d.m.search.readers != 1 {
				t.Fatalf("no read started (%d readers)", d.m.search.readers)
			}
			path := filepath.Join(dir, "2025-03-09", "new.txt")
			writeDump(t, path, dumpText("Lighthouse keeper named by the council", "Keeper side story"))
			change := readChange(d.m.lib, []string{dir}, loader.Change{Written: []string{path}})()
			d.send(change)
			if len(d.m.changes.pending) != 1 || d.m.lib.ByID(model.StoryID("Lighthouse keeper named by the council", "", "")) != nil {
				t.Fatal("the change was applied while the library was read")
			}
			d.send(cmd()) // the read replies
			if d.m.lib.ByID(model.StoryID("Lighthouse keeper named by the council", "", "")) == nil || len(d.m.changes.pending) != 0 {
				t.Fatal("the change was not applied once the read replied")
			}
		})
	}
}

// A folder reached through a symbolic link (a day folder inside the opened
// one) is rescanned as the loader reads it.
func TestRescanFollowsSymlinkedFolders(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 3)
	if err := os.Symlink(elsewhere, filepath.Join(dir, "2025-03-05")); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, 100, 20, func(o *Options) { o.Source = loader.Source{Paths: []string{dir}} })
	writeDump(t, filepath.Join(elsewhere, "a.txt"), dumpText("Ferry returns through the linked folder", "Linked side story"))
	d.keys("r")
	d.until("the rescan finds the file", func() bool { return strings.Contains(d.screen(), "2 new stories") })
	d.keys("g")
	d.requireScreenContains("Ferry returns through the linked folder")
}

// failingNotifier is a watcher that cannot start.
func failingNotifier() (loader.Notifier, error) {
	return nil, errors.New("inotify_init: too many open files")
}

// What cannot be watched is said in the status bar and listed under w,
// and the folders are polled instead.
func TestWatcherFailuresAreSaid(t *testing.T) {
	dir := t.TempDir()
	writeQuayDumps(t, dir, 3)
	d := newDriver(t, 100, 20, func(o *Options) {
		o.Source = loader.Source{Paths: []string{dir}}
		o.Watch = true
		o.WatchNotifier = failingNotifier
		o.Config.WatchPoll = 0
	})
	d.until("the failure is said", func() bool { return strings.Contains(d.screen(), "too many open files") })
	d.keys("w")
	d.requireScreenContains("watching", "too many open files")
}

// Issue 19: a folder that can no longer be read is said as a cold start
// says it, with the reason, and its files are not counted as removed: they
// leave with it. (The walk reports such a folder as a skipped file, and
// its files as gone; tests run as root here, who can read any folder, so
// the change is made as the rescan makes it.)
func TestAnUnreadableFolderIsSaidWithItsReason(t *testing.T) {
	d, dir := watchedFolder(t, false)
	day := filepath.Join(dir, "2025-03-03")
	c := model.Changes{Skipped: []model.Skipped{{FileRef: model.FileRef{Key: loader.Canonical(day), Path: day, Order: "000000\x002025-03-03"},
		Reason: "permission denied"}}}
	for _, p := range d.m.lib.Pages {
		c.Removed = append(c.Removed, p.Key)
	}
	d.send(changesReadMsg{changes: c, byHand: true, scan: true})
	// The status line is cut at 80 columns; the whole message is the model's.
	if want := day + " cannot be read (permission denied): its 30 files left"; d.m.status != want {
		t.Errorf("status %q, want %q", d.m.status, want)
	}
	if strings.Contains(d.m.status, "removed") {
		t.Errorf("the folder's files are said as removed: %q", d.m.status)
	}
	if days := d.m.lib.Days(); len(days) != 0 {
		t.Errorf("%d days of stories still listed", len(days))
	}
	d.keys("w")
	d.requireScreenContains("2025-03-03", "permission denied")
}
