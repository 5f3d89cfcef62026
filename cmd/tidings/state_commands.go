package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"tidings/state"
)

const stateFlagHelp = "state file (default: $TIDINGS_STATE, else $XDG_STATE_HOME/tidings/state.db)"

// runMark serves `tidings mark read|unread|star|unstar [--state PATH] ID...`
// (args are those after "mark"). It says what it did in one line, which a
// script can ignore and a person typing it wants.
func runMark(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("mark", flag.ContinueOnError)
	statePath := flags.String("state", "", stateFlagHelp)
	setUsage(flags, stderr, "tidings mark read|unread|star|unstar [--state PATH] ID...",
		"  ID is a story's id as tidings list prints it: 16 hexadecimal digits")
	positional, status, done := parseCommand(flags, args, stdout)
	if done {
		return status
	}
	if len(positional) < 2 {
		flags.Usage()
		return 2
	}
	kind, ok := state.ParseKind(positional[0])
	if !ok {
		fmt.Fprintf(stderr, "tidings mark: %q is not read, unread, star or unstar\n", positional[0])
		flags.Usage()
		return 2
	}
	var ids []string
	seen := map[string]bool{}
	for _, word := range positional[1:] {
		id, ok := storyID(word)
		if !ok {
			fmt.Fprintf(stderr, "tidings mark: %q is not a story id: ids are 16 hexadecimal digits, as tidings list prints them; nothing was marked\n", word)
			return 2
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}

	path, err := state.ResolvePath(*statePath)
	if err != nil {
		fmt.Fprintf(stderr, "tidings mark: %v\n", err)
		return 1
	}
	// Open, not OpenOrMemory: a script must fail loudly rather than have its
	// marks kept in a memory that ends with the command.
	store, err := state.Open(path)
	if err == nil && !store.Persistent() {
		// A file it may only read: Open serves it from memory, which
		// would forget these marks as the command ends.
		store.Close()
		err = store.NotSaved()
	}
	if err != nil {
		fmt.Fprintf(stderr, "tidings mark: %v\n", err)
		return 1
	}
	changes := make([]state.Change, len(ids))
	for i, id := range ids {
		changes[i] = state.Change{ID: id, Kind: kind}
	}
	store.Apply(changes...)
	if err := store.Close(); err != nil {
		fmt.Fprintf(stderr, "tidings mark: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, markedSummary(len(ids), positional[0]))
	return 0
}

// storyID checks a word against the form of the ids tidings prints (see
// model.StoryID: FNV-64a as 16 hexadecimal digits). A mark for anything
// else could never match a story, so it is refused rather than stored.
// Capitals are folded, since people copy ids through tools that change case.
func storyID(word string) (string, bool) {
	if len(word) != 16 {
		return "", false
	}
	for _, c := range []byte(word) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return "", false
		}
	}
	return strings.ToLower(word), true
}

// markedSummary says what mark did: "2 stories marked read", "1 story starred".
func markedSummary(n int, action string) string {
	stories := "stories"
	if n == 1 {
		stories = "story"
	}
	done := map[string]string{"read": "marked read", "unread": "marked unread", "star": "starred", "unstar": "unstarred"}[action]
	return fmt.Sprintf("%d %s %s", n, stories, done)
}

// runState serves `tidings state export [--state PATH]`, which prints every
// mark as a JSON line, and `tidings state import [--state PATH] FILE` ("-"
// for standard input), which merges such lines, the newer change winning per
// story and field (args are those after "state").
func runState(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("state", flag.ContinueOnError)
	statePath := flags.String("state", "", stateFlagHelp)
	setUsage(flags, stderr, "tidings state export [--state PATH]",
		"       tidings state import [--state PATH] FILE   (FILE - reads standard input)")
	positional, status, done := parseCommand(flags, args, stdout)
	if done {
		return status
	}
	if len(positional) == 0 {
		flags.Usage()
		return 2
	}
	command := positional[0]
	switch {
	case command == "export" && len(positional) == 1:
	case command == "import" && len(positional) == 2:
	default:
		flags.Usage()
		return 2
	}
	failed := func(err error) int {
		fmt.Fprintf(stderr, "tidings state %s: %v\n", command, err)
		return 1
	}
	path, err := state.ResolvePath(*statePath)
	if err != nil {
		return failed(err)
	}

	if command == "export" {
		// Exporting must not leave an empty state file behind as a side
		// effect; no file means no marks.
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return 0
		}
		store, err := state.Open(path)
		if err != nil {
			return failed(err)
		}
		exportErr := store.Export(stdout)
		closeErr := store.Close()
		if exportErr != nil {
			return failed(exportErr)
		}
		if closeErr != nil {
			return failed(closeErr)
		}
		return 0
	}

	source, name := stdin, "standard input"
	if file := positional[1]; file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return failed(err)
		}
		defer f.Close()
		source, name = f, file
	}
	store, err := state.Open(path)
	if err == nil && !store.Persistent() {
		store.Close()
		err = store.NotSaved()
	}
	if err != nil {
		return failed(err)
	}
	n, importErr := store.Import(source)
	closeErr := store.Close()
	if importErr != nil {
		return failed(fmt.Errorf("%s: %w; nothing was imported", name, importErr))
	}
	if closeErr != nil {
		return failed(closeErr)
	}
	fmt.Fprintf(stdout, "imported %d marks from %s into %s\n", n, name, path)
	return 0
}
