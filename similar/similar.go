package similar

import (
	"slices"
	"strings"
	"sync"

	"tidings/model"
	"tidings/words"
)

// Similar stories are found by their text, for stories no page showed
// together. Each article is reduced to a short sparse vector: its
// simTerms words of most weight by TF-IDF (a word of the headline counts
// headlineWeight times, the body's tf is damped as 1+ln tf, a name weighs
// nameWeight times and a common verb plainWeight times: see weight.go), normalized to
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
	To *model.Article
	// Score is the cosine of the two stories' word vectors, in (0, 1],
	// with the share of their heaviest shared name held (see names.go).
	Score float64
	// Terms are the two or three words that weigh most in the match, as
	// the story they were found for writes them.
	Terms []string
	// SameEvent is set for a near-duplicate from another source: the same
	// event written up by another outlet. A name they share is not enough
	// (see sameEventRest).
	SameEvent bool
}

// Similarity finds similar stories among the articles it was built from.
// It is read-only once built: any number of goroutines may call For.
type Similarity struct {
	articles []*model.Article
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
	// disk, when set, holds vecTerm, vecW, postDoc and postW instead: a
	// model restored from the cache leaves them in its file and reads the
	// few a query needs.
	disk *simDisk
	accs sync.Pool
	// vectors is how many articles have a vector, counted once.
	withTerms sync.Once
	vectors   int
}

