package similar_test

import (
	"context"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"tidings/internal/dumpgen"
	"tidings/loader"
	"tidings/model"
	"tidings/samples"
	"tidings/similar"
)

// suggestionsPerStory is how many similar stories the reader would list
// per story, on average, over a corpus.
func suggestionsPerStory(lib *model.Library, sim *similar.Similarity) (float64, []float64) {
	var n int
	var scores []float64
	for _, a := range lib.Articles {
		got := sim.For(a, 5)
		n += len(got)
		for _, g := range got {
			scores = append(scores, g.Score)
		}
	}
	sort.Float64s(scores)
	return float64(n) / float64(max(1, len(lib.Articles))), scores
}

func loadSamples(t *testing.T) *model.Library {
	lib := model.NewLibrary()
	loader.Load(context.Background(), loader.Source{FS: samples.FS, Root: "dumps"}, loader.Options{Location: time.UTC}, func(batch []loader.Result, _ loader.Progress) {
		for _, r := range batch {
			if r.Err == nil {
				lib.Add(r.Dump)
			}
		}
	})
	return lib
}

// TestSimilarOnUnrelatedStories: over stories that tell no common event
// (dumpgen without planted events; the bundled samples), the reader lists
// at most one similar story per three stories on average.
func TestSimilarOnUnrelatedStories(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and loads 2,000 dumps")
	}
	dir := filepath.Join(t.TempDir(), "dumps")
	if _, err := dumpgen.Generate(dir, dumpgen.Options{N: 2000, Seed: 5, Days: 3}); err != nil {
		t.Fatal(err)
	}
	for name, lib := range map[string]*model.Library{"dumpgen, no events": loadDumps(t, dir), "samples": loadSamples(t)} {
		sim := similar.BuildSimilarity(lib.Articles)
		per, scores := suggestionsPerStory(lib, sim)
		q := func(p float64) float64 {
			if len(scores) == 0 {
				return 0
			}
			return scores[min(len(scores)-1, int(p*float64(len(scores))))]
		}
		t.Logf("%s: %d stories, %.3f suggestions per story; scores listed: median %.3f, p90 %.3f, p99 %.3f, max %.3f",
			name, len(lib.Articles), per, q(0.5), q(0.9), q(0.99), q(1))
		if per > 1.0/3 {
			t.Errorf("%s: %.3f suggestions per story, want at most 1/3", name, per)
		}
	}
}
