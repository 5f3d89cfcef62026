package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
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
	// record is what the parse cache will keep of a load from the dumps;
	// nil when the library came from the cache.
	record *loader.Record
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
	// similarRebuilding is true while it is built again from the dumps
	// (see rebuildSimilarity), which reads no part of the library.
	similarRebuilding bool
	found             map[*model.Article][]model.Similar
	asked             map[*model.Article]bool
	// cacheWriting is true while a command writes the parse cache.
	cacheWriting bool
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
		// cached is the whole library, from the parse cache; cacheNote
		// says why a cache there was could not be used.
		cached    *loader.Cached
		cacheNote string
	}
	cacheWrittenMsg    struct{ err error }
	storeEventMsg      struct{ ev state.Event }
	indexBuiltMsg      struct{ index *model.Index }
	similarityBuiltMsg struct {
		similar *model.Similarity
		rebuilt bool // by rebuildSimilarity
	}
	similarFoundMsg struct {
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
	src, cache := m.opts.Source, m.opts.Cache
	if src.FS != nil {
		cache = loader.Cache{} // the bundled samples are parsed in a moment
	} else if cache.Dir != "" {
		m.ld.record = &loader.Record{}
	}
	go func() {
		defer close(ch)
		note := ""
		// A library from the cache is long-lived index data, with no
		// text, and the reader allocates little once it is up: a GC goal
		// of half the live heap, rather than all of it, keeps a warm
		// start's footprint (peak RSS) near its size. A load from the
		// dumps allocates far more, and keeps the default.
		// While the cache is read, almost everything allocated stays,
		// so collecting would only cost time; the little garbage (the
		// walk's file list, buffers) is collected after.
		gcPercent := debug.SetGCPercent(-1)
		switch c, err := cache.Load(ctx, src.Paths, loader.Options{}); {
		case err == nil:
			debug.SetGCPercent(50)
			ch <- loadBatchMsg{cached: c, done: true}
			return
		case !errors.Is(err, fs.ErrNotExist) && ctx.Err() == nil:
			note = "The parse cache could not be used (" + err.Error() + "); reading every dump"
		}
		debug.SetGCPercent(gcPercent)
		loader.Load(ctx, src, loader.Options{}, func(results []loader.Result, p loader.Progress) {
			select {
			case ch <- loadBatchMsg{results: results, progress: p, cacheNote: note}:
				note = ""
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
	if msg.cached != nil {
		m.useCached(msg.cached)
	}
	if msg.cacheNote != "" {
		m.lib.AddWarning("parse cache", msg.cacheNote)
	}
	for _, r := range msg.results {
		if r.Err != nil {
			m.lib.AddWarning(r.Path, r.Err.Error())
		} else {
			m.lib.Add(r.Dump)
		}
		if m.ld.record != nil {
			m.ld.record.Add(r, m.lib)
		}
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
	var cmds []tea.Cmd
	if m.search.index == nil {
		m.search.building = true
		articles := m.lib.Articles
		cmds = append(cmds, func() tea.Msg { return indexBuiltMsg{model.BuildIndex(articles, 0)} })
	} else {
		if m.search.similar.Stale(len(m.lib.Articles)) {
			// The cache is written once the model is made again.
			cmds = append(cmds, m.rebuildSimilarity())
		} else {
			cmds = append(cmds, m.writeCache())
		}
		if m.filter.query != "" {
			cmds = append(cmds, m.filter.match(m.search.index, m.lib, m.opts.Now()))
		}
	}
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
	var cmds []tea.Cmd
	if m.search.similar == nil && !m.search.similarBuilding {
		articles := m.lib.Articles
		m.search.similarBuilding = true
		cmds = append(cmds, func() tea.Msg { return similarityBuiltMsg{similar: model.BuildSimilarity(articles)} })
	}
	if m.filter.query != "" {
		cmds = append(cmds, m.filter.match(index, m.lib, m.opts.Now()))
		m.rebuild()
	}
	return tea.Batch(cmds...)
}

func (m *Model) similarityBuilt(msg similarityBuiltMsg) tea.Cmd {
	s := msg.similar
	if msg.rebuilt {
		m.search.similarRebuilding = false
	} else {
		m.search.similarBuilding = false
	}
	m.search.similar = s
	m.search.found = map[*model.Article][]model.Similar{}
	m.search.asked = map[*model.Article]bool{}
	cmds := []tea.Cmd{m.writeCache()}
	if a := m.reader.story(); a != nil {
		cmds = append(cmds, m.requestSimilar(a))
		m.reader.compose()
	}
	return tea.Batch(cmds...)
}

// rebuildSimilarity builds the similar-stories model again, in a command,
// when the one from the cache misses too many stories (those that came
// since it was built): the text of every story is read from its dump,
// twice (see BuildSimilarityFrom). What to read is taken here, so that the
// command reads no part of the library, which may take new dumps meanwhile;
// stories added while it runs wait for the next build.
func (m *Model) rebuildSimilarity() tea.Cmd {
	if m.search.similarRebuilding || m.search.similarBuilding {
		return nil
	}
	n := len(m.lib.Articles)
	articles := m.lib.Articles[:n:n]
	headlines := make([]string, n)
	texts := make([]model.BodySource, n)
	for i, a := range articles {
		if !a.Gone() {
			headlines[i], texts[i] = a.Headline, m.lib.BodyOf(a)
		}
	}
	m.search.similarRebuilding = true
	return func() tea.Msg {
		s := model.BuildSimilarityFrom(articles, func(i int) (string, model.Body) {
			if headlines[i] == "" {
				return "", model.Body{}
			}
			body, _ := texts[i].Read() // a dump gone since: its headline only
			return headlines[i], body
		})
		return similarityBuiltMsg{similar: s, rebuilt: true}
	}
}

// useCached takes the library restored from the parse cache, with its
// indexes, in place of the empty one the model started with (whose
// warnings, about settings and the read state, are kept).
func (m *Model) useCached(c *loader.Cached) {
	c.Library.Warnings = append(m.lib.Warnings, c.Library.Warnings...)
	m.lib = c.Library
	m.ld.record = nil
	if c.Parsed > 0 || c.Dropped > 0 {
		m.ld.record = c.Record // written back once shown, for a quick start next time
	}
	m.search.index, m.search.similar = c.Index, c.Similarity
	m.search.found = map[*model.Article][]model.Similar{}
	m.search.asked = map[*model.Article]bool{}
	if c.Parsed > 0 || c.Dropped > 0 {
		m.status = fmt.Sprintf("From the parse cache; %s new or changed %s read, %s gone",
			commas(c.Parsed), plural(c.Parsed, "file", "files"), commas(c.Dropped))
	}
}

// writeCache saves the parse cache in a command after a load from the
// dumps, once both indexes are built. The library is not changed while it
// runs (see readingInBackground).
func (m *Model) writeCache() tea.Cmd {
	if m.ld.record == nil || m.search.index == nil || m.opts.Cache.Dir == "" || len(m.lib.Pages) == 0 {
		return nil
	}
	m.search.cacheWriting = true
	cache, paths, rec, lib, index, similar := m.opts.Cache, m.opts.Source.Paths, m.ld.record, m.lib, m.search.index, m.search.similar
	m.ld.record = nil
	return func() tea.Msg { return cacheWrittenMsg{cache.Write(paths, nil, rec, lib, index, similar)} }
}

func (m *Model) cacheWritten(msg cacheWrittenMsg) tea.Cmd {
	m.search.cacheWriting = false
	if msg.err != nil {
		m.lib.AddWarning("parse cache", "could not save it: "+msg.err.Error())
	}
	return m.applyWaiting()
}

// similarCount is how many similar stories the Related section lists.
const similarCount = 8

// requestSimilar finds the similar stories of a, in a command, once per
// story; the reader shows them when they come.
func (m *Model) requestSimilar(a *model.Article) tea.Cmd {
	s := m.search.similar
	switch {
	case s == nil:
		m.reader.setFinding(similarWaiting)
		return nil
	case a.Index >= s.Len():
		// Added while the reader ran: the model, built over the text of
		// every story, is made again at a start from the dumps.
		m.reader.setSimilar(a, []model.Similar{})
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
	text := m.lib.BodyOf(a)
	return func() tea.Msg {
		body, _ := text.Read() // without it, the shared words are spelled as folded
		return similarFoundMsg{a, s.ForText(a, body, similarCount)}
	}
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
