package loader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"tidings/internal/testkit"
)

// watching runs Watch on dir and returns its reports as they come, once
// the folders are watched.
func watching(t *testing.T, dir string, settle, poll time.Duration) <-chan Change {
	t.Helper()
	return watchingWith(t, []string{dir}, WatchOptions{Settle: settle, Poll: poll})
}

func watchingWith(t *testing.T, paths []string, opts WatchOptions) <-chan Change {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	changes := make(chan Change, 64)
	done := make(chan struct{})
	ready := make(chan struct{})
	opts.Ready = func() { close(ready) }
	go func() {
		defer close(done)
		Watch(ctx, paths, opts, func(c Change) {
			if !c.Watching {
				changes <- c
			}
		})
	}()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case <-ready:
	case <-time.After(testkit.Hang):
		t.Fatal("the watch never started")
	}
	return changes
}

func next(t *testing.T, changes <-chan Change) Change {
	t.Helper()
	select {
	case c := <-changes:
		slices.Sort(c.Written)
		slices.Sort(c.Removed)
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no change reported")
	}
	return Change{}
}

func TestWatchReportsNewChangedRenamedAndRemovedFiles(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"events", 0}, {"polling", 150 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			dir := t.TempDir()
			day := filepath.Join(dir, "2025-03-03")
			writeFile(t, filepath.Join(day, "old.txt"), "Old story\nText.\n")
			changes := watching(t, dir, 100*time.Millisecond, mode.poll)

			a := filepath.Join(day, "a.txt")
			writeFile(t, a, "A story\nText.\n")
			if c := next(t, changes); !slices.Equal(c.Written, []string{a}) || len(c.Removed) > 0 {
				t.Fatalf("new file: %+v", c)
			}
			writeFile(t, a, "A story\nMore text now.\n")
			if c := next(t, changes); !slices.Equal(c.Written, []string{a}) {
				t.Fatalf("changed file: %+v", c)
			}
			// Written under a hidden name, then renamed into place, as
			// downloaders and rsync do: only the final name is reported.
			partial, b := filepath.Join(day, ".b.txt.part"), filepath.Join(day, "b.txt")
			writeFile(t, partial, "B story\nText.\n")
			if err := os.Rename(partial, b); err != nil {
				t.Fatal(err)
			}
			if c := next(t, changes); !slices.Equal(c.Written, []string{b}) {
				t.Fatalf("renamed into place: %+v", c)
			}
			newDay := filepath.Join(dir, "2025-03-04", "c.txt")
			writeFile(t, newDay, "C story\nText.\n")
			if c := next(t, changes); !slices.Equal(c.Written, []string{newDay}) {
				t.Fatalf("file in a new day folder: %+v", c)
			}
			if err := os.Remove(a); err != nil {
				t.Fatal(err)
			}
			if c := next(t, changes); !slices.Equal(c.Removed, []string{a}) {
				t.Fatalf("removed file: %+v", c)
			}
		})
	}
}

// A burst of files copied at once is one report.
func TestWatchReportsABurstOnce(t *testing.T) {
	dir := t.TempDir()
	// The production settle: a burst may take up to ten of them (3 s) to
	// write, even on a loaded machine.
	changes := watching(t, dir, 300*time.Millisecond, 0)
	var want []string
	for i := range 300 {
		path := filepath.Join(dir, "2025-03-05", fmt.Sprintf("%03d.txt", i))
		writeFile(t, path, fmt.Sprintf("Story %d\nText.\n", i))
		want = append(want, path)
	}
	c := next(t, changes)
	if !slices.Equal(c.Written, want) {
		t.Fatalf("a burst of 300 files came as %d written first", len(c.Written))
	}
}

func TestScanAndDiff(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	writeFile(t, a, "A\n")
	writeFile(t, b, "B\n")
	writeFile(t, filepath.Join(dir, ".hidden"), "H\n")
	before := scanStamps([]string{dir}, nil, nil)
	if len(before) != 2 {
		t.Fatalf("scan found %d files, want the 2 not hidden", len(before))
	}
	writeFile(t, a, "A longer\n")
	os.Remove(b)
	c := filepath.Join(dir, "c.txt")
	writeFile(t, c, "C\n")
	d := stampChanges(before, scanStamps([]string{dir}, nil, nil))
	if !slices.Equal(d.Written, []string{a, c}) || !slices.Equal(d.Removed, []string{b}) {
		t.Fatalf("diff %+v", d)
	}
}

