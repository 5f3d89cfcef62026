package similar_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"tidings/internal/dumpgen"
	"tidings/model"
	"tidings/similar"
)

// TestSimilarFindsPlantedEvents generates dumps with events planted (each
// written up by two or three outlets, never on one page) and distractors
// (unrelated stories naming an event's person), and checks that each
// version finds the others: all of them among its 5 most similar for at
// least 95% of the versions, another version first for at least 90%, and
// marked SameEvent when both outlets are known (a page of the second
// layout may name none), and no other story marked so.
//
// TIDINGS_EVENTS_N=20000 (and TIDINGS_EVENTS_SEED) runs it on more dumps,
// with an event per 66 of them.
func TestSimilarFindsPlantedEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and loads 2,000 dumps")
	}
	opts := dumpgen.Options{N: 2000, Seed: 3, Days: 3, Events: 60}
	if v := os.Getenv("TIDINGS_EVENTS_N"); v != "" {
		fmt.Sscan(v, &opts.N)
		opts.Days, opts.Events = max(3, opts.N/3000), opts.N*3/200
	}
	if v := os.Getenv("TIDINGS_EVENTS_SEED"); v != "" {
		fmt.Sscan(v, &opts.Seed)
	}
	dir := filepath.Join(t.TempDir(), "dumps")
	if _, err := dumpgen.Generate(dir, opts); err != nil {
		t.Fatal(err)
	}
	lib := loadDumps(t, dir)
	byHeadline := map[string]*model.Article{}
	for _, a := range lib.Articles {
		byHeadline[a.Headline] = a
	}
	sim := similar.BuildSimilarity(lib.Articles)

	var versions, recalled, topRight, sameEvent, knownPairs, falseSame, others int
	minVersion, maxOther := 1.0, 0.0
	for _, ev := range dumpgen.PlantedEvents(opts) {
		var arts []*model.Article
		for _, h := range ev.Headlines {
			a := byHeadline[h]
			if a == nil {
				t.Fatalf("planted story %q not loaded", h)
			}
			arts = append(arts, a)
		}
		for _, a := range arts {
			for _, l := range a.Links() {
				for _, b := range arts {
					if l.To == b {
						t.Fatalf("%q and %q are linked by a page", a.Headline, b.Headline)
					}
				}
			}
			versions++
			got := sim.For(a, 5)
			isVersion := func(b *model.Article) bool {
				for _, o := range arts {
					if o == b && o != a {
						return true
					}
				}
				return false
			}
			found := 0
			for i, g := range got {
				if isVersion(g.To) {
					found++
					minVersion = min(minVersion, g.Score)
					if a.Source() != "" && g.To.Source() != "" {
						knownPairs++
						if g.SameEvent {
							sameEvent++
						} else {
							t.Logf("%q and %q: not the same event (%.3f)", a.Headline, g.To.Headline, g.Score)
						}
					}
					if i == 0 {
						topRight++
					}
				} else {
					others++
					maxOther = max(maxOther, g.Score)
					if g.SameEvent {
						falseSame++
						t.Logf("%q: %q taken for the same event (%.3f, %q)", a.Headline, g.To.Headline, g.Score, g.Terms)
					}
				}
			}
			if found == len(arts)-1 {
				recalled++
			} else {
				t.Logf("%q (%s): found %d of its %d other versions: %+v", a.Headline, a.Source(), found, len(arts)-1, got)
			}
		}
	}
	recall := float64(recalled) / float64(versions)
	top := float64(topRight) / float64(versions)
	t.Logf("%d versions of %d events among %d articles: recall@5 %.3f, top-1 %.3f; same event: %d of %d pairs with both outlets known, %d wrong among %d other stories listed; lowest version score %.3f, highest other %.3f",
		versions, opts.Events, len(lib.Articles), recall, top, sameEvent, knownPairs, falseSame, others, minVersion, maxOther)
	if versions < 2*opts.Events*9/10 {
		t.Errorf("only %d versions planted", versions)
	}
	if recall < 0.95 {
		t.Errorf("recall@5 %.3f, want at least 0.95", recall)
	}
	if top < 0.9 {
		t.Errorf("another version first for %.3f, want at least 0.9", top)
	}
	if sameEvent*100 < knownPairs*95 || falseSame*100 > others {
		t.Errorf("same event: %d of %d versions found, %d of %d other stories", sameEvent, knownPairs, falseSame, others)
	}
}
