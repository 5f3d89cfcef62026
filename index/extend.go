package index

import (
	"math/bits"
	"slices"
	"strings"

	"tidings/model"
)

// Changes reach the index as in bleve's segments: shards are never
// changed once built. An article whose pages changed is deleted from the
// shards that hold it (a deleted set per shard, copied on write) and
// indexed again in a new shard, with its text as it is now; one no page
// shows is only deleted. Compact merges the small shards this leaves
// behind, and drops what they hold of deleted articles.

// Text is what the filter finds words in for one article.
type Text struct {
	Headline, Source string
	Body             model.Body
}

// TextOf is an article's text as held in memory.
func TextOf(a *model.Article) Text {
	return Text{Headline: a.Headline, Source: a.Source(), Body: a.Body()}
}

// Pending is an article to index again, taken where the library may be
// read (the UI's update loop): its number, and its text or where to read
// it, unless no page shows it any more.
type Pending struct {
	Index            int
	Gone             bool
	Headline, Source string
	Body             model.BodySource
}

// PendingOf is what Update needs of the articles a change touched (see
// model.Delta).
func PendingOf(lib *model.Library, touched []*model.Article) []Pending {
	out := make([]Pending, len(touched))
	for i, a := range touched {
		out[i] = Pending{Index: int(a.Index), Gone: a.Gone()}
		if !a.Gone() {
			out[i].Headline, out[i].Source, out[i].Body = a.Headline, a.Source(), lib.BodyOf(a)
		}
	}
	return out
}

// Update returns an index in which the pending articles are found by their
// text now, read from their files where it is not in memory (a file that
// cannot be read leaves the headline and source); n is the library's
// article count now. ix is left as it was, so that a filter running on it
// is not disturbed; Update reads nothing of the library, so it runs in
// the background.
//
// The old shards' deleted sets are read under ix's fault protection: an
// index whose map failed makes one that has failed too (Err).
func (ix *Index) Update(n int, pending []Pending) *Index {
	out := &Index{n: max(n, ix.Len())}
	if ix != nil {
		out.shards, out.src = slices.Clone(ix.shards), ix.src
	}
	byIndex := make(map[int]Pending, len(pending))
	idx := make([]int, 0, len(pending))
	for _, p := range pending {
		if _, dup := byIndex[p.Index]; !dup {
			idx = append(idx, p.Index)
		}
		byIndex[p.Index] = p
	}
	slices.Sort(idx)
	if !ix.guard(func() { out.deleteFrom(idx) }) {
		return out
	}
	texts := map[int]Text{}
	var live []int
	for _, i := range idx {
		p := byIndex[i]
		if p.Gone {
			continue
		}
		body, _ := p.Body.Read()
		texts[i] = Text{Headline: p.Headline, Source: p.Source, Body: body}
		live = append(live, i)
	}
	out.shards = append(out.shards, shardsFor(live, func(i int, add func(string)) { indexedText(texts[i], add) })...)
	return out
}

// deleteFrom marks the articles of idx (sorted) deleted in the shards
// that hold them, each such shard copied with a deleted set of its own.
func (ix *Index) deleteFrom(idx []int) {
	for k, sh := range ix.shards {
		lo, _ := slices.BinarySearch(idx, sh.lo)
		hi, _ := slices.BinarySearch(idx, sh.hi)
		if lo == hi {
			continue
		}
		c := *sh
		c.deleted = make(Bitset, nwords(sh.hi-sh.lo))
		copy(c.deleted, sh.deleted)
		for _, i := range idx[lo:hi] {
			c.deleted[(i-sh.lo)/64] |= 1 << (uint(i-sh.lo) % 64)
		}
		ix.shards[k] = &c
	}
}

