package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tidings/index"
	"tidings/model"
)

// storyList holds the stories of the current view grouped by day (or by
// source, or in one run by publication time: order.go). It only
// ever draws the rows on screen (listrows.go), so moving costs the same at a
// hundred stories and at a hundred thousand.
type storyList struct {
	ctx *Context
	mk  *marks
	// The rows, top to bottom, are the headings and the stories shown
	// (listlayout.go): nrows of them, headers the rows of the headings,
	// each of group headGroup and with headFirst stories shown above it.
	// shown has a bit by place (ranks) for each story shown; before, by
	// word of shown, the count of the bits before it; unreadShown, a bit
	// for each unread story shown, as it was laid out.
	nrows                int
	headers              []int
	headGroup, headFirst []int32
	shown                index.Bitset
	before               []int32
	unreadShown          index.Bitset // by place: the unread stories shown
	groups               []listGroup
	articles             []*model.Article
	ranks                listRanks // where each story stands in groups
	cursor               int       // a row; on a story row whenever there is one
	offset               int       // first row on screen
	width                int
	height               int
	// per heading (by groupKey): stories and unread stories shown under it
	groupTotal, groupUnread map[string]int
	order                   model.Order // how the rows are grouped
	total, unread           int
	highlight               []string // the filter's words, marked in headlines
	// rowCache holds drawn rows (not under the cursor) of exactly the
	// width: measuring text is the costliest part of drawing, and a cursor
	// move changes only two rows. Filled by prepare, in Update.
	rowCache map[*model.Article]string
}

func newStoryList(ctx *Context, mk *marks) *storyList {
	return &storyList{ctx: ctx, mk: mk, groupTotal: map[string]int{}, groupUnread: map[string]int{}, rowCache: map[*model.Article]string{}}
}

func (l *storyList) SetSize(w, h int) {
	if w != l.width {
		clear(l.rowCache)
	}
	l.width, l.height = w, max(h, 1)
	l.scrollToCursor()
}

// forget drops cached rows: one story's when its marks change, all when
// the theme does.
func (l *storyList) forget(a *model.Article) {
	if a == nil {
		clear(l.rowCache)
		return
	}
	delete(l.rowCache, a)
}

// handleKey takes the keys that move the cursor; the root previews the
// story under it afterwards.
func (l *storyList) handleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &l.ctx.Keys.List
	switch {
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.PageDown):
		l.move(l.height - 1)
	case key.Matches(msg, k.PageUp):
		l.move(-(l.height - 1))
	case key.Matches(msg, k.HalfPageDown):
		l.move(max(1, l.height/2))
	case key.Matches(msg, k.HalfPageUp):
		l.move(-max(1, l.height/2))
	case key.Matches(msg, k.NextDay):
		l.jumpDay(1)
	case key.Matches(msg, k.PrevDay):
		l.jumpDay(-1)
	case key.Matches(msg, k.Top):
		l.top()
	case key.Matches(msg, k.Bottom):
		l.bottom()
	default:
		return nil, false
	}
	return nil, true
}

// noteMark keeps the unread counts right when a shown story changes state.
func (l *storyList) noteMark(a *model.Article, nowRead bool) {
	l.forget(a)
	if !l.isShown(int(a.Index)) {
		return
	}
	delta := 1
	if nowRead {
		delta = -1
	}
	l.groupUnread[groupKey(a, l.order)] += delta
	l.unread += delta
}

func (l *storyList) selected() *model.Article {
	if l.cursor < l.nrows {
		return l.artAt(l.cursor)
	}
	return nil
}

// stories lists the shown stories, all of them (group nil) or one
// group's.
func (l *storyList) stories(group *listGroup) []*model.Article {
	var out []*model.Article
	from, to := -1, len(l.ranks.byPlace)
	if group != nil {
		from, to = 0, 0 // a group with nothing shown
		for _, g := range l.headGroup {
			if &l.groups[g] == group {
				from, to = int(l.ranks.start[g])-1, int(l.ranks.start[g])+len(group.idx)
			}
		}
	}
	l.storiesFrom(from, 1, func(a *model.Article) bool {
		if l.ranks.rank[a.Index] >= int32(to) {
			return false
		}
		out = append(out, a)
		return true
	})
	return out
}

// selectedGroup is the group (a day, a source) the cursor is in, nil in
// an empty list.
func (l *storyList) selectedGroup() *listGroup {
	if l.cursor < l.nrows {
		return l.groupAt(l.cursor)
	}
	return nil
}

