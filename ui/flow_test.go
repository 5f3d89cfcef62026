package ui

import (
	"bytes"
	"encoding/base64"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"tidings/export"
	"tidings/loader"
	"tidings/samples"
	"tidings/state"
)

// TestFlowStartToQuit runs the real program on the bundled samples: the
// screen comes up, a story is opened and starred, q goes back to the list
// and q again quits, and the marks are in the store it was given.
func TestFlowStartToQuit(t *testing.T) {
	store := state.NewMemory("")
	defer store.Close()
	m := New(Options{
		Source:      loader.Source{FS: samples.FS, Root: "dumps"},
		SourceLabel: "bundled samples",
		Config:      DefaultConfig(),
		OpenStore:   func() (MarkStore, string) { return store, "" },
		NoColor:     true,
	})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
		return bytes.Contains(out, []byte("unread / "))
	}, teatest.WithDuration(20*time.Second))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Type("s")
	tm.Type("q") // back to the list
	tm.Type("q") // and from the list, quit
	final := tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second)).(*Model)
	opened := final.reader.story()
	if opened == nil {
		t.Fatal("enter opened no story")
	}
	if err := store.Flush(); err != nil {
		t.Fatal(err)
	}
	marks, err := store.Marks()
	if err != nil {
		t.Fatal(err)
	}
	if mk := marks[opened.ID]; !mk.Read || !mk.Starred {
		t.Fatalf("after opening and starring %q the store has %+v", opened.Headline, mk)
	}
}

// TestClipboardSequenceReachesTheTerminal runs the real program: y writes
// the citation to the terminal as an OSC 52 sequence, byte for byte.
func TestClipboardSequenceReachesTheTerminal(t *testing.T) {
	store := state.NewMemory("")
	defer store.Close()
	m := New(Options{
		Source:    loader.Source{FS: samples.FS, Root: "dumps"},
		Config:    DefaultConfig(),
		OpenStore: func() (MarkStore, string) { return store, "" },
		NoColor:   true,
	})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
		return bytes.Contains(out, []byte("unread / "))
	}, teatest.WithDuration(20*time.Second))
	tm.Type("y")
	var written []byte
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
		written = out // all that was read so far
		i := bytes.Index(out, []byte("\x1b]52;"))
		return i >= 0 && bytes.IndexByte(out[i:], '\a') >= 0
	}, teatest.WithDuration(20*time.Second))
	tm.Type("Q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second)).(*Model)
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(export.Citation(final.list.selected()))) + "\a"
	if !bytes.Contains(written, []byte(want)) {
		t.Fatalf("the terminal got %q, want %q in it", written, want)
	}
}
