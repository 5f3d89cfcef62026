package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/loader"
	"tidings/model"
	"tidings/model/state"
)

// MarkStore is what the reader needs of the read-state store.
type MarkStore interface {
	Marks() (map[string]state.Mark, error)
	Apply(changes ...state.Change) uint64
	Events() <-chan state.Event
	Persistent() bool
}

// Options start the reader.
type Options struct {
	Source      loader.Source
	SourceLabel string // said in the title bar: a path, or "bundled samples"
	Config      Config
	// OpenStore opens the read-state store; it runs in a command, off the
	// UI goroutine. The warning, if any, is shown and listed with the load
	// warnings.
	OpenStore func() (MarkStore, string)
	NoColor   bool
	// Now is the clock, replaceable in tests.
	Now func() time.Time
}

type focus int

const (
	focusList focus = iota
	focusReader
)

// Model is the root of the reader.
type Model struct {
	ctx    *Context
	opts   Options
	lib    *model.Library
	mk     *marks
	list   *storyList
	reader *readerPane
	help   help.Model
	filter textinput.Model

	store      MarkStore
	savedSeq   uint64
	appliedSeq uint64
	saveErr    error

	focus      focus
	fullScreen bool
	showHelp   bool
	warnings   *pager // non-nil while the warnings are shown
	view       viewMode
	filtering  bool // the filter line has the keyboard
	query      string
	matches    model.Bitset
	// order is the library's days as article indexes, rebuilt when the
	// library grows.
	order         []dayOrder
	orderArticles int
	index         *model.Index
	indexing      bool

	undo   []triageAction
	status string

	loading     bool
	storeReady  bool           // the saved marks are known
	pending     []loadBatchMsg // pages loaded before that
	touched     bool           // the user has pressed a key or clicked since start
	shownFirst  bool           // the first stories have been laid out
	progress    loader.Progress
	loadCh      chan loadBatchMsg
	lastRebuild time.Time
	cancelLoad  context.CancelFunc

	renderer    *renderer
	cache       *renderCache
	resizeToken int
	ready       bool // a window size has arrived
}

// Messages of the reader's commands.
type (
	storeOpenedMsg struct {
		store MarkStore
		note  string
		marks map[string]state.Mark
		err   error
	}
	loadBatchMsg struct {
		results  []loader.Result
		progress loader.Progress
		done     bool
	}
	storeEventMsg struct{ ev state.Event }
	indexBuiltMsg struct{ index *model.Index }
	resizeDoneMsg struct{ token int }
)

// New builds the reader; nothing is loaded until the program runs it.
func New(opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.SourceLabel = loader.CleanLine(opts.SourceLabel) // a path typed by the user, shown as text
	if opts.Config.SplitMinWidth == 0 {
		opts.Config.SplitMinWidth = DefaultConfig().SplitMinWidth
	}
	ctx := &Context{Keys: DefaultKeyMap(), Config: opts.Config, Dark: true, NoColor: opts.NoColor}
	ctx.Styles = NewStyles(ctx.Dark, ctx.NoColor)
	m := &Model{
		ctx:      ctx,
		opts:     opts,
		lib:      model.NewLibrary(),
		mk:       &marks{},
		help:     help.New(),
		renderer: newRenderer(),
		cache:    newRenderCache(256),
		loading:  true,
	}
	m.list = newStoryList(ctx)
	m.reader = newReaderPane(ctx)
	m.filter = textinput.New()
	m.filter.Prompt = "/"
	m.filter.Placeholder = "filter headline, source and text"
	fs := m.filter.Styles()
	fs.Cursor.Blink = false
	m.filter.SetStyles(fs)
	m.applyTheme()
	return m
}

// Init asks the terminal for its background, opens the store and starts
// loading, all at once. Loaded pages wait until the marks are known, so that
// no story shows as unread first.
func (m *Model) Init() tea.Cmd {
	open := m.opts.OpenStore
	return tea.Batch(tea.RequestBackgroundColor, m.startLoading(), func() tea.Msg {
		if open == nil {
			return storeOpenedMsg{}
		}
		store, note := open()
		marks, err := store.Marks()
		return storeOpenedMsg{store: store, note: note, marks: marks, err: err}
	})
}

