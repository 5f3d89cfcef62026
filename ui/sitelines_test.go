package ui

import (
	"fmt"
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
