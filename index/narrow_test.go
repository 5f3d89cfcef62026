package index

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"tidings/internal/testkit"
	"tidings/model"
)

var narrowToday = time.Date(2025, 6, 24, 10, 0, 0, 0, time.UTC)

// narrowCorpus is articles with days, tags and sources to filter on, and
// an index over them built in small shards and then updated, so that
// narrowing meets shard edges and deleted sets.
func narrowCorpus(r *rand.Rand, n int) ([]*model.Article, *Index) {
	arts := testkit.Articles(testkit.Stories(r, n, testkit.Vocab)...)
	for _, a := range arts {
		// A few days are not dates as the loader writes them, which the
		// facets leave to the article's string.
		a.SetDay("2025-06-" + []string{"20", "21", "22", "23", "24", "2", "2x", ""}[r.IntN(8)])
		if a.Day() == "2025-06-" {
			a.SetDay("")
		}
		a.SetPages([]*model.Page{listing("#" + testkit.Vocab[r.IntN(40)])})
	}
	ix := &Index{n: n, shards: buildParts(arts, 2, 5)}
	var touched []*model.Article
	for range n / 20 {
		a := arts[r.IntN(n)]
		a.Headline = testkit.Vocab[r.IntN(len(testkit.Vocab))] + " " + a.Headline
		touched = append(touched, a)
	}
	return arts, ix.Update(n, PendingOf(libOf(arts), touched))
}

// narrowToken is one part of a query: a word or a prefix of one, an
// excluded word, a source or tag piece, a day range, a phrase.
func narrowToken(r *rand.Rand) string {
	w := testkit.Vocab[r.IntN(len(testkit.Vocab))]
	part := func() string {
		rs := []rune(w)
		return string(rs[:1+r.IntN(len(rs))])
	}
	switch r.IntN(10) {
	case 0:
		return "-" + part()
	case 1:
		return "source:" + part()
	case 2:
		return "#" + part()
	case 3:
		return []string{"day:2025-06-22..", "day:..2025-06-23", "day:2025-06-2", "day:-2.."}[r.IntN(4)]
	case 4:
		return `"` + w + " " + part()
	default:
		return part()
	}
}

// nextQuery is what a person might make of prev with one edit: a key
// typed, a token added, a character deleted anywhere, one typed in the
// middle.
func nextQuery(r *rand.Rand, prev string) string {
	letters := []rune("kaoritmnezupalvishøéäς'-\" :#")
	rs := []rune(prev)
	switch k := r.IntN(10); {
	case k < 4 || len(rs) == 0:
		return prev + string(letters[r.IntN(len(letters))])
	case k < 6:
		return prev + " " + narrowToken(r)
	case k < 8:
		i := r.IntN(len(rs))
		return string(rs[:i]) + string(rs[i+1:])
	default:
		i := r.IntN(len(rs) + 1)
		return string(rs[:i]) + string(letters[r.IntN(len(letters))]) + string(rs[i:])
	}
}

// A query that narrows the one before is answered among that one's
// matches; the answer must be what a fresh search gives, over thousands
// of pairs of queries typed one after another, with every kind of edit.
// Where Narrows says yes, the fresh answers must also be a subset.
func TestFindAfterEqualsFresh(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 4))
	arts, ix := narrowCorpus(r, 3000)
	// Facets over all but the last articles, as when a change added some
	// the facets were not told of: those are read from the articles.
	facets := NewFacets(arts[:len(arts)-70])
	text := func(a *model.Article) (model.Body, error) {
		return a.Body(), nil
	}
	narrowed := 0
	for run := range 300 {
		query := narrowToken(r)
		prev := ParseQuery(query, narrowToday)
		prevSet := ix.Find(arts, &prev)
		for range 12 {
			next := nextQuery(r, query)
			q := ParseQuery(next, narrowToday)
			q.Text = text
			fresh := ix.Find(arts, &q)
			var prevBits Bitset
			if prevSet != nil {
				prevBits = prevSet.Set
			}
			got := ix.FindAfter(arts, &prev, prevBits, &q, nil)
			if (got == nil) != (fresh == nil) {
				t.Fatalf("run %d, %q after %q: narrowed %v, fresh %v", run, next, query, got, fresh)
			}
			if got != nil && (!slices.Equal(got.Set, fresh.Set) || got.Count != fresh.Count) {
				t.Fatalf("run %d, %q after %q: narrowed %d matches, fresh %d", run, next, query, got.Count, fresh.Count)
			}
			withFacets := q
			withFacets.Facets = facets
			if byFacets := ix.FindAfter(arts, &prev, prevBits, &withFacets, nil); got != nil && !slices.Equal(byFacets.Set, got.Set) {
				t.Fatalf("run %d, %q after %q: %d matches with facets, %d without", run, next, query, byFacets.Count, got.Count)
			}
			if q.Narrows(&prev) && prevSet != nil && fresh != nil {
				narrowed++
				for k := range fresh.Set {
					if fresh.Set[k]&^prevSet.Set[k] != 0 {
						t.Fatalf("%q said to narrow %q, but finds more", next, query)
					}
				}
			}
			query, prev, prevSet = next, q, got
		}
	}
	if narrowed < 1000 {
		t.Fatalf("only %d of 3,600 pairs narrowed: the test does not test narrowing", narrowed)
	}
}

