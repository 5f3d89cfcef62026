package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpScreen is the ? screen: every binding of the pane in focus, laid out
// for the width, scrolled when it is taller than the screen, and searched
// with / for a binding by its key or what it does.
type helpScreen struct {
	page    pager
	plain   []string // the lines without styling, searched
	find    textinput.Model
	finding bool // the find line has the keyboard
	query   string
	matches []int // lines holding the query
	current int   // index into matches
}

// querySyntax is the filter's query language, for the help screen.
const querySyntax = `Filter: words match word starts. "exact phrase"  -word  source:NAME  #tag
  is:unread is:read is:starred is:unstarred  label:NAME  tag:NAME
  day:2025-06-24 day:today day:-7.. day:A..B`

func (m *Model) openHelp() {
	m.overlays.helpScreen = &helpScreen{find: newLineInput("/", "a key or what it does")}
	m.layoutHelp()
}

// layoutHelp lays the help out for the screen, keeping its place.
func (m *Model) layoutHelp() {
	h := m.overlays.helpScreen
	keys, title := m.focusedHelp()
	text := m.ctx.Styles.Section.Render(title) + "\n\n" + indent(m.flowHelp(keys.FullHelp()), " ")
	if !m.reading() {
		text += "\n\n" + indent(querySyntax, " ")
	}
	lines := strings.Split(text, "\n")
	h.plain = make([]string, len(lines))
	for i, l := range lines {
		lines[i] = fitLine(l, m.ctx.Width)
		h.plain[i] = strings.ToLower(ansi.Strip(lines[i]))
	}
	h.page.setLines(lines)
	h.page.setHeight(max(1, m.ctx.Height-3)) // a line for the footer
	h.search()
}

// helpKey takes every key while the help is shown: the overlay's keys
// scroll it, / finds, and any other key closes it.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	h := m.overlays.helpScreen
	k := &m.ctx.Keys
	if h.finding {
		switch {
		case key.Matches(msg, k.Global.ForceQuit):
			return tea.Quit
		case key.Matches(msg, k.Filter.Apply):
			h.finding = false
			h.find.Blur()
		case key.Matches(msg, k.Filter.Cancel):
			h.finding, h.query = false, ""
			h.find.Blur()
			h.search()
		default:
			var cmd tea.Cmd
			h.find, cmd = h.find.Update(msg)
			dropUnsafeRunes(&h.find)
			h.query = strings.ToLower(strings.TrimSpace(h.find.Value()))
			h.search()
			return cmd
		}
		return nil
	}
	p := &h.page
	switch {
	case key.Matches(msg, k.Global.QuitNow, k.Global.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Overlay.Find):
		h.finding = true
		h.find.SetValue("")
		h.find.Focus()
		h.query = ""
		h.search()
	case h.query != "" && key.Matches(msg, k.Find.NextMatch):
		h.step(1)
	case h.query != "" && key.Matches(msg, k.Find.PrevMatch):
		h.step(-1)
	case p.scrollKey(k.Overlay, msg):
	default:
		m.overlays.helpScreen = nil
	}
	return nil
}

// search finds the lines that hold the query, and shows the first from
// the top of the screen down.
func (h *helpScreen) search() {
	h.matches, h.current = nil, 0
	if h.query == "" {
		return
	}
	for i, l := range h.plain {
		if strings.Contains(l, h.query) {
			h.matches = append(h.matches, i)
		}
	}
	for i, line := range h.matches {
		if line >= h.page.offset {
			h.current = i
			break
		}
	}
	if len(h.matches) > 0 {
		h.page.ensureVisible(h.matches[h.current])
	}
}

func (h *helpScreen) step(dir int) {
	if len(h.matches) == 0 {
		return
	}
	h.current = (h.current + dir + len(h.matches)) % len(h.matches)
	h.page.ensureVisible(h.matches[h.current])
}

// helpView is the help's lines on screen, the matches of a find marked,
// and a footer that stays: where in the help the screen is and the keys,
// or the find line.
func (m *Model) helpView(height int) string {
	h := m.overlays.helpScreen
	st := &m.ctx.Styles
	p := h.page
	lines := make([]string, 0, p.height)
	for i := p.offset; i < min(p.offset+p.height, len(p.lines)); i++ {
		line := p.lines[i]
		if n := h.matchIndex(i); n >= 0 {
			style := st.Match
			if n == h.current {
				style = st.MatchCurrent
			}
			line = markMatch(ansi.Strip(line), h.query, style)
		}
		lines = append(lines, line)
	}
	body := strings.Join(lines, "\n")
	if height < 2 {
		return padLines(body, m.ctx.Width, height)
	}
	return padLines(body, m.ctx.Width, height-1) + "\n" + m.helpFooter()
}

// markMatch styles where the query is in a help line: the match alone,
// or the whole line when folding changed its length.
func markMatch(plain, query string, style lipgloss.Style) string {
	lower := strings.ToLower(plain)
	i := strings.Index(lower, query)
	if i < 0 || len(lower) != len(plain) {
		return style.Render(plain)
	}
	return plain[:i] + style.Render(plain[i:i+len(query)]) + plain[i+len(query):]
}

func (h *helpScreen) matchIndex(line int) int {
	for i, l := range h.matches {
		if l == line {
			return i
		}
	}
	return -1
}

func (m *Model) helpFooter() string {
	h := m.overlays.helpScreen
	w := m.ctx.Width
	k := &m.ctx.Keys
	found := ""
	switch {
	case h.query == "":
	case len(h.matches) == 0:
		found = " no match"
	default:
		found = fmt.Sprintf(" %d/%d %s", h.current+1, len(h.matches), plural(len(h.matches), "match", "matches"))
	}
	if h.finding {
		in := h.find // a line input without a width shows one character of its hint
		in.SetWidth(max(5, w-ansi.StringWidth(in.Prompt+found)-1))
		line := in.View()
		gap := max(0, w-cellWidth(line)-ansi.StringWidth(found))
		return fitLine(line+strings.Repeat(" ", gap)+m.ctx.Styles.StatusKey.Render(found), w)
	}
	p := &h.page
	where := "all"
	if p.maxOffset() > 0 {
		where = fmt.Sprintf("%d-%d of %d", p.offset+1, p.offset+p.visibleLines(), len(p.lines))
	}
	o := &k.Overlay
	text := fmt.Sprintf(" %s · %s %s %s %s %s %s · %s find", where, o.Up.Help().Key, o.Down.Help().Key,
		o.PageUp.Help().Key, o.PageDown.Help().Key, o.Top.Help().Key, o.Bottom.Help().Key, firstKey(o.Find))
	if found != "" {
		text += " ·" + found + fmt.Sprintf(" (%s/%s)", firstKey(k.Find.NextMatch), firstKey(k.Find.PrevMatch))
	}
	text += " · other keys close"
	if ansi.StringWidth(text) > w {
		text = strings.Replace(text, " · other keys close", "", 1)
	}
	return padLines(m.ctx.Styles.Dim.Render(fitLine(text, w)), w, 1)
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
