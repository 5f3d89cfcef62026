package index

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// The first keys of a filter are the dearest: "h" begins a few thousand
// words of a shard, and ORing their postings costs about ten of them per
// article, some 20 ms at a million articles. So a shard keeps, for each
// short prefix (up to maxPrefixRunes runes) whose words' lists hold at
// least as many postings as the shard has articles, the union of its
// words as a bitset: matching that prefix is then one bitset per shard.
// The bound keeps them few (in a corpus of news, a few dozen per shard,
// some 4% of the postings' size) and leaves no prefix dearer than about
// one posting per article.

const maxPrefixRunes = 4

// prefixBits returns the union of prefix's words, when the shard keeps
// one.
func (sh *shard) prefixBits(prefix string) (Bitset, bool) {
	n := len(sh.preEnds)
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if sh.prefix(m) < prefix {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == n || sh.prefix(lo) != prefix {
		return nil, false
	}
	nw := nwords(sh.hi - sh.lo)
	return sh.preBits[lo*nw : (lo+1)*nw], true
}

func (sh *shard) prefix(i int) string {
	start := uint32(0)
	if i > 0 {
		start = sh.preEnds[i-1]
	}
	return sh.pre[start:sh.preEnds[i]]
}

// runePrefix is the first n runes of w, and whether w has that many.
func runePrefix(w string, n int) (string, bool) {
	at := 0
	for range n {
		if at == len(w) {
			return "", false
		}
		_, size := utf8.DecodeRuneInString(w[at:])
		at += size
	}
	return w[:at], true
}

// addPrefixes finds the prefixes worth a union in the shard's sorted
// vocabulary and makes their bitsets.
func (sh *shard) addPrefixes() {
	span := sh.hi - sh.lo
	nw := nwords(span)
	type run struct {
		prefix string
		lo, hi int // words
	}
	var runs []run
	for n := 1; n <= maxPrefixRunes; n++ {
		for w := 0; w < len(sh.ends); {
			p, ok := runePrefix(sh.word(w), n)
			if !ok {
				w++
				continue
			}
			end, postings := w, 0
			for ; end < len(sh.ends) && strings.HasPrefix(sh.word(end), p); end++ {
				postings += int(sh.post[end+1] - sh.post[end])
			}
			if postings >= span {
				runs = append(runs, run{p, w, end})
			}
			w = end
		}
	}
	slices.SortFunc(runs, func(a, b run) int { return strings.Compare(a.prefix, b.prefix) })
	var text strings.Builder
	sh.preEnds = make([]uint32, len(runs))
	sh.preBits = make([]uint64, len(runs)*nw)
	for i, r := range runs {
		text.WriteString(r.prefix)
		sh.preEnds[i] = uint32(text.Len())
		bits := sh.preBits[i*nw : (i+1)*nw]
		for w := r.lo; w < r.hi; w++ {
			if d := sh.dense[w]; d >= 0 {
				for k, x := range sh.bits[int(d)*nw : int(d+1)*nw] {
					bits[k] |= x
				}
				continue
			}
			for _, a := range sh.ids[sh.post[w]:sh.post[w+1]] {
				bits[a/64] |= 1 << (a % 64)
			}
		}
	}
	sh.pre = text.String()
}
