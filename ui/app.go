package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"tidings/cache"
	"tidings/loader"
	"tidings/model"
	"tidings/state"
)

// MarkStore is what the reader needs of the read-state store.
type MarkStore interface {
	Marks() (map[string]state.Mark, error)
	Labels() (map[string][]string, error)
	Apply(changes ...state.Change) uint64
	Events() <-chan state.Event
	Persistent() bool
	// Position and SavePosition keep where the reader was, per set of
	// folders (resume.go).
	Position(folders string) (state.Position, bool, error)
	SavePosition(folders string, p state.Position)
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
	// LightHint says the background is light when the terminal will not
	// say (COLORFGBG); the terminal's own answer wins when it comes.
	LightHint bool
	// Watch follows the opened folders for new and changed dumps.
	Watch bool
	// WatchNotifier replaces the file system's notifications, for tests
	// that make them fail; nil uses fsnotify.
	WatchNotifier func() (loader.Notifier, error)
	// Cache is where what was parsed is kept between runs; its zero
	// value keeps nothing.
	Cache cache.Cache
	// Now is the clock, replaceable in tests.
	Now func() time.Time
	// Exec suspends the reader for a program (a pipe, the pager); nil is
	// tea.Exec. Tests run the program without a terminal.
	Exec func(tea.ExecCommand, tea.ExecCallback) tea.Cmd
}

// Model is the root of the reader. It owns the library and the marks,
// routes messages to the panes, and does what spans them: opening stories,
// triage, the filter. Each group of fields is one concern, defined in the
// file named after it.
type Model struct {
	ctx  *Context
	opts Options
	lib  *model.Library
	mk   *marks

	list     *storyList
	reader   *readerPane
	filter   *filterBar
	overlays overlays
	pipe     pipePrompt // getout.go, pipe.go

	ld        loading      // load.go
	store     storeSync    // load.go
	search    searchIndex  // background.go
	layout    screenLayout // layout.go
	rendering renderState  // reading.go
	watch     watching     // watch.go
	changes   changing     // changes.go
	undo      []triageAction
	status    string      // the last message, until the next key
	sort      model.Order // the list's order (order.go)
	resume    resuming    // resume.go
	prompt    labelPrompt // labelprompt.go
}

// statusMsg is a message for the status bar from a pane.
type statusMsg string

// say is a command that puts a message in the status bar.
func say(s string) tea.Cmd { return func() tea.Msg { return statusMsg(s) } }

// New builds the reader; nothing is loaded until the program runs it.
func New(opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.SourceLabel = loader.CleanLine(opts.SourceLabel) // a path typed by the user, shown as text
	if opts.Config.SplitMinWidth == 0 {
		opts.Config.SplitMinWidth = DefaultConfig().SplitMinWidth
	}
	theme := opts.Config.Theme
	// A style file is read here, before the program runs, bounded as a
	// dump is; on any error the default style is used and said under w.
	var themeJSON []byte
	var themeProblem error
	if strings.HasSuffix(opts.Config.Theme, ".json") {
		if themeJSON, themeProblem = loadTheme(opts.Config.Theme); themeProblem != nil {
			opts.Config.Theme = themeAuto
		}
	}
	ctx := &Context{Keys: DefaultKeyMap(), Config: opts.Config, Dark: !opts.LightHint, NoColor: opts.NoColor}
	if dark, fixed := themeIsDark(opts.Config.Theme); fixed {
		ctx.Dark = dark
	}
	mk := &marks{}
	m := &Model{
		ctx:       ctx,
		opts:      opts,
		lib:       model.NewLibrary(),
		mk:        mk,
		list:      newStoryList(ctx, mk),
		reader:    newReaderPane(ctx, mk),
		filter:    newFilterBar(ctx),
		overlays:  overlays{help: help.New()},
		pipe:      newPipePrompt(),
		ld:        loading{active: true},
		rendering: renderState{worker: newRenderer(themeJSON), cache: newRenderCache(256)},
		sort:      opts.Config.Sort,
	}
	if themeProblem != nil {
		m.lib.AddWarning(loader.CleanLine(theme), themeProblem.Error()+" (using the default style)")
	}
	m.reader.tagOf = func(l model.Link) string { return m.lib.TagOf(l) }
	if problem := CheckTheme(opts.Config.Theme); problem != "" {
		m.lib.AddWarning("settings", problem)
	}
	for _, problem := range CheckColors(opts.Config.Colors) {
		m.lib.AddWarning("settings", problem)
	}
	for _, p := range ctx.Keys.Rebind(opts.Config.Keys).Refused {
		m.lib.AddWarning("settings", "[keys] "+p.Text)
	}
	m.applyTheme()
	return m
}

