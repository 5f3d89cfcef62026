package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func scanWords(s string) []string {
	var sc wordScanner
	var out []string
	sc.reset(s)
	for sc.scan() {
		out = append(out, sc.word())
	}
	return out
}

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
		if got, want := strings.Join(scanWords(s), " "), NormalizeText(s); got != want {
			t.Fatalf("words of %q = %q, NormalizeText = %q", s, got, want)
		}
	}
}

// library returns articles numbered as a Library numbers them.
func library(stories ...Story) []*Article {
	arts := make([]*Article, len(stories))
	for i, s := range stories {
		arts[i] = &Article{Story: s, Index: i}
	}
	return arts
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
	arts := library(
		Story{Headline: "Harbour reopens after storm", Source: "Coastal Times",
			Paragraphs: []string{"The council's vote came late.", "Fishermen cheered."}},
		Story{Headline: "ZÜRICH bank fined", Source: "Alpine Wire",
			Paragraphs: []string{"Regulators in Zürich said the fine was €2m."}},
		Story{Headline: "Live: election night", Source: "Daily Ledger",
			Entries: []Entry{
				{Author: "Ana Kovač", Time: time.Date(2025, 3, 1, 7, 42, 0, 0, time.UTC), Text: "Turnout is up in Harborough."},
				{Text: "Polls close at 22:00"},
			}},
		Story{Headline: "Rock ’n’ roll museum opens", Paragraphs: []string{"An arbour of guitars."}},
		Story{},
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
		{"2m", []int{1}},
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
		if ix.Len() != len(arts) {
			t.Fatalf("Len = %d, want %d", ix.Len(), len(arts))
		}
		for _, c := range cases {
			m := ix.Match(c.query)
			lin := MatchLinear(arts, c.query)
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
				t.Errorf("MatchLinear(%q) = %v, index %v", c.query, lg, got)
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

// TestSearchCoversNewArticles checks that articles added after the build
// are found by scanning, and that a nil index (not built yet) scans all.
func TestSearchCoversNewArticles(t *testing.T) {
	arts := library(genStories(rand.New(rand.NewPCG(3, 4)), 300, testVocab)...)
	ix := BuildIndex(arts[:130], 2)
	if ix.Len() != 130 {
		t.Fatalf("Len = %d", ix.Len())
	}
	for _, q := range []string{"k", "ko", testVocab[5][:3] + " " + testVocab[40][:2], "zzzz"} {
		want := MatchLinear(arts, q)
		for name, ix := range map[string]*Index{"partial": ix, "nil": nil} {
			m := ix.Search(arts, q)
			if m.Count != want.Count() || !slices.Equal(members(m.Set, len(arts)), members(want, len(arts))) {
				t.Errorf("%s index, Search(%q): %d matches, want %d", name, q, m.Count, want.Count())
			}
		}
	}
	if ix.Search(arts, "") != nil {
		t.Error("empty query should mean no filter")
	}
	var none *Index
	if none.Len() != 0 || none.Match("x").Count != 0 {
		t.Error("nil index should cover nothing")
	}
}

// testVocab is small, so that many words are in most articles and turn into
// bitsets while others stay lists, and a random prefix usually matches.
var testVocab = func() []string {
	syll := []string{"ka", "ko", "ri", "ta", "mo", "ne", "zu", "pa", "le", "vi", "shi", "ø", "é", "Ä", "ς"}
	r := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	var out []string
	for len(out) < 300 {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}()

// genStories makes stories from vocab with skewed word frequencies,
// capitals, apostrophes and punctuation, and now and then live-blog entries.
func genStories(r *rand.Rand, n int, vocab []string) []Story {
	word := func() string {
		w := vocab[min(len(vocab)-1, int(float64(len(vocab))*r.Float64()*r.Float64()*r.Float64()))]
		switch r.IntN(20) {
		case 0:
			w = strings.ToUpper(w[:1]) + w[1:]
		case 1:
			w += "'s"
		case 2:
			w += "’"
		case 3:
			w += ","
		}
		return w
	}
	text := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(word())
		}
		return b.String()
	}
	out := make([]Story, n)
	for i := range out {
		s := Story{Headline: text(2 + r.IntN(6)), Source: text(r.IntN(3))}
		for range r.IntN(4) {
			s.Paragraphs = append(s.Paragraphs, text(r.IntN(30)))
		}
		if r.IntN(5) == 0 {
			for range 1 + r.IntN(3) {
				s.Entries = append(s.Entries, Entry{Author: text(2), Text: text(r.IntN(20))})
			}
		}
		out[i] = s
	}
	return out
}

func TestSearchIndexEqualsLinear(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 63, 64, 65, 1000, 2500} {
		arts := library(genStories(r, n, testVocab)...)
		workers := []int{1, 2, 3, 7}
		indexes := make([]*Index, len(workers))
		for i, w := range workers {
			indexes[i] = BuildIndex(arts, w)
		}
		for range 200 {
			q := randomQuery(r)
			want := MatchLinear(arts, q)
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
		w := testVocab[r.IntN(len(testVocab))]
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
	arts := library(genStories(rand.New(rand.NewPCG(8, 9)), 800, testVocab)...)
	ix := BuildIndex(arts, 0)
	queries := []string{"k", "ko ri", "ta", "Ä", "mo ne zu", "nothing"}
	want := map[string]int{}
	for _, q := range queries {
		want[q] = MatchLinear(arts, q).Count()
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
	arts := library(genStories(rand.New(rand.NewPCG(1, 1)), 1000, testVocab)...)
	for _, workers := range []int{1, 2, 3, 15, 16, 100} {
		cuts := shardCuts(arts, workers)
		if cuts[0] != 0 || cuts[len(cuts)-1] != len(arts) || len(cuts)-1 > workers {
			t.Fatalf("workers %d: cuts %v", workers, cuts)
		}
		for i := 1; i < len(cuts); i++ {
			if cuts[i] <= cuts[i-1] || (i < len(cuts)-1 && cuts[i]%64 != 0) {
				t.Fatalf("workers %d: cuts %v", workers, cuts)
			}
		}
	}
}
