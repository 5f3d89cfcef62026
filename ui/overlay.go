package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"tidings/loader"
)

// overlays are the screens drawn over the panes: the help and the list of
// files that could not be loaded.
type overlays struct {
	showHelp bool
	help     help.Model
	warnings *pager      // non-nil while the warnings are shown
	searches *searchList // non-nil while the saved searches are shown
}

func (o *overlays) open() bool { return o.showHelp || o.warnings != nil || o.searches != nil }

// handleOverlayKey takes every key while an overlay is open: the warnings
// scroll, and any other key closes the overlay.
func (m *Model) handleOverlayKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys
	if m.overlays.showHelp {
		m.overlays.showHelp = false
		if key.Matches(msg, k.Global.QuitNow, k.Global.ForceQuit) {
			return tea.Quit
		}
		return nil
	}
	if m.overlays.searches != nil {
		return m.searchKey(msg)
	}
	w := m.overlays.warnings
	switch {
	case key.Matches(msg, k.Global.QuitNow, k.Global.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Overlay.Top):
		w.setOffset(0)
	case key.Matches(msg, k.Overlay.Bottom):
		w.setOffset(w.maxOffset())
	case key.Matches(msg, k.Overlay.Down):
		w.scroll(1)
	case key.Matches(msg, k.Overlay.Up):
		w.scroll(-1)
	case key.Matches(msg, k.Overlay.PageDown):
		w.scroll(w.height)
	case key.Matches(msg, k.Overlay.PageUp):
		w.scroll(-w.height)
	default:
		m.overlays.warnings = nil
	}
	return nil
}

// openWarnings lays out the list of files that could not be loaded.
func (m *Model) openWarnings() {
	lines := []string{}
	st := &m.ctx.Styles
	if len(m.lib.Warnings) == 0 {
		lines = append(lines, " No warnings: every file loaded.")
	} else {
		n := len(m.lib.Warnings)
		lines = append(lines, st.Section.Render(fmt.Sprintf(" %s %s", commas(n), plural(n, "warning", "warnings"))), "")
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
	m.overlays.warnings = &pager{}
	m.overlays.warnings.setHeight(max(1, m.ctx.Height-3)) // a line for the footer
	m.overlays.warnings.setLines(lines)
}

// warningsView is the list with a footer that stays: where in the list the
// screen is, and how to move and close it.
func (m *Model) warningsView(height int) string {
	w := m.overlays.warnings
	k := &m.ctx.Keys.Overlay
	first := min(w.offset+1, len(w.lines))
	last := w.offset + w.visibleLines()
	footer := fmt.Sprintf(" lines %s-%s of %s · %s %s top/bottom · other keys close this list",
		commas(first), commas(last), commas(len(w.lines)), k.Top.Help().Key, k.Bottom.Help().Key)
	if height < 2 {
		return padLines(w.view(), m.ctx.Width, height)
	}
	return padLines(w.view(), m.ctx.Width, height-1) + "\n" +
		padLines(m.ctx.Styles.Dim.Render(footer), m.ctx.Width, 1)
}

// focusedHelp is the help of the pane that has the keyboard.
func (m *Model) focusedHelp() (help.KeyMap, string) {
	k := &m.ctx.Keys
	switch {
	case m.filter.active:
		return k.Filter, " Keys in the filter line"
	case m.reading():
		return paneHelp{k.Reader, k.Global}, " Keys in the reading pane"
	}
	return paneHelp{k.List, k.Global}, " Keys in the list"
}

// querySyntax is the filter's query language, for the help screen.
const querySyntax = `Filter: words match word starts. "exact phrase"  -word  source:NAME  #tag
  is:unread is:read is:starred is:unstarred  label:NAME
  day:2025-06-24 day:today day:-7.. day:A..B`

func (m *Model) helpView(height int) string {
	keys, title := m.focusedHelp()
	text := m.ctx.Styles.Section.Render(title) + "\n\n" + indent(m.flowHelp(keys.FullHelp()), " ")
	closing := "\n\n" + m.ctx.Styles.Dim.Render(" Any key closes this help.")
	syntax := "\n\n" + indent(querySyntax, " ")
	// The query syntax where it fits; the closing line always.
	if !m.reading() && strings.Count(text+syntax+closing, "\n") < height {
		text += syntax
	}
	if lines := strings.Count(text+closing, "\n") + 1; lines > height {
		text = strings.Join(strings.Split(text, "\n")[:max(0, height-1)], "\n")
		closing = "\n" + m.ctx.Styles.Dim.Render(" … (a wider or taller screen shows all) Any key closes this help.")
	}
	return padLines(text+closing, m.ctx.Width, height)
}

// flowHelp lays the help columns out left to right, starting a new row of
// columns where the next would not fit, so that no binding is cut off on a
// narrow terminal.
func (m *Model) flowHelp(groups [][]key.Binding) string {
	const gap = "    "
	var rows []string
	var row []string
	rowWidth := 0
	for _, g := range groups {
		col := m.overlays.help.FullHelpView([][]key.Binding{g})
		w := lipgloss.Width(col) + len(gap)
		if len(row) > 0 && rowWidth+w > m.ctx.Width-2 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowWidth = nil, 0
		}
		row = append(row, col, gap)
		rowWidth += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n\n")
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