// Init asks the terminal for its background, opens the store and starts
// loading, all at once. Loaded pages wait until the marks are known, so that
// no story shows as unread first.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.startLoading(), m.openStore())
}

// Close stops every goroutine New and Init started: the loader and the
// renderer. The store is the caller's to close (it drains the queue of
// marks), after the program has stopped.
func (m *Model) Close() {
	if m.ld.cancel != nil {
		m.ld.cancel()
	}
	if m.watch.cancel != nil {
		m.watch.cancel()
	}
	if m.ld.checkCancel != nil {
		m.ld.checkCancel()
	}
	if m.ld.walk != nil {
		m.ld.walk.drop() // a walk waiting for the check stops
	}
	m.ld.endPeakHold()
	m.rendering.worker.close()
	m.search.similar.Close()
	if m.search.stream != nil {
		m.search.stream.Stop() // a load given up
	}
	m.coldDone()
}

// Library is what has been loaded, for callers and tests.
func (m *Model) Library() *model.Library { return m.lib }

// Update routes a message to the pane it concerns. It changes state only;
// loading, rendering and saving run in the commands it returns.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.list.prepare()
	m.savePosition()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if _, fixed := themeIsDark(m.ctx.Config.Theme); fixed {
			return nil // the settings chose
		}
		if dark := msg.IsDark(); dark != m.ctx.Dark {
			m.ctx.Dark = dark
			m.applyTheme()
			return m.refreshReader(false)
		}
	case storeOpenedMsg:
		return m.storeOpened(msg)
	case loadBatchMsg:
		return m.loadBatch(msg)
	case storeEventMsg:
		return m.storeEvent(msg.ev)
	case readerDoneMsg:
		return m.readerDone(msg)
	case facetsMadeMsg:
		m.facetsMade(msg)
		return nil
	case indexBuiltMsg:
		return tea.Batch(m.indexBuilt(msg.index), m.writeCache())
	case similarTextsMsg:
		return m.similarTexts(msg)
	case similarityBuiltMsg:
		return m.similarityBuilt(msg)
	case linksWrittenMsg:
		return m.linksWritten(msg)
	case streamBuiltMsg:
		return m.streamBuilt(msg)
	case cacheWrittenMsg:
		m.cacheWritten(msg)
	case similarFoundMsg:
		m.similarFound(msg)
	case phraseCheckedMsg:
		if m.filter.phraseChecked(msg) {
			m.rebuild()
		}
	case watchChangeMsg:
		return m.watchChanged(msg.change)
	case changesReadMsg:
		return m.changesRead(msg)
	case checkedMsg:
		return m.checked(msg)
	case checkSlowMsg:
		m.ld.checkSaid = m.ld.checking
	case renderedMsg:
		m.rendered(msg)
	case resizeDoneMsg:
		if msg.token == m.layout.resizeToken {
			return m.refreshReader(false)
		}
	case linkOpenedMsg:
		if msg.err != nil {
			m.status = "Could not open the link: " + loader.CleanLine(msg.err.Error())
		}
	case statusMsg:
		m.status = string(msg)
	case storyOutMsg:
		return m.storyOut(msg)
	case savedMsg:
		m.saved(msg)
	case execNow:
		return m.exec(msg.run)
	case ranMsg:
		m.ran(msg)
	case tea.MouseWheelMsg:
		return m.mouseWheel(msg.Mouse())
	case tea.MouseClickMsg:
		return m.mouseClick(msg.Mouse())
	case tea.PasteMsg:
		if m.filter.active {
			return tea.Batch(m.filter.update(msg), m.filterChanged())
		}
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	return nil
}
