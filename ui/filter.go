package ui

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/index"
	"tidings/loader"
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

// filterBar is the filter line: the input while it has the keyboard, the
// query it stands for, the stories the index matched, and the view mode.
// Together they decide which stories the list shows.
type filterBar struct {
	ctx     *Context
	input   textinput.Model
	active  bool // the filter line has the keyboard
	query   string
	parsed  index.Query  // the query read: words, phrases, operators
	matches index.Bitset // what the index found for it; nil while it cannot
	view    viewMode
	origin  *model.Article // the story selected before the filter, to go back to
	// checking is true while a phrase is looked for in the text, in a
	// command; gen numbers the checks, so that a newer query stops an
	// older check.
	checking bool
	gen      atomic.Uint64
	// answered is the last answer the index gave, which the next query
	// typed is looked for in when it only narrows it (index.FindAfter);
	// checked is the phrase query being checked, answered once it is.
	answered, checked filterAnswer
}

// filterAnswer is a query's answer over one index and library: any other
// index, or a change to the library, makes it no use to the next query.
type filterAnswer struct {
	ix    *index.Index
	query index.Query
	set   index.Bitset
}

// phraseCheckedMsg is the answer of a query with a phrase.
type phraseCheckedMsg struct {
	query   string
	matches index.Bitset
	stopped bool // a newer query took over
}

func newFilterBar(ctx *Context) *filterBar {
	return &filterBar{ctx: ctx, input: newLineInput("/", "filter headline, source and text")}
}

// newLineInput is a one-line input for the status bar (the filter, a
// search in a story), with a steady cursor: a blinking one would redraw
// the screen twice a second for nothing.
func newLineInput(prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}

// filterOutcome is what a key did to the filter, for the root to act on.
type filterOutcome int

const (
	filterTyped     filterOutcome = iota // the input took the key
	filterKept                           // the query stays; the list has the keyboard
	filterLeftDown                       // as filterKept, and the key moves in the list
	filterCancelled                      // the query is gone
	filterQuit
)

// start gives the filter line the keyboard, holding the current query.
func (f *filterBar) start() tea.Cmd {
	f.active = true
	f.input.SetValue(f.query)
	f.input.CursorEnd()
	return f.input.Focus()
}

func (f *filterBar) stop() {
	f.active = false
	f.input.Blur()
}

// handleKey types into the filter line or leaves it.
func (f *filterBar) handleKey(msg tea.KeyPressMsg) (tea.Cmd, filterOutcome) {
	k := &f.ctx.Keys
	switch {
	case key.Matches(msg, k.Global.ForceQuit):
		return nil, filterQuit
	case key.Matches(msg, k.Filter.Apply):
		f.stop()
		return nil, filterKept
	case key.Matches(msg, k.Filter.Down), key.Matches(msg, k.Filter.Up):
		f.stop()
		return nil, filterLeftDown
	case key.Matches(msg, k.Filter.Cancel):
		return nil, filterCancelled
	}
	return f.update(msg), filterTyped
}

// update passes a key or a paste to the input.
func (f *filterBar) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	dropUnsafeRunes(&f.input)
	return cmd
}

// dropUnsafeRunes takes out of a line being typed (or pasted) the control
// and bidirectional characters the terminal would act on: U+202E would
// show the rest of the line reversed. No query needs them.
func dropUnsafeRunes(in *textinput.Model) {
	v := in.Value()
	if !strings.ContainsFunc(v, loader.IsUnsafeRune) {
		return
	}
	pos := in.Position()
	before := []rune(v)[:min(pos, len([]rune(v)))]
	in.SetValue(strings.Map(dropUnsafe, v))
	in.SetCursor(len([]rune(strings.Map(dropUnsafe, string(before)))))
}

func dropUnsafe(r rune) rune {
	if loader.IsUnsafeRune(r) {
		return -1
	}
	return r
}

// takeInput makes the input's text the query; it reports whether the query
// changed, so that the list is only laid out again when it did.
func (f *filterBar) takeInput() bool {
	q := f.input.Value()
	if strings.TrimSpace(q) == "" {
		q = ""
	}
	if q == f.query {
		return false
	}
	f.query = q
	return true
}

// clear drops the query; it reports whether there was one.
func (f *filterBar) clear() bool {
	f.stop()
	f.input.SetValue("")
	had := f.query != ""
	f.query, f.matches, f.parsed, f.checking = "", nil, index.Query{}, false
	f.answered, f.checked = filterAnswer{}, filterAnswer{}
	f.gen.Add(1) // stop a phrase check under way
	return had
}

