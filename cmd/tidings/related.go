package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"tidings/cache"
	"tidings/loader"
	"tidings/model"
	"tidings/state"
)

// The JSON shape of `tidings related --json` is read by scripts: field
// names are a contract.

type jsonRelated struct {
	Story   jsonRelatedStory `json:"story"`
	Linked  []jsonLinked     `json:"linked"`
	Similar []jsonSimilar    `json:"similar"`
}

type jsonRelatedStory struct {
	ID          string  `json:"id"`
	Headline    string  `json:"headline"`
	Source      string  `json:"source"`
	Day         string  `json:"day"`
	PublishedAt *string `json:"published_at"`
	// minute, hour, day, month or year; null with no publication time
	Precision *string `json:"published_precision"`
}

type jsonLinked struct {
	jsonRelatedStory
	How string `json:"how"` // "main", "same-page" or "listing"
	Tag string `json:"tag"` // a listing's hashtag ("#Budget"), else ""
}

type jsonSimilar struct {
	jsonRelatedStory
	Score     float64  `json:"score"`
	Terms     []string `json:"terms"`
	SameEvent bool     `json:"same_event"`
}

// relatedSimilar is how many similar stories related lists.
const relatedSimilar = 5

func relatedStory(a *model.Article) jsonRelatedStory {
	return jsonRelatedStory{ID: a.ID, Headline: a.Headline, Source: a.Source(), Day: a.Day(),
		PublishedAt: timeOrNull(a.PublishedAt.Time()), Precision: precisionOrNull(a.PublishedAt.Time(), a.PublishedPrecision)}
}

// runRelated prints a story and the stories it is tied to: those shown
// with it on a page, and those most alike by their text.
func runRelated(word string, paths []string, asJSON, noCache bool, stdout, stderr io.Writer) int {
	id, ok := state.ParseID(word)
	if !ok {
		fmt.Fprintf(stderr, "tidings related: %q is not a story id: ids are 16 hexadecimal digits, as tidings list prints them\n", word)
		return 2
	}
	src, label := dumpsSource(paths)
	ld := loadLibrary(src, parseCache(noCache), cache.All, stderr)
	lib := ld.lib
	if len(lib.Pages) == 0 {
		return noDumps(stderr, "related", src, label)
	}
	a := lib.ByID(id)
	if a == nil {
		fmt.Fprintf(stderr, "tidings related: no story %s in %s\n", id, sourceName(src, label))
		return 1
	}
	out := jsonRelated{Story: relatedStory(a), Linked: []jsonLinked{}, Similar: []jsonSimilar{}}
	for _, l := range a.Links() {
		if l.To.Gone() {
			continue
		}
		out.Linked = append(out.Linked, jsonLinked{jsonRelatedStory: relatedStory(l.To), How: l.How.String(), Tag: ld.lib.TagOf(l)})
	}
	body, err := lib.BodyOf(a).Read()
	if err != nil {
		fmt.Fprintf(stderr, "tidings related: %s\n", loader.CleanLine(err.Error()))
	}
	for _, s := range ld.similarity().ForText(a, body, relatedSimilar) {
		out.Similar = append(out.Similar, jsonSimilar{jsonRelatedStory: relatedStory(s.To),
			Score: math.Round(s.Score*1000) / 1000, Terms: s.Terms, SameEvent: s.SameEvent})
	}
	if asJSON {
		if err := writeJSON(stdout, out); err != nil {
			fmt.Fprintf(stderr, "tidings: %v\n", err)
			return 1
		}
		ld.saveCache()
		return 0
	}
	writeRelated(stdout, &out)
	ld.saveCache()
	return 0
}

// writeRelated prints the story, then a line per linked and similar story:
// its id, day, how it is tied (or the score), source and headline.
func writeRelated(w io.Writer, r *jsonRelated) {
	line := func(s jsonRelatedStory) string {
		// A story without a source leaves the column blank, as the reader
		// leaves it out.
		source := loader.CleanLine(s.Source)
		return fmt.Sprintf("%s  %-10s  %-20s  %s", s.ID, s.Day, source, loader.CleanLine(s.Headline))
	}
	fmt.Fprintln(w, line(r.Story))
	fmt.Fprintf(w, "\nshown with it (%d):\n", len(r.Linked))
	for _, l := range r.Linked {
		how := l.How
		if l.Tag != "" {
			how += " " + loader.CleanLine(l.Tag)
		}
		fmt.Fprintf(w, "  %-16s  %s\n", how, line(l.jsonRelatedStory))
	}
	fmt.Fprintf(w, "\nsimilar (%d):\n", len(r.Similar))
	for _, s := range r.Similar {
		terms := make([]string, len(s.Terms))
		for i, t := range s.Terms {
			terms[i] = loader.CleanLine(t)
		}
		extra := ""
		if len(terms) > 0 {
			extra = "  (" + strings.Join(terms, ", ") + ")"
		}
		if s.SameEvent {
			extra += "  same event"
		}
		fmt.Fprintf(w, "  %-16.3f  %s%s\n", s.Score, line(s.jsonRelatedStory), extra)
	}
}
