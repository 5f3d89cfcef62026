package cache

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"tidings/internal/dumpgen"
	"tidings/loader"
	"tidings/model"
)

// loadStreamed loads as a cold start does (behind: as the reader's): the indexes built as
// the pages come, no text kept, the links read from a file once loaded.
func loadStreamed(t testing.TB, behind bool, paths ...string) coldLoad {
	t.Helper()
	lib := model.NewLibrary()
	lib.Dumps = loader.Dumps{}
	c := NewCold(lib, behind, t.TempDir())
	defer c.Done()
	loader.Load(context.Background(), loader.Source{Paths: paths}, loader.Options{BatchSize: 16}, func(batch []loader.Result, _ loader.Progress) {
		c.Add(batch)
	})
	if !lib.ReadLinksFrom(c.WriteLinks()) {
		t.Fatal("the links written to a file were not taken")
	}
	ix, sim := c.Finish()
	return coldLoad{lib: lib, ix: ix, sim: sim}
}

// TestColdStreamEqualsCold: a cold load that keeps no text and builds its
// indexes from the stream gives every answer a cold load with the text in
// memory gives (its links read from a file, see Cold.WriteLinks), writes
// the same cache to the byte (but for when it was written), and takes
// changes in to the same answers after.
func TestColdStreamEqualsCold(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dumps")
	if _, err := dumpgen.Generate(dir, dumpgen.Options{N: 240, Seed: 7, Days: 4, Events: 12, SiteLines: true}); err != nil {
		t.Fatal(err)
	}
	queries := append(cacheQueries, "harbour pilots", "keeper", "-council harbour", `"the council"`)
	want, got := loadCold(t, dir), loadStreamed(t, false, dir)
	behind := loadStreamed(t, true, dir) // as the reader loads: its text held, then cut
	held := coldHeld
	coldHeld = 1
	cutting := loadStreamed(t, true, dir) // as the reader loads a big folder: cut as it comes
	coldHeld = held
	for _, a := range append(append(got.lib.Articles, behind.lib.Articles...), cutting.lib.Articles...) {
		if len(a.Paragraphs()) > 0 || len(a.Entries()) > 0 || !a.TextOnDisk {
			t.Fatalf("%s: the streamed library keeps its text", a.ID)
		}
	}
	for _, c := range []coldLoad{got, behind, cutting} {
		// The model's big arrays went to a file (similar.Stream.Build).
		if c.sim.Bytes() >= want.sim.Bytes() {
			t.Fatalf("the streamed model holds %d bytes, the one built from the text %d: its arrays are not in a file", c.sim.Bytes(), want.sim.Bytes())
		}
	}
	w := describe(t, want.lib, want.ix, want.sim, queries)
	if g := describe(t, got.lib, got.ix, got.sim, queries); g != w {
		t.Fatalf("the streamed load differs from a cold load:\n%s", firstDifference(g, w))
	}
	if g := describe(t, behind.lib, behind.ix, behind.sim, queries); g != w {
		t.Fatalf("the streamed load that cuts behind differs from a cold load:\n%s", firstDifference(g, w))
	}
	if g := describe(t, cutting.lib, cutting.ix, cutting.sim, queries); g != w {
		t.Fatalf("the streamed load that cuts behind as it loads differs from a cold load:\n%s", firstDifference(g, w))
	}

	written := func(c coldLoad) [][]byte {
		store := Cache{Dir: t.TempDir()}
		if err := store.Write([]string{dir}, nil, c.lib, c.ix, c.sim); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(cacheFile(t, store))
		if err != nil {
			t.Fatal(err)
		}
		return sections(t, data)
	}
	ws := written(want)
	for _, gs := range [][][]byte{written(got), written(behind), written(cutting)} {
		if len(ws) != len(gs) {
			t.Fatalf("%d sections written, want %d", len(gs), len(ws))
		}
		for i := 1; i < len(ws); i++ { // the header says when it was written
			if string(gs[i]) != string(ws[i]) {
				t.Errorf("section %d of the cache differs from a cold load's (%d bytes, want %d)", i, len(gs[i]), len(ws[i]))
			}
		}
	}

	// Changes reach both alike: the streamed library reads its pages'
	// copies back from where it shelved them.
	pages := want.lib.Pages
	writeFile(t, pages[3].Path, withHeadline(t, pages[3].Path, "Night ferry keeper rewrites the harbour timetable"))
	if err := os.Remove(pages[10].Path); err != nil {
		t.Fatal(err)
	}
	for _, lib := range []*model.Library{want.lib, got.lib} {
		changes, err := loader.Rescan(context.Background(), lib, []string{dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := lib.Apply(changes); len(d.Changed) != 1 || len(d.Removed) != 1 {
			t.Fatalf("the changes changed %d pages and removed %d, want 1 and 1", len(d.Changed), len(d.Removed))
		}
	}
	if w, g := describe(t, want.lib, nil, nil, nil), describe(t, got.lib, nil, nil, nil); g != w {
		t.Fatalf("after changes, the streamed load differs from a cold load:\n%s", firstDifference(g, w))
	}
}

// TestColdStreamLostItsWordsReadsTheFiles: when what the streams kept of
// the texts, or the texts a load behind holds, cannot be read back from
// their files, both indexes are built from the dumps, to the answers of a
// cold load; the files are gone from the folder as soon as they are made.
func TestColdStreamLostItsWordsReadsTheFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dumps")
	if _, err := dumpgen.Generate(dir, dumpgen.Options{N: 80, Seed: 3, Days: 2, Events: 6}); err != nil {
		t.Fatal(err)
	}
	queries := append(cacheQueries, "harbour pilots", "-council harbour")
	want := loadCold(t, dir)
	w := describe(t, want.lib, want.ix, want.sim, queries)
	for _, behind := range []bool{false, true} {
		spills := t.TempDir()
		lib := model.NewLibrary()
		lib.Dumps = loader.Dumps{}
		c := NewCold(lib, behind, spills)
		loader.Load(context.Background(), loader.Source{Paths: []string{dir}}, loader.Options{BatchSize: 16}, func(batch []loader.Result, _ loader.Progress) {
			c.Add(batch)
		})
		if left, _ := os.ReadDir(spills); len(left) != 0 {
			t.Fatalf("%d files left in the streams' folder", len(left))
		}
		if behind {
			if len(c.texts.files) == 0 {
				t.Fatal("the load behind holds no text in a file")
			}
			c.texts.closeAll() // as if the texts held could not be read
		}
		c.close()
		<-c.drained
		if !behind {
			c.ix.Close() // as if their files could not be read
			c.sim.Close()
		}
		ix, sim := c.Finish()
		c.Done()
		if g := describe(t, lib, ix, sim, queries); g != w {
			t.Fatalf("behind %v: the streamed load differs from a cold load:\n%s", behind, firstDifference(g, w))
		}
	}
}

// TestColdStreamSourceNamedLater: a story whose text comes from one page
// that names no source, and whose source a later page names, is found by
// its source's words, as in a cold load: the stream reads its text back
// from the first file to index it again.
func TestColdStreamSourceNamedLater(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Harbour pilots vote to strike over night shifts\n"+
		"The harbour pilots voted on Tuesday to strike over the new night shifts, their union said.\n"+
		"The strike would close the port to large ships for two days.\nComments\nNo comments yet...\n")
	writeFile(t, filepath.Join(dir, "b.txt"), "Ferry timetable changes for the winter\n"+
		"PORTMERE, March 2 (Esker Wire) - The winter timetable of the island ferry starts next week.\n"+
		"Related Articles\n\nEsker Wire\n2 hours ago\n- Esker Wire\nHarbour pilots vote to strike over night shifts\nPilots will strike.\n")
	only := loadCold(t, filepath.Join(dir, "a.txt"))
	if len(only.lib.Articles) != 1 || only.lib.Articles[0].Source() != "" {
		t.Fatalf("the first page alone should give one story without a source: %+v", only.lib.Articles)
	}
	queries := []string{"esker", "pilots", "winter", "union"}
	want, got := loadCold(t, dir), loadStreamed(t, true, dir)
	if a := want.lib.ByID(only.lib.Articles[0].ID); a == nil || a.Source() != "Esker Wire" || len(a.Paragraphs()) != 2 {
		t.Fatalf("the later page should name the source of the first page's text: %+v", a)
	}
	if w, g := describe(t, want.lib, want.ix, want.sim, queries), describe(t, got.lib, got.ix, got.sim, queries); g != w {
		t.Fatalf("the streamed load differs from a cold load:\n%s", firstDifference(g, w))
	}
}

