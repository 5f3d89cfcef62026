package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tidings/loader"
	"tidings/model"
)

// key routes a key press: the filter line first while it has the keyboard,
// then the overlays, then the keys that work everywhere, then the pane in
// focus.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys
	m.touched = true
	m.status = "" // a message lasts until the next key
	if m.filtering {
		switch msg.String() {
		case "enter", "down", "up":
			m.filtering = false
			m.filter.Blur()
			if msg.String() != "enter" {
				return m.listKey(msg)
			}
			return m.previewSelected()
		case "esc":
			m.clearFilter()
			return nil
		case "ctrl+c":
			return tea.Quit
		}
		var cmd tea.Cmd
		m.filter, cmd = m.filter.Update(msg)
		m.filterChanged()
		return cmd
	}
	if m.showHelp {
		m.showHelp = false
		if key.Matches(msg, k.Quit) {
			return tea.Quit
		}
		return nil
	}
	if m.warnings != nil {
		switch {
		case key.Matches(msg, k.Quit) && msg.String() == "ctrl+c":
			return tea.Quit
		case key.Matches(msg, k.Down):
			m.warnings.scroll(1)
		case key.Matches(msg, k.Up):
			m.warnings.scroll(-1)
		case key.Matches(msg, k.PageDown), msg.String() == "space":
			m.warnings.scroll(m.warnings.height)
		case key.Matches(msg, k.PageUp):
			m.warnings.scroll(-m.warnings.height)
		default:
			m.warnings = nil
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return nil
	case key.Matches(msg, k.Warnings):
		m.openWarnings()
		return nil
	}
	if m.focus == focusReader && m.reader.art != nil {
		return m.readerKey(msg)
	}
	return m.listKey(msg)
}

func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys
	l := m.list
	if cmd, ok := m.triageKey(msg, l.selected()); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.PageDown):
		l.move(l.height - 1)
	case key.Matches(msg, k.PageUp):
		l.move(-(l.height - 1))
	case key.Matches(msg, k.Top):
		l.top()
	case key.Matches(msg, k.Bottom):
		l.bottom()
	case key.Matches(msg, k.Open):
		return m.open(l.selected())
	case key.Matches(msg, k.SwitchPane):
		if m.split() && m.reader.art != nil {
			m.focus = focusReader
		}
		return nil
	case key.Matches(msg, k.MarkAllRead):
		m.markAllRead()
		return nil
	case key.Matches(msg, k.ClearFilter):
		if m.query != "" {
			m.clearFilter()
		}
	case key.Matches(msg, k.FullScreen):
		if a := l.selected(); a != nil {
			m.fullScreen = true
			m.layout()
			cmd := m.open(a)
			return cmd
		}
		return nil
	default:
		return nil
	}
	return m.previewSelected()
}

func (m *Model) readerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys
	r := m.reader
	if cmd, ok := m.triageKey(msg, r.art); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.RelatedPick):
		n := int(msg.String()[0] - '1')
		if !r.selectRelated(n, m.mk) {
			m.status = fmt.Sprintf("There is no related story %d", n+1)
		}
	case key.Matches(msg, k.Related):
		if r.art != nil && len(r.art.Related) > 0 {
			r.selectRelated((r.relatedSel+1)%len(r.art.Related), m.mk)
		} else {
			m.status = "This story has no related stories"
		}
	case key.Matches(msg, k.PrevRelated):
		if r.art != nil && len(r.art.Related) > 0 {
			n := len(r.art.Related)
			r.selectRelated((r.relatedSel-1+n)%n, m.mk)
		}
	case key.Matches(msg, k.OpenRelated) && r.selectedRelated() != nil:
		return m.open(r.selectedRelated())
	case key.Matches(msg, k.ScrollDown):
		r.pg.scroll(1)
	case key.Matches(msg, k.ScrollUp):
		r.pg.scroll(-1)
	case key.Matches(msg, k.ReaderPageDown):
		r.pg.scroll(max(1, r.height-2))
	case key.Matches(msg, k.ReaderPageUp):
		r.pg.scroll(-max(1, r.height-2))
	case key.Matches(msg, k.ReaderTop):
		r.pg.setOffset(0)
	case key.Matches(msg, k.ReaderBottom):
		r.pg.setOffset(r.pg.maxOffset())
	case key.Matches(msg, k.Back):
		if r.goBack() {
			m.list.selectArticle(r.art)
			return m.refreshReader(false)
		}
		m.status = "No earlier story in history"
	case key.Matches(msg, k.Forward):
		if r.goForward() {
			m.list.selectArticle(r.art)
			return m.refreshReader(false)
		}
		m.status = "No later story in history"
	case key.Matches(msg, k.FullScreen):
		m.fullScreen = !m.fullScreen
		m.layout()
		return m.refreshReader(false)
	case key.Matches(msg, k.Close), key.Matches(msg, k.SwitchPane) && m.split():
		if r.relatedSel >= 0 && key.Matches(msg, k.Close) {
			r.relatedSel = -1
			r.compose(m.mk)
			return nil
		}
		m.focus = focusList
		if m.fullScreen {
			m.fullScreen = false
			m.layout()
			return m.refreshReader(false)
		}
	}
	return nil
}

