package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"tidings/state"
)

const stateFlagHelp = "state file (default: $TIDINGS_STATE, else $XDG_STATE_HOME/tidings/state.db)"

// runMark serves `tidings mark read|unread|star|unstar [--state PATH] ID...`.
// It says what it did in one line, which a script can ignore and a person
// typing it wants.
func runMark(cmd *cobra.Command, action string, words []string, statePath string, stdout, stderr io.Writer) int {
	kind, ok := state.ParseKind(action)
	if !ok {
		last := len(markActions) - 1
		fmt.Fprintf(stderr, "tidings mark: %q is not %s or %s\n", action, strings.Join(markActions[:last], ", "), markActions[last])
		writeUsage(stderr, cmd)
		return 2
	}
	var ids []string
	seen := map[string]bool{}
	for _, word := range words {
		id, ok := state.ParseID(word)
		if !ok {
			fmt.Fprintf(stderr, "tidings mark: %q is not a story id: ids are 16 hexadecimal digits, as tidings list prints them; nothing was marked\n", word)
			return 2
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}

	path, err := state.ResolvePath(statePath)
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
	fmt.Fprintln(stdout, markedSummary(len(ids), action))
	return 0
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

// runStateExport serves `tidings state export [--state PATH]`, which prints
// every mark as a JSON line.
func runStateExport(statePath string, stdout, stderr io.Writer) int {
	failed := func(err error) int {
		fmt.Fprintf(stderr, "tidings state export: %v\n", err)
		return 1
	}
	path, err := state.ResolvePath(statePath)
	if err != nil {
		return failed(err)
	}
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

// runStateImport serves `tidings state import [--state PATH] FILE` ("-" for
// standard input), which merges lines state export wrote, the newer change
// winning per story and field.
func runStateImport(file, statePath string, stdin io.Reader, stdout, stderr io.Writer) int {
	failed := func(err error) int {
		fmt.Fprintf(stderr, "tidings state import: %v\n", err)
		return 1
	}
	path, err := state.ResolvePath(statePath)
	if err != nil {
		return failed(err)
	}
	source, name := stdin, "standard input"
	if file != "-" {
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
	counts, importErr := store.Import(source)
	closeErr := store.Close()
	if importErr != nil {
		return failed(fmt.Errorf("%s: %w; nothing was imported", name, importErr))
	}
	if closeErr != nil {
		return failed(closeErr)
	}
	fmt.Fprintf(stdout, "imported %s from %s into %s: %s\n", count(counts.Total(), "mark", "marks"), name, path, counts)
	return 0
}
