package ui

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/export"
	"tidings/loader"
	"tidings/model"
)

// The keys that get a story out: pipe it to a command, copy its citation
// or text, save it as Markdown, open its dump in a pager. Reading the
// text, writing the file and running a program all happen in commands;
// Update only starts them and says how they went.

// storyOutMsg is a story's text read for one of those keys.
type storyOutMsg struct {
	purpose outPurpose
	art     *model.Article // a copy, safe to read off the UI
	body    model.Body
	err     error
}

type outPurpose int

const (
	outPipe outPurpose = iota
	outCopy
)

// savedMsg says where a story was saved, or why it was not.
type savedMsg struct {
	path string
	err  error
}

// ranMsg is a program the reader was suspended for, ended.
type ranMsg struct {
	what string // "wc -l", "less"
	err  error
}

// handleOutKey takes the keys that get the story in hand out; ok is false
// for any other key.
func (m *Model) handleOutKey(msg tea.KeyPressMsg, a *model.Article) (cmd tea.Cmd, ok bool) {
	k := &m.ctx.Keys.Out
	if !key.Matches(msg, k.Pipe, k.CopyCitation, k.CopyText, k.Save, k.OpenDump) {
		return nil, false
	}
	if a == nil {
		m.status = "No story here"
		return nil, true
	}
	switch {
	case key.Matches(msg, k.Pipe):
		m.pipe.start(a)
	case key.Matches(msg, k.CopyCitation):
		citation := export.Citation(a)
		m.status = "Copied the citation: " + citation
		return copyToClipboard(citation), true
	case key.Matches(msg, k.CopyText):
		return m.readStory(a, outCopy), true
	case key.Matches(msg, k.Save):
		return m.saveStory(a), true
	case key.Matches(msg, k.OpenDump):
		return m.openDumps(a), true
	}
	return nil, true
}

// copyToClipboard writes text to the terminal's clipboard with OSC 52,
// which a terminal over SSH honours too, and tmux where set-clipboard
// allows it. tea.Raw rather than tea.SetClipboard: the same sequence,
// written by the program, but a message a test can read.
func copyToClipboard(text string) tea.Cmd {
	return tea.Raw(ansi.SetSystemClipboard(text))
}

// readStory reads a story's text in a command, for piping or copying.
func (m *Model) readStory(a *model.Article, purpose outPurpose) tea.Cmd {
	src, art := m.lib.BodyOf(a), *a
	return func() tea.Msg {
		body, err := src.Read()
		return storyOutMsg{purpose: purpose, art: &art, body: body, err: err}
	}
}

func (m *Model) storyOut(msg storyOutMsg) tea.Cmd {
	if msg.err != nil {
		m.status = "Could not read the story: " + loader.CleanLine(msg.err.Error())
		return nil
	}
	text := export.Markdown(msg.art, msg.body)
	switch msg.purpose {
	case outPipe:
		return m.runPipe(text)
	default:
		m.status = fmt.Sprintf("Copied the story's text (%s characters) to the clipboard", commas(len([]rune(text))))
		return copyToClipboard(text)
	}
}

// saveStory writes the story as Markdown into export_dir, off the UI.
func (m *Model) saveStory(a *model.Article) tea.Cmd {
	dir := m.ctx.Config.ExportDir
	if dir == "" {
		m.status = "No folder to save into: set export_dir in config.toml"
		return nil
	}
	src, art := m.lib.BodyOf(a), *a
	m.status = "Saving…"
	return func() tea.Msg {
		body, err := src.Read()
		if err != nil {
			return savedMsg{err: err}
		}
		path, err := export.Save(dir, &art, body)
		return savedMsg{path: path, err: err}
	}
}

func (m *Model) saved(msg savedMsg) {
	if msg.err != nil {
		m.status = "Not saved: " + loader.CleanLine(msg.err.Error())
		return
	}
	// The name first: it is what a narrow status bar keeps; and its end
	// (the -2 of a second save) kept even when a long headline makes it
	// wider than the bar (28: " Saved " and the bar's right side, a
	// warning count included).
	name := elideMiddle(loader.CleanLine(filepath.Base(msg.path)), max(20, m.ctx.Width-28))
	m.status = "Saved " + name + " in " + loader.CleanLine(filepath.Dir(msg.path))
}

// elideMiddle fits s in width cells by putting "…" in place of its middle.
func elideMiddle(s string, width int) string {
	n := ansi.StringWidth(s)
	if n <= width {
		return s
	}
	tail := width / 3
	head := width - tail - 1
	return ansi.Truncate(s, head, "") + "…" + ansi.TruncateLeft(s, n-tail, "")
}

// openDumps shows the files that hold the story in $PAGER (less when it
// is not set), the reader suspended meanwhile. Files of the bundled
// samples are not on disk: their text is read in the command and handed
// to the pager on its input.
func (m *Model) openDumps(a *model.Article) tea.Cmd {
	var paths []string
	for _, p := range a.Pages() {
		paths = append(paths, p.Path)
	}
	pager := strings.TrimSpace(os.Getenv("PAGER"))
	if pager == "" {
		pager = "less"
	}
	name, _, _ := strings.Cut(pager, " ")
	run := &programRun{what: name, shellLine: pager + ` "$@"`}
	fsys := m.opts.Source.FS
	if fsys == nil {
		for _, p := range paths {
			if strings.HasPrefix(p, "-") {
				p = "./" + p // a file's name, never an option of the pager
			}
			run.args = append(run.args, p)
		}
		return m.exec(run)
	}
	return func() tea.Msg {
		var text strings.Builder
		for _, p := range paths {
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return ranMsg{what: name, err: err}
			}
			fmt.Fprintf(&text, "==> %s (bundled) <==\n%s\n", p, data)
		}
		run.stdin = text.String()
		return execNow{run}
	}
}

// execNow asks Update to suspend the reader for a program whose input a
// command prepared.
type execNow struct{ run *programRun }

// exec suspends the reader for run (Options.Exec in tests), and reports
// how it ended.
func (m *Model) exec(run *programRun) tea.Cmd {
	do := m.opts.Exec
	if do == nil {
		do = tea.Exec
	}
	return do(run, func(err error) tea.Msg { return ranMsg{what: run.what, err: err} })
}

func (m *Model) ran(msg ranMsg) {
	// How it ended first: the command may be long.
	m.status = exitText(msg.err) + " · " + loader.CleanLine(msg.what)
}
