package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"tidings/model"
)

// MaxFileSize is the largest file read; larger ones are reported, not read.
const MaxFileSize = 64 << 20

// file is one file found by the walk, with what the file system says of it.
type file struct {
	ref   model.FileRef
	hints SaveHints
	// read reads it from an fs.FS; nil for a file on disk, read by its
	// path (a closure for each of 100,000 files is garbage to a walk that
	// reads none of them, as a warm start's).
	read    func() ([]byte, error)
	skipErr error // set when the file is reported instead of read
}

// data is the file's content.
func (f file) data() ([]byte, error) {
	if f.read == nil {
		return readOSFile(f.ref.Path)
	}
	return f.read()
}

var dayFolder = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// folderDate returns the date of the nearest YYYY-MM-DD folder above path.
func folderDate(path string) time.Time {
	dir := filepath.Dir(path)
	for {
		base := filepath.Base(dir)
		if dayFolder.MatchString(base) {
			if t, err := time.Parse(time.DateOnly, base); err == nil {
				return t
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return time.Time{}
		}
		dir = parent
	}
}

// walkOS lists the files under the given arguments in a deterministic order
// (arguments as given, folders by name), skipping hidden entries, following
// symbolic links but never into a folder it is already inside or has seen.
// Each file is named as it was reached (under its argument as given), and
// keyed by its canonical path (see Canonical).
func walkOS(args []string, emit func(file)) { walkListing(args, nil, nil, emit) }

// walkListing is walkOS calling listing (when given) with each folder as
// reached, before the folder's entries are read: the watcher watches it
// there, so that a file written after the walk passed it is reported.
// Files named (when given) knows are named as it says (see Namer).
func walkListing(args []string, listing func(dir string), named Namer, emit func(file)) {
	w := walker{seen: map[string]bool{}, listing: listing, emit: emit, free: new([]*statBuffers), named: named, path: new([]byte)}
	for i, arg := range args {
		order := rootOrder(i)
		info, err := os.Stat(arg)
		if err != nil {
			emit(file{ref: model.FileRef{Key: Canonical(arg), Path: arg, Order: order}, skipErr: describeOpenError(err)})
			continue
		}
		if info.IsDir() {
			w.dir(arg, order)
			continue
		}
		emit(osFile(model.FileRef{Key: Canonical(arg), Path: arg, Order: order}, info, folderDate(arg)))
	}
}

// walker is one walk of walkListing: the folders seen, and what it calls;
// free holds the stats' buffers of the folders it is done with, for the
// next (what a folder's files were found to be is copied out of them).
type walker struct {
	seen    map[string]bool
	listing func(dir string)
	emit    func(file)
	free    *[]*statBuffers
	// named names the files it knows; path is where a file's path is
	// made to ask it, one buffer for the walk.
	named Namer
	path  *[]byte
}

// Namer gives the names a file already has, from the path a walk made for
// it (which is its key: valid only during the call): a library's page's.
// A walk of 100,000 files a library read from the cache knows would
// otherwise make a path and a walk order for each, all garbage once the
// check has compared its stamp (13 MB of the 27 MB such a walk made).
// False: the walk names the file itself.
type Namer func(key []byte) (model.FileRef, bool)

func walkDir(dir, order string, seen map[string]bool, emit func(file)) {
	walker{seen: seen, emit: emit, free: new([]*statBuffers)}.dir(dir, order)
}

func (w walker) dir(dir, order string) {
	seen, emit := w.seen, w.emit
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		emit(file{ref: model.FileRef{Key: Canonical(dir), Path: dir, Order: order}, skipErr: describeOpenError(err)})
		return
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	if seen[real] {
		return // a symbolic-link loop, or a folder reached twice
	}
	seen[real] = true
	if w.listing != nil {
		w.listing(dir)
	}
	bufs := w.buffers()
	defer func() { *w.free = append(*w.free, bufs) }()
	names, err := bufs.readNames(dir)
	if err != nil {
		emit(file{ref: model.FileRef{Key: real, Path: dir, Order: order}, skipErr: describeOpenError(err)})
		return
	}
	names = slices.DeleteFunc(names, hiddenName)
	infos, links, errs := bufs.stat(dir, names)
	date := folderDate(filepath.Join(dir, "-"))
	in := joiner(dir)
	prefix, plain := joinPrefix(dir)
	for i, name := range names {
		info, err := infos[i], errs[i]
		// A file the namer knows, reached by its own canonical path (as a
		// cache's walk mostly is), is named with the strings it has.
		if w.named != nil && plain && real == dir && !links[i] && err == nil && !info.IsDir() {
			if ref, ok := w.knownRef(prefix, order, name); ok {
				emit(osFile(ref, info, date))
				continue
			}
		}
		ref := model.FileRef{Path: in(name), Order: childOrder(order, name)}
		// Opened by its own canonical path, a file's key is its path: one
		// string, not two.
		ref.Key = ref.Path
		if real != dir {
			ref.Key = filepath.Join(real, name)
		}
		if links[i] {
			ref.Key = Canonical(ref.Path)
		}
		if err != nil {
			if links[i] {
				err = linkError(ref.Path, err)
			} else {
				err = describeOpenError(err)
			}
			emit(file{ref: ref, skipErr: err})
			continue
		}
		if info.IsDir() {
			if !maildirTmp(ref.Path, osIsDir) {
				w.dir(ref.Path, ref.Order)
			}
			continue
		}
		// Named pipes, sockets and devices are reported like any other
		// file that is not loaded, so that none goes missing unsaid.
		emit(osFile(ref, info, date))
	}
}

// joiner is filepath.Join of dir with a name a folder listing gave (no
// separator in it, nor "." or ".."): when dir is clean, without cleaning
// the two again for each of a folder's files. The path is always a string
// of its own, never the name itself (as Join gives for an empty dir, and
// a concatenation for an empty prefix): a listing's names are views of a
// buffer the next folder's listing writes over (readNames).
func joiner(dir string) func(name string) string {
	prefix, plain := joinPrefix(dir)
	switch {
	case !plain:
		return func(name string) string { return strings.Clone(filepath.Join(dir, name)) }
	case prefix == "":
		return strings.Clone
	}
	return func(name string) string { return prefix + name }
}

// joinPrefix is what joiner puts before a name, when dir is clean (plain);
// otherwise a name is joined with filepath.Join.
func joinPrefix(dir string) (prefix string, plain bool) {
	if filepath.Clean(dir) != dir || filepath.VolumeName(dir) == dir && dir != "" {
		return "", false
	}
	switch {
	case dir == ".":
		return "", true
	case strings.HasSuffix(dir, string(filepath.Separator)):
		return dir, true // the root
	}
	return dir + string(filepath.Separator), true
}

// knownRef is a file's names as w.named has them, when they are the ones
// the walk would give it (the path joined as joiner does, the key that
// path, the walk order childOrder's): the same file reached the same way.
func (w walker) knownRef(prefix, order, name string) (model.FileRef, bool) {
	path := append(append((*w.path)[:0], prefix...), name...)
	*w.path = path
	ref, ok := w.named(path)
	if !ok || ref.Key != string(path) || ref.Path != ref.Key || !ref.IsChildOrder(order, name) {
		return model.FileRef{}, false
	}
	return model.FileRef{Key: ref.Key, Path: ref.Path, Order: ref.Order}, true
}

// statBuffers are where statEntries puts what it finds: a walk reuses
// them from folder to folder, so that stating 100,000 files makes no
// garbage for each (a warm start reads the cache meanwhile, collecting
// nothing).
type statBuffers struct {
	names []string
	dirents
	infos []fs.FileInfo
	links []bool
	errs  []error
	slots []statSlot
}

// buffers are a folder's stats' buffers: one a folder left, or new ones.
func (w walker) buffers() *statBuffers {
	if n := len(*w.free); n > 0 {
		b := (*w.free)[n-1]
		*w.free = (*w.free)[:n-1]
		return b
	}
	return &statBuffers{}
}

// stat is statEntries into b: valid until b is used again.
func (b *statBuffers) stat(dir string, names []string) ([]fs.FileInfo, []bool, []error) {
	n := len(names)
	if cap(b.infos) < n {
		// Room for a folder a quarter bigger: day folders differ in size,
		// and each bigger one than before would make them again.
		c := n + n/4
		b.infos, b.links, b.errs, b.slots = make([]fs.FileInfo, c), make([]bool, c), make([]error, c), make([]statSlot, c)
	}
	b.infos, b.links, b.errs, b.slots = b.infos[:n], b.links[:n], b.errs[:n], b.slots[:n]
	statEntries(dir, names, b.infos, b.links, b.errs, b.slots)
	return b.infos, b.links, b.errs
}

// statPath is os.Stat of path, and whether it is a symbolic link.
func statPath(path string) (fs.FileInfo, bool, error) {
	link := false
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		link = true
	}
	info, err := os.Stat(path)
	return info, link, err
}

