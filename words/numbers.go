package words

import (
	"math/bits"
	"strings"
)

// Numbers numbers words in the order they are first met, for keeping a
// text as the numbers of its words. Finding a word costs one cache miss,
// as the filter index's builder does it: a word of up to 16 bytes, nearly
// every word, is keyed by its bytes packed into two integers (injective,
// since no word holds a zero byte), so that neither a hash function call
// nor a read of its text is needed; a longer one by a hash, compared with
// its text. A Go map costs about three times as much per word.
type Numbers struct {
	slots []numberSlot
	shift uint // a key's first slot is its hash >> shift
	words []string
}

type numberSlot struct {
	key [2]uint64
	ref uint32 // number+1, with longWord set for words over 16 bytes; 0 is empty
}

const (
	fibMul   = 0x9E3779B97F4A7C15
	longWord = 1 << 31
)

// Len is how many words are numbered.
func (n *Numbers) Len() int { return len(n.words) }

// Word is the word with the number.
func (n *Numbers) Word(num uint32) string { return n.words[num] }

// Scanned is the number of the word sc scanned, and whether it is new.
func (n *Numbers) Scanned(sc *Scanner) (uint32, bool) {
	if sc.folded {
		return numberOf(n, sc.buf)
	}
	return numberOf(n, sc.s[sc.lo:sc.hi])
}

// Key is a word's key in a table of words open-addressed by it (Numbers,
// the filter index's builder): the word's bytes themselves when it has 16
// or fewer, so that equal keys are equal words; else a hash of them, with
// long set, which the table confirms against the word.
func Key[W string | []byte](w W) (key [2]uint64, long bool) {
	switch {
	case len(w) <= 8:
		key[0] = pack(w)
	case len(w) <= 16:
		key[0], key[1] = pack(w[:8]), pack(w[8:])
	default:
		key[0] = uint64(len(w))
		for i := 0; i < len(w); i += 8 {
			key[0] = bits.RotateLeft64((key[0]^pack(w[i:min(i+8, len(w))]))*fibMul, 29)
		}
		return key, true
	}
	return key, false
}

// KeyHash spreads keys over a table: its top bits are a key's first slot.
func KeyHash(key [2]uint64) uint64 {
	return (key[0] ^ bits.RotateLeft64(key[1]*fibMul, 31)) * fibMul
}

func pack[W string | []byte](w W) uint64 {
	var k uint64
	for i := range len(w) {
		k = k<<8 | uint64(w[i])
	}
	return k
}

func numberOf[W string | []byte](n *Numbers, w W) (uint32, bool) {
	if n.slots == nil {
		n.slots, n.shift = make([]numberSlot, 1<<12), 64-12
	}
	key, isLong := Key(w)
	long := uint32(0)
	if isLong {
		long = longWord
	}
	mask := len(n.slots) - 1
	for i := int(KeyHash(key) >> n.shift); ; i = (i + 1) & mask {
		s := &n.slots[i]
		if s.ref == 0 {
			n.words = append(n.words, strings.Clone(string(w))) // not a reference into the text
			*s = numberSlot{key: key, ref: uint32(len(n.words)) | long}
			if 2*len(n.words) > len(n.slots) {
				n.grow()
			}
			return uint32(len(n.words) - 1), true
		}
		if s.key == key && s.ref&longWord == long && (long == 0 || n.words[s.ref&^longWord-1] == string(w)) {
			return s.ref&^longWord - 1, false
		}
	}
}

// grow doubles the table, which keeps it at most half full.
func (n *Numbers) grow() {
	old := n.slots
	n.slots = make([]numberSlot, 2*len(old))
	n.shift--
	mask := len(n.slots) - 1
	for _, s := range old {
		if s.ref == 0 {
			continue
		}
		j := int(KeyHash(s.key) >> n.shift)
		for n.slots[j].ref != 0 {
			j = (j + 1) & mask
		}
		n.slots[j] = s
	}
}
