package ui

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/export"
	"tidings/loader"
)

// ranProgram is what a program the reader was suspended for printed, and
// how it ended.
type ranProgram struct {
	out string
	err error
}

// withPrograms runs the programs the reader would suspend for without a
// terminal: enter typed at the prompt after it, its output kept.
func withPrograms(ran chan<- ranProgram) func(*Options) {
	return func(o *Options) {
		o.Exec = func(c tea.ExecCommand, fn tea.ExecCallback) tea.Cmd {
			return func() tea.Msg {
				var out bytes.Buffer
				c.SetStdin(strings.NewReader("\n"))
				c.SetStdout(&out)
				c.SetStderr(&out)
				err := c.Run()
				ran <- ranProgram{out.String(), err}
				return fn(err)
			}
		}
	}
}

// ranOne waits, processing messages, for a program to have run.
func (d *driver) ranOne(ran <-chan ranProgram) ranProgram {
	d.t.Helper()
	var r ranProgram
	got := false
	d.until("a program ran", func() bool {
		if !got {
			select {
			case r = <-ran:
				got = true
			default:
			}
		}
		return got
	})
	return r
}

func statusLine(d *driver) string {
	lines := strings.Split(d.screen(), "\n")
	return lines[len(lines)-1]
}

// y and Y write the citation and the text to the clipboard with OSC 52,
// and say so; in the list and in the reading pane alike.
func TestCopyToTheClipboard(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		d := newDriver(t, size[0], size[1])
		a := d.m.list.selected()
		d.keys("y")
		d.until("the citation is copied", func() bool { return len(d.raw) == 1 })
		want := ansi.SetSystemClipboard(export.Citation(a))
		if len(d.raw) != 1 || d.raw[0] != want || !strings.HasPrefix(want, "\x1b]52;c;") {
			t.Fatalf("%v: written to the terminal %q, want %q", size, d.raw, want)
		}
		if !strings.Contains(statusLine(d), "Copied the citation: “"+a.Headline) {
			t.Errorf("%v: status %q", size, statusLine(d))
		}
		d.keys("enter", "Y")
		d.until("the text is copied", func() bool { return len(d.raw) == 2 })
		seq := d.raw[1]
		payload, ok := strings.CutPrefix(seq, "\x1b]52;c;")
		payload, ok2 := strings.CutSuffix(payload, "\x07")
		text, err := base64.StdEncoding.DecodeString(payload)
		if !ok || !ok2 || err != nil {
			t.Fatalf("%v: not an OSC 52 sequence: %q (%v)", size, seq, err)
		}
		if !strings.HasPrefix(string(text), "# "+a.Headline+"\n\n") || len(text) < 200 {
			t.Errorf("%v: copied text:\n%s", size, text)
		}
		d.until("the copy is said", func() bool { return strings.Contains(statusLine(d), "Copied the story's text (") })
	}
}

// | asks for a command, runs it with the story as Markdown on its input,
// and says how it ended; esc at the prompt pipes nothing, and the last
// command is offered again.
func TestPipeTheStory(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		ran := make(chan ranProgram, 4)
		d := newDriver(t, size[0], size[1], withPrograms(ran))
		a := d.m.list.selected()
		out := filepath.Join(t.TempDir(), "piped.md")
		d.keys("|")
		if !strings.HasPrefix(statusLine(d), "| a shell command: the story goes to its input") {
			t.Fatalf("%v: no prompt, or its hint cut: %q", size, statusLine(d))
		}
		d.typeText("cat > " + out + "; exit 3")
		d.keys("enter")
		d.until("the command ran", func() bool { return strings.Contains(statusLine(d), "exit status 3 · cat > ") })
		r := d.ranOne(ran)
		if !strings.Contains(r.out, "exit status 3. Press enter to go back to tidings.") {
			t.Errorf("%v: after the command the terminal showed %q", size, r.out)
		}
		data, err := os.ReadFile(out)
		if err != nil || !strings.HasPrefix(string(data), "# "+a.Headline+"\n\n*") {
			t.Errorf("%v: piped %q (%v)", size, data, err)
		}
		d.keys("|")
		if !strings.Contains(statusLine(d), "cat > "+out) {
			t.Errorf("%v: the last command is not offered again: %q", size, statusLine(d))
		}
		d.keys("esc")
		if !strings.Contains(statusLine(d), "Not piped") || len(ran) != 0 {
			t.Errorf("%v: esc: %q", size, statusLine(d))
		}
		// A command that does not exist is said by the shell, and its
		// status shows.
		d.keys("|")
		d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // the offered command cleared
		d.typeText("no-such-command-here")
		d.keys("enter")
		d.until("the failure is said", func() bool { return strings.Contains(statusLine(d), "exit status 127 · no-such-command-here") })
		d.ranOne(ran)
	}
}

