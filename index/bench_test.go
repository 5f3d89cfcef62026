package index

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"tidings/model"
	"time"
	"unicode"
	"unicode/utf8"
)

// The benchmarks run over 100,000 invented articles the size of news
// stories: headlines of 6-12 words, 3-15 paragraphs of 300-1,500 words in
// all, every 20th a live blog with entries, in a language of 4,000 words
// drawn with Zipf-like frequencies. They are made once per process.

const benchArticles = 100_000

var (
	benchOnce   sync.Once
	benchCorpus []*model.Article
	benchIndex  *Index
)

func benchLibrary(b *testing.B) ([]*model.Article, *Index) {
	b.Helper()
	benchOnce.Do(func() {
		benchCorpus = makeBenchCorpus(benchArticles, 4000)
		benchIndex = BuildIndex(benchCorpus, 0)
	})
	return benchCorpus, benchIndex
}

var (
	keysOnce  sync.Once
	keysIndex *Index
)

// benchKeysIndex is the index the keystroke benchmarks type into: that of
// benchLibrary, or of TIDINGS_BENCH_N articles when that is set.
func benchKeysIndex(b *testing.B) *Index {
	b.Helper()
	n := benchArticles
	if v := os.Getenv("TIDINGS_BENCH_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("TIDINGS_BENCH_N=%q: want a number of articles", v)
		}
	}
	if n == benchArticles {
		_, ix := benchLibrary(b)
		return ix
	}
	keysOnce.Do(func() {
		start := time.Now()
		keysIndex = streamBenchIndex(n, 4000)
		b.Logf("indexed %d generated articles in %s", n, time.Since(start).Round(time.Millisecond))
	})
	return keysIndex
}

// benchWords puts English glue words at the top of the frequency ranking
// and a few known words, which the benchmark queries look for, at chosen
// ranks among invented ones.
func benchWords(n int) []string {
	glue := []string{
		"the", "of", "and", "to", "a", "in", "is", "for", "on", "that", "with",
		"said", "was", "at", "by", "it", "as", "from", "he", "she", "they", "be",
		"has", "have", "an", "are", "not", "but", "this", "will", "after", "over",
		"new", "more", "than", "were", "been", "who", "its", "their",
	}
	known := map[int]string{
		60: "minister", 90: "council", 150: "government", 300: "harbour",
		600: "harvest", 800: "hardship", 1500: "harbor", 2500: "harbinger",
	}
	syll := []string{
		"ba", "ke", "li", "mo", "nu", "ra", "se", "ti", "vo", "za", "ha", "har",
		"en", "or", "ul", "stra", "pel", "dun", "gri", "cho", "mé", "lü", "ø",
		"qua", "wen", "xi", "yor", "fa", "do", "pi", "co", "min",
	}
	r := rand.New(rand.NewPCG(11, 12))
	seen := map[string]bool{}
	for _, w := range glue {
		seen[w] = true
	}
	for _, w := range known {
		seen[w] = true
	}
	words := slices.Clone(glue)
	sylls := 3
	if n > 10000 {
		sylls = 4 // enough combinations for a large vocabulary
	}
	for len(words) < n {
		if w, ok := known[len(words)]; ok {
			words = append(words, w)
			continue
		}
		var w []byte
		for range 2 + r.IntN(sylls) {
			w = append(w, syll[r.IntN(len(syll))]...)
		}
		if !seen[string(w)] {
			seen[string(w)] = true
			words = append(words, string(w))
		}
	}
	return words
}

// zipfTable maps a 20-bit random number to a word rank with probability
// proportional to 1/(rank+1)^1.05, so that a word costs one table read.
func zipfTable(n int) []uint32 {
	cum := make([]float64, n)
	total := 0.0
	for r := range n {
		total += 1 / math.Pow(float64(r+1), 1.05)
		cum[r] = total
	}
	table := make([]uint32, 1<<20)
	r := 0
	for i := range table {
		x := (float64(i) + 0.5) / float64(len(table)) * total
		for cum[r] < x {
			r++
		}
		table[i] = uint32(r)
	}
	return table
}

type benchGen struct {
	r       *rand.Rand
	words   []string
	table   []uint32
	sources []string
	names   []string
	buf     []byte
}

func (g *benchGen) word() string { return g.words[g.table[g.r.Uint64()>>44]] }

func appendTitle(b []byte, w string) []byte {
	r, size := utf8.DecodeRuneInString(w)
	b = utf8.AppendRune(b, unicode.ToUpper(r))
	return append(b, w[size:]...)
}

