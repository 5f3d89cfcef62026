package index

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"tidings/internal/testkit"
	"tidings/model"
	"time"
)

func TestSearchWordsFollowNormalizeText(t *testing.T) {
	fixed := []string{
		"", "   ", "'", "’’", "Harbour", "council's plan", "Council’s", "rock 'n' roll",
		"ÉTÉ à Zürich", "İstanbul", "ΟΔΥΣΣΕΥΣ", "e\u0301t\u00e9", "a\xffb", "x—y", "foo,bar.BAZ",
		"abc'", "ab''cd", "ab'’cd", "'abc", "2024-25", "日本語のテキスト", "abcDEF", "abc\u00e9", "abc’s",
	}
	// Runes the scanner treats differently: lower-case ASCII (left in
	// place), upper-case ASCII and apostrophes (folded), other letters and
	// digits, separators of one and several bytes, a combining mark and
	// invalid UTF-8.
	pieces := []string{
		"a", "z", "q", "0", "9", "A", "Z", "'", "’", " ", ".", "-", "\n", "é", "É", "ß", "İ",
		"Σ", "ς", "日", "٣", "—", "“", "\u0301", "\xff", "\xe2\x80", "ǅ",
	}
	r := rand.New(rand.NewPCG(1, 2))
	cases := fixed
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := strings.Join(filterWords(s), " "), model.NormalizeText(s); got != want {
			t.Fatalf("words of %q = %q, model.NormalizeText = %q", s, got, want)
		}
	}
}

func members(b Bitset, n int) []int {
	var out []int
	for i := range n {
		if b.Has(i) {
			out = append(out, i)
		}
	}
	return out
}

func TestSearchIndexMatches(t *testing.T) {
	arts := testkit.Articles(
		model.Story{Headline: "Harbour reopens after storm", Text: &model.StoryText{Paragraphs: []string{"The council's vote came late.", "Fishermen cheered."}}}.WithSource("Coastal Times"),
		model.Story{Headline: "ZÜRICH bank fined", Text: &model.StoryText{Paragraphs: []string{"Regulators in Zürich said the fine was €2m."}}}.WithSource("Alpine Wire"),
		model.Story{Headline: "Live: election night", Text: &model.StoryText{Entries: []model.Entry{
			{Author: "Ana Kovač", Time: time.Date(2025, 3, 1, 7, 42, 0, 0, time.UTC), Text: "Turnout is up in Harborough."},
			{Text: "Polls close at 22:00"},
		}}}.WithSource("Daily Ledger"),
		model.Story{Headline: "Rock ’n’ roll museum opens", Text: &model.StoryText{Paragraphs: []string{"An arbour of guitars."}}},
		model.Story{},
	)
	cases := []struct {
		query string
		want  []int // nil: no filter
	}{
		{"harb", []int{0, 2}},
		{"HARB", []int{0, 2}},
		{"harbour", []int{0}},
		{"arbour", []int{3}}, // a prefix of a word, not any part of it
		{"bour", []int{}},
		{"harb storm", []int{0}},
		{"storm harb", []int{0}},
		{"harb ha h", []int{0, 2}},
		{"harb zzz", []int{}},
		{"councils", []int{0}},
		{"council's", []int{0}},
		{"council’s", []int{0}},
		{"council", []int{0}},
		{"n", []int{2, 3}}, // "night", the "n" of rock ’n’ roll
		{"zur", []int{}},
		{"zür", []int{1}},
		{"ZÜR", []int{1}},
		{"€2m", []int{1}}, // money keeps its sign
		{"€2", []int{1}},
		{"2m", []int{}},
		{"coastal", []int{0}},  // source
		{"kovač", []int{2}},    // entry author
		{"polls 22", []int{2}}, // entry text
		{"turnout elec", []int{2}},
		{"xyzzy", []int{}},
		{"", nil},
		{"  ", nil},
		{"'’-.", nil},
	}
	for _, workers := range []int{0, 1, 2, 3} {
		ix := BuildIndex(arts, workers)
		if workers > 1 {
			ix = &Index{n: len(arts), shards: buildParts(arts, workers, workers)}
		}
		if ix.Len() != len(arts) {
			t.Fatalf("Len = %d, want %d", ix.Len(), len(arts))
		}
		for _, c := range cases {
			m := ix.Match(c.query)
			lin := matchLinear(arts, c.query)
			if c.want == nil {
				if m != nil || lin != nil {
					t.Errorf("workers %d, %q: got %v and %v, want nil (no filter)", workers, c.query, m, lin)
				}
				continue
			}
			if m == nil {
				t.Fatalf("workers %d, %q: nil matches", workers, c.query)
			}
			got := members(m.Set, len(arts))
			if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("workers %d, Match(%q) = %v, want %v", workers, c.query, got, c.want)
			}
			if m.Count != len(c.want) {
				t.Errorf("workers %d, Match(%q).Count = %d, want %d", workers, c.query, m.Count, len(c.want))
			}
			if lg := members(lin, len(arts)); !slices.Equal(lg, got) {
				t.Errorf("matchLinear(%q) = %v, index %v", c.query, lg, got)
			}
		}
	}
}

