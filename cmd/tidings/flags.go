package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"tidings/loader"
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

// helpAsked reports whether the words ask for help before any "--". The
// flag package answers -h with the usage on stderr and a failure, which
// suits a mistyped flag; help asked for goes to stdout and exits 0.
func helpAsked(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help", "--h":
			return true
		}
	}
	return false
}

// showHelp prints a command's usage and flags to stdout for --help.
func showHelp(fs *flag.FlagSet, stdout io.Writer) int {
	fs.SetOutput(cleanWriter{stdout})
	fs.Usage()
	return 0
}

// setUsage makes a command's flag set print its usage (the first line
// after "usage: ", then the others, then the flags) and its errors, cleaned,
// to stderr.
func setUsage(fs *flag.FlagSet, stderr io.Writer, usage ...string) {
	fs.SetOutput(cleanWriter{stderr})
	fs.Usage = func() {
		for i, line := range usage {
			if i == 0 {
				line = "usage: " + line
			}
			fmt.Fprintln(fs.Output(), line)
		}
		fs.PrintDefaults()
	}
}

// parseCommand answers --help on stdout, else parses the flags among the
// words; done is set, with the exit status, when the command is to stop.
func parseCommand(fs *flag.FlagSet, args []string, stdout io.Writer) (positional []string, status int, done bool) {
	if helpAsked(args) {
		return nil, showHelp(fs, stdout), true
	}
	positional, ok := parseInterspersed(fs, args)
	if !ok {
		return nil, 2, true
	}
	return positional, 0, false
}

// pathsCommand parses a command that takes flags and at least one path;
// ok is false (after printing the usage) when the words do not fit.
func pathsCommand(fs *flag.FlagSet, usage string, args []string, stderr io.Writer) (paths []string, ok bool) {
	setUsage(fs, stderr, usage)
	paths, ok = parseInterspersed(fs, args)
	if ok && len(paths) == 0 {
		fs.Usage()
		return nil, false
	}
	return paths, ok
}

// cleanWriter is for the flag package's messages, which quote the words
// they reject as they are: a file name that starts with a dash (from
// `tidings inspect *`, say) would reach the terminal raw. Each line is
// cleaned as text from files is, its indentation kept.
type cleanWriter struct{ w io.Writer }

func (c cleanWriter) Write(p []byte) (int, error) {
	lines := strings.Split(string(p), "\n")
	for i, l := range lines {
		text := strings.TrimLeft(l, " \t")
		lines[i] = l[:len(l)-len(text)] + loader.CleanLine(text)
	}
	if _, err := io.WriteString(c.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	return len(p), nil
}

// writeJSON prints v indented, as scripts and people both read it, with
// every rune a terminal would obey escaped: JSON output is often read on a
// terminal, and a file name must reach a script exactly, so it is escaped
// rather than cleaned.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeUnsafe(buf.Bytes()))
	return err
}

// escapeUnsafe escapes, in encoded JSON, what encoding/json leaves raw: DEL,
// C1 controls, bidi controls and byte-order marks (it escapes C0 controls,
// U+2028 and U+2029 itself). Such runes only occur inside strings, since
// the rest of JSON is ASCII, so their \u escapes keep the JSON valid.
func escapeUnsafe(b []byte) []byte {
	i := bytes.IndexFunc(b, func(r rune) bool { return r >= 0x7f })
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+64)
	out = append(out, b[:i]...)
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x7f && loader.IsUnsafeRune(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// warnSkipped prints the line that tells why a file was not loaded. The
// name and the reason are cleaned as text from files is: either could hold
// escape sequences.
func warnSkipped(stderr io.Writer, path string, err error) {
	fmt.Fprintf(stderr, "tidings: skipped %s: %s\n", loader.CleanLine(path), loader.CleanLine(err.Error()))
}
