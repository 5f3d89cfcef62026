package model

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

var saved = time.Date(2025, 7, 28, 12, 0, 0, 0, time.UTC)

// page makes a dump saved at the given time and day, with an optional main
// story and related ones.
func page(path, day string, savedAt time.Time, main *Story, related ...*Story) *Dump {
	layout := LayoutArticle
	if main == nil {
		layout = LayoutListing
	}
	return &Dump{FileRef: FileRef{Key: path, Path: path, Stamp: Stamp{Size: 100}}, Layout: layout, SavedAt: savedAt, Day: day, Main: main, Related: related}
}

func headlines(articles []*Article) []string {
	out := make([]string, len(articles))
	for i, a := range articles {
		out[i] = a.Headline
	}
	return out
}

func dayOf(l *Library, date string) []string {
	for _, d := range l.Days() {
		if d.Date == date {
			return headlines(d.Articles)
		}
	}
	return nil
}

// A story seen first as a related block (one run-on line) and then as a
// page's main story keeps the main story's paragraphs, even when the block
// was longer; a related copy never replaces a main one.
func TestMergeMainCopyWins(t *testing.T) {
	l := NewLibrary()
	block := new(Story{ID: "s1", Headline: "Harbour reopens", Text: &StoryText{Paragraphs: []string{"A long run-on teaser line that is longer than the article's own two paragraphs together."}}}.WithSource("Coastal Times"))
	main := &Story{ID: "s1", Headline: "Harbour reopens", Text: &StoryText{Paragraphs: []string{"Short.", "Body."}}}
	longerBlock := &Story{ID: "s1", Headline: "Harbour reopens", Text: &StoryText{Paragraphs: []string{
		"An even longer teaser line, which is still only a related block and must not replace the page's main text."}}}

	l.Add(page("a", "2025-07-28", saved, nil, block))
	l.Add(page("b", "2025-07-28", saved, main))
	l.Add(page("c", "2025-07-28", saved, nil, longerBlock))

	a := l.ByID("s1")
	if !slices.Equal(a.Paragraphs(), main.Paragraphs()) {
		t.Errorf("paragraphs %q, want the main story's %q", a.Paragraphs(), main.Paragraphs())
	}
	if a.Source() != "Coastal Times" {
		t.Errorf("source %q: the main copy names none, so the block's should stay", a.Source())
	}
	if len(l.Articles) != 1 || len(a.Pages()) != 3 {
		t.Errorf("%d articles, %d pages; want one article on 3 pages", len(l.Articles), len(a.Pages()))
	}
}

// Between copies of the same kind the longer text wins, and a tie keeps the
// copy seen first.
func TestMergeLongerTextWins(t *testing.T) {
	for _, isMain := range []bool{false, true} {
		l := NewLibrary()
		add := func(s *Story) {
			if isMain {
				l.Add(page(s.Paragraphs()[0], "2025-07-28", saved, s))
			} else {
				l.Add(page(s.Paragraphs()[0], "2025-07-28", saved, nil, s))
			}
		}
		add(&Story{ID: "s1", Headline: "H", Text: &StoryText{Paragraphs: []string{"first"}}})
		add(&Story{ID: "s1", Headline: "H", Text: &StoryText{Paragraphs: []string{"tie 1"}}})
		if got := l.ByID("s1").Paragraphs()[0]; got != "first" {
			t.Errorf("main %v: a copy as long replaced the first (%q)", isMain, got)
		}
		add(&Story{ID: "s1", Headline: "H", Text: &StoryText{Paragraphs: []string{"longer", "text"}}})
		add(&Story{ID: "s1", Headline: "H", Text: &StoryText{Paragraphs: []string{"short"}}})
		if got := l.ByID("s1").Paragraphs(); !slices.Equal(got, []string{"longer", "text"}) {
			t.Errorf("main %v: kept %q, want the longest copy", isMain, got)
		}
	}
}

// Replacing the text keeps what the new copy lacks: the source, and the
// publication estimate, which follows its own rule.
func TestMergeReplacementKeepsSourceAndPublication(t *testing.T) {
	l := NewLibrary()
	published := saved.Add(-2 * time.Hour)
	s := new(Story{ID: "s1", Headline: "H", PublishedAt: MomentOf(published), Text: &StoryText{Paragraphs: []string{"x"}}}.WithSource("Wire"))
	s.SetAge("2 hours ago")
	l.Add(page("a", "2025-07-28", saved, nil, s))
	l.Add(page("b", "2025-07-28", saved,
		&Story{ID: "s1", Headline: "H", Text: &StoryText{Paragraphs: []string{"the full text"}}}))
	a := l.ByID("s1")
	if a.Source() != "Wire" || !a.PublishedAt.Time().Equal(published) || a.Paragraphs()[0] != "the full text" {
		t.Errorf("after replacement: source %q, published %v, text %q", a.Source(), a.PublishedAt, a.Paragraphs())
	}
	// A later copy naming another source does not override a known one.
	l.Add(page("c", "2025-07-28", saved, nil, new(Story{ID: "s1", Headline: "H"}.WithSource("Other"))))
	if a.Source() != "Wire" {
		t.Errorf("source %q, want the first one known", a.Source())
	}
	// A source first learnt from a copy that does not replace the text.
	l.Add(page("d", "2025-07-28", saved, &Story{ID: "s2", Headline: "G", Text: &StoryText{Paragraphs: []string{"long main text"}}}))
	l.Add(page("e", "2025-07-28", saved, nil, new(Story{ID: "s2", Headline: "G"}.WithSource("Late Wire"))))
	if b := l.ByID("s2"); b.Source() != "Late Wire" || b.Paragraphs()[0] != "long main text" {
		t.Errorf("s2: source %q, text %q", b.Source(), b.Paragraphs())
	}
}

