package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"tidings/loader"
	"tidings/model"
	"tidings/model/state"
)

// loading is the progress of reading the dumps. Pages that arrive before
// the saved marks are known wait in pending, so that no story ever shows
// as unread first.
type loading struct {
	active      bool
	storeReady  bool
	pending     []loadBatchMsg
	touched     bool // the user has pressed a key or clicked since start
	shownFirst  bool // the first stories have been laid out
	progress    loader.Progress
	ch          chan loadBatchMsg
	cancel      context.CancelFunc
	lastRebuild time.Time
	// order is the library's days as article indexes, rebuilt when the
	// library grows.
	order         []dayOrder
	orderArticles int
}

// storeSync follows the read-state store: the sequence number of the last
// change handed to it and of the last one it confirmed saved.
type storeSync struct {
	store   MarkStore
	applied uint64
	saved   uint64
	err     error
}

// searchIndex is the filter's index, built in a command once pages are in,
// and then the similarity index the Related section's similar stories come
// from, with the answers found so far.
type searchIndex struct {
	index    *model.Index
	building bool
	similar  *model.Similarity
	// similarBuilding is true while the similarity index is built
	similarBuilding bool
	found           map[*model.Article][]model.Similar
	asked           map[*model.Article]bool
}

// Messages of the loading, store and index commands.
type (
	storeOpenedMsg struct {
		store MarkStore
		note  string
		marks map[string]state.Mark
		err   error
	}
	loadBatchMsg struct {
		results  []loader.Result
		progress loader.Progress
		done     bool
	}
	storeEventMsg      struct{ ev state.Event }
	indexBuiltMsg      struct{ index *model.Index }
	similarityBuiltMsg struct{ similar *model.Similarity }
	similarFoundMsg    struct {
		art     *model.Article
		similar []model.Similar
	}
)

// openStore opens the read-state store and reads its marks, off the UI
// goroutine.
func (m *Model) openStore() tea.Cmd {
	open := m.opts.OpenStore
	return func() tea.Msg {
		if open == nil {
			return storeOpenedMsg{}
		}
		store, note := open()
		marks, err := store.Marks()
		return storeOpenedMsg{store: store, note: note, marks: marks, err: err}
	}
}

// startLoading runs the loader in a goroutine that Close stops; its
// batches come back one command at a time.
func (m *Model) startLoading() tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	m.ld.cancel = cancel
	ch := make(chan loadBatchMsg, 4)
	m.ld.ch = ch
	src := m.opts.Source
	go func() {
		defer close(ch)
		loader.Load(ctx, src, loader.Options{}, func(results []loader.Result, p loader.Progress) {
			select {
			case ch <- loadBatchMsg{results: results, progress: p}:
			case <-ctx.Done():
			}
		})
	}()
	return waitForBatch(ch)
}

func waitForBatch(ch chan loadBatchMsg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return loadBatchMsg{done: true}
		}
		return msg
	}
}

func waitForStoreEvent(events <-chan state.Event) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-events
		if !ok {
			return nil
		}
		return storeEventMsg{ev}
	}
}

func (m *Model) storeOpened(msg storeOpenedMsg) tea.Cmd {
	m.store.store = msg.store
	m.mk.stored = msg.marks
	if msg.note != "" {
		m.lib.AddWarning("read state", msg.note)
		m.status = msg.note
	}
	if msg.err != nil {
		m.lib.AddWarning("read state", "could not read the saved marks: "+msg.err.Error())
	}
	m.ld.storeReady = true
	var cmds []tea.Cmd
	if m.store.store != nil {
		cmds = append(cmds, waitForStoreEvent(m.store.store.Events()))
	}
	for _, pending := range m.ld.pending {
		cmds = append(cmds, m.applyBatch(pending))
	}
	m.ld.pending = nil
	return tea.Batch(cmds...)
}

// storeEvent notes what the store saved, or why it could not.
func (m *Model) storeEvent(ev state.Event) tea.Cmd {
	if ev.Err != nil {
		m.store.err = ev.Err
	} else if ev.Saved > m.store.saved {
		m.store.saved = ev.Saved
		m.store.err = nil
	}
	return waitForStoreEvent(m.store.store.Events())
}

