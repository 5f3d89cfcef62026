package model

import (
	"hash/maphash"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The filter index serves the reader's "/" filter, which runs again on every
// keystroke: an article matches when every term of the query is a prefix of
// some word of its headline, source, paragraphs or live-blog entries (text
// and author), so that "harb" already finds "harbour". Words are cut and
// folded by NormalizeText's rules, so the filter agrees with how ids compare
// text.
//
// The articles are split into contiguous shards, one per build worker. A
// shard keeps a sorted vocabulary, in which the words beginning with a term
// are one run found by binary search, and for each word the articles that
// contain it. Rare words keep a sorted list of article indexes; a word found
// in more than 1/32 of the shard's articles keeps a bitset of the shard
// instead, which is then the smaller of the two and is ORed 64 articles at a
// time. Shards are contiguous ranges starting on a multiple of 64, rather
// than every n-th article, so that a shard's bitset is a slice of the
// result's words and merging shards is a copy-free OR.

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

func (b Bitset) set(i int) { b[i/64] |= 1 << (uint(i) % 64) }

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
}

type shard struct {
	lo, hi int    // the articles covered, [lo, hi); lo is a multiple of 64
	words  string // the vocabulary, sorted, concatenated
	ends   []uint32
	// post[w] (while w is sparse) is where word w's article indexes start
	// in ids; they end where the next sparse word's start.
	post  []uint32
	ids   []uint32
	dense []int32  // for a dense word, which bitset in bits is its own; else -1
	bits  []uint64 // bitsets of the dense words, nwords(hi-lo) words each
}

// Len is how many articles the index covers: Library.Articles[:Len()].
// Articles added after the build are not in it; Search scans them.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return ix.n
}

// BuildIndex indexes articles, which must be a library's Articles (the
// article at position i has Index i), on workers goroutines (0 means
// GOMAXPROCS). Nothing may modify the articles while it runs.
func BuildIndex(articles []*Article, workers int) *Index {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ix := &Index{n: len(articles)}
	cuts := shardCuts(articles, workers)
	ix.shards = make([]*shard, len(cuts)-1)
	var wg sync.WaitGroup
	for s := range ix.shards {
		wg.Go(func() {
			ix.shards[s] = buildShard(articles, cuts[s], cuts[s+1])
		})
	}
	wg.Wait()
	return ix
}

// shardCuts splits the articles into at most workers ranges of about equal
// text length, since the time to index an article grows with its text and
// long live blogs may be bunched together. Cuts fall on multiples of 64.
func shardCuts(articles []*Article, workers int) []int {
	blocks := (len(articles) + 63) / 64
	workers = max(1, min(workers, blocks))
	size := make([]int, blocks)
	total := 0
	for i, a := range articles {
		n := len(a.Headline) + len(a.Source)
		for _, p := range a.Paragraphs {
			n += len(p)
		}
		for _, e := range a.Entries {
			n += len(e.Author) + len(e.Text)
		}
		size[i/64] += n + 1
		total += n + 1
	}
	cuts := []int{0}
	done := 0
	for b := range blocks {
		done += size[b]
		if len(cuts) < workers && done*workers >= total*len(cuts) {
			cuts = append(cuts, (b+1)*64)
		}
	}
	if cuts[len(cuts)-1] < len(articles) || len(cuts) == 1 {
		cuts = append(cuts, len(articles))
	} else {
		cuts[len(cuts)-1] = len(articles)
	}
	return cuts
}

func nwords(nbits int) int { return (nbits + 63) / 64 }

// shardBuilder collects one shard's postings. Words are numbered in order
// of first sight. The articles are read 64 at a time: row holds, for each
// word, the bits of this block's articles that contain it, which both drops
// repeats of a word within an article and keeps the writes of a block in
// one small array; the block is then flushed into each touched word's list
// or bitset, one write per word rather than one per occurrence.
type shardBuilder struct {
	lo, nw  int
	limit   int // postings beyond which a word turns into a bitset
	vocab   wordTable
	row     []uint64
	touched []uint32 // words with bits in row
	lists   [][]uint32
	bitsets [][]uint64
	dense   int // words that turned into bitsets
	sc      wordScanner
}

func buildShard(articles []*Article, lo, hi int) *shard {
	b := &shardBuilder{
		lo:    lo,
		nw:    nwords(hi - lo),
		limit: (hi - lo) / 32,
	}
	b.vocab.init()
	for i := lo; i < hi; i++ {
		if i > lo && (i-lo)%64 == 0 {
			b.flush(i - 64)
		}
		bit := uint64(1) << (uint(i-lo) % 64)
		a := articles[i]
		b.add(bit, a.Headline)
		b.add(bit, a.Source)
		for _, p := range a.Paragraphs {
			b.add(bit, p)
		}
		for _, e := range a.Entries {
			b.add(bit, e.Author)
			b.add(bit, e.Text)
		}
	}
	if hi > lo {
		b.flush(lo + (hi-1-lo)/64*64)
	}
	return b.finish(hi)
}