func TestSearchEmptyIndex(t *testing.T) {
	ix := BuildIndex(nil, 0)
	if ix.Len() != 0 {
		t.Fatalf("Len = %d", ix.Len())
	}
	if m := ix.Match("a"); m == nil || m.Count != 0 || m.Set.Has(0) {
		t.Fatalf("Match on empty index = %+v", m)
	}
	if ix.Match("") != nil {
		t.Fatal("empty query should mean no filter")
	}
}

func TestSearchIndexEqualsLinear(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 63, 64, 65, 1000, 2500} {
		arts := testkit.Articles(testkit.Stories(r, n, testkit.Vocab)...)
		// Small shards, so that shard boundaries and thresholds are tested.
		workers := []int{1, 2, 3, 7}
		indexes := make([]*Index, len(workers))
		for i, w := range workers {
			indexes[i] = &Index{n: n, shards: buildParts(arts, 2, w)}
		}
		for range 200 {
			q := randomQuery(r)
			want := matchLinear(arts, q)
			exp := members(want, n)
			for i, ix := range indexes {
				m := ix.Match(q)
				if (m == nil) != (want == nil) {
					t.Fatalf("n %d, workers %d, %q: index %v, linear %v", n, workers[i], q, m, want)
				}
				if m == nil {
					continue
				}
				if got := members(m.Set, n); !slices.Equal(got, exp) || m.Count != len(exp) {
					t.Fatalf("n %d, workers %d, %q: index %d %v, linear %d %v", n, workers[i], q, m.Count, got, len(exp), exp)
				}
			}
		}
	}
}

func randomQuery(r *rand.Rand) string {
	var terms []string
	for range r.IntN(4) {
		w := testkit.Vocab[r.IntN(len(testkit.Vocab))]
		switch r.IntN(6) {
		case 0:
			terms = append(terms, strings.ToUpper(w))
		case 1:
			terms = append(terms, "x"+w) // matches little or nothing
		case 2:
			terms = append(terms, w+"'s")
		default:
			rs := []rune(w)
			terms = append(terms, string(rs[:1+r.IntN(len(rs))]))
		}
	}
	return strings.Join(terms, []string{" ", ", ", " - "}[r.IntN(3)])
}

