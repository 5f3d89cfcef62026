package loader

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"tidings/model"
)

// Change is what became of the files under the watched folders since the
// last report: files written (new, renamed into place or changed) and
// files or folders removed; what could not be watched, and why; and
// whether events were lost, so that the folders are to be scanned again.
type Change struct {
	Written, Removed []string
	Problems         []string
	Rescan           bool
	// Watching says the folders are watched (or polled) from now on: a
	// file written since is reported. It comes once, first.
	Watching bool
}

func (c Change) empty() bool {
	return len(c.Written) == 0 && len(c.Removed) == 0 && len(c.Problems) == 0 && !c.Rescan && !c.Watching
}

// Notifier is what Watch needs of the file system's notifications:
// fsnotify's watcher, or one a test makes fail.
type Notifier interface {
	Add(path string) error
	Events() <-chan fsnotify.Event
	Errors() <-chan error
	Close() error
}

type fsnotifyWatcher struct{ *fsnotify.Watcher }

func (w fsnotifyWatcher) Events() <-chan fsnotify.Event { return w.Watcher.Events }
func (w fsnotifyWatcher) Errors() <-chan error          { return w.Watcher.Errors }

// WatchOptions tune Watch.
type WatchOptions struct {
	// Settle is how long a file must stop changing before it is reported.
	Settle time.Duration
	// Poll, when set, scans the folders that often instead of waiting for
	// events (network mounts send none).
	Poll time.Duration
	// FallbackPoll is how often a folder that could not be watched (the
	// system's limit on watches reached, say) is scanned instead; 5 s
	// when zero.
	FallbackPoll time.Duration
	// Notifier makes the watcher; fsnotify's when nil.
	Notifier func() (Notifier, error)
	// Ready is called once the folders are watched (or polled), as the
	// Change that says so is emitted.
	Ready func()
	// Walked, when set, is given every file the walk of paths finds (as
	// Walk gives them, files named in paths too), from the walk that sets
	// the watches up: each folder is watched before its entries are read,
	// so that a file written after the walk passed it is reported. A
	// check of the files against a library then needs no walk of its own,
	// nor to wait for the watcher before it walks. All calls come before
	// Ready.
	Walked func(Found)
	// Named names the files it knows as the walk that gives them to
	// Walked finds them (see Namer).
	Named Namer
}