// match reads the query and asks the index for its stories. It runs in
// Update, on purpose: the index answers within a few milliseconds, and
// matching here means the list can never show the results of an older
// query. Without an index (while loading, and for a few seconds after)
// nothing matches and the list says it waits: scanning every story would
// freeze the screen.
//
// A phrase is the exception: it is checked in the text of every story with
// its words, which can take seconds, so a command does it while the list
// says it is checking, and a newer query stops it.
func (f *filterBar) match(ix *index.Index, facets *index.Facets, lib *model.Library, today time.Time) tea.Cmd {
	articles := lib.Articles
	f.parsed = index.ParseQuery(f.query, today)
	f.parsed.Facets = facets
	// Phrases are looked for in the text, which a library from the cache
	// reads from the files, in the command; the library is not changed
	// while a check runs (see readLibrary).
	f.parsed.Text = func(a *model.Article) (model.Body, error) { return lib.BodyOf(a).Read() }
	f.matches, f.checking = nil, false
	gen := f.gen.Add(1)
	// A query that only narrows the last answered is looked for among its
	// matches, from the same index; anything else starts over.
	var prev filterAnswer
	if f.answered.ix == ix && ix != nil {
		prev = f.answered
	}
	f.answered, f.checked = filterAnswer{}, filterAnswer{}
	if ix == nil {
		return nil
	}
	if !f.parsed.Slow() {
		if res := ix.FindAfter(articles, &prev.query, prev.set, &f.parsed, nil); res != nil {
			f.matches = res.Set
			f.answered = filterAnswer{ix: ix, query: f.parsed, set: res.Set}
		}
		return nil
	}
	f.checking = true
	f.checked = filterAnswer{ix: ix, query: f.parsed}
	query, parsed := f.query, f.parsed
	stop := func() bool { return f.gen.Load() != gen }
	return func() tea.Msg {
		res := ix.FindAfter(articles, &prev.query, prev.set, &parsed, stop)
		if res == nil {
			return phraseCheckedMsg{query: query, stopped: true}
		}
		return phraseCheckedMsg{query: query, matches: res.Set}
	}
}

// phraseChecked takes the answer of a phrase query still current.
func (f *filterBar) phraseChecked(msg phraseCheckedMsg) bool {
	if msg.stopped || !f.checking || msg.query != f.query {
		return false
	}
	f.matches, f.checking = msg.matches, false
	f.answered, f.checked = f.checked, filterAnswer{}
	f.answered.set = msg.matches
	return true
}

// libraryChanged forgets the last answer: the articles it was found in
// are not as they were (their days, sources and tags are read from them).
func (f *filterBar) libraryChanged() { f.answered, f.checked = filterAnswer{}, filterAnswer{} }

// waitsForIndex is true while the query needs the index that is not built.
func (f *filterBar) waitsForIndex() bool {
	return f.parsed.Indexed() && f.matches == nil && !f.checking
}

// shows says which stories the list shows for the query and the view:
// every one of candidates (nil: of the archive) that keep keeps (nil:
// every one). The list need not ask of each story what the index has
// answered for all.
func (f *filterBar) shows(read, starred []bool, labels map[string][]string, articles []*model.Article) (candidates index.Bitset, keep func(int32) bool) {
	if f.parsed.Indexed() {
		// No matches yet (the index is being built) shows nothing rather
		// than everything: never results that are not this query's.
		candidates = f.matches
		if candidates == nil {
			candidates = index.Bitset{}
		}
	}
	parsed := &f.parsed
	byLabel := len(parsed.Labels) > 0
	wantRead, wantStar := f.parsed.Read, f.parsed.Starred
	switch f.view {
	case viewUnread:
		no := false
		wantRead = &no
	case viewStarred:
		yes := true
		wantStar = &yes
	}
	if wantRead == nil && wantStar == nil && !byLabel {
		return candidates, nil
	}
	return candidates, func(i int32) bool {
		return (wantRead == nil || read[i] == *wantRead) && (wantStar == nil || starred[i] == *wantStar) &&
			(!byLabel || parsed.HasLabels(labels[articles[i].ID]))
	}
}

// countText is what the filter line says beside the query.
func countText(total int) string {
	return fmt.Sprintf(" %s %s ", commas(total), plural(total, "match", "matches"))
}