func (b *shardBuilder) add(bit uint64, text string) {
	b.sc.reset(text)
	for b.sc.scan() {
		var id int
		if b.sc.folded {
			id = b.vocab.idBytes(b.sc.buf)
		} else {
			id = b.vocab.id(b.sc.s[b.sc.lo:b.sc.hi])
		}
		if id == len(b.row) {
			b.row = append(b.row, 0)
			b.lists = append(b.lists, nil)
			b.bitsets = append(b.bitsets, nil)
		}
		x := b.row[id]
		if x == 0 {
			b.touched = append(b.touched, uint32(id))
		}
		b.row[id] = x | bit
	}
}

// flush posts the block of 64 articles starting at first.
func (b *shardBuilder) flush(first int) {
	block := (first - b.lo) / 64
	for _, id := range b.touched {
		x := b.row[id]
		b.row[id] = 0
		if bs := b.bitsets[id]; bs != nil {
			bs[block] = x
			continue
		}
		list := b.lists[id]
		for ; x != 0; x &= x - 1 {
			list = append(list, uint32(first+bits.TrailingZeros64(x)))
		}
		if len(list) <= b.limit {
			b.lists[id] = list
			continue
		}
		bs := make([]uint64, b.nw)
		for _, d := range list {
			l := int(d) - b.lo
			bs[l/64] |= 1 << (uint(l) % 64)
		}
		b.bitsets[id], b.lists[id] = bs, nil
		b.dense++
	}
	b.touched = b.touched[:0]
}

// wordTable numbers words. It does the build's one lookup per word of
// text, which a map[string]uint32 makes the larger part of the build. Most
// words are at most 8 bytes long; those are looked up by their bytes packed
// into an integer, which needs neither a hash function call nor a read of
// the word's text to compare. Longer words go to a second table, whose
// slots hold a hash tag next to the number.
type wordTable struct {
	seed  maphash.Seed
	short []shortSlot
	shift uint     // short slot of key k: k*fibMul >> shift
	long  []uint64 // hash>>32<<32 | number+1; 0 is empty
	words []string // by number
	nlong int
}

type shortSlot struct {
	key uint64 // the word's bytes, big-endian; 0 is empty
	id  uint32
}

const fibMul = 0x9E3779B97F4A7C15

func (t *wordTable) init() {
	t.seed = maphash.MakeSeed()
	t.short = make([]shortSlot, 1<<12)
	t.shift = 64 - 12
	t.long = make([]uint64, 1<<10)
}

// pack is injective on words of up to 8 bytes because no word contains a
// zero byte.
func pack[W string | []byte](w W) uint64 {
	var k uint64
	for i := range len(w) {
		k = k<<8 | uint64(w[i])
	}
	return k
}

// id returns w's number, giving it the next one when it is new.
func (t *wordTable) id(w string) int {
	if len(w) <= 8 {
		k := pack(w)
		id, slot := t.findShort(k)
		if id < 0 {
			id = t.addShort(slot, k, strings.Clone(w))
		}
		return id
	}
	h := maphash.String(t.seed, w)
	mask := uint64(len(t.long) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.long[i]
		if s == 0 {
			return t.addLong(i, h, strings.Clone(w))
		}
		if s>>32 == h>>32 && t.words[uint32(s)-1] == w {
			return int(uint32(s) - 1)
		}
	}
}

// idBytes is id for a word in a scratch buffer.
func (t *wordTable) idBytes(w []byte) int {
	if len(w) <= 8 {
		k := pack(w)
		id, slot := t.findShort(k)
		if id < 0 {
			id = t.addShort(slot, k, string(w))
		}
		return id
	}
	h := maphash.Bytes(t.seed, w)
	mask := uint64(len(t.long) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.long[i]
		if s == 0 {
			return t.addLong(i, h, string(w))
		}
		if s>>32 == h>>32 && t.words[uint32(s)-1] == string(w) {
			return int(uint32(s) - 1)
		}
	}
}

// findShort returns the number of the word packed in k, or -1 and the free
// slot where it belongs.
func (t *wordTable) findShort(k uint64) (id, slot int) {
	mask := len(t.short) - 1
	for i := int(k * fibMul >> t.shift); ; i = (i + 1) & mask {
		s := &t.short[i]
		if s.key == k {
			return int(s.id), i
		}
		if s.key == 0 {
			return -1, i
		}
	}
}

