package similar

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"tidings/internal/testkit"
	"tidings/model"
	"tidings/words"
)

// simCorpus is filler from testkit.Vocab, so that words have document
// frequencies to weigh them by, and then the stories of a test.
func simCorpus(stories ...model.Story) []*model.Article {
	r := rand.New(rand.NewPCG(21, 22))
	filler := testkit.Stories(r, 300, testkit.Vocab)
	return testkit.Articles(append(stories, filler...)...)
}

func TestSimilarFindsTheSameEvent(t *testing.T) {
	arts := simCorpus(
		model.Story{Headline: "Shoigu arrives in Pyongyang for treaty talks", Text: &model.StoryText{Paragraphs: []string{"Shoigu landed in Pyongyang on Tuesday to discuss the treaty, officials said.",
			"The treaty would be the first since 1961, and Shoigu is to meet ministers in Pyongyang."}}}.WithSource("Coastline Wire"),
		model.Story{Headline: "Pyongyang welcomes Shoigu as treaty nears", Text: &model.StoryText{Paragraphs: []string{"Crowds lined the road as Shoigu drove into Pyongyang; a treaty is expected within days.",
			"Shoigu said the treaty talks in Pyongyang were going well."}}}.WithSource("Valley Courier"),
		model.Story{Headline: "Pyongyang treaty: what Shoigu wants", Text: &model.StoryText{Paragraphs: []string{"Analysis of the treaty Shoigu brought to Pyongyang."}}}.WithSource("Coastline Wire"),
		model.Story{Headline: "Orchard growers count losses after frost", Text: &model.StoryText{Paragraphs: []string{"Growers in the upper valley said the frost hit the orchards hard; Shoigu was not mentioned."}}}.WithSource("Valley Courier"),
		model.Story{Headline: "Harbour reopens", Text: &model.StoryText{Paragraphs: []string{"The harbour reopened."}}}.WithSource("Northern Ledger"),
	)
	// The third story is linked to the first by a page: not listed again.
	arts[0].AddLink(arts[2], model.LinkSamePage)
	arts[2].AddLink(arts[0], model.LinkSamePage)
	s := BuildSimilarity(arts)
	got := s.For(arts[0], 3)
	if len(got) == 0 || got[0].To != arts[1] {
		t.Fatalf("first similar of the Shoigu story: %+v", got)
	}
	for _, g := range got {
		if g.To == arts[0] || g.To == arts[2] {
			t.Errorf("listed itself or a linked story: %q", g.To.Headline)
		}
		if !(g.Score > 0 && g.Score <= 1) {
			t.Errorf("score %v outside (0, 1]", g.Score)
		}
	}
	if !got[0].SameEvent {
		t.Errorf("the other outlet's version is not the same event: score %.3f", got[0].Score)
	}
	if len(got[0].Terms) < 2 || len(got[0].Terms) > 3 {
		t.Errorf("terms %q: want two or three", got[0].Terms)
	}
	for _, w := range []string{"Shoigu", "Pyongyang", "treaty"} {
		if !slices.Contains(got[0].Terms, w) {
			t.Errorf("terms %q lack %q as written", got[0].Terms, w)
		}
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Errorf("not best first: %v", got)
		}
	}
	// The same outlet's story is never the same event, however alike.
	back := s.For(arts[2], 5)
	for _, g := range back {
		if g.To == arts[0] {
			t.Error("the linked story is listed from the other side")
		}
		if g.To == arts[1] && g.SameEvent != (g.Score >= SameEventScore) {
			t.Errorf("SameEvent %v at score %.3f", g.SameEvent, g.Score)
		}
	}
	if s.Len() != len(arts) || s.Bytes() <= 0 {
		t.Errorf("len %d, bytes %d", s.Len(), s.Bytes())
	}
}

// Articles the structure was not built over, nil, and k = 0 give nothing;
// an empty library builds.
func TestSimilarOutsideTheBuild(t *testing.T) {
	arts := simCorpus()
	s := BuildSimilarity(arts[:100])
	if got := s.For(arts[150], 5); got != nil {
		t.Errorf("an article added later: %v", got)
	}
	if got := s.For(&model.Article{Index: 3}, 5); got != nil {
		t.Errorf("an article of another library: %v", got)
	}
	if s.For(nil, 5) != nil || s.For(arts[0], 0) != nil {
		t.Error("nil article or k = 0 gave stories")
	}
	var none *Similarity
	if none.For(arts[0], 5) != nil || none.Len() != 0 {
		t.Error("a nil Similarity gave stories")
	}
	if e := BuildSimilarity(nil); e.For(arts[0], 5) != nil {
		t.Error("an empty build gave stories")
	}
}

