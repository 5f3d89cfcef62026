package loader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// watching runs Watch on dir and returns its reports as they come.
func watching(t *testing.T, dir string, settle, poll time.Duration) <-chan Change {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	changes := make(chan Change, 64)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := Watch(ctx, []string{dir}, settle, poll, func(c Change) { changes <- c }); err != nil {
			t.Error(err)
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	time.Sleep(50 * time.Millisecond) // the watch is set before the test writes
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
	before := Scan([]string{dir})
	if len(before) != 2 {
		t.Fatalf("scan found %d files, want the 2 not hidden", len(before))
	}
	writeFile(t, a, "A longer\n")
	os.Remove(b)
	c := filepath.Join(dir, "c.txt")
	writeFile(t, c, "C\n")
	d := Diff(before, Scan([]string{dir}))
	slices.Sort(d.Written)
	if !slices.Equal(d.Written, []string{a, c}) || !slices.Equal(d.Removed, []string{b}) {
		t.Fatalf("diff %+v", d)
	}
}
