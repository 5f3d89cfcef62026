package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// handleKey routes a key press: the filter line first while it has the
// keyboard, then the overlays, then the keys that work everywhere, then the
// pane in focus.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys.Global
	m.ld.touched = true
	m.status = "" // a message lasts until the next key
	if m.filter.active {
		cmd, outcome := m.filter.handleKey(msg)
		switch outcome {
		case filterQuit:
			return tea.Quit
		case filterKept:
			return m.keepFilter()
		case filterLeftDown:
			if key.Matches(msg, m.ctx.Keys.Filter.Down) {
				m.list.move(1)
			} else {
				m.list.move(-1)
			}
			return m.previewSelected()
		case filterCancelled:
			m.clearFilter()
			return m.previewSelected()
		}
		return tea.Batch(cmd, m.filterChanged())
	}
	if m.prompt.active {
		return m.labelKey(msg)
	}
	if m.pipe.active {
		return m.pipeKey(msg)
	}
	if m.reading() && m.reader.typingFind() {
		if key.Matches(msg, k.ForceQuit) {
			return tea.Quit
		}
		cmd, _ := m.reader.handleFindKey(msg)
		return cmd
	}
	if m.overlays.open() {
		return m.handleOverlayKey(msg)
	}
	switch {
	case key.Matches(msg, k.QuitNow, k.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Back):
		return m.backOneLevel()
	case key.Matches(msg, k.Redraw):
		return tea.ClearScreen
	case key.Matches(msg, k.Rescan):
		return m.rescan(true)
	case key.Matches(msg, k.Help):
		m.openHelp()
		return nil
	case key.Matches(msg, k.Warnings):
		m.openWarnings()
		return nil
	case key.Matches(msg, k.SavedSearches):
		m.openSearches()
		return nil
	case key.Matches(msg, k.CycleSort):
		m.cycleSort()
		return m.previewSelected()
	}
	if m.reading() {
		return m.readerKey(msg)
	}
	return m.listKey(msg)
}

func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys
	if cmd, ok := m.handleTriageKey(msg, m.list.selected()); ok {
		return cmd
	}
	if cmd, ok := m.handleOutKey(msg, m.list.selected()); ok {
		return cmd
	}
	if _, ok := m.list.handleKey(msg); ok {
		return m.previewSelected()
	}
	switch {
	case key.Matches(msg, k.List.Open):
		return m.open(m.list.selected())
	case key.Matches(msg, k.List.ToReader):
		if m.split() && m.reader.story() != nil {
			m.layout.focus = focusReader
		}
	case key.Matches(msg, k.List.MarkAllRead):
		m.markAllRead()
	case key.Matches(msg, k.List.LabelAll):
		return m.labelAll()
	case key.Matches(msg, k.List.Filter):
		return m.startFilter()
	case key.Matches(msg, k.List.ClearFilter):
		m.clearFilter()
		return m.previewSelected()
	case key.Matches(msg, k.Global.FullScreen):
		if a := m.list.selected(); a != nil {
			m.layout.fullScreen = true
			m.relayout()
			return m.open(a)
		}
	}
	return nil
}

func (m *Model) readerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys
	if cmd, ok := m.reader.handleFindKey(msg); ok {
		return cmd // a search in the story has the first say
	}
	if cmd, ok := m.handleTriageKey(msg, m.reader.story()); ok {
		return cmd
	}
	if cmd, ok := m.handleOutKey(msg, m.reader.story()); ok {
		return cmd
	}
	if key.Matches(msg, k.Reader.ReadOn) && m.reader.atBottom() {
		return m.jumpUnread(1) // the end of the story: on to the next unread one
	}
	if cmd, ok := m.reader.handleKey(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Reader.OpenRelated) && m.reader.selectedRelated() != nil:
		return m.open(m.reader.selectedRelated())
	case key.Matches(msg, k.Reader.AlsoCovered):
		if other := m.reader.nextCoverage(); other != nil {
			return m.open(other)
		}
		m.status = "No other outlet's version of this story found"
	case key.Matches(msg, k.Reader.SiteLines):
		m.reader.allSiteLines = !m.reader.allSiteLines
		m.status = "Site lines hidden"
		if m.reader.allSiteLines {
			m.status = "Site lines shown"
		}
		return m.refreshReader(false)
	case key.Matches(msg, k.Reader.Back):
		return m.stepHistory(-1)
	case key.Matches(msg, k.Reader.Forward):
		return m.stepHistory(1)
	case key.Matches(msg, k.Global.FullScreen):
		return m.setFullScreen(!m.layout.fullScreen)
	case key.Matches(msg, k.Reader.Close):
		m.layout.focus = focusList
		if m.layout.fullScreen {
			return m.setFullScreen(false)
		}
	}
	return nil
}

// backOneLevel is q: from the reading pane (full-screen, alone on a narrow
// screen, or beside the list) back to the list; from the list, quit.
func (m *Model) backOneLevel() tea.Cmd {
	if !m.reading() {
		return tea.Quit
	}
	m.layout.focus = focusList
	if m.layout.fullScreen {
		return m.setFullScreen(false)
	}
	return nil
}

// mouseWheel scrolls the pane under the pointer.
func (m *Model) mouseWheel(mouse tea.Mouse) tea.Cmd {
	m.ld.touched = true
	step := 3
	if mouse.Button == tea.MouseWheelUp {
		step = -3
	} else if mouse.Button != tea.MouseWheelDown {
		return nil
	}
	switch {
	case m.overlays.helpScreen != nil:
		m.overlays.helpScreen.page.scroll(step)
	case m.overlays.searches != nil:
		// One search a notch: the list is short, and the cursor is what
		// enter applies.
		l := m.overlays.searches
		l.cursor = max(0, min(l.cursor+step/3, len(l.items)-1))
	case m.overlays.warnings != nil:
		m.overlays.warnings.scroll(step)
	case m.overlays.open():
		// Another overlay covers the panes: nothing under the pointer
		// scrolls.
	case m.overReader(mouse.X):
		m.reader.scroll(step)
	default:
		m.list.scroll(step)
		return m.previewSelected()
	}
	return nil
}

// mouseClick selects a story in the list, or opens a related story.
func (m *Model) mouseClick(mouse tea.Mouse) tea.Cmd {
	if mouse.Button != tea.MouseLeft || m.overlays.open() {
		return nil
	}
	m.ld.touched = true
	y := mouse.Y - 1 // below the title line
	if m.overReader(mouse.X) {
		if m.split() {
			y-- // below the pane's title
		}
		if rel := m.reader.relatedAt(y); rel != nil {
			m.layout.focus = focusReader
			return m.open(rel)
		}
		if m.split() && m.reader.hasLine(y) {
			m.layout.focus = focusReader
		}
		return nil
	}
	a := m.list.storyAt(y)
	if a == nil {
		return nil
	}
	m.layout.focus = focusList
	if a == m.list.selected() && !m.split() {
		return m.open(a) // a second click opens, where the list has the screen
	}
	m.list.selectArticle(a)
	return m.previewSelected()
}

func (m *Model) overReader(x int) bool {
	if m.split() {
		return x > m.listWidth()
	}
	return m.reading()
}
