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
  tidings [--state PATH] [PATH...]        open the reader (default: $TIDINGS_DUMPS,
                                          $XDG_DATA_HOME/tidings/dumps, or the bundled samples)
  tidings inspect [--json] PATH...        show what the parser makes of each file
  tidings list [--json] PATH...           every story once, newest day first
  tidings mark read|unread|star|unstar ID...
  tidings state export                    every read and star mark as JSON lines
  tidings state import FILE               merge marks exported elsewhere (newer wins)

Exit status: 0 when at least one dump loaded, 1 when none did, 2 for a usage error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "inspect":
			return runInspect(args[1:], stdout, stderr)
		case "list":
			return runList(args[1:], stdout, stderr)
		case "mark":
			return runMark(args[1:], stdout, stderr)
		case "state":
			return runState(args[1:], stdin, stdout, stderr)
		case "help", "-h", "--help", "-help":
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	return runTUI(args, stdout, stderr)
}