func TestSearchConcurrentMatch(t *testing.T) {
	arts := testkit.Articles(testkit.Stories(rand.New(rand.NewPCG(8, 9)), 800, testkit.Vocab)...)
	ix := BuildIndex(arts, 0)
	queries := []string{"k", "ko ri", "ta", "Ä", "mo ne zu", "nothing"}
	want := map[string]int{}
	for _, q := range queries {
		want[q] = matchLinear(arts, q).Count()
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(queries))
	for g := range 8 {
		wg.Go(func() {
			for k := range 50 {
				q := queries[(g+k)%len(queries)]
				if got := ix.Match(q).Count; got != want[q] {
					errs <- fmt.Sprintf("%q: %d, want %d", q, got, want[q])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestSearchShardCuts(t *testing.T) {
	small := testkit.Articles(testkit.Stories(rand.New(rand.NewPCG(1, 1)), 1000, testkit.Vocab)...)
	big := testkit.Articles(make([]model.Story, 140_000)...)
	for _, c := range []struct {
		arts  []*model.Article
		parts int
		most  int
	}{
		{small, 1, 1}, {small, 2, 2}, {small, 3, 3}, {small, 15, 15}, {small, 16, 16}, {small, 100, 16},
		{big, 1, 3}, {big, 2, 3}, {big, 4, 4},
	} {
		cuts := shardCuts(c.arts, c.parts)
		if cuts[0] != 0 || cuts[len(cuts)-1] != len(c.arts) || len(cuts)-1 > c.most {
			t.Fatalf("%d articles, %d parts: cuts %v", len(c.arts), c.parts, cuts)
		}
		for i := 1; i < len(cuts); i++ {
			if cuts[i] <= cuts[i-1] || cuts[i]-cuts[i-1] > maxShard || (i < len(cuts)-1 && cuts[i]%64 != 0) {
				t.Fatalf("%d articles, %d parts: cuts %v", len(c.arts), c.parts, cuts)
			}
		}
	}
}

// TestSearchLargeShards checks offsets within shards of the largest size.
func TestSearchLargeShards(t *testing.T) {
	stories := make([]model.Story, 140_000)
	for i := range stories {
		stories[i].Headline = fmt.Sprintf("a%d b%d", i%100, i%7)
	}
	arts := testkit.Articles(stories...)
	ix := BuildIndex(arts, 1)
	if len(ix.shards) != 3 {
		t.Fatalf("%d shards", len(ix.shards))
	}
	for _, q := range []string{"a1", "a42 b3", "b6", "a", "a99 b0"} {
		got, want := ix.Match(q), matchLinear(arts, q)
		if !slices.Equal(got.Set, want) || got.Count != want.Count() {
			t.Errorf("%q: index %d matches, linear %d", q, got.Count, want.Count())
		}
	}
}

// TestSearchManyWords grows the vocabulary well past the word table's
// first size, with words of up to 8 bytes, up to 16 and longer (keyed
// differently), each seen again after the table grew, and checks each word
// leads to its own articles.
func TestSearchManyWords(t *testing.T) {
	const n = 5000
	var stories []model.Story
	nums := make([]string, n)
	for i := range n {
		nums[i] = strconv.Itoa(i)
		stories = append(stories, model.Story{
			Headline: fmt.Sprintf("w%d Mediumword%dm longerwordforthetable%dx", i, i, i),
			Text:     &model.StoryText{Paragraphs: []string{fmt.Sprintf("shared %d mediumword%dm Longerwordforthetable%dx", i%7, (i+n/2)%n, (i+n/2)%n)}},
		})
	}
	ix := BuildIndex(testkit.Articles(stories...), 1)
	// A word the table lost would come back with a second number, which
	// matching cannot tell but the vocabulary can.
	for _, sh := range ix.shards {
		for w := 1; w < len(sh.ends); w++ {
			if sh.word(w-1) >= sh.word(w) {
				t.Fatalf("vocabulary not strictly sorted: %q, %q", sh.word(w-1), sh.word(w))
			}
		}
	}
	for i := range n {
		want := 0 // w12 is also a prefix of w120 to w129 and w1200 to w1299
		for _, num := range nums {
			if strings.HasPrefix(num, nums[i]) {
				want++
			}
		}
		if m := ix.Match("w" + nums[i]); !m.Set.Has(i) || m.Count != want {
			t.Fatalf("Match(w%d): has it %v, %d matches, want %d", i, m.Set.Has(i), m.Count, want)
		}
		for _, q := range []string{"mediumword" + nums[i] + "m", "longerwordforthetable" + nums[i] + "x"} {
			if m := ix.Match(q); !m.Set.Has(i) || m.Count != 2 {
				t.Fatalf("Match(%q): has it %v, %d matches, want 2", q, m.Set.Has(i), m.Count)
			}
		}
	}
}
