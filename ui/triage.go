package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tidings/model"
)

// undoLimit is how many triage actions u can take back.
const undoLimit = 100

// handleTriageKey takes the keys that work alike in the list and the
// reading pane, on the story each has in hand; ok is false for any other
// key.
func (m *Model) handleTriageKey(msg tea.KeyPressMsg, a *model.Article) (cmd tea.Cmd, ok bool) {
	k := &m.ctx.Keys.Global
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
	case key.Matches(msg, k.Label):
		return m.startLabel(a, nil, ""), true
	default:
		return nil, false
	}
	return nil, true
}

// triage applies a set of mark changes as one undoable action.
func (m *Model) triage(label string, changes []markChange) {
	if len(changes) == 0 {
		return
	}
	m.undo = append(m.undo, triageAction{label: label, changes: changes})
	if len(m.undo) > undoLimit {
		m.undo = m.undo[1:]
	}
	m.applyChanges(changes, false)
	m.status = label
}

// applyChanges sets the marks in memory, redraws what shows them, and
// hands the changes to the store's writer.
func (m *Model) applyChanges(changes []markChange, reverse bool) {
	storeChanges := m.mk.set(changes, reverse, m.opts.Now())
	changed := make(map[*model.Article]bool, len(changes))
	for _, c := range changes {
		changed[c.art] = true
	}
	m.reader.forget(changed)
	for _, c := range changes {
		m.list.forget(c.art)
		if !c.star && c.label == "" {
			m.list.noteMark(c.art, c.value(reverse))
		}
	}
	if m.store.store != nil {
		m.store.applied = m.store.store.Apply(storeChanges...)
	}
	m.reader.compose()
}

func (m *Model) toggleRead(a *model.Article) {
	if a == nil {
		return
	}
	read := m.mk.isRead(a)
	label := "Marked read"
	if read {
		label = "Marked unread"
	}
	m.triage(label, []markChange{{art: a, from: read, to: !read}})
}

func (m *Model) toggleStar(a *model.Article) {
	if a == nil {
		return
	}
	on := m.mk.isStarred(a)
	label := "Starred"
	if on {
		label = "Unstarred"
	}
	m.triage(label, []markChange{{art: a, star: true, from: on, to: !on}})
}

// markAllRead marks the stories of the current filter, or else of the day
// under the cursor, read. No question is asked: u undoes it.
func (m *Model) markAllRead() {
	var scope []*model.Article
	what := "in the filter"
	switch group := m.list.selectedGroup(); {
	case m.filter.query != "":
		scope = m.list.stories(nil)
	case group == nil:
		m.status = "No story here to mark read"
		return
	default:
		what = group.scopeName()
		scope = m.list.stories(group)
	}
	var changes []markChange
	for _, a := range scope {
		if !m.mk.isRead(a) {
			changes = append(changes, markChange{art: a, from: false, to: true})
		}
	}
	if len(changes) == 0 {
		m.status = "Nothing unread " + what
		return
	}
	m.triage(fmt.Sprintf("Marked %s %s read · %s undoes", commas(len(changes)), plural(len(changes), "story", "stories"),
		firstKey(m.ctx.Keys.Global.Undo)), changes)
}

func (m *Model) undoLast() {
	if len(m.undo) == 0 {
		m.status = "Nothing to undo"
		return
	}
	last := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	m.applyChanges(last.changes, true)
	if m.filter.view != viewAll || len(m.filter.parsed.Labels) > 0 {
		// Undoing can bring stories back into the unread or starred view,
		// or a label: filter.
		m.rebuild()
	}
	// The label says how many stories it changed when that was more than
	// one ("Marked 9 stories read"), so the count is not said again.
	label, _, _ := strings.Cut(last.label, " · ")
	m.status = "Undone: " + label
}

// jumpUnread moves to the next or previous unread story across days; in
// the reader it opens it.
func (m *Model) jumpUnread(dir int) tea.Cmd {
	i := m.list.findUnread(dir)
	if i < 0 {
		if dir > 0 {
			m.status = "No unread story below"
		} else {
			m.status = "No unread story above"
		}
		return nil
	}
	m.list.moveTo(i)
	if m.layout.focus == focusReader {
		return m.open(m.list.selected())
	}
	return m.previewSelected()
}

func (m *Model) cycleView() {
	m.filter.view = (m.filter.view + 1) % 3
	m.rebuild()
	m.status = "Showing " + m.filter.view.String() + " stories"
}

func dayLabel(date string) string {
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		return t.Format("Mon 2 Jan")
	}
	return "the undated stories"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
