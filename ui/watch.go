package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"tidings/loader"
	"tidings/model"
)

// watching follows the opened folders once they have loaded: files
// written, renamed into place, changed or removed are read in a command
// and become changes to the library (see changing), with no key pressed;
// r rescans by hand.
type watching struct {
	paths  []string
	cancel context.CancelFunc
	ch     chan loader.Change
	// scanning is true while a rescan runs, so that r pressed twice, or an
	// overflow during one, scans once.
	scanning bool
	// ready is true once the folders are watched.
	ready bool
	// early is what the watcher saw while the library was loading.
	early []loader.Change
}

// watchSettle is how long a file must stop changing before it is read.
const watchSettle = 300 * time.Millisecond

type watchChangeMsg struct{ change loader.Change }

// startWatching begins once loading is done, unless turned off; Close
// stops its goroutine.
func (m *Model) startWatching() tea.Cmd {
	paths := m.opts.Source.Paths
	if m.opts.Source.FS != nil || len(paths) == 0 || m.watch.ch != nil {
		return nil // the bundled samples do not change; or watched from the start
	}
	m.watch.paths = paths
	if !m.opts.Watch {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.watch.cancel = cancel
	ch := make(chan loader.Change, 4)
	m.watch.ch = ch
	opts := loader.WatchOptions{Settle: watchSettle, Poll: m.ctx.Config.WatchPollDuration(),
		FallbackPoll: m.ctx.Config.WatchPollDuration(), Notifier: m.opts.WatchNotifier}
	walk := m.ld.walk
	if walk != nil {
		// A warm start: the watcher's walk is the check's.
		opts.Walked, opts.Named = walk.add, walk.named
		opts.Ready = func() { walk.finish(true) }
	}
	go func() {
		defer close(ch)
		if walk != nil {
			defer walk.finish(false)
		}
		loader.Watch(ctx, paths, opts, func(c loader.Change) {
			select {
			case ch <- c:
			case <-ctx.Done():
			}
		})
	}()
	return waitForChange(ch)
}

func waitForChange(ch chan loader.Change) tea.Cmd {
	return func() tea.Msg {
		c, ok := <-ch
		if !ok {
			return nil
		}
		return watchChangeMsg{c}
	}
}

// watchChanged takes what the watcher saw: problems are said and listed
// under w, lost events start a rescan, and files written or removed are
// read in a command.
func (m *Model) watchChanged(c loader.Change) tea.Cmd {
	m.watch.ready = m.watch.ready || c.Watching
	if m.ld.active {
		// Watched from a warm start on: the library is not there yet,
		// and what the watcher saw is taken in once it is.
		m.watch.early = append(m.watch.early, c)
		return waitForChange(m.watch.ch)
	}
	return tea.Batch(waitForChange(m.watch.ch), m.takeChange(c))
}

// takeEarly takes in what the watcher saw while the library was loading.
func (m *Model) takeEarly() tea.Cmd {
	var cmds []tea.Cmd
	for _, c := range m.watch.early {
		cmds = append(cmds, m.takeChange(c))
	}
	m.watch.early = nil
	return tea.Batch(cmds...)
}

// takeChange takes in a change the watcher saw.
func (m *Model) takeChange(c loader.Change) tea.Cmd {
	var cmds []tea.Cmd
	if c.Watching && m.ld.checkAfterWatch {
		m.ld.checkAfterWatch = false
		cmds = append(cmds, m.checkFiles())
	}
	for _, p := range c.Problems {
		m.lib.AddWarning("watching", p)
		m.status = "Watching: " + p
	}
	if c.Rescan {
		cmds = append(cmds, m.rescan(false))
	}
	if len(c.Written) > 0 || len(c.Removed) > 0 {
		cmds = append(cmds, readChange(m.lib, m.watch.paths, c))
	}
	return tea.Batch(cmds...)
}

// readChange parses the files written, in a command, and names the files
// removed by their keys; lib's site-line counts are read there too, when
// still in the cache, not where the changes are applied.
func readChange(lib *model.Library, paths []string, c loader.Change) tea.Cmd {
	return func() tea.Msg {
		var refs []model.FileRef
		for _, p := range c.Written {
			if ref, ok := loader.Locate(paths, p); ok {
				refs = append(refs, ref)
			}
		}
		changes := loader.Changes(loader.LoadFiles(context.Background(), refs, loader.Options{}))
		for _, p := range c.Removed {
			if ref, ok := loader.Locate(paths, p); ok {
				changes.Removed = append(changes.Removed, ref.Key)
			}
		}
		if !changes.Empty() {
			lib.ReadSiteCounts()
		}
		return changesReadMsg{changes: changes}
	}
}

// changesRead queues changes read in a command. A removed path that is no
// file the library has may have been a folder: the files it held go too.
func (m *Model) changesRead(msg changesReadMsg) tea.Cmd {
	if msg.scan {
		m.watch.scanning = false
	}
	var removed []string
	for _, key := range msg.changes.Removed {
		if m.lib.PageByKey(key) != nil {
			removed = append(removed, key)
			continue
		}
		if _, ok := m.lib.SkippedAt(key); ok {
			removed = append(removed, key)
		}
		for _, p := range m.lib.Pages {
			if strings.HasPrefix(p.Key, key+"/") {
				removed = append(removed, p.Key)
			}
		}
	}
	msg.changes.Removed = removed
	m.changes.pending = append(m.changes.pending, pendingChange(msg))
	return m.applyPending()
}

// rescan looks at the folders now, in a command that reads the library:
// r by hand, or after the watcher lost events.
func (m *Model) rescan(byHand bool) tea.Cmd {
	if len(m.watch.paths) == 0 {
		if byHand {
			m.status = "Nothing to rescan: the bundled samples do not change"
			if m.ld.active {
				m.status = "Still loading"
			}
		}
		return nil
	}
	if byHand {
		m.status = "Rescanning…"
	}
	if m.watch.scanning {
		return nil
	}
	if m.ld.active {
		// Watched from a warm start on, while the library loads: it is
		// checked once it has.
		if byHand {
			m.status = "Still loading"
		}
		return nil
	}
	m.watch.scanning = true
	lib, paths := m.lib, m.watch.paths
	return m.readLibrary(func() tea.Msg {
		c, _ := loader.Rescan(context.Background(), lib, paths, nil)
		if !c.Empty() {
			lib.ReadSiteCounts()
		}
		return changesReadMsg{changes: c, byHand: byHand, scan: true}
	})
}
