package main

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/spf13/cobra"
)

// keepCommandOrder has the overview list the commands as they are added,
// commonest first, rather than sorted (a setting of cobra's, global).
var keepCommandOrder sync.Once

// commands defines the command line, each command once: cobra derives the
// help, the "did you mean" and the shell completions from these
// definitions. A command's Use is its usage line after the name of its
// parent; Short is its line in the overview (tidings --help).
func (a *app) commands() *cobra.Command {
	keepCommandOrder.Do(func() { cobra.EnableCommandSorting = false })
	var reader readerOptions
	root := &cobra.Command{
		Use:     "tidings [--state PATH] [--config PATH] [--no-watch] [--no-cache] [PATH...]",
		Short:   "open the reader; new and changed dumps in its folders show up as they are written, unless --no-watch",
		Version: versionString(debug.ReadBuildInfo()),
		Args:    cobra.ArbitraryArgs,
		// Paths, besides the commands cobra offers first.
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveDefault
		},
		RunE: func(cmd *cobra.Command, paths []string) error {
			a.status = a.runReader(cmd, paths, reader)
			return nil
		},
	}
	root.Flags().StringVar(&reader.statePath, "state", "", stateFlagHelp)
	root.Flags().StringVar(&reader.configPath, "config", configPath(), "settings file")
	root.Flags().BoolVar(&reader.noWatch, "no-watch", false, "do not follow the folders for new and changed dumps")
	root.Flags().BoolVar(&reader.noCache, "no-cache", false, noCacheHelp)
	root.Flags().Bool("version", false, "print the version") // cobra's, without its -v
	root.SetVersionTemplate("{{.Version}}\n")

	root.AddCommand(a.inspectCommand(), a.listCommand(), a.relatedCommand(), a.exportCommand(), a.markCommand(), a.labelCommand(), a.stateCommand(),
		a.cacheCommand(), a.configCommand(), a.completionCommand(), a.versionCommand())
	root.SetHelpCommand(a.helpCommand(root))
	// Each command's --help, made now rather than when it runs, so that
	// `help X` lists it as `X --help` does.
	var helpFlags func(cmd *cobra.Command)
	helpFlags = func(cmd *cobra.Command) {
		cmd.InitDefaultHelpFlag()
		for _, c := range cmd.Commands() {
			helpFlags(c)
		}
	}
	helpFlags(root)
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) { writeHelp(cmd.OutOrStdout(), cmd) })
	root.SetFlagErrorFunc(a.flagError)
	root.CompletionOptions.DisableDefaultCmd = true // completionCommand says more
	root.SilenceErrors, root.SilenceUsage = true, true
	return root
}

func (a *app) inspectCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "inspect [--json] [PATH...]",
		Short: "what the parser makes of each file",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, paths []string) error {
			a.status = runInspect(paths, asJSON, a.stdout, a.stderr)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object {dumps, errors}")
	return cmd
}

func (a *app) listCommand() *cobra.Command {
	var o listOptions
	cmd := &cobra.Command{
		Use:   "list [--json] [--state PATH] [--query QUERY] [--search NAME] [--sort ORDER] [--no-cache] [PATH...]",
		Short: "every story once, newest day first",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, paths []string) error {
			a.status = runList(paths, o, a.stdout, a.stderr)
			return nil
		},
	}
	cmd.Flags().BoolVar(&o.asJSON, "json", false, "print a JSON array")
	cmd.Flags().StringVar(&o.statePath, "state", "", stateFlagHelp)
	cmd.Flags().BoolVar(&o.noCache, "no-cache", false, noCacheHelp)
	cmd.Flags().StringVar(&o.query, "query", "", "only the stories the reader's filter finds for `QUERY` (words, \"phrases\", -word, source:, day:, is:, label:)")
	cmd.Flags().StringVar(&o.search, "search", "", "only the stories of the saved search `NAME` (unread, starred, today, or one of config.toml's [searches])")
	cmd.Flags().StringVar(&o.sort, "sort", "saved", "list in `ORDER`: saved (by day saved, newest first), published (newest first, undated last) or source")
	cmd.Flags().StringVar(&o.configPath, "config", configPath(), "settings file, for --search")
	return cmd
}

func (a *app) relatedCommand() *cobra.Command {
	var asJSON, noCache bool
	cmd := &cobra.Command{
		Use:   "related [--json] [--no-cache] ID [PATH...]",
		Short: "a story, the stories shown with it, and similar ones",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("no story id given")
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp // an id, which only list knows
			}
			return nil, cobra.ShellCompDirectiveDefault
		},
		RunE: func(cmd *cobra.Command, words []string) error {
			a.status = runRelated(words[0], words[1:], asJSON, noCache, a.stdout, a.stderr)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object {story, linked, similar}")
	cmd.Flags().BoolVar(&noCache, "no-cache", false, noCacheHelp)
	return cmd
}

