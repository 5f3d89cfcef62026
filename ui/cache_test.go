package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tidings/cache"
	"tidings/loader"
	"tidings/model"
)

// cachedFolder writes a folder of small dumps and a driver that reads it
// with a parse cache in cacheDir.
func cachedFolder(t *testing.T, dir, cacheDir string, watch bool) *driver {
	t.Helper()
	return newDriver(t, 100, 20, func(o *Options) {
		o.Source = loader.Source{Paths: []string{dir}}
		o.Cache = cache.Cache{Dir: cacheDir}
		o.Watch = watch
	})
}

func writeQuayDumps(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		writeDump(t, filepath.Join(dir, "2025-03-03", fmt.Sprintf("%02d.txt", i)),
			dumpText(fmt.Sprintf("Quay story number %d", i), fmt.Sprintf("Quay side story %d", i)))
	}
}

// cacheWritten is true once the library has settled and the cache holds it.
func (d *driver) cacheWritten() bool {
	return d.m.settled() && !d.m.search.cacheDirty && d.m.search.readers == 0
}

func cacheFiles(dir string) []string {
	names, _ := filepath.Glob(filepath.Join(dir, "*.cache"))
	return names
}

// TestWarmStartReadsTextFromTheDumps: the first start parses the dumps and
// writes the cache once both indexes are built; the second starts from the
// cache with no text in memory, reads a story's text from its dump when it
// is shown, filters from the cached index, and says a story whose dump
// went away since is gone.
func TestWarmStartReadsTextFromTheDumps(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 30)
	cold := cachedFolder(t, dir, cacheDir, false)
	cold.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && cold.cacheWritten() })
	cold.m.Close()

	warm := cachedFolder(t, dir, cacheDir, false)
	if len(warm.m.lib.Articles) != 60 {
		t.Fatalf("%d stories from the cache, want 60", len(warm.m.lib.Articles))
	}
	for _, a := range warm.m.lib.Articles {
		if !a.TextOnDisk || len(a.Paragraphs()) > 0 {
			t.Fatalf("%s: text in memory after a start from the cache", a.Headline)
		}
	}
	warm.keys("enter")
	warm.settle()
	warm.requireScreenContains("It happened on the quay this morning")

	warm.keys("q", "/")
	warm.typeText("side 7")
	warm.keys("enter")
	if total, _ := warm.shown(); total != 1 {
		t.Errorf("the filter from the cached index shows %d stories, want 1:\n%s", total, warm.screen())
	}
	warm.keys("esc")

	// A dump removed behind the reader's back (no watching): its story is
	// listed until the next start, and says it is gone when opened.
	var sel *model.Article
	for _, a := range warm.m.lib.Articles {
		if a.Headline == "Quay story number 20" {
			sel = a
		}
	}
	for _, p := range sel.Pages {
		if err := os.Remove(p.Path); err != nil {
			t.Fatal(err)
		}
	}
	warm.keys("/")
	warm.typeText("number 20")
	warm.keys("enter", "enter")
	warm.settle()
	warm.requireScreenContains("Gone:", "was removed")

	// The next start drops it, and writes the cache back.
	warm.m.Close()
	again := cachedFolder(t, dir, cacheDir, false)
	if a := again.m.lib.ByID(sel.ID); a != nil {
		t.Errorf("%q is still listed after its dump was removed", a.Headline)
	}
	again.until("the cache is written back", again.cacheWritten)
	if !strings.Contains(again.screen(), "Since the last start: 1 file removed") {
		t.Errorf("the start does not say what changed:\n%s", again.screen())
	}
}

// TestRemovedAndChangedDumpsWhileReading: with watching, a removed dump's
// stories leave the list, and a changed dump's new story comes in, found
// by the filter, with no restart.
func TestRemovedAndChangedDumpsWhileReading(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 30)
	first := cachedFolder(t, dir, cacheDir, false)
	first.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && first.cacheWritten() })
	first.m.Close()

	d := cachedFolder(t, dir, cacheDir, true)
	os.Remove(filepath.Join(dir, "2025-03-03", "05.txt"))
	d.until("the removal is applied", func() bool { return strings.Contains(d.screen(), "1 file removed") })
	if a := d.m.lib.ByID(first.m.lib.Articles[10].ID); a != nil && strings.Contains(a.Headline, "number 5") {
		t.Errorf("%q is still listed", a.Headline)
	}
	d.keys("/")
	d.typeText("number 5")
	d.keys("enter")
	if total, _ := d.shown(); total != 0 {
		t.Errorf("the removed story is still found:\n%s", d.screen())
	}
	d.keys("esc")

	writeDump(t, filepath.Join(dir, "2025-03-03", "06.txt"), dumpText("Lighthouse keeper named by the council", "Quay side story 6"))
	d.until("the change is applied", func() bool { return strings.Contains(d.screen(), "1 new story") && !d.m.search.indexing })
	d.keys("/")
	d.typeText("lighthouse keeper")
	d.keys("enter")
	if total, _ := d.shown(); total != 1 {
		t.Errorf("the changed dump's new story: %d found:\n%s", total, d.screen())
	}
	d.keys("esc")
	d.typeText("/")
	d.typeText("number 6")
	d.keys("enter")
	if total, _ := d.shown(); total != 0 {
		t.Errorf("the changed dump's old story is still listed:\n%s", d.screen())
	}
	d.keys("esc")
	// The cache is written back in the background: the test's folders go
	// only once it has been (a writer still at work left a file in them).
	d.until("the cache is written back", d.cacheWritten)
}

// TestSimilarStoriesAreMadeAgainFromTheDumps: a start from the cache that
// finds changed files builds the similar-stories model again from the
// dumps in the background, then writes the cache, and the next start has
// it.
func TestSimilarStoriesAreMadeAgainFromTheDumps(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	writeQuayDumps(t, dir, 30)
	first := cachedFolder(t, dir, cacheDir, false)
	first.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && first.cacheWritten() })
	first.m.Close()

	for i := range 10 {
		writeDump(t, filepath.Join(dir, "2025-03-04", fmt.Sprintf("%02d.txt", i)),
			dumpText(fmt.Sprintf("Harbour story number %d", i), fmt.Sprintf("Harbour side story %d", i)))
	}
	d := cachedFolder(t, dir, cacheDir, false)
	if n := len(d.m.lib.Articles); n != 80 {
		t.Fatalf("%d stories, want 80", n)
	}
	d.until("the model is made again and the cache written", func() bool {
		return d.m.search.similar.Len() == 80 && d.cacheWritten()
	})
	d.m.Close()

	again := cachedFolder(t, dir, cacheDir, false)
	if s := again.m.search.similar; s.Len() != 80 || again.m.search.similarRunning {
		t.Errorf("the next start has a model of %d stories (rebuilding: %v), want 80", s.Len(), again.m.search.similarRunning)
	}
}