// Close stops loading. The store is the caller's to close (it drains the
// queue of marks), after the program has stopped.
func (m *Model) Close() {
	if m.cancelLoad != nil {
		m.cancelLoad()
	}
}

// Library is what has been loaded, for callers and tests.
func (m *Model) Library() *model.Library { return m.lib }

func (m *Model) startLoading() tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	m.cancelLoad = cancel
	ch := make(chan loadBatchMsg, 4)
	m.loadCh = ch
	src := m.opts.Source
	go func() {
		loader.Load(ctx, src, loader.Options{}, func(results []loader.Result, p loader.Progress) {
			select {
			case ch <- loadBatchMsg{results: results, progress: p}:
			case <-ctx.Done():
			}
		})
		close(ch)
	}()
	return waitForBatch(ch)
}

func waitForBatch(ch chan loadBatchMsg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return loadBatchMsg{done: true}
		}
		return msg
	}
}

func waitForStoreEvent(events <-chan state.Event) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-events
		if !ok {
			return nil
		}
		return storeEventMsg{ev}
	}
}

func (m *Model) glamourStyle() string {
	switch {
	case m.ctx.NoColor:
		return "notty"
	case m.ctx.Dark:
		return "dark"
	}
	return "light"
}

func (m *Model) applyTheme() {
	m.ctx.Styles = NewStyles(m.ctx.Dark, m.ctx.NoColor)
	if m.list != nil {
		m.list.forget(nil)
		m.reader.forget(nil)
	}
	m.help.Styles = help.DefaultStyles(m.ctx.Dark)
	if m.ctx.NoColor {
		m.help.Styles = help.Styles{}
	}
}

// Update routes a message to the pane it concerns. It changes state only;
// loading, rendering and saving run in the commands it returns.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.ctx.Dark {
			m.ctx.Dark = dark
			m.applyTheme()
			return m, m.refreshReader(false)
		}
		return m, nil
	case storeOpenedMsg:
		return m, m.storeOpened(msg)
	case loadBatchMsg:
		return m, m.loadBatch(msg)
	case storeEventMsg:
		if msg.ev.Err != nil {
			m.saveErr = msg.ev.Err
		} else if msg.ev.Saved > m.savedSeq {
			m.savedSeq = msg.ev.Saved
			m.saveErr = nil
		}
		return m, waitForStoreEvent(m.store.Events())
	case indexBuiltMsg:
		m.index, m.indexing = msg.index, false
		if m.query != "" {
			m.applyFilter()
		}
		return m, nil
	case renderedMsg:
		return m, m.rendered(msg)
	case resizeDoneMsg:
		if msg.token == m.resizeToken {
			return m, m.refreshReader(false)
		}
		return m, nil
	case tea.MouseWheelMsg:
		return m, m.mouseWheel(msg.Mouse())
	case tea.MouseClickMsg:
		return m, m.mouseClick(msg.Mouse())
	case tea.PasteMsg:
		if m.filtering {
			var cmd tea.Cmd
			m.filter, cmd = m.filter.Update(msg)
			m.filterChanged()
			return m, cmd
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) storeOpened(msg storeOpenedMsg) tea.Cmd {
	m.store = msg.store
	m.mk.stored = msg.marks
	if msg.note != "" {
		m.lib.AddWarning("read state", msg.note)
		m.status = msg.note
	}
	if msg.err != nil {
		m.lib.AddWarning("read state", "could not read the saved marks: "+msg.err.Error())
	}
	m.storeReady = true
	var cmds []tea.Cmd
	if m.store != nil {
		cmds = append(cmds, waitForStoreEvent(m.store.Events()))
	}
	for _, pending := range m.pending {
		cmds = append(cmds, m.applyBatch(pending))
	}
	m.pending = nil
	return tea.Batch(cmds...)
}

// loadBatch takes a batch of loaded pages and waits for the next one.
func (m *Model) loadBatch(msg loadBatchMsg) tea.Cmd {
	var cmd tea.Cmd
	if m.storeReady {
		cmd = m.applyBatch(msg)
	} else {
		m.pending = append(m.pending, msg)
	}
	if msg.done {
		return cmd
	}
	return tea.Batch(cmd, waitForBatch(m.loadCh))
}

