package model

import (
	"fmt"
	"testing"
)

// BenchmarkAddRelated adds one page with n related blocks, and a second page
// showing them all again, to an empty library. Linking must take time in
// proportion to the blocks: the 100k case should cost about ten times the
// 10k one, not a hundred.
func BenchmarkAddRelated(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("blocks=%d", n), func(b *testing.B) {
			related := make([]*Story, n)
			for i := range related {
				id := fmt.Sprintf("%016x", i)
				related[i] = &Story{ID: id, Headline: id}
			}
			first := page("first", "2025-07-28", saved, &Story{ID: "main", Headline: "main"}, related...)
			again := page("again", "2025-07-29", saved, &Story{ID: "main", Headline: "main"}, related...)
			b.ReportAllocs()
			for b.Loop() {
				l := NewLibrary()
				l.Add(first)
				l.Add(again)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/block")
		})
	}
}
