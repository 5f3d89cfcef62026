package index

import (
	"bytes"
	"math/rand/v2"
	"testing"

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
	stories[3].Paragraphs = append(stories[3].Paragraphs, "It costs £9.50, a 5% rise; don't DON'T Ærø’s")
	stories[9].Source = ""
	articles := testkit.Articles(stories...)
	want := BuildIndex(articles, 0)

	st := NewStream(&words.Numbers{})
	textOf := func(s model.Story) Text {
		return Text{Headline: s.Headline, Source: s.Source, Body: model.Body{Paragraphs: s.Paragraphs, Entries: s.Entries}}
	}
	for _, i := range r.Perm(n) {
		if i%4 == 0 {
			st.Set(i, textOf(earlier[i]))
		}
		st.Set(i, TextOf(articles[i]))
	}
	got := st.Build(n)
	if got.Shards() < 2 {
		t.Fatalf("%d shards: the test needs two or more", got.Shards())
	}
	if !bytes.Equal(encoded(t, got), encoded(t, want)) {
		t.Error("the index built from the stream differs from BuildIndex's")
	}
	for _, q := range []string{"£9", "dont", "ærø", "ka", "shi mo"} {
		if g, w := got.Match(q), want.Match(q); g.Count != w.Count || g.Count == 0 && q != "shi mo" {
			t.Errorf("%q: %d matches from the stream, %d from BuildIndex", q, g.Count, w.Count)
		}
	}
}
