package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

type cmdResult struct {
	code           int
	stdout, stderr string
}

func runForTest(args ...string) cmdResult {
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return cmdResult{code, stdout.String(), stderr.String()}
}

// Issue 13: --help of every command is an answer, not a mistake: the usage
// on stdout, nothing on stderr, status 0.
func TestHelpOfEveryCommandExitsZero(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.db")
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"}, {"--state", state, "--help"}, {"samples", "-h"},
		{"inspect", "--help"}, {"inspect", "--json", "-h"}, {"help", "inspect"},
		{"list", "--help"}, {"list", "somewhere", "--help"},
		{"mark", "--help"}, {"mark", "read", "-h"}, {"help", "mark"},
		{"state", "--help"}, {"state", "export", "--help"}, {"state", "import", "--help"},
		{"version", "--help"}, {"help", "version"},
	} {
		r := runForTest(args...)
		if r.code != 0 || !strings.Contains(r.stdout, "usage") || r.stderr != "" {
			t.Errorf("tidings %s: %+v; want the usage on stdout and exit 0", strings.Join(args, " "), r)
		}
	}
	if _, err := os.Stat(state); err == nil {
		t.Error("--help created the state file")
	}
	// Every command, and its help names it.
	for _, command := range commandPaths() {
		args := append(strings.Fields(command), "--help")
		if r := runForTest(args...); r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "tidings "+command) {
			t.Errorf("%s --help: %+v; want its usage, naming it, and exit 0", command, r)
		}
	}
}

func TestVersion(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "v1.2.3"
	for _, args := range [][]string{{"version"}, {"--version"}, {"--config", "x.toml", "--version", "y"}} {
		if r := runForTest(args...); r.code != 0 || r.stdout != "tidings v1.2.3\n" || r.stderr != "" {
			t.Errorf("tidings %s: %+v", args[0], r)
		}
	}
	if r := runForTest("version", "extra"); r.code != 2 || !strings.Contains(r.stderr, "usage: tidings version") {
		t.Errorf("version with an argument: %+v", r)
	}

	version = ""
	if r := runForTest("version"); r.code != 0 || !strings.HasPrefix(r.stdout, "tidings ") || len(r.stdout) < len("tidings x\n") {
		t.Errorf("unstamped: %+v", r)
	}
	info := &debug.BuildInfo{Main: debug.Module{Path: "tidings", Version: "v0.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"},
	}}
	want := "tidings v0.4.0, commit 0123456789ab of 2026-12-01T10:00:00Z, with local changes"
	if got := versionString(info, true); got != want {
		t.Errorf("from the build info: %q, want %q", got, want)
	}
	info.Main.Version, info.Settings = "(devel)", nil
	if got := versionString(info, true); got != "tidings (devel)" {
		t.Errorf("a build without version control: %q", got)
	}
	if got := versionString(nil, false); got != "tidings (devel)" {
		t.Errorf("no build info: %q", got)
	}
}

// TestVersionStampedByLinker builds the command as a release would, to
// check that -X still finds the variable (a rename would silently leave
// releases saying "(devel)").
func TestVersionStampedByLinker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "tidings")
	build := exec.Command("go", "build", "-buildvcs=false", "-ldflags", "-X main.version=v9.8.7-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Skipf("cannot build here: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || string(out) != "tidings v9.8.7-test\n" {
		t.Errorf("--version of a stamped build: %q, %v", out, err)
	}
}

// Issue 13: list on a folder without dumps says so, where an empty output
// alone would read as a day without stories.
func TestListSaysWhenNoDumps(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(t.TempDir(), "state.db")
	r := runForTest("list", "--state", state, dir)
	if r.code != 1 || r.stdout != "" || r.stderr != "tidings list: no dumps in "+dir+"\n" {
		t.Errorf("empty folder: %+v", r)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.bin"), []byte{0, 1, 2, 3, 0, 0, 0, 0}, 0o644); err != nil {
		t.Fatal(err)
	}
	r = runForTest("list", "--json", "--state", state, dir)
	if r.code != 1 || r.stdout != "[]\n" || !strings.HasSuffix(r.stderr, "\ntidings list: no dumps in "+dir+"\n") ||
		!strings.HasPrefix(r.stderr, "tidings: skipped ") {
		t.Errorf("a folder of one file that is not a dump: %+v", r)
	}
}

// commandPaths are the commands the command line defines, subcommands
// too ("state export"), without tidings before them.
func commandPaths() []string {
	var paths []string
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				paths = append(paths, strings.TrimPrefix(c.CommandPath(), "tidings "))
				walk(c)
			}
		}
	}
	walk((&app{}).commands())
	return paths
}

// Single-dash long flags went with the flag package; a word spelled so
// gets a hint rather than pflag's reading of it as -j -s -o -n.
func TestSingleDashLongFlagsGetAHint(t *testing.T) {
	for args, want := range map[string]string{
		"-help":            "tidings: unknown shorthand flag: 'e' in -elp (long flags take two dashes: --help)\n",
		"-version":         "tidings: unknown shorthand flag: 'v' in -version (long flags take two dashes: --version)\n",
		"list -json x":     "tidings list: unknown shorthand flag: 'j' in -json (long flags take two dashes: --json)\n",
		"list -state=s x":  "tidings list: unknown shorthand flag: 's' in -state=s (long flags take two dashes: --state)\n",
		"list -- -json -x": "",
	} {
		r := runForTest(strings.Fields(args)...)
		first, _, _ := strings.Cut(r.stderr, "\n")
		if want == "" {
			if strings.Contains(r.stderr, "two dashes") {
				t.Errorf("tidings %s: a hint after --: %q", args, r.stderr)
			}
			continue
		}
		if r.code != 2 || first+"\n" != want {
			t.Errorf("tidings %s: exit %d, %q; want 2, %q", args, r.code, first, want)
		}
	}
}
