package model

import (
	"fmt"
	"testing"
)

// A collection's items are each an article's own copy (a feed item, a
// newsletter's story), as a page's main story is: the article takes its
// text from one of them, not from a listing's block of it. A change that
// remakes the article must choose as a load does, whichever page the
// change touched and wherever the item stands in the collection.
func TestAChangeTakesTheTextFromACollectionsItemAsALoadDoes(t *testing.T) {
	x := func(text string) *Story {
		return &Story{ID: StoryID("Ferry timetable", "Harbour FM", ""), Headline: "Ferry timetable", Source: "Harbour FM",
			Text: &StoryText{Paragraphs: []string{text}}}
	}
	other := func(n int) *Story {
		h := fmt.Sprintf("Other story %d", n)
		return &Story{ID: StoryID(h, "Harbour FM", ""), Headline: h, Source: "Harbour FM", Text: &StoryText{Paragraphs: []string{h + " text"}}}
	}
	main := func(n int) *Story {
		h := fmt.Sprintf("Main story %d", n)
		return &Story{ID: StoryID(h, "Esker Wire", ""), Headline: h, Source: "Esker Wire"}
	}
	for _, listingFirst := range []bool{true, false} {
		for itemAt := range 3 {
			for _, listingLayout := range []Layout{LayoutArticle, LayoutListing} {
				name := fmt.Sprintf("listing first %v, item %d, %v", listingFirst, itemAt, listingLayout)
				dumps := func() []*Dump {
					var m *Story
					if listingLayout == LayoutArticle {
						m = main(1)
					}
					listing := page("listing", "2025-07-28", saved, m, other(1), x("a related block's longer run-on line"), other(2))
					listing.Layout = listingLayout
					items := []*Story{other(3), other(4)}
					items = append(items[:itemAt], append([]*Story{x("the item")}, items[itemAt:]...)...)
					feed := page("feed", "2025-07-28", saved, nil, items...)
					feed.Layout = LayoutCollection
					listing.Order, feed.Order = "1", "2"
					if !listingFirst {
						listing.Order, feed.Order = "2", "1"
						return []*Dump{feed, listing}
					}
					return []*Dump{listing, feed}
				}
				id := StoryID("Ferry timetable", "Harbour FM", "")
				want := libraryOf(dumps()...).ByID(id).textPage.Key
				for touched := range 2 {
					l := libraryOf(dumps()...)
					again := dumps()[touched]
					l.Apply(Changes{Pages: []*Dump{again}})
					if got := l.ByID(id).textPage.Key; got != want {
						t.Errorf("%s: after a change to %s the text is from %q, a load takes it from %q", name, again.Key, got, want)
					}
				}
			}
		}
	}
}