// shardsFor indexes the articles of indexes (sorted) in new shards, one
// per maxShard-aligned range of them, each spanning from the 64-block of
// its first article to its last, so that its bitsets stay short.
func shardsFor(indexes []int, texts func(i int, add func(string))) []*shard {
	var out []*shard
	for len(indexes) > 0 {
		lo := indexes[0] / maxShard * maxShard
		end := 0
		for end < len(indexes) && indexes[end] < lo+maxShard {
			end++
		}
		first, last := indexes[0]/64*64, indexes[end-1]+1
		in := indexes[:end]
		out = append(out, buildShardOf(first, last, func(i int, add func(string)) {
			if _, ok := slices.BinarySearch(in, i); ok {
				texts(i, add)
			}
		}))
		indexes = indexes[end:]
	}
	return out
}

// indexedText adds each text the filter finds words in.
func indexedText(t Text, add func(string)) {
	add(t.Headline)
	add(t.Source)
	for _, p := range t.Body.Paragraphs {
		add(p)
	}
	for _, e := range t.Body.Entries {
		add(e.Author)
		add(e.Text)
	}
}

// Shards is how many shards the index has.
func (ix *Index) Shards() int {
	if ix == nil {
		return 0
	}
	return len(ix.shards)
}

// Compact returns an index with the same answers in fewer shards: the
// small shards that changes left (and any shard more than a quarter
// deleted) are merged, per maxShard-aligned range, into one, which holds
// nothing of deleted articles. The merge reads the shards' own postings,
// no text, so it runs when the cache is written.
//
// An index whose map fails meanwhile is returned as it is, failed (Err).
func (ix *Index) Compact() *Index {
	if ix == nil {
		return nil
	}
	var out *Index
	if !ix.guard(func() { out = ix.compact() }) {
		return ix
	}
	return out
}

func (ix *Index) compact() *Index {
	out := &Index{n: ix.n, src: ix.src}
	groups := map[int][]*shard{}
	var order []int
	for _, sh := range ix.shards {
		small := sh.hi-sh.lo < smallShard || sh.deleted.Count()*4 > sh.hi-sh.lo
		if !small {
			out.shards = append(out.shards, sh)
			continue
		}
		g := sh.lo / maxShard
		if groups[g] == nil {
			order = append(order, g)
		}
		groups[g] = append(groups[g], sh)
	}
	for _, g := range order {
		shards := groups[g]
		lo, hi := shards[0].lo, shards[0].hi
		for _, sh := range shards {
			lo, hi = min(lo, sh.lo), max(hi, sh.hi)
		}
		if len(shards) == 1 && shards[0].deleted == nil || hi-lo > maxShard {
			out.shards = append(out.shards, shards...)
			continue
		}
		words := map[int][]string{}
		for _, sh := range shards {
			sh.eachPosting(func(w string, i int) { words[i] = append(words[i], w) })
		}
		if len(words) == 0 {
			continue
		}
		out.shards = append(out.shards, buildShardOf(lo/64*64, hi, func(i int, add func(string)) {
			if w := words[i]; len(w) > 0 {
				add(strings.Join(w, " "))
			}
		}))
	}
	if slices.Equal(out.shards, ix.shards) {
		// Nothing to merge: the index as it is, which may know what
		// Encode writes of it (KeepEncoded).
		return ix
	}
	return out
}

// eachPosting calls f with each word of the shard and each article, not
// deleted, that has it.
func (sh *shard) eachPosting(f func(word string, article int)) {
	nw := nwords(sh.hi - sh.lo)
	for w := range len(sh.ends) {
		word := sh.word(w)
		if d := sh.dense[w]; d >= 0 {
			for k, x := range sh.bits[int(d)*nw : int(d+1)*nw] {
				if k < len(sh.deleted) {
					x &^= sh.deleted[k]
				}
				for x != 0 {
					b := bits.TrailingZeros64(x)
					f(word, sh.lo+k*64+b)
					x &= x - 1
				}
			}
			continue
		}
		for _, a := range sh.ids[sh.post[w]:sh.post[w+1]] {
			if int(a) < sh.hi-sh.lo && !sh.deleted.Has(int(a)) {
				f(word, sh.lo+int(a))
			}
		}
	}
}
