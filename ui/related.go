package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"tidings/model"
	"tidings/similar"
)

// relatedItem is one row of the Related section: a story shown with this
// one on a page (link), or one found alike by its text (sim).
type relatedItem struct {
	art  *model.Article
	link *model.Link
	tag  string // a listing link's hashtag
	sim  *similar.Similar
}

// similarState is where the similar stories of the story shown are.
type similarState int

const (
	similarWaiting similarState = iota // the similarity index is not built yet
	similarFinding                     // asked for, in a command
	similarKnown
)

// relatedItems lists the rows: the page links first, then the similar
// stories once known.
func (r *readerPane) setItems() {
	r.items = r.items[:0]
	r.linkRows = 0
	if r.art == nil {
		return
	}
	links := r.art.Links()
	r.linkRows = len(links)
	for i := range links {
		r.items = append(r.items, relatedItem{art: links[i].To, link: &links[i], tag: r.tagOf(links[i])})
	}
	for i := range r.similar {
		r.items = append(r.items, relatedItem{art: r.similar[i].To, sim: &r.similar[i]})
	}
}

// setSimilar gives the story shown its similar stories, when they are
// found for it.
func (r *readerPane) setSimilar(a *model.Article, similar []similar.Similar) {
	if a != r.art {
		return
	}
	r.similar, r.similarState = similar, similarKnown
	r.setItems()
	r.compose()
}

// setFinding says the similar stories are being found (or wait for the
// index to be built).
func (r *readerPane) setFinding(state similarState) {
	if r.similarState != similarKnown {
		r.similarState = state
	}
}

// alsoCovered are the similar stories that tell the same event from
// another outlet.
func (r *readerPane) alsoCovered() []*model.Article {
	var out []*model.Article
	for _, s := range r.similar {
		if s.SameEvent {
			out = append(out, s.To)
		}
	}
	return out
}

// nextCoverage is the other outlet's story the "also covered" key opens.
// Pressing it goes round the story and its other versions once, in the
// order the header names them (A, B, C, then A again), however each
// version's own list of the others is ordered.
func (r *readerPane) nextCoverage() *model.Article {
	if i := slices.Index(r.coverageRound, r.art); i >= 0 && len(r.coverageRound) > 1 {
		return r.coverageRound[(i+1)%len(r.coverageRound)]
	}
	others := r.alsoCovered()
	if len(others) == 0 {
		return nil
	}
	r.coverageRound = append([]*model.Article{r.art}, others...)
	return others[0]
}

// composeRelated adds the Related section's lines: the header, the page
// links, then the similar stories, each row exactly the pane's width.
func (r *readerPane) composeRelated(lines []string) []string {
	st := &r.ctx.Styles
	w := r.width
	fit := func(s string) string {
		s = ansi.Truncate(s, max(0, w), "…")
		return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
	}
	links := r.linkRows
	lines = append(lines, fit(""), fit(" "+st.Section.Render(fmt.Sprintf("Related (%s)", commas(len(r.items))))))
	lines = append(lines, fit(" "+st.Dim.Render(fmt.Sprintf("On the same pages (%s)", commas(links)))))
	r.relatedTop = len(lines)
	r.itemLines = r.itemLines[:0]
	if len(r.relatedRows) > 5000 {
		clear(r.relatedRows)
	}
	row := func(i int) string {
		if i == r.relatedSel {
			return st.RelatedSelected.Render(r.relatedRow(i))
		}
		key := relatedRowKey{r.art, r.items[i].art, i}
		cached, ok := r.relatedRows[key]
		if !ok {
			cached = st.RelatedRow.Render(r.relatedRow(i))
			r.relatedRows[key] = cached
		}
		return cached
	}
	if links == 0 {
		lines = append(lines, fit("   "+st.Dim.Render("None: no page showed this story with another.")))
	}
	for i := range links {
		r.itemLines = append(r.itemLines, len(lines)-r.relatedTop)
		lines = append(lines, row(i))
	}
	heading := fmt.Sprintf("Similar stories (%s)", commas(len(r.similar)))
	switch r.similarState {
	case similarWaiting:
		heading = "Similar stories: waiting for the index of the text…"
	case similarFinding:
		heading = "Similar stories: finding…"
	}
	lines = append(lines, fit(""), fit(" "+st.Dim.Render(heading)))
	if r.similarState == similarKnown && len(r.items) == links {
		lines = append(lines, fit("   "+st.Dim.Render("None: no other story's text is close to this one's.")))
	}
	for i := links; i < len(r.items); i++ {
		r.itemLines = append(r.itemLines, len(lines)-r.relatedTop)
		lines = append(lines, row(i))
	}
	return append(lines, fit(""))
}

