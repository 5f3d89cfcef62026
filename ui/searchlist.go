package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/index"
)

// searchList is the saved searches shown over the panes by ', each with
// how many of its stories are unread; enter applies the one under the
// cursor as the filter.
type searchList struct {
	items  []searchItem
	cursor int
}

type searchItem struct {
	Search
	unread, total int
	// counted is false when the counts cannot be had at once: before the
	// index is built, or for a phrase, which reads text.
	counted bool
}

// openSearches counts each saved search's stories, in Update: the index
// answers each in milliseconds; a phrase is left uncounted.
func (m *Model) openSearches() {
	l := &searchList{}
	now := m.opts.Now()
	for _, s := range Searches(m.ctx.Config) {
		item := searchItem{Search: s}
		q := index.ParseQuery(s.Query, now)
		var found *index.Matches
		if q.Indexed() && !q.Slow() && m.search.index != nil {
			found = m.search.index.Find(m.lib.Articles, &q)
		}
		if !q.Slow() && (!q.Indexed() || found != nil) {
			item.counted = true
			for i, a := range m.lib.Articles {
				if q.Indexed() && !found.Set.Has(i) || i >= len(m.mk.read) {
					continue
				}
				read, starred := m.mk.read[i], m.mk.starred[i]
				if (q.Read == nil || *q.Read == read) && (q.Starred == nil || *q.Starred == starred) &&
					(len(q.Labels) == 0 || q.HasLabels(m.mk.labelsOf(a))) {
					item.total++
					if !read {
						item.unread++
					}
				}
			}
		}
		l.items = append(l.items, item)
	}
	m.overlays.searches = l
}

// searchKey takes every key while the searches are shown.
func (m *Model) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys.Overlay
	l := m.overlays.searches
	switch {
	case key.Matches(msg, m.ctx.Keys.Global.QuitNow, m.ctx.Keys.Global.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Down):
		l.cursor = min(l.cursor+1, len(l.items)-1)
	case key.Matches(msg, k.Up):
		l.cursor = max(l.cursor-1, 0)
	case key.Matches(msg, k.Top, k.PageUp):
		l.cursor = 0
	case key.Matches(msg, k.Bottom, k.PageDown):
		l.cursor = len(l.items) - 1
	case key.Matches(msg, k.Choose):
		m.overlays.searches = nil
		return m.applySearch(l.items[l.cursor].Search)
	default:
		m.overlays.searches = nil
	}
	return nil
}

// applySearch makes the search's query the filter, over all stories (the
// search says which it wants), the cursor on its first story.
func (m *Model) applySearch(s Search) tea.Cmd {
	if m.filter.query == "" {
		m.filter.origin = m.list.selected()
	}
	m.filter.view = viewAll
	m.filter.input.SetValue(s.Query)
	m.layout.focus = focusList
	if m.layout.fullScreen {
		m.layout.fullScreen = false
		m.relayout()
	}
	var cmd tea.Cmd
	if m.filter.takeInput() {
		cmd = m.matchFilter()
		m.highlight()
	}
	m.rebuild()
	m.list.top()
	m.status = fmt.Sprintf("Search %s: %s · %s clears it", s.Name, s.Query, keyName(m.ctx.Keys.List.ClearFilter))
	return tea.Batch(cmd, m.previewSelected())
}

// searchesView lists the searches: name, query, unread and total counts.
func (m *Model) searchesView(height int) string {
	st := &m.ctx.Styles
	l := m.overlays.searches
	k := &m.ctx.Keys.Overlay
	lines := []string{st.Section.Render(" Saved searches"), ""}
	nameWidth := 0
	for _, it := range l.items {
		nameWidth = max(nameWidth, ansi.StringWidth(it.Name))
	}
	// As many as fit between the title and the footer, the cursor's among
	// them.
	first, last := 0, len(l.items)
	if room := max(1, height-5); len(l.items) > room {
		first = max(0, min(l.cursor-room/2, len(l.items)-room))
		last = first + room
	}
	for i := first; i < last; i++ {
		it := l.items[i]
		counts := "    …"
		if it.counted {
			counts = fmt.Sprintf("%5s unread / %s", commas(it.unread), commas(it.total))
		}
		text := fmt.Sprintf(" %-*s  %-22s  %s", nameWidth, it.Name, counts, it.Query)
		text = ansi.Truncate(text, m.ctx.Width, "…")
		if i == l.cursor {
			text = st.Cursor.Render(text + strings.Repeat(" ", max(0, m.ctx.Width-ansi.StringWidth(text))))
		}
		lines = append(lines, text)
	}
	footer := fmt.Sprintf(" %s apply · %s/%s move · other keys close · add your own under [searches] in config.toml",
		k.Choose.Help().Key, k.Up.Help().Key, k.Down.Help().Key)
	lines = append(lines, "", st.Dim.Render(ansi.Truncate(footer, m.ctx.Width, "…")))
	return padLines(strings.Join(lines, "\n"), m.ctx.Width, height)
}
