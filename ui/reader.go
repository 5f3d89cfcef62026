package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/export"
	"tidings/loader"
	"tidings/model"
	"tidings/similar"
)

// readerPane shows one story: a header drawn at once, the glamour rendering
// of its text when it arrives, and the Related section, which the reader can
// move into and open stories from. It keeps a browser-like history.
type readerPane struct {
	ctx    *Context
	mk     *marks
	tagOf  func(model.Link) string // a listing link's hashtag, from the library
	art    *model.Article
	width  int
	height int
	pg     pager
	hist   history
	find   storyFind
	// highlight is the filter's words, marked in the story
	highlight []string
	// allSiteLines shows the lines learned as the sites' (H), which are
	// hidden otherwise, in every story until pressed again.
	allSiteLines bool

	body       []string // glamour output fitted to the width; nil while it renders
	bodyStale  bool     // the body was fitted to another width (a resize is settling)
	bodyErr    error
	relatedSel int           // -1 when the Related section is not focused
	items      []relatedItem // the Related section's rows (related.go)
	linkRows   int           // how many of them are page links
	itemLines  []int         // each row's line, from relatedTop
	similar    []similar.Similar
	// similarState says whether similar holds the story's similar stories
	similarState similarState
	// pagePaths are the dumps the story was in when shown, to name when
	// they no longer hold it
	pagePaths []string
	// coverageRound is the story and its other outlets' versions that the
	// "also covered" key goes round, once started
	coverageRound []*model.Article
	readingAt     int // where the story was being read when the Related section took the keys
	relatedTop    int // line of the first related row in the content
	restoreTo     int // scroll offset to restore once the body arrives; -1 none

	// relatedRows caches drawn Related rows (unselected), exactly the
	// pane's width: a popular story lists hundreds of related stories, and
	// history steps and Tab would otherwise measure them all again.
	relatedRows map[relatedRowKey]string
}

// relatedRowKey names a drawn row: the story read, the story in the row
// and its place; a row's details (how it links, the words shared) depend
// on the story read.
type relatedRowKey struct {
	reading, art *model.Article
	pos          int
}

func newReaderPane(ctx *Context, mk *marks) *readerPane {
	return &readerPane{ctx: ctx, mk: mk, find: newStoryFind(), relatedSel: -1, restoreTo: -1,
		relatedRows: map[relatedRowKey]string{}}
}

func (r *readerPane) SetSize(w, h int) {
	if w != r.width {
		clear(r.relatedRows)
	}
	r.width, r.height = w, max(h, 1)
	r.pg.setHeight(r.height)
}

// story is the story on screen, opened or previewed; nil for none.
func (r *readerPane) story() *model.Article { return r.art }

// rendering is true while the story's text is being rendered.
func (r *readerPane) rendering() bool { return r.art != nil && r.body == nil && r.bodyErr == nil }

// atBottom is true when the end of the story is on screen.
func (r *readerPane) atBottom() bool { return r.pg.offset >= r.pg.maxOffset() }

// percent is how far down the story the reader is.
func (r *readerPane) percent() int { return r.pg.percent() }

// forget drops cached rows showing articles whose marks changed, in one
// sweep however many changed, or all of them (nil) when the theme changed.
func (r *readerPane) forget(changed map[*model.Article]bool) {
	if changed == nil {
		clear(r.relatedRows)
		return
	}
	for k := range r.relatedRows {
		if changed[k.art] {
			delete(r.relatedRows, k)
		}
	}
}

// textWidth is the width glamour wraps to: the pane less glamour's margins,
// capped so that lines stay readable on wide screens.
func (r *readerPane) textWidth() int { return max(20, min(r.width, textMeasure)) }

// preview shows a story without opening it: the list's cursor passing over
// it in a split screen. The story last opened keeps its place in history.
func (r *readerPane) preview(a *model.Article) {
	r.hist.leave(r.art, r.place())
	offset := 0
	if a == r.hist.opened {
		offset = r.hist.openedOffset // back over the story being read: where it was left
	}
	r.show(a, offset)
}

// show displays a story without touching history.
func (r *readerPane) show(a *model.Article, offset int) {
	if a != r.art {
		r.find.typing, r.find.query, r.find.hits = false, "", nil
	}
	if a != r.art {
		r.similar, r.similarState = nil, similarWaiting
	}
	r.art = a
	r.pagePaths = r.pagePaths[:0]
	if a != nil {
		for i := range a.PageCount() {
			r.pagePaths = append(r.pagePaths, a.PageAt(i).Path)
		}
	}
	r.body, r.bodyErr = nil, nil
	r.relatedSel = -1
	r.setItems()
	r.restoreTo = offset
	r.pg.offset = 0
}

