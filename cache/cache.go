// Package cache keeps what the parser made of every file between runs, in
// one snapshot file per set of opened folders (see Snapshot), so that a
// start reads the snapshot and parses only the files that are new or
// changed. Its files can be deleted at any time: the next start parses
// everything and writes them again.
package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"tidings/index"
	"tidings/loader"
	"tidings/model"
	"tidings/similar"
)

// Cache is the folder the snapshots are kept in. A zero Cache (no Dir)
// keeps nothing.
type Cache struct {
	Dir string
}

// suffix names snapshot files; temporary ones being written end in ".tmp"
// after it.
const suffix = ".cache"

// fileFor is the snapshot file for the roots (canonical, see
// loader.Roots), read with loc (the zone save days are computed in, which
// the results depend on).
func (c Cache) fileFor(roots []string, loc *time.Location) string {
	h := sha256.Sum256([]byte(strings.Join(roots, "\x00") + "\x00zone\x00" + locationName(loc)))
	return filepath.Join(c.Dir, hex.EncodeToString(h[:10])+suffix)
}

func locationName(loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	return loc.String() + time.Now().In(loc).Format(" -0700")
}

// Clear deletes every snapshot in the cache folder, and temporary files
// left by a tidings that was killed while writing one. It reports how many
// files it removed.
func (c Cache) Clear() (int, error) {
	if c.Dir == "" {
		return 0, nil
	}
	entries, err := os.ReadDir(c.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, suffix) && !strings.HasSuffix(name, suffix+".tmp") {
			continue
		}
		if err := os.Remove(filepath.Join(c.Dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, err
		}
		removed++
	}
	return removed, nil
}

// Warm is a library restored from the cache as it was written, and what
// the files say now that it does not: the changes, to be applied to it
// (model.Library.Apply) for the library of the files as they are.
type Warm struct {
	Library    *model.Library
	Index      *index.Index
	Similarity *similar.Similarity
	Changes    model.Changes
	// written is when the snapshot was written (see racyWindow), loc the
	// zone it was read for.
	written time.Time
	loc     *time.Location
}

// racyWindow is how close to the snapshot's writing a file's times must
// be, on a file system that keeps whole seconds, for its stamp to prove
// nothing: such file systems keep times in ticks as coarse as two seconds.
// Where times have nanoseconds, only a file changed at or after the
// writing is racy.
const racyWindow = 2 * time.Second

// Load restores the library of the folders and files in paths from the
// cache, reading the parts asked for, and finds what changed since: the
// files are walked (while the snapshot is read), and those that are new,
// changed or racily clean are parsed. A start that takes in changes needs
// Copies. The error is fs.ErrNotExist when there is no snapshot for these
// paths, and names the damage when there is one that cannot be used:
// either way the caller loads cold.
func (c Cache) Load(ctx context.Context, paths []string, loc *time.Location, parts Parts) (*Warm, error) {
	if c.Dir == "" {
		return nil, fs.ErrNotExist
	}
	roots := loader.Roots(paths)
	name := c.fileFor(roots, loc)
	f, size, err := openSnapshot(name)
	if err != nil {
		return nil, err // no cache: a first start is not held up by the walk
	}
	// The walk, which stats every file, runs while the snapshot is read.
	// It is kept in chunks: growing one list would copy 100,000 files'
	// records again and again (megabytes of garbage, which count while a
	// start from the cache collects none).
	var walked chunks
	walkDone := make(chan struct{})
	go func() {
		defer close(walkDone)
		loader.Walk(paths, walked.add)
	}()
	snap, err := readSnapshot(f, size, parts)
	<-walkDone
	w, err := restore(name, roots, snap, err, loc)
	if err == nil {
		err = w.changesSince(ctx, walked.all(), true)
	}
	if err != nil {
		if w != nil {
			w.Similarity.Close()
		}
		return nil, err
	}
	if w.Changes.Empty() || parts&Copies != 0 {
		return w, nil
	}
	// Changes are taken in from the pages' copies, which a command that
	// only lists left out: read again with them.
	w.Similarity.Close()
	if f, size, err = openSnapshot(name); err != nil {
		return nil, err
	}
	snap, err = readSnapshot(f, size, parts|Copies)
	if w, err = restore(name, roots, snap, err, loc); err == nil {
		if err = w.changesSince(ctx, walked.all(), true); err != nil {
			w.Similarity.Close()
			return nil, err
		}
	}
	return w, err
}

// Open restores the library of paths from the cache as it was written,
// without looking at the files: what the reader shows at once, while
// Check finds what changed behind it. Errors are Load's.
func (c Cache) Open(paths []string, loc *time.Location, parts Parts) (*Warm, error) {
	if c.Dir == "" {
		return nil, fs.ErrNotExist
	}
	roots := loader.Roots(paths)
	name := c.fileFor(roots, loc)
	f, size, err := openSnapshot(name)
	if err != nil {
		return nil, err
	}
	snap, err := readSnapshot(f, size, parts)
	return restore(name, roots, snap, err, loc)
}

// Has reports whether there is a snapshot of paths to Open: a start that
// will be warm can begin walking the files while it is read.
func (c Cache) Has(paths []string, loc *time.Location) bool {
	if c.Dir == "" {
		return false
	}
	info, err := os.Stat(c.fileFor(loader.Roots(paths), loc))
	return err == nil && info.Mode().IsRegular()
}

// Check walks paths and reads what changed in them since the snapshot of
// an Open was written, as Load does: the changes, for Library.Apply, name
// the files the walk reached by another path than the library has
// (Changes.Reached). Each file the walk finds is compared as it comes,
// not kept. The library is only read: a change applied meanwhile must
// wait for it.
func (w *Warm) Check(ctx context.Context, paths []string) (model.Changes, error) {
	return w.CheckWalked(ctx, func(yield func(loader.Found) bool) {
		more := true
		loader.Walk(paths, func(f loader.Found) {
			more = more && yield(f)
		})
	})
}

