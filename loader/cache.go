package loader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"tidings/model"
)

// Cache keeps what the parser made of every file between runs, in one
// snapshot file per set of opened folders (see model.Snapshot), so that a
// start reads the snapshot and parses only the files that are new or
// changed. Its files can be deleted at any time: the next start parses
// everything and writes them again. A zero Cache (no Dir) keeps nothing.
type Cache struct {
	Dir string
}

// cacheSuffix names snapshot files; temporary ones being written end in
// ".tmp" first.
const cacheSuffix = ".cache"

// fileFor is the snapshot file for the roots, read with loc (the zone
// save days are computed in, which the results depend on).
func (c Cache) fileFor(roots []string, loc *time.Location) string {
	h := sha256.Sum256([]byte(strings.Join(roots, "\x00") + "\x00zone\x00" + locationName(loc)))
	return filepath.Join(c.Dir, hex.EncodeToString(h[:10])+cacheSuffix)
}

func locationName(loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	return loc.String() + time.Now().In(loc).Format(" -0700")
}

// Roots turns the paths opened into the absolute, cleaned form the cache
// is keyed by.
func Roots(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		out[i] = filepath.Clean(p)
	}
	return out
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
		if !strings.HasSuffix(name, cacheSuffix) && !strings.HasSuffix(name, cacheSuffix+".tmp") {
			continue
		}
		if err := os.Remove(filepath.Join(c.Dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, err
		}
		removed++
	}
	return removed, nil
}

// Cached is a library restored from the cache.
type Cached struct {
	Library    *model.Library
	Index      *model.Index
	Similarity *model.Similarity
	// Skipped are the files not loaded, with why, in walk order; they are
	// also the library's warnings.
	Skipped []Result
	// Parsed counts the files parsed because they were new or changed, and
	// Dropped the cached files that are no longer there.
	Parsed, Dropped int
	// Record is what a Write of this library keeps, worth writing when
	// files were parsed or dropped, so that the next start is quick again.
	Record *Record
}

// Load restores the library of the folders and files in paths from the
// cache. When every file is as it was cached, nothing is parsed; when some
// are new, changed or gone, the library is rebuilt from the cached results
// of the others and the new parse of those. The error
// is fs.ErrNotExist when there is no snapshot for these paths, and names
// the damage when there is one that cannot be used: either way the caller
// loads cold.
func (c Cache) Load(ctx context.Context, paths []string, opts Options) (*Cached, error) {
	if c.Dir == "" {
		return nil, fs.ErrNotExist
	}
	roots := Roots(paths)
	name := c.fileFor(roots, opts.Location)
	if _, err := os.Stat(name); err != nil {
		return nil, err // no cache: a first start is not held up by the walk
	}
	// The walk, which stats every file, runs while the snapshot is read.
	// Pointers, so that growing the list does not copy 100,000 files'
	// records again and again (50 MB of garbage at a start otherwise).
	var walked []*file
	walkDone := make(chan struct{})
	go func() {
		defer close(walkDone)
		walkOS(paths, func(f file) { walked = append(walked, &f) })
	}()
	parts := model.SnapshotLinks | model.SnapshotIndex | model.SnapshotSimilarity
	if opts.ListOnly {
		parts = 0
	}
	snap, err := readSnapshotFile(name, parts)
	<-walkDone
	if err != nil {
		return nil, err
	}
	if !slices.Equal(snap.Roots, roots) {
		return nil, fmt.Errorf("%s: made for other folders", name)
	}
	if sameFiles(snap.Files, walked) {
		return restored(snap, opts.Location), nil
	}
	// The pages' stories are needed, and links are made again by adding
	// the pages.
	snap, err = readSnapshotFile(name, (parts|model.SnapshotCopies)&^model.SnapshotLinks)
	if err != nil {
		return nil, err
	}
	return rebuild(ctx, snap, walked, opts)
}