// TestColdStreamGivesUpOnAChange: a file that comes again (here, changed
// between two walks) is applied as a change; the stream then builds both
// indexes from the files, to the same answers as a cold load of them.
func TestColdStreamGivesUpOnAChange(t *testing.T) {
	dir := t.TempDir()
	page := func(headline, related string) string {
		return headline + "\nThe harbour pilots voted on Tuesday, their union said.\n" +
			"Related Articles\n\nEsker Wire\n2 hours ago\n- Esker Wire\n" + related + "\nThe winter timetable starts.\n"
	}
	writeFile(t, filepath.Join(dir, "a.txt"), page("Harbour pilots vote to strike over night shifts", "Ferry timetable changes for the winter"))
	writeFile(t, filepath.Join(dir, "b.txt"), page("Lifeboat crew trains at night", "Ferry timetable changes for the winter"))
	first := loader.LoadAll(context.Background(), loader.Source{Paths: []string{dir}}, loader.Options{})
	writeFile(t, filepath.Join(dir, "a.txt"), page("Quay cafe opens on Sundays with kelp soup", "Island school gets a new roof"))
	again := loader.LoadAll(context.Background(), loader.Source{Paths: []string{dir}}, loader.Options{})

	lib := model.NewLibrary()
	lib.Dumps = loader.Dumps{}
	c := NewCold(lib, false, "")
	defer c.Done()
	c.Add(first)
	c.Add(again[:1]) // a.txt again: a page with its key is there
	if !c.applied {
		t.Fatal("the file that came again was not applied as a change: the test shows nothing")
	}
	ix, sim := c.Finish()
	queries := []string{"kelp", "roof", "strike", "lifeboat", "winter"}
	want := loadCold(t, dir)
	if w, g := describe(t, want.lib, want.ix, want.sim, queries), describe(t, lib, ix, sim, queries); g != w {
		t.Fatalf("the stream that gave up differs from a cold load:\n%s", firstDifference(g, w))
	}
}
