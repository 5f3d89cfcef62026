package ui

import (
	"errors"
	"iter"
	"sync"
	"unsafe"

	tea "charm.land/bubbletea/v2"

	"tidings/cache"
	"tidings/loader"
	"tidings/model"
)

// startWalk is a warm start's walk of its files, begun as the snapshot is
// read: the watcher's setup walk (loader.WatchOptions.Walked), or a walk
// of its own when the folders are not watched. What it finds is kept in
// lists of 1,024 (one growing list would be copied again and again) until
// the check, which starts once the library is loaded, takes them; from
// then on each list is given back as soon as it has been compared, and
// filled again: a walk of 100,000 files would otherwise make 10 MB of
// them, all garbage, which the collector has to catch up with while the
// check runs.
type startWalk struct {
	mu       sync.Mutex
	more     sync.Cond // a list is full, or the walk ended
	found    [][]loader.Found
	free     [][]loader.Found // lists compared, to be filled again
	read     int              // lists the check has taken
	dropped  bool             // nobody will read what it finds
	taken    bool             // the check reads what it finds
	held     int              // files found before it did
	ended    bool
	complete bool // it went through every folder
	// lib is the library the check compares the files with, from when it
	// takes the walk: the walk names the files it has as its pages do
	// (named).
	lib *model.Library
}

// walkAhead is how many files the walk finds before the library is
// loaded, at most: then it waits for the check to take them. Each costs
// some 500 bytes until then (what is kept of it, and the garbage made
// finding it, which nothing collects while the cache is read): without a
// bound, a million files read faster than the cache would raise the
// reader's peak by half a gigabyte; with it, by some 2.5 MB. The peak of
// a warm start is what it holds when the cache has been read (see
// holdPeak): at 100,000 dumps, interleaved, 5,000 rather than 20,000
// held it 4 MiB lower, for no more CPU and no slower whole list.
var walkAhead = 5_000

// walkList is how many files a list of the walk holds.
const walkList = 1024

// errWalkStopped is a check's error when the walk stopped short (the
// reader is closing): what it did not reach is not gone.
var errWalkStopped = errors.New("the walk of the files stopped")

func newStartWalk() *startWalk {
	s := &startWalk{}
	s.more.L = &s.mu
	return s
}

func (s *startWalk) add(f loader.Found) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for !s.taken && !s.dropped && s.held >= walkAhead {
		s.more.Wait()
	}
	// During the check, a new list waits while the walk is as far ahead
	// of it as it could be before, so that the lists it has compared are
	// the ones filled again. Two are always allowed: the check reads a
	// list once the next one is begun.
	n := len(s.found)
	full := n == 0 || len(s.found[n-1]) == cap(s.found[n-1])
	for full && s.taken && !s.dropped && n-s.read >= max(2, walkAhead/walkList) {
		s.more.Wait()
	}
	if s.dropped {
		return
	}
	if !s.taken {
		s.held++
	}
	if full {
		var list []loader.Found
		if k := len(s.free); k > 0 {
			list, s.free = s.free[k-1], s.free[:k-1]
		} else {
			list = make([]loader.Found, 0, walkList)
		}
		s.found = append(s.found, list)
		s.more.Broadcast() // the list before is whole
	}
	last := &s.found[len(s.found)-1]
	*last = append(*last, f)
}

// finish ends the walk; complete says it went through every folder (a
// watcher stopped before it was ready did not). Only the first call
// counts.
func (s *startWalk) finish(complete bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ended {
		s.ended, s.complete = true, complete
		s.more.Broadcast()
	}
}

func (s *startWalk) completed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.complete
}

// drop lets what the walk found go: the start was not warm after all.
func (s *startWalk) drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropped, s.found, s.free, s.lib = true, nil, nil, nil
	s.more.Broadcast()
}

// named names a file lib has as its page does (a loader.Namer): the walk
// then makes no strings for it. Only while the check reads lib, which
// nothing changes meanwhile: changes wait for the check, and checked
// drops the walk before they are applied (drop holds the lock, so no
// lookup is under way then).
func (s *startWalk) named(key []byte) (model.FileRef, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lib == nil || s.dropped || len(key) == 0 {
		return model.FileRef{}, false
	}
	// The key is looked up, not kept: no copy of it is made.
	p := s.lib.PageByKey(unsafe.String(unsafe.SliceData(key), len(key)))
	if p == nil {
		return model.FileRef{}, false
	}
	return p.FileRef, true
}

// take is what the walk finds, in walk order, as it finds it: each list
// once it is whole (a list being filled is not read), until the walk
// ends; lib is the library the check compares them with (see named). One
// reader.
func (s *startWalk) take(lib *model.Library) iter.Seq[loader.Found] {
	return func(yield func(loader.Found) bool) {
		s.mu.Lock()
		s.taken, s.lib = true, lib
		s.more.Broadcast()
		s.mu.Unlock()
		for i := 0; ; i++ {
			s.mu.Lock()
			for !s.ended && i+1 >= len(s.found) {
				s.more.Wait()
			}
			if i >= len(s.found) {
				s.mu.Unlock()
				return
			}
			chunk := s.found[i]
			s.found[i] = nil
			s.read = i + 1
			s.more.Broadcast() // the walk may go on
			s.mu.Unlock()
			for _, f := range chunk {
				if !yield(f) {
					s.drop()
					return
				}
			}
			clear(chunk) // what it named is the check's now, or nobody's
			s.mu.Lock()
			if !s.dropped {
				s.free = append(s.free, chunk[:0])
			}
			s.mu.Unlock()
		}
	}
}

// startWalking begins the walk of a start that will be warm (its snapshot
// is there), as the snapshot is read.
func (m *Model) startWalking(store cache.Cache) tea.Cmd {
	src := m.opts.Source
	if src.FS != nil || len(src.Paths) == 0 || !store.Has(src.Paths, nil) {
		return nil
	}
	walk := newStartWalk()
	m.ld.walk = walk
	if m.opts.Watch {
		return m.startWatching()
	}
	go func() {
		loader.WalkNamed(src.Paths, walk.named, walk.add)
		walk.finish(true)
	}()
	return nil
}