func (t *wordTable) addShort(slot int, k uint64, w string) int {
	n := len(t.words)
	t.words = append(t.words, w)
	t.short[slot] = shortSlot{key: k, id: uint32(n)}
	if 2*(n+1-t.nlong) > len(t.short) {
		old := t.short
		t.short = make([]shortSlot, 2*len(old))
		t.shift--
		for _, s := range old {
			if s.key != 0 {
				_, i := t.findShort(s.key)
				t.short[i] = s
			}
		}
	}
	return n
}

func (t *wordTable) addLong(slot, h uint64, w string) int {
	n := len(t.words)
	t.words = append(t.words, w)
	t.nlong++
	t.long[slot] = h>>32<<32 | uint64(n+1)
	if 2*t.nlong > len(t.long) {
		t.long = make([]uint64, 2*len(t.long))
		mask := uint64(len(t.long) - 1)
		for k, w := range t.words {
			if len(w) <= 8 {
				continue
			}
			h := maphash.String(t.seed, w)
			i := h & mask
			for t.long[i] != 0 {
				i = (i + 1) & mask
			}
			t.long[i] = h>>32<<32 | uint64(k+1)
		}
	}
	return n
}

// finish lays the shard out in a few flat slices, words in sorted order,
// which keeps the garbage collector from scanning a pointer per word.
func (b *shardBuilder) finish(hi int) *shard {
	order := make([]uint32, len(b.vocab.words))
	textLen, sparse := 0, 0
	for id, w := range b.vocab.words {
		order[id] = uint32(id)
		textLen += len(w)
		sparse += len(b.lists[id])
	}
	slices.SortFunc(order, func(x, y uint32) int { return strings.Compare(b.vocab.words[x], b.vocab.words[y]) })
	sh := &shard{
		lo:    b.lo,
		hi:    hi,
		ends:  make([]uint32, len(order)),
		post:  make([]uint32, len(order)+1),
		ids:   make([]uint32, 0, sparse),
		dense: make([]int32, len(order)),
		bits:  make([]uint64, 0, b.dense*b.nw),
	}
	var text strings.Builder
	text.Grow(textLen)
	for i, id := range order {
		text.WriteString(b.vocab.words[id])
		sh.ends[i] = uint32(text.Len())
		sh.post[i] = uint32(len(sh.ids))
		if bs := b.bitsets[id]; bs != nil {
			sh.dense[i] = int32(len(sh.bits) / b.nw)
			sh.bits = append(sh.bits, bs...)
			b.bitsets[id] = nil
		} else {
			sh.dense[i] = -1
			sh.ids = append(sh.ids, b.lists[id]...)
			b.lists[id] = nil
		}
	}
	sh.post[len(order)] = uint32(len(sh.ids))
	sh.words = text.String()
	return sh
}

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
	nw := nwords(sh.hi - sh.lo)
	part := dst[sh.lo/64 : sh.lo/64+nw]
	for w := lo; w < n && strings.HasPrefix(sh.word(w), term); w++ {
		if d := sh.dense[w]; d >= 0 {
			bs := sh.bits[int(d)*nw : int(d+1)*nw]
			for k, x := range bs {
				part[k] |= x
			}
			continue
		}
		for _, a := range sh.ids[sh.post[w]:sh.post[w+1]] {
			dst[a/64] |= 1 << (a % 64)
		}
	}
}

// Match returns the indexed articles that match query, or nil when the query
// has no words (no filter).
func (ix *Index) Match(query string) *Matches {
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
		any := uint64(0)
		for k := range set {
			set[k] &= term[k]
			any |= set[k]
		}
		if any == 0 {
			break
		}
	}
	return &Matches{Set: set, Count: set.Count()}
}

