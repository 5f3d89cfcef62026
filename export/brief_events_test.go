package export

import (
	"math/rand/v2"
	"slices"
	"testing"

	"tidings/internal/testkit"
	"tidings/model"
	"tidings/similar"
)

// An event in the brief is a story and its own same-event versions, as
// the reader's "Also covered by" names them: not a chain (a version of
// a version that tells something else), and never its own outlet. Here
// the middle story tells both a sawmill fire and a causeway landslip,
// and the third, of the first one's outlet, the landslip alone.
func TestBriefEventIsTheLeadsOwnVersions(t *testing.T) {
	fire := "Firefighters fought the sawmill blaze through the night, and the timber stock burned to ash behind the kilns."
	slip := "A landslip buried the causeway under boulders, and engineers began shoring the embankment with gabions."
	stories := []model.Story{
		model.Story{Headline: "Sawmill blaze burns timber stock", Text: &model.StoryText{Paragraphs: []string{fire}}}.WithSource("Esker Wire"),
		model.Story{Headline: "Sawmill blaze and causeway landslip", Text: &model.StoryText{Paragraphs: []string{fire, slip}}}.WithSource("Valley Courier"),
		model.Story{Headline: "Causeway landslip: engineers shore embankment", Text: &model.StoryText{Paragraphs: []string{slip}}}.WithSource("Esker Wire"),
	}
	r := rand.New(rand.NewPCG(5, 6))
	arts := testkit.Articles(append(stories, testkit.Stories(r, 300, testkit.Vocab)...)...)
	for i, a := range arts {
		a.ID = string(rune('a'+i%26)) + string(rune('a'+i/26)) + "00000000000000"
		a.SetDay("2025-03-04")
	}
	sim := similar.BuildSimilarity(arts)
	given := arts[:3]
	text := func(a *model.Article) (model.Body, error) {
		return a.Body(), nil
	}
	// The pairs the reader calls the same event, which the test needs.
	same := func(x, y *model.Article) bool {
		for _, s := range sim.For(x, sameEventLookup) {
			if s.To == y {
				return s.SameEvent
			}
		}
		return false
	}
	if !same(arts[0], arts[1]) || !same(arts[1], arts[2]) || same(arts[0], arts[2]) {
		t.Fatalf("the stories do not make a chain: %v %v %v", same(arts[0], arts[1]), same(arts[1], arts[2]), same(arts[0], arts[2]))
	}
	b := BuildBrief("Brief", given, text, sim)
	var got [][]string
	for _, d := range b.Days {
		for _, ev := range d.Events {
			var hs []string
			lead := ev.Stories[0].Article
			for _, e := range ev.Stories[1:] {
				if !same(lead, e.Article) {
					t.Errorf("%q is in the event of %q, which does not call it the same event", e.Article.Headline, lead.Headline)
				}
				if e.Article.Source() == lead.Source() {
					t.Errorf("%q is also covered by its own outlet (%q)", lead.Headline, e.Article.Headline)
				}
			}
			for _, e := range ev.Stories {
				hs = append(hs, e.Article.Headline)
			}
			got = append(got, hs)
		}
	}
	want := [][]string{{stories[0].Headline, stories[1].Headline}, {stories[2].Headline}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("events %q, want %q", got, want)
	}
}
