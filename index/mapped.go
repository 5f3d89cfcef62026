package index

import (
	"errors"
	"runtime"
	"runtime/debug"
	"sync/atomic"
)

// An index decoded in place from a map of the parse cache file (see
// DecodeFrom and HoldMap) reads its arrays from the file's pages, long
// after the snapshot was read: a file cut short meanwhile makes a read of
// a page it no longer has fault (SIGBUS), and one written over in place
// can hold, under the vocabulary checked at start, references out of
// range. Every method that reads the arrays runs under fault protection
// (guard): either becomes the index's failure, which its answers say
// (nil, as a query stopped; Err), and the index is built again by whoever
// holds it. An index in memory is not guarded: a panic there is a bug.

// ErrMapChanged is the failure of an index whose mapped file changed
// under it.
var ErrMapChanged = errors.New("the parse cache file changed under the filter index")

// mapSource is the map an index's shards lie in: shared by every index
// made from it (Update, Compact), and held by each of its shards, so
// that the map is let go of once no shard of it is left.
type mapSource struct {
	failed atomic.Bool
}

// HoldMap makes the index, and every index made from it, keep the map
// its arrays lie in (see DecodeFrom), and guard their reads of it;
// release lets go of the map once none of them is reachable. It must be
// called before the index is used.
func (ix *Index) HoldMap(release func()) {
	src := &mapSource{}
	ix.src = src
	for _, sh := range ix.shards {
		sh.src = src
	}
	runtime.AddCleanup(src, func(f func()) { f() }, release)
}

// Err is ErrMapChanged once a read of the map an index lies in failed;
// nil for an index in memory, or one whose map is whole.
func (ix *Index) Err() error {
	if ix != nil && ix.src != nil && ix.src.failed.Load() {
		return ErrMapChanged
	}
	return nil
}

// guard runs read, which reads the index's arrays, and reports whether
// it ran through: for an index in a map, a fault or a reference out of
// range is recovered, and the index has failed (Err).
func (ix *Index) guard(read func()) (ok bool) {
	if ix == nil || ix.src == nil {
		read()
		return true
	}
	if ix.src.failed.Load() {
		return false
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			if _, isRuntime := p.(runtime.Error); !isRuntime {
				panic(p)
			}
			ix.src.failed.Store(true)
			ok = false
		}
	}()
	read()
	return true
}
