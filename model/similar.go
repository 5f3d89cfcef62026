package model

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Similar stories are found by their text, for stories no page showed
// together. Each article is reduced to a short sparse vector: its
// simTerms words of most weight by TF-IDF (a word of the headline counts
// headlineWeight times, the body's tf is damped as 1+ln tf), normalized to
// length 1. Words in one article only, and words in more than a quarter of
// the articles, are left out: the first can match nothing, the second say
// little. An inverted index lists, for each word, the articles whose vector
// holds it, heaviest first; a query adds up, over its own vector's words,
// the products of weights with the articles of their lists (at most
// postingScan of each), which is the cosine of the two vectors. English
// function words are never terms; a number with thousands separators is
// one.

// Similar is a story found like another by its text.
type Similar struct {
	To *Article
	// Score is the cosine of the two stories' word vectors, in (0, 1].
	Score float64
	// Terms are the two or three words that weigh most in the match, as
	// the story they were found for writes them.
	Terms []string
	// SameEvent is set for a near-duplicate from another source: the same
	// event written up by another outlet.
	SameEvent bool
}

// Similarity finds similar stories among the articles it was built from.
// It is read-only once built: any number of goroutines may call For.
type Similarity struct {
	articles []*Article
	// The vector of article i is vecTerm and vecW [vecOff[i]:vecOff[i+1]],
	// by term number.
	vecOff  []uint32
	vecTerm []uint32
	vecW    []float32
	// The postings of term t are postDoc and postW [postOff[t]:postOff[t+1]],
	// heaviest first.
	postOff []uint32
	postDoc []uint32
	postW   []float32
	terms   []string // by number, as folded
	accs    sync.Pool
}

const (
	simTerms       = 40   // words kept per article
	headlineWeight = 2    // a headline word counts as this many body words; 3 let headline verbs tie stories of one name
	postingScan    = 8192 // postings read per query word at most
	// SameEventScore is the score from which a story of another source is
	// taken for the same event. It is calibrated on dumpgen's planted
	// events (TestSimilarFindsPlantedEvents with TIDINGS_EVENTS_N): on
	// 100,000 dumps with 1,500 events, the versions of an event scored
	// 0.384 and up against each other, and of 12,735 other stories listed
	// among a version's 5 most similar (distractors naming its person
	// among them) 2 scored above 0.3, the highest 0.307; on 20,000 dumps
	// (two seeds), versions 0.362 and up, others at most 0.253.
	SameEventScore = 0.3
)

// Len is how many articles the structure covers: the first Len of the
// library's Articles.
func (s *Similarity) Len() int {
	if s == nil {
		return 0
	}
	return len(s.articles)
}

// Bytes is about how much memory the structure holds, beside the articles.
func (s *Similarity) Bytes() int {
	n := 8*len(s.articles) + 4*(len(s.vecOff)+len(s.vecTerm)+len(s.vecW)+len(s.postOff)+len(s.postDoc)+len(s.postW))
	for _, t := range s.terms {
		n += 16 + len(t)
	}
	return n
}

// eachText calls f with each text of a whose words count, and whether it is
// the headline.
func eachText(a *Article, f func(text string, headline bool)) {
	f(a.Headline, true)
	for _, p := range a.Paragraphs {
		f(p, false)
	}
	for _, e := range a.Entries {
		f(e.Text, false)
	}
}

