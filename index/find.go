package index

import (
	"math/bits"
	"strings"

	"tidings/model"
)

// Answering a query: the index's words first, then, article by article
// among its matches, the conditions the index cannot answer (days,
// sources, tags, numbers, phrases).

// Find selects the articles a query matches, apart from its is:
// conditions; articles must be those the index was built over. It returns
// nil for a query with nothing for it to do.
//
// Everything but phrases is answered from the index in milliseconds; a
// phrase is checked in the text of every article that has all its words,
// which can take seconds over a big archive for common words, so callers
// run such queries off the UI goroutine (see Slow) and may stop them.
func (ix *Index) Find(articles []*model.Article, q *Query) *Matches {
	return ix.FindUntil(articles, q, nil)
}

// Slow reports a query that Find answers by reading text: one with a
// phrase or a number.
func (q *Query) Slow() bool { return len(q.Phrases) > 0 || len(q.Numbers) > 0 }

// FindUntil is Find that gives up, returning nil, once stop reports true;
// it asks every 64 articles. It returns nil too when the index's map
// failed (Err).
func (ix *Index) FindUntil(articles []*model.Article, q *Query, stop func() bool) *Matches {
	var m *Matches
	if !ix.guard(func() { m = ix.findUntil(articles, q, stop) }) {
		return nil
	}
	return m
}

func (ix *Index) findUntil(articles []*model.Article, q *Query, stop func() bool) *Matches {
	if !q.Indexed() {
		return nil
	}
	var set Bitset
	if terms := q.Highlight(); len(terms) > 0 {
		set = ix.match(strings.Join(terms, " ")).Set
	} else {
		set = make(Bitset, nwords(ix.Len()))
		for k := range set {
			set[k] = ^uint64(0)
		}
		if r := ix.Len() % 64; r != 0 {
			set[len(set)-1] = 1<<r - 1
		}
	}
	for _, ex := range q.Exclude {
		if m := ix.match(ex); m != nil {
			for k := range set {
				set[k] &^= m.Set[k]
			}
		}
	}
	if !q.checkArticles(articles, set, stop) {
		return nil
	}
	return &Matches{Set: set, Count: set.Count()}
}

// checkArticles takes out of set the articles that fail the conditions
// the index cannot answer; it reports false if stop did first.
func (q *Query) checkArticles(articles []*model.Article, set Bitset, stop func() bool) bool {
	if len(q.Sources) == 0 && len(q.Tags) == 0 && q.DayFrom == "" && q.DayTo == "" && !q.Slow() {
		return true
	}
	c := q.checker()
	from := 0
	if c.allInFacets() {
		// The words of articles the facets cover, a word at a time.
		from = min(len(c.f.days), len(articles)) / 64
		for k := range set[:min(from, len(set))] {
			if stop != nil && k%64 == 0 && stop() {
				return false
			}
			if set[k] != 0 {
				set[k] = c.keepWord(articles, k, set[k])
			}
		}
	}
	for k := from; k < len(set); k++ {
		w := set[k]
		if stop != nil && stop() {
			return false
		}
		for ; w != 0; w &= w - 1 {
			i := k*64 + bits.TrailingZeros64(w)
			if i >= len(articles) || !c.keeps(articles, i) {
				set[k] &^= 1 << (i % 64)
			}
		}
	}
	return true
}

// keepsArticle checks the conditions the index cannot answer; sources
// keeps a source's verdict by its name as written.
func (q *Query) keepsArticle(a *model.Article, sources map[string]bool) bool {
	if !q.keepsDay(a.Day()) {
		return false
	}
	if len(q.Sources) > 0 {
		source := a.Source()
		ok, known := sources[source]
		if !known {
			ok = q.keepsSource(source)
			sources[source] = ok
		}
		if !ok {
			return false
		}
	}
	return q.keepsText(a)
}

// keepsDay checks the day: condition.
func (q *Query) keepsDay(day string) bool {
	return (q.DayFrom == "" || day >= q.DayFrom) && (q.DayTo == "" || day <= q.DayTo)
}

// keepsSource checks the source: condition against a source's name.
func (q *Query) keepsSource(source string) bool {
	name := model.NormalizeText(source)
	for _, s := range q.Sources {
		if !strings.Contains(name, s) {
			return false
		}
	}
	return true
}

// keepsText checks the conditions on the article itself: its tags, and
// the numbers and phrases of its text.
func (q *Query) keepsText(a *model.Article) bool {
	for _, tag := range q.Tags {
		if !hasTag(a, tag) {
			return false
		}
	}
	if len(q.Numbers) == 0 && len(q.Phrases) == 0 {
		// The text is not asked: its fields lie on another cache line of
		// the article, which a million stories' check would all load.
		return true
	}
	read := false
	body := a.Body()
	text := func() model.Body {
		if q.Text != nil && !read {
			var err error
			if body, err = q.Text(a); err != nil {
				body = model.Body{}
			}
		}
		read = true
		return body
	}
	if len(q.Numbers) > 0 && !hasNumbers(a, q.Numbers, text) {
		return false
	}
	if len(q.Phrases) > 0 {
		text()
	}
	for _, p := range q.Phrases {
		if !hasPhrase(a.Headline, a.Source(), body, p) {
			return false
		}
	}
	return true
}
