package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"tidings/model"
)

// Every change to the library comes here, from wherever it was found: a
// warm start's files changed since the cache, the watcher, r. Changes wait
// in pending until no command reads the library, and are then applied in
// the order they came (model.Library.Apply), followed by the filter index
// (updated in a command) and the similar-stories model (built again); the
// parse cache is written once all of it has settled.
type changing struct {
	pending []pendingChange
}

// pendingChange is a change found and read, waiting to be applied.
type pendingChange struct {
	changes model.Changes
	byHand  bool // found by r: said even when nothing changed
	atStart bool // found by a warm start: said as such
	scan    bool // found by a rescan
}

// changesReadMsg brings changes read in a command.
type changesReadMsg pendingChange

// applyPending applies the changes that wait, once no command reads the
// library, keeping the cursor on its story and at its place on screen.
func (m *Model) applyPending() tea.Cmd {
	if len(m.changes.pending) == 0 || m.search.readers > 0 || m.ld.active {
		return m.writeCache()
	}
	var all model.Delta
	byHand, atStart := false, false
	for _, p := range m.changes.pending {
		d := m.lib.Apply(p.changes)
		all.Added = append(all.Added, d.Added...)
		all.Changed = append(all.Changed, d.Changed...)
		all.Removed = append(all.Removed, d.Removed...)
		all.New = append(all.New, d.New...)
		all.Touched = append(all.Touched, d.Touched...)
		byHand = byHand || p.byHand
		atStart = atStart || p.atStart
	}
	m.changes.pending = nil
	if !all.Empty() {
		m.search.cacheDirty, m.search.similarDirty = true, true
		m.search.found = map[*model.Article][]similarStory{}
	}
	m.mk.grow(m.lib.Articles)
	m.list.forget(nil) // merged copies may have changed what rows show
	m.ld.order = nil   // stories may have left their day, or changed it
	for _, a := range all.Touched {
		m.rendering.cache.forgetStory(a.ID) // its text may be another now
	}
	m.rebuild()
	if note := changeNote(all, atStart); note != "" {
		m.status = note
	} else if byHand {
		m.status = "Nothing new in the folders"
	}
	return tea.Batch(m.updateIndex(all), m.buildSimilar(), m.refreshReader(false), m.writeCache())
}

// changeNote says what a change did: stories new to the library, stories
// whose files changed, files removed.
func changeNote(d model.Delta, atStart bool) string {
	fresh := len(d.New)
	isNew := map[*model.Article]bool{}
	for _, a := range d.New {
		isNew[a] = true
	}
	changed := 0
	for _, a := range d.Touched {
		if !isNew[a] && !a.Gone() {
			changed++
		}
	}
	var parts []string
	if fresh > 0 {
		parts = append(parts, fmt.Sprintf("%d new %s", fresh, plural(fresh, "story", "stories")))
	}
	if changed > 0 && len(d.Changed) > 0 {
		parts = append(parts, fmt.Sprintf("%d %s changed", changed, plural(changed, "story", "stories")))
	}
	if n := len(d.Removed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s removed", n, plural(n, "file", "files")))
	}
	if len(parts) == 0 {
		return ""
	}
	note := strings.Join(parts, " · ")
	if atStart {
		note = "Since the last start: " + note
	}
	return note
}
