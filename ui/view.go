package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View draws the title line, the panes and the status line. It only
// arranges what Update prepared: the list draws its visible rows, the
// reader slices its pre-rendered lines.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "tidings"
	return v
}

func (m *Model) render() string {
	if !m.ready {
		return ""
	}
	w, h := m.ctx.Width, m.ctx.Height
	if h < 3 { // no room for a pane: the title, and the status if it fits
		return strings.Join([]string{m.titleLine(), m.statusLine()}[:max(h, 1)], "\n")
	}
	bodyHeight := h - 2
	var body string
	switch {
	case m.showHelp:
		body = m.helpView(bodyHeight)
	case m.warnings != nil:
		body = padLines(m.warnings.view(), w, bodyHeight)
	case m.split():
		body = joinColumns(m.list.View(m.mk, m.focus == focusList, m.emptyText()),
			m.ctx.Styles.Divider.Render("│"), m.reader.View(), bodyHeight)
	case m.focus == focusReader && m.reader.art != nil:
		body = m.reader.View()
	default:
		body = m.list.View(m.mk, true, m.emptyText())
	}
	return m.titleLine() + "\n" + body + "\n" + m.statusLine()
}

func (m *Model) emptyText() string {
	switch {
	case m.filterPending():
		return " Indexing the text… the filter applies as soon as it is ready."
	case m.loading:
		return " Loading…"
	case m.query != "":
		return fmt.Sprintf(" No story matches %q. Esc clears the filter.", m.query)
	case m.view == viewUnread:
		return " No unread stories. v shows all."
	case m.view == viewStarred:
		return " No starred stories. s stars the story under the cursor."
	}
	return " No stories. w lists the files that could not be loaded."
}

func (m *Model) titleLine() string {
	st := &m.ctx.Styles
	w := m.ctx.Width
	left := " tidings · " + m.opts.SourceLabel
	right := ""
	if m.loading {
		right = m.progressText(w / 3)
	} else if m.indexing {
		right = "indexing text… "
	}
	left = ansi.Truncate(left, max(0, w-ansi.StringWidth(right)-1), "…")
	gap := max(0, w-ansi.StringWidth(left)-ansi.StringWidth(right))
	return fitLine(st.Title.Render(left)+strings.Repeat(" ", gap)+st.Dim.Render(right), w)
}

// progressText is "Loading 1,234/5,678 ▕████░░░░▏" sized to width.
func (m *Model) progressText(width int) string {
	p := m.progress
	total := "?"
	frac := 0.0
	if p.WalkDone && p.Found > 0 {
		total = commas(p.Found)
		frac = float64(p.Done) / float64(p.Found)
	} else if p.Found > 0 {
		total = commas(p.Found) + "+"
	}
	text := fmt.Sprintf("Loading %s/%s ", commas(p.Done), total)
	barWidth := max(0, min(20, width-ansi.StringWidth(text)-2))
	if barWidth < 4 || !p.WalkDone {
		return text // no bar until the total is known
	}
	filled := int(frac * float64(barWidth))
	st := &m.ctx.Styles
	return text + st.Bar.Render(strings.Repeat("█", filled)) + st.BarEmpty.Render(strings.Repeat("░", barWidth-filled)) + " "
}

func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (m *Model) statusLine() string {
	st := &m.ctx.Styles
	w := m.ctx.Width
	if m.filtering {
		count := m.matchCount()
		line := m.filter.View()
		gap := max(0, w-lipgloss.Width(line)-ansi.StringWidth(count))
		return fitLine(line+strings.Repeat(" ", gap)+st.StatusKey.Render(count), w)
	}
	left := fmt.Sprintf(" %d/%d unread · %s", m.list.unread, m.list.total, m.view)
	if m.query != "" {
		left += fmt.Sprintf(" · /%s (%d)", m.query, m.list.total)
	}
	if m.focus == focusReader && m.reader.art != nil {
		left += fmt.Sprintf(" · %d%%", m.reader.pg.percent())
	}
	var right []string
	if m.saveErr != nil {
		right = append(right, "marks not saved: "+m.saveErr.Error())
	} else if m.store != nil && !m.store.Persistent() {
		right = append(right, "marks not saved")
	} else if m.appliedSeq > m.savedSeq {
		right = append(right, "saving…") // said until the store confirms
	}
	if n := len(m.lib.Warnings); n > 0 {
		right = append(right, fmt.Sprintf("⚠ %d (w)", n))
	}
	right = append(right, "? help ")
	rightText := strings.Join(right, " · ")
	middle := ""
	if m.status != "" {
		middle = " · " + m.status
	}
	avail := w - ansi.StringWidth(rightText) - 1
	leftText := ansi.Truncate(left+middle, max(0, avail), "…")
	gap := max(0, w-ansi.StringWidth(leftText)-ansi.StringWidth(rightText))
	rightStyle := st.Status
	if len(m.lib.Warnings) > 0 || m.saveErr != nil {
		rightStyle = st.StatusWarn
	}
	return fitLine(st.Status.Render(leftText+strings.Repeat(" ", gap))+rightStyle.Render(rightText), w)
}

// fitLine cuts a line drawn wider than the screen (on a tiny terminal, or
// with a long error message).
func fitLine(s string, w int) string {
	if lipgloss.Width(s) > w {
		return ansi.Truncate(s, w, "")
	}
	return s
}

func (m *Model) helpView(height int) string {
	var groups = listHelp{&m.ctx.Keys}.FullHelp()
	title := " Keys in the list"
	if m.focus == focusReader && m.reader.art != nil {
		groups = readerHelp{&m.ctx.Keys}.FullHelp()
		title = " Keys in the reading pane"
	}
	text := m.ctx.Styles.Section.Render(title) + "\n\n" + indent(m.flowHelp(groups), " ") +
		"\n\n" + m.ctx.Styles.Dim.Render(" Any key closes this help.")
	return padLines(text, m.ctx.Width, height)
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
		col := m.help.FullHelpView([][]key.Binding{g})
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

// joinColumns puts two panes side by side. Both are drawn to their exact
// widths, so lines are simply concatenated; lipgloss.JoinHorizontal would
// measure every line again on every frame.
func joinColumns(left, divider, right string, height int) string {
	var b strings.Builder
	b.Grow(len(left) + len(right) + height*(len(divider)+1))
	for i := 0; i < height; i++ {
		var l, r string
		l, left, _ = strings.Cut(left, "\n")
		r, right, _ = strings.Cut(right, "\n")
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		b.WriteString(divider)
		b.WriteString(r)
	}
	return b.String()
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
