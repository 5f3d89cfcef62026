package model

import (
	"slices"
	"testing"
)

// A story's copies share its Text and Meta: setting either on one copy
// leaves the other's as it was.
func TestSetTextAndMetaLeaveCopiesTheirs(t *testing.T) {
	s := Story{ID: "s1"}
	s.SetText([]string{"one"}, []Entry{{Text: "entry"}}, []Removal{{Class: "paywall", Text: "Subscribe"}})
	s.SetMeta("https://example.org/a", "A. Writer", []string{"harbour"})
	c := s
	c.SetText([]string{"two"}, nil, nil)
	c.SetMeta("", "", []string{"ferries"})
	if !slices.Equal(s.Paragraphs(), []string{"one"}) || len(s.Entries()) != 1 || len(s.Removed()) != 1 {
		t.Errorf("the original's text changed: %q %v %v", s.Paragraphs(), s.Entries(), s.Removed())
	}
	if s.URL() != "https://example.org/a" || s.Author() != "A. Writer" || !slices.Equal(s.Tags(), []string{"harbour"}) {
		t.Errorf("the original's meta changed: %q %q %q", s.URL(), s.Author(), s.Tags())
	}
	if !slices.Equal(c.Paragraphs(), []string{"two"}) || c.Entries() != nil || c.Removed() != nil || c.URL() != "" || !slices.Equal(c.Tags(), []string{"ferries"}) {
		t.Errorf("the copy: %q %v %v %q %q", c.Paragraphs(), c.Entries(), c.Removed(), c.URL(), c.Tags())
	}
	// Nothing at all is no Text or Meta: a word, not a struct apiece.
	c.SetText(nil, nil, nil)
	c.SetMeta("", "", nil)
	if c.Text != nil || c.Meta != nil {
		t.Errorf("empty text or meta kept: %v %v", c.Text, c.Meta)
	}
	// An empty list is not no list (JSON output tells them apart).
	c.SetText([]string{}, nil, nil)
	if c.Paragraphs() == nil {
		t.Error("an empty paragraph list read back as none")
	}
}

// The layouts' and formats' names are what the cache and `--json` output
// write; a name tidings does not know reads as none.
func TestLayoutAndFormatNames(t *testing.T) {
	names := map[Layout]string{LayoutUnknown: "", LayoutArticle: "article", LayoutArticleLogo: "article-logo",
		LayoutListing: "listing", LayoutClipping: "clipping", LayoutCollection: "collection"}
	for l, name := range names {
		if l.String() != name || LayoutNamed(name) != l {
			t.Errorf("layout %d: named %q, %q read as %d", l, l.String(), name, LayoutNamed(name))
		}
	}
	if LayoutNamed("poster") != LayoutUnknown || Layout(200).String() != "" {
		t.Error("an unknown layout name or number is not unknown")
	}
	for f, name := range map[TextFormat]string{TextPlain: "", TextMarkdown: "markdown"} {
		if f.String() != name || TextFormatNamed(name) != f {
			t.Errorf("format %d: named %q, %q read as %d", f, f.String(), name, TextFormatNamed(name))
		}
	}
	if TextFormatNamed("html") != TextPlain {
		t.Error("an unknown format name is not plain text")
	}
}

// A library read back from the cache keeps no text in memory, and a dump's
// article nothing beyond a dump's fields: each costs one word, not the
// slices and strings a parsed story holds. A clipping's URL, author and
// tags, and the layouts and formats, come back as they were.
func TestRestoredArticlesHoldNoTextAndDumpsNoMeta(t *testing.T) {
	l := NewLibrary()
	harbour, ferry, clipped := StoryID("Harbour reopens", "", ""), StoryID("Ferry timetable", "", ""), StoryID("Clipped", "", "")
	l.Add(&Dump{FileRef: FileRef{Key: "/d/a.txt", Path: "/d/a.txt", Order: "001", Stamp: Stamp{Size: 100}}, Layout: LayoutArticle, SavedAt: saved, Day: "2025-07-28",
		Main:    &Story{ID: harbour, Headline: "Harbour reopens", Text: &StoryText{Paragraphs: []string{"Text."}}},
		Related: []*Story{{ID: ferry, Headline: "Ferry timetable", Text: &StoryText{Paragraphs: []string{"Run-on line."}}}}})
	l.Add(&Dump{FileRef: FileRef{Key: "/d/b.md", Path: "/d/b.md", Order: "002", Stamp: Stamp{Size: 100}}, Layout: LayoutClipping, SavedAt: saved, Day: "2025-07-28",
		Main: &Story{ID: clipped, Headline: "Clipped", Format: TextMarkdown, Text: &StoryText{Paragraphs: []string{"*Text*."}},
			Meta: &StoryMeta{URL: "https://example.org/c", Author: "A. Writer", Tags: []string{"coast"}}}})
	warm := roundTrip(t, l)
	for _, a := range warm.Articles {
		if a.Text != nil || !a.TextOnDisk {
			t.Errorf("%s: text in memory after a restore", a.Headline)
		}
		cold := l.article(a.ID)
		if a.URL() != cold.URL() || a.Author() != cold.Author() || !slices.Equal(a.Tags(), cold.Tags()) || a.Format != cold.Format || a.TextBytes != cold.TextBytes {
			t.Errorf("%s: restored %q %q %q %v %d, parsed %q %q %q %v %d", a.Headline, a.URL(), a.Author(), a.Tags(), a.Format, a.TextBytes,
				cold.URL(), cold.Author(), cold.Tags(), cold.Format, cold.TextBytes)
		}
		if (a.ID == clipped) != (a.Meta != nil) {
			t.Errorf("%s: meta %v", a.Headline, a.Meta)
		}
	}
	for i, p := range warm.Pages {
		if p.Layout != l.Pages[i].Layout {
			t.Errorf("%s: layout %v, want %v", p.Path, p.Layout, l.Pages[i].Layout)
		}
	}
}
