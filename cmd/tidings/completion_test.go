package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// completionWords gathers what the scripts must know from the commands'
// own help: every command, every flag, and the words a command takes
// (read|unread|star|unstar), so that a new flag without completion fails.
func completionWords(t *testing.T) (commandNames, flags, words []string) {
	t.Helper()
	flagRe := regexp.MustCompile(`(?m)^\s+-(\w[\w-]*)|--(\w[\w-]*)`)
	choiceRe := regexp.MustCompile(`\b\w+(?:\|\w+)+\b`)
	words = []string{"export", "import"}
	for _, args := range append([][]string{{"--help"}}, commandsHelp()...) {
		r := runForTest(args...)
		for _, m := range flagRe.FindAllStringSubmatch(r.stdout, -1) {
			flags = append(flags, m[1]+m[2])
		}
		for _, choice := range choiceRe.FindAllString(r.stdout, -1) {
			words = append(words, strings.Split(choice, "|")...)
		}
	}
	slices.Sort(flags)
	slices.Sort(words)
	commandNames = slices.DeleteFunc(slices.Clone(commands), func(c string) bool { return c == "help" })
	return commandNames, slices.Compact(flags), slices.Compact(words)
}

func commandsHelp() [][]string {
	var all [][]string
	for _, c := range commands {
		all = append(all, []string{c, "--help"})
	}
	return all
}

// Issue 13: each script completes every command and flag.
func TestCompletionScriptsKnowEveryCommandAndFlag(t *testing.T) {
	commandNames, flags, words := completionWords(t)
	for _, want := range []string{"json", "state", "config", "help", "version"} {
		if !slices.Contains(flags, want) {
			t.Fatalf("the help texts do not show --%s: the test would check nothing (%q)", want, flags)
		}
	}
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := runForTest("completion", shell)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("completion %s: %+v", shell, r)
		}
		for _, w := range append(commandNames, words...) {
			if !regexp.MustCompile(`\b` + w + `\b`).MatchString(r.stdout) {
				t.Errorf("the %s script lacks %q", shell, w)
			}
		}
		for _, f := range flags {
			mention := "--" + f
			if shell == "fish" {
				mention = "-l " + f
			}
			if !strings.Contains(r.stdout, mention) {
				t.Errorf("the %s script lacks %s", shell, mention)
			}
		}
	}
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		if r := runForTest(args...); r.code != 2 || !strings.Contains(r.stderr, "usage: tidings completion") {
			t.Errorf("%q: %+v", args, r)
		}
	}
}

// checkSyntax runs the shell's syntax check on the script, or skips.
func checkSyntax(t *testing.T, shell string, args ...string) {
	t.Helper()
	path, err := exec.LookPath(shell)
	if err != nil {
		t.Skipf("no %s here to check the script with", shell)
	}
	script := filepath.Join(t.TempDir(), "tidings."+shell)
	if err := os.WriteFile(script, []byte(runForTest("completion", shell).stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(path, append(args, script)...).CombinedOutput(); err != nil {
		t.Errorf("%s %s: %v\n%s", shell, strings.Join(args, " "), err, out)
	}
}

func TestCompletionZshSyntax(t *testing.T)  { checkSyntax(t, "zsh", "-n") }
func TestCompletionFishSyntax(t *testing.T) { checkSyntax(t, "fish", "--no-execute") }

// TestCompletionBash checks the syntax, then completes a few command
// lines the way bash would, in a folder with a file and a folder in it.
func TestCompletionBash(t *testing.T) {
	checkSyntax(t, "bash", "-n")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a dump.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "2025-03-03"), 0o755); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "tidings.bash")
	if err := os.WriteFile(script, []byte(runForTest("completion", "bash").stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	const harness = `source "$1"
complete -p tidings >/dev/null || exit 3
c() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _tidings
      local IFS='|'; echo "${COMP_WORDS[*]} => ${COMPREPLY[*]}"; }
c tidings ''
c tidings ins
c tidings --
c tidings list --j
c tidings list a
c tidings mark ''
c tidings mark read ''
c tidings state ''
c tidings state import a
c tidings --config a
c tidings completion ''
c tidings help m
c tidings 2025-03-03 --
`
	cmd := exec.Command("bash", "-c", harness, "harness", script)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := `tidings| => inspect|list|related|mark|state|cache|config|completion|version|help|2025-03-03|a dump.txt
tidings|ins => inspect
tidings|-- => --state|--config|--no-watch|--no-cache|--help|--version
tidings|list|--j => --json
tidings|list|a => a dump.txt
tidings|mark| => read|unread|star|unstar
tidings|mark|read| => 
tidings|state| => export|import
tidings|state|import|a => a dump.txt
tidings|--config|a => a dump.txt
tidings|completion| => bash|zsh|fish
tidings|help|m => mark
tidings|2025-03-03|-- => --state|--config|--no-watch|--no-cache|--help
`
	if string(out) != want {
		t.Errorf("completions:\n%s\nwant:\n%s", out, want)
	}
}