// navigate opens a story as a new step in history.
func (r *readerPane) navigate(a *model.Article) {
	r.hist.visit(a, r.art, r.place())
	r.show(a, 0)
}

// place is where in the story history should bring the reader back to:
// where they were reading, not the Related section they opened a story
// from.
func (r *readerPane) place() int {
	if r.relatedSel >= 0 {
		return r.readingAt
	}
	return r.pg.offset
}

// stepHistory goes back (dir < 0) or forward in history, to the place the
// story was left at; it reports whether there was a step to take.
func (r *readerPane) stepHistory(dir int) bool {
	next, ok := r.hist.step(dir, r.art, r.place())
	if ok {
		r.show(next.art, next.offset)
	}
	return ok
}

func (r *readerPane) setBody(body []string, err error) {
	r.body, r.bodyErr, r.bodyStale = body, err, false
}

// handleKey takes the keys that act within the pane: scrolling and moving
// through the Related section. Keys that open stories are the root's.
func (r *readerPane) handleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &r.ctx.Keys.Reader
	related := len(r.items)
	switch {
	case matchIndex(msg, k.PickRelated) >= 0:
		n := matchIndex(msg, k.PickRelated)
		if !r.selectRelated(n) {
			return say(fmt.Sprintf("There is no related story %d", n+1)), true
		}
	case key.Matches(msg, k.NextRelated):
		if related == 0 {
			return say("This story has no related stories"), true
		}
		r.selectRelated((r.relatedSel + 1) % related)
	case key.Matches(msg, k.PrevRelated):
		if related > 0 {
			r.selectRelated((r.relatedSel - 1 + related) % related)
		}
	case key.Matches(msg, k.ScrollDown):
		r.pg.scroll(1)
	case key.Matches(msg, k.ScrollUp):
		r.pg.scroll(-1)
	case key.Matches(msg, k.PageDown, k.ReadOn):
		r.pg.scroll(max(1, r.height-2))
	case key.Matches(msg, k.HalfPageDown):
		r.pg.scroll(max(1, r.height/2))
	case key.Matches(msg, k.HalfPageUp):
		r.pg.scroll(-max(1, r.height/2))
	case key.Matches(msg, k.Find):
		return r.startFind(), true
	case key.Matches(msg, k.OpenLink) && r.art != nil:
		return openLink(r.art.URL()), true
	case key.Matches(msg, k.PageUp):
		r.pg.scroll(-max(1, r.height-2))
	case key.Matches(msg, k.Top):
		r.pg.setOffset(0)
	case key.Matches(msg, k.Bottom):
		r.pg.setOffset(r.pg.maxOffset())
	case key.Matches(msg, k.Close) && r.relatedSel >= 0:
		r.relatedSel = -1 // leave the Related section, stay in the story
		r.compose()
	default:
		return nil, false
	}
	return nil, true
}

