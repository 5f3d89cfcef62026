package ui

import (
	"time"

	"tidings/model"
)

// listGroup is one heading of the list and its stories, as indexes into
// Library.Articles: filtering walks these small integers instead of
// following a pointer per story, which at 100,000 stories is the
// difference between a millisecond and a frame lost per keystroke.
type listGroup struct {
	key    string     // groupKey of its stories
	day    *model.Day // by day saved: the day
	source string     // by source: the source ("" for none)
	order  model.Order
	idx    []int32
}

func groupsOf(groups []model.Group, order model.Order) []listGroup {
	out := make([]listGroup, len(groups))
	for i, g := range groups {
		idx := make([]int32, len(g.Articles))
		for j, a := range g.Articles {
			idx[j] = int32(a.Index)
		}
		out[i] = listGroup{day: g.Day, source: g.Source, order: order, idx: idx}
		if len(g.Articles) > 0 {
			out[i].key = groupKey(g.Articles[0], order)
		}
	}
	return out
}

// groupKey names the group a story is listed under in an order, for the
// counts kept per heading.
func groupKey(a *model.Article, order model.Order) string {
	switch order {
	case model.BySource:
		return a.Source()
	case model.ByPublished:
		return ""
	}
	return a.Day()
}

// heading is what the group's heading row says before its counts.
func (g *listGroup) heading() string {
	switch g.order {
	case model.BySource:
		if g.source == "" {
			return "No source"
		}
		return g.source
	case model.ByPublished:
		return "Newest published first"
	}
	if t, err := time.Parse(time.DateOnly, g.day.Date); err == nil {
		return t.Format("Mon 2 Jan 2006")
	}
	return "Undated"
}

// short names the group in the title bar, beside the cursor's place.
func (g *listGroup) short() string {
	switch g.order {
	case model.BySource:
		return g.heading()
	case model.ByPublished:
		return "by publication"
	}
	return dayLabel(g.day.Date)
}

// scopeName says which stories A and L act on outside a filter: "of Tue
// 24 Jun", "from Esker Wire", "in the list".
func (g *listGroup) scopeName() string {
	switch g.order {
	case model.BySource:
		return "from " + g.heading()
	case model.ByPublished:
		return "in the list"
	}
	return "of " + dayLabel(g.day.Date)
}

// orderNames say each order in the status bar once S chose it.
var orderNames = map[model.Order]string{
	model.BySaved:     "Sorted by the day saved",
	model.ByPublished: "Sorted by publication time, newest first, undated last",
	model.BySource:    "Sorted by source",
}

// cycleSort moves to the next order, keeping the cursor on its story.
func (m *Model) cycleSort() {
	m.sort = model.Orders[(int(m.sort)+1)%len(model.Orders)]
	m.list.forget(nil)
	m.rebuild()
	m.list.scrollToCursor()
	m.status = orderNames[m.sort]
}
