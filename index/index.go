package index

import (
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"tidings/model"
	"tidings/words"
)

// The filter index serves the reader's "/" filter, which runs again on every
// keystroke: an article matches when every term of the query is a prefix of
// some word of its headline, source, paragraphs or live-blog entries (text
// and author), so that "harb" already finds "harbour". Words are cut and
// folded by NormalizeText's rules, so the filter agrees with how ids compare
// text, but for one thing: the signs of money and shares ($ £ € %) stay in
// the words they are written in, so that "£9" finds "£9" and not "90s".
//
// The articles are split into shards, built in parallel. A shard keeps a
// sorted vocabulary, in which the words beginning with a term are one run
// found by binary search, and for each word the articles that contain it:
// for most words a sorted list of the articles' offsets in the shard, 2
// bytes each; for a word in more than 1/16 of the shard's articles a bitset
// of the shard instead, which is then the smaller of the two and is ORed 64
// articles at a time. Shards are contiguous ranges starting on a multiple of
// 64, rather than every n-th article, so that a shard's bitset is a run of
// the result's words, and hold at most 65,536 articles, so that an offset
// fits in 2 bytes.

// Bitset is a set of article indexes: bit i%64 of word i/64 is article i.
type Bitset []uint64

// Has reports whether article i is in the set.
func (b Bitset) Has(i int) bool {
	return i >= 0 && i/64 < len(b) && b[i/64]&(1<<(uint(i)%64)) != 0
}

// Count is the number of articles in the set.
func (b Bitset) Count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// Matches is what a filter query selects.
type Matches struct {
	Set   Bitset
	Count int
}

// Index is the full-text filter index over a library's articles as they were
// when it was built. It is read-only once built, so any number of goroutines
// may match against it at once.
type Index struct {
	n      int
	shards []*shard
	src    *mapSource // the map its arrays lie in; nil in memory
	// encoded, when set, is what Encode writes, written before (see
	// Stream.WriteTo): it is copied rather than read from the arrays.
	encoded *encodedIndex
}

type shard struct {
	lo, hi int    // the articles covered, [lo, hi); lo is a multiple of 64
	words  string // the vocabulary, sorted, concatenated
	ends   []uint32
	// The articles of word w, unless it is dense, are lo plus each of
	// ids[post[w]:post[w+1]]; a dense word's run is empty.
	post  []uint32
	ids   []uint16
	dense []int32  // for a dense word, which bitset in bits is its own; else -1
	bits  []uint64 // bitsets of the dense words, nwords(hi-lo) words each
	// The unions of the words of the prefixes most costly to match (see
	// addPrefixes): the prefixes, sorted, concatenated, their ends, and
	// a bitset each.
	pre     string
	preEnds []uint32
	preBits []uint64
	// deleted are the articles, by offset, indexed again in a later shard
	// or no longer shown; nil when none are.
	deleted Bitset
	src     *mapSource // the map the arrays lie in, kept while they are
}

// Len is how many articles the index covers: Library.Articles[:Len()].
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return ix.n
}

// BuildIndex indexes articles, which must be a library's Articles (the
// article at position i has Index i), on up to workers goroutines (0 means
// GOMAXPROCS); it uses one per 8,192 articles at most. Nothing may modify
// the articles while it runs.
func BuildIndex(articles []*model.Article, workers int) *Index {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Index{n: len(articles), shards: buildParts(articles, workers, min(workers, len(articles)/smallShard))}
}

// smallShard is the fewest articles worth a shard of their own: fewer are
// quick to index in one, and each shard costs Match a search.
const smallShard = 8192

// buildParts indexes articles in about parts shards on workers goroutines.
func buildParts(articles []*model.Article, workers, parts int) []*shard {
	return buildCut(shardCuts(articles, parts), workers, func(lo, hi int) *shard { return buildShard(articles, lo, hi) })
}

// buildCut builds the shards between cuts on workers goroutines.
func buildCut(cuts []int, workers int, build func(lo, hi int) *shard) []*shard {
	shards := make([]*shard, len(cuts)-1)
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(workers, len(shards)) {
		wg.Go(func() {
			for s := int(next.Add(1) - 1); s < len(shards); s = int(next.Add(1) - 1) {
				shards[s] = build(cuts[s], cuts[s+1])
			}
		})
	}
	wg.Wait()
	return shards
}

// maxShard is the most articles a shard holds, so that an article's offset
// in its shard fits in a uint16.
const maxShard = 1 << 16

// shardCuts splits the articles into parts ranges of about equal text
// length, since the time to index an article grows with its text and long
// live blogs may be bunched together; or into more when that would make one
// longer than maxShard. Cuts fall on multiples of 64.
func shardCuts(articles []*model.Article, parts int) []int {
	return cutsBy(len(articles), parts, func(i int) int { return textSize(TextOf(articles[i])) })
}