func readSnapshotFile(name string, parts model.SnapshotParts) (*model.Snapshot, error) {
	snap, err := model.ReadSnapshot(name, parts)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return snap, nil
}

func sameStamp(s model.FileStamp, f *file) bool {
	return s.Path == f.path && s.Size == f.size && s.ModTime.Equal(f.hints.ModTime)
}

func sameFiles(cached []model.FileStamp, walked []*file) bool {
	if len(cached) != len(walked) {
		return false
	}
	for i, f := range walked {
		if !sameStamp(cached[i], f) {
			return false
		}
	}
	return true
}

// restored is the snapshot as it is: every file unchanged.
func restored(snap *model.Snapshot, loc *time.Location) *Cached {
	lib := snap.Library
	out := &Cached{Library: lib, Index: snap.Index, Similarity: snap.Similarity}
	for _, s := range snap.Files {
		if s.Reason != "" {
			lib.AddWarning(s.Path, s.Reason)
			out.Skipped = append(out.Skipped, Result{Path: s.Path, Err: errors.New(s.Reason), Size: s.Size, ModTime: s.ModTime})
		}
	}
	setReadDump(lib, loc)
	return out
}

// rebuild makes the library of the walked files as a cold load would, in
// the same order, taking unchanged files' results from the snapshot and
// parsing the others. Articles keep the snapshot's numbers (new ones come
// after), so that its filter index and similar-stories model still apply;
// the stories of the parsed files are added to the index.
func rebuild(ctx context.Context, snap *model.Snapshot, walked []*file, opts Options) (*Cached, error) {
	old := snap.Library
	stamps := make(map[string]model.FileStamp, len(snap.Files))
	for _, s := range snap.Files {
		stamps[s.Path] = s
	}
	copiesOf := make(map[string][]*model.Story, len(old.Pages))
	for i, p := range old.Pages {
		copiesOf[p.Path] = snap.Copies[i]
	}
	unchanged := func(f *file) (model.FileStamp, bool) {
		s, ok := stamps[f.path]
		if !ok || !sameStamp(s, f) {
			return s, false
		}
		return s, s.Reason != "" || old.PageAt(f.path) != nil
	}
	var toParse []int
	for i, f := range walked {
		if _, ok := unchanged(f); !ok {
			toParse = append(toParse, i)
		}
	}
	parsed := parseFiles(ctx, walked, toParse, opts)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}

	lib := model.NewLibrary()
	ids := make([]string, len(old.Articles))
	for i, a := range old.Articles {
		ids[i] = a.ID
	}
	lib.Reserve(ids)
	out := &Cached{Library: lib, Record: &Record{}, Parsed: len(toParse)}
	added := map[int][]*model.Story{}
	seen := 0
	for i, f := range walked {
		if s, ok := unchanged(f); ok {
			seen++
			if s.Reason != "" {
				out.add(Result{Path: f.path, Err: errors.New(s.Reason), Size: f.size, ModTime: f.hints.ModTime})
				continue
			}
			page := old.PageAt(f.path)
			d := model.DumpOf(page, copiesOf[f.path])
			lib.Add(d)
			out.Record.files = append(out.Record.files, s)
			out.Record.copies(f.path, copiesOf[f.path])
			continue
		}
		if _, ok := stamps[f.path]; ok {
			seen++
		}
		res := parsed[i]
		if res.Err != nil {
			out.add(res)
			continue
		}
		lib.Add(res.Dump)
		out.Record.Add(res, lib)
		for _, s := range append([]*model.Story{res.Dump.Main}, res.Dump.Related...) {
			if s != nil {
				a := lib.ByID(s.ID)
				added[a.Index] = append(added[a.Index], s)
			}
		}
	}
	out.Dropped = len(snap.Files) - seen
	if snap.Index != nil {
		out.Index = snap.Index.With(len(lib.Articles), added)
	}
	out.Similarity = snap.Similarity.Over(lib.Articles)
	setReadDump(lib, opts.Location)
	return out, nil
}

