package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// complete asks the command line for completions as the shells' scripts
// do (`tidings __complete WORD...`): the words offered, and the directive
// (0: files too, 4: no files).
func complete(t *testing.T, words ...string) (offered []string, directive string) {
	t.Helper()
	r := runForTest(append([]string{"__complete"}, words...)...)
	if r.code != 0 {
		t.Fatalf("__complete %q: %+v", words, r)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		word, _, _ := strings.Cut(l, "\t")
		offered = append(offered, word)
	}
	return offered, lines[len(lines)-1]
}

// Issue 18, item 11: the completions come from the commands' definitions:
// every command, every flag, the words a command takes, and paths where a
// command takes paths.
func TestCompletionOffersWhatTheCommandsDefine(t *testing.T) {
	top := []string{}
	for _, p := range commandPaths() {
		if !strings.Contains(p, " ") {
			top = append(top, p)
		}
	}
	if len(top) < 9 {
		t.Fatalf("only %d commands: %q", len(top), top)
	}
	for _, c := range []struct {
		words     []string
		want      []string
		directive string
	}{
		{[]string{""}, append(top, "help"), ":0"}, // the reader takes paths too
		{[]string{"ins"}, []string{"inspect"}, ":0"},
		{[]string{"--"}, []string{"--state", "--config", "--no-watch", "--no-cache", "--version", "--help"}, ":4"},
		{[]string{"list", "--"}, []string{"--json", "--state", "--query", "--search", "--sort", "--config", "--no-cache", "--help"}, ":4"},
		{[]string{"list", ""}, nil, ":0"},
		{[]string{"inspect", "a", ""}, nil, ":0"},
		{[]string{"related", ""}, nil, ":4"},
		{[]string{"related", "00000000000000aa", ""}, nil, ":0"},
		{[]string{"mark", ""}, []string{"read", "unread", "star", "unstar"}, ":4"},
		{[]string{"mark", "read", ""}, nil, ":4"},
		{[]string{"mark", "un"}, []string{"unread", "unstar"}, ":4"},
		{[]string{"state", ""}, []string{"export", "import"}, ":4"},
		{[]string{"state", "import", ""}, nil, ":0"},
		{[]string{"state", "export", "--"}, []string{"--help", "--state"}, ":4"},
		{[]string{"cache", ""}, []string{"clear", "dir"}, ":4"},
		{[]string{"config", "--"}, []string{"--config", "--help"}, ":4"},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish", "powershell"}, ":4"},
		{[]string{"help", "m"}, []string{"mark"}, ":4"},
		{[]string{"help", "state", ""}, []string{"export", "import"}, ":4"},
	} {
		offered, directive := complete(t, c.words...)
		slices.Sort(offered)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(offered, want) || directive != c.directive {
			t.Errorf("tidings %s<TAB>: %q %s, want %q %s", strings.Join(c.words, " "), offered, directive, want, c.directive)
		}
	}
}

// Each script is written, and those for shells found here pass their
// syntax check.
func TestCompletionScripts(t *testing.T) {
	for _, c := range []struct {
		shell, mention string
		check          []string
	}{
		{"bash", "complete -o default -F __start_tidings tidings", []string{"bash", "-n"}},
		{"zsh", "#compdef tidings", []string{"zsh", "-n"}},
		{"fish", "complete -c tidings", []string{"fish", "--no-execute"}},
		{"powershell", "Register-ArgumentCompleter", []string{"pwsh", "-NoProfile", "-Command", "$null = [scriptblock]::Create((Get-Content -Raw $args[0]))"}},
	} {
		r := runForTest("completion", c.shell)
		if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, c.mention) {
			t.Errorf("completion %s: exit %d, stderr %q, script without %q", c.shell, r.code, r.stderr, c.mention)
			continue
		}
		path, err := exec.LookPath(c.check[0])
		if err != nil {
			t.Logf("no %s here to check the script with", c.check[0])
			continue
		}
		script := filepath.Join(t.TempDir(), "tidings."+c.shell)
		if err := os.WriteFile(script, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(path, append(c.check[1:], script)...).CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", strings.Join(c.check, " "), err, out)
		}
	}
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		if r := runForTest(args...); r.code != 2 || !strings.Contains(r.stderr, "usage: tidings completion") {
			t.Errorf("%q: %+v", args, r)
		}
	}
}

// TestCompletionBash runs the bash script as bash would on a few command
// lines, with the test binary as tidings. The one function it takes from
// the bash-completion package is given a minimal stand-in; files come from
// bash itself (complete -o default) when the reply is empty.
func TestCompletionBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash here")
	}
	script := filepath.Join(t.TempDir(), "tidings.bash")
	if err := os.WriteFile(script, []byte(runForTest("completion", "bash").stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	const harness = `source "$1"
_get_comp_words_by_ref() { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
tidings() { "$2" "$@"; }
c() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
      __start_tidings 2>/dev/null; local IFS='|'; echo "${COMP_WORDS[*]} => ${COMPREPLY[*]}"; }
c tidings ''
c tidings ins
c tidings list --j
c tidings mark ''
c tidings state ''
c tidings cache c
c tidings completion ''
c tidings help m
c tidings list a
`
	cmd := exec.Command("bash", "-c", strings.Replace(harness, `"$2" "$@"`, `TIDINGS_TEST_RUN_MAIN=1 "`+os.Args[0]+`" "$@"`, 1), "harness", script)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := `tidings| => inspect|list|related|export|mark|label|state|cache|config|completion|version|help
tidings|ins => inspect
tidings|list|--j => --json
tidings|mark| => read|unread|star|unstar
tidings|state| => export|import
tidings|cache|c => clear
tidings|completion| => bash|zsh|fish|powershell
tidings|help|m => mark
tidings|list|a => 
`
	if string(out) != want {
		t.Errorf("completions:\n%s\nwant:\n%s", out, want)
	}
}
