package index

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"tidings/internal/codec"
	"tidings/internal/testkit"
	"tidings/model"
)

// encoded is the payload Encode writes for ix, as a section holds it.
func encoded(t testing.TB, ix *Index) []byte {
	t.Helper()
	name := filepath.Join(t.TempDir(), "section")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := codec.WriteSection(f, ix.Encode); err != nil {
		t.Fatal(err)
	}
	f.Close()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data[12:]
}

// updatedCorpus is an index with shards built, deleted sets from an
// update, and a shard of articles indexed again.
func updatedCorpus(r *rand.Rand, n int) ([]*model.Article, *Index) {
	arts := testkit.Articles(testkit.Stories(r, n, testkit.Vocab)...)
	ix := &Index{n: n, shards: buildParts(arts, 2, 3)}
	var touched []*model.Article
	for range n / 10 {
		a := arts[r.IntN(n)]
		a.Headline = "kazu " + a.Headline
		touched = append(touched, a)
	}
	return arts, ix.Update(n, PendingOf(libOf(arts), touched))
}

// sameAnswers fails unless a and b answer queries alike.
func sameAnswers(t *testing.T, r *rand.Rand, a, b *Index) {
	t.Helper()
	for range 100 {
		q := randomQuery(r)
		ma, mb := a.Match(q), b.Match(q)
		if (ma == nil) != (mb == nil) || ma != nil && (ma.Count != mb.Count || !slices.Equal(ma.Set, mb.Set)) {
			t.Fatalf("%q: %v and %v", q, ma, mb)
		}
	}
}

// A payload that does not start on 8 bytes is copied, once, and read.
func TestDecodeFromUnaligned(t *testing.T) {
	r := rand.New(rand.NewPCG(32, 7))
	arts, ix := updatedCorpus(r, 700)
	payload := encoded(t, ix)
	odd := make([]byte, len(payload)+1)[1:]
	copy(odd, payload)
	got, err := DecodeFrom(odd, len(arts))
	if err != nil {
		t.Fatal(err)
	}
	sameAnswers(t, r, got, ix)
}

// Postings are checked where they are read, not when the index is
// decoded: an offset past its shard is passed over, by matching and by
// compaction, rather than read beyond the shard's bits.
func TestDecodeFromOffsetPastItsShard(t *testing.T) {
	stories := []model.Story{{Headline: "harbour ferry"}}
	for range 99 {
		stories = append(stories, model.Story{Headline: "quay"})
	}
	arts := testkit.Articles(stories...)
	ix := BuildIndex(arts, 1)
	sh := ix.shards[0]
	sh.ids = slices.Clone(sh.ids)
	for i := range sh.ids {
		sh.ids[i] = 65535
	}
	if len(sh.ids) == 0 {
		t.Fatal("no word has a list of postings")
	}
	got, err := DecodeFrom(encoded(t, ix), len(arts))
	if err != nil {
		t.Fatal(err)
	}
	if m := got.Match("ferry"); m.Count != 0 {
		t.Errorf("a damaged posting matched %d", m.Count)
	}
	got.shards[0].deleted = make(Bitset, 2)
	got.shards[0].deleted[0] = 1 << 5
	if m := got.Compact().Match("ferry"); m.Count != 0 {
		t.Errorf("after compaction a damaged posting matched %d", m.Count)
	}
}

// FuzzDecodeFrom reads payloads made of a real one with bytes changed
// (there is no checksum at this level, so every change reaches the
// checks): none panics, and an index it accepts matches, updates and
// compacts.
func FuzzDecodeFrom(f *testing.F) {
	r := rand.New(rand.NewPCG(33, 7))
	arts, ix := updatedCorpus(r, 300)
	payload := encoded(f, ix)
	f.Add(payload)
	f.Add(payload[:len(payload)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := DecodeFrom(data, len(arts))
		if err != nil {
			return
		}
		for _, q := range []string{"ka", "ko ri", "ta", "q"} {
			got.Match(q)
		}
		got.Update(len(arts), PendingOf(libOf(arts), arts[:5])).Compact().Match("ka")
		got.Compact().Match("mo")
	})
}

// libOf is a library of arts alone, all their text in memory, for
// PendingOf.
func libOf(arts []*model.Article) *model.Library {
	lib := model.NewLibrary()
	lib.Articles = arts
	return lib
}
