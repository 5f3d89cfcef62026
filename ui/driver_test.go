package ui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/internal/testkit"
	"tidings/loader"
	"tidings/samples"
	"tidings/state"
)

// driver runs the model as the program would, without a terminal: commands
// run in goroutines, their messages come back to Update on the test's
// goroutine. Tests wait for a condition, never for a length of time, and
// read what a person would: the screen.
type driver struct {
	t     testing.TB
	m     *Model
	msgs  chan tea.Msg
	store *state.Store
	limit time.Duration // how long a condition may take
	// raw is what commands wrote to the terminal as it is (tea.Raw): the
	// clipboard's sequences.
	raw []string
}

// waitLimit is how long a condition may take before the test fails: the
// samples load and render in well under a second, but a machine shared
// with other work can stall a render or a mark's fsync for seconds, and
// the limit is there to catch a hang, not to time anything.
const waitLimit = testkit.Hang

func newDriver(t testing.TB, w, h int, opts ...func(*Options)) *driver {
	t.Helper()
	d := startDriver(t, w, h, opts...)
	t.Cleanup(func() { d.store.Close() })
	t.Cleanup(d.m.Close)
	return d
}

// startDriver is newDriver without clean-up, for benchmarks that share one
// loaded model. The marks go to a real state file in a temporary folder.
func startDriver(t testing.TB, w, h int, opts ...func(*Options)) *driver {
	t.Helper()
	store, err := state.Open(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{
		Source:      loader.Source{FS: samples.FS, Root: "dumps"},
		SourceLabel: "bundled samples",
		Config:      DefaultConfig(),
		OpenStore:   func() (MarkStore, string) { return store, "" },
		NoColor:     true,
		Now:         func() time.Time { return time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC) },
	}
	for _, f := range opts {
		f(&o)
	}
	d := &driver{t: t, m: New(o), msgs: make(chan tea.Msg, 64), store: store, limit: waitLimit}
	if _, ok := t.(*testing.B); ok {
		d.limit = 10 * time.Minute // benchmarks load 100,000 dumps and index them twice
	}
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.waitLoaded()
	d.settle()
	return d
}

// waitLoaded waits until the title line no longer says it is loading or
// indexing, what the start's check found is in the library, and no
// command reads the library: changes (the check's, or those a test sends)
// wait while one does, so a test that sends a change and looks at once
// would otherwise race the start's last commands (the facets, the cache).
func (d *driver) waitLoaded() {
	d.t.Helper()
	d.until("loaded", func() bool {
		title, _, _ := strings.Cut(d.screen(), "\n")
		return !strings.Contains(title, "Loading") && !strings.Contains(title, "indexing") && !d.m.ld.checking &&
			len(d.m.changes.pending) == 0 && d.m.search.readers == 0 &&
			(d.m.search.similar != nil || len(d.m.lib.Articles) == 0)
	})
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() { d.msgs <- cmd() }()
}

func (d *driver) send(msg tea.Msg) {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

func (d *driver) process(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case tea.RawMsg:
		d.raw = append(d.raw, fmt.Sprint(msg.Msg))
	default:
		d.send(msg)
	}
}

// until processes messages until cond holds.
func (d *driver) until(what string, cond func() bool) {
	d.t.Helper()
	limit := d.limit
	if limit == 0 {
		limit = waitLimit
	}
	deadline := time.After(limit)
	for !cond() {
		select {
		case msg := <-d.msgs:
			d.process(msg)
		case <-deadline:
			d.t.Fatalf("timed out waiting until %s; screen:\n%s", what, d.screen())
		}
	}
}

// settle waits for the story on screen to be rendered and for the marks to
// be saved, so that what is on screen no longer depends on timing.
func (d *driver) settle() {
	d.t.Helper()
	d.until("the story is rendered, its similar stories found and the marks saved", func() bool {
		return !d.m.reader.rendering() && d.m.reader.similarState != similarFinding &&
			!strings.Contains(d.screen(), "saving…")
	})
}

// keys types keys: single characters, or names such as "enter" and "tab".
func (d *driver) keys(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyPress(k))
		d.settle()
	}
}

func (d *driver) typeText(s string) {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is what a person would see, styling stripped.
func (d *driver) screen() string {
	return ansi.Strip(d.m.View().Content)
}

// frame is the screen with its styling: reverse, bold, underline and faint
// show the cursor, the focus and the read rows even without colour.
func (d *driver) frame() string { return d.m.View().Content }

func (d *driver) requireScreenContains(parts ...string) {
	d.t.Helper()
	s := d.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			d.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

var (
	unreadCount = regexp.MustCompile(` ([\d,]+)/([\d,]+) unread`)
	matchCount  = regexp.MustCompile(` ([\d,]+) match(es)? *$`)
)

// shown reads the status line: how many stories the list shows, and how
// many of them are unread (-1 while the filter line hides that).
func (d *driver) shown() (total, unread int) {
	d.t.Helper()
	lines := strings.Split(d.screen(), "\n")
	status := lines[len(lines)-1]
	if m := unreadCount.FindStringSubmatch(status); m != nil {
		unread, _ = strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
		total, _ = strconv.Atoi(strings.ReplaceAll(m[2], ",", ""))
		return total, unread
	}
	if m := matchCount.FindStringSubmatch(status); m != nil {
		total, _ = strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
		return total, -1
	}
	d.t.Fatalf("no counts in the status line %q", status)
	return 0, 0
}

var dayHeading = regexp.MustCompile(`^(\S+ \d+ \S+ \d{4}|Undated) · ([\d,]+) unread / ([\d,]+)`)

// firstDay reads the first day heading on screen: its label and unread
// count.
func (d *driver) firstDay() (label string, unread int) {
	d.t.Helper()
	for _, l := range strings.Split(d.screen(), "\n") {
		if m := dayHeading.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			unread, _ = strconv.Atoi(strings.ReplaceAll(m[2], ",", ""))
			return m[1], unread
		}
	}
	d.t.Fatalf("no day heading on screen:\n%s", d.screen())
	return "", 0
}