// statEntries stats a folder's entries into infos and errs (slots holding
// what they say), following links, on all cores: a start from the cache
// reads nothing but these stamps, and a day folder holds hundreds of
// files.
func statEntries(dir string, names []string, infos []fs.FileInfo, links []bool, errs []error, slots []statSlot) {
	stat := newFolderStat(dir)
	defer stat.close()
	each := func(lo, hi int) {
		var buf []byte
		for i := lo; i < hi; i++ {
			infos[i], links[i], errs[i] = stat.stat(names[i], &slots[i], &buf)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(names)/64)
	if workers <= 1 {
		each(0, len(names))
		return
	}
	var wg sync.WaitGroup
	per := (len(names) + workers - 1) / workers
	for lo := 0; lo < len(names); lo += per {
		wg.Go(func() { each(lo, min(len(names), lo+per)) })
	}
	wg.Wait()
}

// maildirTmp reports a Maildir's tmp/ folder: one named tmp beside a cur/
// or new/. Messages there are still being delivered (the deliverer moves
// each to new/ once it is whole), so they are never read.
func maildirTmp(dir string, isDir func(string) bool) bool {
	if filepath.Base(dir) != "tmp" {
		return false
	}
	parent := filepath.Dir(dir)
	return isDir(filepath.Join(parent, "cur")) || isDir(filepath.Join(parent, "new"))
}

func osIsDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

func osFile(ref model.FileRef, info fs.FileInfo, folderDate time.Time) file {
	ref.Stamp = stampOf(ref.Path, info)
	f := file{
		ref:   ref,
		hints: SaveHints{FolderDate: folderDate, ModTime: info.ModTime()},
	}
	if !info.Mode().IsRegular() {
		f.skipErr = errNotRegular(info.Mode())
	} else if info.Size() > MaxFileSize {
		f.skipErr = errTooLarge(info.Size())
	}
	return f
}

// walkFS lists the files of an fs.FS (the samples bundled into the binary)
// in the same order and with the same rules as walkOS.
func walkFS(fsys fs.FS, root string, emit func(file)) {
	var paths []string
	err := fs.WalkDir(fsys, root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			emit(file{ref: fsRef(root, path), skipErr: err})
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != root && d.IsDir() && maildirTmp(path, func(p string) bool {
			info, err := fs.Stat(fsys, p)
			return err == nil && info.IsDir()
		}) {
			return fs.SkipDir
		}
		if d.Type().IsRegular() {
			paths = append(paths, path)
		} else if !d.IsDir() {
			emit(file{ref: fsRef(root, path), skipErr: errNotRegular(d.Type())})
		}
		return nil
	})
	if err != nil {
		emit(file{ref: fsRef(root, root), skipErr: err})
	}
	refs := make([]model.FileRef, len(paths))
	for i, path := range paths {
		refs[i] = fsRef(root, path)
	}
	slices.SortFunc(refs, func(a, b model.FileRef) int { return strings.Compare(a.Order, b.Order) })
	for _, ref := range refs {
		path := ref.Path
		f := file{
			ref:   ref,
			hints: SaveHints{FolderDate: folderDate(path)},
			read:  func() ([]byte, error) { return readFSFile(fsys, path) },
		}
		if info, err := fs.Stat(fsys, path); err == nil {
			f.ref.Size = info.Size()
			f.ref.ModTime = model.StampTime(info.ModTime())
			f.hints.ModTime = info.ModTime()
		}
		emit(f)
	}
}

