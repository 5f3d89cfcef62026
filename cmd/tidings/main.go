// Command tidings reads news clipping dumps in the terminal. With no
// subcommand it opens the reader; the subcommands serve scripts.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `tidings reads news clipping dumps.

usage:
  tidings [--state PATH] [--config PATH] [--no-watch] [--no-cache] [PATH...]
                                          open the reader (default: $TIDINGS_DUMPS,
                                          $XDG_DATA_HOME/tidings/dumps, or the bundled samples);
                                          new and changed dumps in its folders show up as
                                          they are written, unless --no-watch
  tidings inspect [--json] PATH...        show what the parser makes of each file
  tidings list [--json] [--state PATH] [--no-cache] PATH...
                                          every story once, newest day first
  tidings related [--json] [--no-cache] ID PATH...
                                          a story, the stories shown with it, and similar ones
  tidings mark read|unread|star|unstar [--state PATH] ID...
  tidings state export [--state PATH]     every read and star mark as JSON lines
  tidings state import [--state PATH] FILE
                                          merge marks exported elsewhere (newer wins)
  tidings cache clear|dir                 delete the parse cache, or print its folder
  tidings config [--config PATH]          the settings in effect, as TOML, defaults filled in
  tidings completion bash|zsh|fish        a shell completion script
  tidings version                         the version (also --version)

tidings help COMMAND, or COMMAND --help, says more of each.
Exit status: 0 when at least one dump loaded, 1 when none did, 2 for a usage error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return runTUI(args, stdout, stderr)
	}
	command, rest := args[0], args[1:]
	switch command {
	case "inspect":
		if helpAsked(rest) {
			return helpOf(runInspect, stdout)
		}
		return runInspect(rest, stdout, stderr)
	case "list":
		if helpAsked(rest) {
			return helpOf(runList, stdout)
		}
		return runList(rest, stdout, stderr)
	case "related":
		if helpAsked(rest) {
			return helpOf(runRelated, stdout)
		}
		return runRelated(rest, stdout, stderr)
	case "mark":
		return runMark(rest, stdout, stderr)
	case "cache":
		return runCache(rest, stdout, stderr)
	case "state":
		return runState(rest, stdin, stdout, stderr)
	case "config":
		return runConfig(rest, stdout, stderr)
	case "completion":
		return runCompletion(rest, stdout, stderr)
	case "version", "--version", "-version":
		return runVersion(rest, stdout, stderr)
	case "help", "-h", "--help", "-help":
		if len(rest) == 1 && isCommand(rest[0]) {
			return run([]string{rest[0], "--help"}, stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return 0
	}
	return runTUI(args, stdout, stderr)
}

// commands are the words run takes for a subcommand rather than a path.
var commands = []string{"inspect", "list", "related", "mark", "cache", "state", "config", "completion", "version", "help"}

func isCommand(word string) bool {
	for _, c := range commands {
		if c == word {
			return true
		}
	}
	return false
}

// helpOf asks inspect or list for their usage. They answer -h as the flag
// package does, on stderr with status 2, which suits a mistyped flag; help
// asked for goes to stdout with status 0.
func helpOf(command func(args []string, stdout, stderr io.Writer) int, stdout io.Writer) int {
	command([]string{"-h"}, io.Discard, stdout)
	return 0
}
