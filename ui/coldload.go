package ui

import (
	"runtime/debug"

	tea "charm.land/bubbletea/v2"

	"tidings/cache"
	"tidings/index"
	"tidings/loader"
	"tidings/model"
	"tidings/similar"
)

// A cold load from files on disk keeps no story's text: both indexes are
// built from the stream as the pages come (cache.Cold), and a story's text
// is read from its dump when it is shown, as after a warm start. The
// bundled samples keep theirs: there is no file to read it back from.

// coldGCPercent is the GC goal while the files are parsed: what the stream
// keeps of each text, and the texts held, now wait in files (cache.Cold),
// so the heap is mostly the library, whose pointers every cycle marks; a
// goal of half of it (this goal before) made the reader's cold start at
// 100,000 dumps a fifth slower in CPU for some 200 MiB less at its peak.
const coldGCPercent = 100

// coldFinishGCPercent is the GC goal while both indexes are built from the
// stream, the peak of a cold start: the live heap no longer grows then, and
// a goal a fifth above it costs a GC cycle or two more. The reader then
// keeps half (readerGCPercent), as after a warm start (load.go).
const (
	coldFinishGCPercent = 20
	readerGCPercent     = 50
)

// addLoaded adds a batch of a cold load's pages to the library.
func (m *Model) addLoaded(results []loader.Result) {
	m.search.facets = nil // made again once loaded
	if m.search.stream == nil && m.search.index == nil && len(m.lib.Pages) == 0 &&
		m.opts.Source.FS == nil && m.lib.Dumps != nil {
		m.search.stream = cache.NewCold(m.lib, true, m.opts.Cache.Dir)
		debug.SetGCPercent(coldGCPercent)
	}
	if m.search.stream != nil {
		m.search.stream.Add(results)
		return
	}
	loader.AddTo(m.lib, results)
}

// streamBuiltMsg brings both indexes, built from a cold load's stream.
type streamBuiltMsg struct {
	index   *index.Index
	similar *similar.Similarity
}

// finishStream builds both indexes from the cold load's stream, in
// commands that read the library: first its links are written to a file
// (cache.Cold.WriteLinks), then both indexes are built (linksWritten).
func (m *Model) finishStream() tea.Cmd {
	c := m.search.stream
	m.search.stream, m.search.indexing, m.search.cold = nil, true, c
	return m.readLibrary(func() tea.Msg { return linksWrittenMsg{c, c.WriteLinks()} })
}

// linksWrittenMsg brings a cold load's links as written to a file.
type linksWrittenMsg struct {
	c     *cache.Cold
	links *model.LinksFile
}

// linksWritten has the library read its links from the file, out of the
// heap while the indexes are built and the cache written (the peak of a
// cold start), unless another command reads the library (this changes
// every article, which only Update may do while none does); then builds
// both indexes.
func (m *Model) linksWritten(msg linksWrittenMsg) tea.Cmd {
	if m.search.readers == 0 {
		m.lib.ReadLinksFrom(msg.links)
	} else {
		msg.links.Close()
	}
	c := msg.c
	return m.readLibrary(func() tea.Msg {
		// As a command's cold start builds them (cmd/tidings).
		debug.SetGCPercent(coldFinishGCPercent)
		defer debug.SetGCPercent(readerGCPercent)
		ix, sim := c.Finish()
		return streamBuiltMsg{ix, sim}
	})
}

// streamBuilt takes both indexes in, as if the model had been built right
// after the index.
func (m *Model) streamBuilt(msg streamBuiltMsg) tea.Cmd {
	m.search.similar, m.search.similarDirty = msg.similar, false
	if !m.cacheWanted() {
		m.coldDone() // no cache to write, which would end the cold load
	}
	return tea.Batch(m.indexBuilt(msg.index), m.similarityBuilt(similarityBuiltMsg{msg.similar}))
}

// coldDone ends a cold load's hold on the memory limit, once its cache is
// written (or none will be).
func (m *Model) coldDone() {
	if m.search.cold != nil {
		m.search.cold.Done()
		m.search.cold = nil
	}
}