// compose lays out the content lines; called whenever the body, the size,
// the related selection or a mark shown in it changes.
func (r *readerPane) compose() {
	if r.art == nil {
		r.pg.setLines(nil)
		return
	}
	st := &r.ctx.Styles
	a := r.art
	w := r.width
	r.setItems() // pages still loading may have linked the story to more
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	for _, l := range wrapPlain(a.Headline, max(1, w-2)) {
		add(" " + st.Headline.Render(l))
	}
	for _, l := range wrapPlain(r.metaLine(a), max(1, w-2)) {
		add(" " + st.Meta.Render(l))
	}
	if a.URL() != "" {
		// Where the file says the story came from; O opens it.
		for _, l := range wrapPlain(a.URL(), max(1, w-2)) {
			add(" " + st.Dim.Render(l))
		}
	}
	for _, l := range r.coverageLines() {
		add(l)
	}
	add("")
	switch {
	case r.bodyErr != nil:
		// The whole reason, wrapped: it names the dump, which matters.
		what := "Could not render this story: "
		if errors.Is(r.bodyErr, model.ErrGone) {
			what = "Gone: "
		}
		for _, l := range wrapPlain(what+loader.CleanLine(r.bodyErr.Error()), max(1, w-2)) {
			add(" " + st.Error.Render(l))
		}
	case r.body == nil:
		add(" " + st.Dim.Render("Rendering…"))
	}
	// Every line so far is made exactly the pane's width here, once, so
	// that drawing a frame never measures text; the body and the Related
	// section come fitted already.
	for i, l := range lines {
		if w := cellWidth(l); w < r.width {
			lines[i] = l + strings.Repeat(" ", r.width-w)
		}
	}
	bodyAt := len(lines)
	lines = r.composeRelated(lines)
	if len(r.body) > 0 {
		lines = slices.Concat(lines[:bodyAt], r.body, lines[bodyAt:])
		r.relatedTop += len(r.body)
	}
	if r.searching() || len(r.highlight) > 0 {
		lines = slices.Clone(lines) // the body is the cache's: highlight a copy
		selected := -1              // the selected row keeps its own style
		if r.relatedSel >= 0 && r.relatedSel < len(r.itemLines) {
			selected = r.relatedTop + r.itemLines[r.relatedSel]
		}
		if r.searching() {
			r.highlightMatches(lines, selected)
		} else {
			r.highlightTerms(lines, selected)
		}
	}
	r.pg.setLines(lines)
	if r.restoreTo >= 0 && r.body != nil {
		r.pg.setOffset(r.restoreTo)
		r.restoreTo = -1
	}
}

func (r *readerPane) metaLine(a *model.Article) string {
	parts := []string{}
	if a.Source() != "" {
		parts = append(parts, a.Source())
	}
	if a.Author() != "" {
		parts = append(parts, "by "+a.Author())
	}
	if dates := export.Dates(a); dates != "" {
		parts = append(parts, dates)
	}
	if n := a.PageCount(); n > 1 {
		parts = append(parts, fmt.Sprintf("on %s pages", commas(n)))
	}
	if tags := listingTags(a); len(tags) > 0 {
		parts = append(parts, "listed under "+strings.Join(tags, ", "))
	}
	if r.mk.isStarred(a) {
		parts = append(parts, "★ starred")
	}
	if labels := r.mk.labelsOf(a); len(labels) > 0 {
		parts = append(parts, "labels "+labelsText(labels))
	}
	return strings.Join(parts, " · ")
}

// listingTags are the story's own tags, as hashtags ("#budget", from a
// clipping's front matter or a feed's categories), then the tags of the
// listings it came from ("#Budget", "Stories by Mara Quillon"), each once,
// in the order of its pages.
func listingTags(a *model.Article) []string {
	var tags []string
	for _, t := range a.Tags() {
		tags = append(tags, "#"+t)
	}
	for _, p := range a.Pages() {
		if tag := p.Tag(); tag != "" && !slices.ContainsFunc(tags, func(t string) bool { return strings.EqualFold(t, tag) }) {
			tags = append(tags, tag)
		}
	}
	return tags
}

func (r *readerPane) scroll(n int) { r.pg.scroll(n) }

// hasLine is true for a screen line inside the pane.
func (r *readerPane) hasLine(y int) bool { return y >= 0 && y < r.height }

func (r *readerPane) View() string {
	if r.art == nil {
		hint := fmt.Sprintf(" Select a story and press %s to read it.", firstKey(r.ctx.Keys.List.Open))
		return padLines(r.ctx.Styles.Dim.Render(hint), r.width, r.height)
	}
	view := r.pg.view()
	if r.width < 3 {
		return padLines(view, r.width, r.height)
	}
	if r.bodyStale {
		// Fit only the lines on screen until the new rendering arrives.
		view = strings.Join(fitVisible(strings.Split(view, "\n"), r.width), "\n")
	}
	if n := r.pg.visibleLines(); n < r.height {
		view += strings.Repeat("\n"+strings.Repeat(" ", r.width), r.height-n)
		if n == 0 {
			view = view[1:]
		}
	}
	return view
}

// wrapPlain wraps unstyled text to width, for headlines.
func wrapPlain(s string, width int) []string {
	if width < 10 {
		return []string{ansi.Truncate(s, max(width, 1), "…")}
	}
	return strings.Split(ansi.Wrap(s, width, " -/"), "\n")
}

func fitVisible(lines []string, width int) []string {
	for i, l := range lines {
		if w := cellWidth(l); w > width {
			lines[i] = ansi.Truncate(l, width, "")
		} else if w < width {
			lines[i] = l + strings.Repeat(" ", width-w)
		}
	}
	return lines
}