// Search matches query over articles, a library's Articles: those the index
// covers through it, any added since it was built by scanning them. ix may be
// nil while the index is being built; then every article is scanned. It
// returns nil when the query has no words.
func (ix *Index) Search(articles []*Article, query string) *Matches {
	indexed := ix.Match(query)
	if indexed == nil || len(articles) <= ix.Len() {
		return indexed
	}
	set := make(Bitset, nwords(len(articles)))
	copy(set, indexed.Set)
	m := newMatcher(queryTerms(query))
	for _, a := range articles[ix.Len():] {
		if m.match(a) {
			set.set(a.Index)
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
	var sc wordScanner
	sc.reset(query)
	for sc.scan() {
		terms = append(terms, sc.word())
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

// MatchLinear matches query by reading the articles' text, with the same
// result as the index; the set is indexed by Article.Index. It returns nil
// when the query has no words.
func MatchLinear(articles []*Article, query string) Bitset {
	terms := queryTerms(query)
	if terms == nil {
		return nil
	}
	n := 0
	for _, a := range articles {
		n = max(n, a.Index+1)
	}
	set := make(Bitset, nwords(n))
	m := newMatcher(terms)
	for _, a := range articles {
		if m.match(a) {
			set.set(a.Index)
		}
	}
	return set
}

// matcher reads articles in the order the index does, and stops reading one
// as soon as every term has been found in it.
type matcher struct {
	sc    wordScanner
	terms []string
	found []bool
	left  int
}

func newMatcher(terms []string) *matcher {
	return &matcher{terms: terms, found: make([]bool, len(terms))}
}

// match reports whether every term begins a word of a.
func (m *matcher) match(a *Article) bool {
	clear(m.found)
	m.left = len(m.terms)
	if m.look(a.Headline) || m.look(a.Source) {
		return true
	}
	for _, p := range a.Paragraphs {
		if m.look(p) {
			return true
		}
	}
	for _, e := range a.Entries {
		if m.look(e.Author) || m.look(e.Text) {
			return true
		}
	}
	return false
}

func (m *matcher) look(text string) bool {
	m.sc.reset(text)
	for m.sc.scan() {
		for t, q := range m.terms {
			if m.found[t] || !m.sc.hasPrefix(q) {
				continue
			}
			m.found[t] = true
			if m.left--; m.left == 0 {
				return true
			}
		}
	}
	return false
}

// wordScanner cuts text into words by NormalizeText's rules: a word is a run
// of letters and digits, lower-cased, in which apostrophes (straight or
// curly) are dropped rather than cutting it, so "Council's" is "councils".
// Most words of running text are already lower-case ASCII; those are left
// where they are in the text (s[lo:hi]) instead of being copied, and only
// the others are folded into buf. Neither allocates per word.
type wordScanner struct {
	s      string
	i      int
	lo, hi int
	buf    []byte
	folded bool // the word is in buf rather than s[lo:hi]
}

func (sc *wordScanner) reset(s string) { sc.s, sc.i = s, 0 }

func (sc *wordScanner) word() string {
	if sc.folded {
		return string(sc.buf)
	}
	return sc.s[sc.lo:sc.hi]
}

func (sc *wordScanner) hasPrefix(p string) bool {
	if sc.folded {
		return len(sc.buf) >= len(p) && string(sc.buf[:len(p)]) == p
	}
	return strings.HasPrefix(sc.s[sc.lo:sc.hi], p)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// How the scanner treats a byte; every byte of a multi-byte rune is
// byteHigh, and the rune is decoded to tell.
const (
	byteSep   = iota // ASCII that is not part of words
	byteLower        // a-z and 0-9, which words keep as they are
	byteUpper        // A-Z
	byteApos         // ', dropped inside words
	byteHigh
)

var byteClass = func() (c [256]uint8) {
	for b := range c {
		switch {
		case 'a' <= b && b <= 'z' || '0' <= b && b <= '9':
			c[b] = byteLower
		case 'A' <= b && b <= 'Z':
			c[b] = byteUpper
		case b == '\'':
			c[b] = byteApos
		case b >= utf8.RuneSelf:
			c[b] = byteHigh
		}
	}
	return c
}()

// scan moves to the next word, reporting false at the end of the text.
func (sc *wordScanner) scan() bool {
	s, i := sc.s, sc.i
	for i < len(s) {
		switch byteClass[s[i]] {
		case byteLower:
			lo := i
			for i++; i < len(s) && byteClass[s[i]] == byteLower; i++ {
			}
			if i == len(s) || byteClass[s[i]] == byteSep {
				sc.lo, sc.hi, sc.i, sc.folded = lo, i, i, false
				return true
			}
			sc.buf = append(sc.buf[:0], s[lo:i]...)
			sc.fold(i)
			return true
		case byteUpper:
			sc.buf = sc.buf[:0]
			sc.fold(i)
			return true
		case byteHigh:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				sc.buf = sc.buf[:0]
				sc.fold(i)
				return true
			}
			i += size
		default:
			i++
		}
	}
	sc.i = i
	return false
}

// fold continues the word from s[i:] into buf, lower-casing it, up to the
// first character that is neither a letter, a digit nor an apostrophe. It
// is only called at or after a letter or digit, so the word is not empty.
func (sc *wordScanner) fold(i int) {
	s := sc.s
	for i < len(s) {
		c := s[i]
		switch byteClass[c] {
		case byteLower:
			sc.buf = append(sc.buf, c)
		case byteUpper:
			sc.buf = append(sc.buf, c+'a'-'A')
		case byteApos:
		case byteHigh:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				sc.buf = utf8.AppendRune(sc.buf, unicode.ToLower(r))
			case !isApostrophe(r):
				sc.i, sc.folded = i, true
				return
			}
			i += size
			continue
		default:
			sc.i, sc.folded = i, true
			return
		}
		i++
	}
	sc.i, sc.folded = i, true
}