// Watch reports, through emit, the files written or removed under the
// folders of paths (day folders created later included, and folders
// reached through symbolic links, as the walk follows them) until ctx
// ends. A file is reported once it has stopped changing for Settle, so a
// file being copied is not read half-written, and a burst of files (a
// day's worth copied at once) comes as one Change. Files named directly
// in paths are not watched. What cannot be watched is reported, and
// polled instead.
func Watch(ctx context.Context, paths []string, opts WatchOptions, emit func(Change)) {
	ready := func() {
		if opts.Ready != nil {
			opts.Ready()
		}
		emit(Change{Watching: true})
	}
	fallback := opts.FallbackPoll
	if fallback <= 0 {
		fallback = 5 * time.Second
	}
	if opts.Poll > 0 {
		watchByPolling(ctx, paths, opts.Poll, scanStamps(paths, opts.Walked, opts.Named), ready, emit)
		return
	}
	newNotifier := opts.Notifier
	if newNotifier == nil {
		newNotifier = func() (Notifier, error) {
			w, err := fsnotify.NewWatcher()
			if err != nil {
				return nil, err
			}
			return fsnotifyWatcher{w}, nil
		}
	}
	w, err := newNotifier()
	if err != nil {
		emit(Change{Problems: []string{fmt.Sprintf("the folders cannot be watched (%v); they are scanned every %v instead", err, fallback)}})
		watchByPolling(ctx, paths, fallback, scanStamps(paths, opts.Walked, opts.Named), ready, emit)
		return
	}
	defer w.Close()
	var failed []string // folders polled instead
	var problems []string
	add := func(dir string) {
		if err := w.Add(dir); err != nil {
			failed = append(failed, dir)
			problems = append(problems, fmt.Sprintf("%s cannot be watched (%v); it is scanned every %v instead", dir, describeWatchError(err), fallback))
		}
	}
	// base is what the setup's walk found under the folders refused, from
	// which polling them starts (nil: they are scanned afresh).
	var base map[string]model.Stamp
	if opts.Walked != nil {
		base = map[string]model.Stamp{}
		walkListing(paths, add, opts.Named, func(f file) {
			found := Found{FileRef: f.ref, Skip: f.skipErr}
			if found.Skip == nil && underAny(found.Path, failed) {
				base[found.Path] = found.Stamp
			}
			opts.Walked(found)
		})
	} else {
		for _, p := range paths {
			if info, err := os.Stat(p); err == nil && info.IsDir() {
				eachFolder(p, add, nil)
			}
		}
	}
	if len(problems) > 0 {
		emit(Change{Problems: problems})
		problems = nil
	}
	polled := make(chan Change, 1)
	// pollFailed polls the folders the notifier refused since the last
	// call, each scanned once now: a file written after that is new.
	pollFailed := func() {
		if len(failed) == 0 {
			return
		}
		dirs := failed
		failed = nil
		// The first folders refused start from what the setup's walk
		// found in them: a file written since it passed is new.
		last := base
		if last == nil {
			last = scanStamps(dirs, nil, nil)
		}
		base = nil
		go watchByPolling(ctx, dirs, fallback, last, func() {}, func(c Change) {
			select {
			case polled <- c:
			case <-ctx.Done():
			}
		})
	}
	pollFailed()
	ready()

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
	settle := opts.Settle
	tick := time.NewTicker(max(settle/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case c := <-polled:
			emit(c)
		case err, ok := <-w.Errors():
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				emit(Change{Rescan: true, Problems: []string{"too many changes at once: some were missed, so the folders are scanned again"}})
				continue
			}
			emit(Change{Problems: []string{"watching the folders: " + err.Error()}})
		case ev, ok := <-w.Events():
			if !ok {
				return
			}
			if hiddenName(filepath.Base(ev.Name)) {
				continue
			}
			switch {
			case ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write):
				info, err := os.Stat(ev.Name)
				switch {
				case err != nil:
				case info.IsDir() && maildirTmp(ev.Name, osIsDir):
				case info.IsDir():
					// A new day folder (or a link to one): watch it, and
					// take the files already copied into it before the
					// watch began.
					eachFolder(ev.Name, add, note)
					pollFailed()
					if len(problems) > 0 {
						emit(Change{Problems: problems})
						problems = nil
					}
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

// describeWatchError says what the system's refusal of a watch means.
func describeWatchError(err error) string {
	if strings.Contains(err.Error(), "no space left on device") {
		return "the system's limit on watched folders is reached: fs.inotify.max_user_watches"
	}
	return err.Error()
}

// eachFolder calls folder with root and each folder below it, as the walk
// reaches them (hidden ones skipped, symbolic links to folders followed,
// none twice), and file (when given) with each regular file there.
func eachFolder(root string, folder func(string), file func(string)) {
	seen := map[string]bool{}
	var visit func(dir string)
	visit = func(dir string) {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil || seen[real] {
			return
		}
		seen[real] = true
		folder(dir)
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			if hiddenName(e.Name()) {
				continue
			}
			path := filepath.Join(dir, e.Name())
			// The entry's type is the folder's to tell; only a link is
			// followed with a stat, so that watching a folder of 100,000
			// dumps does not stat each of them.
			kind := e.Type()
			if kind&fs.ModeSymlink != 0 {
				info, err := os.Stat(path)
				if err != nil {
					continue
				}
				kind = info.Mode().Type()
			}
			switch {
			case kind.IsDir():
				if !maildirTmp(path, osIsDir) {
					visit(path)
				}
			case file != nil && kind.IsRegular():
				file(path)
			}
		}
	}
	visit(root)
}

// underAny reports whether path is in one of the folders dirs (as
// reached), or below one.
func underAny(path string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(path, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// scanStamps is every file under paths, as the walk finds it, with its
// stamp: what polling compares. walked, when given, is given what the
// walk finds too, named as named says (see Namer).
func scanStamps(paths []string, walked func(Found), named Namer) map[string]model.Stamp {
	out := map[string]model.Stamp{}
	WalkNamed(paths, named, func(f Found) {
		if walked != nil {
			walked(f)
		}
		if f.Skip == nil {
			out[f.Path] = f.Stamp
		}
	})
	return out
}

// stampChanges is the change from one scan to the next.
func stampChanges(old, now map[string]model.Stamp) Change {
	var c Change
	for path, st := range now {
		if prev, ok := old[path]; !ok || !prev.Same(st) {
			c.Written = append(c.Written, path)
		}
	}
	for path := range old {
		if _, ok := now[path]; !ok {
			c.Removed = append(c.Removed, path)
		}
	}
	slices.Sort(c.Written)
	slices.Sort(c.Removed)
	return c
}

// watchByPolling scans paths every so often, reporting what changed since
// last (the first scan).
func watchByPolling(ctx context.Context, paths []string, every time.Duration, last map[string]model.Stamp, ready func(), emit func(Change)) {
	ready()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			now := scanStamps(paths, nil, nil)
			if c := stampChanges(last, now); !c.empty() {
				emit(c)
			}
			last = now
		}
	}
}

// hiddenName is a name the loader skips: dot files, which is also how
// rsync and most downloaders name a file while it is being written.
func hiddenName(name string) bool { return strings.HasPrefix(name, ".") }
