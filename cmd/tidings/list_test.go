package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestListOnlyDumps: a folder of clippings that also holds go.mod, Go
// source, a README and JSON lists only the dump's stories, and says on
// stderr why each other file was skipped (issue 10, B). A file named on the
// command line is checked the same way.
func TestListOnlyDumps(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"000_1a2b3c4d5e6f7a8b.txt": "Harbour pontoons reopen after storm checks\n" +
			"PORTMERE, March 3 (Esker Wire) - The harbour pontoons reopened on Monday.\n" +
			"Related Articles\n\nTarrow Islander\n2 hours ago\n- Tarrow Islander\nIsland bus to run on Sundays from May\nThe bus will run on Sundays.\n",
		"go.mod":     "module example.com/clippings\n\ngo 1.26\n",
		"main.go":    "// Package main sorts clippings.\npackage main\n\nfunc main() {}\n",
		"README.md":  "# My clippings\n\nSaved every morning.\n",
		"index.json": "{\n  \"files\": 1\n}\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"list", "--json", "--state", filepath.Join(t.TempDir(), "state.db"), dir}, nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var listed []jsonListed
	if err := json.Unmarshal(stdout.Bytes(), &listed); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout.String())
	}
	var got []string
	for _, l := range listed {
		got = append(got, l.Headline)
	}
	sort.Strings(got)
	want := "Harbour pontoons reopen after storm checks|Island bus to run on Sundays from May"
	if strings.Join(got, "|") != want {
		t.Errorf("listed %q, want only the dump's two stories", got)
	}
	for name, reason := range map[string]string{
		"go.mod":     "not a dump: looks like a go.mod file",
		"main.go":    "not a dump: looks like Go source",
		"README.md":  "not a dump: looks like Markdown",
		"index.json": "not a dump: looks like JSON",
	} {
		line := "tidings: skipped " + filepath.Join(dir, name) + ": " + reason + "\n"
		if !strings.Contains(stderr.String(), line) {
			t.Errorf("stderr lacks %q:\n%s", line, stderr.String())
		}
	}

	// Named on the command line, alone: nothing loads.
	stdout.Reset()
	stderr.Reset()
	main := filepath.Join(dir, "main.go")
	if code := run([]string{"inspect", main}, nil, &stdout, &stderr); code != 1 {
		t.Errorf("inspect main.go: exit %d, want 1", code)
	}
	if want := "tidings: skipped " + main + ": not a dump: looks like Go source\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}
