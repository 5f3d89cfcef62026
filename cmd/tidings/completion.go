package main

import (
	"strings"

	"github.com/spf13/cobra"
)

// completionShells are the shells cobra writes completion scripts for.
var completionShells = []string{"bash", "zsh", "fish", "powershell"}

// completionCommand prints a completion script. The scripts are cobra's:
// they ask `tidings __complete` for the words, so they know every command
// and flag the definitions in commands.go give, with nothing to keep in
// step by hand.
func (a *app) completionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "completion " + strings.Join(completionShells, "|"),
		Short: "a shell completion script",
		Long: `completes tidings' commands, flags, story actions and paths:
    bash:       source <(tidings completion bash)          (in ~/.bashrc; needs bash-completion)
    zsh:        source <(tidings completion zsh)           (in ~/.zshrc, after compinit)
    fish:       tidings completion fish > ~/.config/fish/completions/tidings.fish
    PowerShell: tidings completion powershell | Out-String | Invoke-Expression   (in $PROFILE)`,
		ValidArgs: completionShells,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{}
			}
			if err := cobra.OnlyValidArgs(cmd, args); err != nil {
				return usagef("%q is not one of %s", args[0], strings.Join(completionShells, ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			// Their only errors are stdout's, which run checks at the end.
			root, w := cmd.Root(), cmd.OutOrStdout()
			switch args[0] {
			case "bash":
				_ = root.GenBashCompletionV2(w, true)
			case "zsh":
				_ = root.GenZshCompletion(w)
			case "fish":
				_ = root.GenFishCompletion(w, true)
			default:
				_ = root.GenPowerShellCompletionWithDesc(w)
			}
			return nil
		},
	}
}