// CheckWalked is Check of what a walk of the paths found (loader.Walk's
// files, in its order), walked already: by the watcher as it set its
// watches up, while the snapshot was read.
func (w *Warm) CheckWalked(ctx context.Context, walked iter.Seq[loader.Found]) (model.Changes, error) {
	err := w.changesSince(ctx, walked, false)
	c := w.Changes
	w.Changes = model.Changes{}
	return c, err
}

// restore checks a snapshot read for roots.
func restore(name string, roots []string, snap *Snapshot, err error, loc *time.Location) (*Warm, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !slices.Equal(snap.Roots, roots) {
		snap.Similarity.Close()
		return nil, fmt.Errorf("%s: made for other folders", name)
	}
	lib := snap.Library
	lib.Dumps = loader.Dumps{Location: loc}
	return &Warm{Library: lib, Index: snap.Index, Similarity: snap.Similarity, written: snap.Written, loc: loc}, nil
}

// changesSince reads into w.Changes what changed since the snapshot was
// written, as the walk found the files (walked is gone through once).
// Files reached by another path than the library has are renamed at once
// when rename is set (the library is not shared yet), or else named in
// the changes.
func (w *Warm) changesSince(ctx context.Context, walked iter.Seq[loader.Found], rename bool) error {
	lib := w.Library
	var reached []model.FileRef
	noting := func(yield func(loader.Found) bool) {
		for f := range walked {
			p := lib.PageByKey(f.Key)
			s, skipped := lib.SkippedAt(f.Key)
			if (p != nil && p.Path != f.Path) || (skipped && s.Path != f.Path) {
				if rename {
					lib.Reached(f.Key, f.Path) // named as the user reached it this time
				} else {
					reached = append(reached, f.FileRef)
				}
			}
			if !yield(f) {
				return
			}
		}
	}
	written := w.written
	racy := func(s model.Stamp) bool {
		window := time.Duration(0)
		if s.ModTime%int64(time.Second) == 0 && s.ChangeTime%int64(time.Second) == 0 {
			window = racyWindow // a file system that keeps whole seconds, or less
		}
		since := model.StampTime(written.Add(-window))
		return s.ModTime >= since || s.ChangeTime >= since
	}
	c, err := loader.ChangesSince(ctx, lib, noting, racy, w.loc)
	if err != nil {
		return err
	}
	c.Reached = reached
	w.Changes = c
	return nil
}

// Write saves the library of paths with its index and similar-stories
// model: into a temporary file in the cache folder, synced, then renamed
// over the snapshot, so that a reader sees the old snapshot or the new
// one, whole, and two tidings writing at once leave one of theirs. The
// index is written compacted. The library must not change while it runs.
func (c Cache) Write(paths []string, loc *time.Location, lib *model.Library, ix *index.Index, sim *similar.Similarity) error {
	if c.Dir == "" || ix == nil {
		return nil
	}
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	c.removeStale()
	roots := loader.Roots(paths)
	name := c.fileFor(roots, loc)
	tmp, err := os.CreateTemp(c.Dir, filepath.Base(name)+".*"+suffix+".tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = writeSnapshot(tmp, &Snapshot{Roots: roots, Written: time.Now(), Library: lib, Index: ix.Compact(), Similarity: sim})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// openSnapshot opens the snapshot as the loader opens files: without
// blocking (a named pipe put in its place would otherwise hold every start
// up), and only if it is a regular file.
func openSnapshot(name string) (*os.File, int64, error) {
	f, err := loader.OpenRegular(name)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, info.Size(), nil
}

// Settle brings the restored library up to the files, in the one way a
// library changes (model.Library.Apply), and its index and model with it:
// the index takes in the articles the changes touched (reading their text
// from the files), and the similar-stories model, whose every weight
// depends on every story, is built again when anything changed. The
// reader does the same in the background instead.
func (w *Warm) Settle() model.Delta {
	d := w.Library.Apply(w.Changes)
	w.Changes = model.Changes{}
	if d.Empty() {
		return d
	}
	if w.Index != nil {
		w.Index = w.Index.Update(len(w.Library.Articles), index.PendingOf(w.Library, d.Touched))
	}
	if w.Similarity != nil {
		w.Similarity.Close()
		w.Similarity = similar.TextsOf(w.Library).Build()
	}
	return d
}

// staleAfter is how old a temporary file must be for no writer to be
// writing it any more: a writer takes seconds, a minute at most for a
// million dumps.
const staleAfter = time.Hour

// removeStale deletes the temporary files of writers that were killed
// (they can be as large as the cache), unless a writer may still be at
// work on them.
func (c Cache) removeStale() {
	names, _ := filepath.Glob(filepath.Join(c.Dir, "*"+suffix+".tmp"))
	for _, name := range names {
		if info, err := os.Lstat(name); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > staleAfter {
			os.Remove(name)
		}
	}
}

// chunks is what the walk found, in walk order, in lists of 1,024.
type chunks [][]loader.Found

func (c *chunks) add(f loader.Found) {
	if n := len(*c); n == 0 || len((*c)[n-1]) == cap((*c)[n-1]) {
		*c = append(*c, make([]loader.Found, 0, 1024))
	}
	last := &(*c)[len(*c)-1]
	*last = append(*last, f)
}

func (c chunks) all() iter.Seq[loader.Found] {
	return func(yield func(loader.Found) bool) {
		for _, chunk := range c {
			for _, f := range chunk {
				if !yield(f) {
					return
				}
			}
		}
	}
}