// A folder reached through a symbolic link, the opened path itself or a
// day folder inside it, is watched as the loader reads it.
func TestWatchFollowsSymlinkedFolders(t *testing.T) {
	real := t.TempDir()
	elsewhere := t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(real, "2025-03-06")); err != nil {
		t.Fatal(err)
	}
	opened := filepath.Join(t.TempDir(), "clips")
	if err := os.Symlink(real, opened); err != nil {
		t.Fatal(err)
	}
	changes := watching(t, opened, 50*time.Millisecond, 0)
	inLinkedDay := filepath.Join(opened, "2025-03-06", "a.txt")
	writeFile(t, filepath.Join(elsewhere, "a.txt"), "A story\nText.\n")
	if c := next(t, changes); !slices.Equal(c.Written, []string{inLinkedDay}) {
		t.Fatalf("a file in a linked day folder: %+v", c)
	}
	top := filepath.Join(opened, "b.txt")
	writeFile(t, filepath.Join(real, "b.txt"), "B story\nText.\n")
	if c := next(t, changes); !slices.Equal(c.Written, []string{top}) {
		t.Fatalf("a file in the linked folder opened: %+v", c)
	}
}

// failingNotifier refuses some folders, and can lose events.
type failingNotifier struct {
	refuse func(string) error
	errors chan error
	real   Notifier
}

func (n *failingNotifier) Add(path string) error {
	if err := n.refuse(path); err != nil {
		return err
	}
	return n.real.Add(path)
}
func (n *failingNotifier) Events() <-chan fsnotify.Event { return n.real.Events() }
func (n *failingNotifier) Errors() <-chan error {
	return n.errors
}
func (n *failingNotifier) Close() error { return n.real.Close() }

// What cannot be watched is said, and polled instead; lost events ask for
// a rescan; a watcher that cannot start falls back to polling, saying so.
func TestWatchFailuresAreSaid(t *testing.T) {
	dir := t.TempDir()
	limited := filepath.Join(dir, "2025-03-07")
	if err := os.MkdirAll(limited, 0o755); err != nil {
		t.Fatal(err)
	}
	n := &failingNotifier{errors: make(chan error, 1), refuse: func(p string) error {
		if p == limited {
			return syscall.ENOSPC
		}
		return nil
	}}
	changes := watchingWith(t, []string{dir}, WatchOptions{Settle: 50 * time.Millisecond, FallbackPoll: 100 * time.Millisecond,
		Notifier: func() (Notifier, error) {
			w, err := fsnotify.NewWatcher()
			n.real = fsnotifyWatcher{w}
			return n, err
		}})
	c := next(t, changes)
	if len(c.Problems) != 1 || !strings.Contains(c.Problems[0], limited) || !strings.Contains(c.Problems[0], "max_user_watches") {
		t.Fatalf("a folder over the watch limit: %+v", c)
	}
	polled := filepath.Join(limited, "a.txt")
	writeFile(t, polled, "A story\nText.\n")
	if c := next(t, changes); !slices.Equal(c.Written, []string{polled}) {
		t.Fatalf("a file in the polled folder: %+v", c)
	}
	n.errors <- fsnotify.ErrEventOverflow
	if c := next(t, changes); !c.Rescan || len(c.Problems) != 1 {
		t.Fatalf("an overflow: %+v", c)
	}

	broken := watchingWith(t, []string{dir}, WatchOptions{Settle: 50 * time.Millisecond, FallbackPoll: 100 * time.Millisecond,
		Notifier: func() (Notifier, error) { return nil, errors.New("too many open files") }})
	if c := next(t, broken); len(c.Problems) != 1 || !strings.Contains(c.Problems[0], "too many open files") {
		t.Fatalf("a watcher that cannot start: %+v", c)
	}
	later := filepath.Join(dir, "b.txt")
	writeFile(t, later, "B story\nText.\n")
	if c := next(t, broken); !slices.Contains(c.Written, later) {
		t.Fatalf("polled instead: %+v", c)
	}
}

// A day folder made while watching, which the notifier refuses, is said
// and polled like one refused at the start: files written into it later
// still arrive.
func TestAFolderRefusedWhileWatchingIsPolled(t *testing.T) {
	dir := t.TempDir()
	late := filepath.Join(dir, "2025-03-08")
	n := &failingNotifier{errors: make(chan error, 1), refuse: func(p string) error {
		if p == late {
			return syscall.ENOSPC
		}
		return nil
	}}
	changes := watchingWith(t, []string{dir}, WatchOptions{Settle: 50 * time.Millisecond, FallbackPoll: 100 * time.Millisecond,
		Notifier: func() (Notifier, error) {
			w, err := fsnotify.NewWatcher()
			n.real = fsnotifyWatcher{w}
			return n, err
		}})
	if err := os.Mkdir(late, 0o755); err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes); len(c.Problems) != 1 || !strings.Contains(c.Problems[0], late) {
		t.Fatalf("a new folder over the watch limit: %+v", c)
	}
	for i := range 2 {
		polled := filepath.Join(late, fmt.Sprintf("s%d.txt", i))
		writeFile(t, polled, fmt.Sprintf("Story %d\nText.\n", i))
		if c := next(t, changes); !slices.Equal(c.Written, []string{polled}) {
			t.Fatalf("file %d in the folder polled since it was made: %+v", i, c)
		}
	}
}
