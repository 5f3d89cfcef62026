package index

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"tidings/internal/spill"
	"tidings/internal/testkit"
	"tidings/model"
	"tidings/words"
)

// TestStreamBuildsTheSameIndex: an index built from texts handed over one
// at a time, some replaced by another text later (a richer copy, a source
// named by a later page), is the one BuildIndex builds from the articles'
// last texts, shard for shard, to the byte.
func TestStreamBuildsTheSameIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 11))
	n := 2*smallShard + 700 // two shards on two workers or more
	stories := testkit.Stories(r, n, testkit.Vocab)
	earlier := testkit.Stories(r, n, testkit.Vocab)
	stories[3].SetText(append(stories[3].Paragraphs(), "It costs £9.50, a 5% rise; don't DON'T Ærø’s"), stories[3].Entries(), nil)
	stories[9].SetSource("")
	articles := testkit.Articles(stories...)
	want := BuildIndex(articles, 0)
	for _, dir := range []string{"", t.TempDir()} { // in memory, in a file
		got := streamed(t, n, dir, articles, earlier, r)
		if got.Shards() < 2 {
			t.Fatalf("%d shards: the test needs two or more", got.Shards())
		}
		if !bytes.Equal(encoded(t, got), encoded(t, want)) {
			t.Errorf("kept in %q: the index built from the stream differs from BuildIndex's", dir)
		}
		for _, q := range []string{"£9", "dont", "ærø", "ka", "shi mo"} {
			if g, w := got.Match(q), want.Match(q); g.Count != w.Count || g.Count == 0 && q != "shi mo" {
				t.Errorf("kept in %q: %q: %d matches from the stream, %d from BuildIndex", dir, q, g.Count, w.Count)
			}
		}
	}
}

// streamed is the index a Stream keeping its words in dir builds from the
// articles' texts, handed over in a random order, a quarter of them after
// an earlier text.
func streamed(t *testing.T, n int, dir string, articles []*model.Article, earlier []model.Story, r *rand.Rand) *Index {
	t.Helper()
	got, err := fed(t, n, dir, articles, earlier, r).Build(n, 0)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// fed is the Stream streamed builds, not yet built.
func fed(t *testing.T, n int, dir string, articles []*model.Article, earlier []model.Story, r *rand.Rand) *Stream {
	t.Helper()
	docs := spill.InMemory()
	if dir != "" {
		docs = spill.New(dir)
	}
	if docs.InFile() != (dir != "") {
		t.Fatalf("kept in %q: in a file %v", dir, docs.InFile())
	}
	st := NewStream(&words.Numbers{}, docs)
	textOf := func(s model.Story) Text {
		return Text{Headline: s.Headline, Source: s.Source(), Body: s.Body()}
	}
	for _, i := range r.Perm(n) {
		if i%4 == 0 {
			st.Set(i, textOf(earlier[i]))
		}
		st.Set(i, TextOf(articles[i]))
	}
	return st
}
