package ui

import (
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

type focus int

const (
	focusList focus = iota
	focusReader
)

// screenLayout is how the screen is shared: which pane has the keyboard,
// whether the story takes the whole screen.
type screenLayout struct {
	focus       focus
	fullScreen  bool
	ready       bool // a window size has arrived
	resizeToken int
}

type resizeDoneMsg struct{ token int }

// MinSplitWidth is the narrowest screen that can hold both panes usefully,
// whatever the settings say.
const MinSplitWidth = 60

func (m *Model) split() bool {
	return m.ctx.Width >= max(m.ctx.Config.SplitMinWidth, MinSplitWidth) && !m.layout.fullScreen
}

// reading is true when the reading pane has the keyboard and a story.
func (m *Model) reading() bool { return m.layout.focus == focusReader && m.reader.story() != nil }

// textMeasure is the widest the story's text is wrapped (readerPane.
// textWidth): longer lines are hard to read. The reading pane needs no
// more than that and a column of margin.
const textMeasure = 100

// listWidth is the list's share of a split screen: half of a screen up to
// 140 columns, so that headlines stay readable at 100-120, two fifths of a
// wider one, and on a screen wider still all that the story's text would
// leave empty (at 200 columns, 98: headlines whole while the text keeps
// its measure); or what the settings say. The reading pane always keeps
// 20 columns.
func (m *Model) listWidth() int {
	w := m.ctx.Width
	want := max(40, w*2/5, w-1-(textMeasure+1))
	if w < 140 {
		want = w / 2
	}
	switch share := m.ctx.Config.ListWidth; {
	case share > 0 && share < 1:
		want = int(share * float64(w))
	case share >= 1:
		want = int(share)
	}
	return max(10, min(want, w-21))
}

func (m *Model) resize(w, h int) tea.Cmd {
	oldWidth := m.reader.width
	m.ctx.Width, m.ctx.Height = w, h
	m.layout.ready = true
	m.relayout()
	m.overlays.help.SetWidth(w)
	if m.overlays.helpScreen != nil {
		m.layoutHelp() // wrapped anew for the width, at its place
	}
	m.filter.fit(w, m.list.total)
	if m.reader.story() == nil && m.split() && !m.ld.active {
		return m.previewSelected() // grown wide enough for the reading pane
	}
	if m.reader.story() == nil || m.reader.width == oldWidth {
		return nil
	}
	// Re-render after the size settles, not on every step of a drag;
	// meanwhile the old rendering is shown, fitted line by line as drawn.
	m.layout.resizeToken++
	token := m.layout.resizeToken
	if cached, ok := m.rendering.cache.get(m.renderKeyFor(m.reader.story())); ok {
		m.reader.setBody(cached, nil)
	} else {
		m.reader.bodyStale = m.reader.body != nil
	}
	m.reader.compose()
	return tea.Tick(120*time.Millisecond, func(time.Time) tea.Msg { return resizeDoneMsg{token} })
}

// relayout gives each pane its size for the screen and the layout.
func (m *Model) relayout() {
	bodyHeight := max(1, m.ctx.Height-2) // title and status lines
	if m.split() {
		lw := m.listWidth()
		m.list.SetSize(lw, bodyHeight)
		m.reader.SetSize(m.ctx.Width-lw-1, bodyHeight-1) // below its title
	} else {
		m.list.SetSize(m.ctx.Width, bodyHeight)
		m.reader.SetSize(m.ctx.Width, bodyHeight)
	}
	if m.overlays.warnings != nil {
		m.overlays.warnings.setHeight(bodyHeight - 1)
	}
}

// setFullScreen shows the story on the whole screen, or back beside the
// list, and renders it for its new width.
func (m *Model) setFullScreen(on bool) tea.Cmd {
	m.layout.fullScreen = on
	m.relayout()
	return m.refreshReader(false)
}

func (m *Model) applyTheme() {
	m.ctx.Styles = NewStyles(m.ctx.Dark, m.ctx.NoColor, m.ctx.Config.Colors)
	m.list.forget(nil)
	m.reader.forget(nil)
	m.overlays.help.Styles = help.DefaultStyles(m.ctx.Dark)
	if m.ctx.NoColor {
		m.overlays.help.Styles = help.Styles{}
	}
}
