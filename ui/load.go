package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"

	"tidings/cache"
	"tidings/loader"
	"tidings/model"
	"tidings/state"
)

// loading is the progress of reading the files. Pages that arrive before
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
	// order is the library's groups (days, sources) as article indexes,
	// rebuilt when the library grows or the order changes.
	order         []listGroup
	orderArticles int
	orderSort     model.Order
	// groupedAt is when order was made, groupCost what making it took.
	groupedAt time.Time
	groupCost time.Duration
	// warm is the library from the parse cache, whose files are checked
	// once it is shown (checkFiles).
	warm *cache.Warm
	// checking is true while they are; checkSaid once the check has
	// taken long enough to say so; checkCancel stops it.
	checking, checkSaid bool
	checkCancel         context.CancelFunc
	// checkAfterWatch is true while the check waits for the watcher.
	checkAfterWatch bool
	// walk is a warm start's walk of its files (see startWalk).
	walk *startWalk
	// releasePeak ends a warm start's memory limit (see holdPeak), once
	// its files are checked or the reader closes.
	releasePeak func()
}

// storeSync follows the read-state store: the sequence number of the last
// change handed to it and of the last one it confirmed saved.
type storeSync struct {
	store   MarkStore
	applied uint64
	saved   uint64
	err     error
}

// Messages of the loading and the store.
type (
	storeOpenedMsg struct {
		store  MarkStore
		note   string
		marks  map[string]state.Mark
		labels map[string][]string
		err    error
		resume resumePoint // where the reader was in these folders
	}
	loadBatchMsg struct {
		results  []loader.Result
		progress loader.Progress
		done     bool
		// warm is the library as the parse cache kept it, its files not
		// yet checked; cacheNote says why a cache there was could not be
		// used.
		warm      *cache.Warm
		cacheNote string
		// releasePeak ends the memory limit a warm start keeps until its
		// files are checked (see holdPeak).
		releasePeak func()
	}
	storeEventMsg struct{ ev state.Event }
)

// openStore opens the read-state store and reads its marks, off the UI
// goroutine.
func (m *Model) openStore() tea.Cmd {
	open, src := m.opts.OpenStore, m.opts.Source
	return func() tea.Msg {
		if open == nil {
			return storeOpenedMsg{}
		}
		store, note := open()
		marks, err := store.Marks()
		var labels map[string][]string
		if err == nil {
			labels, err = store.Labels()
		}
		return storeOpenedMsg{store: store, note: note, marks: marks, labels: labels, err: err,
			resume: readResumePoint(store, src)}
	}
}

// startLoading runs the loader in a goroutine that Close stops; its
// batches come back one command at a time.
func (m *Model) startLoading() tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	m.ld.cancel = cancel
	ch := make(chan loadBatchMsg, 4)
	m.ld.ch = ch
	src, store := m.opts.Source, m.opts.Cache
	if src.FS != nil {
		store = cache.Cache{} // the bundled samples are parsed in a moment
	} else {
		m.lib.Dumps = loader.Dumps{} // for text a change leaves on disk
	}
	go func() {
		defer close(ch)
		note := ""
		// A library from the cache is long-lived index data, with no
		// text, and the reader allocates little once it is up: a GC goal
		// of half the live heap, rather than all of it, keeps a warm
		// start's footprint (peak RSS) near its size. A load from the
		// files allocates far more, and keeps the default.
		// While the cache is read, almost everything allocated stays,
		// so collecting would only cost time; the little garbage (the
		// walk's file list, buffers) is collected after.
		gcPercent := debug.SetGCPercent(-1)
		// The library is shown as the cache kept it; the files are checked
		// behind the first frame (checkFiles), and what changed comes in
		// as the watcher's changes do.
		switch w, err := store.Open(src.Paths, nil, cache.All); {
		case err == nil:
			debug.SetGCPercent(50)
			ch <- loadBatchMsg{warm: w, done: true, releasePeak: holdPeak()}
			return
		case !errors.Is(err, fs.ErrNotExist) && ctx.Err() == nil:
			note = "The parse cache could not be used (" + err.Error() + "); reading every file"
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
	return tea.Batch(waitForBatch(ch), m.startWalking(store))
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
	m.mk.labels = msg.labels
	m.resume.point = msg.resume
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
	if msg.releasePeak != nil {
		m.ld.releasePeak = msg.releasePeak
	}
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
// starts on the indexes, or, for a library from the cache, takes in what
// changed since it was written, the way the watcher's changes come in.
func (m *Model) applyBatch(msg loadBatchMsg) tea.Cmd {
	if msg.warm != nil {
		m.useWarm(msg.warm)
	}
	if msg.cacheNote != "" {
		m.lib.AddWarning("parse cache", msg.cacheNote)
	}
	if len(msg.results) > 0 {
		m.addLoaded(msg.results)
		m.search.cacheDirty = true
	}
	m.mk.grow(m.lib.Articles)
	if !msg.done {
		m.ld.progress = msg.progress
	}
	first := !m.ld.shownFirst && len(m.lib.Articles) > 0
	if msg.done {
		m.ld.groupedAt = time.Time{} // the whole order, made once more
	}
	if msg.done || first || time.Since(m.ld.lastRebuild) > 150*time.Millisecond {
		m.ld.shownFirst = m.ld.shownFirst || first
		m.rebuild()
	}
	if !msg.done {
		return nil
	}
	m.ld.active = false
	m.ld.cancel()
	m.goBack()
	if len(m.lib.Pages) == 0 {
		m.status = fmt.Sprintf("No dumps loaded from %s", m.opts.SourceLabel)
	}
	var cmds []tea.Cmd
	if m.search.index == nil {
		cmds = append(cmds, m.buildIndex())
	} else if m.filter.query != "" {
		cmds = append(cmds, m.matchFilter())
	}
	cmds = append(cmds, m.makeFacets())
	if m.reader.story() == nil && m.split() {
		cmds = append(cmds, m.previewSelected())
	}
	cmds = append(cmds, m.startWatching(), m.takeEarly())
	switch {
	case m.ld.walk != nil && m.ld.warm == nil:
		m.ld.walk.drop() // the cache could not be used after all
		m.ld.walk = nil
	case m.ld.walk != nil:
		// The check compares what the start's walk finds, as it finds it.
		cmds = append(cmds, m.checkFiles())
	case m.watch.ch != nil && m.ld.warm != nil:
		// The files are checked once the watcher is ready: a file written
		// after the check passed it, and before its folder was watched,
		// would otherwise be missed until a rescan.
		m.ld.checkAfterWatch, m.ld.checking = true, true
		m.ld.checkSaid = len(m.lib.Pages) >= checkSaidFrom
	default:
		cmds = append(cmds, m.checkFiles())
	}
	cmds = append(cmds, m.applyPending())
	return tea.Batch(cmds...)
}

// useWarm takes the library restored from the parse cache, with its
// indexes, in place of the empty one the model started with (whose
// warnings, about settings and the read state, are kept). Its files are
// checked once it is shown.
func (m *Model) useWarm(w *cache.Warm) {
	w.Library.Warnings = append(m.lib.Warnings, w.Library.Warnings...)
	m.lib = w.Library
	m.ld.warm = w
	m.search.index, m.search.similar = w.Index, w.Similarity
	m.search.found = map[*model.Article][]similarStory{}
	m.search.asked = map[*model.Article]bool{}
}