// applyBatch adds loaded pages to the library and, after the last one,
// starts building the search index.
func (m *Model) applyBatch(msg loadBatchMsg) tea.Cmd {
	for _, r := range msg.results {
		if r.Err != nil {
			m.lib.AddWarning(r.Path, r.Err.Error())
			continue
		}
		m.lib.Add(r.Dump)
	}
	m.mk.grow(m.lib.Articles)
	if !msg.done {
		m.progress = msg.progress
	}
	first := !m.shownFirst && len(m.lib.Articles) > 0
	if msg.done || first || time.Since(m.lastRebuild) > 150*time.Millisecond {
		m.shownFirst = m.shownFirst || first
		m.rebuild()
	}
	if !msg.done {
		return nil
	}
	m.loading = false
	m.cancelLoad()
	if len(m.lib.Pages) == 0 {
		m.status = fmt.Sprintf("No dumps loaded from %s", m.opts.SourceLabel)
	}
	m.indexing = true
	articles := m.lib.Articles
	cmds := []tea.Cmd{func() tea.Msg { return indexBuiltMsg{model.BuildIndex(articles, 0)} }}
	if m.reader.art == nil && m.split() {
		cmds = append(cmds, m.previewSelected())
	}
	return tea.Batch(cmds...)
}

// rebuild lays the list out again for the view and filter.
func (m *Model) rebuild() {
	m.lastRebuild = time.Now()
	if m.loading {
		m.list.forget(nil) // merging pages may have changed a story's time or source
	}
	if m.order == nil || m.orderArticles != len(m.lib.Articles) || m.loading {
		m.order = orderOf(m.lib.Days())
		m.orderArticles = len(m.lib.Articles)
	}
	read, starred, matches := m.mk.read, m.mk.starred, m.matches
	filtered := m.query != ""
	match := func(i int32) bool {
		// No matches yet (the index is being built) shows nothing rather
		// than everything: never results that are not this query's.
		return !filtered || (int(i)/64 < len(matches) && matches.Has(int(i)))
	}
	var keep func(int32) bool
	switch m.view {
	case viewUnread:
		keep = func(i int32) bool { return !read[i] && match(i) }
	case viewStarred:
		keep = func(i int32) bool { return starred[i] && match(i) }
	default:
		keep = match
	}
	m.list.rebuild(m.order, m.lib.Articles, keep, read)
	if m.loading && !m.touched {
		// Newer stories keep arriving above; until the user moves, stay
		// on the newest rather than follow the first story down.
		m.list.top()
	}
}

// minSplitWidth is the narrowest screen that can hold both panes usefully,
// whatever the settings say.
const minSplitWidth = 60

func (m *Model) split() bool {
	return m.ctx.Width >= max(m.ctx.Config.SplitMinWidth, minSplitWidth) && !m.fullScreen
}

// listWidth is the list's share of a split screen.
func (m *Model) listWidth() int {
	return min(max(40, min(m.ctx.Width*2/5, 90)), m.ctx.Width-21)
}

func (m *Model) resize(w, h int) tea.Cmd {
	oldWidth := m.reader.width
	m.ctx.Width, m.ctx.Height = w, h
	m.ready = true
	m.layout()
	m.help.SetWidth(w)
	m.fitFilter()
	if m.reader.art == nil && m.split() && !m.loading {
		return m.previewSelected() // grown wide enough for the reading pane
	}
	if m.reader.art == nil || m.reader.width == oldWidth {
		return nil
	}
	// Re-render after the size settles, not on every step of a drag;
	// meanwhile the old rendering is shown, fitted line by line as drawn.
	m.resizeToken++
	token := m.resizeToken
	if cached, ok := m.cache.get(m.renderKeyFor(m.reader.art)); ok {
		m.reader.setBody(cached, nil)
	} else {
		m.reader.bodyStale = m.reader.body != nil
	}
	m.reader.compose(m.mk)
	return tea.Tick(120*time.Millisecond, func(time.Time) tea.Msg { return resizeDoneMsg{token} })
}