func (a *app) exportCommand() *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export [--format md|html|json] [--query QUERY | --search NAME] [--out FILE] [PATH...]",
		Short: "a morning brief: the stories with their text, by day and event",
		Long:  "contents first; without --query or --search, every story; without --format, FILE's extension (.html, .json) or else md",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, paths []string) error {
			format, err := exportFormat(o)
			if err != nil {
				return err
			}
			a.status = runExport(paths, o, format, a.stdout, a.stderr)
			return nil
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "", "md, html (one standalone page) or json")
	cmd.Flags().StringVar(&o.query, "query", "", "only the stories the reader's filter finds for `QUERY`")
	cmd.Flags().StringVar(&o.search, "search", "", "only the stories of the saved search `NAME` (unread, starred, today, or one of config.toml's [searches])")
	cmd.Flags().StringVar(&o.configPath, "config", configPath(), "settings file, for --search")
	cmd.Flags().StringVar(&o.out, "out", "", "write to `FILE` (replaced whole) instead of standard output")
	cmd.Flags().StringVar(&o.statePath, "state", "", stateFlagHelp)
	cmd.Flags().BoolVar(&o.noCache, "no-cache", false, noCacheHelp)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(exportFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// markActions are the words mark takes first, in state.Kind's spelling.
var markActions = []string{"read", "unread", "star", "unstar"}

func (a *app) markCommand() *cobra.Command {
	var statePath string
	cmd := &cobra.Command{
		Use:   "mark " + strings.Join(markActions, "|") + " [--state PATH] ID...",
		Short: "set stories' read and star marks",
		Long:  "ID is a story's id as tidings list prints it: 16 hexadecimal digits",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageError{}
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 0 {
				var actions []cobra.Completion
				for _, a := range markActions {
					if strings.HasPrefix(a, prefix) {
						actions = append(actions, a)
					}
				}
				return actions, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, words []string) error {
			a.status = runMark(cmd, words[0], words[1:], statePath, a.stdout, a.stderr)
			return nil
		},
	}
	cmd.Flags().StringVar(&statePath, "state", "", stateFlagHelp)
	return cmd
}

func (a *app) stateCommand() *cobra.Command {
	var statePath string
	cmd := &cobra.Command{
		Use:   "state export|import",
		Short: "export or import the read and star marks",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	cmd.PersistentFlags().StringVar(&statePath, "state", "", stateFlagHelp)
	cmd.AddCommand(&cobra.Command{
		Use:   "export [--state PATH]",
		Short: "every read and star mark as JSON lines",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.status = runStateExport(statePath, a.stdout, a.stderr)
			return nil
		},
	}, &cobra.Command{
		Use:   "import [--state PATH] FILE",
		Short: "merge marks exported elsewhere",
		Long:  "the newer change wins, per story and mark; FILE - reads standard input",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			a.status = runStateImport(args[0], statePath, a.stdin, a.stdout, a.stderr)
			return nil
		},
	})
	return cmd
}

func (a *app) cacheCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cache clear|dir",
		Short: "delete the parse cache, or print its folder",
		Args:  cobra.ArbitraryArgs,
		RunE:  unknownSubcommand,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "clear",
		Short: "delete the parse cache",
		Long:  "it is rebuilt on the next start",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.status = runCacheClear(a.stdout, a.stderr)
			return nil
		},
	}, &cobra.Command{
		Use:   "dir",
		Short: "print the folder the parse cache is in",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.status = runCacheDir(a.stdout)
			return nil
		},
	})
	return cmd
}

func (a *app) configCommand() *cobra.Command {
	var path string
	cmd := &cobra.Command{
		Use:   "config [--config PATH]",
		Short: "the settings in effect, as TOML",
		Long:  "the file's settings, with the defaults for the rest",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.status = runConfig(path, a.stdout, a.stderr)
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "config", configPath(), "settings file")
	return cmd
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "the version (also --version)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), cmd.Root().Version)
			return nil
		},
	}
}

// noArgs is cobra.NoArgs with the usage after the message.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected %q", args[0])
	}
	return nil
}

// unknownSubcommand runs for a command of subcommands (state, cache) when
// the words name none of them.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usageError{}
	}
	return usagef("unknown command %q%s", args[0], didYouMean(cmd, args[0]))
}
