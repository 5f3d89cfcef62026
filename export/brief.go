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
// gathering an event's versions: as many as the reader lists
// (ui.similarCount), so that an event's versions are those its "Also
// covered by" names.
const sameEventLookup = 8

// sameOutlet reports two stories of one named outlet, which are never
// versions of one event.
func sameOutlet(a, b *model.Article) bool {
	x, y := model.NormalizeText(a.Source()), model.NormalizeText(b.Source())
	return x != "" && x == y
}

// BuildBrief arranges the stories given, in the library's day order, into
// a brief. text reads a story's text; sim, when not nil, finds the other
// outlets' versions of a story's event (similar.Similar.SameEvent), which
// join the event of the first story given that finds them, whichever day
// they were saved on.
// Only stories given are listed.
func BuildBrief(title string, stories []*model.Article, text func(*model.Article) (model.Body, error), sim *similar.Similarity) Brief {
	entries := make([]Entry, len(stories))
	pos := make(map[*model.Article]int, len(stories))
	for i, a := range stories {
		body, err := text(a)
		entries[i] = Entry{Article: a, Body: body, Err: err}
		pos[a] = i
	}
	// Each event is a story and its own versions by other outlets, as the
	// reader's "Also covered by" names them: not a chain of versions of
	// versions (two stories of one place, each a version of a third,
	// may tell different things), never its own outlet. A story joins
	// the event of the first story given that names it.
	lead := make([]int, len(stories))
	for i := range lead {
		lead[i] = -1
	}
	for i, e := range entries {
		if lead[i] >= 0 {
			continue
		}
		lead[i] = i
		if sim == nil || e.Err != nil {
			continue
		}
		for _, s := range sim.ForText(e.Article, e.Body, sameEventLookup) {
			j, ok := pos[s.To]
			if !s.SameEvent || !ok || lead[j] >= 0 || sameOutlet(e.Article, s.To) {
				continue
			}
			lead[j] = i
		}
	}
	brief := Brief{Title: title, Stories: len(stories)}
	eventAt := map[int][2]int{} // lead story: day and event index in brief
	for i, e := range entries {
		l := lead[i]
		if at, ok := eventAt[l]; ok {
			ev := &brief.Days[at[0]].Events[at[1]]
			ev.Stories = append(ev.Stories, e)
			continue
		}
		day := e.Article.Day()
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
