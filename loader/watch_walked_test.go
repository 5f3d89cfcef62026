package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// foundLine is a file as a walk found it, for comparing two walks.
func foundLine(f Found) string {
	skip := ""
	if f.Skip != nil {
		skip = f.Skip.Error()
	}
	return fmt.Sprintf("%s|%s|%q|%d|%v|%s", f.Key, f.Path, f.Order, f.Size, f.ModTime, skip)
}

// notifierRefusing is fsnotify's watcher, refusing the folders refuse
// says no to (refuse may also act on the folder about to be watched).
func notifierRefusing(refuse func(string) error) func() (Notifier, error) {
	return func() (Notifier, error) {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			return nil, err
		}
		return &failingNotifier{errors: make(chan error, 1), refuse: refuse, real: fsnotifyWatcher{w}}, nil
	}
}

// The watcher's setup walk gives the check what Walk would: the same
// files, named, keyed and ordered alike (a file opened by name, a folder
// reached through a link, a hidden file left out), whether the folders
// are watched, polled, refused one by one or all at once.
func TestWatchWalkedIsTheWalk(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "2025-03-01", "a.txt"), "A story\nText.\n")
	writeFile(t, filepath.Join(dir, "2025-03-01", "b.txt"), "B story\nText.\n")
	writeFile(t, filepath.Join(dir, "2025-03-01", ".hidden.txt"), "Hidden\nText.\n")
	writeFile(t, filepath.Join(dir, "2025-03-02", "sub", "c.txt"), "C story\nText.\n")
	elsewhere := t.TempDir()
	writeFile(t, filepath.Join(elsewhere, "d.txt"), "D story\nText.\n")
	if err := os.Symlink(elsewhere, filepath.Join(dir, "2025-03-03")); err != nil {
		t.Fatal(err)
	}
	single := filepath.Join(t.TempDir(), "single.txt")
	writeFile(t, single, "Single story\nText.\n")
	paths := []string{dir, single, filepath.Join(dir, "missing")}

	var want []string
	Walk(paths, func(f Found) { want = append(want, foundLine(f)) })
	if len(want) != 6 {
		t.Fatalf("the walk found %d files, want 6: %q", len(want), want)
	}
	refused := filepath.Join(dir, "2025-03-02")
	for _, mode := range []struct {
		name string
		opts WatchOptions
	}{
		{"events", WatchOptions{}},
		{"polling", WatchOptions{Poll: time.Hour}},
		{"a folder refused", WatchOptions{Notifier: notifierRefusing(func(p string) error {
			if p == refused {
				return syscall.ENOSPC
			}
			return nil
		})}},
		{"no watcher", WatchOptions{Notifier: func() (Notifier, error) { return nil, errors.New("no watcher here") }}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			var mu sync.Mutex
			var got []string
			opts := mode.opts
			opts.Settle, opts.FallbackPoll = 50*time.Millisecond, time.Hour
			opts.Walked = func(f Found) {
				mu.Lock()
				defer mu.Unlock()
				got = append(got, foundLine(f))
			}
			watchingWith(t, paths, opts)
			mu.Lock()
			defer mu.Unlock()
			if !slices.Equal(got, want) {
				t.Errorf("the watcher's walk found\n%q\nwant Walk's\n%q", got, want)
			}
		})
	}
}

// A file written, or rewritten, in a folder the setup walk has passed,
// while it walks on, is reported by the watcher: each folder is watched
// before its entries are read, and one the notifier refuses is polled
// from what the walk found in it, not from a scan made after.
func TestAFileWrittenWhileTheSetupWalksIsReported(t *testing.T) {
	for _, refuseFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("first folder refused %v", refuseFirst), func(t *testing.T) {
			dir := t.TempDir()
			first, second := filepath.Join(dir, "2025-03-01"), filepath.Join(dir, "2025-03-02")
			old := filepath.Join(first, "old.txt")
			writeFile(t, old, "Old story\nText.\n")
			writeFile(t, filepath.Join(second, "b.txt"), "B story\nText.\n")
			added := filepath.Join(first, "new.txt")
			var walked []string
			opts := WatchOptions{Settle: 50 * time.Millisecond, FallbackPoll: 100 * time.Millisecond,
				Walked: func(f Found) { walked = append(walked, f.Path) },
				Notifier: notifierRefusing(func(p string) error {
					switch {
					case p == first && refuseFirst:
						return syscall.ENOSPC
					case p == second:
						// The walk has listed the first folder: write there.
						writeFile(t, added, "New story\nText.\n")
						writeFile(t, old, "Old story\nText, rewritten at greater length.\n")
					}
					return nil
				})}
			changes := watchingWith(t, []string{dir}, opts)
			if slices.Contains(walked, added) || !slices.Contains(walked, old) {
				t.Fatalf("the walk found %q: the file was written before the first folder was listed", walked)
			}
			var written []string
			for !slices.Contains(written, added) || !slices.Contains(written, old) {
				c := next(t, changes)
				written = append(written, c.Written...)
			}
		})
	}
}
