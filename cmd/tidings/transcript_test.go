package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/adrg/xdg"
)

var updateTranscript = flag.Bool("update-transcript", false, "rewrite testdata/TestCommandLineTranscript/transcript.txt")

// transcriptRuns are the invocations whose output and exit status the
// transcript keeps, in order: later ones see the marks earlier ones made.
// A change of command-line machinery shows in the transcript's diff as
// every change of output it brings.
var transcriptRuns = []struct {
	args  []string
	stdin string
	// firstLine keeps only stdout's first line (completion scripts).
	firstLine bool
}{
	// The reader, up to where its screen would open.
	{args: []string{"--help"}}, {args: []string{"-h"}}, {args: []string{"-help"}}, {args: []string{"help"}},
	{args: []string{"--version"}}, {args: []string{"-version"}}, {args: []string{"--no-watch", "--version"}},
	{args: []string{"--bogus"}}, {args: []string{"--state"}}, {args: []string{"--no-watch=maybe", "x"}},
	{args: []string{"nosuch"}}, {args: []string{"lsit"}}, {args: []string{"inspcet"}}, {args: []string{"statee"}},
	{args: []string{"nosuch", "other"}}, {args: []string{"testdata/nosuch"}}, {args: []string{"$TMP/empty"}},
	{args: []string{"--state", "$TMP/state.db", "--help"}},
	{args: []string{"help", "nosuch"}}, {args: []string{"help", "lsit"}}, {args: []string{"help", "help"}},
	{args: []string{"help", "list", "extra"}},
	// version
	{args: []string{"version"}}, {args: []string{"version", "extra"}}, {args: []string{"version", "--help"}},
	{args: []string{"help", "version"}}, {args: []string{"version", "--bogus"}},
	// inspect
	{args: []string{"inspect", "--help"}}, {args: []string{"inspect", "-h"}}, {args: []string{"help", "inspect"}},
	{args: []string{"inspect"}}, {args: []string{"inspect", "--bogus", "x"}}, {args: []string{"inspect", "testdata/nosuch"}},
	{args: []string{"inspect", "testdata/dumps/2025-03-04"}},
	{args: []string{"inspect", "--json", "testdata/dumps/2025-03-04/shared_main_no_source.txt"}},
	{args: []string{"inspect", "testdata/dumps/2025-03-04/shared_main_no_source.txt", "--json"}},
	{args: []string{"inspect", "--", "--json"}}, {args: []string{"inspect", "$TMP/empty"}},
	// list
	{args: []string{"list", "--help"}}, {args: []string{"help", "list"}}, {args: []string{"list", "somewhere", "-help"}},
	{args: []string{"list"}}, {args: []string{"list", "--bogus"}}, {args: []string{"list", "--json=maybe", "x"}},
	{args: []string{"list", "testdata/dumps"}}, {args: []string{"list", "--json", "testdata/dumps/2025-03-04"}},
	{args: []string{"list", "testdata/dumps/2025-03-04", "--json"}}, {args: []string{"list", "--no-cache", "samples/dumps"}},
	{args: []string{"list", "--state", "$TMP/state.db", "testdata/dumps/2025-03-04"}},
	{args: []string{"list", "--query", "salt -live", "testdata/dumps/2025-03-04"}},
	{args: []string{"list", "testdata/dumps/2025-03-04", "--query=day:nonsense"}},
	{args: []string{"list", "testdata/nosuch"}}, {args: []string{"list", "$TMP/empty"}}, {args: []string{"list", "--json", "$TMP/empty"}},
	// related
	{args: []string{"related", "--help"}}, {args: []string{"help", "related"}}, {args: []string{"related"}},
	{args: []string{"related", "fb987b302f49a538"}}, {args: []string{"related", "--bogus"}},
	{args: []string{"related", "zz", "testdata/dumps"}}, {args: []string{"related", "0000000000000000", "testdata/dumps"}},
	{args: []string{"related", "fb987b302f49a538", "testdata/dumps"}},
	{args: []string{"related", "980936e72688d1af", "testdata/dumps"}},
	{args: []string{"related", "--json", "980936e72688d1af", "testdata/dumps"}},
	{args: []string{"related", "--no-cache", "980936E72688D1AF", "testdata/dumps"}},
	{args: []string{"related", "980936e72688d1af", "$TMP/empty"}},
	// export
	{args: []string{"export", "--help"}}, {args: []string{"help", "export"}}, {args: []string{"export", "--bogus"}},
	{args: []string{"export", "--format", "pdf"}}, {args: []string{"export", "--query", "day:nonsense"}},
	{args: []string{"export", "--query", "salt -live", "testdata/dumps/2025-03-04"}},
	{args: []string{"export", "--format", "json", "--query", "salt -live", "testdata/dumps/2025-03-04"}},
	{args: []string{"export", "--query", "nothingmatchesthis"}},
	{args: []string{"export", "--out", "$TMP/brief.html", "testdata/dumps/2025-03-04"}},
	{args: []string{"export", "--out", "$TMP/nosuch/brief.md"}}, {args: []string{"export", "$TMP/empty"}},
	// mark
	{args: []string{"mark", "--help"}}, {args: []string{"help", "mark"}}, {args: []string{"mark", "read", "-h"}},
	{args: []string{"mark"}}, {args: []string{"mark", "read"}}, {args: []string{"mark", "--bogus", "read", "x"}},
	{args: []string{"mark", "reed", "980936e72688d1af"}}, {args: []string{"mark", "read", "zz"}},
	{args: []string{"mark", "read", "980936e72688d1af", "980936E72688D1AF"}},
	{args: []string{"mark", "star", "fb987b302f49a538"}}, {args: []string{"mark", "--state", "$TMP/state.db", "unread", "fb987b302f49a538"}},
	// label, and list by label, saved search and order
	{args: []string{"label", "--help"}}, {args: []string{"help", "label", "add"}}, {args: []string{"label"}},
	{args: []string{"label", "bogus"}}, {args: []string{"label", "add", "brief"}},
	{args: []string{"label", "add", "two words", "980936e72688d1af"}}, {args: []string{"label", "add", "brief", "zz"}},
	{args: []string{"label", "list", "--state", "$TMP/nostate.db"}},
	{args: []string{"label", "add", "Brief", "980936e72688d1af", "fb987b302f49a538"}},
	{args: []string{"label", "add", "follow-up", "980936e72688d1af"}},
	{args: []string{"label", "remove", "brief", "fb987b302f49a538"}}, {args: []string{"label", "list"}},
	{args: []string{"list", "--query", "label:brief", "testdata/dumps/2025-03-04"}},
	{args: []string{"list", "--json", "--query", "label:follow-up", "testdata/dumps/2025-03-04"}},
	{args: []string{"list", "--search", "brief", "--config", "$TMP/searches.toml", "testdata/dumps/2025-03-04"}},
	{args: []string{"list", "--search", "starred", "testdata/dumps/2025-03-04"}},
	{args: []string{"list", "--search", "breif", "--config", "$TMP/searches.toml", "testdata/dumps/2025-03-04"}},
	{args: []string{"list", "--sort", "published", "testdata/dumps/2025-03-04"}},
	{args: []string{"list", "--sort", "source", "testdata/dumps/2025-03-04"}}, {args: []string{"list", "--sort", "date"}},
	// state
	{args: []string{"state", "--help"}}, {args: []string{"help", "state"}}, {args: []string{"state", "export", "--help"}},
	{args: []string{"state", "import", "--help"}}, {args: []string{"state"}}, {args: []string{"state", "bogus"}},
	{args: []string{"state", "export", "extra"}}, {args: []string{"state", "import"}}, {args: []string{"state", "--bogus", "export"}},
	{args: []string{"state", "export"}},
	{args: []string{"state", "export", "--state", "$TMP/nostate.db"}},
	{args: []string{"state", "import", "-"}, stdin: `{"id":"980936e72688d1af","read":true,"read_changed_at":"2025-03-04T10:00:00Z","starred":false}` + "\n"},
	{args: []string{"state", "import", "-"}, stdin: `{"id":"980936e72688d1af","read":true,"read_changed_at":"2025-03-04T10:00:00Z","starred":false}` + "\n"},
	{args: []string{"state", "import", "-"}, stdin: "not json\n"},
	{args: []string{"state", "import", "-"}, stdin: `{"id":"zz","read":true}` + "\n"},
	{args: []string{"state", "import", "-"}, stdin: `{"id":"0123456789ABCDEF","read":true,"read_changed_at":"2025-03-04T10:00:00Z"}` + "\n"},
	{args: []string{"state", "import", "testdata/nosuch"}},
	{args: []string{"state", "export"}},
	// cache
	{args: []string{"cache", "--help"}}, {args: []string{"help", "cache"}}, {args: []string{"cache"}},
	{args: []string{"cache", "wipe"}}, {args: []string{"cache", "dir", "extra"}}, {args: []string{"cache", "dir"}},
	{args: []string{"cache", "clear"}}, {args: []string{"cache", "clear"}}, {args: []string{"cache", "--bogus"}},
	// config
	{args: []string{"config", "--help"}}, {args: []string{"help", "config"}}, {args: []string{"config"}},
	{args: []string{"config", "extra"}}, {args: []string{"config", "--bogus"}},
	{args: []string{"config", "--config", "$TMP/nosuch.toml"}}, {args: []string{"config", "--config", "$TMP/bad.toml"}},
	// completion
	{args: []string{"completion", "--help"}}, {args: []string{"help", "completion"}}, {args: []string{"completion"}},
	{args: []string{"completion", "tcsh"}}, {args: []string{"completion", "bash", "zsh"}},
	{args: []string{"completion", "bash"}, firstLine: true}, {args: []string{"completion", "zsh"}, firstLine: true},
	{args: []string{"completion", "fish"}, firstLine: true}, {args: []string{"completion", "powershell"}, firstLine: true},
}