func (m *Model) layout() {
	bodyHeight := max(1, m.ctx.Height-2) // title and status lines
	if m.split() {
		lw := m.listWidth()
		m.list.SetSize(lw, bodyHeight)
		m.reader.SetSize(m.ctx.Width-lw-1, bodyHeight)
	} else {
		m.list.SetSize(m.ctx.Width, bodyHeight)
		m.reader.SetSize(m.ctx.Width, bodyHeight)
	}
	if m.warnings != nil {
		m.warnings.setHeight(bodyHeight)
	}
}

// refreshReader shows the reader's story from the cache, or asks for it to
// be rendered; preview renders may be skipped when superseded.
func (m *Model) refreshReader(preview bool) tea.Cmd {
	a := m.reader.art
	if a == nil {
		return nil
	}
	key := m.renderKeyFor(a)
	if out, ok := m.cache.get(key); ok {
		m.reader.setBody(out, nil)
		m.reader.compose(m.mk)
		return nil
	}
	m.reader.compose(m.mk)
	return m.renderer.render(key, storyMarkdown(a), preview)
}

func (m *Model) rendered(msg renderedMsg) tea.Cmd {
	if msg.skipped {
		return nil
	}
	if msg.err == nil {
		m.cache.put(msg.key, msg.lines)
	}
	if a := m.reader.art; a != nil && m.renderKeyFor(a) == msg.key {
		m.reader.setBody(msg.lines, msg.err)
		m.reader.compose(m.mk)
	}
	return nil
}

func (m *Model) renderKeyFor(a *model.Article) renderKey {
	return renderKey{id: a.ID, width: m.reader.textWidth(), pane: m.reader.width, style: m.glamourStyle()}
}

// previewSelected shows the story under the list cursor in the reading
// pane of a split screen, without opening it.
func (m *Model) previewSelected() tea.Cmd {
	a := m.list.selected()
	if a == nil || !m.split() || a == m.reader.art || m.focus != focusList {
		return nil // never replace the story being read
	}
	m.reader.preview(a)
	return m.refreshReader(true)
}

// open reads a story: history step, focus on the reader, and (by default)
// a read mark.
func (m *Model) open(a *model.Article) tea.Cmd {
	if a == nil {
		return nil
	}
	m.reader.navigate(a)
	m.focus = focusReader
	m.list.selectArticle(a)
	if m.ctx.Config.MarkReadOnOpen && !m.mk.isRead(a) {
		m.triage("Opened", []markChange{{art: a, from: false, to: true}})
		m.status = ""
	}
	return m.refreshReader(false)
}

// triage applies a set of mark changes as one undoable action.
func (m *Model) triage(label string, changes []markChange) {
	if len(changes) == 0 {
		return
	}
	m.undo = append(m.undo, triageAction{label: label, changes: changes})
	if len(m.undo) > 100 {
		m.undo = m.undo[1:]
	}
	m.applyChanges(changes, false)
	m.status = label
}

func (m *Model) applyChanges(changes []markChange, reverse bool) {
	storeChanges := m.mk.set(changes, reverse, m.opts.Now())
	changed := make(map[*model.Article]bool, len(changes))
	for _, c := range changes {
		changed[c.art] = true
	}
	m.reader.forget(changed)
	for _, c := range changes {
		m.list.forget(c.art)
		if !c.star {
			v := c.to
			if reverse {
				v = c.from
			}
			m.list.noteMark(c.art, v)
		}
	}
	if m.store != nil {
		m.appliedSeq = m.store.Apply(storeChanges...)
	}
	m.reader.compose(m.mk)
}

func (m *Model) toggleRead(a *model.Article) {
	if a == nil {
		return
	}
	read := m.mk.isRead(a)
	label := "Marked read"
	if read {
		label = "Marked unread"
	}
	m.triage(label, []markChange{{art: a, from: read, to: !read}})
}

func (m *Model) toggleStar(a *model.Article) {
	if a == nil {
		return
	}
	on := m.mk.isStarred(a)
	label := "Starred"
	if on {
		label = "Unstarred"
	}
	m.triage(label, []markChange{{art: a, star: true, from: on, to: !on}})
}