// describeOpenError turns the file system's errors into the reason a user
// needs, without repeating the path (the warning names it).
func describeOpenError(err error) error {
	switch {
	case os.IsNotExist(err):
		return fmt.Errorf("no such file or folder")
	case os.IsPermission(err):
		return fmt.Errorf("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Found is a file the walk found: named and stamped, with why it will not
// be read when it will not (a folder that cannot be listed is one too).
type Found struct {
	model.FileRef
	Skip error
}

// Walk lists what a load of paths would read, in walk order, without
// reading it: what the parse cache compares its files with.
func Walk(paths []string, emit func(Found)) { WalkNamed(paths, nil, emit) }

// WalkNamed is Walk naming the files named knows as it says (see Namer).
func WalkNamed(paths []string, named Namer, emit func(Found)) {
	walkListing(paths, nil, named, func(f file) { emit(Found{FileRef: f.ref, Skip: f.skipErr}) })
}

// linkError says why a symbolic link leads nowhere, naming where it
// points, which is what the user has to fix.
func linkError(path string, err error) error {
	if target, rerr := os.Readlink(path); rerr == nil {
		return fmt.Errorf("symbolic link to %s: %w", CleanLine(target), describeOpenError(err))
	}
	return fmt.Errorf("symbolic link: %w", describeOpenError(err))
}
