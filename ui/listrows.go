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

// prepare draws the visible rows missing from the row cache. It runs in
// Update, after every change, so that View only joins strings and changes
// nothing.
func (l *storyList) prepare() {
	end := min(l.offset+l.height, l.nrows)
	for i := l.offset; i < end; i++ {
		if a := l.artAt(i); a != nil && i != l.cursor {
			if _, ok := l.rowCache[a]; !ok {
				l.rowCache[a] = l.rowView(a, false, false)
			}
		}
	}
}

// View draws the visible rows, each exactly the pane's width. The top line
// is always a day heading, drawn as the pane's title: reversed while the
// list has the keyboard beside the reading pane, so that which pane has it
// shows without colour.
func (l *storyList) View(focused, titled bool, emptyText string) string {
	st := &l.ctx.Styles
	if l.nrows == 0 {
		return padLines(st.Dim.Render(ansi.Truncate(emptyText, l.width, "…")), l.width, l.height)
	}
	lines := make([]string, 0, l.height)
	end := min(l.offset+l.height, l.nrows)
	for i := l.offset; i < end; i++ {
		art := l.artAt(i)
		switch {
		case i == l.offset && l.height > 1:
			lines = append(lines, l.headerView(l.groupAt(i), titled && focused))
		case art == nil:
			lines = append(lines, l.headerView(l.groupAt(i), false))
		case i == l.cursor:
			lines = append(lines, l.rowView(art, true, focused))
		default:
			row, ok := l.rowCache[art]
			if !ok { // prepare has not seen this frame: draw, keep nothing
				row = l.rowView(art, false, focused)
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

func (l *storyList) headerView(g *listGroup, focusedTitle bool) string {
	text := ansi.Truncate(fmt.Sprintf("%s · %s unread / %s", g.heading(), commas(l.groupUnread[g.key]), commas(l.groupTotal[g.key])), l.width, "…")
	pad := strings.Repeat(" ", max(0, l.width-ansi.StringWidth(text)))
	if focusedTitle {
		return l.ctx.Styles.PaneTitle.Render(text + pad)
	}
	return l.ctx.Styles.DayHeader.Render(text) + pad
}

const (
	timeWidth = 7
	maxSource = 18
)

// rowView draws one story row, padded to the width.
func (l *storyList) rowView(a *model.Article, isCursor, focused bool) string {
	st := &l.ctx.Styles
	read, starred := l.mk.isRead(a), l.mk.isStarred(a)
	unreadMark, starMark := "  ", "  "
	if !read {
		unreadMark = "● "
	}
	if starred {
		starMark = "★ "
	}
	srcWidth := min(maxSource, max(6, l.width/7))
	if l.width < 4+timeWidth+srcWidth+10 { // very narrow: headline only
		return l.styleRow(ansi.Truncate(unreadMark+starMark+a.Headline, l.width, "…"), read, isCursor, focused)
	}
	when := fmt.Sprintf("%-*s", timeWidth, shortTime(a))
	source := ansi.Truncate(a.Source(), srcWidth, "…")
	source += strings.Repeat(" ", srcWidth-ansi.StringWidth(source))
	room := l.width - 4 - timeWidth - srcWidth - 1
	// Labels after the headline, taking at most a third of its room.
	labels := labelsText(l.mk.labelsOf(a))
	if labels != "" {
		labels = " " + ansi.Truncate(labels, max(1, room/3-1), "…")
		room -= ansi.StringWidth(labels)
	}
	headline := ansi.Truncate(a.Headline, room, "…")
	if isCursor {
		return l.styleRow(unreadMark+starMark+when+source+" "+headline+labels, read, true, focused)
	}
	rowStyle := st.Row
	if read {
		rowStyle = st.RowRead
	}
	pad := max(0, room-ansi.StringWidth(headline))
	styled := rowStyle.Render(headline)
	if marked, ok := markWords(headline, l.highlight, st.Match, rowStyle); ok {
		styled = marked
	}
	if labels != "" {
		styled += st.Source.Render(labels)
	}
	return st.Unread.Render(unreadMark) + st.Star.Render(starMark) + st.Time.Render(when) +
		st.Source.Render(source) + " " + styled + strings.Repeat(" ", pad)
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

// shortTime is when a story was published, for its row of six columns: the
// clock time when the page gave it to the minute, else the day (an age in
// hours or days, a date, a dateline, an age counted from a save known only
// to the day), the month or the year. A day in another year than the story
// was saved in shows its month and year, not its day: the year is the
// surprise. It never shows the save time in its place nor invents a clock
// time: a page that gives no date shows "–".
func shortTime(a *model.Article) string {
	t := a.PublishedAt.Time()
	switch model.PrecisionOf(t, a.PublishedPrecision) {
	case model.PrecisionUnknown:
		return "  –"
	case model.PrecisionYear:
		return t.Format("2006")
	case model.PrecisionMonth:
		return t.Format("Jan'06")
	case model.PrecisionMinute:
		if t.Format(time.DateOnly) == a.Day() {
			return t.Format("15:04")
		}
	}
	if len(a.Day()) >= 4 && t.Format("2006") != a.Day()[:4] {
		return t.Format("Jan'06")
	}
	return t.Format("Jan") + " " + strconv.Itoa(t.Day())
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
