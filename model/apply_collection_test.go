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
		return new(Story{ID: StoryID("Ferry timetable", "Harbour FM", ""), Headline: "Ferry timetable", Text: &StoryText{Paragraphs: []string{text}}}.WithSource("Harbour FM"))
	}
	other := func(n int) *Story {
		h := fmt.Sprintf("Other story %d", n)
		return new(Story{ID: StoryID(h, "Harbour FM", ""), Headline: h, Text: &StoryText{Paragraphs: []string{h + " text"}}}.WithSource("Harbour FM"))
	}
	main := func(n int) *Story {
		h := fmt.Sprintf("Main story %d", n)
		return new(Story{ID: StoryID(h, "Esker Wire", ""), Headline: h}.WithSource("Esker Wire"))
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
				want := libraryOf(dumps()...).ByID(id).textPageOf().Key
				for touched := range 2 {
					l := libraryOf(dumps()...)
					again := dumps()[touched]
					l.Apply(Changes{Pages: []*Dump{again}})
					if got := l.ByID(id).textPageOf().Key; got != want {
						t.Errorf("%s: after a change to %s the text is from %q, a load takes it from %q", name, again.Key, got, want)
					}
				}
			}
		}
	}
}

// A file rewritten again and again (a feed the watcher sees all day)
// leaves one page in the library, not one for each version with its
// copies and its list.
func TestPagesTakenOutLetGoOfTheirCopies(t *testing.T) {
	defer func(n int) { compactListsFrom = n }(compactListsFrom)
	compactListsFrom = 120
	feed := func(version int) *Dump {
		var items []*Story
		for i := range 50 {
			h := fmt.Sprintf("Item %d of version %d", i, version%3)
			items = append(items, new(Story{ID: StoryID(h, "Harbour FM", ""), Headline: h}.WithSource("Harbour FM")))
		}
		d := page("feed.xml", "2025-07-28", saved, nil, items...)
		d.Layout = LayoutCollection
		return d
	}
	listing := page("listing", "2025-07-28", saved, nil, feed(0).Related[3])
	for _, restored := range []bool{false, true} {
		l := libraryOf(feed(0), listing)
		if restored {
			l = roundTrip(t, l)
		}
		for v := 1; v <= 200; v++ {
			l.Apply(Changes{Pages: []*Dump{feed(v)}})
		}
		held := 0
		for _, p := range l.book.added {
			if p != nil {
				held++
			}
		}
		for i := range l.book.restored {
			p := &l.book.restored[i]
			if p.copies() != nil && l.page(p.Key) != p {
				t.Errorf("restored %v: a restored page taken out still holds %d copies", restored, len(p.copies()))
			}
		}
		live := 0
		for _, p := range l.Pages {
			if int(p.number) > len(l.book.restored) {
				live++
			}
		}
		if held != live {
			t.Errorf("restored %v: %d pages held among those added, %d in the library", restored, held, live)
		}
		fresh := libraryOf(feed(200), listing)
		if got, want := len(l.ByID(feed(200).Related[0].ID).Pages()), len(fresh.ByID(feed(200).Related[0].ID).Pages()); got != want {
			t.Errorf("restored %v: an item on %d pages, a load puts it on %d", restored, got, want)
		}
		listed := 0
		for _, p := range l.Pages {
			got, want := l.Listed(p), fresh.Listed(fresh.page(p.Key))
			listed += len(got)
			if len(got) != len(want) {
				t.Fatalf("restored %v: %s lists %d stories, a load lists %d", restored, p.Key, len(got), len(want))
			}
			for i := range got {
				if got[i].ID != want[i].ID {
					t.Errorf("restored %v: %s lists %s at %d, a load %s", restored, p.Key, got[i].ID, i, want[i].ID)
				}
			}
		}
		// The lists of the versions taken out are let go of once they
		// hold more than the pages there are (and compactListsFrom).
		if n := l.book.lists.len(); n > 2*listed+compactListsFrom+50 {
			t.Errorf("restored %v: the pages' lists hold %d numbers for the %d the pages list", restored, n, listed)
		}
	}
}
