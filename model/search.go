package model

import (
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
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
func BuildIndex(articles []*Article, workers int) *Index {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Index{n: len(articles), shards: buildParts(articles, workers, min(workers, len(articles)/smallShard))}
}

// smallShard is the fewest articles worth a shard of their own: fewer are
// quick to index in one, and each shard costs Match a search.
const smallShard = 8192

// buildParts indexes articles in about parts shards on workers goroutines.
func buildParts(articles []*Article, workers, parts int) []*shard {
	cuts := shardCuts(articles, parts)
	shards := make([]*shard, len(cuts)-1)
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(workers, len(shards)) {
		wg.Go(func() {
			for s := int(next.Add(1) - 1); s < len(shards); s = int(next.Add(1) - 1) {
				shards[s] = buildShard(articles, cuts[s], cuts[s+1])
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
func shardCuts(articles []*Article, parts int) []int {
	blocks := nwords(len(articles))
	parts = max(1, min(blocks, max(parts, (len(articles)+maxShard-1)/maxShard)))
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
	for b := range blocks - 1 {
		done += size[b]
		if done*parts >= total*len(cuts) || (b+1)*64-cuts[len(cuts)-1] == maxShard {
			cuts = append(cuts, (b+1)*64)
		}
	}
	return append(cuts, len(articles))
}

func nwords(nbits int) int { return (nbits + 63) / 64 }

// shardBuilder collects one shard's postings. The cost of a build is
// mostly cache misses on the words of the long tail, each of which touches
// memory no other word near it does, so everything the build keeps about a
// word while reading is in its hash table slot: one miss per occurrence.
//
// The articles are read 64 at a time. A slot's bits are the articles of the
// current block that contain the word, which drops repeats of the word
// within an article; at the end of the block they are flushed, for a dense
// word into its bitset, for the others as postings appended to one log in
// article order, which finish sorts into per-word lists.
type shardBuilder struct {
	lo, nw  int
	limit   int // postings beyond which a word turns into a bitset
	slots   []wordSlot
	shift   uint // a key's first slot is key*fibMul >> shift
	words   []string
	touched []uint32   // slots with bits
	log     [][]uint64 // number<<32 | offset, in chunks so that it grows without copying
	dense   [][]uint64 // bitsets of the dense words
	sc      wordScanner
}

// wordSlot is a word of the shard being built. Words of up to 16 bytes,
// nearly all of them, are keyed by their bytes packed into two integers,
// which is injective since no word contains a zero byte: finding one needs
// neither a hash function call nor a read of its text, which would be a
// second cache miss. Longer words are keyed by a hash, and compared with
// their text.
type wordSlot struct {
	key  [2]uint64
	bits uint64
	ref  uint32 // number+1, with longWord set for words over 16 bytes; 0 is empty
	n    uint32 // articles posted; once dense, isDense plus the bitset's index
}

const (
	fibMul   = 0x9E3779B97F4A7C15
	longWord = 1 << 31
	isDense  = 1 << 31
)

func buildShard(articles []*Article, lo, hi int) *shard {
	b := &shardBuilder{
		lo:    lo,
		nw:    nwords(hi - lo),
		limit: (hi - lo) / 16,
		slots: make([]wordSlot, 1<<12),
		shift: 64 - 12,
	}
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
		var i int
		if b.sc.folded {
			i = slotOf(b, b.sc.buf)
		} else {
			i = slotOf(b, b.sc.s[b.sc.lo:b.sc.hi])
		}
		s := &b.slots[i]
		if s.bits == 0 {
			b.touched = append(b.touched, uint32(i))
		}
		s.bits |= bit
	}
}

func pack[W string | []byte](w W) uint64 {
	var k uint64
	for i := range len(w) {
		k = k<<8 | uint64(w[i])
	}
	return k
}

func slotHash(key [2]uint64) uint64 {
	return (key[0] ^ bits.RotateLeft64(key[1]*fibMul, 31)) * fibMul
}

// slotOf returns the index of w's slot, adding w when it is new.
func slotOf[W string | []byte](b *shardBuilder, w W) int {
	var key [2]uint64
	long := uint32(0)
	switch {
	case len(w) <= 8:
		key[0] = pack(w)
	case len(w) <= 16:
		key[0], key[1] = pack(w[:8]), pack(w[8:])
	default:
		long = longWord
		key[0] = uint64(len(w))
		for i := 0; i < len(w); i += 8 {
			key[0] = bits.RotateLeft64((key[0]^pack(w[i:min(i+8, len(w))]))*fibMul, 29)
		}
	}
	mask := len(b.slots) - 1
	for i := int(slotHash(key) >> b.shift); ; i = (i + 1) & mask {
		s := &b.slots[i]
		if s.ref == 0 {
			return b.insert(i, key, long, string(w))
		}
		if s.key == key && s.ref&longWord == long && (long == 0 || b.words[s.ref&^longWord-1] == string(w)) {
			return i
		}
	}
}

// insert puts a new word in the empty slot i and returns the slot it ends
// up in, which moves when the table grows. Growing keeps the table at most
// half full and moves the current block's bits along with their words.
func (b *shardBuilder) insert(i int, key [2]uint64, long uint32, w string) int {
	b.words = append(b.words, w)
	b.slots[i] = wordSlot{key: key, ref: uint32(len(b.words)) | long}
	if 2*len(b.words) <= len(b.slots) {
		return i
	}
	old := b.slots
	b.slots = make([]wordSlot, 2*len(old))
	b.shift--
	b.touched = b.touched[:0]
	mask := len(b.slots) - 1
	moved := 0
	for k := range old {
		s := &old[k]
		if s.ref == 0 {
			continue
		}
		j := int(slotHash(s.key) >> b.shift)
		for b.slots[j].ref != 0 {
			j = (j + 1) & mask
		}
		b.slots[j] = *s
		if s.bits != 0 {
			b.touched = append(b.touched, uint32(j))
		}
		if k == i {
			moved = j
		}
	}
	return moved
}

const logChunk = 1 << 16

// flush posts the block of 64 articles starting at first.
func (b *shardBuilder) flush(first int) {
	block := (first - b.lo) / 64
	for _, i := range b.touched {
		s := &b.slots[i]
		x := s.bits
		s.bits = 0
		if s.n&isDense != 0 {
			b.dense[s.n&^isDense][block] = x
			continue
		}
		num := uint64(s.ref&^longWord - 1)
		for y := x; y != 0; y &= y - 1 {
			if len(b.log) == 0 || len(b.log[len(b.log)-1]) == logChunk {
				b.log = append(b.log, make([]uint64, 0, logChunk))
			}
			last := &b.log[len(b.log)-1]
			*last = append(*last, num<<32|uint64(block*64+bits.TrailingZeros64(y)))
		}
		if s.n += uint32(bits.OnesCount64(x)); int(s.n) > b.limit {
			// Its postings so far stay in the log; finish moves them.
			s.n = isDense | uint32(len(b.dense))
			b.dense = append(b.dense, make([]uint64, b.nw))
		}
	}
	b.touched = b.touched[:0]
}

// finish lays the shard out in a few flat slices, words in sorted order,
// which keeps the garbage collector from scanning a pointer per word.
func (b *shardBuilder) finish(hi int) *shard {
	nw := len(b.words)
	denseOf := make([]int32, nw) // by number: index in b.dense, or -1
	for i := range denseOf {
		denseOf[i] = -1
	}
	for _, s := range b.slots {
		if s.ref != 0 && s.n&isDense != 0 {
			denseOf[s.ref&^longWord-1] = int32(s.n &^ isDense)
		}
	}
	order := make([]uint32, nw) // numbers in word order
	textLen := 0
	for num, w := range b.words {
		order[num] = uint32(num)
		textLen += len(w)
	}
	slices.SortFunc(order, func(x, y uint32) int { return strings.Compare(b.words[x], b.words[y]) })

	// Move the postings the dense words had in the log to their bitsets and
	// count each sparse word's, turn the counts into where each list starts,
	// then deal the log out; it is in article order, so each list comes out
	// sorted.
	next := make([]uint32, nw) // by number
	for _, chunk := range b.log {
		for _, e := range chunk {
			num, a := uint32(e>>32), uint32(e)
			if d := denseOf[num]; d >= 0 {
				b.dense[d][a/64] |= 1 << (a % 64)
			} else {
				next[num]++
			}
		}
	}
	sh := &shard{
		lo:    b.lo,
		hi:    hi,
		ends:  make([]uint32, nw),
		post:  make([]uint32, nw+1),
		dense: make([]int32, nw),
		bits:  make([]uint64, 0, len(b.dense)*b.nw),
	}
	var text strings.Builder
	text.Grow(textLen)
	sparse := uint32(0)
	for i, num := range order {
		text.WriteString(b.words[num])
		sh.ends[i] = uint32(text.Len())
		sh.post[i] = sparse
		if d := denseOf[num]; d >= 0 {
			sh.dense[i] = int32(len(sh.bits) / b.nw)
			sh.bits = append(sh.bits, b.dense[d]...)
			continue
		}
		sh.dense[i] = -1
		sparse, next[num] = sparse+next[num], sparse
	}
	sh.post[nw] = sparse
	sh.words = text.String()
	sh.ids = make([]uint16, sparse)
	for c, chunk := range b.log {
		for _, e := range chunk {
			if num := uint32(e >> 32); denseOf[num] < 0 {
				sh.ids[next[num]] = uint16(e)
				next[num]++
			}
		}
		b.log[c] = nil
	}
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
			part[a/64] |= 1 << (a % 64)
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

// wordScanner cuts text into words by NormalizeText's rules: a word is a run
// of letters and digits, lower-cased, in which apostrophes (straight or
// curly) are dropped rather than cutting it, so "Council's" is "councils".
// Most words of running text are already lower-case ASCII; those are left
// where they are in the text (s[lo:hi]) instead of being copied, and only
// the others are folded into buf. Neither allocates per word.
type wordScanner struct {
	s      string
	i      int
	lo, hi int // the word in s; for a folded word, s[lo:i] is the word as written
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

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// isWordRune is a letter or digit, or one of the signs kept in words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '£' || r == '€'
}

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
		case 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '$' || b == '%':
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
			sc.lo = lo
			sc.fold(i)
			return true
		case byteUpper:
			sc.buf = sc.buf[:0]
			sc.lo = i
			sc.fold(i)
			return true
		case byteHigh:
			r, size := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				sc.buf = sc.buf[:0]
				sc.lo = i
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
			case isWordRune(r):
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
