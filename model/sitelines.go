package model

import (
	"hash/fnv"
	"slices"
	"strings"
	"sync"
	"time"
)

// Site lines are furniture learned from the archive rather than known in
// advance: a short line that a site prints under stories that have nothing
// to do with one another ("Tips go to the Esker Wire desk at any hour")
// is the site's, not the story's. The rule is conservative, since hiding a
// line of a story is worse than showing a line of a site:
//
//   - a line is a paragraph of a story's text of at most SiteLineWords
//     words (and siteLineBytes bytes), taken verbatim (spaces at its ends
//     aside), that does not end with a colon (it introduces what follows);
//   - a line that shares a word of four letters or more with its story's
//     headline is the story's there, and is not counted (an updated story
//     keeps its paragraphs under a new headline that names the same
//     things);
//   - it is the site's when, within one source, it is in the text of
//     siteLineStories stories whose headlines share no such word with one
//     another (versions of one story share them), saved on siteLineDays
//     days or more; or when the same holds over three sources or more
//     (siteLineSources), and then it is every site's.
//
// Wire copy that repeats background paragraphs stays: those are longer.
// The counts are kept per line, source, day and headline, and move with
// every page added or removed, so the set learned is a function of the
// files: a warm start from the cache, taking in what changed, knows the
// lines a cold load would. Lines are only hidden when text is shown; the
// filter index and the similar-stories model read the whole text (a
// line in many stories weighs little there anyway).
const (
	SiteLineWords   = 30
	siteLineBytes   = 600
	siteLineStories = 5
	siteLineDays    = 2
	siteLineSources = 3
)

// lineKey is a line's identity: a hash of its text as written.
func lineKey(line string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.TrimSpace(line)))
	return h.Sum64()
}

func wordHash(w string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(w))
	return h.Sum32()
}

