package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"
)

// Issue 18, item 13: every command that takes paths reads, without one,
// what the reader opens: $TIDINGS_DUMPS, else $XDG_DATA_HOME/tidings/dumps,
// else the bundled samples.
func TestCommandsWithoutPathsReadTheReadersDefault(t *testing.T) {
	inRepoRoot(t)
	dumps := "testdata/dumps/2025-03-04"
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("TIDINGS_STATE", filepath.Join(t.TempDir(), "state.db"))
	defer xdg.Reload()
	commands := [][]string{{"list"}, {"list", "--json"}, {"inspect"}, {"inspect", "--json"}, {"related", "980936e72688d1af"}}

	sameAsGiven := func(what string) {
		t.Helper()
		for _, args := range commands {
			got, want := runForTest(args...), runForTest(append(args, dumps)...)
			if got != want || got.code != 0 {
				t.Errorf("%s: tidings %s: %+v\nwant as with %s: %+v", what, strings.Join(args, " "), got, dumps, want)
			}
		}
	}
	t.Setenv("TIDINGS_DUMPS", dumps)
	xdg.Reload()
	sameAsGiven("$TIDINGS_DUMPS")

	// $XDG_DATA_HOME/tidings/dumps as a link to the same folder: the
	// commands name the paths they read, so the link is given to compare.
	t.Setenv("TIDINGS_DUMPS", "")
	abs, err := filepath.Abs(dumps)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(data, "tidings"), 0o755); err != nil {
		t.Fatal(err)
	}
	dumps = filepath.Join(data, "tidings", "dumps")
	if err := os.Symlink(abs, dumps); err != nil {
		t.Fatal(err)
	}
	xdg.Reload()
	sameAsGiven("$XDG_DATA_HOME/tidings/dumps")

	// Neither: the samples bundled into the binary.
	if err := os.Remove(dumps); err != nil {
		t.Fatal(err)
	}
	xdg.Reload()
	samples := runForTest("list", "samples/dumps")
	if r := runForTest("list"); r.code != 0 || r.stdout != samples.stdout || samples.stdout == "" {
		t.Errorf("list of the bundled samples: %+v\nwant as list samples/dumps: %+v", r, samples)
	}
	if r := runForTest("inspect"); r.code != 0 || !strings.Contains(r.stdout, "dumps loaded, 0 files skipped") {
		t.Errorf("inspect of the bundled samples: %+v", r)
	}
}

// Issue 18, item 12: help for a command that does not exist says so,
// suggests the nearest, and fails as a usage error.
func TestHelpOfAnUnknownCommand(t *testing.T) {
	for args, want := range map[string]string{
		"help nosuch":     "tidings help: unknown command \"nosuch\"\nusage: tidings help [COMMAND]\n",
		"help lsit":       "tidings help: unknown command \"lsit\" (did you mean tidings list?)\nusage: tidings help [COMMAND]\n",
		"help state expo": "tidings help: unknown command \"expo\" (did you mean tidings state export?)\nusage: tidings help [COMMAND]\n",
	} {
		r := runForTest(strings.Fields(args)...)
		if r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, want) {
			t.Errorf("tidings %s: %+v, want exit 2 and stderr starting %q", args, r, want)
		}
	}
	if r := runForTest("help", "state", "import"); r.code != 0 || !strings.HasPrefix(r.stdout, "usage: tidings state import") {
		t.Errorf("help state import: %+v", r)
	}
}