// position is the cursor's story counted from the top of the list, from 1,
// and the number of stories shown; 0 in an empty list.
func (l *storyList) position() (n, of int) {
	if l.selected() == nil {
		return 0, l.total
	}
	headersAbove, _ := slices.BinarySearch(l.headers, l.cursor)
	return l.cursor - headersAbove + 1, l.total
}

// jumpDay moves to the first story of the next (1) or previous (-1) day;
// back from the middle of a day goes to its first story first.
func (l *storyList) jumpDay(dir int) {
	at, _ := slices.BinarySearch(l.headers, l.cursor) // headers above the cursor
	target := -1
	switch {
	case dir > 0 && at < len(l.headers):
		target = l.headers[at] + 1
	case dir < 0 && at > 0 && l.cursor > l.headers[at-1]+1:
		target = l.headers[at-1] + 1
	case dir < 0 && at > 1:
		target = l.headers[at-2] + 1
	}
	if target > 0 {
		l.moveTo(target)
	}
}

// nextStory finds the next story row from i in direction dir, or -1.
func (l *storyList) nextStory(i, dir int) int {
	for i += dir; i >= 0 && i < l.nrows; i += dir {
		if !l.isHeading(i) {
			return i
		}
	}
	return -1
}

func (l *storyList) nearestStory(i int) int {
	if i < 0 || i >= l.nrows {
		return -1
	}
	if !l.isHeading(i) {
		return i
	}
	if j := l.nextStory(i, 1); j >= 0 {
		return j
	}
	return l.nextStory(i, -1)
}

func (l *storyList) move(n int) {
	dir := 1
	if n < 0 {
		dir, n = -1, -n
	}
	for ; n > 0; n-- {
		j := l.nextStory(l.cursor, dir)
		if j < 0 {
			break
		}
		l.cursor = j
	}
	if dir < 0 && l.nextStory(l.cursor, -1) < 0 {
		l.offset = 0 // show the first day's heading
	}
	l.scrollToCursor()
}

func (l *storyList) moveTo(i int) {
	if j := l.nearestStory(i); j >= 0 {
		l.cursor = j
		l.scrollToCursor()
	}
}

func (l *storyList) selectArticle(a *model.Article) bool {
	if a == nil || a.Index < 0 || int(a.Index) >= len(l.articles) || l.articles[a.Index] != a || !l.isShown(int(a.Index)) {
		return false
	}
	l.cursor = l.rowOf(int(a.Index))
	l.scrollToCursor()
	return true
}

func (l *storyList) top() {
	l.offset = 0
	l.moveTo(0)
}

func (l *storyList) bottom() { l.moveTo(l.nrows - 1) }

// findUnread looks from the cursor in direction dir for an unread story.
func (l *storyList) findUnread(dir int) int {
	a := l.selected()
	if a == nil {
		return -1
	}
	found := -1
	l.storiesFrom(int(l.ranks.rank[a.Index]), dir, func(b *model.Article) bool {
		if !l.mk.isRead(b) {
			found = l.rowOf(int(b.Index))
		}
		return found < 0
	})
	return found
}

// scrollToCursor keeps the cursor on screen, below the top line: that line
// always shows a day heading, the real one or, when the top row is a
// story, its day's heading pinned over it.
func (l *storyList) scrollToCursor() {
	top := 1
	if l.height < 2 {
		top = 0
	}
	if l.cursor < l.offset+top {
		l.offset = l.cursor - top
	}
	if l.cursor >= l.offset+l.height {
		l.offset = l.cursor - l.height + 1
	}
	l.offset = max(0, min(l.offset, l.nrows-l.height))
}

// storyAt maps a screen line of the list to the story drawn there, for
// mouse clicks; nil for a day heading or no row.
func (l *storyList) storyAt(y int) *model.Article {
	if i := l.offset + y; y >= 1 && y < l.height && i < l.nrows { // line 0 is a heading
		return l.artAt(i)
	}
	return nil
}

func (l *storyList) scroll(n int) {
	l.offset = max(0, min(l.offset+n, l.nrows-l.height))
	if l.cursor <= l.offset {
		l.moveTo(l.offset + 1)
	} else if l.cursor >= l.offset+l.height {
		l.moveTo(l.offset + l.height - 1)
	}
}
