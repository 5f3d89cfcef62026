package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"tidings/loader"
)

// siteLinesFS is a folder of six unrelated stories of one source over two
// days, each ending with the site's line.
func siteLinesFS() fstest.MapFS {
	headlines := []string{"Orchard growers count frost losses", "Quarry road resurfaced before winter",
		"Choir wins regional prize", "Lifeboat crew trains volunteers", "Bandstand roof repaired by carpenters",
		"Market stalls return downtown"}
	fsys := fstest.MapFS{}
	for i, h := range headlines {
		page := fmt.Sprintf("%s\nPORTMERE, March %d (Esker Wire) - The story's own paragraph, number %d, which is long enough to be nobody's.\n"+
			"Tips go to the desk at any hour, day or night.\nRelated Articles\n", h, 3+i%2, i)
		fsys[fmt.Sprintf("dumps/2025-03-0%d/%d.txt", 3+i%2, i)] = &fstest.MapFile{Data: []byte(page)}
	}
	return fsys
}

// The site's line is hidden under every story, the pane says how many
// lines it hid, and H shows them (and hides them again).
func TestSiteLinesHiddenAndShown(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h, func(o *Options) { o.Source = loader.Source{FS: siteLinesFS(), Root: "dumps"} })
		d.keys("enter")
		d.until("the story rendered", func() bool { return strings.Contains(d.screen(), "own paragraph") })
		d.requireScreenContains("1 site line hidden · H shows them")
		if strings.Contains(d.screen(), "Tips go to the desk") {
			t.Fatalf("the site's line is shown:\n%s", d.screen())
		}
		d.keys("H")
		d.until("the site line shown", func() bool { return strings.Contains(d.screen(), "Tips go to the desk") })
		d.requireScreenContains("1 site line shown · H hides them")
		d.keys("H")
		d.until("the site line hidden again", func() bool { return !strings.Contains(d.screen(), "Tips go to the desk") })
		d.requireScreenContains("1 site line hidden")
	})
}

// A reader started from the cache holds the lines learned, not their
// counts; stories that arrive while it runs make the line the site's as a
// cold start of the same files learns it (the counts read back from the
// cache when the change comes), and the pane hides it.
func TestSiteLineLearnedFromAChangeAfterAWarmStart(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	fsys := siteLinesFS()
	write := func(i int) {
		name := fmt.Sprintf("dumps/2025-03-0%d/%d.txt", 3+i%2, i)
		writeDump(t, filepath.Join(dir, strings.TrimPrefix(name, "dumps/")), string(fsys[name].Data))
	}
	for i := range 4 {
		write(i)
	}
	cold := cachedFolder(t, dir, cacheDir, false)
	cold.until("the cache is written", func() bool { return len(cacheFiles(cacheDir)) == 1 && cold.cacheWritten() })
	cold.m.Close()

	d := cachedFolder(t, dir, cacheDir, true)
	d.until("the folders are watched and checked", func() bool { return d.m.watch.ready && !d.m.ld.checking })
	d.keys("enter")
	d.until("the story rendered", func() bool { return strings.Contains(d.screen(), "own paragraph") })
	if !strings.Contains(d.screen(), "Tips go to the desk") {
		t.Fatalf("four stories: the line is hidden already:\n%s", d.screen())
	}
	d.keys("q")
	write(4)
	d.until("the change is applied", func() bool { return strings.Contains(d.screen(), "1 new story") })
	d.keys("g", "enter")
	d.until("the line hidden", func() bool {
		s := d.screen()
		return strings.Contains(s, "own paragraph") && !strings.Contains(s, "Tips go to the desk") && strings.Contains(s, "1 site line hidden")
	})
	if got := d.m.lib.SiteLines().Lines(); len(got) != 1 {
		t.Errorf("learned %q", got)
	}
	for _, w := range d.m.lib.Warnings {
		t.Errorf("warning: %s", w.Reason)
	}
}
