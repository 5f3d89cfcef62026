package ui

import (
	"fmt"
	"strings"

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
	if !m.layout.ready {
		return ""
	}
	h := m.ctx.Height
	if h < 3 { // no room for a pane: the title, and the status if it fits
		return strings.Join([]string{m.titleLine(), m.statusLine()}[:max(h, 1)], "\n")
	}
	bodyHeight := h - 2
	var body string
	switch {
	case m.overlays.helpScreen != nil:
		body = m.helpView(bodyHeight)
	case m.overlays.warnings != nil:
		body = m.warningsView(bodyHeight)
	case m.overlays.searches != nil:
		body = m.searchesView(bodyHeight)
	case m.split():
		body = joinColumns(m.list.View(m.layout.focus == focusList, true, m.emptyText()),
			m.ctx.Styles.Divider.Render("│"), m.readerTitle()+"\n"+m.reader.View(), bodyHeight)
	case m.reading():
		body = m.reader.View()
	default:
		body = m.list.View(true, false, m.emptyText())
	}
	return m.titleLine() + "\n" + body + "\n" + m.statusLine()
}

// emptyText is what an empty list says, and which key changes that.
func (m *Model) emptyText() string {
	k := &m.ctx.Keys
	switch {
	case m.filterPending():
		return " Indexing the text… the filter applies as soon as it is ready."
	case m.filter.checking:
		return " Looking for the phrase in the text…"
	case m.ld.active:
		return " Loading…"
	case m.filter.query != "":
		// The query as typed, quotes and all: %q would escape them.
		return fmt.Sprintf(" No story matches “%s”. %s clears the filter.", m.filter.query, keyName(k.List.ClearFilter))
	case m.filter.view == viewUnread:
		return fmt.Sprintf(" No unread stories. %s shows all.", firstKey(k.Global.CycleView))
	case m.filter.view == viewStarred:
		return fmt.Sprintf(" No starred stories. %s stars the story under the cursor.", firstKey(k.Global.ToggleStar))
	}
	return fmt.Sprintf(" No stories. %s lists the files that could not be loaded.", firstKey(k.Global.Warnings))
}

// keyName is a binding's first key at the start of a sentence.
func keyName(b interface{ Keys() []string }) string {
	keys := b.Keys()
	if len(keys) == 0 {
		return ""
	}
	if len(keys[0]) > 1 { // a named key: "esc", not "q"
		return strings.ToUpper(keys[0][:1]) + keys[0][1:]
	}
	return keys[0]
}

// readerTitle heads the reading pane beside the list: reversed while the
// pane has the keyboard, faint while the list has it.
func (m *Model) readerTitle() string {
	w := m.ctx.Width - m.listWidth() - 1
	text := " Story"
	if a := m.reader.story(); a != nil && a.Source() != "" {
		text = fmt.Sprintf(" Story · %s · %d%%", a.Source(), m.reader.percent())
	} else if a != nil {
		text = fmt.Sprintf(" Story · %d%%", m.reader.percent())
	}
	text = ansi.Truncate(text, w, "…")
	text += strings.Repeat(" ", max(0, w-ansi.StringWidth(text)))
	if m.layout.focus == focusReader && m.reader.story() != nil {
		return m.ctx.Styles.PaneTitle.Render(text)
	}
	return m.ctx.Styles.PaneBlur.Render(text)
}

func (m *Model) titleLine() string {
	st := &m.ctx.Styles
	w := m.ctx.Width
	left := " tidings · " + m.opts.SourceLabel
	right := ""
	switch {
	case m.ld.active:
		right = m.progressText(w / 3)
	case m.search.indexing:
		right = "indexing text… "
	case m.ld.checkSaid:
		right = "checking files… "
	default:
		right = m.whereText()
	}
	left = ansi.Truncate(left, max(0, w-ansi.StringWidth(right)-1), "…")
	gap := max(0, w-ansi.StringWidth(left)-ansi.StringWidth(right))
	return fitLine(st.Title.Render(left)+strings.Repeat(" ", gap)+st.Dim.Render(right), w)
}