// The publication estimate kept is the most precise: one made from the
// shortest "ago" age; a bare date counts as a day's precision; a copy
// without an estimate never erases one.
func TestMergePublicationFromShortestAge(t *testing.T) {
	l := NewLibrary()
	add := func(path string, savedAt time.Time, age string, published time.Time) {
		s := &Story{ID: "s1", Headline: "H", PublishedAt: MomentOf(published)}
		s.SetAge(age)
		l.Add(page(path, "2025-07-28", savedAt, nil, s))
	}
	dated := time.Date(2025, 7, 28, 0, 0, 0, 0, time.UTC)
	add("date", saved, "28-07-2025", dated)
	if got := l.ByID("s1").PublishedAt; !got.Time().Equal(dated) {
		t.Fatalf("first estimate %v, want %v", got, dated)
	}
	add("none", saved, "", time.Time{})
	if got := l.ByID("s1").PublishedAt; !got.Time().Equal(dated) {
		t.Errorf("a copy without an estimate changed it to %v", got)
	}
	threeHours := saved.Add(-3 * time.Hour)
	add("3h", saved, "3 hours ago", threeHours)
	if got := l.ByID("s1").PublishedAt; !got.Time().Equal(threeHours) {
		t.Errorf("estimate %v, want the 3-hour one %v (more precise than a date)", got, threeHours)
	}
	add("2d", saved.Add(48*time.Hour), "2 days ago", saved.Add(-time.Hour))
	if got := l.ByID("s1").PublishedAt; !got.Time().Equal(threeHours) {
		t.Errorf("estimate %v: one from a longer age replaced the 3-hour one", got)
	}
	tenMinutes := saved.Add(time.Hour - 10*time.Minute)
	add("10m", saved.Add(time.Hour), "10 minutes ago", tenMinutes)
	if got := l.ByID("s1").PublishedAt; !got.Time().Equal(tenMinutes) {
		t.Errorf("estimate %v, want the 10-minute one %v", got, tenMinutes)
	}
	add("date again", saved, "28-07-2025", dated)
	if got := l.ByID("s1").PublishedAt; !got.Time().Equal(tenMinutes) {
		t.Errorf("estimate %v: a date replaced an age-based estimate", got)
	}
}

// An article is listed under the earliest day it was saved on, once, and
// keeps the earliest save time; a page of unknown day or time changes
// neither.
func TestMergeEarliestDayAndSaveTime(t *testing.T) {
	l := NewLibrary()
	s := func() *Story { return &Story{ID: "s1", Headline: "H"} }
	l.Add(page("late", "2025-07-29", saved.Add(24*time.Hour), nil, s()))
	l.Add(page("early", "2025-07-27", saved.Add(-24*time.Hour), nil, s()))
	unknown := page("unknown", "", time.Time{}, nil, s())
	unknown.SavedAtEstimate = true
	l.Add(unknown)
	l.Add(page("middle", "2025-07-28", saved, nil, s()))

	a := l.ByID("s1")
	if a.Day() != "2025-07-27" || !a.SavedAt.Time().Equal(saved.Add(-24*time.Hour)) || a.SavedAtEstimate {
		t.Errorf("day %q saved %v estimate %v; want the earliest page's", a.Day(), a.SavedAt, a.SavedAtEstimate)
	}
	for _, d := range l.Days() {
		if d.Date != "2025-07-27" && len(d.Articles) > 0 {
			t.Errorf("day %q still lists %v", d.Date, headlines(d.Articles))
		}
	}
	if got := dayOf(l, "2025-07-27"); !slices.Equal(got, []string{"H"}) {
		t.Errorf("2025-07-27 lists %v", got)
	}

	// A first sighting with no save time takes the next page's, estimate
	// flag included.
	l.Add(page("unknown2", "", time.Time{}, nil, &Story{ID: "s2", Headline: "G"}))
	estimated := page("estimated", "2025-07-30", saved, nil, &Story{ID: "s2", Headline: "G"})
	estimated.SavedAtEstimate = true
	l.Add(estimated)
	if b := l.ByID("s2"); b.Day() != "2025-07-30" || !b.SavedAt.Time().Equal(saved) || !b.SavedAtEstimate {
		t.Errorf("s2: day %q saved %v estimate %v", b.Day(), b.SavedAt, b.SavedAtEstimate)
	}
}

