package model

import (
	"fmt"
	"slices"
	"testing"
)

// A walk misses the files it did not reach, those of pages restored from
// the cache as those added since, and one walk's notes are not another's.
func TestAWalkMissesWhatItDidNotReach(t *testing.T) {
	var dumps []*Dump
	for i := range 127 {
		h := fmt.Sprint("Story ", i)
		dumps = append(dumps, page(fmt.Sprintf("p%03d", i), "2025-07-28", saved, &Story{ID: StoryID(h, "", ""), Headline: h}))
	}
	for _, restored := range []bool{false, true} {
		l := libraryOf(dumps...)
		if restored {
			l = roundTrip(t, l)
		}
		first, second := l.NewWalk(), l.NewWalk()
		h := "Story 127"
		l.Add(page("p127", "2025-07-28", saved, &Story{ID: StoryID(h, "", ""), Headline: h}))
		var want []string
		for i, p := range l.Pages {
			if i%3 == 0 {
				want = append(want, p.Key)
			} else {
				first.Reached(p.Key)
			}
		}
		second.Reached(l.Pages[0].Key)
		if got := first.Missed(); !slices.Equal(got, want) {
			t.Errorf("restored %v: the walk missed %v, want %v", restored, got, want)
		}
		if got := second.Missed(); len(got) != len(l.Pages)-1 || slices.Contains(got, l.Pages[0].Key) {
			t.Errorf("restored %v: the second walk missed %d files (%v), want all but the first", restored, len(got), got)
		}
	}
}
