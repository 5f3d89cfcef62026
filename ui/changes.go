package ui

import (
	"fmt"
	"strings"
	"time"

	"tidings/model"
)

// folderChange counts what a change to the opened folders did, for the
// status bar: the watcher's and r's changes are said the same way.
type folderChange struct {
	added   int  // stories no loaded page showed before
	changed int  // stories a rewritten dump shows differently (storiesChanged)
	removed int  // files removed
	reread  int  // files read again
	byHand  bool // asked for with r, which always gets an answer
}

// note is the status bar's message for the change: "1 new story · 1 story
// changed · 1 file removed", "Nothing new" after r, or "" when the
// watcher saw nothing worth saying.
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
	switch {
	case len(parts) > 0:
		return strings.Join(parts, " · ")
	case c.reread > 0:
		return fmt.Sprintf("%s %s read again: no story changed", commas(c.reread), plural(c.reread, "file", "files"))
	case c.byHand:
		return "Nothing new"
	}
	return ""
}

// storyPrint is how a story looks in the list and the reading pane, as far
// as a rewritten dump can change it without changing its id.
type storyPrint struct {
	source, age string
	published   time.Time
	text        int // the length of its text
}

func printOf(a *model.Article) storyPrint {
	text := a.TextBytes
	if !a.TextOnDisk {
		text = 0
		for _, p := range a.Paragraphs {
			text += len(p)
		}
		for _, e := range a.Entries {
			text += len(e.Text)
		}
	}
	return storyPrint{a.Source, a.Age, a.PublishedAt, text}
}

// notePrints keeps how the stories of a page look before the page is
// taken out for its dump's new version; storiesChanged compares them once
// the new version is in.
func notePrints(prints map[*model.Article]storyPrint, p *model.Page) {
	if p == nil {
		return
	}
	for _, a := range append([]*model.Article{p.Main}, p.Related...) {
		if _, ok := prints[a]; a != nil && !ok {
			prints[a] = printOf(a)
		}
	}
}

// storiesChanged counts the stories noted by notePrints that are still
// shown and now look different. A story the new version no longer shows
// is not counted: it left the list.
func storiesChanged(prints map[*model.Article]storyPrint) int {
	n := 0
	for a, before := range prints {
		if !a.Gone() && printOf(a) != before {
			n++
		}
	}
	return n
}