func (c *Cached) add(res Result) {
	c.Library.AddWarning(res.Path, res.Err.Error())
	c.Skipped = append(c.Skipped, res)
	c.Record.Add(res, c.Library)
}

// parseFiles parses walked[i] for each i of which, on all cores, and
// returns the results by i.
func parseFiles(ctx context.Context, walked []*file, which []int, opts Options) map[int]Result {
	out := make(map[int]Result, len(which))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(runtime.GOMAXPROCS(0), len(which))) {
		wg.Go(func() {
			for i := range next {
				res := loadFile(*walked[i], opts.Location)
				mu.Lock()
				out[i] = res
				mu.Unlock()
			}
		})
	}
	for _, i := range which {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// setReadDump lets the library read articles' text back from their dumps.
func setReadDump(lib *model.Library, loc *time.Location) {
	lib.ReadDump = func(path string) (*model.Dump, error) { return readDump(path, loc) }
}

// readDump parses one file again, for an article's text, with the hints
// the walk gives it: a live blog's entries are dated from the save.
func readDump(path string, loc *time.Location) (*model.Dump, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	hints := SaveHints{FolderDate: folderDate(path), ModTime: info.ModTime(), Location: loc}
	data, err := readOSFile(path)
	if errors.Is(err, errFileTooLarge) {
		if d, ok, merr := parseLargeMbox(path, hints); ok {
			return d, merr
		}
	}
	if err != nil {
		return nil, err
	}
	return parseSafely(path, data, hints)
}

// Record collects, as a cold load goes, what the cache will keep of it:
// every file's stamp, and each page's stories without their text.
type Record struct {
	files   []model.FileStamp
	byPath  map[string][]*model.Story
	strings map[string]string
}

// intern keeps one copy of each string recorded, cloned out of its file's
// buffer.
func (r *Record) intern(s string) string {
	if v, ok := r.strings[s]; ok {
		return v
	}
	if r.strings == nil {
		r.strings = map[string]string{}
	}
	v := strings.Clone(s)
	r.strings[v] = v
	return v
}

// Add records a file's result, after the library added its dump.
func (r *Record) Add(res Result, lib *model.Library) {
	s := model.FileStamp{Path: res.Path, Size: res.Size, ModTime: res.ModTime}
	if res.Err != nil {
		s.Reason = res.Err.Error()
	} else {
		r.copies(res.Path, model.CopiesOf(res.Dump, lib, r.intern))
	}
	r.files = append(r.files, s)
}

func (r *Record) copies(path string, c []*model.Story) {
	if r.byPath == nil {
		r.byPath = map[string][]*model.Story{}
	}
	r.byPath[path] = c
}

// Write saves the library of paths, as recorded, with its index and
// similar-stories model: into a temporary file in the cache folder, synced,
// then renamed over the snapshot, so that a reader sees the old snapshot
// or the new one, whole, and two tidings writing at once leave one of
// theirs. The library must not change while it runs.
func (c Cache) Write(paths []string, loc *time.Location, rec *Record, lib *model.Library, ix *model.Index, sim *model.Similarity) error {
	if c.Dir == "" || rec == nil || ix == nil {
		return nil
	}
	copies := make([][]*model.Story, len(lib.Pages))
	for i, p := range lib.Pages {
		c, ok := rec.byPath[p.Path]
		if !ok {
			return fmt.Errorf("no record of %s", p.Path)
		}
		copies[i] = c
	}
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	roots := Roots(paths)
	name := c.fileFor(roots, loc)
	tmp, err := os.CreateTemp(c.Dir, filepath.Base(name)+".*"+cacheSuffix+".tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = model.WriteSnapshot(tmp, &model.Snapshot{Roots: roots, Files: rec.files, Library: lib, Index: ix, Similarity: sim, Copies: copies})
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
