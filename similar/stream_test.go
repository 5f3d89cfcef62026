package similar

import (
	"math/rand/v2"
	"slices"
	"testing"

	"tidings/internal/spill"
	"tidings/internal/testkit"
	"tidings/model"
	"tidings/words"
)

// TestStreamBuildsTheSameModel: a model built from texts handed over one at
// a time, some of them replaced by another text later (a richer copy), is
// the one built from the articles' last texts, to the bit.
func TestStreamBuildsTheSameModel(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	stories := testkit.Stories(r, 900, testkit.Vocab)
	earlier := testkit.Stories(r, len(stories), testkit.Vocab)
	stories[5].Headline = "" // an article without a headline counts as not shown
	articles := testkit.Articles(stories...)
	want := BuildSimilarity(articles)
	if len(want.terms) < 50 || len(want.vecTerm) < 1000 {
		t.Fatalf("the corpus makes too small a model to compare: %d terms, %d weights", len(want.terms), len(want.vecTerm))
	}
	defer func(was uint32) { postingsPass = was }(postingsPass)
	// In memory; in a file, the model's arrays too, their postings made
	// in one pass and in many.
	for _, c := range []struct {
		dir  string
		pass uint32
	}{{"", postingsPass}, {t.TempDir(), postingsPass}, {t.TempDir(), 97}} {
		dir := c.dir
		postingsPass = c.pass
		docs := spill.InMemory()
		if dir != "" {
			docs = spill.New(dir)
		}
		if docs.InFile() != (dir != "") {
			t.Fatalf("kept in %q: in a file %v", dir, docs.InFile())
		}
		got := streamed(t, docs, r, articles, earlier)
		if (got.disk != nil) != (dir != "") {
			t.Errorf("kept in %q: the model's arrays in a file %v", dir, got.disk != nil)
		}
		vecTerm, vecW, postDoc, postW := arraysOf(t, got)
		for name, eq := range map[string]bool{
			"terms":   slices.Equal(got.terms, want.terms),
			"vecOff":  slices.Equal(got.vecOff, want.vecOff),
			"vecTerm": slices.Equal(vecTerm, want.vecTerm),
			"vecW":    slices.Equal(vecW, want.vecW),
			"postOff": slices.Equal(got.postOff, want.postOff),
			"postDoc": slices.Equal(postDoc, want.postDoc),
			"postW":   slices.Equal(postW, want.postW),
		} {
			if !eq {
				t.Errorf("kept in %q, postings %d at a time: %s differ from BuildSimilarity's", dir, c.pass, name)
			}
		}
		got.Close()
	}
}

// arraysOf is a model's four big arrays, read from its file when they lie
// in one.
func arraysOf(t *testing.T, s *Similarity) (vecTerm []uint32, vecW []float32, postDoc []uint32, postW []float32) {
	t.Helper()
	d := s.disk
	if d == nil {
		return s.vecTerm, s.vecW, s.postDoc, s.postW
	}
	var ok [4]bool
	vecTerm, ok[0] = read4[uint32](d.f, d.vecTerm, d.vecLen)
	vecW, ok[1] = read4[float32](d.f, d.vecW, d.vecLen)
	postDoc, ok[2] = read4[uint32](d.f, d.postDoc, d.postLen)
	postW, ok[3] = read4[float32](d.f, d.postW, d.postLen)
	if ok != [4]bool{true, true, true, true} {
		t.Fatalf("the model's arrays could not be read back from its file: %v", ok)
	}
	return vecTerm, vecW, postDoc, postW
}

// streamed is the model a Stream keeping its counts in docs builds from
// the articles' texts, handed over in a random order, some after an
// earlier text.
func streamed(t *testing.T, docs *spill.Records, r *rand.Rand, articles []*model.Article, earlier []model.Story) *Similarity {
	t.Helper()
	st := NewStream(&words.Numbers{}, docs)
	for _, i := range r.Perm(len(articles)) {
		if i%3 == 0 {
			e := earlier[i]
			st.Set(i, e.Headline, e.Body())
		}
		a := articles[i]
		if i%7 != 0 {
			st.Set(i, a.Headline, a.Body())
		}
	}
	for i := 0; i < len(articles); i += 7 {
		a := articles[i]
		st.Set(i, a.Headline, a.Body())
	}
	got, err := st.Build(articles)
	if err != nil {
		t.Fatal(err)
	}
	return got
}
