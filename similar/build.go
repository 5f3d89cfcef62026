package similar

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"tidings/model"
	"tidings/words"
)

// eachText calls f with each text of a story whose words count, and
// whether it is the headline.
func eachText(headline string, body model.Body, f func(text string, headline bool)) {
	f(headline, true)
	for _, p := range body.Paragraphs {
		f(p, false)
	}
	for _, e := range body.Entries {
		f(e.Text, false)
	}
}

// simWord reports whether a word may be a term: two letters or more, and
// not an English function word, which in a small library may be rare
// enough to escape the document-frequency cut, nor a number of one or two
// digits: a clock's hours and minutes (23:45), a day of the month, a
// count, which match stories by chance and read as nonsense among the
// words a match is shown by.
func simWord(w string) bool {
	if len(w) < 2 || (len(w) == 2 && utf8.RuneCountInString(w) < 2) {
		return false
	}
	if len(w) == 2 && isDigit(w[0]) && isDigit(w[1]) {
		return false
	}
	_, stop := stopWords[w]
	return !stop
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

var stopWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at
		be because been before being below between both but by can could did do does doing down during
		each end few for from further had has have having he her here hers herself him himself his how
		i if in into is it its itself just me more most my myself no nor not now of off on once only or
		other our ours ourselves out over own said same says she should so some such than that the their
		theirs them themselves then there these they this those through to too under until up us very
		was we were what when where which while who whom why will with would you your yours yourself
		yourselves one two new last first next year years week day today yesterday time told says
		mr mrs ms may might must shall per via upon amid among around since like get got
		gets getting`) {
		m[w] = struct{}{}
	}
	return m
}()

// inChunks runs f over [0, n) in chunks of 256 on all cores.
func inChunks(n int, f func(worker, lo, hi int)) int {
	workers := max(1, min(runtime.GOMAXPROCS(0), (n+255)/256))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(256)) - 256
				if lo >= n {
					return
				}
				f(w, lo, min(n, lo+256))
			}
		})
	}
	wg.Wait()
	return workers
}

// BuildSimilarity builds the structure over articles, which must be a
// library's Articles (the article at position i has Index i), on all
// cores. Nothing may modify the articles while it runs; it takes a few
// times as long as BuildIndex (about 8 s of CPU for 100,000 dumps), so
// call it off the UI goroutine.
func BuildSimilarity(articles []*model.Article) *Similarity {
	return BuildSimilarityFrom(articles, func(i int) (string, model.Body) {
		a := articles[i]
		return a.Headline, a.Body()
	})
}

// BuildSimilarityFrom builds the structure over articles with the text of
// article i given by text(i), which is asked for twice for each article,
// from several goroutines at once: once to count in how many articles each
// word is, once for the vectors. No text need be held between the two, so
// a library whose text is on disk (restored from the cache) is rebuilt by
// reading its dumps twice, in the memory of the model alone. It reads
// nothing of the articles but through text, and their ids once built.
func BuildSimilarityFrom(articles []*model.Article, text func(i int) (headline string, body model.Body)) *Similarity {
	n := len(articles)
	s := &Similarity{articles: articles, vecOff: make([]uint32, n+1)}

	// Document frequencies, counted per worker, then merged.
	type dfEntry struct {
		df   int32
		last int32 // the last article counted, +1
	}
	perWorker := make([]map[string]*dfEntry, runtime.GOMAXPROCS(0))
	// Articles no page shows any more (no headline) are not counted: the
	// model is the one a load of the files as they are would build.
	var live atomic.Int64
	inChunks(n, func(w, lo, hi int) {
		m := perWorker[w]
		if m == nil {
			m = map[string]*dfEntry{}
			perWorker[w] = m
		}
		var sc words.Scanner
		for i := lo; i < hi; i++ {
			headline, body := text(i)
			if headline != "" {
				live.Add(1)
			}
			eachText(headline, body, func(text string, _ bool) {
				sc.Reset(text)
				for sc.ScanTerm() {
					e, _ := words.Lookup(m, &sc)
					if e == nil {
						w := sc.Word()
						if !simWord(w) {
							continue
						}
						e = &dfEntry{}
						m[strings.Clone(w)] = e
					}
					if e.last != int32(i+1) {
						e.last = int32(i + 1)
						e.df++
					}
				}
			})
		}
	})
	df := map[string]int32{}
	for _, m := range perWorker {
		for w, e := range m {
			df[w] += e.df
		}
	}
	ids, idf := s.choose(df, int(live.Load()))
	perWorker = nil

	// Vectors, per chunk of articles, then laid end to end.
	var mu sync.Mutex
	var parts []part
	scratch := make([][]float32, runtime.GOMAXPROCS(0))
	inChunks(n, func(w, lo, hi int) {
		tf := scratch[w]
		if tf == nil {
			tf = make([]float32, len(s.terms))
			scratch[w] = tf
		}
		p := part{lo: lo}
		var sc words.Scanner
		var touched []uint32
		names := map[uint32]bool{}
		for i := lo; i < hi; i++ {
			touched = touched[:0]
			clear(names)
			headline, body := text(i)
			eachText(headline, body, func(text string, headline bool) {
				add := float32(1)
				if headline {
					add = headlineWeight
				}
				sc.Reset(text)
				for sc.ScanTerm() {
					t, ok := words.Lookup(ids, &sc)
					if !ok {
						continue
					}
					if tf[t] == 0 {
						touched = append(touched, t)
					}
					tf[t] += add
					// A headline's capitals may be its style (Title
					// Case); the body's say a name.
					if !headline && !names[t] && capitalisedMidSentence(text, sc.Start()) {
						names[t] = true
					}
				}
			})
			s.weigh(&p, touched, tf, func(t uint32) bool { return names[t] }, idf)
		}
		mu.Lock()
		parts = append(parts, p)
		mu.Unlock()
	})
	s.layOut(parts)
	return s
}

// choose numbers the terms: the words of df (in how many articles each
// is) in at least two of the shown articles and at most a quarter; it
// returns their numbers and their inverse document frequencies.
func (s *Similarity) choose(df map[string]int32, shown int) (map[string]uint32, []float32) {
	maxDF := int32(max(2, shown/4))
	ids := make(map[string]uint32, len(df)/2)
	var idf []float32
	// Words are numbered in sorted order, not the map's, so that the same
	// articles always give the same numbers, and so the same ties broken
	// the same way: the reader's Related section must not change between
	// runs.
	vocab := make([]string, 0, len(df))
	for w := range df {
		vocab = append(vocab, w)
	}
	slices.Sort(vocab)
	for _, w := range vocab {
		d := df[w]
		if d < 2 || d > maxDF {
			continue
		}
		ids[w] = uint32(len(s.terms))
		s.terms = append(s.terms, w)
		idf = append(idf, float32(math.Log(float64(shown)/float64(d))))
	}
	return ids, idf
}

// part is the vectors of a chunk of articles, from lo on: their terms and
// weights end to end, and where each article's end.
type part struct {
	lo    int
	terms []uint32
	ws    []float32
	ends  []uint32
}

// weigh turns the counts of an article's terms (tf, by term number, of
// the terms touched, in the order first met; names says which the body
// writes as a name) into its vector, appended to p, and clears tf.
func (s *Similarity) weigh(p *part, touched []uint32, tf []float32, names func(t uint32) bool, idf []float32) {
	for _, t := range touched {
		tf[t] = (1 + float32(math.Log(float64(tf[t])))) * idf[t] * wordWeight(s.terms[t], names(t))
	}
	keep := heaviest(touched, tf, simTerms)
	norm := float32(0)
	for _, t := range keep {
		norm += tf[t] * tf[t]
	}
	norm = float32(math.Sqrt(float64(norm)))
	slices.Sort(keep)
	for _, t := range keep {
		p.terms = append(p.terms, t)
		p.ws = append(p.ws, tf[t]/norm)
	}
	for _, t := range touched {
		tf[t] = 0
	}
	p.ends = append(p.ends, uint32(len(p.terms)))
}

// layOut lays the parts' vectors end to end, and makes the postings of
// each term from them, heaviest first.
func (s *Similarity) layOut(parts []part) {
	n := len(s.vecOff) - 1
	slices.SortFunc(parts, func(a, b part) int { return a.lo - b.lo })
	total := 0
	for _, p := range parts {
		total += len(p.terms)
	}
	s.vecTerm = make([]uint32, 0, total)
	s.vecW = make([]float32, 0, total)
	for k, p := range parts {
		base := uint32(len(s.vecTerm))
		for k, e := range p.ends {
			s.vecOff[p.lo+k+1] = base + e
		}
		s.vecTerm = append(s.vecTerm, p.terms...)
		s.vecW = append(s.vecW, p.ws...)
		parts[k] = part{} // let it go as the arrays grow
	}

	// Postings: counted, placed, then each list sorted heaviest first.
	s.postOff = make([]uint32, len(s.terms)+1)
	for _, t := range s.vecTerm {
		s.postOff[t+1]++
	}
	for t := range s.terms {
		s.postOff[t+1] += s.postOff[t]
	}
	fill := slices.Clone(s.postOff[:len(s.terms)])
	s.postDoc = make([]uint32, total)
	s.postW = make([]float32, total)
	for i := range n {
		for k := s.vecOff[i]; k < s.vecOff[i+1]; k++ {
			t := s.vecTerm[k]
			s.postDoc[fill[t]], s.postW[fill[t]] = uint32(i), s.vecW[k]
			fill[t]++
		}
	}
	inChunks(len(s.terms), func(_, lo, hi int) {
		var list []posting
		for t := lo; t < hi; t++ {
			a, b := s.postOff[t], s.postOff[t+1]
			if b-a < 2 {
				continue
			}
			list = list[:0]
			for k := a; k < b; k++ {
				list = append(list, posting{s.postDoc[k], s.postW[k]})
			}
			slices.SortFunc(list, func(x, y posting) int {
				return cmp.Or(cmp.Compare(y.w, x.w), cmp.Compare(x.doc, y.doc))
			})
			for k, p := range list {
				s.postDoc[a+uint32(k)], s.postW[a+uint32(k)] = p.doc, p.w
			}
		}
	})
}

// heaviest moves the k terms of most weight (ties to the lower number) to
// the front of terms, by quickselect, and returns them.
func heaviest(terms []uint32, weight []float32, k int) []uint32 {
	if len(terms) <= k {
		return terms
	}
	before := func(x, y uint32) bool { return weight[x] > weight[y] || (weight[x] == weight[y] && x < y) }
	lo, hi := 0, len(terms) // the k-th is in terms[lo:hi]
	for hi-lo > 1 {
		m := lo + (hi-lo)/2
		terms[m], terms[hi-1] = terms[hi-1], terms[m]
		pivot := terms[hi-1]
		j := lo
		for i := lo; i < hi-1; i++ {
			if before(terms[i], pivot) {
				terms[i], terms[j] = terms[j], terms[i]
				j++
			}
		}
		terms[j], terms[hi-1] = terms[hi-1], terms[j]
		switch {
		case j == k:
			return terms[:k]
		case j < k:
			lo = j + 1
		default:
			hi = j
		}
	}
	return terms[:k]
}
