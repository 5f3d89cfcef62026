package main

import (
	"fmt"
	"io"
)

const completionUsage = `usage: tidings completion bash|zsh|fish
  prints a script that completes tidings' commands, flags and paths:
    bash: source <(tidings completion bash)        (in ~/.bashrc)
    zsh:  source <(tidings completion zsh)         (in ~/.zshrc, after compinit)
    fish: tidings completion fish > ~/.config/fish/completions/tidings.fish
`

// runCompletion serves `tidings completion bash|zsh|fish`. The scripts are
// written by hand, to need no library; completion_test checks that they
// know every command and flag.
func runCompletion(args []string, stdout, stderr io.Writer) int {
	if helpAsked(args) {
		fmt.Fprint(stdout, completionUsage)
		return 0
	}
	scripts := map[string]string{"bash": bashCompletion, "zsh": zshCompletion, "fish": fishCompletion}
	if len(args) != 1 || scripts[args[0]] == "" {
		fmt.Fprint(stderr, completionUsage)
		return 2
	}
	fmt.Fprint(stdout, scripts[args[0]])
	return 0
}

const bashCompletion = `# bash completion for tidings: source <(tidings completion bash)
_tidings() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local IFS=$'\n'
    case $prev in
        --state|-state|--config|-config)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
    esac
    # The command, and the words after it that are not flags.
    local cmd= i word
    local -a args=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
            --state|-state|--config|-config) ((i++)) ;;
            -*) ;;
            *) if [[ -z $cmd ]]; then cmd=$word; else args+=("$word"); fi ;;
        esac
    done
    local words= flags= files=
    case $cmd in
        '') words='inspect list related mark state cache config completion version help'
            flags='--state --config --no-watch --no-cache --help --version'; files=1 ;;
        inspect) flags='--json --help'; files=1 ;;
        list) flags='--json --state --no-cache --query --help'; files=1 ;;
        related) flags='--json --no-cache --help'; files=1 ;;
        cache) flags='--help'
            [[ ${#args[@]} -eq 0 ]] && words='clear dir' ;;
        mark) flags='--state --help'
            [[ ${#args[@]} -eq 0 ]] && words='read unread star unstar' ;;
        state) flags='--state --help'
            if [[ ${#args[@]} -eq 0 ]]; then words='export import'
            elif [[ ${args[0]} == import && ${#args[@]} -eq 1 ]]; then files=1; fi ;;
        config) flags='--config --help' ;;
        completion) flags='--help'
            [[ ${#args[@]} -eq 0 ]] && words='bash zsh fish' ;;
        version) flags='--help' ;;
        help) [[ ${#args[@]} -eq 0 ]] && words='inspect list related mark state cache config completion version' ;;
        *) flags='--state --config --no-watch --no-cache --help'; files=1 ;; # the reader, given a path first
    esac
    # compgen -W splits its list at spaces; the replies, one a line, are
    # split at newlines so that paths may hold spaces.
    if [[ $cur == -* ]]; then
        COMPREPLY=($(IFS=' '; compgen -W "$flags" -- "$cur"))
        return 0
    fi
    COMPREPLY=($(IFS=' '; compgen -W "$words" -- "$cur"))
    if [[ -n $files ]]; then
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
    return 0
}
complete -o filenames -F _tidings tidings
`

