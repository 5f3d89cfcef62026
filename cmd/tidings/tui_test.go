package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// screenBuffer collects what the reader draws, safely across goroutines.
type screenBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *screenBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *screenBuffer) contains(s string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Contains(b.buf.String(), s)
}

// runReader runs the reader on paths in a terminal of its own, waits for
// the screen to show want, types q, and returns the exit status.
func runReader(t *testing.T, want string, paths ...string) int {
	t.Helper()
	return runReaderWithConfig(t, []string{want}, filepath.Join(t.TempDir(), "none.toml"), paths...)
}

// runReaderWithConfig is runReader with a settings file, waiting for the
// screen to show each of wants.
func runReaderWithConfig(t *testing.T, wants []string, config string, paths ...string) int {
	t.Helper()
	dir := t.TempDir()
	args := append([]string{"--state", filepath.Join(dir, "state.db"), "--config", config}, paths...)
	in, typed := io.Pipe()
	screen := &screenBuffer{}
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(args, nil, screen, &stderr, tea.WithInput(in), tea.WithOutput(screen), tea.WithWindowSize(80, 24))
	}()
	deadline := time.Now().Add(10 * time.Second)
	for _, want := range wants {
		for !screen.contains(want) {
			if time.Now().After(deadline) {
				t.Fatalf("the screen never showed %q", want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	typed.Write([]byte("q"))
	select {
	case code := <-done:
		return code
	case <-time.After(10 * time.Second):
		t.Fatal("q did not quit")
	}
	return -1
}

func TestReaderExitStatus(t *testing.T) {
	notDumps := t.TempDir()
	if err := os.WriteFile(filepath.Join(notDumps, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code := runReader(t, "No dumps loaded", notDumps); code != 1 {
		t.Errorf("nothing loaded: exit %d, want 1", code)
	}
	if code := runReader(t, "unread / ", "../../samples/dumps"); code != 0 {
		t.Errorf("samples loaded: exit %d, want 0", code)
	}
}

// Issue 13: mistakes in the settings file reach the reader's warnings,
// one each, and the settings without a mistake apply.
func TestReaderWarnsOfSettingsMistakes(t *testing.T) {
	config := writeConfig(t, "split_min_widht = 90\ntheme = 'dark'\n[keys]\ntoggle_stra = ['x']\n")
	// The warnings show from the first frame; the stories, once loaded.
	if code := runReaderWithConfig(t, []string{"⚠ 2 (w)", "unread / "}, config, "../../samples/dumps"); code != 0 {
		t.Errorf("exit %d", code)
	}
}

func TestLightBackgroundFromCOLORFGBG(t *testing.T) {
	for value, light := range map[string]bool{
		"0;15": true, "0;7": true, "0;default;15": true, "15;0": false, "7;8": false,
		"": false, "15": false, "0;bright": false,
	} {
		if got := lightBackground(value); got != light {
			t.Errorf("COLORFGBG=%q: light %v, want %v", value, got, light)
		}
	}
}

// runReaderUntilScreen runs the reader on args, which must end it before
// its screen opens, and returns what it wrote.
func runReaderUntilScreen(t *testing.T, args ...string) cmdResult {
	t.Helper()
	dir := t.TempDir()
	args = append([]string{"--state", filepath.Join(dir, "state.db"), "--config", filepath.Join(dir, "none.toml")}, args...)
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	// No terminal is given: a screen opening would fail or hang, not pass.
	go func() { done <- run(args, nil, &stdout, &stderr, tea.WithInput(nil), tea.WithOutput(io.Discard)) }()
	select {
	case code := <-done:
		return cmdResult{code, stdout.String(), stderr.String()}
	case <-time.After(10 * time.Second):
		t.Fatalf("tidings %v opened its screen", args)
	}
	return cmdResult{}
}

// Issue 13: a path that does not exist ends the reader before its screen
// opens, naming the path; so does a folder holding no file at all.
func TestReaderRefusesMissingPathsAndEmptyFolders(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-folder")
	r := runReaderUntilScreen(t, "../../samples/dumps", missing)
	if r.code != 1 || r.stdout != "" || r.stderr != "tidings: no such file or folder: "+missing+"\n" {
		t.Errorf("a missing path beside a good one: %+v", r)
	}
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink(missing, dangling); err != nil {
		t.Fatal(err)
	}
	if r := runReaderUntilScreen(t, dangling); r.code != 1 || r.stderr != "tidings: "+dangling+": a symbolic link to nothing\n" {
		t.Errorf("a dangling link: %+v", r)
	}
	// Issue 18, item 11: a first word that is no path, within two edits of
	// a command, is a usage error; beyond, a missing path.
	for word, command := range map[string]string{"lsit": "list", "LIST": "list", "inspcet": "inspect", "confg": "config", "stat": "state", "versoin": "version"} {
		want := `tidings: "` + word + `" is neither a command nor a file or folder (did you mean tidings ` + command + "?)\n"
		if r := runReaderUntilScreen(t, word, "../../samples/dumps"); r.code != 2 || r.stderr != want {
			t.Errorf("a mistyped command: %+v, want %q", r, want)
		}
	}
	if r := runReaderUntilScreen(t, "lxyzt"); r.code != 1 || r.stderr != "tidings: no such file or folder: lxyzt\n" {
		t.Errorf("three edits from list: %+v", r)
	}
	t.Setenv("TIDINGS_DUMPS", missing)
	if r := runReaderUntilScreen(t); r.code != 1 || r.stderr != "tidings: no such file or folder: "+missing+" (from $TIDINGS_DUMPS)\n" {
		t.Errorf("$TIDINGS_DUMPS missing: %+v", r)
	}

	// Empty, but for hidden files, empty folders and a link back up.
	empty := filepath.Join(dir, "empty")
	for _, d := range []string{"2025-03-03", ".git/objects"} {
		if err := os.MkdirAll(filepath.Join(empty, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(empty, ".DS_Store"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(empty, filepath.Join(empty, "2025-03-03", "loop")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TIDINGS_DUMPS", empty)
	if r := runReaderUntilScreen(t); r.code != 1 || r.stdout != "" || r.stderr != "tidings: no dumps in "+empty+": no files there\n" {
		t.Errorf("an empty folder: %+v", r)
	}
}

func TestHoldNoFiles(t *testing.T) {
	dir := t.TempDir()
	if !holdNoFiles([]string{dir}) {
		t.Error("an empty folder holds files")
	}
	deep := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(deep, "c.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	linked := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(linked, "to-a")); err != nil {
		t.Fatal(err)
	}
	for name, paths := range map[string][]string{
		"a file deep down":            {dir},
		"one folder of two":           {other, dir},
		"a file named":                {filepath.Join(deep, "c.txt")},
		"a file behind a folder link": {linked},
		"nothing named":               {},
	} {
		if holdNoFiles(paths) {
			t.Errorf("%s: said to hold no files", name)
		}
	}
}
