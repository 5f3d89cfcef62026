package cache

import (
	"slices"
	"testing"

	"tidings/model"
)

// TestWarmStartKeepsWhatOtherFormatsSay: a story's text format, URL,
// author and tags come back from the cache as a cold load gave them, and its text
// is read again from its file, whatever the format.
func TestWarmStartKeepsWhatOtherFormatsSay(t *testing.T) {
	paths := []string{"../testdata/formats", "../testdata/dumps/2025-03-03"}
	cache := Cache{Dir: t.TempDir()}
	cold := loadCold(t, paths...)
	if err := cache.Write(paths, nil, cold.lib, cold.ix, cold.sim); err != nil {
		t.Fatal(err)
	}
	warm, changes := loadWarm(t, cache, paths...)
	if changed(changes) != 0 {
		t.Fatalf("%d files parsed again on a warm start", changed(changes))
	}
	markdown, urls, tagged := 0, 0, 0
	for _, c := range cold.lib.Articles {
		w := warm.Library.ByID(c.ID)
		if w == nil {
			t.Fatalf("%q is not in the cache", c.Headline)
		}
		if !slices.Equal(w.Tags(), c.Tags()) {
			t.Errorf("%q: warm tags %q, cold %q", c.Headline, w.Tags(), c.Tags())
		}
		if len(c.Tags()) > 0 {
			tagged++
		}
		if w.Format != c.Format || w.URL() != c.URL() || w.Author() != c.Author() {
			t.Errorf("%q: warm %q <%s> by %q, cold %q <%s> by %q", c.Headline, w.Format, w.URL(), w.Author(), c.Format, c.URL(), c.Author())
		}
		src := warm.Library.BodyOf(w)
		body, err := src.Read()
		if err != nil || !slices.Equal(body.Paragraphs, c.Paragraphs()) || src.Format() != c.Format {
			t.Errorf("%q: text read again %v %q", c.Headline, err, src.Format())
		}
		if c.Format == model.TextMarkdown {
			markdown++
		}
		if c.URL() != "" {
			urls++
		}
	}
	if markdown == 0 || urls == 0 || tagged == 0 {
		t.Errorf("%d Markdown stories, %d with a URL, %d with tags: the fixtures are missing", markdown, urls, tagged)
	}
}
