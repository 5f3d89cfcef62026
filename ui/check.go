package ui

import (
	"context"
	"iter"
	"runtime/debug"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"tidings/cache"
	"tidings/loader"
	"tidings/model"
)

// A library from the parse cache is shown as the cache kept it, and its
// files are checked behind the first frame: walked, their stamps compared
// with the cache's, and those changed or new parsed (cache.Warm.Check).
// What the check finds comes in as a change, the way the watcher's do
// (see changing), so that once it is done the library is the one a load
// of the files as they are makes.
//
// The files are walked while the snapshot is read (startWalk), by the
// watcher as it sets its watches up: each folder is watched before its
// entries are read, so that a file written after the walk passed it is
// the watcher's to report, and one walk serves both.

// checkSaidAfter is how long the check runs before the title says so: a
// small archive is checked before anyone could read it. One of
// checkSaidFrom files or more takes longer (some 0.4 s for 100,000), and
// says so from the first frame, so that nobody, nor scripts/bench.sh,
// takes the list for checked in the meantime.
const (
	checkSaidAfter = 250 * time.Millisecond
	checkSaidFrom  = 10_000
)

// checkGCPercent is the garbage collector's pace while the files are
// checked (see startLoading for the reader's).
const checkGCPercent = 15

type checkSlowMsg struct{}

// checkFiles starts the check of a library from the cache, as a command
// that reads the library: changes found meanwhile wait for it.
func (m *Model) checkFiles() tea.Cmd {
	w := m.ld.warm
	if w == nil {
		return nil
	}
	m.ld.warm = nil
	ctx, cancel := context.WithCancel(context.Background())
	m.ld.checkCancel = cancel
	m.ld.checking = true
	m.ld.checkSaid = len(m.lib.Pages) >= checkSaidFrom
	paths := m.opts.Source.Paths
	walk := m.ld.walk
	m.ld.walk = nil
	check := m.readLibrary(func() tea.Msg {
		defer cancel()
		// The walk's records are garbage as soon as each file is
		// compared (tens of megabytes for 100,000 files): collected
		// sooner than the reader's usual pace, they do not raise its peak.
		defer debug.SetGCPercent(debug.SetGCPercent(checkGCPercent))
		var c model.Changes
		var err error
		if walk != nil {
			c, err = w.CheckWalked(ctx, walk.take())
		} else {
			c, err = w.Check(ctx, paths)
		}
		if err != nil {
			return checkedMsg{}
		}
		return checkedMsg{changesReadMsg{changes: c, atStart: true}}
	})
	return tea.Batch(check, tea.Tick(checkSaidAfter, func(time.Time) tea.Msg { return checkSlowMsg{} }))
}

// checkedMsg brings what the check found.
type checkedMsg struct{ changes changesReadMsg }

func (m *Model) checked(msg checkedMsg) tea.Cmd {
	m.ld.checking, m.ld.checkSaid = false, false
	return m.changesRead(msg.changes)
}

// startWalk is a warm start's walk of its files, begun as the snapshot is
// read: the watcher's setup walk (loader.WatchOptions.Walked), or a walk
// of its own when the folders are not watched. The check compares what it
// found once both are done.
type startWalk struct {
	mu       sync.Mutex
	found    [][]loader.Found // in lists of 1,024: one growing list would be copied again and again
	dropped  bool
	complete bool // the walk went through every folder
	done     chan struct{}
	once     sync.Once
}

func newStartWalk() *startWalk { return &startWalk{done: make(chan struct{})} }

func (s *startWalk) add(f loader.Found) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dropped {
		return
	}
	if n := len(s.found); n == 0 || len(s.found[n-1]) == cap(s.found[n-1]) {
		s.found = append(s.found, make([]loader.Found, 0, 1024))
	}
	last := &s.found[len(s.found)-1]
	*last = append(*last, f)
}

// finish ends the walk; complete says it went through every folder (a
// watcher stopped before it was ready did not).
func (s *startWalk) finish(complete bool) {
	s.once.Do(func() {
		s.mu.Lock()
		s.complete = complete
		s.mu.Unlock()
		close(s.done)
	})
}

// drop lets what the walk found go: the start was not warm after all.
func (s *startWalk) drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropped, s.found = true, nil
}

// take is what the walk found, in walk order, once it is done; each list
// is let go as soon as it has been gone through.
func (s *startWalk) take() iter.Seq[loader.Found] {
	s.mu.Lock()
	found := s.found
	s.found, s.dropped = nil, true
	s.mu.Unlock()
	return func(yield func(loader.Found) bool) {
		for i, chunk := range found {
			found[i] = nil
			for _, f := range chunk {
				if !yield(f) {
					return
				}
			}
		}
	}
}

// walkedMsg says the start's walk is done.
type walkedMsg struct{ complete bool }

func waitForWalk(s *startWalk) tea.Cmd {
	return func() tea.Msg {
		<-s.done
		s.mu.Lock()
		defer s.mu.Unlock()
		return walkedMsg{complete: s.complete}
	}
}

// walked takes the end of the start's walk: the check begins once the
// library is loaded too.
func (m *Model) walked(msg walkedMsg) tea.Cmd {
	if !msg.complete || m.ld.walk == nil {
		return nil // stopped: the reader is closing
	}
	m.ld.walkDone = true
	if m.ld.active || m.ld.warm == nil {
		return nil
	}
	return m.checkFiles()
}

// startWalking begins the walk of a start that will be warm (its snapshot
// is there), as the snapshot is read, and returns the command that waits
// for its end.
func (m *Model) startWalking(store cache.Cache) tea.Cmd {
	src := m.opts.Source
	if src.FS != nil || len(src.Paths) == 0 || !store.Has(src.Paths, nil) {
		return nil
	}
	walk := newStartWalk()
	m.ld.walk = walk
	if m.opts.Watch {
		return tea.Batch(m.startWatching(), waitForWalk(walk))
	}
	go func() {
		loader.Walk(src.Paths, walk.add)
		walk.finish(true)
	}()
	return waitForWalk(walk)
}
