package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"tidings/model"
)

// renderState is the glamour worker and the renderings it made, which
// Update owns.
type renderState struct {
	worker *renderer
	cache  *renderCache
}

// open reads a story: a history step, the keyboard to the reading pane,
// and (by default) a read mark.
func (m *Model) open(a *model.Article) tea.Cmd {
	if a == nil {
		return nil
	}
	m.reader.navigate(a)
	m.layout.focus = focusReader
	m.list.selectArticle(a)
	if m.ctx.Config.MarkReadOnOpen && !m.mk.isRead(a) {
		m.triage("Opened", []markChange{{art: a, from: false, to: true}})
		m.status = ""
	}
	return m.refreshReader(false)
}

// stepHistory goes back or forward through the stories opened, and keeps
// the list's cursor on the story shown.
func (m *Model) stepHistory(dir int) tea.Cmd {
	if !m.reader.stepHistory(dir) {
		if dir < 0 {
			m.status = "No earlier story in history"
		} else {
			m.status = "No later story in history"
		}
		return nil
	}
	m.list.selectArticle(m.reader.story())
	return m.refreshReader(false)
}

// previewSelected shows the story under the list cursor in the reading
// pane of a split screen, without opening it.
func (m *Model) previewSelected() tea.Cmd {
	a := m.list.selected()
	if a == nil || !m.split() || a == m.reader.story() || m.layout.focus != focusList {
		return nil // never replace the story being read
	}
	m.reader.preview(a)
	return m.refreshReader(true)
}

// refreshReader shows the reader's story from the cache, or asks for it to
// be rendered; preview renders may be skipped when superseded.
func (m *Model) refreshReader(preview bool) tea.Cmd {
	a := m.reader.story()
	if a == nil {
		return nil
	}
	if a.Gone() {
		// Its dump was removed, or rewritten without it, while it was on
		// screen: said at once, instead of the text it had.
		m.reader.setBody(nil, goneError{m.reader.pagePaths})
		m.reader.compose()
		return nil
	}
	similar := m.requestSimilar(a)
	key := m.renderKeyFor(a)
	if out, ok := m.rendering.cache.get(key); ok {
		m.reader.setBody(out, nil)
		m.reader.compose()
		return similar
	}
	m.reader.compose()
	return tea.Batch(m.rendering.worker.render(key, m.lib.BodyOf(a), preview, firstKey(m.ctx.Keys.Reader.SiteLines)), similar)
}

func (m *Model) rendered(msg renderedMsg) {
	if msg.skipped {
		return
	}
	if msg.err == nil {
		m.rendering.cache.put(msg.key, msg.lines)
	}
	if a := m.reader.story(); a != nil && m.renderKeyFor(a) == msg.key {
		m.reader.setBody(msg.lines, msg.err)
		m.reader.compose()
	}
}

func (m *Model) renderKeyFor(a *model.Article) renderKey {
	return renderKey{id: a.ID, width: m.reader.textWidth(), pane: m.reader.width, style: m.glamourStyle(),
		site: m.lib.SiteLines(), allSite: m.reader.allSiteLines}
}

// goneError says that no dump holds the story on screen any more, naming
// the dumps that did.
type goneError struct{ paths []string }

func (e goneError) Error() string {
	switch len(e.paths) {
	case 0:
		return "no dump holds this story any more"
	case 1:
		return e.paths[0] + " no longer holds this story"
	}
	return fmt.Sprintf("%s and %s no longer hold this story", strings.Join(e.paths[:len(e.paths)-1], ", "), e.paths[len(e.paths)-1])
}

func (goneError) Is(target error) bool { return target == model.ErrGone }