// markAllRead marks the stories of the current filter, or else of the day
// under the cursor, read. No question is asked: u undoes it.
func (m *Model) markAllRead() {
	var scope []*model.Article
	what := "in the filter"
	if m.query == "" && m.list.selected() == nil {
		m.status = "No story here to mark read"
		return
	}
	if m.query != "" {
		for _, r := range m.list.rows {
			if r.art != nil {
				scope = append(scope, r.art)
			}
		}
	} else if m.list.cursor < len(m.list.rows) {
		day := m.list.rows[m.list.cursor].day
		what = "of " + dayLabel(day.Date)
		for _, r := range m.list.rows {
			if r.art != nil && r.day == day {
				scope = append(scope, r.art)
			}
		}
	}
	var changes []markChange
	for _, a := range scope {
		if !m.mk.isRead(a) {
			changes = append(changes, markChange{art: a, from: false, to: true})
		}
	}
	if len(changes) == 0 {
		m.status = "Nothing unread " + what
		return
	}
	m.triage(fmt.Sprintf("Marked %d %s read · u undoes", len(changes), plural(len(changes), "story", "stories")), changes)
}

func (m *Model) undoLast() {
	if len(m.undo) == 0 {
		m.status = "Nothing to undo"
		return
	}
	last := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	m.applyChanges(last.changes, true)
	if m.view != viewAll {
		// Undoing can bring stories back into the unread or starred view.
		m.rebuild()
	}
	m.status = fmt.Sprintf("Undone: %s (%d %s)", strings.TrimSuffix(last.label, " · u undoes"), len(last.changes), plural(len(last.changes), "story", "stories"))
}

func dayLabel(date string) string {
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		return t.Format("Mon 2 Jan")
	}
	return "the undated stories"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// jumpUnread moves to the next or previous unread story across days; in
// the reader it opens it.
func (m *Model) jumpUnread(dir int) tea.Cmd {
	i := m.list.findUnread(dir, m.mk)
	if i < 0 {
		if dir > 0 {
			m.status = "No unread story below"
		} else {
			m.status = "No unread story above"
		}
		return nil
	}
	m.list.moveTo(i)
	if m.focus == focusReader {
		return m.open(m.list.selected())
	}
	return m.previewSelected()
}

func (m *Model) cycleView() {
	m.view = (m.view + 1) % 3
	m.rebuild()
	m.status = "Showing " + m.view.String() + " stories"
}

func (m *Model) startFilter() tea.Cmd {
	m.filtering = true
	m.focus = focusList
	if m.fullScreen { // the results need the list on screen
		m.fullScreen = false
		m.layout()
	}
	m.filter.SetValue(m.query)
	m.filter.CursorEnd()
	m.fitFilter()
	return m.filter.Focus()
}

func (m *Model) filterChanged() {
	if q := m.filter.Value(); q != m.query {
		m.query = q
		m.applyFilter()
	}
	m.fitFilter()
}

// matchCount is what the filter line says beside the query.
func (m *Model) matchCount() string {
	return fmt.Sprintf(" %d %s ", m.list.total, plural(m.list.total, "match", "matches"))
}

// fitFilter gives the filter input the width the status line leaves it
// beside the match count; set here, in Update, since View changes nothing.
func (m *Model) fitFilter() {
	m.filter.SetWidth(max(5, m.ctx.Width-ansi.StringWidth(m.matchCount())-4))
}

// applyFilter matches the query. It runs in Update, on purpose: the index
// answers within a millisecond or two, and matching here means the list can
// never show the results of an older query. Until the index is built (while
// loading, and for a few seconds after) scanning every story would freeze
// the screen, so the list waits, saying so, and the filter applies as soon
// as the index arrives.
func (m *Model) applyFilter() {
	if strings.TrimSpace(m.query) == "" {
		m.query = ""
	}
	m.matches = nil
	if m.query != "" && m.index != nil {
		if res := m.index.Search(m.lib.Articles, m.query); res != nil {
			m.matches = res.Set
		}
	}
	m.rebuild()
}

// filterPending is true while a query waits for the index.
func (m *Model) filterPending() bool { return m.query != "" && m.index == nil }

func (m *Model) clearFilter() {
	m.filtering = false
	m.filter.Blur()
	m.filter.SetValue("")
	if m.query != "" {
		m.query = ""
		m.applyFilter()
	}
}
