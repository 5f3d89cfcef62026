package ui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tidings/loader"
)

// overlays are the screens drawn over the panes: the help and the list of
// files that could not be loaded.
type overlays struct {
	helpScreen *helpScreen // non-nil while the help is shown (helpscreen.go)
	help       help.Model
	warnings   *pager      // non-nil while the warnings are shown
	searches   *searchList // non-nil while the saved searches are shown
}

func (o *overlays) open() bool {
	return o.helpScreen != nil || o.warnings != nil || o.searches != nil
}

// handleOverlayKey takes every key while an overlay is open: the warnings
// scroll, and any other key closes the overlay.
func (m *Model) handleOverlayKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys
	if m.overlays.helpScreen != nil {
		return m.helpKey(msg)
	}
	if m.overlays.searches != nil {
		return m.searchKey(msg)
	}
	switch {
	case key.Matches(msg, k.Global.QuitNow, k.Global.ForceQuit):
		return tea.Quit
	case m.overlays.warnings.scrollKey(k.Overlay, msg):
	default:
		m.overlays.warnings = nil
	}
	return nil
}

// scrollKey moves the pager for the overlays' scrolling keys, and reports
// whether msg was one.
func (p *pager) scrollKey(k OverlayKeys, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Top):
		p.setOffset(0)
	case key.Matches(msg, k.Bottom):
		p.setOffset(p.maxOffset())
	case key.Matches(msg, k.Down):
		p.scroll(1)
	case key.Matches(msg, k.Up):
		p.scroll(-1)
	case key.Matches(msg, k.PageDown):
		p.scroll(p.height)
	case key.Matches(msg, k.PageUp):
		p.scroll(-p.height)
	default:
		return false
	}
	return true
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
		return paneHelp{k.Reader, k.Out, k.Global}, " Keys in the reading pane"
	}
	return paneHelp{k.List, k.Out, k.Global}, " Keys in the list"
}
