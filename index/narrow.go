package index

import (
	"slices"
	"strings"

	"tidings/model"
)

// A filter is typed a key at a time, and most keys make the query only
// stricter: a longer prefix, one more word, one more condition. Such a
// query's answer is a subset of the previous one's, so it is looked for
// among those articles only, and the conditions the previous query
// already had are not asked again. Anything that could widen the answer (a
// deleted character, a longer -word, which excludes less, a shorter
// phrase) starts over; Narrows decides, and allows only what it can prove.

// Narrows reports whether every article q selects (apart from is:, which
// Find does not answer) is one prev selects, because each of prev's
// conditions is implied by one of q's:
//   - a word by a word it begins (match("harb") ⊆ match("har"));
//   - an excluded word by an excluded word that begins it (-har excludes
//     all that -harb does);
//   - a source: or tag: piece by one that contains it;
//   - a day bound by one at least as tight;
//   - a phrase by the same phrase, or by it with its last word, which
//     matches as a prefix, typed further;
//   - a number by the same, or one without a per cent sign (which makes
//     it whole) by one it begins.
func (q *Query) Narrows(prev *Query) bool {
	for _, p := range prev.Words {
		if !slices.ContainsFunc(q.Words, func(w string) bool { return strings.HasPrefix(w, p) }) {
			return false
		}
	}
	for _, e := range prev.Exclude {
		if !slices.ContainsFunc(q.Exclude, func(x string) bool { return strings.HasPrefix(e, x) }) {
			return false
		}
	}
	for _, s := range prev.Sources {
		if !slices.ContainsFunc(q.Sources, func(x string) bool { return strings.Contains(x, s) }) {
			return false
		}
	}
	for _, t := range prev.Tags {
		if !slices.ContainsFunc(q.Tags, func(x string) bool { return strings.Contains(x, t) }) {
			return false
		}
	}
	if prev.DayFrom != "" && (q.DayFrom == "" || q.DayFrom < prev.DayFrom) ||
		prev.DayTo != "" && (q.DayTo == "" || q.DayTo > prev.DayTo) {
		return false
	}
	for _, n := range prev.Numbers {
		if !slices.ContainsFunc(q.Numbers, func(x string) bool {
			return x == n || !strings.HasSuffix(n, "%") && strings.HasPrefix(x, n)
		}) {
			return false
		}
	}
	for _, p := range prev.Phrases {
		if !slices.ContainsFunc(q.Phrases, func(x []string) bool { return phraseNarrows(x, p) }) {
			return false
		}
	}
	return true
}

// phraseNarrows reports whether every text with phrase x has phrase p:
// hasPhrase matches each word but the last whole, so x must be p with its
// last word typed further. The scan hasPhrase makes steps alike for both
// until the last word, where x's test implies p's.
func phraseNarrows(x, p []string) bool {
	n := len(p)
	return len(x) == n && slices.Equal(x[:n-1], p[:n-1]) && strings.HasPrefix(x[n-1], p[n-1])
}

// FindAfter is FindUntil for q typed after prev, whose answer over this
// index and these articles was prevSet (nil when it had none). When q
// Narrows prev it looks among prevSet's articles alone, and answers only
// the conditions prev did not have; otherwise it starts over. prevSet is
// not changed.
func (ix *Index) FindAfter(articles []*model.Article, prev *Query, prevSet Bitset, q *Query, stop func() bool) *Matches {
	var m *Matches
	if !ix.guard(func() { m = ix.findAfter(articles, prev, prevSet, q, stop) }) {
		return nil
	}
	return m
}

func (ix *Index) findAfter(articles []*model.Article, prev *Query, prevSet Bitset, q *Query, stop func() bool) *Matches {
	if prevSet == nil || !prev.Indexed() || !q.Indexed() || len(prevSet) != nwords(ix.Len()) || !q.Narrows(prev) {
		return ix.findUntil(articles, q, stop)
	}
	set := slices.Clone(prevSet)
	had := prev.Highlight()
	for _, t := range queryTerms(strings.Join(q.Highlight(), " ")) {
		// prevSet is within match(p) for each of prev's words and phrase
		// words p, and so within match(t) for each t that begins one.
		if slices.ContainsFunc(had, func(p string) bool { return strings.HasPrefix(p, t) }) {
			continue
		}
		ix.andPrefix(t, set)
	}
	for _, x := range q.Exclude {
		if slices.ContainsFunc(prev.Exclude, func(e string) bool { return strings.HasPrefix(x, e) }) {
			continue // already taken out, with more
		}
		ix.andNotPrefix(x, set)
	}
	rest := *q // the conditions read in the articles that prev did not have
	if slices.Equal(rest.Sources, prev.Sources) {
		rest.Sources = nil
	}
	if slices.Equal(rest.Tags, prev.Tags) {
		rest.Tags = nil
	}
	if rest.DayFrom == prev.DayFrom && rest.DayTo == prev.DayTo {
		rest.DayFrom, rest.DayTo = "", ""
	}
	if slices.Equal(rest.Numbers, prev.Numbers) {
		rest.Numbers = nil
	}
	if slices.EqualFunc(rest.Phrases, prev.Phrases, slices.Equal) {
		rest.Phrases = nil
	}
	if !rest.checkArticles(articles, set, stop) {
		return nil
	}
	return &Matches{Set: set, Count: set.Count()}
}

// within reports the shards with an article of set in their range: the
// others cannot change set∩match.
func (ix *Index) within(set Bitset) []*shard {
	var out []*shard
	for _, sh := range ix.shards {
		for _, w := range set[sh.lo/64 : nwords(sh.hi)] {
			if w != 0 {
				out = append(out, sh)
				break
			}
		}
	}
	return out
}

// andPrefix keeps in set the articles with a word beginning with term.
func (ix *Index) andPrefix(term string, set Bitset) {
	found := make(Bitset, len(set))
	for _, sh := range ix.within(set) {
		sh.orPrefix(term, found)
	}
	for k := range set {
		set[k] &= found[k]
	}
}

// andNotPrefix takes out of set the articles with a word beginning with
// term.
func (ix *Index) andNotPrefix(term string, set Bitset) {
	found := make(Bitset, len(set))
	for _, sh := range ix.within(set) {
		sh.orPrefix(term, found)
	}
	for k := range set {
		set[k] &^= found[k]
	}
}
