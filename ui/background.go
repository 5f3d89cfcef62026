package ui

import (
	tea "charm.land/bubbletea/v2"

	"tidings/cache"
	"tidings/index"
	"tidings/model"
	"tidings/similar"
)

// The library is read in the background by commands: building the filter
// index, finding a story's similar stories, checking a filter's phrases,
// writing the parse cache. Changes to the library wait until none runs
// (see applyPending). One count says how many run: every such command is
// started through readLibrary, and its reply, whatever it is, gives its
// place back.

// similarStory is a similar story found for the one open.
type similarStory = similar.Similar

// searchIndex is the filter's index and the similar-stories model, with
// the answers found so far, and what is being done to them.
type searchIndex struct {
	index   *index.Index
	similar *similar.Similarity
	found   map[*model.Article][]similarStory
	asked   map[*model.Article]bool
	// readers counts the commands reading the library (see readLibrary).
	readers int
	// indexing is true while the index is built or updated.
	indexing bool
	// similarRunning is true while the model is built; similarDirty,
	// that the library changed since the texts of the one held (or being
	// built) were taken, so that it is to be built again.
	similarRunning, similarDirty bool
	// cacheDirty is true while the library differs from the parse cache
	// on disk; it is written once the library and both indexes settle.
	cacheDirty bool
	// stream builds both indexes while a cold load parses (coldload.go);
	// cold is the load once its stream is finished, whose hold on the
	// memory limit lasts until the cache is written (cache.Cold.Done).
	stream, cold *cache.Cold
	// facets are the articles' days and sources for the filter's day: and
	// source: (see index.Facets), made once the library is loaded and
	// updated with each change; nil until then, when the filter reads
	// them from the articles. makingFacets is true while they are made.
	facets       *index.Facets
	makingFacets bool
}

// readerDoneMsg is the reply of a command that read the library.
type readerDoneMsg struct{ msg tea.Msg }

// Messages of the index, model and cache commands.
type (
	indexBuiltMsg      struct{ index *index.Index }
	similarTextsMsg    struct{ texts similar.Texts }
	similarityBuiltMsg struct{ similar *similar.Similarity }
	similarFoundMsg    struct {
		art     *model.Article
		similar []similarStory
		from    *similar.Similarity // the model asked
	}
	cacheWrittenMsg struct{ err error }
	facetsMadeMsg   struct{ facets *index.Facets }
)

// readLibrary runs cmd as a command that reads the library: changes wait
// until it has replied.
func (m *Model) readLibrary(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	m.search.readers++
	return func() tea.Msg { return readerDoneMsg{cmd()} }
}

// readerDone gives the place back and takes the reply.
func (m *Model) readerDone(msg readerDoneMsg) tea.Cmd {
	m.search.readers--
	return tea.Batch(m.update(msg.msg), m.applyPending())
}

// buildIndex builds the filter's index over the library as loaded.
func (m *Model) buildIndex() tea.Cmd {
	if m.search.stream != nil {
		return m.finishStream()
	}
	m.search.indexing = true
	articles := m.lib.Articles
	return m.readLibrary(func() tea.Msg { return indexBuiltMsg{index.BuildIndex(articles, 0)} })
}

// indexBuilt takes the filter's index, then starts on the similar-stories
// model, one after the other so that the filter is ready first.
func (m *Model) indexBuilt(ix *index.Index) tea.Cmd {
	m.search.index, m.search.indexing = ix, false
	if cmd := m.indexFailed(); cmd != nil {
		return cmd
	}
	var cmds []tea.Cmd
	if m.search.similar == nil {
		m.search.similarDirty = true
	}
	cmds = append(cmds, m.buildSimilar(), m.makeFacets())
	if m.filter.query != "" {
		cmds = append(cmds, m.matchFilter())
		m.rebuild()
	}
	return tea.Batch(cmds...)
}

// buildSimilar builds the similar-stories model again when the library
// changed since the one held was built: its every weight depends on every
// story, so a change is taken in exactly by building it again. What to
// read is taken here; the build reads no part of the library, which may
// change meanwhile (a change then asks for one more build after it).
func (m *Model) buildSimilar() tea.Cmd {
	if !m.search.similarDirty || m.search.similarRunning || m.search.indexing || m.ld.active {
		return nil
	}
	m.search.similarDirty, m.search.similarRunning = false, true
	// What the model is built from is taken in a command that reads the
	// library, not in Update: at 100,000 stories it takes some 0.1 s (each
	// story's files), which held up every key meanwhile.
	lib := m.lib
	return m.readLibrary(func() tea.Msg { return similarTextsMsg{similar.TextsOf(lib)} })
}

// similarTexts builds the model from the texts taken, in a command of its
// own: it reads the files, not the library, so changes need not wait.
func (m *Model) similarTexts(msg similarTextsMsg) tea.Cmd {
	texts := msg.texts
	return func() tea.Msg { return similarityBuiltMsg{texts.Build()} }
}

