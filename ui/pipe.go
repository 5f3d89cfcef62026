package ui

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/loader"
	"tidings/model"
)

// pipePrompt is the line where the command a story is piped to is typed,
// as mutt's and newsboat's |: the story as Markdown on its input, the
// reader suspended while it runs.
type pipePrompt struct {
	input  textinput.Model
	active bool
	art    *model.Article
	last   string // the command piped to last, offered again
}

func newPipePrompt() pipePrompt {
	return pipePrompt{input: newLineInput("| ", "a shell command: the story goes to its input")}
}

func (p *pipePrompt) start(a *model.Article) {
	p.active, p.art = true, a
	p.input.SetValue(p.last)
	p.input.CursorEnd()
	p.input.Focus()
}

func (p *pipePrompt) stop() {
	p.active, p.art = false, nil
	p.input.Blur()
}

// pipeKey takes every key while the prompt is open: enter runs the
// command, esc cancels.
func (m *Model) pipeKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys
	switch {
	case key.Matches(msg, k.Global.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Filter.Cancel):
		m.pipe.stop()
		m.status = "Not piped"
	case key.Matches(msg, k.Filter.Apply):
		command := strings.TrimSpace(m.pipe.input.Value())
		a := m.pipe.art
		m.pipe.stop()
		if command == "" {
			m.status = "Not piped: no command"
			return nil
		}
		m.pipe.last = command
		return m.readStory(a, outPipe)
	default:
		var cmd tea.Cmd
		m.pipe.input, cmd = m.pipe.input.Update(msg)
		dropUnsafeRunes(&m.pipe.input)
		return cmd
	}
	return nil
}

func (m *Model) pipeLine(width int) string {
	// A line input without a width shows one character of its hint.
	in := m.pipe.input
	in.SetWidth(max(5, width-ansi.StringWidth(in.Prompt)-1))
	line := in.View()
	return fitLine(line+strings.Repeat(" ", max(0, width-cellWidth(line))), width)
}

// runPipe suspends the reader for the command, the story on its input.
func (m *Model) runPipe(story string) tea.Cmd {
	return m.exec(&programRun{what: m.pipe.last, shellLine: m.pipe.last, stdin: story, wait: true})
}

// programRun is a program run in the terminal while the reader is
// suspended: a shell line, with args as "$@", and text for its input
// (else the terminal's). With wait, it says how the program ended and
// waits for enter, so that what it printed can be read before the
// reader's screen comes back.
type programRun struct {
	what      string
	shellLine string
	args      []string
	stdin     string
	wait      bool

	term           io.Reader
	stdout, stderr io.Writer
}

func (r *programRun) SetStdin(in io.Reader)   { r.term = in }
func (r *programRun) SetStdout(out io.Writer) { r.stdout = out }
func (r *programRun) SetStderr(out io.Writer) { r.stderr = out }

func (r *programRun) Run() error {
	cmd := exec.Command("/bin/sh", append([]string{"-c", r.shellLine, "tidings"}, r.args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = r.term, r.stdout, r.stderr
	if r.stdin != "" {
		cmd.Stdin = strings.NewReader(r.stdin)
	}
	err := cmd.Run()
	if r.wait && r.stdout != nil {
		fmt.Fprintf(r.stdout, "\n[tidings] %s: %s. Press enter to go back to tidings.", loader.CleanLine(r.what), exitText(err))
		if r.term != nil {
			bufio.NewReader(r.term).ReadString('\n')
		}
	}
	return err
}

// exitText is how a program ended: "exit status 0", "exit status 1",
// "signal: killed", or why it could not start.
func exitText(err error) string {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return "exit status 0"
	case errors.As(err, &exit):
		return exit.String()
	}
	return loader.CleanLine(err.Error())
}