// e saves the story as Markdown into export_dir, never over a file: a
// second save is NAME-2.md.
func TestSaveTheStory(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		dir := filepath.Join(t.TempDir(), "exports")
		d := newDriver(t, size[0], size[1], func(o *Options) { o.Config.ExportDir = dir })
		a := d.m.list.selected()
		d.keys("e")
		first := filepath.Join(dir, export.FileName(a))
		d.until("saved", func() bool { return strings.Contains(d.screen(), "Saved "+filepath.Base(first)) })
		d.keys("enter", "e")
		second := strings.TrimSuffix(first, ".md") + "-2.md"
		d.until("saved again", func() bool { return strings.Contains(d.screen(), "-2.md") })
		for _, p := range []string{first, second} {
			data, err := os.ReadFile(p)
			if err != nil || !strings.HasPrefix(string(data), "# "+a.Headline) {
				t.Errorf("%v: %s: %q (%v)", size, p, data, err)
			}
		}
	}
	d := newDriver(t, 80, 24, func(o *Options) { o.Config.ExportDir = "" })
	d.keys("e")
	if !strings.Contains(statusLine(d), "set export_dir in config.toml") {
		t.Errorf("without an export_dir: %q", statusLine(d))
	}
}

// A headline long enough to make the file's name wider than an 80-column
// status bar still shows the end of the name: the -2 that tells a second
// save from the first.
func TestSaveSaysTheEndOfALongName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "exports")
	d := newDriver(t, 80, 24, func(o *Options) { o.Config.ExportDir = dir })
	d.keys("/")
	d.typeText("lantern workshop forty")
	d.keys("enter")
	a := d.m.list.selected()
	name := export.FileName(a)
	if len(name) < 60 {
		t.Fatalf("the story %q makes too short a name to test with: %s", a.Headline, name)
	}
	d.keys("e")
	d.until("saved", func() bool { return strings.Contains(statusLine(d), "Saved 2025-03-03-lantern") })
	d.keys("e")
	d.until("saved again", func() bool { return strings.Contains(statusLine(d), "-2.md") })
	if _, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(name, ".md")+"-2.md")); err != nil {
		t.Fatal(err)
	}
}

// E shows the dumps that hold the story in $PAGER: files on disk by their
// path, the bundled samples' text on the pager's input.
func TestOpenTheDumpInThePager(t *testing.T) {
	t.Setenv("PAGER", "cat")
	ran := make(chan ranProgram, 2)
	d := newDriver(t, 80, 24, withPrograms(ran))
	a := d.m.list.selected()
	d.keys("E")
	r := d.ranOne(ran)
	d.until("the pager's end is said", func() bool { return strings.Contains(statusLine(d), "exit status 0 · cat") })
	if !strings.Contains(r.out, "==> "+a.Pages()[0].Path+" (bundled) <==") || !strings.Contains(r.out, a.Headline) {
		t.Errorf("the pager showed:\n%.400s", r.out)
	}

	dir := filepath.Join(t.TempDir(), "2025-03-04")
	os.MkdirAll(dir, 0o755)
	dump := filepath.Join(dir, "pilots.txt")
	text := "Harbour pilots vote to strike\nPORTMERE, March 4 (Esker Wire) - Pilots voted on Monday.\n"
	os.WriteFile(dump, []byte(text), 0o644)
	t.Setenv("PAGER", "printf '%s\\n'") // the pager's words: its arguments are the files
	d = newDriver(t, 200, 50, withPrograms(ran), func(o *Options) { o.Source = loader.Source{Paths: []string{dir}} })
	d.keys("enter", "E")
	r = d.ranOne(ran)
	if r.err != nil || strings.TrimSpace(r.out) != dump {
		t.Errorf("the pager was given %q (%v), want %s", r.out, r.err, dump)
	}
	d.until("said", func() bool { return strings.Contains(statusLine(d), "exit status 0 · printf") })
}
