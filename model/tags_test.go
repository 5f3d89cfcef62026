package model

import (
	"slices"
	"testing"
)

// TestArticleTagsFromEveryCopy: an article has the tags of all its copies,
// each once whatever its case, in the order first seen, whichever copy's
// text it shows; when a page leaves, its copy's tags leave with it.
func TestArticleTagsFromEveryCopy(t *testing.T) {
	l := NewLibrary()
	short := &Story{ID: "s1", Headline: "Harbour reopens", Text: &StoryText{Paragraphs: []string{"Short."}}, Meta: &StoryMeta{Tags: []string{"harbour", "Ferries"}}}
	long := &Story{ID: "s1", Headline: "Harbour reopens", Text: &StoryText{Paragraphs: []string{"A longer text, which is the one shown."}}, Meta: &StoryMeta{Tags: []string{"ferries", "coast"}}}
	none := &Story{ID: "s1", Headline: "Harbour reopens", Text: &StoryText{Paragraphs: []string{"Tiny."}}}
	a1, a2, a3 := page("a", "2025-07-28", saved, short), page("b", "2025-07-28", saved, long), page("c", "2025-07-28", saved, none)
	a1.Layout, a2.Layout, a3.Layout = LayoutClipping, LayoutClipping, LayoutClipping
	l.Add(a1)
	l.Add(a2)
	l.Add(a3)
	a := l.ByID("s1")
	if want := []string{"harbour", "Ferries", "coast"}; !slices.Equal(a.Tags(), want) {
		t.Errorf("tags %q, want %q", a.Tags(), want)
	}
	if !slices.Equal(a.Paragraphs(), long.Paragraphs()) {
		t.Errorf("text %q: the longer copy's should show", a.Paragraphs())
	}
	if !slices.Equal(short.Tags(), []string{"harbour", "Ferries"}) {
		t.Errorf("the copy's own tags changed: %q", short.Tags())
	}
	l.Apply(Changes{Removed: []string{"a"}})
	if want := []string{"ferries", "coast"}; !slices.Equal(l.ByID("s1").Tags(), want) {
		t.Errorf("after its page left: tags %q, want %q", l.ByID("s1").Tags(), want)
	}
}
