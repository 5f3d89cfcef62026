package cache

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"tidings/index"
	"tidings/internal/testkit"
	"tidings/similar"
	"tidings/words"
)

// TestWordCutterCutsAsEachIndexDoes: texts cut once for both indexes give
// the filter index and the similar-stories model their own cutting gives,
// numbers with thousands separators (followed by an apostrophe, a letter,
// another group) included.
func TestWordCutterCutsAsEachIndexDoes(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	stories := testkit.Stories(r, 600, testkit.Vocab)
	tricky := []string{"1,000's", "61,598", "£9,000", "2,5", "1,0000", "12,345,678,", "7,000’ka", "3,141abc", "it’s", "Ærø"}
	for i := range stories {
		s := &stories[i]
		if len(s.Paragraphs()) == 0 {
			s.SetText([]string{""}, s.Entries(), nil)
		}
		s.Paragraphs()[0] += fmt.Sprintf(" %s %s, and %s.", tricky[i%len(tricky)], tricky[(i/3)%len(tricky)], tricky[(i/7)%len(tricky)])
		if i%5 == 0 {
			s.Headline += " " + tricky[i%len(tricky)]
		}
	}
	arts := testkit.Articles(stories...)
	wantIx, wantSim := index.BuildIndex(arts, 0), similar.BuildSimilarity(arts)

	vocab := &words.Numbers{}
	ix, sim := index.NewStream(vocab, nil), similar.NewStream(vocab, nil)
	var w wordCutter
	for _, a := range arts {
		w.cut(ix, sim, textJob{i: int(a.Index), headline: a.Headline, source: a.Source(), similar: true,
			body: a.Body()})
	}
	gotIx, err := ix.Build(len(arts), 1)
	if err != nil {
		t.Fatal(err)
	}
	gotSim, err := sim.Build(arts)
	if err != nil {
		t.Fatal(err)
	}

	queries := append([]string{"000s", "000", "1", "61", "598", "£9", "abc", "141abc", "12", "678", "0000", "ka", "its", "ærø", "s"}, testkit.Vocab[:40]...)
	for _, q := range queries {
		g, w := gotIx.Match(q), wantIx.Match(q)
		if g.Count != w.Count || !slices.Equal(g.Set, w.Set) {
			t.Errorf("filter %q: %d stories, want %d", q, g.Count, w.Count)
		}
	}
	for _, a := range arts {
		body := a.Body()
		g, w := fmt.Sprint(gotSim.ForText(a, body, 5)), fmt.Sprint(wantSim.ForText(a, body, 5))
		if g != w {
			t.Fatalf("%s: similar %s, want %s", a.ID, g, w)
		}
	}
}