// contentWords are the words of four letters or more of a text, folded
// as NormalizeText folds them, as hashes, sorted and each once; function
// words of that length are left out.
func contentWords(text string) []uint32 {
	var out []uint32
	for _, w := range strings.Fields(NormalizeText(text)) {
		if len([]rune(w)) < 4 || isFunctionWord(w) {
			continue
		}
		out = append(out, wordHash(w))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isFunctionWord(w string) bool {
	switch w {
	case "with", "from", "that", "this", "have", "will", "after", "over", "into", "about", "their", "than",
		"what", "when", "says", "said", "were", "been", "more", "they", "them", "which", "would", "could":
		return true
	}
	return false
}

// sharesWord reports whether two sorted word lists have a word in common.
func sharesWord(a, b []uint32) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// shortLine reports a line of at most SiteLineWords words, and not empty;
// not one that ends with a colon, which introduces what follows it (a
// list, a quotation) and goes with it. Words are counted byte by byte up
// to the limit: most paragraphs are long, and are told so after the first
// few hundred bytes; one longer than siteLineBytes is not short whatever
// its words (30 words of 20 letters each), and is told so at once.
func shortLine(p string) bool {
	if len(p) > siteLineBytes {
		return false
	}
	n, in := 0, false
	for i := 0; i < len(p); i++ {
		c := p[i]
		space := c == ' ' || c == '\t'
		if c == 0xc2 && i+1 < len(p) && p[i+1] == 0xa0 { // a no-break space
			space = true
			i++
		}
		if !space && !in {
			if n++; n > SiteLineWords {
				return false
			}
		}
		in = !space
	}
	return n > 0 && !strings.HasSuffix(strings.TrimSpace(p), ":")
}

// countedLines are the keys of the lines of a story's text that count
// towards site lines (see above), each once, sorted; nil for a story
// without text in memory.
func countedLines(s *Story) []uint64 {
	var out []uint64
	var head []uint32
	for _, p := range s.Paragraphs() {
		if !shortLine(p) {
			continue
		}
		if head == nil {
			head = append(contentWords(s.Headline), 0) // made once, even when empty
		}
		if sharesWord(contentWords(p), head[:len(head)-1]) {
			continue
		}
		out = append(out, lineKey(p))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// lineCopies counts the copies of a line in the stories of one source,
// day and headline.
type lineCopies struct {
	source   uint32 // its number in siteCounts.sources
	day      int32  // days since 1970; -1 when the page's day is unknown
	headline uint64 // a hash of the headline, normalized
	n        int32
}

// headlineWordsOf is what the counts keep of a headline: its words, and
// how many copies of lines it heads.
type headlineWordsOf struct {
	words []uint32
	n     int32
}

// siteCounts are the counts behind the site lines, and the lines learned.
// It changes with its library, in the library's owner's goroutine; the
// lock is for settling, which any reader of the library may do (through
// BodyOf) once a change has moved the counts. The view it hands out never
// changes.
type siteCounts struct {
	mu        sync.Mutex
	lines     map[uint64][]lineCopies
	headlines map[uint64]*headlineWordsOf
	sources   []string
	sourceNo  map[string]uint32
	dirty     map[uint64]struct{}
	learned   map[uint64]verdict
	view      *SiteView
	changed   bool
	// held is where lines and headlines lie in the snapshot while they
	// are not read (see sitelines_held.go): nil once they are in memory.
	held *heldCounts
}

// verdict is what a line was learned as: every site's, or these sources'.
type verdict struct {
	all     bool
	sources []uint32
}

func newSiteCounts() *siteCounts {
	return &siteCounts{lines: map[uint64][]lineCopies{}, headlines: map[uint64]*headlineWordsOf{},
		sourceNo: map[string]uint32{}, dirty: map[uint64]struct{}{}, learned: map[uint64]verdict{}, view: &SiteView{}}
}

func (c *siteCounts) source(name string) uint32 {
	if n, ok := c.sourceNo[name]; ok {
		return n
	}
	n := uint32(len(c.sources))
	name = strings.Clone(name)
	c.sources = append(c.sources, name)
	c.sourceNo[name] = n
	return n
}

// dayNumber is a page's day as days since 1970, -1 for none.
func dayNumber(day string) int32 {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return -1
	}
	return int32(t.Unix() / 86400)
}

// add counts a copy's lines in (sign 1) or out (sign -1); day is its
// page's.
func (c *siteCounts) add(s *Story, lines []uint64, day string, sign int32) {
	if s == nil || len(lines) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	hk := uint64(lineKey(NormalizeText(s.Headline)))
	h := c.headlines[hk]
	if h == nil {
		if sign < 0 {
			return // never counted in: nothing to take out
		}
		h = &headlineWordsOf{words: contentWords(s.Headline)}
		c.headlines[hk] = h
	}
	h.n += sign * int32(len(lines))
	if h.n <= 0 {
		delete(c.headlines, hk)
	}
	at := lineCopies{source: c.source(s.Source()), day: dayNumber(day), headline: hk}
	for _, k := range lines {
		list := c.lines[k]
		i := slices.IndexFunc(list, func(o lineCopies) bool {
			return o.source == at.source && o.day == at.day && o.headline == at.headline
		})
		switch {
		case i >= 0:
			list[i].n += sign
			if list[i].n <= 0 {
				list = slices.Delete(list, i, i+1)
			}
		case sign > 0:
			o := at
			o.n = 1
			list = append(list, o)
		}
		if len(list) == 0 {
			delete(c.lines, k)
		} else {
			c.lines[k] = list
		}
		c.dirty[k] = struct{}{}
	}
}

// settle judges the lines whose counts moved, and makes a new view when
// what was learned changed.
func (c *siteCounts) settle() *SiteView {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.dirty) == 0 && !c.changed {
		return c.view
	}
	for k := range c.dirty {
		v, ok := c.judge(c.lines[k])
		old, was := c.learned[k]
		switch {
		case ok && (!was || old.all != v.all || !slices.Equal(old.sources, v.sources)):
			c.learned[k] = v
			c.changed = true
		case !ok && was:
			delete(c.learned, k)
			c.changed = true
		}
	}
	clear(c.dirty)
	if c.changed {
		c.changed = false
		view := &SiteView{all: map[uint64]struct{}{}, bySource: map[string]map[uint64]struct{}{}}
		for k, v := range c.learned {
			if v.all {
				view.all[k] = struct{}{}
			}
			for _, s := range v.sources {
				name := c.sources[s]
				if view.bySource[name] == nil {
					view.bySource[name] = map[uint64]struct{}{}
				}
				view.bySource[name][k] = struct{}{}
			}
			view.n++
		}
		c.view = view
	}
	return c.view
}

// judge applies the rule to one line's copies.
func (c *siteCounts) judge(list []lineCopies) (verdict, bool) {
	if len(list) < siteLineStories {
		return verdict{}, false
	}
	var v verdict
	sorted := slices.Clone(list)
	slices.SortFunc(sorted, func(a, b lineCopies) int {
		if a.source != b.source {
			return int(a.source) - int(b.source)
		}
		if a.headline != b.headline {
			if a.headline < b.headline {
				return -1
			}
			return 1
		}
		return int(a.day - b.day)
	})
	for lo := 0; lo < len(sorted); {
		hi := lo
		for hi < len(sorted) && sorted[hi].source == sorted[lo].source {
			hi++
		}
		if c.enough(sorted[lo:hi]) {
			v.sources = append(v.sources, sorted[lo].source)
		}
		lo = hi
	}
	sources := 0
	for i := range sorted {
		if i == 0 || sorted[i].source != sorted[i-1].source {
			sources++
		}
	}
	if sources >= siteLineSources {
		slices.SortFunc(sorted, func(a, b lineCopies) int {
			if a.headline != b.headline {
				if a.headline < b.headline {
					return -1
				}
				return 1
			}
			return int(a.day - b.day)
		})
		v.all = c.enough(sorted)
	}
	if !v.all && len(v.sources) == 0 {
		return verdict{}, false
	}
	if v.all {
		v.sources = nil
	}
	slices.SortFunc(v.sources, func(a, b uint32) int { return strings.Compare(c.sources[a], c.sources[b]) })
	return v, true
}

// enough reports copies, sorted by headline, that are in siteLineStories
// stories whose headlines share no word with one another, saved on
// siteLineDays days. The headlines are taken in the order of their
// hashes, so the answer depends on the copies alone.
func (c *siteCounts) enough(list []lineCopies) bool {
	days := map[int32]struct{}{}
	for _, o := range list {
		if o.day >= 0 {
			days[o.day] = struct{}{}
		}
	}
	if len(days) < siteLineDays {
		return false
	}
	var picked [][]uint32
	for i, o := range list {
		if i > 0 && o.headline == list[i-1].headline {
			continue
		}
		h := c.headlines[o.headline]
		if h == nil {
			continue
		}
		if !slices.ContainsFunc(picked, func(p []uint32) bool { return sharesWord(p, h.words) }) {
			picked = append(picked, h.words)
			if len(picked) >= siteLineStories {
				return true
			}
		}
	}
	return false
}
