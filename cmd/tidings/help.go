package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

const overviewHead = "tidings reads news clipping dumps.\n\nusage:\n"

const overviewTail = `
PATH is a dump, or a folder of them; without one, every command reads
$TIDINGS_DUMPS, else $XDG_DATA_HOME/tidings/dumps, else the bundled samples.
tidings help COMMAND, or COMMAND --help, says more of each.
Exit status: 0 when at least one dump loaded, 1 when none did, 2 for a usage error.
`

// usageColumn is where the overview's descriptions start.
const usageColumn = 42

// writeHelp answers --help and `tidings help`: the overview for tidings
// itself, else the command's usage.
func writeHelp(w io.Writer, cmd *cobra.Command) {
	if !cmd.HasParent() {
		writeOverview(w, cmd)
		fmt.Fprintf(w, "\nflags of the reader:\n%s", cmd.LocalFlags().FlagUsages())
		return
	}
	writeUsage(w, cmd)
}

// writeOverview lists every command that does something, with its usage
// line and what it is for, from the commands' definitions.
func writeOverview(w io.Writer, root *cobra.Command) {
	io.WriteString(w, overviewHead)
	var line func(cmd *cobra.Command)
	line = func(cmd *cobra.Command) {
		if cmd.HasParent() && (!cmd.IsAvailableCommand() || cmd.Name() == "help") {
			return
		}
		if cmd.HasParent() && cmd.HasAvailableSubCommands() {
			for _, sub := range cmd.Commands() {
				line(sub)
			}
			return
		}
		if !cmd.HasParent() {
			defer func() {
				for _, sub := range cmd.Commands() {
					line(sub)
				}
			}()
		}
		usage := "  " + usageLine(cmd)
		words := strings.Fields(cmd.Short)
		if len(usage) >= usageColumn-1 {
			fmt.Fprintln(w, usage)
			usage = ""
		}
		for len(words) > 0 {
			n, width := 0, 0
			for n < len(words) && (n == 0 || width+1+len(words[n]) <= 80-usageColumn) {
				width += len(words[n]) + min(n, 1)
				n++
			}
			fmt.Fprintf(w, "%-*s%s\n", usageColumn, usage, strings.Join(words[:n], " "))
			usage, words = "", words[n:]
		}
	}
	line(root)
	io.WriteString(w, overviewTail)
}

// usageLine is the command's Use with the names of its parents before it.
func usageLine(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return cmd.Use
	}
	return cmd.Parent().CommandPath() + " " + cmd.Use
}

// writeUsage prints a command's usage line, what it does, its subcommands
// and its flags.
func writeUsage(w io.Writer, cmd *cobra.Command) {
	if !cmd.HasParent() {
		writeOverview(w, cmd)
		return
	}
	fmt.Fprintf(w, "usage: %s\n  %s\n", usageLine(cmd), cmd.Short)
	if cmd.Long != "" {
		fmt.Fprintf(w, "  %s\n", cmd.Long)
	}
	if cmd.HasAvailableSubCommands() {
		io.WriteString(w, "\n")
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() {
				fmt.Fprintf(w, "  %-8s %s\n", sub.Name(), sub.Short)
			}
		}
	}
	if flags := cmd.NonInheritedFlags(); flags.HasAvailableFlags() {
		fmt.Fprintf(w, "\nflags:\n%s", flags.FlagUsages())
	}
	if flags := cmd.InheritedFlags(); flags.HasAvailableFlags() {
		fmt.Fprintf(w, "\nflags of %s:\n%s", cmd.Parent().CommandPath(), flags.FlagUsages())
	}
}

// helpCommand is `tidings help [COMMAND...]`; unlike cobra's own it fails
// on a command that does not exist, suggesting the nearest.
func (a *app) helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "say more of a command",
		Args:  cobra.ArbitraryArgs,
		ValidArgsFunction: func(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
			parent := root
			if len(args) > 0 {
				found, rest, err := root.Find(args)
				if err != nil || len(rest) > 0 || found == root {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				parent = found
			}
			var names []cobra.Completion
			for _, c := range parent.Commands() {
				if c.IsAvailableCommand() && c.Name() != "help" && strings.HasPrefix(c.Name(), prefix) {
					names = append(names, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil {
				return usageError{err.Error()}
			}
			// Words left over name no command of one that has commands
			// (help nosuch, help state expo); after a command without
			// any (help list extra) they are its arguments.
			if len(rest) > 0 && (target == root || target.HasSubCommands()) {
				return usagef("unknown command %q%s", rest[0], didYouMean(target, rest[0]))
			}
			writeHelp(cmd.OutOrStdout(), target)
			return nil
		},
	}
}

// didYouMean names the subcommands of cmd within two edits of word, for
// the end of a message: ` (did you mean tidings list?)`.
func didYouMean(cmd *cobra.Command, word string) string {
	names := suggestCommands(cmd, word)
	if len(names) == 0 {
		return ""
	}
	for i, n := range names {
		names[i] = cmd.CommandPath() + " " + n
	}
	return " (did you mean " + strings.Join(names, " or ") + "?)"
}

// suggestCommands are the names of cmd's subcommands within two edits of
// word (a swap of neighbours counting one), case aside.
func suggestCommands(cmd *cobra.Command, word string) []string {
	var names []string
	for _, c := range cmd.Commands() {
		if (c.IsAvailableCommand() || c.Name() == "help") && editDistance(strings.ToLower(word), c.Name()) <= 2 {
			names = append(names, c.Name())
		}
	}
	return names
}
