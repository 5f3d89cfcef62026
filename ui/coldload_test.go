package ui

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"tidings/loader"
	"tidings/model"
)

// TestColdStartKeepsNoText: a first start from the dumps keeps no story's
// text in memory: both indexes come from the load's stream, the cache is
// written from them, a story's text is read from its dump when it is
// shown, and the filter finds stories by their text. The links, read from
// a file while the indexes were built (linksWritten), are a cold parse's.
func TestColdStartKeepsNoText(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 30)
	cold := cachedFolder(t, dir, cacheDir, false)
	cold.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && cold.cacheWritten() })
	if len(cold.m.lib.Articles) != 60 || cold.m.search.similar.Len() != 60 || cold.m.search.index.Len() != 60 {
		t.Fatalf("%d stories, a model over %d, an index over %d: want 60 each", len(cold.m.lib.Articles),
			cold.m.search.similar.Len(), cold.m.search.index.Len())
	}
	for _, a := range cold.m.lib.Articles {
		if !a.TextOnDisk || len(a.Paragraphs()) > 0 {
			t.Fatalf("%s: text in memory after a cold start", a.Headline)
		}
	}
	parsed := model.NewLibrary()
	loader.AddTo(parsed, loader.LoadAll(context.Background(), loader.Source{Paths: []string{dir}}, loader.Options{}))
	if got, want := linksOf(cold.m.lib), linksOf(parsed); got != want || !strings.Contains(want, "main") {
		t.Fatalf("links after a cold start:\n%s\nwant\n%s", got, want)
	}
	cold.keys("enter")
	cold.settle()
	cold.requireScreenContains("It happened on the quay this morning")
	cold.keys("q", "/")
	cold.typeText("more side 7") // "more" is in its text alone
	cold.keys("enter")
	if total, _ := cold.shown(); total != 1 {
		t.Errorf("the filter shows %d stories, want 1:\n%s", total, cold.screen())
	}
}

// linksOf lists every article's links, in order.
func linksOf(lib *model.Library) string {
	var b strings.Builder
	for _, a := range lib.Articles {
		fmt.Fprintf(&b, "%s:", a.ID)
		for _, l := range a.Links() {
			fmt.Fprintf(&b, " %s %s %s", l.To.ID, l.How, lib.TagOf(l))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// A cold start that writes no cache (a folder of files all skipped, or no
// cache folder) still ends its hold on the memory limit once its indexes
// are built: a reader left idle must not keep a cold load's limit.
func TestAColdStartWithNothingToCacheLetsGoOfTheMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, withCache := range []bool{true, false} {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "2025-03-03"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "2025-03-03", "a.bin"), []byte{0, 1, 2, 0, 0, 0xff, 0xfe}, 0o644); err != nil {
			t.Fatal(err)
		}
		cacheDir := ""
		if withCache {
			cacheDir = t.TempDir()
		}
		d := cachedFolder(t, dir, cacheDir, false)
		d.until("the cold load is over", func() bool { return d.m.search.cold == nil && d.m.search.index != nil })
		if len(d.m.lib.Pages) != 0 {
			t.Fatalf("%d pages from a folder of one binary file", len(d.m.lib.Pages))
		}
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("cache folder %v: the reader is idle with a memory limit of %d MiB", withCache, got>>20)
		}
	}
}
