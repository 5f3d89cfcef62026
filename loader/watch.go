package loader

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Change is what became of the dump files under the watched folders since
// the last report: files written (new, renamed into place or changed) and
// files removed.
type Change struct {
	Written, Removed []string
}

func (c Change) empty() bool { return len(c.Written) == 0 && len(c.Removed) == 0 }

// Stamp identifies a version of a file: a file whose size or modification
// time differs has changed.
type Stamp struct {
	Size    int64
	ModTime time.Time
}

// Scan lists the regular files under the folders and files of paths with
// their stamps, skipping hidden names as the loader does. It is the
// baseline a rescan (or a poll) compares with.
func Scan(paths []string) map[string]Stamp {
	out := map[string]Stamp{}
	for _, root := range paths {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable: the loader reports it when it loads
			}
			if path != root && hiddenName(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				out[path] = Stamp{info.Size(), info.ModTime()}
			}
			return nil
		})
	}
	return out
}

// Diff is the change from an old scan to a new one.
func Diff(old, now map[string]Stamp) Change {
	var c Change
	for path, st := range now {
		if prev, ok := old[path]; !ok || prev != st {
			c.Written = append(c.Written, path)
		}
	}
	for path := range old {
		if _, ok := now[path]; !ok {
			c.Removed = append(c.Removed, path)
		}
	}
	return c
}

// hiddenName is a name the loader skips: dot files, which is also how
// rsync and most downloaders name a file while it is being written.
func hiddenName(name string) bool { return strings.HasPrefix(name, ".") }

// Watch reports, through emit, the dump files written or removed under the
// folders of paths (day folders created later included) until ctx ends. A
// file is reported once it has stopped changing for settle, so a file being
// copied is not read half-written, and a burst of files (a day's worth
// copied at once) comes as one Change. With poll > 0 the folders are
// scanned every poll instead, for file systems that send no events
// (network mounts). Files named directly in paths are not watched.
func Watch(ctx context.Context, paths []string, settle, poll time.Duration, emit func(Change)) error {
	if poll > 0 {
		return watchByPolling(ctx, paths, poll, emit)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			addTree(w, p, nil)
		}
	}
	pending := map[string]time.Time{} // written, by the time of their last event
	var removed []string
	var lastEvent, burstStart time.Time
	note := func(path string) {
		now := time.Now()
		if len(pending) == 0 {
			burstStart = now
		}
		pending[path], lastEvent = now, now
	}
	tick := time.NewTicker(max(settle/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case _, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// An overflow loses events; r rescans by hand.
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if hiddenName(filepath.Base(ev.Name)) {
				continue
			}
			switch {
			case ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write):
				info, err := os.Stat(ev.Name)
				switch {
				case err != nil:
				case info.IsDir():
					// A new day folder: watch it, and take the files
					// already copied into it before the watch began.
					addTree(w, ev.Name, note)
				default:
					note(ev.Name)
				}
			case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
				delete(pending, ev.Name)
				removed = append(removed, ev.Name)
				lastEvent = time.Now()
			}
		case now := <-tick.C:
			// A burst is reported whole once it has been quiet for settle;
			// a trickle that never stops still gets its settled files
			// reported every ten settles.
			quiet := now.Sub(lastEvent) >= settle
			if !quiet && now.Sub(burstStart) < 10*settle {
				continue
			}
			var c Change
			for path, at := range pending {
				if now.Sub(at) >= settle {
					c.Written = append(c.Written, path)
					delete(pending, path)
				}
			}
			burstStart = now
			c.Removed, removed = removed, nil
			if !c.empty() {
				emit(c)
			}
		}
	}
}

// addTree watches a folder and the folders under it, and hands each file
// already there to found (when given).
func addTree(w *fsnotify.Watcher, root string, found func(string)) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if path != root && hiddenName(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			w.Add(path)
		case found != nil && d.Type().IsRegular():
			found(path)
		}
		return nil
	})
}

func watchByPolling(ctx context.Context, paths []string, every time.Duration, emit func(Change)) error {
	last := Scan(paths)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			now := Scan(paths)
			if c := Diff(last, now); !c.empty() {
				emit(c)
			}
			last = now
		}
	}
}
