package index

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// The filter's postings are its own rather than roaring's. A shard's
// postings are what a roaring container is, for one container per word:
// sorted 16-bit offsets, or a bitset once a word is in more than 1/16 of
// the shard, laid flat with no object per word. This benchmark builds the
// index as roaring would hold it, a vocabulary with a run-optimized
// bitmap of global article numbers per word, from the same postings, and
// types the same keys, so that the two can be compared; see
// docs/performance.md for the figures.

type roaringIndex struct {
	words []string // sorted
	post  []*roaring.Bitmap
}

func roaringOf(ix *Index) *roaringIndex {
	byWord := map[string][]uint32{}
	for _, sh := range ix.shards {
		sh.eachPosting(func(w string, a int) { byWord[w] = append(byWord[w], uint32(a)) })
	}
	r := &roaringIndex{}
	for w := range byWord {
		r.words = append(r.words, w)
	}
	slices.Sort(r.words)
	for _, w := range r.words {
		bm := roaring.BitmapOf(byWord[w]...)
		bm.RunOptimize()
		r.post = append(r.post, bm)
		delete(byWord, w)
	}
	return r
}

func (r *roaringIndex) match(query string) *roaring.Bitmap {
	var set *roaring.Bitmap
	for _, t := range queryTerms(query) {
		lo := sort.SearchStrings(r.words, t)
		hi := lo
		for hi < len(r.words) && strings.HasPrefix(r.words[hi], t) {
			hi++
		}
		term := roaring.FastOr(r.post[lo:hi]...)
		if set == nil {
			set = term
		} else {
			set.And(term)
		}
	}
	return set
}

func BenchmarkRoaringKeystrokes(b *testing.B) {
	ix := benchKeysIndex(b)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := roaringOf(ix)
	runtime.GC()
	runtime.ReadMemStats(&after)
	size := uint64(0)
	for _, bm := range r.post {
		size += bm.GetSizeInBytes()
	}
	for _, q := range []string{"h", "harb", "har min co"} {
		if got, want := int(r.match(q).GetCardinality()), ix.Match(q).Count; got != want {
			b.Fatalf("%q: roaring finds %d, the index %d", q, got, want)
		}
	}
	keys := []string{"h", "ha", "har", "harb", "harbo", "harbou", "harbour", "harbour c", "harbour co", "harbour cou"}
	var times []time.Duration
	for b.Loop() {
		for _, q := range keys {
			start := time.Now()
			r.match(q)
			times = append(times, time.Since(start))
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(size)/(1<<20), "roaring-MB")
	runtime.KeepAlive(r)
}
