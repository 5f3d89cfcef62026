package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"tidings/model"
)

// historyEntry is a story the reader had open and how far down it was.
type historyEntry struct {
	art    *model.Article
	offset int
}

// readerPane shows one story: a header drawn at once, the glamour rendering
// of its text when it arrives, and the Related section, which the reader can
// move into and open stories from. It keeps a browser-like history.
type readerPane struct {
	ctx    *Context
	art    *model.Article
	width  int
	height int
	pg     pager

	body       string // glamour output; "" while it renders
	bodyErr    error
	relatedSel int // -1 when the Related section is not focused
	relatedTop int // line of the first related row in the content
	restoreTo  int // scroll offset to restore once the body arrives; -1 none

	back, forward []historyEntry
}

func newReaderPane(ctx *Context) *readerPane {
	return &readerPane{ctx: ctx, relatedSel: -1, restoreTo: -1}
}

func (r *readerPane) SetSize(w, h int) {
	r.width, r.height = w, max(h, 1)
	r.pg.setHeight(r.height)
}

// textWidth is the width glamour wraps to: the pane less glamour's margins,
// capped so that lines stay readable on wide screens.
func (r *readerPane) textWidth() int { return max(20, min(r.width, 100)) }

// show opens a story without touching history.
func (r *readerPane) show(a *model.Article, offset int) {
	r.art = a
	r.body, r.bodyErr = "", nil
	r.relatedSel = -1
	r.restoreTo = offset
	r.pg.offset = 0
}

// navigate opens a story as a new step in history.
func (r *readerPane) navigate(a *model.Article) {
	if r.art != nil && r.art != a {
		r.back = append(r.back, historyEntry{r.art, r.pg.offset})
		r.forward = r.forward[:0]
	}
	r.show(a, 0)
}

// goBack and goForward step through history; they report whether there
// was a step to take.
func (r *readerPane) goBack() bool {
	if len(r.back) == 0 {
		return false
	}
	prev := r.back[len(r.back)-1]
	r.back = r.back[:len(r.back)-1]
	if r.art != nil {
		r.forward = append(r.forward, historyEntry{r.art, r.pg.offset})
	}
	r.show(prev.art, prev.offset)
	return true
}

func (r *readerPane) goForward() bool {
	if len(r.forward) == 0 {
		return false
	}
	next := r.forward[len(r.forward)-1]
	r.forward = r.forward[:len(r.forward)-1]
	if r.art != nil {
		r.back = append(r.back, historyEntry{r.art, r.pg.offset})
	}
	r.show(next.art, next.offset)
	return true
}

func (r *readerPane) setBody(body string, err error) {
	r.body, r.bodyErr = body, err
}

// compose lays out the content lines; called whenever the body, the size,
// the related selection or a mark shown in it changes.
func (r *readerPane) compose(mk *marks) {
	if r.art == nil {
		r.pg.setLines(nil)
		return
	}
	st := &r.ctx.Styles
	a := r.art
	w := r.width
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	for _, l := range wrapPlain(a.Headline, w-2) {
		add(" " + st.Headline.Render(l))
	}
	add(" " + st.Meta.Render(ansi.Truncate(r.metaLine(a, mk), w-2, "…")))
	add("")
	switch {
	case r.bodyErr != nil:
		add(" " + st.Error.Render(ansi.Truncate("Could not render this story: "+r.bodyErr.Error(), w-2, "…")))
	case r.body == "":
		add(" " + st.Dim.Render("Rendering…"))
	default:
		for _, l := range strings.Split(r.body, "\n") {
			if ansi.StringWidth(l) > w {
				l = ansi.Truncate(l, w, "")
			}
			add(l)
		}
	}
	add("")
	add(" " + st.Section.Render(fmt.Sprintf("Related (%d)", len(a.Related))))
	r.relatedTop = len(lines)
	if len(a.Related) == 0 {
		add(" " + st.Dim.Render("No related stories on the pages this one came from."))
	}
	for i, rel := range a.Related {
		num := "   "
		if i < 9 {
			num = fmt.Sprintf("%d. ", i+1)
		}
		state := "  "
		if !mk.isRead(rel) {
			state = "● "
		}
		if mk.isStarred(rel) {
			state += "★ "
		}
		row := " " + num + state + rel.Source + " — " + rel.Headline
		row = ansi.Truncate(row, w, "…")
		if i == r.relatedSel {
			row += strings.Repeat(" ", max(0, w-ansi.StringWidth(row)))
			add(st.RelatedSelected.Render(row))
		} else {
			add(st.RelatedRow.Render(row))
		}
	}
	add("")
	r.pg.setLines(lines)
	if r.restoreTo >= 0 && r.body != "" {
		r.pg.setOffset(r.restoreTo)
		r.restoreTo = -1
	}
}

func (r *readerPane) metaLine(a *model.Article, mk *marks) string {
	parts := []string{}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	switch {
	case a.SavedAt.IsZero():
	case a.SavedAtEstimate: // the day is known, the hour only guessed
		parts = append(parts, "saved "+a.SavedAt.Format("Mon 2 Jan 2006"))
	default:
		parts = append(parts, "saved "+a.SavedAt.Format("Mon 2 Jan 2006 15:04"))
	}
	if !a.PublishedAt.IsZero() {
		parts = append(parts, "published "+aboutTime(a.PublishedAt, a.SavedAt))
	}
	if n := len(a.Pages); n > 1 {
		parts = append(parts, fmt.Sprintf("on %d pages", n))
	}
	if mk.isStarred(a) {
		parts = append(parts, "★ starred")
	}
	return strings.Join(parts, " · ")
}

// aboutTime says when a story was published, as an estimate: the clock
// time when it is known to the minute, else the day.
func aboutTime(t, saved time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return "about " + t.Format("2 Jan 2006")
	}
	if t.Format(time.DateOnly) == saved.Format(time.DateOnly) {
		return "about " + t.Format("15:04")
	}
	return "about " + t.Format("2 Jan 2006 15:04")
}

// selectRelated focuses related story i and scrolls it into view.
func (r *readerPane) selectRelated(i int, mk *marks) bool {
	if r.art == nil || i < 0 || i >= len(r.art.Related) {
		return false
	}
	r.relatedSel = i
	r.compose(mk)
	r.pg.ensureVisible(r.relatedTop + i)
	return true
}

func (r *readerPane) selectedRelated() *model.Article {
	if r.art == nil || r.relatedSel < 0 || r.relatedSel >= len(r.art.Related) {
		return nil
	}
	return r.art.Related[r.relatedSel]
}

func (r *readerPane) View() string {
	if r.art == nil {
		return padLines(r.ctx.Styles.Dim.Render(" Select a story and press enter to read it."), r.width, r.height)
	}
	return padLines(r.pg.view(), r.width, r.height)
}

// wrapPlain wraps unstyled text to width, for headlines.
func wrapPlain(s string, width int) []string {
	if width < 10 {
		return []string{ansi.Truncate(s, max(width, 1), "…")}
	}
	return strings.Split(ansi.Wordwrap(s, width, " -"), "\n")
}