// whereText is where the cursor is: its day and its place in the list,
// "Tue 24 Jun · 12/57".
func (m *Model) whereText() string {
	n, of := m.list.position()
	group := m.list.selectedGroup()
	if n == 0 || group == nil {
		return ""
	}
	return fmt.Sprintf("%s · %s/%s ", group.short(), commas(n), commas(of))
}

// progressText is "Loading 1,234/5,678 ▕████░░░░▏" sized to width.
func (m *Model) progressText(width int) string {
	p := m.ld.progress
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

// statusLine is the counts on the left, then the last message or else the
// short help of the pane in focus, and on the right the state of the marks,
// the warnings and the key for help.
func (m *Model) statusLine() string {
	st := &m.ctx.Styles
	w := m.ctx.Width
	if m.filter.active {
		return m.filter.View(w, m.list.total)
	}
	if m.prompt.active {
		return m.prompt.View(m.ctx, w)
	}
	if m.pipe.active {
		return m.pipeLine(w)
	}
	if m.reading() && (m.reader.typingFind() || m.reader.searching()) && m.status == "" {
		line := ansi.Truncate(m.reader.findLine(w), w, "…")
		return st.Status.Render(line + strings.Repeat(" ", max(0, w-ansi.StringWidth(line))))
	}
	left := fmt.Sprintf(" %s/%s unread · %s", commas(m.list.unread), commas(m.list.total), m.filter.view)
	if m.filter.query != "" {
		left += fmt.Sprintf(" · /%s (%s)", m.filter.query, commas(m.list.total))
	}
	if m.reading() {
		left += fmt.Sprintf(" · %d%%", m.reader.percent())
	}
	var right []string
	switch {
	case m.store.err != nil:
		right = append(right, "marks not saved: "+m.store.err.Error())
	case m.store.store != nil && !m.store.store.Persistent():
		right = append(right, "marks not saved")
	case m.store.applied > m.store.saved:
		right = append(right, "saving…") // said until the store confirms
	}
	k := &m.ctx.Keys.Global
	if n := len(m.lib.Warnings); n > 0 {
		right = append(right, fmt.Sprintf("⚠ %s (%s)", commas(n), firstKey(k.Warnings)))
	}
	right = append(right, firstKey(k.Help)+" help ")
	rightText := strings.Join(right, " · ")
	avail := max(0, w-ansi.StringWidth(rightText)-1)
	var leftText string
	switch {
	case m.status == "":
		// the short help fills what room there is, a whole hint or none
		leftText = left + m.shortHelp(avail-ansi.StringWidth(left))
		leftText = ansi.Truncate(leftText, avail, "…") // a screen too narrow for the counts
	case ansi.StringWidth(left+" · "+m.status) <= avail:
		leftText = left + " · " + m.status
	default:
		// A message is worth more than the counts, which stay in the
		// list; cut only if even alone it does not fit.
		leftText = ansi.Truncate(" "+m.status, avail, "…")
	}
	gap := max(0, w-ansi.StringWidth(leftText)-ansi.StringWidth(rightText))
	rightStyle := st.Status
	if len(m.lib.Warnings) > 0 || m.store.err != nil {
		rightStyle = st.StatusWarn
	}
	return fitLine(st.Status.Render(leftText+strings.Repeat(" ", gap))+rightStyle.Render(rightText), w)
}

// shortHelp is the focused pane's most used keys, as plain text for the
// status bar, each after " · ": as many as fit in room, each whole, in the
// order of importance the KeyMap gives.
func (m *Model) shortHelp(room int) string {
	keys, _ := m.focusedHelp()
	var b strings.Builder
	for _, k := range keys.ShortHelp() {
		if !k.Enabled() {
			continue
		}
		hint := " · " + k.Help().Key + " " + k.Help().Desc
		if w := ansi.StringWidth(hint); w <= room {
			b.WriteString(hint)
			room -= w
		}
	}
	return b.String()
}

// fitLine cuts a line drawn wider than the screen (on a tiny terminal, or
// with a long error message).
func fitLine(s string, w int) string {
	if lipgloss.Width(s) > w {
		return ansi.Truncate(s, w, "")
	}
	return s
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