// loadBatch takes a batch of loaded pages and waits for the next one.
func (m *Model) loadBatch(msg loadBatchMsg) tea.Cmd {
	var cmd tea.Cmd
	if m.ld.storeReady {
		cmd = m.applyBatch(msg)
	} else {
		m.ld.pending = append(m.ld.pending, msg)
	}
	if msg.done {
		return cmd
	}
	return tea.Batch(cmd, waitForBatch(m.ld.ch))
}

// applyBatch adds loaded pages to the library and, after the last one,
// starts building the search index.
func (m *Model) applyBatch(msg loadBatchMsg) tea.Cmd {
	for _, r := range msg.results {
		if r.Err != nil {
			m.lib.AddWarning(r.Path, r.Err.Error())
			continue
		}
		m.lib.Add(r.Dump)
	}
	m.mk.grow(m.lib.Articles)
	if !msg.done {
		m.ld.progress = msg.progress
	}
	first := !m.ld.shownFirst && len(m.lib.Articles) > 0
	if msg.done || first || time.Since(m.ld.lastRebuild) > 150*time.Millisecond {
		m.ld.shownFirst = m.ld.shownFirst || first
		m.rebuild()
	}
	if !msg.done {
		return nil
	}
	m.ld.active = false
	m.ld.cancel()
	if len(m.lib.Pages) == 0 {
		m.status = fmt.Sprintf("No dumps loaded from %s", m.opts.SourceLabel)
	}
	m.search.building = true
	articles := m.lib.Articles
	cmds := []tea.Cmd{func() tea.Msg { return indexBuiltMsg{model.BuildIndex(articles, 0)} }}
	if m.reader.story() == nil && m.split() {
		cmds = append(cmds, m.previewSelected())
	}
	cmds = append(cmds, m.startWatching())
	return tea.Batch(cmds...)
}

// indexBuilt takes the filter's index and starts on the similarity index,
// one after the other so that the filter is ready first.
func (m *Model) indexBuilt(index *model.Index) tea.Cmd {
	m.search.index, m.search.building = index, false
	articles := m.lib.Articles
	m.search.similarBuilding = true
	cmds := []tea.Cmd{func() tea.Msg { return similarityBuiltMsg{model.BuildSimilarity(articles)} }}
	if m.filter.query != "" {
		cmds = append(cmds, m.filter.match(index, m.lib.Articles, m.opts.Now()))
		m.rebuild()
	}
	return tea.Batch(cmds...)
}

func (m *Model) similarityBuilt(s *model.Similarity) tea.Cmd {
	m.search.similar, m.search.similarBuilding = s, false
	m.search.found = map[*model.Article][]model.Similar{}
	m.search.asked = map[*model.Article]bool{}
	if a := m.reader.story(); a != nil {
		cmd := m.requestSimilar(a)
		m.reader.compose()
		return cmd
	}
	return nil
}

// similarCount is how many similar stories the Related section lists.
const similarCount = 8

// requestSimilar finds the similar stories of a, in a command, once per
// story; the reader shows them when they come.
func (m *Model) requestSimilar(a *model.Article) tea.Cmd {
	s := m.search.similar
	switch {
	case s == nil || a.Index >= s.Len():
		m.reader.setFinding(similarWaiting)
		return nil
	case m.search.found[a] != nil:
		m.reader.setSimilar(a, m.search.found[a])
		return nil
	case m.search.asked[a]:
		m.reader.setFinding(similarFinding)
		return nil
	case len(m.watch.waiting) > 0:
		// New pages wait to be added; ask once they are.
		m.reader.setFinding(similarWaiting)
		return nil
	}
	m.search.asked[a] = true
	m.reader.setFinding(similarFinding)
	return func() tea.Msg { return similarFoundMsg{a, s.For(a, similarCount)} }
}

func (m *Model) similarFound(msg similarFoundMsg) {
	delete(m.search.asked, msg.art)
	found := msg.similar
	if found == nil {
		found = []model.Similar{} // none: known, not to be asked again
	}
	m.search.found[msg.art] = found
	m.reader.setSimilar(msg.art, found)
}
