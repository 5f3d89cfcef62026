package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/model"
)

// viewMode chooses which stories the list shows.
type viewMode int

const (
	viewAll viewMode = iota
	viewUnread
	viewStarred
)

func (v viewMode) String() string {
	return [...]string{"all", "unread", "starred"}[v]
}

// listRow is a day heading (art == nil) or a story.
type listRow struct {
	day *model.Day
	art *model.Article
}

// storyList draws the stories of the current view grouped by day. It only
// ever renders the rows on screen, so moving costs the same at a hundred
// stories and at a hundred thousand.
type storyList struct {
	ctx    *Context
	rows   []listRow
	cursor int // index in rows; on a story row whenever there is one
	offset int // first row on screen
	width  int
	height int
	// per day heading (by date): stories and unread stories shown under it
	dayTotal, dayUnread map[string]int
	shown               model.Bitset // by article index: in the rows
	total, unread       int
	// rowCache holds drawn rows (not under the cursor) of exactly the
	// width: measuring text is the costliest part of drawing, and a cursor
	// move changes only two rows.
	rowCache map[*model.Article]string
}

func newStoryList(ctx *Context) *storyList {
	return &storyList{ctx: ctx, dayTotal: map[string]int{}, dayUnread: map[string]int{}, rowCache: map[*model.Article]string{}}
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

// dayOrder is a day's stories as indexes into Library.Articles, newest
// first. Filtering walks these small integers instead of following a
// pointer per story, which at 100,000 stories is the difference between a
// millisecond and a frame lost per keystroke.
type dayOrder struct {
	day *model.Day
	idx []int32
}

func orderOf(days []*model.Day) []dayOrder {
	out := make([]dayOrder, len(days))
	for i, d := range days {
		idx := make([]int32, len(d.Articles))
		for j, a := range d.Articles {
			idx[j] = int32(a.Index)
		}
		out[i] = dayOrder{day: d, idx: idx}
	}
	return out
}

// rebuild lays out the rows for the days and the view, keeping the cursor
// on the same story when it is still shown.
func (l *storyList) rebuild(days []dayOrder, articles []*model.Article, keep func(int32) bool, read []bool) {
	var current *model.Article
	oldCursor := l.cursor
	if l.cursor < len(l.rows) {
		current = l.rows[l.cursor].art
	}
	l.rows = l.rows[:0]
	clear(l.dayTotal)
	clear(l.dayUnread)
	if n := (len(articles) + 63) / 64; cap(l.shown) >= n {
		l.shown = l.shown[:n]
		clear(l.shown)
	} else {
		l.shown = make(model.Bitset, n)
	}
	l.total, l.unread = 0, 0
	cursor := -1
	for _, d := range days {
		headerAt := len(l.rows)
		total, unread := 0, 0
		for _, i := range d.idx {
			if !keep(i) {
				continue
			}
			if len(l.rows) == headerAt {
				l.rows = append(l.rows, listRow{day: d.day})
			}
			a := articles[i]
			if a == current {
				cursor = len(l.rows)
			}
			l.rows = append(l.rows, listRow{day: d.day, art: a})
			l.shown[i/64] |= 1 << (i % 64)
			total++
			if !read[i] {
				unread++
			}
		}
		if total > 0 {
			l.dayTotal[d.day.Date], l.dayUnread[d.day.Date] = total, unread
		}
		l.total += total
		l.unread += unread
	}
	if cursor < 0 && current != nil {
		// The story left the view: stay near where it was.
		cursor = l.nearestStory(min(oldCursor, len(l.rows)-1))
	}
	if cursor < 0 {
		cursor = l.nextStory(-1, 1)
	}
	l.cursor = max(cursor, 0)
	l.scrollToCursor()
}

// noteMark keeps the unread counts right when a shown story changes state.
func (l *storyList) noteMark(a *model.Article, nowRead bool) {
	l.forget(a)
	if !l.shown.Has(a.Index) {
		return
	}
	delta := 1
	if nowRead {
		delta = -1
	}
	l.dayUnread[a.Day] += delta
	l.unread += delta
}

func (l *storyList) selected() *model.Article {
	if l.cursor < len(l.rows) {
		return l.rows[l.cursor].art
	}
	return nil
}

// nextStory finds the next story row from i in direction dir, or -1.
func (l *storyList) nextStory(i, dir int) int {
	for i += dir; i >= 0 && i < len(l.rows); i += dir {
		if l.rows[i].art != nil {
			return i
		}
	}
	return -1
}

func (l *storyList) nearestStory(i int) int {
	if i < 0 || i >= len(l.rows) {
		return -1
	}
	if l.rows[i].art != nil {
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
	for i, r := range l.rows {
		if r.art == a {
			l.cursor = i
			l.scrollToCursor()
			return true
		}
	}
	return false
}

func (l *storyList) top() {
	l.offset = 0
	l.moveTo(0)
}

func (l *storyList) bottom() { l.moveTo(len(l.rows) - 1) }

// findUnread looks from the cursor in direction dir for an unread story.
func (l *storyList) findUnread(dir int, mk *marks) int {
	for i := l.nextStory(l.cursor, dir); i >= 0; i = l.nextStory(i, dir) {
		if !mk.isRead(l.rows[i].art) {
			return i
		}
	}
	return -1
}

func (l *storyList) scrollToCursor() {
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+l.height {
		l.offset = l.cursor - l.height + 1
	}
	l.offset = max(0, min(l.offset, len(l.rows)-l.height))
	// A day's first story on the top line brings its heading with it.
	if l.offset > 0 && l.offset == l.cursor && l.height > 1 && l.rows[l.offset-1].art == nil {
		l.offset--
	}
}

// rowAt maps a screen line of the list to a row index, for mouse clicks.
func (l *storyList) rowAt(y int) int {
	if i := l.offset + y; y >= 0 && y < l.height && i < len(l.rows) {
		return i
	}
	return -1
}

func (l *storyList) scroll(n int) {
	l.offset = max(0, min(l.offset+n, len(l.rows)-l.height))
	if l.cursor < l.offset {
		l.moveTo(l.offset)
	} else if l.cursor >= l.offset+l.height {
		l.moveTo(l.offset + l.height - 1)
	}
}

// View draws the visible rows, each exactly the pane's width.
func (l *storyList) View(mk *marks, focused bool, emptyText string) string {
	st := &l.ctx.Styles
	if len(l.rows) == 0 {
		return padLines(st.Dim.Render(ansi.Truncate(emptyText, l.width, "…")), l.width, l.height)
	}
	lines := make([]string, 0, l.height)
	end := min(l.offset+l.height, len(l.rows))
	for i := l.offset; i < end; i++ {
		r := l.rows[i]
		switch {
		case r.art == nil:
			lines = append(lines, l.headerView(r.day))
		case i == l.cursor:
			lines = append(lines, l.rowView(r.art, mk, true, focused))
		default:
			row, ok := l.rowCache[r.art]
			if !ok {
				row = l.rowView(r.art, mk, false, focused)
				l.rowCache[r.art] = row
			}
			lines = append(lines, row)
		}
	}
	blank := strings.Repeat(" ", l.width)
	for len(lines) < l.height {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

func (l *storyList) headerView(d *model.Day) string {
	label := "Undated"
	if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
		label = t.Format("Mon 2 Jan 2006")
	}
	text := ansi.Truncate(fmt.Sprintf("%s · %d unread / %d", label, l.dayUnread[d.Date], l.dayTotal[d.Date]), l.width, "…")
	return l.ctx.Styles.DayHeader.Render(text) + strings.Repeat(" ", max(0, l.width-ansi.StringWidth(text)))
}

const (
	timeWidth = 7
	maxSource = 18
)

// rowView draws one story row, padded to the width.
func (l *storyList) rowView(a *model.Article, mk *marks, isCursor, focused bool) string {
	st := &l.ctx.Styles
	read, starred := mk.isRead(a), mk.isStarred(a)
	unreadMark, starMark := "  ", "  "
	if !read {
		unreadMark = "● "
	}
	if starred {
		starMark = "★ "
	}
	srcWidth := min(maxSource, max(6, l.width/6))
	if l.width < 4+timeWidth+srcWidth+10 { // very narrow: headline only
		return l.styleRow(ansi.Truncate(unreadMark+starMark+a.Headline, l.width, "…"), read, isCursor, focused)
	}
	when := fmt.Sprintf("%-*s", timeWidth, shortTime(a))
	source := ansi.Truncate(a.Source, srcWidth, "…")
	source += strings.Repeat(" ", srcWidth-ansi.StringWidth(source))
	headline := ansi.Truncate(a.Headline, l.width-4-timeWidth-srcWidth-1, "…")
	if isCursor {
		return l.styleRow(unreadMark+starMark+when+source+" "+headline, read, true, focused)
	}
	rowStyle := st.Row
	if read {
		rowStyle = st.RowRead
	}
	pad := max(0, l.width-4-timeWidth-srcWidth-1-ansi.StringWidth(headline))
	return st.Unread.Render(unreadMark) + st.Star.Render(starMark) + st.Time.Render(when) +
		st.Source.Render(source) + " " + rowStyle.Render(headline) + strings.Repeat(" ", pad)
}

func (l *storyList) styleRow(plain string, read, isCursor, focused bool) string {
	st := &l.ctx.Styles
	if pad := l.width - ansi.StringWidth(plain); pad > 0 {
		plain += strings.Repeat(" ", pad)
	}
	switch {
	case isCursor && focused:
		return st.Cursor.Render(plain)
	case isCursor:
		return st.CursorBlurred.Render(plain)
	case read:
		return st.RowRead.Render(plain)
	}
	return st.Row.Render(plain)
}

// shortTime is the clock time a story was published (or saved), "~" marking
// a time estimated from an age; a story from an earlier day shows the date.
func shortTime(a *model.Article) string {
	t := a.When()
	if t.IsZero() {
		return "  –"
	}
	if t.Format(time.DateOnly) != a.Day {
		return t.Format("Jan") + " " + strconv.Itoa(t.Day())
	}
	if t.Hour() == 0 && t.Minute() == 0 && a.PublishedAt.Equal(t) {
		return "  –" // only the day is known
	}
	return t.Format("15:04")
}

// padLines makes s exactly h lines of at most w cells, so panes can be
// joined side by side.
func padLines(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, line := range lines {
		if lw := lipgloss.Width(line); lw < w {
			lines[i] = line + strings.Repeat(" ", w-lw)
		} else if lw > w {
			lines[i] = ansi.Truncate(line, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