// simWord reports whether a word may be a term: two letters or more, and
// not an English function word, which in a small library may be rare
// enough to escape the document-frequency cut.
func simWord(w string) bool {
	if len(w) < 2 || (len(w) == 2 && utf8.RuneCountInString(w) < 2) {
		return false
	}
	_, stop := stopWords[w]
	return !stop
}

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
		mr mrs ms may might must shall per via upon amid among around since like get got`) {
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
func BuildSimilarity(articles []*Article) *Similarity {
	n := len(articles)
	s := &Similarity{articles: articles, vecOff: make([]uint32, n+1)}

	// Document frequencies, counted per worker, then merged.
	type dfEntry struct {
		df   int32
		last int32 // the last article counted, +1
	}
	perWorker := make([]map[string]*dfEntry, runtime.GOMAXPROCS(0))
	inChunks(n, func(w, lo, hi int) {
		m := perWorker[w]
		if m == nil {
			m = map[string]*dfEntry{}
			perWorker[w] = m
		}
		var sc wordScanner
		for i := lo; i < hi; i++ {
			eachText(articles[i], func(text string, _ bool) {
				sc.reset(text)
				for sc.scanTerm() {
					e, _ := lookup(m, &sc)
					if e == nil {
						w := sc.word()
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
	maxDF := int32(max(2, n/4))
	ids := make(map[string]uint32, len(df)/2)
	var idf []float32
	// Words are numbered in sorted order, not the map's, so that the same
	// articles always give the same numbers, and so the same ties broken
	// the same way: the reader's Related section must not change between
	// runs.
	words := make([]string, 0, len(df))
	for w := range df {
		words = append(words, w)
	}
	slices.Sort(words)
	for _, w := range words {
		d := df[w]
		if d < 2 || d > maxDF {
			continue
		}
		ids[w] = uint32(len(s.terms))
		s.terms = append(s.terms, w)
		idf = append(idf, float32(math.Log(float64(n)/float64(d))))
	}
	df, perWorker = nil, nil

	// Vectors, per chunk of articles, then laid end to end.
	type part struct {
		lo    int
		terms []uint32
		ws    []float32
		ends  []uint32
	}
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
		var sc wordScanner
		var touched []uint32
		for i := lo; i < hi; i++ {
			touched = touched[:0]
			eachText(articles[i], func(text string, headline bool) {
				add := float32(1)
				if headline {
					add = headlineWeight
				}
				sc.reset(text)
				for sc.scanTerm() {
					t, ok := lookup(ids, &sc)
					if !ok {
						continue
					}
					if tf[t] == 0 {
						touched = append(touched, t)
					}
					tf[t] += add
				}
			})
			for _, t := range touched {
				tf[t] = (1 + float32(math.Log(float64(tf[t])))) * idf[t]
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
		mu.Lock()
		parts = append(parts, p)
		mu.Unlock()
	})
	slices.SortFunc(parts, func(a, b part) int { return a.lo - b.lo })
	total := 0
	for _, p := range parts {
		total += len(p.terms)
	}
	s.vecTerm = make([]uint32, 0, total)
	s.vecW = make([]float32, 0, total)
	for _, p := range parts {
		base := uint32(len(s.vecTerm))
		for k, e := range p.ends {
			s.vecOff[p.lo+k+1] = base + e
		}
		s.vecTerm = append(s.vecTerm, p.terms...)
		s.vecW = append(s.vecW, p.ws...)
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
	return s
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

type posting struct {
	doc uint32
	w   float32
}

// accumulator is one query's scores by article, and the articles touched.
type accumulator struct {
	score   []float32
	touched []uint32
}

// For returns up to k stories whose text is most like a's, best first,
// leaving out a itself and the stories a is linked to (a.Links), which
// the reader lists already. It reads a.Links, so it must not run while the
// library adds pages. An article the structure was not built over has
// none.
func (s *Similarity) For(a *Article, k int) []Similar {
	if s == nil || a == nil || k <= 0 || a.Index < 0 || a.Index >= len(s.articles) || s.articles[a.Index] != a {
		return nil
	}
	q0, q1 := s.vecOff[a.Index], s.vecOff[a.Index+1]
	if q0 == q1 {
		return nil
	}
	acc, _ := s.accs.Get().(*accumulator)
	if acc == nil {
		acc = &accumulator{score: make([]float32, len(s.articles))}
	}
	defer s.accs.Put(acc)
	for q := q0; q < q1; q++ {
		t, qw := s.vecTerm[q], s.vecW[q]
		lo, hi := s.postOff[t], s.postOff[t+1]
		hi = min(hi, lo+postingScan)
		for p := lo; p < hi; p++ {
			d := s.postDoc[p]
			if acc.score[d] == 0 {
				acc.touched = append(acc.touched, d)
			}
			acc.score[d] += qw * s.postW[p]
		}
	}
	acc.score[a.Index] = 0
	for _, l := range a.Links {
		if i := l.To.Index; i >= 0 && i < len(acc.score) && s.articles[i] == l.To {
			acc.score[i] = 0
		}
	}
	// The k best, in a small min-heap by score; ties go to the lower index,
	// so that the answer does not depend on the order of the postings.
	type cand struct {
		doc   uint32
		score float32
	}
	worse := func(x, y cand) bool { return x.score < y.score || (x.score == y.score && x.doc > y.doc) }
	heap := make([]cand, 0, k)
	for _, d := range acc.touched {
		c := cand{d, acc.score[d]}
		acc.score[d] = 0
		if c.score <= 0 {
			continue
		}
		if len(heap) < k {
			heap = append(heap, c)
			for i := len(heap) - 1; i > 0; {
				p := (i - 1) / 2
				if !worse(heap[i], heap[p]) {
					break
				}
				heap[i], heap[p] = heap[p], heap[i]
				i = p
			}
			continue
		}
		if !worse(heap[0], c) {
			continue
		}
		heap[0] = c
		for i := 0; ; {
			m, l, r := i, 2*i+1, 2*i+2
			if l < len(heap) && worse(heap[l], heap[m]) {
				m = l
			}
			if r < len(heap) && worse(heap[r], heap[m]) {
				m = r
			}
			if m == i {
				break
			}
			heap[i], heap[m] = heap[m], heap[i]
			i = m
		}
	}
	acc.touched = acc.touched[:0]
	slices.SortFunc(heap, func(x, y cand) int {
		if worse(y, x) {
			return -1
		}
		if worse(x, y) {
			return 1
		}
		return 0
	})

	out := make([]Similar, len(heap))
	var want []uint32
	for i, c := range heap {
		b := s.articles[c.doc]
		out[i] = Similar{To: b, Score: min(1, float64(c.score))}
		out[i].SameEvent = c.score >= SameEventScore && differentSources(a.Source, b.Source)
		terms := s.shared(a.Index, int(c.doc))
		for _, t := range terms {
			if !slices.Contains(want, t) {
				want = append(want, t)
			}
		}
		out[i].Terms = make([]string, len(terms))
		for j, t := range terms {
			out[i].Terms[j] = s.terms[t] // written as a writes it below
		}
	}
	shown := s.asWritten(a, want)
	for i := range out {
		for j, w := range out[i].Terms {
			if sw, ok := shown[w]; ok {
				out[i].Terms[j] = sw
			}
		}
	}
	return out
}

// shared returns the terms that weigh most in the match of articles x and
// y: the three of the largest products of weights, but a third that adds
// less than a quarter of the first is left out.
func (s *Similarity) shared(x, y int) []uint32 {
	type contrib struct {
		t uint32
		w float32
	}
	var best [3]contrib
	n := 0
	i, j := s.vecOff[x], s.vecOff[y]
	for i < s.vecOff[x+1] && j < s.vecOff[y+1] {
		switch ti, tj := s.vecTerm[i], s.vecTerm[j]; {
		case ti < tj:
			i++
		case ti > tj:
			j++
		default:
			c := contrib{ti, s.vecW[i] * s.vecW[j]}
			k := min(n, len(best)-1)
			if n < len(best) {
				n++
			} else if c.w <= best[k].w {
				i, j = i+1, j+1
				continue
			}
			for ; k > 0 && best[k-1].w < c.w; k-- {
				best[k] = best[k-1]
			}
			best[k] = c
			i, j = i+1, j+1
		}
	}
	if n == 3 && best[2].w*4 < best[0].w {
		n = 2
	}
	out := make([]uint32, n)
	for k := range n {
		out[k] = best[k].t
	}
	return out
}

// asWritten maps each of the terms to its first spelling in a's text.
func (s *Similarity) asWritten(a *Article, terms []uint32) map[string]string {
	out := make(map[string]string, len(terms))
	if len(terms) == 0 {
		return out
	}
	left := len(terms)
	var sc wordScanner
	eachText(a, func(text string, _ bool) {
		if left == 0 {
			return
		}
		sc.reset(text)
		for sc.scanTerm() {
			for _, t := range terms {
				if tw := s.terms[t]; sc.is(tw) {
					if _, done := out[tw]; !done {
						out[tw] = strings.Clone(sc.written())
						left--
					}
					break
				}
			}
			if left == 0 {
				return
			}
		}
	})
	return out
}

// differentSources reports two named sources that are not the same outlet.
func differentSources(x, y string) bool {
	x, y = NormalizeText(x), NormalizeText(y)
	return x != "" && y != "" && x != y
}

// scanTerm scans the next word as similarity counts words: as the filter
// does, but a number written with thousands separators is one word
// ("61,598"), not two ("61", "598"), whose last group would tie it to
// every other number ending alike.
func (sc *wordScanner) scanTerm() bool {
	if !sc.scan() {
		return false
	}
	if !sc.folded && sc.hi-sc.lo <= 3 && allDigits(sc.s[sc.lo:sc.hi]) {
		s, hi := sc.s, sc.hi
		for hi+4 <= len(s) && s[hi] == ',' && allDigits(s[hi+1:hi+4]) &&
			(hi+4 == len(s) || byteClass[s[hi+4]] == byteSep || byteClass[s[hi+4]] == byteApos) {
			hi += 4
		}
		sc.hi, sc.i = hi, hi
	}
	return true
}

func allDigits(w string) bool {
	for i := range len(w) {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// lookup finds the word scanned in m, without copying it.
func lookup[V any](m map[string]V, sc *wordScanner) (V, bool) {
	if sc.folded {
		v, ok := m[string(sc.buf)]
		return v, ok
	}
	v, ok := m[sc.s[sc.lo:sc.hi]]
	return v, ok
}

// is reports whether the word scanned is w.
func (sc *wordScanner) is(w string) bool {
	if sc.folded {
		return string(sc.buf) == w
	}
	return sc.s[sc.lo:sc.hi] == w
}

// written is the word scanned as the text writes it.
func (sc *wordScanner) written() string {
	if sc.folded {
		return sc.s[sc.lo:sc.i]
	}
	return sc.s[sc.lo:sc.hi]
}
