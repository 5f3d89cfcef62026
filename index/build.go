package index

import (
	"math/bits"
	"slices"
	"strings"
	"tidings/model"
	"tidings/words"
)

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
	shift   uint // a key's first slot is words.KeyHash(key) >> shift
	words   []string
	touched []uint32 // slots with bits
	log     postingLog
	dense   [][]uint64 // bitsets of the dense words
	sc      words.Scanner
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
	longWord = 1 << 31
	isDense  = 1 << 31
)

func buildShard(articles []*model.Article, lo, hi int) *shard {
	return buildShardOf(lo, hi, func(i int, add func(string)) {
		if a := articles[i]; !a.Gone() {
			indexedText(TextOf(a), add)
		}
	})
}

// buildShardOf indexes articles lo to hi, the texts of article i being
// those texts(i, add) adds; an article it adds none for has no postings.
func buildShardOf(lo, hi int, texts func(i int, add func(string))) *shard {
	return buildShardWith(lo, hi, func(b *shardBuilder, i int, bit uint64) {
		texts(i, func(text string) { b.add(bit, text) })
	})
}

// buildShardWith indexes articles lo to hi, article i's words being those
// put(b, i, bit) adds to b with bit.
func buildShardWith(lo, hi int, put func(b *shardBuilder, i int, bit uint64)) *shard {
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
		put(b, i, uint64(1)<<(uint(i-lo)%64))
	}
	if hi > lo {
		b.flush(lo + (hi-1-lo)/64*64)
	}
	return b.finish(hi)
}

func (b *shardBuilder) add(bit uint64, text string) {
	b.sc.Reset(text)
	for b.sc.Scan() {
		if b.sc.Folded() {
			b.mark(slotOf(b, b.sc.Bytes()), bit)
		} else {
			b.mark(slotOf(b, b.sc.Plain()), bit)
		}
	}
}

// addWord adds a word as the scanner gives it (see Stream).
func (b *shardBuilder) addWord(bit uint64, w string) { b.mark(slotOf(b, w), bit) }

func (b *shardBuilder) mark(i int, bit uint64) {
	s := &b.slots[i]
	if s.bits == 0 {
		b.touched = append(b.touched, uint32(i))
	}
	s.bits |= bit
}

// slotOf returns the index of w's slot, adding w when it is new.
func slotOf[W string | []byte](b *shardBuilder, w W) int {
	key, isLong := words.Key(w)
	long := uint32(0)
	if isLong {
		long = longWord
	}
	mask := len(b.slots) - 1
	for i := int(words.KeyHash(key) >> b.shift); ; i = (i + 1) & mask {
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
		j := int(words.KeyHash(s.key) >> b.shift)
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

// flush posts the block of 64 articles starting at first.
func (b *shardBuilder) flush(first int) {
	block := (first - b.lo) / 64
	b.log.block(block)
	for _, i := range b.touched {
		s := &b.slots[i]
		x := s.bits
		s.bits = 0
		if s.n&isDense != 0 {
			b.dense[s.n&^isDense][block] = x
			continue
		}
		b.log.add(s.ref&^longWord-1, x)
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
	for r := b.log.reader(false); ; {
		num, base, offs, ok := r.next()
		if !ok {
			break
		}
		if d := denseOf[num]; d >= 0 {
			for _, o := range offs {
				b.dense[d][base/64] |= 1 << o
			}
		} else {
			next[num] += uint32(len(offs))
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
	for r := b.log.reader(true); ; {
		num, base, offs, ok := r.next()
		if !ok {
			break
		}
		if denseOf[num] < 0 {
			for _, o := range offs {
				sh.ids[next[num]] = uint16(base + uint32(o))
				next[num]++
			}
		}
	}
	sh.addPrefixes()
	return sh
}
