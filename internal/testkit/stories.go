// Package testkit holds what the tests of several packages share: invented
// corpora, and waiting for a condition. Only tests import it.
package testkit

import (
	"math/rand/v2"
	"strings"
	"tidings/model"
)

// Articles returns articles numbered as a Library numbers them.
func Articles(stories ...model.Story) []*model.Article {
	arts := make([]*model.Article, len(stories))
	for i, s := range stories {
		arts[i] = &model.Article{Story: s, Index: int32(i)}
	}
	return arts
}

// Vocab is small, so that many words are in most articles and turn into
// bitsets while others stay lists, and a random prefix usually matches.
var Vocab = func() []string {
	syll := []string{"ka", "ko", "ri", "ta", "mo", "ne", "zu", "pa", "le", "vi", "shi", "ø", "é", "Ä", "ς"}
	r := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	var out []string
	for len(out) < 300 {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}()

// Stories makes stories from vocab with skewed word frequencies,
// capitals, apostrophes and punctuation, and now and then live-blog entries.
func Stories(r *rand.Rand, n int, vocab []string) []model.Story {
	word := func() string {
		w := vocab[min(len(vocab)-1, int(float64(len(vocab))*r.Float64()*r.Float64()*r.Float64()))]
		switch r.IntN(20) {
		case 0:
			w = strings.ToUpper(w[:1]) + w[1:]
		case 1:
			w += "'s"
		case 2:
			w += "’"
		case 3:
			w += ","
		}
		return w
	}
	text := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(word())
		}
		return b.String()
	}
	out := make([]model.Story, n)
	for i := range out {
		s := model.Story{Headline: text(2 + r.IntN(6))}
		s.SetSource(text(r.IntN(3)))
		var paragraphs []string
		var entries []model.Entry
		for range r.IntN(4) {
			paragraphs = append(paragraphs, text(r.IntN(30)))
		}
		if r.IntN(5) == 0 {
			for range 1 + r.IntN(3) {
				entries = append(entries, model.Entry{Author: text(2), Text: text(r.IntN(20))})
			}
		}
		s.SetText(paragraphs, entries, nil)
		out[i] = s
	}
	return out
}
