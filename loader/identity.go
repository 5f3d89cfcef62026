package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tidings/model"
)

// Canonical is a file's identity: its absolute, cleaned path with symbolic
// links resolved, so that a folder opened as "clips", "clips/", "a/../clips"
// or "~/clips" is one folder, and its cache one cache. A file that is not
// there (any more) is named through its folder's canonical path.
func Canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// Roots are the canonical forms of the paths opened, in order: what the
// parse cache is keyed by.
func Roots(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = Canonical(p)
	}
	return out
}

// The walk order of a file is kept as a string that compares as the walk
// goes: the number of the argument it was found under, then each name
// below it, after a zero byte, which sorts before any byte of a name (so
// "a/b" comes before "a.txt", as the walk of folder "a" comes before the
// file "a.txt").
func rootOrder(i int) string { return fmt.Sprintf("%06d", i) }

func childOrder(parent, name string) string { return parent + "\x00" + name }

// fsRef names a file of an fs.FS (the bundled samples), which has no other
// identity than its path there.
func fsRef(root, path string) model.FileRef {
	rel := strings.TrimPrefix(strings.TrimPrefix(path, root), "/")
	order := rootOrder(0)
	if rel != "" && rel != "." {
		order += "\x00" + strings.ReplaceAll(rel, "/", "\x00")
	}
	return model.FileRef{Key: path, Path: path, Order: order}
}

// Locate names a file under the paths opened as the walk would have: the
// path as reached, its key, and its place in walk order. ok is false for
// a path under none of them.
func Locate(paths []string, path string) (model.FileRef, bool) {
	path = filepath.Clean(path)
	for i, root := range paths {
		root = filepath.Clean(root)
		if path == root {
			return model.FileRef{Key: Canonical(path), Path: path, Order: rootOrder(i)}, true
		}
		prefix := root + string(filepath.Separator)
		if root == string(filepath.Separator) {
			prefix = root
		}
		if rel, ok := strings.CutPrefix(path, prefix); ok {
			order := rootOrder(i)
			for name := range strings.SplitSeq(rel, string(filepath.Separator)) {
				order = childOrder(order, name)
			}
			return model.FileRef{Key: Canonical(path), Path: path, Order: order}, true
		}
	}
	return model.FileRef{}, false
}

// statRef is ref with the file's stamp now, or an error when it cannot be
// stat'ed.
func statRef(ref model.FileRef) (model.FileRef, os.FileInfo, error) {
	info, err := os.Stat(ref.Path)
	if err != nil {
		return ref, nil, err
	}
	ref.Stamp = stampOf(ref.Path, info)
	return ref, info, nil
}
