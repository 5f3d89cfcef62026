package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
)

// parseInterspersed parses flags wherever they stand among the positional
// arguments ("tidings list DIR --json"), as users type them; "--" ends flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, bool) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, true
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// pathsCommand parses a command that takes flags and at least one path;
// ok is false (after printing the usage) when the words do not fit.
func pathsCommand(fs *flag.FlagSet, usage string, args []string, stderr io.Writer) (paths []string, ok bool) {
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: "+usage)
		fs.PrintDefaults()
	}
	paths, ok = parseInterspersed(fs, args)
	if ok && len(paths) == 0 {
		fs.Usage()
		return nil, false
	}
	return paths, ok
}

// writeJSON prints v indented, as scripts and people both read it.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
