package model_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tidings/internal/dumpgen"
	"tidings/loader"
	"tidings/model"
)

// On a generated archive whose stories end with their sites' lines, and
// now and then with a wire paragraph many outlets repeat, the sites' lines
// are learned and hidden under the stories of the outlets that publish
// enough of them, and nothing else is hidden: never a wire paragraph,
// never a story's own line.
func TestSiteLinesOfAGeneratedArchive(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and loads 1,500 dumps")
	}
	dir := filepath.Join(t.TempDir(), "dumps")
	if _, err := dumpgen.Generate(dir, dumpgen.Options{N: 1500, Seed: 11, Days: 3, SiteLines: true}); err != nil {
		t.Fatal(err)
	}
	lib := model.NewLibrary()
	loader.Load(context.Background(), loader.Source{Paths: []string{dir}}, loader.Options{}, func(batch []loader.Result, _ loader.Progress) {
		loader.AddTo(lib, batch)
	})
	stories := map[string]int{} // by source, the main stories with their text in lines
	type tally struct{ planted, hidden int }
	bySource := map[string]*tally{}
	wire, wireHidden, otherHidden, otherSite := 0, 0, 0, 0
	for _, a := range lib.Articles {
		if a.Gone() {
			continue
		}
		src := lib.BodyOf(a)
		body, err := src.Read()
		if err != nil {
			t.Fatal(err)
		}
		_, hidden := src.WithoutSiteLines(body)
		site := dumpgen.SiteLinesOf(a.Source())
		if len(body.Paragraphs) > 1 {
			stories[a.Source()]++
		}
		for _, p := range body.Paragraphs {
			isSite, isWire := a.Source() != "" && slices.Contains(site, p), slices.Contains(dumpgen.WireParagraphs, p)
			if isWire {
				wire++
			}
			if isSite {
				if bySource[a.Source()] == nil {
					bySource[a.Source()] = &tally{}
				}
				bySource[a.Source()].planted++
			}
			if !slices.Contains(hidden, p) {
				continue
			}
			switch {
			case isSite:
				bySource[a.Source()].hidden++
			case isSiteLine(p):
				otherSite++ // a site's line under a story that names no source
			case isWire:
				wireHidden++
			default:
				// dumpgen's own recurring lines, under stories of every
				// outlet, are furniture by the rule too
				if p != "Here is what the papers say:" && p != "The main points:" {
					t.Errorf("%q: hid a line of its own: %q", a.Headline, p)
				}
				otherHidden++
			}
		}
	}
	planted, hiddenSite, bigPlanted, bigHidden := 0, 0, 0, 0
	for s, c := range bySource {
		planted += c.planted
		hiddenSite += c.hidden
		if stories[s] >= 30 {
			bigPlanted += c.planted
			bigHidden += c.hidden
		}
	}
	t.Logf("%d lines learned; site lines: %d of %d hidden (%d of %d in the stories of outlets with 30 stories or more); wire paragraphs: %d of %d hidden; site lines under stories naming no source hidden: %d; dumpgen's recurring lines hidden: %d",
		lib.SiteLines().Len(), hiddenSite, planted, bigHidden, bigPlanted, wireHidden, wire, otherSite, otherHidden)
	if wire < 20 || planted < 200 {
		t.Fatalf("too little planted: %d wire paragraphs, %d site lines", wire, planted)
	}
	if wireHidden > 0 {
		t.Errorf("%d wire paragraphs hidden", wireHidden)
	}
	if bigHidden*100 < bigPlanted*95 {
		t.Errorf("%d of %d site lines of the big outlets hidden, want 95%%", bigHidden, bigPlanted)
	}
}

// isSiteLine is a line dumpgen writes under some outlet's stories.
func isSiteLine(p string) bool {
	for _, l := range dumpgen.SiteLinesOf("\x00") {
		before, after, _ := strings.Cut(l, "\x00")
		if strings.HasPrefix(p, before) && strings.HasSuffix(p, after) {
			return true
		}
	}
	return false
}