// textSize is how long a text is, for cutting shards of about equal text.
func textSize(t Text) int {
	n := len(t.Headline) + len(t.Source)
	for _, p := range t.Body.Paragraphs {
		n += len(p)
	}
	for _, e := range t.Body.Entries {
		n += len(e.Author) + len(e.Text)
	}
	return n
}

// cutsBy is shardCuts for n articles, article i's text being size(i) long.
func cutsBy(n, parts int, size func(i int) int) []int {
	blocks := nwords(n)
	parts = max(1, min(blocks, max(parts, (n+maxShard-1)/maxShard)))
	sizes := make([]int, blocks)
	total := 0
	for i := range n {
		sizes[i/64] += size(i) + 1
		total += size(i) + 1
	}
	cuts := []int{0}
	done := 0
	for b := range blocks - 1 {
		done += sizes[b]
		if done*parts >= total*len(cuts) || (b+1)*64-cuts[len(cuts)-1] == maxShard {
			cuts = append(cuts, (b+1)*64)
		}
	}
	return append(cuts, n)
}

func nwords(nbits int) int { return (nbits + 63) / 64 }

func (sh *shard) word(i int) string {
	start := uint32(0)
	if i > 0 {
		start = sh.ends[i-1]
	}
	return sh.words[start:sh.ends[i]]
}

// orPrefix adds to dst the articles of the shard that have a word beginning
// with term.
func (sh *shard) orPrefix(term string, dst Bitset) {
	nw := nwords(sh.hi - sh.lo)
	part := dst[sh.lo/64 : sh.lo/64+nw]
	if bs, ok := sh.prefixBits(term); ok {
		orBits(part, bs, sh.deleted)
		return
	}
	n := len(sh.ends)
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if sh.word(m) < term {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for w := lo; w < n && strings.HasPrefix(sh.word(w), term); w++ {
		if d := sh.dense[w]; d >= 0 {
			orBits(part, sh.bits[int(d)*nw:int(d+1)*nw], sh.deleted)
			continue
		}
		span := sh.hi - sh.lo
		for _, a := range sh.ids[sh.post[w]:sh.post[w+1]] {
			// An offset past the shard is damage the cache's checks let
			// through, since they do not read the postings (see Decode).
			if int(a) >= span || sh.deleted != nil && sh.deleted.Has(int(a)) {
				continue
			}
			part[a/64] |= 1 << (a % 64)
		}
	}
}

// orBits adds to part the articles of bs not deleted.
func orBits(part, bs, deleted Bitset) {
	if deleted != nil {
		for k, x := range bs {
			part[k] |= x &^ deleted[k]
		}
		return
	}
	for k, x := range bs {
		part[k] |= x
	}
}

// Match returns the indexed articles that match query, or nil when the query
// has no words (no filter). An index whose map failed (Err) matches
// nothing.
func (ix *Index) Match(query string) *Matches {
	var m *Matches
	if !ix.guard(func() { m = ix.match(query) }) {
		return &Matches{Set: make(Bitset, nwords(ix.Len()))}
	}
	return m
}

func (ix *Index) match(query string) *Matches {
	terms := queryTerms(query)
	if terms == nil {
		return nil
	}
	set := make(Bitset, nwords(ix.Len()))
	if ix.Len() == 0 {
		return &Matches{Set: set}
	}
	var term Bitset
	for t, q := range terms {
		if t == 0 {
			for _, sh := range ix.shards {
				sh.orPrefix(q, set)
			}
			continue
		}
		if term == nil {
			term = make(Bitset, len(set))
		} else {
			clear(term)
		}
		for _, sh := range ix.shards {
			sh.orPrefix(q, term)
		}
		left := uint64(0)
		for k := range set {
			set[k] &= term[k]
			left |= set[k]
		}
		if left == 0 {
			break
		}
	}
	return &Matches{Set: set, Count: set.Count()}
}

// queryTerms splits a query into its words, most selective first: a term
// that begins another term is dropped, since every article with a word
// beginning with the longer one also has one beginning with the shorter; the
// longer terms, which usually match fewer articles, come first, so that the
// set shrinks early. It returns nil when the query has no words.
func queryTerms(query string) []string {
	var terms []string
	var sc words.Scanner
	sc.Reset(query)
	for sc.Scan() {
		terms = append(terms, sc.Word())
	}
	slices.SortFunc(terms, func(a, b string) int { return len(b) - len(a) })
	out := terms[:0]
	for _, t := range terms {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.HasPrefix(o, t) }) {
			out = append(out, t)
		}
	}
	return out
}
