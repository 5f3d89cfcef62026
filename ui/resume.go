package ui

import (
	"tidings/loader"
	"tidings/model"
	"tidings/state"
)

// resumePoint is where the reader was left in the folders it opens, read
// with the marks when the store opens.
type resumePoint struct {
	folders string // state.FoldersKey of what is opened
	pos     state.Position
	found   bool
}

// resuming follows start_at: the place to go back to once the library is
// loaded, and then the place last handed to the store, so that only a
// move is saved.
type resuming struct {
	point resumePoint
	done  bool // gone back (or chose not to): from now on moves are saved
	saved state.Position
}

// maxAfter is how many of the stories below the cursor are kept with it,
// to go to the first still there when its story is gone.
const maxAfter = 50

// readResumePoint runs in the command that opens the store: the folders'
// canonical names come from the disk.
func readResumePoint(store MarkStore, src loader.Source) resumePoint {
	folders := "bundled samples"
	if src.FS == nil {
		folders = state.FoldersKey(loader.Roots(src.Paths))
	}
	p, found, err := store.Position(folders)
	return resumePoint{folders: folders, pos: p, found: found && err == nil}
}

// goBack puts the cursor where start_at says, once, when the library has
// loaded; not if the user moved meanwhile.
func (m *Model) goBack() {
	if m.resume.done {
		return
	}
	m.resume.done = true
	if m.ld.touched {
		return
	}
	switch m.ctx.Config.StartAt {
	case StartTop:
	case StartFirstUnread:
		m.list.top()
		if a := m.list.selected(); a != nil && m.mk.isRead(a) {
			if i := m.list.findUnread(1); i >= 0 {
				m.list.moveTo(i)
			}
		}
	default:
		if !m.resume.point.found {
			return
		}
		p := m.resume.point.pos
		for _, v := range []viewMode{viewAll, viewUnread, viewStarred} {
			if v.String() == p.View && v != m.filter.view {
				m.filter.view = v
				m.rebuild()
			}
		}
		for _, id := range append([]string{p.Story}, p.After...) {
			if a := m.lib.ByID(id); a != nil && m.list.selectArticle(a) {
				m.list.offset = max(0, m.list.cursor-m.list.height/3) // some context above
				m.list.scrollToCursor()
				return
			}
		}
	}
}

// savePosition hands the store where the reader is when that changed: the
// store's writer saves it, off the UI goroutine.
func (m *Model) savePosition() {
	a := m.list.selected()
	if !m.resume.done || m.store.store == nil || a == nil {
		return
	}
	view := m.filter.view.String()
	if a.ID == m.resume.saved.Story && view == m.resume.saved.View {
		return
	}
	p := state.Position{View: view, Story: a.ID}
	m.list.storiesFrom(int(m.list.ranks.rank[a.Index]), 1, func(b *model.Article) bool {
		p.After = append(p.After, b.ID)
		return len(p.After) < maxAfter
	})
	m.store.store.SavePosition(m.resume.point.folders, p)
	m.resume.saved = p
}
