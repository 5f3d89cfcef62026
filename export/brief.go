package export

import (
	"slices"
	"time"

	"tidings/model"
	"tidings/similar"
)

// Brief is stories ready to be written out: by the day they were saved
// (newest first), and within a day by event, a story together with the
// other outlets' versions of the same event.
type Brief struct {
	Title   string
	Days    []BriefDay
	Stories int
}

// BriefDay is the events first saved on one day.
type BriefDay struct {
	Date   string // YYYY-MM-DD, "" for undated pages
	Label  string // "Tue 4 Mar 2025", or "Undated"
	Events []Event
}

// Event is a story and the versions that tell the same event: Stories[0]
// leads, in the order the stories were given.
type Event struct {
	Stories []Entry
}

// Entry is one story with its text. Err says why the text could not be
// read (its dump changed or went); the story is still listed.
type Entry struct {
	Article *model.Article
	Body    model.Body
	Err     error
}

// sameEventLookup is how many similar stories are asked for per story when
// gathering an event's versions.
const sameEventLookup = 8

// BuildBrief arranges the stories given, in the library's day order, into
// a brief. text reads a story's text; sim, when not nil, finds the other
// outlets' versions of an event (similar.Similar.SameEvent), which join
// the event of the first of them given, whichever day they were saved on.
// Only stories given are listed.
func BuildBrief(title string, stories []*model.Article, text func(*model.Article) (model.Body, error), sim *similar.Similarity) Brief {
	entries := make([]Entry, len(stories))
	pos := make(map[*model.Article]int, len(stories))
	for i, a := range stories {
		body, err := text(a)
		entries[i] = Entry{Article: a, Body: body, Err: err}
		pos[a] = i
	}
	// Union of same-event pairs, each group led by its first story.
	lead := make([]int, len(stories))
	for i := range lead {
		lead[i] = i
	}
	find := func(i int) int {
		for lead[i] != i {
			lead[i] = lead[lead[i]]
			i = lead[i]
		}
		return i
	}
	if sim != nil {
		for i, e := range entries {
			if e.Err != nil {
				continue
			}
			for _, s := range sim.ForText(e.Article, e.Body, sameEventLookup) {
				j, ok := pos[s.To]
				if !s.SameEvent || !ok {
					continue
				}
				a, b := find(i), find(j)
				if a > b {
					a, b = b, a
				}
				lead[b] = a
			}
		}
	}
	brief := Brief{Title: title, Stories: len(stories)}
	eventAt := map[int][2]int{} // lead story: day and event index in brief
	for i, e := range entries {
		l := find(i)
		if at, ok := eventAt[l]; ok {
			ev := &brief.Days[at[0]].Events[at[1]]
			ev.Stories = append(ev.Stories, e)
			continue
		}
		day := e.Article.Day
		if n := len(brief.Days); n == 0 || brief.Days[n-1].Date != day {
			brief.Days = append(brief.Days, BriefDay{Date: day, Label: dayLabel(day)})
		}
		d := len(brief.Days) - 1
		brief.Days[d].Events = append(brief.Days[d].Events, Event{Stories: []Entry{e}})
		eventAt[l] = [2]int{d, len(brief.Days[d].Events) - 1}
	}
	return brief
}

// Span is the days the brief covers, "Sat 1 Mar – Mon 3 Mar 2025", or
// "" for a brief of no dated story.
func (b Brief) Span() string {
	var dates []string
	for _, d := range b.Days {
		if d.Date != "" {
			dates = append(dates, d.Date)
		}
	}
	if len(dates) == 0 {
		return ""
	}
	slices.Sort(dates)
	first, _ := time.Parse(time.DateOnly, dates[0])
	last, _ := time.Parse(time.DateOnly, dates[len(dates)-1])
	switch {
	case first.Equal(last):
		return last.Format("Mon 2 Jan 2006")
	case first.Year() == last.Year():
		return first.Format("Mon 2 Jan") + " – " + last.Format("Mon 2 Jan 2006")
	}
	return first.Format("Mon 2 Jan 2006") + " – " + last.Format("Mon 2 Jan 2006")
}

func dayLabel(date string) string {
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		return t.Format("Mon 2 Jan 2006")
	}
	return "Undated"
}
