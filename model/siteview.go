package model

import "slices"

// SiteView is the site lines learned at one time. It does not change once
// made (a change to the library makes another), so it may be read from any
// goroutine.
type SiteView struct {
	all      map[uint64]struct{}
	bySource map[string]map[uint64]struct{}
	n        int
}

// Len is how many lines were learned.
func (v *SiteView) Len() int {
	if v == nil {
		return 0
	}
	return v.n
}

// hides reports a line learned as a site's line, for a story of the
// source (a story with no source takes the lines of pages that name none).
func (v *SiteView) hides(source, line string) bool {
	if v == nil || v.n == 0 || !shortLine(line) {
		return false
	}
	k := lineKey(line)
	if _, ok := v.all[k]; ok {
		return true
	}
	if _, ok := v.bySource[source][k]; ok {
		return true
	}
	_, ok := v.bySource[""][k]
	return ok
}

// Split parts a story's paragraphs into those shown and the site lines
// hidden, in order. A learned line that shares a word with the story's own
// headline is the story's there, and stays.
func (v *SiteView) Split(source, headline string, paragraphs []string) (shown, hidden []string) {
	if v.Len() == 0 {
		return paragraphs, nil
	}
	var head []uint32
	for _, p := range paragraphs {
		hide := v.hides(source, p)
		if hide {
			if head == nil {
				head = append(contentWords(headline), 0) // made once, even when empty
			}
			hide = !sharesWord(contentWords(p), head[:len(head)-1])
		}
		if hide {
			hidden = append(hidden, p)
		} else {
			shown = append(shown, p)
		}
	}
	if hidden == nil {
		return paragraphs, nil
	}
	return shown, hidden
}

// Lines lists what was learned, for tests and for comparing libraries:
// each line's hash with the sources it is learned for ("*" for every
// site), sorted.
func (v *SiteView) Lines() []string {
	if v.Len() == 0 {
		return nil
	}
	var out []string
	for k := range v.all {
		out = append(out, hex16(k)+" *")
	}
	for s, keys := range v.bySource {
		for k := range keys {
			out = append(out, hex16(k)+" "+s)
		}
	}
	slices.Sort(out)
	return out
}

func hex16(k uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = digits[k&15]
		k >>= 4
	}
	return string(b[:])
}

// LearnSiteLines learns the site lines of a set of parsed files alone, as
// a library of them would: for `inspect`, which shows what would be
// hidden.
func LearnSiteLines(dumps []*Dump) *SiteView {
	c := newSiteCounts()
	for _, d := range dumps {
		for _, s := range storiesOfPage(d) {
			if s != nil {
				c.add(s, countedLines(s), d.Day, 1)
			}
		}
	}
	return c.settle()
}
