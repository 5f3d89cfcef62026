package index

import (
	"strings"
	"tidings/model"
	"tidings/words"
)

// The index is tested against matching done by reading the text: slow, but
// simple enough to trust. The reader itself never scans; it waits for the
// index.

func (b Bitset) set(i int) { b[i/64] |= 1 << (uint(i) % 64) }

// matchLinear matches query by reading the articles' text, which must give
// the index's result; the set is indexed by Article.Index. It returns nil
// when the query has no words.
func matchLinear(articles []*model.Article, query string) Bitset {
	terms := queryTerms(query)
	if terms == nil {
		return nil
	}
	n := 0
	for _, a := range articles {
		n = max(n, int(a.Index)+1)
	}
	set := make(Bitset, nwords(n))
	m := newMatcher(terms)
	for _, a := range articles {
		if m.match(a) {
			set.set(int(a.Index))
		}
	}
	return set
}

// matcher is the index's matching done by reading the text; it stops
// reading an article as soon as every term has been found in it.
type matcher struct {
	sc    words.Scanner
	terms []string
	found []bool
	left  int
}

func newMatcher(terms []string) *matcher {
	return &matcher{terms: terms, found: make([]bool, len(terms))}
}

// match reports whether every term begins a word of a.
func (m *matcher) match(a *model.Article) bool {
	clear(m.found)
	m.left = len(m.terms)
	if m.look(a.Headline) || m.look(a.Source()) {
		return true
	}
	for _, p := range a.Paragraphs() {
		if m.look(p) {
			return true
		}
	}
	for _, e := range a.Entries() {
		if m.look(e.Author) || m.look(e.Text) {
			return true
		}
	}
	return false
}

func (m *matcher) look(text string) bool {
	m.sc.Reset(text)
	for m.sc.Scan() {
		for t, q := range m.terms {
			if m.found[t] || !hasPrefix(&m.sc, q) {
				continue
			}
			m.found[t] = true
			if m.left--; m.left == 0 {
				return true
			}
		}
	}
	return false
}

func hasPrefix(sc *words.Scanner, p string) bool {
	if sc.Folded() {
		return len(sc.Bytes()) >= len(p) && string(sc.Bytes()[:len(p)]) == p
	}
	return strings.HasPrefix(sc.Plain(), p)
}