// sentences writes n words as sentences of 8-24 words with a capital at the
// start, some proper nouns, possessives and commas.
func (g *benchGen) sentences(n int) string {
	b := g.buf[:0]
	left := 0
	for i := range n {
		if i > 0 {
			b = append(b, ' ')
		}
		w := g.word()
		switch {
		case left == 0:
			left = 8 + g.r.IntN(17)
			b = appendTitle(b, w)
		case g.r.IntN(15) == 0:
			b = appendTitle(b, w)
		default:
			b = append(b, w...)
		}
		switch k := g.r.IntN(40); {
		case k == 0:
			b = append(b, "'s"...)
		case k == 1:
			b = append(b, "’s"...)
		case k < 5:
			b = append(b, ',')
		}
		if left--; left == 0 || i == n-1 {
			b = append(b, '.')
		}
	}
	g.buf = b
	return string(b)
}

func (g *benchGen) article() model.Story {
	s := model.Story{}.WithSource(g.sources[g.r.IntN(len(g.sources))])
	s.Headline = g.sentences(6 + g.r.IntN(7))
	s.Headline = s.Headline[:len(s.Headline)-1]
	total := 300 + g.r.IntN(1201)
	paras := 3 + g.r.IntN(13)
	var paragraphs []string
	var entries []model.Entry
	for p := range paras {
		paragraphs = append(paragraphs, g.sentences(total*(p+1)/paras-total*p/paras))
	}
	if g.r.IntN(20) == 0 {
		t := time.Date(2025, 3, 1, 7, 0, 0, 0, time.UTC)
		for e := range 3 + g.r.IntN(10) {
			entries = append(entries, model.Entry{
				Author: g.names[g.r.IntN(len(g.names))],
				Time:   t.Add(time.Duration(e) * 7 * time.Minute),
				Text:   g.sentences(20 + g.r.IntN(61)),
			})
		}
	}
	s.SetText(paragraphs, entries, nil)
	return s
}

// benchSource is what the generators of every chunk share.
type benchSource struct {
	words, sources, names []string
	table                 []uint32
}

func newBenchSource(vocab int) *benchSource {
	words := benchWords(vocab)
	src := &benchSource{words: words, table: zipfTable(len(words))}
	nr := rand.New(rand.NewPCG(13, 14))
	for range 60 {
		src.sources = append(src.sources, string(appendTitle(nil, words[nr.IntN(500)]))+" "+string(appendTitle(nil, words[nr.IntN(2000)])))
	}
	for _, first := range []string{"Ana", "Tomas", "Zoë", "Søren", "Łukasz", "Chloé", "Omar", "Priya", "Kofi", "Greta"} {
		for range 5 {
			src.names = append(src.names, first+" "+string(appendTitle(nil, words[100+nr.IntN(3000)])))
		}
	}
	return src
}

// benchChunk is the corpus's unit of generation: each chunk has its own
// seed, so the corpus does not depend on scheduling.
const benchChunk = 1024

// chunk returns the generator of the chunk starting at article c.
func (src *benchSource) chunk(c int) *benchGen {
	return &benchGen{r: rand.New(rand.NewPCG(42, uint64(c))), words: src.words, table: src.table, sources: src.sources, names: src.names}
}

// makeBenchCorpus makes n articles in chunks on all cores.
func makeBenchCorpus(n, vocab int) []*model.Article {
	src := newBenchSource(vocab)
	arts := make([]*model.Article, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for c := range next {
				g := src.chunk(c)
				for i := c; i < min(n, c+benchChunk); i++ {
					arts[i] = &model.Article{Story: g.article(), Index: int32(i)}
				}
			}
		})
	}
	for c := 0; c < n; c += benchChunk {
		next <- c
	}
	close(next)
	wg.Wait()
	return arts
}

// streamBenchIndex indexes the n articles makeBenchCorpus(n, vocab) makes
// without holding their text (a million articles' text is some 6 GB): each
// shard generates its articles as it indexes them. The shards are cut
// evenly rather than by text length, the one difference from BuildIndex.
func streamBenchIndex(n, vocab int) *Index {
	src := newBenchSource(vocab)
	workers := runtime.GOMAXPROCS(0)
	parts := min(nwords(n), max(workers, (n+maxShard-1)/maxShard))
	cuts := []int{0}
	for p := 1; p < parts; p++ {
		cuts = append(cuts, n*p/parts/64*64)
	}
	cuts = append(cuts, n)
	shards := make([]*shard, parts)
	var next atomic.Int32
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for s := int(next.Add(1) - 1); s < parts; s = int(next.Add(1) - 1) {
				var g *benchGen
				at := -1 // the next article g makes
				shards[s] = buildShardOf(cuts[s], cuts[s+1], func(i int, add func(string)) {
					if g == nil || i%benchChunk == 0 {
						g, at = src.chunk(i/benchChunk*benchChunk), i/benchChunk*benchChunk
					}
					for ; at < i; at++ {
						g.article()
					}
					st := g.article()
					at++
					indexedText(TextOf(&model.Article{Story: st}), add)
				})
			}
		})
	}
	wg.Wait()
	return &Index{n: n, shards: shards}
}

