// Command tidings reads news clipping dumps in the terminal. With no
// subcommand it opens the reader; the subcommands serve scripts.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"tidings/loader"
)

func main() {
	// Nothing reads a heap profile of the program, and sampling one costs
	// a warm reader 1.4 MiB of buckets at 100,000 dumps. Tests keep it.
	runtime.MemProfileRate = 0
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run builds the command line (commands.go), runs the command the words
// name and returns the exit status: 0 when it did its work, 1 when it
// could not (no dump loaded, a write failed), 2 for a usage error. Tests
// pass program options for a reader in a terminal of their own.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, term ...tea.ProgramOption) int {
	out := &checkedWriter{w: stdout}
	a := &app{args: args, stdin: stdin, stdout: out, stderr: stderr, out: out, term: term}
	root := a.commands()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(out)
	root.SetErr(stderr)
	cmd, err := root.ExecuteC()
	if err != nil {
		a.status = usageFailed(cmd, err, stderr)
	}
	return a.finish(cmd)
}

// app is what the commands share: the streams, and the status the command
// that ran set.
type app struct {
	args           []string
	stdin          io.Reader
	stdout, stderr io.Writer
	out            *checkedWriter // stdout
	term           []tea.ProgramOption
	status         int
}

// flushOutput writes what the command printed so far.
func (a *app) flushOutput() { a.out.flush() }

// finish checks that everything written reached stdout. A closed pipe
// (`tidings list | head`) is the reader of the output saying it has seen
// enough, and is not reported; any other failure (a full disk) would
// leave a partial output looking whole, so it is said and fails.
func (a *app) finish(cmd *cobra.Command) int {
	err := a.out.flush()
	switch {
	case err == nil:
		return a.status
	case isClosedPipe(err):
		return max(a.status, 1)
	}
	name := "tidings"
	if cmd != nil {
		name = cmd.CommandPath()
	}
	fmt.Fprintf(a.stderr, "%s: writing the output: %s\n", name, loader.CleanLine(err.Error()))
	return max(a.status, 1)
}

// usageError is a command line that does not fit the command: the message
// and the command's usage go to stderr, and the status is 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// flagError is a flag pflag refused, with a hint when the words hold a
// long flag of cmd written with one dash, as the flag package took them
// before: pflag reads -json as -j -s -o -n.
func (a *app) flagError(cmd *cobra.Command, err error) error {
	for _, word := range a.args {
		if word == "--" {
			break
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(word, "-"), "=")
		if strings.HasPrefix(word, "-") && !strings.HasPrefix(word, "--") && len(name) > 1 && cmd.Flags().Lookup(name) != nil {
			return usagef("%v (long flags take two dashes: --%s)", err, name)
		}
	}
	return usageError{err.Error()}
}

// usageFailed reports what cobra or a command found wrong with the words
// (an unknown flag, a missing argument), with cmd's usage, and returns 2.
// Messages are cleaned: they quote the words, which may be file names
// holding escape sequences (`tidings inspect *`).
func usageFailed(cmd *cobra.Command, err error, stderr io.Writer) int {
	if cmd == nil {
		fmt.Fprintf(stderr, "tidings: %s\n", loader.CleanLine(err.Error()))
		return 2
	}
	var ue usageError
	if !errors.As(err, &ue) || ue.msg != "" {
		fmt.Fprintf(stderr, "%s: %s\n", cmd.CommandPath(), loader.CleanLine(err.Error()))
	}
	writeUsage(stderr, cmd)
	return 2
}