// The accumulated scores are the cosines of the stored vectors, computed
// here pair by pair; For takes the rescoreFactor*k best of them from
// MinScore up (float32 sums may put a score a hair from it on either
// side), holds the share of the heaviest name the query writes (see
// names.go), and returns the k best of what is left from MinScore up.
func TestSimilarEqualsBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	arts := testkit.Articles(testkit.Stories(r, 800, testkit.Vocab)...)
	s := BuildSimilarity(arts)
	vec := func(i int) map[uint32]float64 {
		m := map[uint32]float64{}
		for k := s.vecOff[i]; k < s.vecOff[i+1]; k++ {
			m[s.vecTerm[k]] = float64(s.vecW[k])
		}
		return m
	}
	const k = 10
	held := 0
	for _, q := range []int{0, 17, 399, 799} {
		qv := vec(q)
		qTerms, _, _ := s.vector(q)
		groups := s.nameGroups(model.Body{Paragraphs: arts[q].Paragraphs(), Entries: arts[q].Entries()}, qTerms)
		groupOf := map[uint32]int{}
		for i, t := range qTerms {
			groupOf[t] = groups[i]
		}
		type match struct{ cos, rescored float64 }
		var pool []match
		for i := range arts {
			if i == q {
				continue
			}
			c := 0.0
			byName := map[int]float64{}
			for t, w := range vec(i) {
				c += w * qv[t]
				if g := groupOf[t]; g > 0 {
					byName[g] += w * qv[t]
				}
			}
			name := 0.0
			for _, n := range byName {
				name = max(name, n)
			}
			if c >= MinScore-1e-4 {
				pool = append(pool, match{c, c - name + min(name, nameShare*(c-name))})
			}
		}
		slices.SortFunc(pool, func(x, y match) int { return cmp.Compare(y.cos, x.cos) })
		pool = pool[:min(len(pool), rescoreFactor*k)]
		var want []float64
		for _, m := range pool {
			if m.rescored < m.cos-1e-6 {
				held++
			}
			if m.rescored >= MinScore-1e-4 {
				want = append(want, m.rescored)
			}
		}
		slices.Sort(want)
		slices.Reverse(want)
		sure := 0
		for _, c := range want {
			if c >= MinScore+1e-4 {
				sure++
			}
		}
		got := s.For(arts[q], k)
		if len(got) < min(k, sure) || len(got) > min(k, len(want)) {
			t.Fatalf("article %d: %d similar, want %d to %d", q, len(got), min(k, sure), min(k, len(want)))
		}
		for i, g := range got {
			if math.Abs(g.Score-want[i]) > 1e-4 {
				t.Errorf("article %d, #%d: score %.5f, want %.5f", q, i, g.Score, want[i])
			}
		}
	}
	if held == 0 {
		t.Error("no match had a name's share held: the test does not try it")
	}
}

func TestSimilarConcurrentFor(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	arts := testkit.Articles(testkit.Stories(r, 500, testkit.Vocab)...)
	s := BuildSimilarity(arts)
	want := make([][]Similar, len(arts))
	for i, a := range arts {
		want[i] = s.For(a, 5)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(arts); i += 4 {
				got := s.For(arts[i], 5)
				if len(got) != len(want[i]) {
					t.Errorf("article %d: %d similar, then %d", i, len(want[i]), len(got))
					return
				}
				for k := range got {
					if got[k].To != want[i][k].To || got[k].Score != want[i][k].Score {
						t.Errorf("article %d differs when run concurrently", i)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// heaviest picks the same terms as sorting by weight would.
func TestSimilarHeaviest(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	for range 200 {
		n := r.IntN(120)
		weight := make([]float32, n)
		terms := make([]uint32, n)
		for i := range n {
			weight[i] = float32(r.IntN(20)) // many ties
			terms[i] = uint32(i)
		}
		r.Shuffle(n, func(i, j int) { terms[i], terms[j] = terms[j], terms[i] })
		k := r.IntN(50) + 1
		want := slices.Clone(terms)
		slices.SortFunc(want, func(x, y uint32) int {
			if weight[x] != weight[y] {
				if weight[x] > weight[y] {
					return -1
				}
				return 1
			}
			return int(x) - int(y)
		})
		want = want[:min(k, n)]
		got := slices.Clone(heaviest(terms, weight, k))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d k=%d: %v, want %v", n, k, got, want)
		}
	}
}

// Two builds over the same articles give the same answers, scores and
// terms included, whatever order maps happen to iterate in: the reader's
// Related section must not change between runs.
func TestSimilarDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	arts := testkit.Articles(testkit.Stories(r, 600, testkit.Vocab)...)
	a, b := BuildSimilarity(arts), BuildSimilarity(arts)
	for _, art := range arts {
		x, y := a.For(art, 8), b.For(art, 8)
		if len(x) != len(y) {
			t.Fatalf("%d: %d vs %d similar", art.Index, len(x), len(y))
		}
		for i := range x {
			if x[i].To != y[i].To || x[i].Score != y[i].Score || !slices.Equal(x[i].Terms, y[i].Terms) {
				t.Fatalf("%d, #%d: %+v vs %+v", art.Index, i, x[i], y[i])
			}
		}
	}
}

// Numbers with thousands separators are one term, as written.
func TestSimilarScanTerm(t *testing.T) {
	var sc words.Scanner
	sc.Reset("About 61,598 people, 1,234,567 votes and 12,34 or 5,6789; 7,046. Harbour's 3,000x 2,000'")
	var got []string
	for sc.ScanTerm() {
		got = append(got, sc.Written())
	}
	want := []string{"About", "61,598", "people", "1,234,567", "votes", "and", "12", "34", "or", "5", "6789", "7,046", "Harbour's", "3", "000x", "2,000"}
	if !slices.Equal(got, want) {
		t.Errorf("terms %q\nwant  %q", got, want)
	}
}

// A clock's time, a day of the month or a small count is no term: two
// stories at 23:45 are not alike for it, and "(23, 45)" says nothing as
// the words a match is shown by. The same rule holds for the model built
// from the stream (similar.Stream asks simWord too).
func TestSmallNumbersAreNoTerms(t *testing.T) {
	for _, w := range []string{"23", "45", "07", "9"} {
		if simWord(w) {
			t.Errorf("%q is a term", w)
		}
	}
	for _, w := range []string{"2025", "9,000", "144", "m5", "a4"} {
		if !simWord(w) {
			t.Errorf("%q is no term", w)
		}
	}
}
