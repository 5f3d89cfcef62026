package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"tidings/loader"
	"tidings/model"
)

// The JSON shapes below are read by scripts: field names are a contract.

type jsonInspect struct {
	Dumps  []jsonDump  `json:"dumps"`
	Errors []jsonError `json:"errors"`
}

type jsonError struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

type jsonDump struct {
	Path            string      `json:"path"`
	Format          string      `json:"format"` // "dump", "markdown", "html", "rss", "rdf", "atom", "jsonfeed", "eml", "mbox", "maildir"
	Layout          string      `json:"layout"`
	Day             string      `json:"day"`
	SavedAt         *string     `json:"saved_at"`
	SavedAtEstimate bool        `json:"saved_at_estimate"`
	Tag             string      `json:"tag,omitempty"` // a listing's: "#Budget", "Stories by Jane Doe"
	Main            *jsonStory  `json:"main,omitempty"`
	Related         []jsonStory `json:"related"`
}

type jsonStory struct {
	ID                string  `json:"id"`
	Headline          string  `json:"headline"`
	Source            string  `json:"source"`
	Age               string  `json:"age"`
	PublishedAt       *string `json:"published_at"`
	PublishedEstimate bool    `json:"published_estimate"`
	// minute, hour, day, month or year: how precisely the page dates it
	PublishedPrecision *string       `json:"published_precision"`
	Paragraphs         []string      `json:"paragraphs"`
	Entries            []jsonEntry   `json:"entries"`
	Removed            []jsonRemoved `json:"removed"`
	URL                string        `json:"url,omitempty"`
	Author             string        `json:"author,omitempty"`
	Tags               []string      `json:"tags,omitempty"`        // the file's own: front matter, feed categories
	TextFormat         string        `json:"text_format,omitempty"` // "markdown"; plain text when absent
}

// jsonRemoved is one piece of site furniture cut from a story's text, in
// the order met: class paywall, buttons, link-label, ad-marker, newsletter,
// ad-choices, caption, affiliate, promotion, shop, page (the
// aggregator's own lines), or newsletter-footer (a mail's footer links);
// then class learned, the lines learned as the site's from the files
// inspected (see model.SiteView).
type jsonRemoved struct {
	Class string `json:"class"`
	Text  string `json:"text"`
}

type jsonEntry struct {
	Author string  `json:"author"`
	Time   *string `json:"time"`
	Text   string  `json:"text"`
}

func timeOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

// precisionOrNull names how precisely t is known; null for no time.
func precisionOrNull(t time.Time, p model.Precision) *string {
	if t.IsZero() {
		return nil
	}
	s := model.PrecisionOf(t, p).String()
	return &s
}

func storyJSON(s *model.Story, stated bool) jsonStory {
	js := jsonStory{
		ID:                 s.ID,
		Headline:           s.Headline,
		Source:             s.Source(),
		Age:                s.Age(),
		PublishedAt:        timeOrNull(s.PublishedAt.Time()),
		PublishedEstimate:  !s.PublishedAt.IsZero() && !stated,
		PublishedPrecision: precisionOrNull(s.PublishedAt.Time(), s.PublishedPrecision),
		Paragraphs:         s.Paragraphs(),
		Entries:            make([]jsonEntry, 0, len(s.Entries())),
		URL:                s.URL(),
		Author:             s.Author(),
		Tags:               s.Tags(),
		TextFormat:         s.Format.String(),
	}
	if js.Paragraphs == nil {
		js.Paragraphs = []string{}
	}
	js.Removed = make([]jsonRemoved, 0, len(s.Removed()))
	for _, r := range s.Removed() {
		js.Removed = append(js.Removed, jsonRemoved{Class: r.Class, Text: r.Text})
	}
	for _, e := range s.Entries() {
		js.Entries = append(js.Entries, jsonEntry{Author: e.Author, Time: timeOrNull(e.Time), Text: e.Text})
	}
	return js
}

func dumpJSON(d *model.Dump) jsonDump {
	jd := jsonDump{
		Path:            d.Path,
		Format:          d.Format,
		Layout:          d.Layout.String(),
		Day:             d.Day,
		SavedAt:         timeOrNull(d.SavedAt),
		SavedAtEstimate: d.SavedAtEstimate,
		Tag:             d.Tag,
		Related:         make([]jsonStory, 0, len(d.Related)),
	}
	// Feeds, messages and pages state their times; a dump's are estimates.
	stated := d.Format != "" && d.Format != "dump"
	if d.Main != nil {
		m := storyJSON(d.Main, stated)
		jd.Main = &m
	}
	for _, s := range d.Related {
		jd.Related = append(jd.Related, storyJSON(s, stated))
	}
	return jd
}

// saveDayLocation is the time zone for save days read from modification
// times; tests pin it, users get their own.
var saveDayLocation = time.Local

