package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"tidings/loader"
	"tidings/model"
)

// watching follows the opened folders once they have loaded: dumps
// written, renamed into place or changed are loaded in a command and added
// to the library, with no key pressed; r rescans by hand.
//
// The library is read in the background by the index builds, the
// similar-story searches and phrase checks, so loaded changes wait in
// waiting until none of those runs, and are then added in Update.
type watching struct {
	paths   []string
	cancel  context.CancelFunc
	ch      chan loader.Change
	known   map[string]loader.Stamp // the last scan, for r
	waiting []watchLoadedMsg
}

// watchSettle is how long a file must stop changing before it is read.
const watchSettle = 300 * time.Millisecond

type (
	watchChangeMsg struct{ change loader.Change }
	watchLoadedMsg struct {
		results []loader.Result
		removed []string
		byHand  bool
	}
	scannedMsg struct {
		stamps map[string]loader.Stamp
		byHand bool
	}
)

// startWatching begins once loading is done: a baseline scan for r, and,
// unless turned off, the watcher's goroutine, which Close stops.
func (m *Model) startWatching() tea.Cmd {
	paths := m.opts.Source.Paths
	if m.opts.Source.FS != nil || len(paths) == 0 {
		return nil // the bundled samples do not change
	}
	m.watch.paths = paths
	cmds := []tea.Cmd{scan(paths, false)}
	if m.opts.Watch {
		ctx, cancel := context.WithCancel(context.Background())
		m.watch.cancel = cancel
		ch := make(chan loader.Change, 4)
		m.watch.ch = ch
		poll := m.ctx.Config.WatchPollDuration()
		go func() {
			defer close(ch)
			loader.Watch(ctx, paths, watchSettle, poll, func(c loader.Change) {
				select {
				case ch <- c:
				case <-ctx.Done():
				}
			})
		}()
		cmds = append(cmds, waitForChange(ch))
	}
	return tea.Batch(cmds...)
}

func scan(paths []string, byHand bool) tea.Cmd {
	return func() tea.Msg { return scannedMsg{loader.Scan(paths), byHand} }
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

// loadChange reads the files written, in a command.
func loadChange(c loader.Change, byHand bool) tea.Cmd {
	return func() tea.Msg {
		var results []loader.Result
		if len(c.Written) > 0 {
			results = loader.LoadAll(context.Background(), loader.Source{Paths: c.Written}, loader.Options{})
		}
		return watchLoadedMsg{results: results, removed: c.Removed, byHand: byHand}
	}
}

// scanned keeps a scan as the baseline; one asked for by r is compared
// with the last, and what changed is loaded.
func (m *Model) scanned(msg scannedMsg) tea.Cmd {
	old := m.watch.known
	if !msg.byHand {
		if old == nil { // a rescan by hand may have come first
			m.watch.known = msg.stamps
		}
		return nil
	}
	m.watch.known = msg.stamps
	if old == nil {
		old = msg.stamps // r before the first scan: the folders as just loaded
	}
	c := loader.Diff(old, msg.stamps)
	if len(c.Written) == 0 && len(c.Removed) == 0 {
		m.status = folderChange{byHand: true}.note()
		return nil
	}
	return loadChange(c, true)
}

// rescan is r: look at the folders now, in a command.
func (m *Model) rescan() tea.Cmd {
	if len(m.watch.paths) == 0 {
		m.status = "Nothing to rescan: the bundled samples do not change"
		if m.ld.active {
			m.status = "Still loading"
		}
		return nil
	}
	m.status = "Rescanning…"
	return scan(m.watch.paths, true)
}

// readingInBackground is true while a command reads the library.
func (m *Model) readingInBackground() bool {
	return m.search.building || m.search.similarBuilding || len(m.search.asked) > 0 || m.filter.checks > 0 || m.search.cacheWriting
}

// applyWaiting adds the loaded changes once nothing reads the library in
// the background, keeping the cursor on its story and at its place on
// screen. A changed dump's old page is taken out before the new one goes
// in, and a removed dump's stories leave the list unless another dump
// shows them. The stories of the new pages are then added to the filter
// index in a command (see Index.With): no story's text needs reading
// again, so a new dump is searchable a moment after it shows.
func (m *Model) applyWaiting() tea.Cmd {
	if len(m.watch.waiting) == 0 || m.readingInBackground() || m.ld.active {
		return nil
	}
	// New stories are those no loaded page showed before.
	fresh := map[string]bool{}
	for _, w := range m.watch.waiting {
		for _, r := range w.results {
			if r.Dump == nil {
				continue
			}
			for _, s := range append([]*model.Story{r.Dump.Main}, r.Dump.Related...) {
				if s != nil && m.lib.ByID(s.ID) == nil {
					fresh[s.ID] = true
				}
			}
		}
	}
	removed, reread, byHand := 0, 0, false
	prints := map[*model.Article]storyPrint{} // for the stories changed (changes.go)
	var pages []*model.Dump
	touched := map[string]bool{} // the stories of the pages changed
	unload := func(path string) bool {
		if p := m.lib.PageAt(path); p != nil {
			if p.Main != nil {
				touched[p.Main.ID] = true
			}
			for _, a := range p.Related {
				touched[a.ID] = true
			}
		}
		return m.lib.RemovePage(path)
	}
	for _, w := range m.watch.waiting {
		for _, path := range w.removed {
			if unload(path) {
				removed++
			}
		}
		for _, r := range w.results {
			if p := m.lib.PageAt(r.Path); p != nil {
				notePrints(prints, p)
				reread++
			}
			unload(r.Path)
			if r.Err != nil {
				m.lib.AddWarning(r.Path, r.Err.Error())
				continue
			}
			m.lib.Add(r.Dump)
			pages = append(pages, r.Dump)
			if m.ld.record != nil { // a cache still to be written keeps it
				m.ld.record.Add(r, m.lib)
			}
		}
		byHand = byHand || w.byHand
	}
	m.watch.waiting = nil
	m.mk.grow(m.lib.Articles)
	m.list.forget(nil) // merged copies may have changed what rows show
	m.ld.order = nil   // stories may have left their day, or changed it
	for id := range touched {
		m.rendering.cache.forgetStory(id) // its text may be another now
	}
	m.rebuild()
	change := folderChange{added: len(fresh), changed: storiesChanged(prints), removed: removed, reread: reread, byHand: byHand}
	if note := change.note(); note != "" {
		m.status = note
	}
	var rebuild tea.Cmd
	if m.search.similar != nil && m.search.similar.Stale(len(m.lib.Articles)) {
		rebuild = m.rebuildSimilarity()
	}
	if len(pages) == 0 || m.search.index == nil {
		return tea.Batch(m.refreshReader(false), rebuild)
	}
	stories := map[int][]*model.Story{}
	for _, d := range pages {
		for _, s := range append([]*model.Story{d.Main}, d.Related...) {
			if s == nil {
				continue
			}
			if a := m.lib.ByID(s.ID); a != nil {
				stories[a.Index] = append(stories[a.Index], s)
			}
		}
	}
	m.search.building = true
	index, n := m.search.index, len(m.lib.Articles)
	return tea.Batch(func() tea.Msg { return indexBuiltMsg{index.With(n, stories)} }, m.refreshReader(false), rebuild)
}
