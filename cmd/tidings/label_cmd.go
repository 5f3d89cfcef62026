package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"tidings/loader"
	"tidings/state"
)

func (a *app) labelCommand() *cobra.Command {
	var statePath string
	cmd := &cobra.Command{
		Use:   "label add|remove|list",
		Short: "put labels on stories, take them off, or list them with their counts",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	cmd.PersistentFlags().StringVar(&statePath, "state", "", stateFlagHelp)
	change := func(kind state.Kind, use, short string) *cobra.Command {
		return &cobra.Command{
			Use:   use + " [--state PATH] NAME ID...",
			Short: short,
			Long:  "NAME is a word of letters, digits, - and _; ID is a story's id as tidings list prints it",
			Args: func(cmd *cobra.Command, args []string) error {
				if len(args) < 2 {
					return usageError{}
				}
				return nil
			},
			ValidArgsFunction: func(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp // an id, which only list knows
				}
				var out []cobra.Completion
				for _, label := range labelsInUse(statePath) {
					if strings.HasPrefix(label, prefix) {
						out = append(out, label)
					}
				}
				return out, cobra.ShellCompDirectiveNoFileComp
			},
			RunE: func(cmd *cobra.Command, args []string) error {
				a.status = runLabel(kind, args[0], args[1:], statePath, a.stdout, a.stderr)
				return nil
			},
		}
	}
	cmd.AddCommand(
		change(state.Label, "add", "put a label on stories"),
		change(state.Unlabel, "remove", "take a label off stories"),
		&cobra.Command{
			Use:   "list [--state PATH]",
			Short: "every label in use, with how many stories have it",
			Args:  noArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				a.status = runLabelList(statePath, a.stdout, a.stderr)
				return nil
			},
		})
	return cmd
}

// runLabel serves `tidings label add|remove NAME ID...`: like mark, it
// checks every word before it changes anything, and says what it did.
func runLabel(kind state.Kind, name string, words []string, statePath string, stdout, stderr io.Writer) int {
	verb := map[state.Kind]string{state.Label: "add", state.Unlabel: "remove"}[kind]
	label, ok := state.ParseLabel(name)
	if !ok {
		fmt.Fprintf(stderr, "tidings label %s: %q: %s; nothing was labelled\n", verb, loader.CleanLine(name), state.LabelRule)
		return 2
	}
	var ids []string
	for _, word := range words {
		id, ok := state.ParseID(word)
		if !ok {
			fmt.Fprintf(stderr, "tidings label %s: %q is not a story id: ids are 16 hexadecimal digits, as tidings list prints them; nothing was labelled\n",
				verb, loader.CleanLine(word))
			return 2
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	store, err := openForWriting(statePath)
	if err != nil {
		fmt.Fprintf(stderr, "tidings label %s: %v\n", verb, err)
		return 1
	}
	// What the stories had before says what the command changed: a
	// label put on twice, or taken off a story without it, changes nothing.
	before, err := store.Labels()
	if err != nil {
		store.Close()
		fmt.Fprintf(stderr, "tidings label %s: %v\n", verb, err)
		return 1
	}
	changes := make([]state.Change, len(ids))
	unchanged := 0
	for i, id := range ids {
		changes[i] = state.Change{ID: id, Kind: kind, Label: label}
		if slices.Contains(before[id], label) == (kind == state.Label) {
			unchanged++
		}
	}
	store.Apply(changes...)
	if err := store.Close(); err != nil {
		fmt.Fprintf(stderr, "tidings label %s: %v\n", verb, err)
		return 1
	}
	fmt.Fprintln(stdout, labelSummary(kind, label, len(ids)-unchanged, unchanged))
	return 0
}

// labelSummary says what label add or remove changed:
// "2 stories labelled brief (1 had it already)".
func labelSummary(kind state.Kind, label string, changed, unchanged int) string {
	var out string
	switch {
	case kind == state.Label:
		out = fmt.Sprintf("%s labelled %s", count(changed, "story", "stories"), label)
	case changed == 0:
		out = fmt.Sprintf("label %s was on none of them: nothing changed", label)
	default:
		out = fmt.Sprintf("label %s taken off %s", label, count(changed, "story", "stories"))
	}
	switch {
	case unchanged == 0 || kind == state.Unlabel && changed == 0:
	case kind == state.Label:
		out += fmt.Sprintf(" (%d had it already)", unchanged)
	default:
		out += fmt.Sprintf(" (%d did not have it)", unchanged)
	}
	return out
}

// openForWriting opens the state file for a command that changes it: a
// file it may only read is refused, as a memory store would forget the
// change when the command ends.
func openForWriting(statePath string) (*state.Store, error) {
	path, err := state.ResolvePath(statePath)
	if err != nil {
		return nil, err
	}
	store, err := state.Open(path)
	if err == nil && !store.Persistent() {
		store.Close()
		err = store.NotSaved()
	}
	return store, err
}

// readLabels reads the labels of the state file; none when there is no
// file yet, and no file is made to say so.
func readLabels(statePath string) (map[string][]string, error) {
	path, err := state.ResolvePath(statePath)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	store, err := state.Open(path)
	if err != nil {
		return nil, err
	}
	labels, err := store.Labels()
	return labels, errors.Join(err, store.Close())
}

// labelsInUse are the labels of the state file, sorted, for completing a
// label's name; none when it cannot be read.
func labelsInUse(statePath string) []string {
	labels, _ := readLabels(statePath)
	var all []string
	for _, ls := range labels {
		all = append(all, ls...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// runLabelList serves `tidings label list`: each label and how many
// stories have it, by name.
func runLabelList(statePath string, stdout, stderr io.Writer) int {
	labels, err := readLabels(statePath)
	if err != nil {
		fmt.Fprintf(stderr, "tidings label list: %v\n", err)
		return 1
	}
	counts := map[string]int{}
	for _, ls := range labels {
		for _, l := range ls {
			counts[l]++
		}
	}
	names := make([]string, 0, len(counts))
	width := 0
	for name := range counts {
		names = append(names, name)
		width = max(width, len([]rune(name)))
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(stdout, "%s%s  %d\n", name, strings.Repeat(" ", width-len([]rune(name))), counts[name])
	}
	return 0
}
