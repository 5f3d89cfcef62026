package model

import (
	"maps"
	"slices"
)

// With returns an index that also finds the stories of pages added since
// ix was built: each story's words under its article, n being the
// library's article count now. The articles of added may be new or known
// already (a story seen again on a new page, perhaps with more text); a
// known article is then found by the words of both copies. ix is left as
// it was, so that a filter running on it is not disturbed.
//
// The stories are indexed in new shards, one per maxShard-aligned range of
// articles they touch; no text of the articles indexed before is needed,
// which is what lets a library restored from the cache, whose text is on
// disk, take new dumps in milliseconds.
func (ix *Index) With(n int, added map[int][]*Story) *Index {
	out := &Index{n: max(n, ix.Len())}
	if ix != nil {
		out.shards = slices.Clone(ix.shards)
	}
	indexes := slices.Sorted(maps.Keys(added))
	for len(indexes) > 0 {
		lo := indexes[0] / maxShard * maxShard
		hi := lo + maxShard
		end := 0
		for end < len(indexes) && indexes[end] < hi {
			end++
		}
		// The shard spans from the 64-block of its first article to its
		// last, so that its bitsets stay short.
		first, last := indexes[0]/64*64, indexes[end-1]+1
		out.shards = append(out.shards, buildShardOf(first, last, func(i int, add func(string)) {
			for _, s := range added[i] {
				indexedTexts(s, add)
			}
		}))
		indexes = indexes[end:]
	}
	return out
}

// Shards is how many shards the index has; each page added while the
// reader runs adds one or two, and a start from the cache keeps them.
func (ix *Index) Shards() int {
	if ix == nil {
		return 0
	}
	return len(ix.shards)
}
