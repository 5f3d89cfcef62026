package ui

import (
	"slices"
	"time"

	"tidings/model"
	"tidings/state"
)

// marks holds read and star state by article index: the slices the list
// consults on every row it draws. The store's marks, loaded at start-up, are
// applied to articles as they arrive.
type marks struct {
	read, starred []bool
	stored        map[string]state.Mark
	// labels are by story id, sorted; few stories have any.
	labels map[string][]string
}

func (m *marks) grow(articles []*model.Article) {
	if len(articles) <= len(m.read) {
		return
	}
	if len(m.stored) == 0 { // nothing saved yet: no need to look at 100,000 ids
		m.read = append(m.read, make([]bool, len(articles)-len(m.read))...)
		m.starred = append(m.starred, make([]bool, len(articles)-len(m.starred))...)
		return
	}
	for len(m.read) < len(articles) {
		a := articles[len(m.read)]
		mk := m.stored[a.ID]
		m.read = append(m.read, mk.Read)
		m.starred = append(m.starred, mk.Starred)
	}
}

func (m *marks) isRead(a *model.Article) bool { return int(a.Index) < len(m.read) && m.read[a.Index] }

// labelsOf are the story's labels, sorted.
func (m *marks) labelsOf(a *model.Article) []string { return m.labels[a.ID] }

func (m *marks) hasLabel(a *model.Article, label string) bool {
	return slices.Contains(m.labels[a.ID], label)
}

// allLabels are the labels in use, sorted, for completing a label typed.
func (m *marks) allLabels() []string {
	var all []string
	for _, ls := range m.labels {
		all = append(all, ls...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

func (m *marks) setLabel(id, label string, on bool) {
	ls := m.labels[id]
	i, found := slices.BinarySearch(ls, label)
	switch {
	case on && !found:
		if m.labels == nil {
			m.labels = map[string][]string{}
		}
		m.labels[id] = slices.Insert(slices.Clone(ls), i, label)
	case !on && found:
		if ls = slices.Delete(slices.Clone(ls), i, i+1); len(ls) == 0 {
			delete(m.labels, id)
		} else {
			m.labels[id] = ls
		}
	}
}
func (m *marks) isStarred(a *model.Article) bool {
	return int(a.Index) < len(m.starred) && m.starred[a.Index]
}

// markChange is one article's read or star flag, or one of its labels,
// going from one value to another; triage actions are lists of them so
// that undo can reverse them.
type markChange struct {
	art      *model.Article
	star     bool   // the star flag rather than the read flag
	label    string // this label (on or off) rather than a flag
	from, to bool
}

// value is the flag's value after the change, or before it when undoing.
func (c markChange) value(reverse bool) bool {
	if reverse {
		return c.from
	}
	return c.to
}

type triageAction struct {
	label   string
	changes []markChange
}

// set changes the flags in memory and returns the store changes that make
// them durable.
func (m *marks) set(changes []markChange, reverse bool, at time.Time) []state.Change {
	out := make([]state.Change, 0, len(changes))
	for _, c := range changes {
		v := c.value(reverse)
		kind := state.Unread
		switch {
		case c.label != "":
			kind = state.Unlabel
			if v {
				kind = state.Label
			}
			m.setLabel(c.art.ID, c.label, v)
			out = append(out, state.Change{ID: c.art.ID, Kind: kind, At: at, Label: c.label})
			continue
		case c.star && v:
			kind = state.Star
		case c.star:
			kind = state.Unstar
		case v:
			kind = state.Read
		}
		if c.star {
			m.starred[c.art.Index] = v
		} else {
			m.read[c.art.Index] = v
		}
		out = append(out, state.Change{ID: c.art.ID, Kind: kind, At: at})
	}
	return out
}
