package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
)

// inRepoRoot runs the test from the repository root, so that the paths in
// the output read as a user would type them.
func inRepoRoot(t *testing.T) {
	t.Chdir("../..")
	saveDayLocation = time.UTC
	// Files outside a dated folder take their day from the modification
	// time, which a checkout sets to now: pin it.
	flat, _ := filepath.Glob("testdata/dumps/flat/*")
	maildir, _ := filepath.Glob("testdata/formats/Maildir/*/*")
	flat = append(flat, maildir...)
	pinned := time.Date(2025, 3, 5, 8, 30, 0, 0, time.UTC)
	for _, f := range flat {
		if err := os.Chtimes(f, pinned, pinned); err != nil {
			t.Fatal(err)
		}
	}
}

// sampleRoots are the folders of test dumps, each with the prefix its files'
// goldens take under testdata/TestInspectGolden. testdata/authors is apart
// from testdata/dumps because the ui's tests load the whole of that folder
// and count its stories.
var sampleRoots = []struct{ dir, golden string }{
	{"testdata/dumps/", ""},
	{"testdata/authors/", "authors/"},
	{"testdata/formats/", "formats/"},
}

// sampleFiles lists every test dump, with the name of its golden file.
func sampleFiles(t *testing.T) (files, goldens []string) {
	for _, root := range sampleRoots {
		err := filepath.WalkDir(root.dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files = append(files, path)
				goldens = append(goldens, root.golden+strings.TrimPrefix(path, root.dir))
			}
			return err
		})
		if err != nil {
			t.Fatalf("test dumps: %v", err)
		}
	}
	if len(files) == 0 {
		t.Fatal("no test dumps")
	}
	return files, goldens
}

// TestInspectGolden compares `inspect --json` on every sample with its
// golden file (go test ./cmd/tidings -run InspectGolden -update rewrites
// them; read the diff before committing).
func TestInspectGolden(t *testing.T) {
	inRepoRoot(t)
	files, goldens := sampleFiles(t)
	for i, file := range files {
		t.Run(goldens[i], func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"inspect", "--json", file}, nil, &stdout, &stderr)
			var out jsonInspect
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
			}
			switch {
			case len(out.Dumps) == 1 && code != 0, len(out.Dumps) == 0 && code != 1:
				t.Fatalf("exit status %d with %d dumps", code, len(out.Dumps))
			case len(out.Errors) > 0 && !strings.Contains(stderr.String(), file):
				t.Fatalf("the skipped file is not named on stderr: %q", stderr.String())
			}
			golden.RequireEqual(t, stdout.Bytes())
		})
	}
}

func TestInspectUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"inspect", "--bogus", "x"}, nil, &stdout, &stderr); code != 2 {
		t.Fatalf("unknown flag: exit %d", code)
	}
	if code := run([]string{"list", "/nonexistent"}, nil, &stdout, &stderr); code != 1 {
		t.Fatalf("nothing loaded: exit %d", code)
	}
	if !strings.Contains(stderr.String(), "/nonexistent: no such file or folder") {
		t.Fatalf("stderr: %q", stderr.String())
	}
}

func TestListOnceNewestDayFirst(t *testing.T) {
	inRepoRoot(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"list", "--json", "testdata/dumps"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var listed []jsonListed
	if err := json.Unmarshal(stdout.Bytes(), &listed); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, l := range listed {
		if seen[l.ID] {
			t.Fatalf("story %s listed twice", l.ID)
		}
		seen[l.ID] = true
		if i > 0 && l.Day > listed[i-1].Day && listed[i-1].Day != "" {
			t.Fatalf("day %s after %s", l.Day, listed[i-1].Day)
		}
	}
	// The story that is a main story on one page (no source named) and a
	// related story on another is listed once, with the source.
	count := 0
	for _, l := range listed {
		if l.Headline == "Seal pup Biscuit gains two kilograms" {
			count++
			if l.Source != "Harbour FM News" {
				t.Errorf("merged story has source %q", l.Source)
			}
		}
	}
	if count != 1 {
		t.Errorf("the shared story is listed %d times", count)
	}
}

// TestInspectSummaryCounts checks the last line of the text output: the
// singular for one dump or one skipped file, the plural otherwise.
func TestInspectSummaryCounts(t *testing.T) {
	cases := []struct {
		dumps, errors int
		want          string
	}{
		{1, 1, "1 dump loaded, 1 file skipped\n"},
		{2, 0, "2 dumps loaded, 0 files skipped\n"},
		{0, 3, "0 dumps loaded, 3 files skipped\n"},
	}
	for _, c := range cases {
		out := jsonInspect{Dumps: make([]jsonDump, c.dumps), Errors: make([]jsonError, c.errors)}
		for i := range out.Dumps {
			out.Dumps[i].Format = "dump"
		}
		var buf bytes.Buffer
		printInspectSummary(&buf, out)
		lines := strings.SplitAfter(buf.String(), "\n")
		if got := lines[len(lines)-2]; got != c.want {
			t.Errorf("%d dumps, %d errors: last line %q, want %q", c.dumps, c.errors, got, c.want)
		}
		// Files of other formats are counted as files, not dumps.
		if c.dumps > 0 {
			out.Dumps[0].Format = "rss"
			buf.Reset()
			printInspectSummary(&buf, out)
			if want := strings.Replace(strings.Replace(c.want, "dumps loaded", "files loaded", 1), "dump loaded", "file loaded", 1); !strings.HasSuffix(buf.String(), want) {
				t.Errorf("with a feed: %q, want the end %q", buf.String(), want)
			}
		}
	}
}

// TestInspectTextOneFile runs inspect on one dump and one file that is not
// a dump: each count is singular.
func TestInspectTextOneFile(t *testing.T) {
	inRepoRoot(t)
	var stdout, stderr bytes.Buffer
	code := run([]string{"inspect", "testdata/dumps/2025-03-03/article_basic.txt", "testdata/dumps/2025-03-03/empty.txt"}, nil, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.HasSuffix(stdout.String(), "\n1 dump loaded, 1 file skipped\n") {
		t.Errorf("stdout ends %q", stdout.String())
	}
}