// runInspect prints what the parser makes of each file.
func runInspect(paths []string, asJSON bool, stdout, stderr io.Writer) int {
	src, _ := dumpsSource(paths)
	results := loader.LoadAll(context.Background(), src, loader.Options{Location: saveDayLocation, Explain: true})
	removeSiteLines(results)
	out := jsonInspect{Dumps: []jsonDump{}, Errors: []jsonError{}}
	for _, r := range results {
		if r.Err != nil {
			out.Errors = append(out.Errors, jsonError{Path: r.Path, Error: r.Err.Error()})
			warnSkipped(stderr, r.Path, r.Err)
			continue
		}
		out.Dumps = append(out.Dumps, dumpJSON(r.Dump))
	}
	if asJSON {
		if err := writeJSON(stdout, out); err != nil {
			fmt.Fprintf(stderr, "tidings: %v\n", err)
			return 1
		}
	} else {
		printInspectSummary(stdout, out)
	}
	if len(out.Dumps) == 0 {
		return 1
	}
	return 0
}

// removeSiteLines cuts from the stories the lines learned as their
// sites', from these files alone, as the reader hides them, and records
// each as removed (class learned).
func removeSiteLines(results []loader.Result) {
	var dumps []*model.Dump
	for _, r := range results {
		if r.Err == nil {
			dumps = append(dumps, r.Dump)
		}
	}
	site := model.LearnSiteLines(dumps)
	if site.Len() == 0 {
		return
	}
	for _, d := range dumps {
		stories := d.Related
		if d.Main != nil {
			stories = append([]*model.Story{d.Main}, stories...)
		}
		for _, s := range stories {
			shown, hidden := site.Split(s.Source(), s.Headline, s.Paragraphs())
			removed := s.Removed()
			for _, h := range hidden {
				removed = append(removed, model.Removal{Class: "learned", Text: h})
			}
			s.SetText(shown, s.Entries(), removed)
		}
	}
}

func printInspectSummary(w io.Writer, out jsonInspect) {
	removed := 0
	for _, d := range out.Dumps {
		saved := "unknown"
		if d.SavedAt != nil {
			saved = *d.SavedAt
			if d.SavedAtEstimate {
				saved = "about " + saved
			}
		}
		// The stories' text is clean from the parser; the name is the
		// file system's.
		fmt.Fprintf(w, "%s\n  format %s, layout %s, saved %s\n", loader.CleanLine(d.Path), d.Format, d.Layout, saved)
		if d.Tag != "" {
			fmt.Fprintf(w, "  tag      %s\n", d.Tag)
		}
		if d.Main != nil {
			removed += len(d.Main.Removed)
			fmt.Fprintf(w, "  main     %s  %s  [%s] (", d.Main.ID, d.Main.Headline, orNone(d.Main.Source))
			if noText(d.Main) {
				fmt.Fprintf(w, "no text: the page holds only site furniture, %s removed)\n", count(len(d.Main.Removed), "piece", "pieces"))
			} else {
				fmt.Fprint(w, count(len(d.Main.Paragraphs), "paragraph", "paragraphs"))
				if n := len(d.Main.Entries); n > 0 {
					fmt.Fprintf(w, ", %s", count(n, "live entry", "live entries"))
				}
				if n := len(d.Main.Removed); n > 0 {
					fmt.Fprintf(w, ", %s of site furniture removed", count(n, "piece", "pieces"))
				}
				fmt.Fprintln(w, ")")
			}
		}
		for _, r := range d.Related {
			removed += len(r.Removed)
			age := ""
			if r.Age != "" {
				age = ", " + r.Age
			}
			label := "related"
			if d.Layout == model.LayoutCollection.String() {
				label = "item   " // a feed's or an mbox's, not linked to the others
			}
			fmt.Fprintf(w, "  %s  %s  %s  [%s%s]", label, r.ID, r.Headline, orNone(r.Source), age)
			switch n := len(r.Removed); {
			case noText(&r):
				fmt.Fprintf(w, " (no text: only site furniture, %s removed)", count(n, "piece", "pieces"))
			case n > 0:
				fmt.Fprintf(w, " (%s of site furniture removed)", count(n, "piece", "pieces"))
			}
			fmt.Fprintln(w)
		}
	}
	// Files of other formats than dumps are counted as files.
	one, many := "dump", "dumps"
	if slices.ContainsFunc(out.Dumps, func(d jsonDump) bool { return d.Format != "dump" }) {
		one, many = "file", "files"
	}
	fmt.Fprintf(w, "%s loaded, %s skipped", count(len(out.Dumps), one, many), count(len(out.Errors), "file", "files"))
	if removed > 0 {
		fmt.Fprintf(w, ", %s of site furniture removed", count(removed, "piece", "pieces"))
	}
	fmt.Fprintln(w)
}

// noText reports a story whose whole text was site furniture: a paywalled
// page.
func noText(s *jsonStory) bool {
	return len(s.Paragraphs) == 0 && len(s.Entries) == 0 && len(s.Removed) > 0
}

// count writes n with its noun in the singular for 1 and the plural
// otherwise: "1 dump", "0 files", "2 files".
func count(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func orNone(s string) string {
	if s == "" {
		return "no source"
	}
	return s
}
