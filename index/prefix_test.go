package index

import (
	"math/rand/v2"
	"slices"
	"testing"

	"tidings/model"
)

// A prefix's union is what ORing its words gives, for every prefix a
// shard keeps, in shards built, updated (deleted sets) and compacted; and
// the prefixes kept are those of at least a posting per article.
func TestPrefixUnionsEqualTheirWords(t *testing.T) {
	// Articles the length of news stories, whose postings are many.
	arts := makeBenchCorpus(3000, 4000)
	r := rand.New(rand.NewPCG(41, 2))
	var touched []*model.Article
	for range 200 {
		a := arts[r.IntN(len(arts))]
		a.Headline = "hardy " + a.Headline
		touched = append(touched, a)
	}
	built := &Index{n: len(arts), shards: buildParts(arts, 2, 2)}
	updated := built.Update(len(arts), PendingOf(libOf(arts), touched))
	kept := 0
	for _, ix := range []*Index{BuildIndex(arts, 1), built, updated, updated.Compact()} {
		for _, sh := range ix.shards {
			plain := *sh
			plain.pre, plain.preEnds, plain.preBits = "", nil, nil
			for i := range sh.preEnds {
				p := sh.prefix(i)
				kept++
				got, want := make(Bitset, nwords(ix.Len())), make(Bitset, nwords(ix.Len()))
				sh.orPrefix(p, got)
				plain.orPrefix(p, want)
				if !slices.Equal(got, want) {
					t.Fatalf("shard %d-%d, prefix %q: the union differs from its words", sh.lo, sh.hi, p)
				}
			}
			// Every prefix of up to maxPrefixRunes runes with as many
			// postings as articles is kept, and only those.
			postings := map[string]int{}
			for w := range len(sh.ends) {
				for n := 1; n <= maxPrefixRunes; n++ {
					if p, ok := runePrefix(sh.word(w), n); ok {
						postings[p] += int(sh.post[w+1] - sh.post[w])
					}
				}
			}
			for p, n := range postings {
				if _, has := sh.prefixBits(p); has != (n >= sh.hi-sh.lo) {
					t.Fatalf("shard %d-%d, prefix %q of %d postings over %d articles: kept %v", sh.lo, sh.hi, p, n, sh.hi-sh.lo, has)
				}
			}
		}
	}
	if kept < 20 {
		t.Fatalf("only %d prefixes kept: the test does not test them", kept)
	}
}