// rightText is what the filter line says beside the query: the count, and
// what of the query could not be read.
func (f *filterBar) rightText(total int) string {
	if len(f.parsed.Problems) > 0 {
		// Half the line at most: the query being typed needs the rest.
		problem := ansi.Truncate(" cannot read "+strings.Join(f.parsed.Problems, ", "), max(10, f.ctx.Width/2), "…")
		return problem + " ·" + countText(total)
	}
	return countText(total)
}

// fit gives the input the width the status line leaves it beside the
// match count; set in Update, since View changes nothing.
func (f *filterBar) fit(width, total int) {
	w := max(5, width-ansi.StringWidth(f.rightText(total))-4)
	if w != f.input.Width() {
		f.input.SetWidth(w)
		// The input scrolls its text only when the cursor moves: a query
		// typed while the line was narrower (a half-typed day: named its
		// problem) would stay scrolled off to the left with room to spare.
		f.input.SetCursor(f.input.Position())
	}
}

// View is the filter line, exactly width cells wide.
func (f *filterBar) View(width, total int) string {
	count := f.rightText(total)
	line := f.input.View()
	gap := max(0, width-cellWidth(line)-ansi.StringWidth(count))
	return fitLine(line+strings.Repeat(" ", gap)+f.ctx.Styles.StatusKey.Render(count), width)
}

// rebuild lays the list out again for the view and the query.
func (m *Model) rebuild() {
	m.ld.lastRebuild = time.Now()
	if m.ld.active {
		m.list.forget(nil) // merging pages may have changed a story's time or source
	}
	stale := m.ld.order == nil || m.ld.orderArticles != len(m.lib.Articles) || m.ld.active || m.ld.orderSort != m.sort
	if stale && m.ld.active && m.ld.order != nil && m.ld.orderSort == m.sort && time.Since(m.ld.groupedAt) < 10*m.ld.groupCost {
		// While files load, an order that costs to make (by publication or
		// source: tens of milliseconds at 100,000 stories) is made again at
		// most a tenth of the time, so that keys keep their answer; the
		// stories it has not placed yet come at the next, and the last
		// batch makes it whole.
		stale = false
	}
	if stale {
		start := time.Now()
		m.ld.order = groupsOf(m.lib.Grouped(m.sort), m.sort)
		m.ld.orderArticles, m.ld.orderSort = len(m.lib.Articles), m.sort
		m.ld.groupedAt, m.ld.groupCost = time.Now(), time.Since(start)
	}
	candidates, keep := m.filter.shows(m.mk.read, m.mk.starred, m.mk.labels, m.lib.Articles)
	m.list.rebuild(m.ld.order, m.sort, m.lib.Articles, candidates, keep)
	if m.ld.active && !m.ld.touched {
		// Newer stories keep arriving above; until the user moves, stay
		// on the newest rather than follow the first story down.
		m.list.top()
	}
}

// filterChanged matches a new query and shows its stories.
func (m *Model) filterChanged() tea.Cmd {
	var cmd tea.Cmd
	if m.filter.takeInput() {
		cmd = m.matchFilter()
		m.highlight()
		m.rebuild()
	}
	m.filter.fit(m.ctx.Width, m.list.total)
	return cmd
}

func (m *Model) startFilter() tea.Cmd {
	if m.filter.query == "" {
		m.filter.origin = m.list.selected()
	}
	m.layout.focus = focusList
	if m.layout.fullScreen { // the results need the list on screen
		m.layout.fullScreen = false
		m.relayout()
	}
	m.filter.fit(m.ctx.Width, m.list.total)
	return m.filter.start()
}

// clearFilter drops the query and puts the cursor back on the story it was
// on before the filter.
func (m *Model) clearFilter() {
	if m.filter.clear() {
		m.highlight()
		m.rebuild()
		if m.filter.origin != nil {
			m.list.selectArticle(m.filter.origin)
		}
	}
	m.filter.origin = nil
}

// keepFilter leaves the filter line with the cursor on the first match.
func (m *Model) keepFilter() tea.Cmd {
	if m.filter.query != "" {
		m.list.top()
	}
	return m.previewSelected()
}

// filterPending is true while a query waits for the index.
func (m *Model) filterPending() bool { return m.filter.waitsForIndex() }

// highlight hands the query's words to the panes that mark them.
func (m *Model) highlight() {
	terms := m.filter.parsed.Highlight()
	m.list.setHighlight(terms)
	m.reader.setHighlight(terms)
}
