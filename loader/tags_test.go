package loader

import (
	"slices"
	"testing"
)

// TestFrontMatterTagSpellings: the tags of a clipping in each spelling
// clippers and note apps write them become the story's tags, "#" dropped,
// each once.
func TestFrontMatterTagSpellings(t *testing.T) {
	for _, c := range []struct {
		yaml string
		want []string
	}{
		{"tags:\n  - clippings\n  - budget\n", []string{"clippings", "budget"}},
		{"tags: [clippings, budget]\n", []string{"clippings", "budget"}},
		{"tags: clippings, budget\n", []string{"clippings", "budget"}},
		{"tags: \"#clippings #budget\"\n", []string{"clippings", "budget"}},
		{"tags: \"#clippings, #budget\"\n", []string{"clippings", "budget"}},
		{"tags: [\"#clippings\", \"#budget\"]\n", []string{"clippings", "budget"}},
		{"tags: budget\n", []string{"budget"}},
		{"tag: budget\n", []string{"budget"}},
		{"Tags: [Budget, budget, BUDGET]\n", []string{"Budget"}},
		{"keywords: [ferries, harbour]\n", []string{"ferries", "harbour"}},
		{"categories:\n  - Local news\n", []string{"Local news"}},
		{"tags: [news/local, 2025]\n", []string{"news/local", "2025"}},
		{"tags: [ferries, \"\", \"  \", \"#\"]\n", []string{"ferries"}},
		{"tags: \"harbour authority, tidal power\"\n", []string{"harbour authority", "tidal power"}},
		{"tags: [\"\\e[31mred\"]\n", []string{"red"}},
		{"tags:\n", nil},
		{"", nil},
	} {
		d, err := parseFrontMatterClipping("x.md", 0, "---\ntitle: Ferry timetable changes\n"+c.yaml+"---\nText.\n", fuzzHints)
		if err != nil {
			t.Fatalf("%q: %v", c.yaml, err)
		}
		if got := d.Main.Tags(); !slices.Equal(got, c.want) {
			t.Errorf("%q: tags %q, want %q", c.yaml, got, c.want)
		}
	}
}

// TestTagListBounds: a hostile file gets no more than maxTags tags of
// maxTagRunes each.
func TestTagListBounds(t *testing.T) {
	var many []string
	for i := range 100 {
		many = append(many, string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	long := ""
	for range 100 {
		long += "word "
	}
	got := tagList(append(many, long)...)
	if len(got) != maxTags {
		t.Errorf("%d tags kept, want %d", len(got), maxTags)
	}
	if got := tagList(long); len(got) != 1 || len([]rune(got[0])) > maxTagRunes+1 {
		t.Errorf("a long tag: %q", got)
	}
}

// TestFeedCategoriesAreTags: RSS categories, Atom's category term or
// label, RSS 1.0's dc:subject and JSON Feed's tags become the item's tags.
func TestFeedCategoriesAreTags(t *testing.T) {
	for _, c := range []struct {
		format, feed string
		want         []string
	}{
		{formatRSS, `<rss><channel><title>T</title><item><title>Ferry timetable changes</title><category>Ferries</category><category><![CDATA[Harbour &amp; coast]]></category><category domain="x">Ferries</category></item></channel></rss>`,
			[]string{"Ferries", "Harbour &amp; coast"}},
		{formatRSS, `<rss><channel><title>T</title><item><title>Ferry timetable changes</title><category>Harbour &amp; coast</category></item></channel></rss>`,
			[]string{"Harbour & coast"}},
		{formatAtom, `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>Ferry timetable changes</title><category term="ferries"/><category term="harbour" label="Harbour"/><category scheme="s"></category></entry></feed>`,
			[]string{"ferries", "Harbour"}},
		{formatRDF, `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title></channel><item><title>Ferry timetable changes</title><dc:subject>Ferries</dc:subject></item></rdf:RDF>`,
			[]string{"Ferries"}},
		{formatJSONFeed, `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","title":"Ferry timetable changes","tags":["ferries","#harbour",3]}]}`,
			[]string{"ferries", "harbour"}},
		{formatRSS, `<rss><channel><title>T</title><item><title>Ferry timetable changes</title></item></channel></rss>`, nil},
	} {
		d, err := parseFeedFile("f", 0, c.format, []byte(c.feed), fuzzHints)
		if err != nil {
			t.Fatalf("%s: %v", c.feed, err)
		}
		if got := d.Related[0].Tags(); !slices.Equal(got, c.want) {
			t.Errorf("%s: tags %q, want %q", c.feed, got, c.want)
		}
	}
}

// TestFixtureTags: the invented clipping and feed fixtures carry their tags.
func TestFixtureTags(t *testing.T) {
	if got := parseFixture(t, "2025-03-03/obsidian_web_clipper.md").Main.Tags(); !slices.Equal(got, []string{"clippings"}) {
		t.Errorf("Obsidian clipping: %q", got)
	}
	if got := parseFixture(t, "2025-03-03/esker_wire_wordpress.xml").Related[0].Tags(); !slices.Equal(got, []string{"Portmere"}) {
		t.Errorf("WordPress feed: %q", got)
	}
}