func TestNarrows(t *testing.T) {
	for _, c := range []struct {
		prev, next string
		want       bool
	}{
		{"har", "harb", true},
		{"harb", "har", false},
		{"harbour", "harbour c", true},
		{"harbour c", "harbour co", true},
		{"harbour co", "harbour c", false},
		{"harbour", "harbour -storm", true},
		{"harbour -st", "harbour -sto", false}, // excludes less
		{"harbour -sto", "harbour -st", true},
		{"-storm", "", false},
		{"harbour", "", false},
		{"source:esk", "source:esker", true},
		{"source:esker", "source:esk", false},
		{"#budg", "#budget", true},
		{"#budget", "tag:budget wire", true},
		{"day:2025-06-20..", "day:2025-06-22..", true},
		{"day:2025-06-22..", "day:2025-06-20..", false},
		{"day:2025-06-20..", "day:2025-06-21", true},
		{"day:..2025-06-23", "day:2025-06-24", false},
		{`"night fer`, `"night ferr`, true},
		{`"night ferr`, `"night fer`, false},
		{`"night`, `"night fer`, false}, // a phrase of more words: not proved, so not narrowed
		{`"night ferries"`, `"night ferries" harbour`, true},
		{`"night ferries"`, `harbour`, false},
		{"9.", "9.5", true},
		{"9.5", "9.55", true},
		{"9.55", "9.5", false},
		{"9.5", "9.5%", true},
		{"9.5%", "9.55%", false}, // a per cent is a whole number
		{"£9.5", "£9.5 harbour", true},
		{"harbour", "harbour is:unread", true},
		{"harbour is:unread", "harbour", true}, // is: is not Find's to answer
	} {
		prev, next := ParseQuery(c.prev, narrowToday), ParseQuery(c.next, narrowToday)
		if got := next.Narrows(&prev); got != c.want {
			t.Errorf("%q after %q: Narrows %v, want %v", c.next, c.prev, got, c.want)
		}
	}
}

// Narrowing looks only in the shards where the previous answer has
// articles, so the shards with none of them must not change the answer
// even when they have the new word.
func TestFindAfterSkipsOnlyShardsWithoutMatches(t *testing.T) {
	var stories []model.Story
	for i := range 5000 {
		h := "common ferry"
		if i < 100 {
			h = "rare harbour ferry"
		}
		stories = append(stories, model.Story{Headline: h})
	}
	arts := testkit.Articles(stories...)
	ix := BuildIndex(arts, 4)
	if ix.Shards() < 2 {
		ix = &Index{n: len(arts), shards: buildParts(arts, 2, 4)}
	}
	prev := ParseQuery("rare", narrowToday)
	prevSet := ix.Find(arts, &prev)
	q := ParseQuery("rare ferry", narrowToday)
	got := ix.FindAfter(arts, &prev, prevSet.Set, &q, nil)
	if got.Count != 100 {
		t.Fatalf("narrowed %d, want 100", got.Count)
	}
	if within := ix.within(prevSet.Set); len(within) == len(ix.shards) {
		t.Fatalf("all %d shards searched for an answer in the first", len(within))
	}
}