const zshCompletion = `#compdef tidings
# zsh completion for tidings: source <(tidings completion zsh), after compinit
_tidings() {
  local curcontext=$curcontext state line
  local -a commands
  commands=(
    'inspect:show what the parser makes of each file'
    'list:every story once, newest day first'
    'related:a story, the stories shown with it, and similar ones'
    'mark:mark stories read, unread, starred or unstarred'
    'state:export or import the read and star marks'
    'cache:clear the parse cache, or print its folder'
    'config:print the settings in effect'
    'completion:print a shell completion script'
    'version:print the version'
    'help:say more of a command'
  )
  _arguments -C \
    '--state[state file]:state file:_files' \
    '--config[settings file]:settings file:_files' \
    '--no-watch[do not follow the folders]' \
    '--no-cache[parse every file, without the cache]' \
    '(- *)--help[show the usage]' \
    '(- *)--version[print the version]' \
    '1: :->first' \
    '*:: :->rest'
  case $state in
    first)
      _describe -t commands 'tidings command' commands
      _files ;;
    rest)
      case $line[1] in
        inspect)
          _arguments '--json[print one JSON object]' '--help[show the usage]' '*:dump:_files' ;;
        list)
          _arguments '--json[print a JSON array]' '--state[state file]:state file:_files' \
            '--no-cache[parse every file, without the cache]' '--query[only what the filter finds]:query: ' '--help[show the usage]' '*:dump:_files' ;;
        related)
          _arguments '--json[print one JSON object]' '--no-cache[parse every file, without the cache]' '--help[show the usage]' '1:story id: ' '*:dump:_files' ;;
        cache)
          _arguments '--help[show the usage]' '1:action:(clear dir)' ;;
        mark)
          _arguments '--state[state file]:state file:_files' '--help[show the usage]' \
            '1:action:(read unread star unstar)' '*:story id: ' ;;
        state)
          _arguments '--state[state file]:state file:_files' '--help[show the usage]' \
            '1:action:(export import)' '2:marks file:_files' ;;
        config)
          _arguments '--config[settings file]:settings file:_files' '--help[show the usage]' ;;
        completion)
          _arguments '--help[show the usage]' '1:shell:(bash zsh fish)' ;;
        version)
          _arguments '--help[show the usage]' ;;
        help)
          _arguments '1:command:(inspect list related mark state cache config completion version)' ;;
        *)
          _arguments '--state[state file]:state file:_files' \
            '--config[settings file]:settings file:_files' '--no-watch[do not follow the folders]' '--no-cache[parse every file, without the cache]' '--help[show the usage]' '*:dump:_files' ;;
      esac ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _tidings "$@"
else
  compdef _tidings tidings
fi
`

const fishCompletion = `# fish completion for tidings: tidings completion fish > ~/.config/fish/completions/tidings.fish
set -l commands inspect list related mark state cache config completion version help
complete -c tidings -f
complete -c tidings -l help -d 'show the usage'

# The reader: paths, or a command.
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -F
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a inspect -d 'show what the parser makes of each file'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a list -d 'every story once, newest day first'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a related -d 'a story, the stories shown with it, and similar ones'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a mark -d 'mark stories read, unread, starred or unstarred'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a state -d 'export or import the read and star marks'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a cache -d 'clear the parse cache, or print its folder'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a config -d 'print the settings in effect'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a completion -d 'print a shell completion script'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a version -d 'print the version'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -a help -d 'say more of a command'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -l version -d 'print the version'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -l state -r -F -d 'state file'
complete -c tidings -n "not __fish_seen_subcommand_from $commands" -l no-watch -d 'do not follow the folders'
complete -c tidings -n "not __fish_seen_subcommand_from $commands; or __fish_seen_subcommand_from list related" -l no-cache -d 'parse every file, without the cache'
complete -c tidings -n "__fish_seen_subcommand_from list" -l query -r -d 'only the stories the filter finds'
complete -c tidings -n "not __fish_seen_subcommand_from $commands; or __fish_seen_subcommand_from config" -l config -r -F -d 'settings file'

complete -c tidings -n "__fish_seen_subcommand_from inspect list related" -F
complete -c tidings -n "__fish_seen_subcommand_from inspect list related" -l json -d 'print JSON'
complete -c tidings -n "__fish_seen_subcommand_from list mark state" -l state -r -F -d 'state file'
complete -c tidings -n "__fish_seen_subcommand_from mark; and not __fish_seen_subcommand_from read unread star unstar" -a 'read unread star unstar'
complete -c tidings -n "__fish_seen_subcommand_from state; and not __fish_seen_subcommand_from export import" -a 'export import'
complete -c tidings -n "__fish_seen_subcommand_from state; and __fish_seen_subcommand_from import" -F
complete -c tidings -n "__fish_seen_subcommand_from cache; and not __fish_seen_subcommand_from clear dir" -a 'clear dir'
complete -c tidings -n "__fish_seen_subcommand_from completion" -a 'bash zsh fish'
complete -c tidings -n "__fish_seen_subcommand_from help" -a 'inspect list related mark state cache config completion version'
`