// Related stories are linked to the page's main story in both directions,
// once however many pages show them together; a page listing its own main
// story or a block twice adds no link to itself nor a duplicate. (Links
// between the related stories and a listing's are TestLinkKinds'.)
func TestAddLinksBothWaysOnce(t *testing.T) {
	l := NewLibrary()
	story := func(id string) *Story { return &Story{ID: id, Headline: id} }
	l.Add(page("p1", "2025-07-28", saved, story("main"), story("r1"), story("r2"), story("r1"), story("main")))
	l.Add(page("p2", "2025-07-28", saved, story("r1"), story("main"), story("r3")))
	l.Add(page("listing", "2025-07-28", saved, nil, story("r2"), story("r3")))

	want := map[string][]string{
		"main": {"r1", "r2", "r3"},
		"r1":   {"main", "r2", "r3"},
		"r2":   {"main", "r1", "r3"},
		"r3":   {"r1", "main", "r2"},
	}
	for id, related := range want {
		if got := headlines(l.ByID(id).Related()); !slices.Equal(got, related) {
			t.Errorf("%s related %v, want %v", id, got, related)
		}
	}
	if got := headlines(l.Listed(l.Pages[0])); !slices.Equal(got, []string{"r1", "r2"}) {
		t.Errorf("page 1 related %v, want each block once and not its main story", got)
	}
	if got := headlines(l.Listed(l.Pages[2])); !slices.Equal(got, []string{"r2", "r3"}) || l.MainOf(l.Pages[2]) != nil {
		t.Errorf("listing: main %v related %v", l.MainOf(l.Pages[2]), got)
	}
	if n := len(l.ByID("r1").Pages()); n != 2 {
		t.Errorf("r1 on %d pages, want 2: a page listing it twice is one page", n)
	}
	if n := len(l.ByID("main").Pages()); n != 2 {
		t.Errorf("main on %d pages, want 2: a page listing its own story is one page", n)
	}
}

// The library keeps copies of the text, not the strings and slices of the
// parsed dump, whose buffer is freed once the page is merged.
func TestMergeCopiesTheStory(t *testing.T) {
	l := NewLibrary()
	s := &Story{ID: "s1", Headline: "H",
		Text: &StoryText{Paragraphs: []string{"one", "two"}, Entries: []Entry{{Author: "A", Text: "entry"}}}}
	l.Add(page("p", "2025-07-28", saved, s))
	s.Paragraphs()[0] = "changed"
	s.Entries()[0].Text = "changed"
	a := l.ByID("s1")
	if a.Paragraphs()[0] != "one" || a.Entries()[0].Text != "entry" {
		t.Errorf("the article shares the dump's slices: %q, %q", a.Paragraphs(), a.Entries())
	}
	if a.Index != 0 || l.Articles[0] != a || l.Bytes != 100 {
		t.Errorf("index %d, bytes %d", a.Index, l.Bytes)
	}
}

// Past linkSetFrom links an article keeps a set beside Related; the result
// must be the same as with a short list: each link once, in first-seen
// order.
func TestAddLinksManyOnce(t *testing.T) {
	l := NewLibrary()
	n := 3 * linkSetFrom
	blocks := make([]*Story, n)
	var want []string
	for i := range blocks {
		id := fmt.Sprintf("r%03d", i)
		blocks[i] = &Story{ID: id, Headline: id}
		want = append(want, id)
	}
	main := &Story{ID: "main", Headline: "main"}
	l.Add(page("p1", "2025-07-28", saved, main, blocks[:n/2]...))
	l.Add(page("p2", "2025-07-28", saved, main, blocks...))
	l.Add(page("p3", "2025-07-28", saved, main, append(blocks, blocks...)...))
	if got := headlines(l.ByID("main").Related()); !slices.Equal(got, want) {
		t.Errorf("main related %d stories %v..., want %d once each", len(got), got[:min(5, len(got))], n)
	}
	// The other way round: one block shown with many main stories.
	for i := range n {
		id := fmt.Sprintf("m%03d", i)
		l.Add(page(id, "2025-07-28", saved, &Story{ID: id, Headline: id}, blocks[0], blocks[0]))
		l.Add(page(id+"again", "2025-07-28", saved, &Story{ID: id, Headline: id}, blocks[0]))
	}
	// It is also linked to the next blocks of p1 (same-page), as far as
	// the cap reaches.
	onP1 := n/2 - 1
	if n/2 > 2*pageNeighbours+1 {
		onP1 = pageNeighbours
	}
	if got := l.ByID("r000").Related(); len(got) != 1+onP1+n {
		t.Errorf("r000 related to %d stories, want %d", len(got), 1+onP1+n)
	}
}
