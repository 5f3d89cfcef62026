package ui

import (
	"context"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"

	"tidings/model"
)

// A library from the parse cache is shown as the cache kept it, and its
// files are checked behind the first frame: walked, their stamps compared
// with the cache's, and those changed or new parsed (cache.Warm.Check).
// What the check finds comes in as a change, the way the watcher's do
// (see changing), so that once it is done the library is the one a load
// of the files as they are makes.
//
// The files are walked as the snapshot is read (startWalk), by the
// watcher as it sets its watches up: each folder is watched before its
// entries are read, so that a file written after the walk passed it is
// the watcher's to report, and one walk serves both. The check compares
// what the walk found as soon as the library is loaded, and the rest as
// the walk goes on.

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
	check := m.readLibrary(func() tea.Msg {
		defer cancel()
		// A walk of the check's own makes garbage as soon as each file
		// is compared (tens of megabytes for 100,000 files): collected
		// sooner than the reader's usual pace, it does not raise the
		// peak. The start's walk makes less: at 15 % its check took
		// some 0.4 s longer at 100,000 files (a third of the whole
		// list's time) for 6 MiB less at the peak.
		if walk == nil {
			defer debug.SetGCPercent(debug.SetGCPercent(checkGCPercent))
		}
		var c model.Changes
		var err error
		if walk != nil {
			c, err = w.CheckWalked(ctx, walk.take(w.Library))
			if err == nil && !walk.completed() {
				err = errWalkStopped
			}
		} else {
			c, err = w.Check(ctx, paths)
		}
		if err != nil {
			return checkedMsg{}
		}
		if !c.Empty() {
			w.Library.ReadSiteCounts()
		}
		return checkedMsg{changesReadMsg{changes: c, atStart: true}}
	})
	return tea.Batch(check, tea.Tick(checkSaidAfter, func(time.Time) tea.Msg { return checkSlowMsg{} }))
}

// checkedMsg brings what the check found.
type checkedMsg struct{ changes changesReadMsg }

func (m *Model) checked(msg checkedMsg) tea.Cmd {
	m.ld.checking, m.ld.checkSaid = false, false
	if m.ld.walk != nil {
		m.ld.walk.drop() // its lists: the watcher holds it for long
	}
	m.ld.walk = nil
	m.ld.endPeakHold()
	return m.changesRead(msg.changes)
}

// endPeakHold lets go of a warm start's memory limit (see holdPeak).
func (l *loading) endPeakHold() {
	if l.releasePeak != nil {
		l.releasePeak()
		l.releasePeak = nil
	}
}