var changedAt = regexp.MustCompile(`("((read|star)_)?changed_at":")[^"]*"`)

// TestCommandLineTranscript runs every command a broad set of ways and
// compares stdout, stderr and the exit status of each with the transcript
// kept in testdata (go test -run TestCommandLineTranscript
// -update-transcript rewrites it).
func TestCommandLineTranscript(t *testing.T) {
	inRepoRoot(t)
	defer func(v string) { version = v }(version)
	version = "v0.0.0-transcript"
	tmp := t.TempDir()
	if err := os.Mkdir(filepath.Join(tmp, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "bad.toml"), []byte("list_widht = 0.4\nmuted = 999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	searches := "[searches]\nbrief = \"label:brief is:unread\"\n"
	if err := os.WriteFile(filepath.Join(tmp, "searches.toml"), []byte(searches), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TIDINGS_DUMPS", "testdata/dumps/2025-03-04")
	t.Setenv("TIDINGS_STATE", filepath.Join(tmp, "state.db"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(tmp, "cache"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(tmp, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(tmp, "data"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(tmp, "xdgstate"))
	xdg.Reload()
	defer xdg.Reload()

	var got strings.Builder
	for _, r := range transcriptRuns {
		args := make([]string, len(r.args))
		for i, a := range r.args {
			args[i] = strings.ReplaceAll(a, "$TMP", tmp)
		}
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(r.stdin), &stdout, &stderr)
		out := stdout.String()
		if r.firstLine {
			out, _, _ = strings.Cut(out, "\n")
			out += "\n[rest of the script left out]\n"
		}
		fmt.Fprintf(&got, "$ tidings %s\n", strings.Join(r.args, " "))
		if r.stdin != "" {
			fmt.Fprintf(&got, "stdin: %s", r.stdin)
		}
		fmt.Fprintf(&got, "exit %d\n", code)
		for _, part := range []struct{ name, text string }{{"stdout", out}, {"stderr", stderr.String()}} {
			if part.text == "" {
				continue
			}
			text := strings.ReplaceAll(part.text, tmp, "$TMP")
			text = changedAt.ReplaceAllString(text, `${1}TIME"`)
			fmt.Fprintf(&got, "--- %s\n%s", part.name, text)
			if !strings.HasSuffix(text, "\n") {
				fmt.Fprintf(&got, "\n[no newline at the end]\n")
			}
		}
		got.WriteString("\n")
	}
	path := filepath.Join("testdata", "TestCommandLineTranscript", "transcript.txt")
	if *updateTranscript {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		gotLines, wantLines := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
		i := 0
		for i < len(gotLines) && i < len(wantLines) && gotLines[i] == wantLines[i] {
			i++
		}
		from := max(0, i-8)
		t.Errorf("the command line's outputs differ from %s from line %d (-update-transcript rewrites it)\nwant:\n%s\ngot:\n%s",
			path, i+1, strings.Join(wantLines[from:min(len(wantLines), i+8)], "\n"), strings.Join(gotLines[from:min(len(gotLines), i+8)], "\n"))
	}
}