func (m *Model) similarityBuilt(msg similarityBuiltMsg) tea.Cmd {
	m.search.similarRunning = false
	if m.search.similar != msg.similar {
		// (A cold load's model is taken in already, see streamBuilt: it
		// reads its arrays from a file, which must stay open.)
		m.search.similar.Close()
	}
	m.search.similar = msg.similar
	m.search.found = map[*model.Article][]similarStory{}
	m.search.asked = map[*model.Article]bool{}
	cmds := []tea.Cmd{m.buildSimilar(), m.writeCache()}
	if a := m.reader.story(); a != nil {
		cmds = append(cmds, m.requestSimilar(a))
		m.reader.compose()
	}
	return tea.Batch(cmds...)
}

// updateIndex takes in the articles a change touched, in a command that
// reads their text (from the files where it is not in memory).
func (m *Model) updateIndex(d model.Delta) tea.Cmd {
	if m.search.index == nil || len(d.Touched) == 0 {
		return nil
	}
	m.search.indexing = true
	ix, n, pending := m.search.index, len(m.lib.Articles), index.PendingOf(m.lib, d.Touched)
	return m.readLibrary(func() tea.Msg { return indexBuiltMsg{ix.Update(n, pending)} })
}

// settled is true once the library has taken in every change and both
// indexes follow it: what the parse cache may keep.
func (m *Model) settled() bool {
	return !m.ld.active && !m.ld.checking && len(m.changes.pending) == 0 && !m.search.indexing && m.search.index != nil &&
		!m.search.similarRunning && !m.search.similarDirty
}

// writeCache saves the parse cache in a command once the library settles
// with something the cache does not have.
func (m *Model) writeCache() tea.Cmd {
	if !m.search.cacheDirty || !m.settled() || !m.cacheWanted() {
		return nil
	}
	m.search.cacheDirty = false
	store, paths, lib, ix, sim := m.opts.Cache, m.opts.Source.Paths, m.lib, m.search.index, m.search.similar
	return m.readLibrary(func() tea.Msg { return cacheWrittenMsg{store.Write(paths, nil, lib, ix, sim)} })
}

// cacheWanted is whether the library is one the parse cache keeps: read
// from folders on disk, into a cache folder, with a page at least.
func (m *Model) cacheWanted() bool {
	return m.opts.Cache.Dir != "" && m.opts.Source.FS == nil && len(m.lib.Pages) > 0
}

func (m *Model) cacheWritten(msg cacheWrittenMsg) {
	m.coldDone()
	if msg.err != nil {
		m.lib.AddWarning("parse cache", "could not save it: "+msg.err.Error())
	}
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
	case int(a.Index) >= s.Len():
		// Added since the model was built; it is being built again.
		m.reader.setFinding(similarWaiting)
		return nil
	case m.search.found[a] != nil:
		m.reader.setSimilar(a, m.search.found[a])
		return nil
	case m.search.asked[a]:
		m.reader.setFinding(similarFinding)
		return nil
	case len(m.changes.pending) > 0:
		// Changes wait to be applied; ask once they are.
		m.reader.setFinding(similarWaiting)
		return nil
	}
	m.search.asked[a] = true
	m.reader.setFinding(similarFinding)
	text := m.lib.BodyOf(a)
	return m.readLibrary(func() tea.Msg {
		body, _ := text.Read() // without it, the shared words are spelled as folded
		return similarFoundMsg{a, s.ForText(a, body, similarCount), s}
	})
}

func (m *Model) similarFound(msg similarFoundMsg) {
	if msg.from != m.search.similar {
		return // a model since replaced (and closed) answered: it was asked again
	}
	delete(m.search.asked, msg.art)
	found := msg.similar
	if found == nil {
		found = []similarStory{} // none: known, not to be asked again
	}
	m.search.found[msg.art] = found
	m.reader.setSimilar(msg.art, found)
}

// matchFilter matches the filter's query against the index; a phrase is
// checked in a command that reads the library.
func (m *Model) matchFilter() tea.Cmd {
	cmd := m.readLibrary(m.filter.match(m.search.index, m.search.facets, m.lib, m.opts.Now()))
	return tea.Batch(cmd, m.indexFailed())
}

// indexFailed builds the filter's index again, from the stories' text,
// once the one read in place from the parse cache failed because the file
// changed under it (index.Err): until then a query matches nothing and
// the list says it waits for the index.
func (m *Model) indexFailed() tea.Cmd {
	if m.search.index.Err() == nil || m.search.indexing {
		return nil
	}
	m.lib.AddWarning("parse cache", m.search.index.Err().Error()+": the filter's index is built again")
	m.search.indexing = true
	n, pending := len(m.lib.Articles), index.PendingOf(m.lib, m.lib.Articles)
	return m.readLibrary(func() tea.Msg { return indexBuiltMsg{(*index.Index)(nil).Update(n, pending)} })
}

// makeFacets makes the filter's facets of the library as loaded, in a
// command that reads it: one pass over every article, tens of
// milliseconds at a million.
func (m *Model) makeFacets() tea.Cmd {
	if m.search.facets != nil || m.search.makingFacets || m.ld.active || len(m.lib.Articles) == 0 {
		return nil
	}
	m.search.makingFacets = true
	articles := m.lib.Articles
	return m.readLibrary(func() tea.Msg { return facetsMadeMsg{index.NewFacets(articles)} })
}

func (m *Model) facetsMade(msg facetsMadeMsg) {
	m.search.makingFacets = false
	if !m.ld.active { // a load started since adds articles they do not have
		m.search.facets = msg.facets
	}
}