// Facets updated with the articles a change touched read as facets made
// afresh: days and sources changed, new articles, new sources.
func TestFacetsUpdatedEqualFresh(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	arts, _ := narrowCorpus(r, 500)
	f := NewFacets(arts[:400])
	told := map[int]bool{}
	for i := range 400 {
		told[i] = true
	}
	for range 20 {
		var touched []*model.Article
		for range 15 {
			a := arts[r.IntN(400)]
			switch r.IntN(3) {
			case 0:
				a.SetDay([]string{"", "2024-12-31", "2025-06-2", "2026-01-01"}[r.IntN(4)])
			case 1:
				a.SetSource(testkit.Vocab[r.IntN(len(testkit.Vocab))] + " news")
			}
			touched = append(touched, a)
		}
		touched = append(touched, arts[400+r.IntN(100)])
		f.Update(touched)
		for _, a := range touched {
			told[int(a.Index)] = true
		}
	}
	fresh := NewFacets(arts)
	gaps := 0
	for i, a := range arts {
		if i < len(f.days) && f.sources[i] == asked {
			if told[i] {
				t.Fatalf("article %d was told of, but is left to be read from the article", i)
			}
			gaps++
		}
		if i >= len(f.days) || f.sources[i] == asked {
			continue // never touched: a query reads it from the article
		}
		if f.days[i] != fresh.days[i] || f.names[f.sources[i]] != fresh.names[fresh.sources[i]] || f.names[f.sources[i]] != a.Source() {
			t.Fatalf("article %d: updated %d %q, fresh %d %q", i, f.days[i], f.names[f.sources[i]], fresh.days[i], fresh.names[fresh.sources[i]])
		}
	}
	if gaps == 0 {
		t.Fatal("no article was left between two told of: the test does not test gaps")
	}
}

func TestPackDayOrdersAsTheStrings(t *testing.T) {
	days := []string{"", "0000-01-01", "1999-12-31", "2025-06-09", "2025-06-10", "2025-10-01", "9999-12-31"}
	for i := range days {
		for j := range days {
			if (days[i] < days[j]) != (packDay(days[i]) < packDay(days[j])) {
				t.Errorf("%q and %q order differently packed", days[i], days[j])
			}
		}
	}
	for _, odd := range []string{"2025-6-1", "2025-06-1x", "20250601", "2025/06/01", "2025-06-011", "x"} {
		if packDay(odd) != dayAsked {
			t.Errorf("packDay(%q) = %d, want dayAsked", odd, packDay(odd))
		}
	}
}

// A query with no word to look up starts from every article: exactly
// those, whatever the count's remainder by 64.
func TestAQueryWithoutWordsStartsFromEveryArticle(t *testing.T) {
	for _, n := range []int{1, 63, 64, 65, 100, 128, 130} {
		arts := testkit.Articles(testkit.Stories(rand.New(rand.NewPCG(uint64(n), 1)), n, testkit.Vocab)...)
		ix := BuildIndex(arts, 1)
		q := ParseQuery("-qqqqq", narrowToday)
		m := ix.Find(arts, &q)
		if m == nil || m.Count != n || m.Set.Count() != n {
			t.Fatalf("%d articles: -qqqqq matches %v", n, m)
		}
	}
}

// Queries answered with facets that were updated, and have gaps, equal
// those answered from the articles alone.
func TestQueriesWithUpdatedFacetsEqualWithout(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 2))
	arts, ix := narrowCorpus(r, 3000)
	f := NewFacets(arts[:1000])
	var touched []*model.Article
	for range 200 {
		a := arts[r.IntN(len(arts))]
		switch r.IntN(3) {
		case 0:
			a.SetDay([]string{"", "2025-06-19", "2025-06-2", "2025-06-25", "2025-06-21"}[r.IntN(5)])
		case 1:
			a.SetSource(testkit.Vocab[r.IntN(len(testkit.Vocab))] + " gazette")
		}
		touched = append(touched, a)
	}
	f.Update(touched)
	gaps := 0
	for _, id := range f.sources {
		if id == asked {
			gaps++
		}
	}
	conditions := 0
	for range 3000 {
		q := ParseQuery(narrowToken(r)+" "+narrowToken(r), narrowToday)
		want := ix.Find(arts, &q)
		withFacets := q
		withFacets.Facets = f
		got := ix.Find(arts, &withFacets)
		if (got == nil) != (want == nil) || got != nil && !slices.Equal(got.Set, want.Set) {
			t.Fatalf("%+v: with the facets %v, without %v", q, got, want)
		}
		if len(q.Sources) > 0 || q.DayFrom != "" || q.DayTo != "" {
			conditions++
		}
	}
	if gaps == 0 || conditions < 500 {
		t.Fatalf("%d articles left to the article, %d queries with a day or source: the test does not test them", gaps, conditions)
	}
}