// triageKey handles the keys that work alike in the list and the reading
// pane, on the story each has in hand; ok is false for any other key.
func (m *Model) triageKey(msg tea.KeyPressMsg, a *model.Article) (cmd tea.Cmd, ok bool) {
	k := &m.ctx.Keys
	switch {
	case key.Matches(msg, k.ToggleRead):
		m.toggleRead(a)
	case key.Matches(msg, k.ToggleStar):
		m.toggleStar(a)
	case key.Matches(msg, k.NextUnread):
		return m.jumpUnread(1), true
	case key.Matches(msg, k.PrevUnread):
		return m.jumpUnread(-1), true
	case key.Matches(msg, k.Undo):
		m.undoLast()
	case key.Matches(msg, k.CycleView):
		m.cycleView()
		return m.previewSelected(), true
	case key.Matches(msg, k.Filter):
		return m.startFilter(), true
	default:
		return nil, false
	}
	return nil, true
}

func (m *Model) openWarnings() {
	lines := []string{}
	st := &m.ctx.Styles
	if len(m.lib.Warnings) == 0 {
		lines = append(lines, " No warnings: every file loaded.")
	} else {
		n := len(m.lib.Warnings)
		lines = append(lines, st.Section.Render(fmt.Sprintf(" %d %s", n, plural(n, "warning", "warnings"))), "")
	}
	for _, w := range m.lib.Warnings {
		// File names come from the disk, and may hold escape sequences.
		for _, l := range wrapPlain(loader.CleanLine(w.Path), max(1, m.ctx.Width-2)) {
			lines = append(lines, " "+l)
		}
		for _, l := range wrapPlain(loader.CleanLine(w.Reason), max(1, m.ctx.Width-4)) {
			lines = append(lines, "   "+st.Dim.Render(l))
		}
	}
	lines = append(lines, "", st.Dim.Render(" Any other key closes this list."))
	m.warnings = &pager{}
	m.warnings.setHeight(max(1, m.ctx.Height-2))
	m.warnings.setLines(lines)
}

// mouseWheel scrolls the pane under the pointer.
func (m *Model) mouseWheel(mouse tea.Mouse) tea.Cmd {
	m.touched = true
	step := 3
	if mouse.Button == tea.MouseWheelUp {
		step = -3
	} else if mouse.Button != tea.MouseWheelDown {
		return nil
	}
	switch {
	case m.warnings != nil:
		m.warnings.scroll(step)
	case m.overReader(mouse.X):
		m.reader.pg.scroll(step)
	default:
		m.list.scroll(step)
		return m.previewSelected()
	}
	return nil
}

// mouseClick selects a story in the list, or opens a related story.
func (m *Model) mouseClick(mouse tea.Mouse) tea.Cmd {
	if mouse.Button != tea.MouseLeft || m.warnings != nil || m.showHelp {
		return nil
	}
	m.touched = true
	y := mouse.Y - 1 // below the title line
	if m.overReader(mouse.X) {
		line := m.reader.pg.offset + y
		if y < 0 || y >= m.reader.height {
			return nil
		}
		if i := line - m.reader.relatedTop; m.reader.art != nil && i >= 0 && i < len(m.reader.art.Related) {
			m.focus = focusReader
			return m.open(m.reader.art.Related[i])
		}
		if m.split() {
			m.focus = focusReader
		}
		return nil
	}
	if i := m.list.rowAt(y); i >= 0 && m.list.rows[i].art != nil {
		m.focus = focusList
		if m.list.cursor == i && !m.split() {
			return m.open(m.list.rows[i].art)
		}
		m.list.cursor = i
		return m.previewSelected()
	}
	return nil
}

func (m *Model) overReader(x int) bool {
	if m.split() {
		return x > m.listWidth()
	}
	return m.focus == focusReader && m.reader.art != nil
}
