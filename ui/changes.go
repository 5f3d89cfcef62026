package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"tidings/loader"
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
	all, change := applyChanges(m.lib, m.changes.pending)
	m.changes.pending = nil
	if m.search.facets != nil {
		m.search.facets.Update(all.Touched)
	}
	m.filter.libraryChanged()
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
	if note := change.note(); note != "" {
		m.status = note
	}
	return tea.Batch(m.updateIndex(all), m.buildSimilar(), m.refreshReader(false), m.writeCache())
}

// applyChanges applies changes to lib in the order they came, and says
// what they did. It changes the library: in Update, or before the library
// is shared (a warm start's changes, in the loading goroutine).
func applyChanges(lib *model.Library, pending []pendingChange) (model.Delta, folderChange) {
	// How the stories of the pages to be read again look now, to count
	// those the new versions change (storiesChanged).
	prints := map[*model.Article]storyPrint{}
	for _, p := range pending {
		for _, d := range p.changes.Pages {
			notePrints(prints, lib, lib.PageByKey(d.Key))
		}
	}
	var all model.Delta
	byHand, atStart := false, false
	for _, p := range pending {
		d := lib.Apply(p.changes)
		all.Added = append(all.Added, d.Added...)
		all.Changed = append(all.Changed, d.Changed...)
		all.Removed = append(all.Removed, d.Removed...)
		all.New = append(all.New, d.New...)
		all.Touched = append(all.Touched, d.Touched...)
		byHand = byHand || p.byHand
		atStart = atStart || p.atStart
	}
	change := folderChange{added: len(all.New), changed: storiesChanged(prints), removed: len(all.Removed),
		reread: len(all.Changed), byHand: byHand, atStart: atStart}
	change.unreadable, change.removed = unreadable(pending, all.Removed)
	return all, change
}

// unreadable says which folders a change found it cannot read (as a cold
// start says, with the reason) and how many of the files removed were in
// them: those files did not go, their folder closed; and which files are
// still there but no longer load. It returns the count of files removed
// otherwise.
func unreadable(pending []pendingChange, removed []string) ([]string, int) {
	var folders []model.Skipped
	for _, p := range pending {
		folders = append(folders, p.changes.Skipped...)
	}
	inside := make([]int, len(folders))
	left := 0
	var skippedNow []model.Skipped
	for _, path := range removed {
		// A file still there but no longer loading (emptied, turned to
		// binary) leaves the library as a removed file does; it is said
		// with its reason, not as removed.
		if j := slices.IndexFunc(folders, func(f model.Skipped) bool { return f.Key == path || f.Path == path }); j >= 0 {
			skippedNow = append(skippedNow, folders[j])
			continue
		}
		i := slices.IndexFunc(folders, func(f model.Skipped) bool {
			return strings.HasPrefix(path, f.Path+string(filepath.Separator))
		})
		if i < 0 {
			left++
			continue
		}
		inside[i]++
	}
	var notes []string
	for i, f := range folders {
		if inside[i] > 0 {
			notes = append(notes, fmt.Sprintf("%s cannot be read (%s): %s left", loader.CleanLine(f.Path), loader.CleanLine(f.Reason),
				plural(inside[i], "its 1 file", "its "+commas(inside[i])+" files")))
		}
	}
	switch len(skippedNow) {
	case 0:
	case 1:
		f := skippedNow[0]
		notes = append(notes, fmt.Sprintf("%s no longer loads (%s)", loader.CleanLine(filepath.Base(f.Path)), loader.CleanLine(f.Reason)))
	default:
		notes = append(notes, fmt.Sprintf("%s files no longer load", commas(len(skippedNow))))
	}
	return notes, left
}

// folderChange counts what a change to the opened folders did, for the
// status bar: a warm start's, the watcher's and r's changes are said the
// same way.
type folderChange struct {
	added   int  // stories no loaded page showed before
	changed int  // stories a file read again shows differently (storiesChanged)
	removed int  // files removed
	reread  int  // files read again
	byHand  bool // asked for with r, which always gets an answer
	atStart bool // found by a warm start: said as such
	// unreadable are the folders that could no longer be read, each with
	// its reason and the files that left with it (not counted as removed).
	unreadable []string
}

// note is the status bar's message for the change: "1 new story · 1 story
// changed · 1 file removed", "Nothing new in the folders" after r, or ""
// when the watcher saw nothing worth saying; never a count of nought.
func (c folderChange) note() string {
	var parts []string
	if c.added > 0 {
		parts = append(parts, fmt.Sprintf("%s new %s", commas(c.added), plural(c.added, "story", "stories")))
	}
	if c.changed > 0 {
		parts = append(parts, fmt.Sprintf("%s %s changed", commas(c.changed), plural(c.changed, "story", "stories")))
	}
	if c.removed > 0 {
		parts = append(parts, fmt.Sprintf("%s %s removed", commas(c.removed), plural(c.removed, "file", "files")))
	}
	parts = append(parts, c.unreadable...)
	switch {
	case len(parts) > 0 && c.atStart:
		return "Since the last start: " + strings.Join(parts, " · ")
	case len(parts) > 0:
		return strings.Join(parts, " · ")
	case c.reread > 0:
		return fmt.Sprintf("%s %s read again: no story changed", commas(c.reread), plural(c.reread, "file", "files"))
	case c.byHand:
		return "Nothing new in the folders"
	}
	return ""
}

// storyPrint is what a file read again can change of a story without
// changing its id, as the file writes it. The publication estimate is
// left out: a file merely touched moves the save time it is counted from,
// which is no change to the story.
type storyPrint struct {
	source, age string
	text        int // the length of its text
}

func printOf(a *model.Article) storyPrint {
	text := int(a.TextBytes)
	if !a.TextOnDisk {
		text = 0
		for _, p := range a.Paragraphs() {
			text += len(p)
		}
		for _, e := range a.Entries() {
			text += len(e.Text)
		}
	}
	return storyPrint{a.Source(), a.Age(), text}
}

// notePrints keeps how the stories of a page look before the page is
// replaced by its file's new version.
func notePrints(prints map[*model.Article]storyPrint, lib *model.Library, p *model.Page) {
	if p == nil {
		return
	}
	for _, a := range append([]*model.Article{lib.MainOf(p)}, lib.Listed(p)...) {
		if _, ok := prints[a]; a != nil && !ok {
			prints[a] = printOf(a)
		}
	}
}

// storiesChanged counts the stories noted by notePrints that are still
// shown and now look different. One the new version no longer shows is
// not counted: it left the list.
func storiesChanged(prints map[*model.Article]storyPrint) int {
	n := 0
	for a, before := range prints {
		if !a.Gone() && printOf(a) != before {
			n++
		}
	}
	return n
}