func BenchmarkIndexBuild(b *testing.B) {
	arts, _ := benchLibrary(b)
	for _, workers := range []int{1, 0} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				BuildIndex(arts, workers)
			}
			b.StopTimer()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			ix := BuildIndex(arts, workers)
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "index-MB")
			runtime.KeepAlive(ix)
		})
	}
}

func BenchmarkIndexMatch(b *testing.B) {
	_, ix := benchLibrary(b)
	for _, q := range []struct{ name, query string }{
		{"1letter", "h"},
		{"1letter-commonest", "t"},
		{"2letter", "ha"},
		{"4letter", "harb"},
		{"3terms", "har min co"},
		{"3terms-common", "the sa co"},
		{"nomatch", "qqq"},
	} {
		b.Run(q.name, func(b *testing.B) {
			var m *Matches
			for b.Loop() {
				m = ix.Match(q.query)
			}
			b.ReportMetric(float64(m.Count), "matches")
		})
	}
}

// BenchmarkIndexKeystrokes types a query a key at a time, as the filter
// sees it, and reports the 99th percentile and the worst of the times one
// keystroke's Match took; ns/op is for the whole sequence.
//
// TIDINGS_BENCH_N=1000000 runs it over a million articles, indexed as they
// are generated (streamBenchIndex), since their text would not fit.
func BenchmarkIndexKeystrokes(b *testing.B) {
	ix := benchKeysIndex(b)
	keys := []string{"h", "ha", "har", "harb", "harbo", "harbou", "harbour", "harbour c", "harbour co", "harbour cou"}
	var times []time.Duration
	for b.Loop() {
		for _, q := range keys {
			start := time.Now()
			ix.Match(q)
			times = append(times, time.Since(start))
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(postingBytes(ix))/(1<<20), "index-MB")
}

// BenchmarkIndexKeystrokesNarrowed types the keys of
// BenchmarkIndexKeystrokes as the reader's filter does: each query is
// answered by FindAfter from the one before.
func BenchmarkIndexKeystrokesNarrowed(b *testing.B) {
	ix := benchKeysIndex(b)
	keys := []string{"h", "ha", "har", "harb", "harbo", "harbou", "harbour", "harbour c", "harbour co", "harbour cou"}
	today := time.Date(2025, 6, 24, 10, 0, 0, 0, time.UTC)
	var times []time.Duration
	for b.Loop() {
		var prev Query
		var prevSet Bitset
		for _, k := range keys {
			start := time.Now()
			q := ParseQuery(k, today)
			m := ix.FindAfter(nil, &prev, prevSet, &q, nil)
			times = append(times, time.Since(start))
			prev, prevSet = q, m.Set
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
}

// postingBytes is the size of the index's arrays.
func postingBytes(ix *Index) int {
	n := 0
	for _, sh := range ix.shards {
		n += len(sh.words) + 4*len(sh.ends) + 4*len(sh.post) + 2*len(sh.ids) + 4*len(sh.dense) + 8*len(sh.bits) + 8*len(sh.deleted) +
			len(sh.pre) + 4*len(sh.preEnds) + 8*len(sh.preBits)
	}
	return n
}

// BenchmarkFacetsCheck checks source: and day: over a million articles
// from their facets, as a broad query typed afresh does ("source:w").
func BenchmarkFacetsCheck(b *testing.B) {
	const n = 1_000_000
	arts := make([]*model.Article, n)
	for i := range arts {
		arts[i] = &model.Article{Index: int32(i)}
		arts[i].SetSource(fmt.Sprintf("source %d wire", i%3000))
		arts[i].SetDay(fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28))
	}
	f := NewFacets(arts)
	for _, query := range []string{"source:3", "day:2025-06-01..", "source:1 day:..2025-03-01"} {
		b.Run(query, func(b *testing.B) {
			q := ParseQuery(query, time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
			q.Facets = f
			set := make(Bitset, nwords(n))
			for b.Loop() {
				for k := range set {
					set[k] = ^uint64(0)
				}
				q.checkArticles(arts, set, nil)
			}
		})
	}
}