// relatedRow is the unstyled text of related row i, padded to the width:
// number, read state, source and headline, then the day and how it is
// related (the kind of page, or the words the texts share).
func (r *readerPane) relatedRow(i int) string {
	it := r.items[i]
	num := "   "
	if i < 9 {
		num = fmt.Sprintf("%d. ", i+1)
	}
	state := "  "
	if !r.mk.isRead(it.art) {
		state = "● "
	}
	if r.mk.isStarred(it.art) {
		state += "★ "
	}
	var how string
	switch {
	case it.link != nil:
		how = linkLabel(it.link, it.tag)
	case it.sim != nil && it.sim.SameEvent && len(it.sim.Terms) > 0:
		how = "same event: " + strings.Join(it.sim.Terms, ", ")
	case it.sim != nil && it.sim.SameEvent:
		how = "same event"
	case it.sim != nil:
		how = strings.Join(it.sim.Terms, ", ")
	}
	details := " · " + shortDay(it.art.Day())
	if how != "" {
		details += " · " + how
	}
	// The details get at most two fifths of the row: the headline matters
	// more.
	tail := ansi.Truncate(details, max(22, r.width*2/5), "…")
	head := " " + num + state + it.art.Headline
	if it.art.Source() != "" { // no source: no dash before the headline either
		head = " " + num + state + ansi.Truncate(it.art.Source(), 16, "…") + " — " + it.art.Headline
	}
	room := r.width - ansi.StringWidth(tail)
	if room < 20 { // narrow: the headline alone
		return fitVisible([]string{ansi.Truncate(head, r.width, "…")}, r.width)[0]
	}
	return fitVisible([]string{ansi.Truncate(head, room, "…") + tail}, r.width)[0]
}

// linkLabel says how a page linked two stories.
func linkLabel(l *model.Link, tag string) string {
	switch l.How {
	case model.LinkMain:
		return "lead/related" // one led a page the other was related on
	case model.LinkSamePage:
		return "same page"
	case model.LinkListing:
		if tag != "" {
			return tag
		}
		return "same listing"
	}
	return ""
}

func shortDay(date string) string {
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		return t.Format("2 Jan")
	}
	return "undated"
}

// selectRelated focuses related row i and scrolls it into view.
func (r *readerPane) selectRelated(i int) bool {
	if r.art == nil || i < 0 || i >= len(r.items) {
		return false
	}
	if r.relatedSel < 0 {
		r.readingAt = r.pg.offset
	}
	r.relatedSel = i
	r.compose()
	r.pg.ensureVisible(r.relatedTop + r.itemLines[i])
	return true
}

func (r *readerPane) selectedRelated() *model.Article {
	if r.relatedSel < 0 || r.relatedSel >= len(r.items) {
		return nil
	}
	return r.items[r.relatedSel].art
}

// relatedAt maps a screen line of the pane to the related story drawn
// there, for mouse clicks; nil for any other line.
func (r *readerPane) relatedAt(y int) *model.Article {
	if r.art == nil || !r.hasLine(y) {
		return nil
	}
	line := r.pg.offset + y - r.relatedTop
	for i, at := range r.itemLines {
		if at == line {
			return r.items[i].art
		}
	}
	return nil
}

// coverageLines say which other outlets told the same event, and the key
// that opens them.
func (r *readerPane) coverageLines() []string {
	others := r.alsoCovered()
	if len(others) == 0 {
		return nil
	}
	names := make([]string, len(others))
	for i, a := range others {
		names[i] = a.Source()
	}
	k := r.ctx.Keys.Reader.AlsoCovered
	text := fmt.Sprintf("Also covered by: %s · %s opens %s", strings.Join(names, ", "), firstKey(k), plural(len(others), "it", "each in turn"))
	var out []string
	for _, l := range wrapPlain(text, max(1, r.width-2)) {
		out = append(out, " "+r.ctx.Styles.Section.Render(l))
	}
	return out
}
