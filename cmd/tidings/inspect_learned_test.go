package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// inspect removes the lines learned as the site's from the files it was
// given (class learned), and counts them; given one of those files alone,
// it learns nothing and removes nothing.
func TestInspectRemovesLearnedSiteLines(t *testing.T) {
	dir := t.TempDir()
	headlines := []string{"Orchard growers count frost losses", "Quarry road resurfaced before winter",
		"Choir wins regional prize", "Lifeboat crew trains volunteers", "Bandstand roof repaired by carpenters"}
	const site = "Tips go to the desk at any hour, day or night."
	var files []string
	for i, h := range headlines {
		day := filepath.Join(dir, fmt.Sprintf("2025-03-0%d", 3+i%2))
		os.MkdirAll(day, 0o755)
		f := filepath.Join(day, fmt.Sprintf("%d.txt", i))
		page := fmt.Sprintf("%s\nPORTMERE, March 3 (Esker Wire) - Own paragraph number %d of a story that is long enough.\n%s\nRelated Articles\n", h, i, site)
		if err := os.WriteFile(f, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"inspect", "--json", dir}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var out jsonInspect
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Dumps) != len(headlines) {
		t.Fatalf("%d dumps", len(out.Dumps))
	}
	for _, d := range out.Dumps {
		m := d.Main
		if slices.Contains(m.Paragraphs, site) || len(m.Paragraphs) != 1 {
			t.Errorf("%s: paragraphs %q", d.Path, m.Paragraphs)
		}
		if !slices.Contains(m.Removed, jsonRemoved{Class: "learned", Text: site}) {
			t.Errorf("%s: removed %+v", d.Path, m.Removed)
		}
	}
	stdout.Reset()
	if code := run([]string{"inspect", dir}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "(1 paragraph, 1 piece of site furniture removed)") ||
		!strings.HasSuffix(stdout.String(), "5 dumps loaded, 0 files skipped, 5 pieces of site furniture removed\n") {
		t.Errorf("inspect says:\n%s", stdout.String())
	}
	stdout.Reset()
	if code := run([]string{"inspect", "--json", files[0]}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if strings.Contains(stdout.String(), `"learned"`) {
		t.Errorf("one file alone teaches nothing:\n%s", stdout.String())
	}
}
