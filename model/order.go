package model

import (
	"cmp"
	"slices"
	"strings"
)

// Order is how the stories are listed: by the day they were saved, under
// day headings (the default); by publication time, newest first, undated
// last, in one run; or by source, under source headings.
type Order int

const (
	BySaved Order = iota
	ByPublished
	BySource
)

// Orders are the orders, in the order the reader cycles through them.
var Orders = []Order{BySaved, ByPublished, BySource}

func (o Order) String() string {
	switch o {
	case ByPublished:
		return "published"
	case BySource:
		return "source"
	}
	return "saved"
}

// ParseOrder reads an order's name ("saved", "published", "source").
func ParseOrder(s string) (Order, bool) {
	for _, o := range Orders {
		if strings.EqualFold(s, o.String()) {
			return o, true
		}
	}
	return BySaved, false
}

// Group is the stories under one heading of a list: a day's (Day set), a
// source's (Source set; "" for stories that name none), or, in
// publication order, all of them (neither set).
type Group struct {
	Day      *Day
	Source   string
	Articles []*Article
}

// Grouped lists the library's stories in the order o. Within a source the
// stories keep the order by day saved; stories published at the same time
// too.
func (l *Library) Grouped(o Order) []Group {
	days := l.Days()
	switch o {
	case ByPublished:
		all := make([]*Article, 0, len(l.Articles))
		for _, d := range days {
			all = append(all, d.Articles...)
		}
		slices.SortStableFunc(all, comparePublished)
		return []Group{{Articles: all}}
	case BySource:
		// Counted first, so that each source's list is made once.
		counts := map[sourceNo]int{}
		for _, d := range days {
			for _, a := range d.Articles {
				counts[a.source]++
			}
		}
		bySource := make(map[sourceNo][]*Article, len(counts))
		for _, d := range days {
			for _, a := range d.Articles {
				if bySource[a.source] == nil {
					bySource[a.source] = make([]*Article, 0, counts[a.source])
				}
				bySource[a.source] = append(bySource[a.source], a)
			}
		}
		groups := make([]Group, 0, len(bySource))
		for source, articles := range bySource {
			groups = append(groups, Group{Source: source.String(), Articles: articles})
		}
		slices.SortFunc(groups, func(a, b Group) int {
			if (a.Source == "") != (b.Source == "") { // no source last
				return cmpBool(a.Source == "", b.Source == "")
			}
			return cmp.Or(strings.Compare(NormalizeText(a.Source), NormalizeText(b.Source)), strings.Compare(a.Source, b.Source))
		})
		return groups
	}
	groups := make([]Group, len(days))
	for i, d := range days {
		groups[i] = Group{Day: d, Articles: d.Articles}
	}
	return groups
}

// comparePublished puts the newest publication first and stories the page
// gives no date for last.
func comparePublished(a, b *Article) int {
	aKnown, bKnown := !a.PublishedAt.IsZero(), !b.PublishedAt.IsZero()
	if aKnown != bKnown {
		return cmpBool(!aKnown, !bKnown)
	}
	return b.PublishedAt.Compare(a.PublishedAt)
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