const (
	simTerms       = 40 // words kept per article
	headlineWeight = 2  // a headline word counts as this many body words; 3 let headline verbs tie stories of one name
	// postingScan is how many postings of a query word are read at most,
	// its heaviest. On the stories of a million generated dumps 2,048
	// gave the same ten similar stories as 8,192 for 999 of 1,000
	// queries (1,000 of 1,000 at 100,000 dumps), reading a quarter of the
	// postings: p99 of a query 6.1 ms against 16.7 ms.
	postingScan = 2048
	// SameEventScore is the score from which a story of another source is
	// taken for the same event. It is calibrated on dumpgen's planted
	// events (TestSimilarFindsPlantedEvents with TIDINGS_EVENTS_N): since
	// names weigh more (see nameWeight), on 2,000 dumps the versions of an
	// event scored 0.479 and up against each other, and the other stories
	// listed among a version's 5 most similar (distractors naming its
	// person) at most 0.258; on 20,000 dumps versions 0.436 and up, others
	// at most 0.358. (nameWeight 2 made the two overlap at 20,000.)
	SameEventScore = 0.4
	// MinScore is the score below which a story is not shown as similar:
	// the match means nothing. Calibrated by TestSimilarOnUnrelatedStories
	// and TestSimilarFindsPlantedEvents (go test ./similar -run
	// 'Unrelated|Planted' -v prints the figures): before names weighed
	// more, over 2,000 dumps with no planted event the scores of the 5 best
	// of each story had median 0.080, p99 0.134, over the bundled samples
	// median 0.039, p99 0.206, and the versions of planted events scored
	// 0.362 and up; with names weighed, versions score 0.479 and up, and
	// 0.018 stories per story are listed over the unrelated dumps, 0.054
	// over the samples (a pair of the samples' night-ferry stories).
	MinScore = 0.25
	// commonShare is the share of the stories a word may be in and still be
	// shown as a shared term: a word in more says nothing of the match.
	commonShare = 0.02
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
	if s.disk != nil {
		n += 4 * 4096 // what a query reads, about
	}
	for _, t := range s.terms {
		n += 16 + len(t)
	}
	return n
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
// leaving out a itself and the stories a is linked to (a.Links()), which
// the reader lists already. It reads a.Links(), so it must not run while the
// library adds pages. An article the structure was not built over has
// none.
func (s *Similarity) For(a *model.Article, k int) []Similar {
	if a == nil {
		return nil
	}
	return s.ForText(a, a.Body(), k)
}

// ForText is For for an article whose text is not in memory: body is its
// text (see Library.BodyOf), from which the shared words are spelled as
// the story writes them.
func (s *Similarity) ForText(a *model.Article, body model.Body, k int) []Similar {
	if s == nil || a == nil || k <= 0 || a.Index < 0 || int(a.Index) >= len(s.articles) || s.articles[a.Index] != a {
		return nil
	}
	qTerms, qW, ok := s.vector(int(a.Index))
	if !ok || len(qTerms) == 0 {
		return nil
	}
	acc, _ := s.accs.Get().(*accumulator)
	if acc == nil {
		acc = &accumulator{score: make([]float32, len(s.articles))}
	}
	defer s.accs.Put(acc)
	for q, t := range qTerms {
		docs, ws, ok := s.postings(t)
		if !ok {
			for _, d := range acc.touched {
				acc.score[d] = 0
			}
			acc.touched = acc.touched[:0]
			return nil
		}
		for p, d := range docs {
			if acc.score[d] == 0 {
				acc.touched = append(acc.touched, d)
			}
			acc.score[d] += qW[q] * ws[p]
		}
	}
	acc.score[a.Index] = 0
	for _, l := range a.Links() {
		if i := int(l.To.Index); i >= 0 && i < len(acc.score) && s.articles[i] == l.To {
			acc.score[i] = 0
		}
	}
	// The k best, in a small min-heap by score; ties go to the lower id,
	// so that the answer depends neither on the order of the postings nor
	// on how the articles are numbered (a library rebuilt from the cache
	// numbers them as an earlier run did).
	type cand struct {
		doc   uint32
		score float32
	}
	worse := func(x, y cand) bool {
		return x.score < y.score || (x.score == y.score && s.articles[x.doc].ID > s.articles[y.doc].ID)
	}
	pool := k * rescoreFactor
	heap := make([]cand, 0, pool)
	for _, d := range acc.touched {
		c := cand{d, acc.score[d]}
		acc.score[d] = 0
		if c.score < MinScore || s.articles[d].Gone() {
			continue
		}
		if len(heap) < pool {
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
	// Scored again with the names' share held (see names.go).
	groups := s.nameGroups(body, qTerms)
	rest := make(map[uint32]float32, len(heap))
	kept := heap[:0]
	for _, c := range heap {
		n, o, terms, ok := s.split(qTerms, qW, groups, int(c.doc))
		if !ok {
			return nil
		}
		if c.score = rescored(n, o); c.score >= MinScore {
			if terms >= sameEventTerms {
				rest[c.doc] = o
			}
			kept = append(kept, c)
		}
	}
	heap = kept
	slices.SortFunc(heap, func(x, y cand) int {
		if worse(y, x) {
			return -1
		}
		if worse(x, y) {
			return 1
		}
		return 0
	})
	heap = heap[:min(k, len(heap))]

	out := make([]Similar, len(heap))
	var want []uint32
	for i, c := range heap {
		b := s.articles[c.doc]
		out[i] = Similar{To: b, Score: min(1, float64(c.score))}
		out[i].SameEvent = c.score >= SameEventScore && rest[c.doc] >= sameEventRest && differentSources(a.Source(), b.Source())
		terms := s.shared(qTerms, qW, int(c.doc))
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
	shown := s.asWritten(a.Headline, body, want)
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
func (s *Similarity) shared(xTerms []uint32, xW []float32, y int) []uint32 {
	type contrib struct {
		t uint32
		w float32
	}
	yTerms, yW, ok := s.vector(y)
	if !ok {
		return nil
	}
	var best [3]contrib
	n := 0
	i, j := 0, 0
	for i < len(xTerms) && j < len(yTerms) {
		switch ti, tj := xTerms[i], yTerms[j]; {
		case ti < tj:
			i++
		case ti > tj:
			j++
		case s.common(ti):
			i, j = i+1, j+1
		default:
			c := contrib{ti, xW[i] * yW[j]}
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

// common reports a term in more than commonShare of the stories (by its
// postings: the stories whose vector holds it), which is never shown as a
// shared word; in a small library, a term of more than two.
func (s *Similarity) common(t uint32) bool {
	// At least the two stories of the match itself may hold it.
	// Counted against the stories with a vector (not those gone), as a
	// model restored from the cache and one built anew both count them.
	s.withTerms.Do(func() {
		for i := 0; i+1 < len(s.vecOff); i++ {
			if s.vecOff[i+1] > s.vecOff[i] {
				s.vectors++
			}
		}
	})
	return float64(s.postOff[t+1]-s.postOff[t]) > max(2, commonShare*float64(s.vectors))
}

// asWritten maps each of the terms to its first spelling in a's text.
func (s *Similarity) asWritten(headline string, body model.Body, terms []uint32) map[string]string {
	out := make(map[string]string, len(terms))
	if len(terms) == 0 {
		return out
	}
	left := len(terms)
	var sc words.Scanner
	eachText(headline, body, func(text string, _ bool) {
		if left == 0 {
			return
		}
		sc.Reset(text)
		for sc.ScanTerm() {
			for _, t := range terms {
				if tw := s.terms[t]; sc.Is(tw) {
					if _, done := out[tw]; !done {
						out[tw] = strings.Clone(sc.Written())
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
	x, y = model.NormalizeText(x), model.NormalizeText(y)
	return x != "" && y != "" && x != y
}

// Texts is what a build needs of a library's articles, taken where the
// library may be read (the UI's update loop): each one's headline and
// where its text is. Build then reads no part of the library, so that
// the library may change while it runs.
type Texts struct {
	articles  []*model.Article
	headlines []string
	bodies    []model.BodySource
}

// TextsOf takes the texts of every article of lib; one no page shows has
// none.
func TextsOf(lib *model.Library) Texts {
	n := len(lib.Articles)
	t := Texts{articles: lib.Articles[:n:n], headlines: make([]string, n), bodies: make([]model.BodySource, n)}
	for i, a := range t.articles {
		if !a.Gone() {
			t.headlines[i], t.bodies[i] = a.Headline, lib.BodyOf(a)
		}
	}
	return t
}

// Build builds the model over the articles the texts were taken from,
// reading each one's text twice (see BuildSimilarityFrom): from memory, or
// from its files. An article whose files cannot be read counts by its
// headline alone.
func (t Texts) Build() *Similarity {
	return BuildSimilarityFrom(t.articles, func(i int) (string, model.Body) {
		if t.headlines[i] == "" {
			return "", model.Body{}
		}
		body, _ := t.bodies[i].Read()
		return t.headlines[i], body
	})
}
