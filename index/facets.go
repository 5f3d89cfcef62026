package index

import (
	"math"
	"math/bits"

	"tidings/model"
)

// The index answers words; a query's day: and source: conditions are
// checked story by story among its matches. Read from the articles, that
// check costs a cache miss per story (an article is hundreds of bytes,
// anywhere on the heap): at a million stories, tens of milliseconds for a
// keystroke such as "source:w" or "day:-3". Facets keep the two answers
// in arrays by article number, read in order, and a source's verdict is
// worked out once per name rather than once per story.

// Facets are each article's day and source, as the articles have them
// now: whoever changes the library updates them with the articles a
// change touched (Update), as it does the index. A query reads them only
// through Query.Facets, and never for articles past their end.
type Facets struct {
	days    []uint32 // the day as packDay makes it; dayAsked: read the article's
	sources []uint32 // a number in names; asked: read the article's
	names   []string
	byName  map[string]uint32
}

// dayAsked marks a day that is not a plain date, which a query compares
// as the article's string, and asked an article the facets were not told
// of (one past a gap Update left).
const (
	dayAsked = math.MaxUint32
	asked    = math.MaxUint32
)

// NewFacets reads the days and sources of articles, a library's Articles.
func NewFacets(articles []*model.Article) *Facets {
	f := &Facets{days: make([]uint32, len(articles)), sources: make([]uint32, len(articles)), byName: map[string]uint32{}}
	for i, a := range articles {
		f.set(i, a)
	}
	return f
}

// Update takes in the articles a change touched (model.Delta's Touched),
// new ones included. It changes f in place: no query may be reading it.
func (f *Facets) Update(touched []*model.Article) {
	for _, a := range touched {
		for int(a.Index) >= len(f.days) {
			f.days = append(f.days, dayAsked)
			f.sources = append(f.sources, asked)
		}
		f.set(int(a.Index), a)
	}
}

func (f *Facets) set(i int, a *model.Article) {
	f.days[i] = packDay(a.Day())
	source := a.Source()
	id, ok := f.byName[source]
	if !ok {
		id = uint32(len(f.names))
		f.names = append(f.names, source)
		f.byName[source] = id
	}
	f.sources[i] = id
}

// packDay makes a day written "YYYY-MM-DD" the number YYYYMMDD, which
// orders as the strings do, and no day 0, which orders as "" does; anything
// else is dayAsked.
func packDay(day string) uint32 {
	if day == "" {
		return 0
	}
	if len(day) != 10 || day[4] != '-' || day[7] != '-' {
		return dayAsked
	}
	n := uint32(0)
	for i := range len(day) {
		if i == 4 || i == 7 {
			continue
		}
		c := day[i]
		if c < '0' || c > '9' {
			return dayAsked
		}
		n = n*10 + uint32(c-'0')
	}
	return n
}

// conditionCheck checks article after article against the conditions of a
// query the index cannot answer, from the facets where it can.
type conditionCheck struct {
	q *Query
	f *Facets // nil: every condition is read from the article
	// from and to bound the packed day; byDay is false when the query has
	// no day condition, or one the facets cannot compare.
	from, to uint32
	byDay    bool
	// verdicts are the source condition's answer by source number: 0 not
	// yet worked out, 1 kept, 2 not.
	verdicts []uint8
	sources  map[string]bool // the same by name, for articles without facets
	// rest is true when the query asks the article itself: tags, numbers,
	// phrases.
	rest bool
}

func (q *Query) checker() *conditionCheck {
	c := &conditionCheck{q: q, f: q.Facets, sources: map[string]bool{}, to: dayAsked - 1,
		rest: len(q.Tags) > 0 || q.Slow()}
	if c.f != nil {
		c.verdicts = make([]uint8, len(c.f.names))
		c.byDay = q.DayFrom != "" || q.DayTo != ""
		if q.DayFrom != "" {
			c.from = packDay(q.DayFrom)
			c.byDay = c.byDay && c.from != dayAsked
		}
		if q.DayTo != "" {
			c.to = packDay(q.DayTo)
			c.byDay = c.byDay && c.to != dayAsked
		}
	}
	return c
}

// keeps reports whether article i meets the conditions.
func (c *conditionCheck) keeps(articles []*model.Article, i int) bool {
	f, q := c.f, c.q
	if f == nil || i >= len(f.days) {
		return q.keepsArticle(articles[i], c.sources)
	}
	if c.byDay {
		if d := f.days[i]; d == dayAsked {
			if !q.keepsDay(articles[i].Day()) {
				return false
			}
		} else if d < c.from || d > c.to {
			return false
		}
	} else if (q.DayFrom != "" || q.DayTo != "") && !q.keepsDay(articles[i].Day()) {
		return false
	}
	if len(q.Sources) > 0 {
		id := f.sources[i]
		if id == asked {
			return q.keepsArticle(articles[i], c.sources)
		}
		if v := c.verdicts[id]; v == 2 || v == 0 && c.judgeSource(id) == 2 {
			return false
		}
	}
	return !c.rest || q.keepsText(articles[i])
}

// judgeSource works out, once per source number, the source condition's
// answer (1 kept, 2 not) into verdicts; the callers read verdicts first,
// so that the loop over a million articles makes no call.
func (c *conditionCheck) judgeSource(id uint32) uint8 {
	v := uint8(2)
	if c.q.keepsSource(c.f.names[id]) {
		v = 1
	}
	c.verdicts[id] = v
	return v
}

// allInFacets reports whether the facets can answer every condition of
// the query (a day bound they cannot compare, tags, numbers or phrases
// are read from the articles).
func (c *conditionCheck) allInFacets() bool {
	return c.f != nil && !c.rest && (c.byDay || c.q.DayFrom == "" && c.q.DayTo == "")
}

// keepWord is keeps for the 64 articles of word k of a set, w, all of
// which the facets cover: it returns the word of those kept.
func (c *conditionCheck) keepWord(articles []*model.Article, k int, w uint64) uint64 {
	base := k << 6
	days, sources := c.f.days[base:base+64], c.f.sources[base:base+64]
	for x := w; x != 0; x &= x - 1 {
		j := bits.TrailingZeros64(x)
		if c.byDay {
			if d := days[j]; d == dayAsked {
				if !c.keeps(articles, base+j) {
					w &^= 1 << j
				}
				continue
			} else if d < c.from || d > c.to {
				w &^= 1 << j
				continue
			}
		}
		if len(c.q.Sources) == 0 {
			continue
		}
		id := sources[j]
		if id == asked {
			if !c.keeps(articles, base+j) {
				w &^= 1 << j
			}
			continue
		}
		if v := c.verdicts[id]; v == 2 || v == 0 && c.judgeSource(id) == 2 {
			w &^= 1 << j
		}
	}
	return w
}
