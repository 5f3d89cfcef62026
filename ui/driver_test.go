package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/loader"
	"tidings/model/state"
	"tidings/samples"
)

// driver runs the model as the program would, without a terminal: commands
// run in goroutines, their messages come back to Update on the test's
// goroutine. Tests wait for a condition, never for a length of time.
type driver struct {
	t     testing.TB
	m     *Model
	msgs  chan tea.Msg
	store *state.Store
}

func newDriver(t testing.TB, w, h int, opts ...func(*Options)) *driver {
	t.Helper()
	d := startDriver(t, w, h, opts...)
	t.Cleanup(func() { d.store.Close() })
	t.Cleanup(d.m.Close)
	return d
}

// startDriver is newDriver without clean-up, for benchmarks that share one
// loaded model.
func startDriver(t testing.TB, w, h int, opts ...func(*Options)) *driver {
	store := state.NewMemory("")
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
	d := &driver{t: t, m: New(o), msgs: make(chan tea.Msg, 64), store: store}
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.until("loaded", func() bool { return !d.m.loading && !d.m.indexing })
	d.settleReader()
	return d
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
	default:
		d.send(msg)
	}
}

// until processes messages until cond holds.
func (d *driver) until(what string, cond func() bool) {
	d.t.Helper()
	deadline := time.After(5 * time.Minute)
	for !cond() {
		select {
		case msg := <-d.msgs:
			d.process(msg)
		case <-deadline:
			d.t.Fatalf("timed out waiting until %s; screen:\n%s", what, d.screen())
		}
	}
}

// settleReader waits for the reader's story, if any, to be rendered.
func (d *driver) settleReader() {
	d.t.Helper()
	d.until("the story is rendered", func() bool { return d.m.reader.art == nil || d.m.reader.body != nil || d.m.reader.bodyErr != nil })
}

// keys types keys: single characters, or names such as "enter" and "tab".
func (d *driver) keys(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyPress(k))
		d.settleReader()
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
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is what a person would see, styling stripped.
func (d *driver) screen() string {
	return ansi.Strip(d.m.View().Content)
}

func (d *driver) requireScreenContains(parts ...string) {
	d.t.Helper()
	s := d.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			d.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}
