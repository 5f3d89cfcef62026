package model

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestGroupedOrders(t *testing.T) {
	l := NewLibrary()
	at := func(h int) time.Time { return saved.Add(time.Duration(h) * time.Hour) }
	l.Add(page("a", "2025-07-28", saved, nil,
		new(Story{ID: "a1", Headline: "Old day, newest", PublishedAt: MomentOf(at(5))}.WithSource("wire")),
		new(Story{ID: "a2", Headline: "Undated"}.WithSource("Harbour FM")),
	))
	l.Add(page("b", "2025-07-29", saved.Add(24*time.Hour), nil,
		new(Story{ID: "b1", Headline: "New day, older", PublishedAt: MomentOf(at(1))}.WithSource("Wire")),
		&Story{ID: "b2", Headline: "No source", PublishedAt: MomentOf(at(3))},
	))
	names := func(groups []Group) (heads []string, stories [][]string) {
		for _, g := range groups {
			switch {
			case g.Day != nil:
				heads = append(heads, g.Day.Date)
			default:
				heads = append(heads, g.Source)
			}
			stories = append(stories, headlines(g.Articles))
		}
		return heads, stories
	}
	heads, _ := names(l.Grouped(BySaved))
	if !slices.Equal(heads, []string{"2025-07-29", "2025-07-28"}) {
		t.Errorf("by day saved: %v", heads)
	}
	heads, stories := names(l.Grouped(ByPublished))
	if len(heads) != 1 || !slices.Equal(stories[0], []string{"Old day, newest", "No source", "New day, older", "Undated"}) {
		t.Errorf("by publication: %v %v", heads, stories)
	}
	heads, stories = names(l.Grouped(BySource))
	if !slices.Equal(heads, []string{"Harbour FM", "Wire", "wire", ""}) || !slices.Equal(stories[3], []string{"No source"}) {
		t.Errorf("by source: %q %v", heads, stories)
	}
	for _, name := range []string{"saved", "Published", "source"} {
		if o, ok := ParseOrder(name); !ok || !slicesEqualFold(o.String(), name) {
			t.Errorf("ParseOrder(%q) = %v, %v", name, o, ok)
		}
	}
	if _, ok := ParseOrder("date"); ok {
		t.Error("ParseOrder took date")
	}
}

func slicesEqualFold(a, b string) bool {
	return len(a) == len(b) && NormalizeText(a) == NormalizeText(b)
}

// BenchmarkGrouped orders 100,000 stories over 100 days and 200 sources:
// S pays it once per order, then the list filters the groups as it does
// the days.
func BenchmarkGrouped(b *testing.B) {
	l := NewLibrary()
	for d := range 100 {
		day := saved.AddDate(0, 0, -d)
		stories := make([]*Story, 1000)
		for i := range stories {
			id := fmt.Sprintf("%016x", d*1000+i)
			stories[i] = new(Story{ID: id, Headline: id, PublishedAt: MomentOf(day.Add(-time.Duration(i) * time.Minute))}.WithSource(fmt.Sprintf("Source %d", (d*1000+i)%200)))
		}
		l.Add(page(fmt.Sprint(d), day.Format(time.DateOnly), day, nil, stories...))
	}
	for _, o := range Orders {
		b.Run(o.String(), func(b *testing.B) {
			for b.Loop() {
				l.Grouped(o)
			}
		})
	}
}
