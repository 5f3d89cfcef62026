// Package export turns stories into documents that leave the reader: one
// story as Markdown (to a pipe, the clipboard or a file), its citation
// line, and a brief of many stories as Markdown, HTML or JSON.
package export

import (
	"strings"
	"time"

	"tidings/loader"
	"tidings/model"
)

// Citation is the line that names a story: its headline, source and date,
// “Harbour pilots vote to strike” — Esker Wire, 3 Mar 2025.
func Citation(a *model.Article) string {
	parts := []string{"“" + loader.CleanLine(a.Headline) + "”"}
	var tail []string
	if a.Source() != "" {
		tail = append(tail, loader.CleanLine(a.Source()))
	}
	if d := Day(a); d != "" {
		tail = append(tail, d)
	}
	if len(tail) > 0 {
		parts = append(parts, strings.Join(tail, ", "))
	}
	return strings.Join(parts, " — ")
}

// Day is the day a story is dated by: its publication day when the page
// gives one as precisely as a day, else the day it was saved.
func Day(a *model.Article) string {
	// Precisions run from the minute to the year: a day or finer names a day.
	if p := model.PrecisionOf(a.PublishedAt.Time(), a.PublishedPrecision); !a.PublishedAt.IsZero() && p != model.PrecisionUnknown && p <= model.PrecisionDay {
		return a.PublishedAt.Format("2 Jan 2006")
	}
	if t, err := time.Parse(time.DateOnly, a.Day()); err == nil {
		return t.Format("2 Jan 2006")
	}
	return ""
}

// Dates says when a story was saved and about when it was published, as
// the reading pane does: "saved Tue 4 Mar 2025 09:00 · published about 4 pm".
func Dates(a *model.Article) string {
	var parts []string
	switch {
	case a.SavedAt.IsZero():
	case a.SavedAtEstimate: // the day is known, the hour only guessed
		parts = append(parts, "saved "+a.SavedAt.Format("Mon 2 Jan 2006"))
	default:
		parts = append(parts, "saved "+a.SavedAt.Format("Mon 2 Jan 2006 15:04"))
	}
	// A page dated after the day it was saved on is believed: the save day
	// (a folder's name, a copied file's time) is what is in doubt.
	if !a.SavedAt.IsZero() && !a.PublishedAt.IsZero() &&
		a.PublishedAt.Format(time.DateOnly) > a.SavedAt.Format(time.DateOnly) {
		parts[len(parts)-1] += " (uncertain: the page is dated later)"
	}
	if !a.PublishedAt.IsZero() {
		parts = append(parts, "published "+AboutTime(a.PublishedAt.Time(), a.PublishedPrecision, a.SavedAt.Time()))
	}
	return strings.Join(parts, " · ")
}

// AboutTime says when a story was published, as an estimate and only as
// precisely as the page did: the clock time to the minute, "about 2 pm" for
// an hour, the day, "June 2025" or "2025".
func AboutTime(t time.Time, p model.Precision, saved time.Time) string {
	sameDay := t.Format(time.DateOnly) == saved.Format(time.DateOnly)
	switch model.PrecisionOf(t, p) {
	case model.PrecisionYear:
		return "about " + t.Format("2006")
	case model.PrecisionMonth:
		return "about " + t.Format("January 2006")
	case model.PrecisionDay:
		return "about " + t.Format("2 Jan 2006")
	case model.PrecisionHour:
		hour := t.Format("3 pm")
		if sameDay {
			return "about " + hour
		}
		return "about " + hour + " on " + t.Format("2 Jan 2006")
	}
	if sameDay {
		return "about " + t.Format("15:04")
	}
	return "about " + t.Format("2 Jan 2006 15:04")
}

// Markdown is a story as a Markdown document: its headline as the title,
// a line with its source and dates, its link when the file gave one, then
// its text. Plain text is escaped so that it reads as written; a
// clipping's Markdown is kept as Markdown.
func Markdown(a *model.Article, body model.Body) string {
	var b strings.Builder
	b.WriteString("# " + escapeMarkdown(loader.CleanLine(a.Headline)) + "\n\n")
	writeMeta(&b, a)
	writeText(&b, a, body)
	return b.String()
}

func writeMeta(b *strings.Builder, a *model.Article) {
	var meta []string
	if a.Source() != "" {
		meta = append(meta, escapeMarkdown(loader.CleanLine(a.Source())))
	}
	if a.Author() != "" {
		meta = append(meta, "by "+escapeMarkdown(loader.CleanLine(a.Author())))
	}
	if d := Dates(a); d != "" {
		meta = append(meta, d)
	}
	if len(meta) > 0 {
		b.WriteString("*" + strings.Join(meta, " · ") + "*\n\n")
	}
	if u := loader.CleanLine(a.URL()); u != "" && !strings.ContainsAny(u, " <>") {
		b.WriteString("<" + u + ">\n\n")
	}
}

func writeText(b *strings.Builder, a *model.Article, body model.Body) {
	text := func(s string) string {
		s = cleanText(s)
		if a.Format == model.TextMarkdown {
			return s
		}
		return escapeMarkdown(s)
	}
	for _, e := range body.Entries {
		b.WriteString("**")
		switch {
		case !e.Time.IsZero() && e.Author != "":
			b.WriteString(e.Time.Format("15:04 · 2 Jan") + " · " + escapeMarkdown(loader.CleanLine(e.Author)))
		case !e.Time.IsZero():
			b.WriteString(e.Time.Format("15:04 · 2 Jan"))
		default:
			b.WriteString("More")
		}
		b.WriteString("**\n\n" + text(e.Text) + "\n\n")
	}
	for _, p := range body.Paragraphs {
		b.WriteString(text(p) + "\n\n")
	}
	if len(body.Entries) == 0 && len(body.Paragraphs) == 0 {
		b.WriteString("*The page holds no text for this story, only its headline.*\n\n")
	}
}

// cleanText keeps a paragraph's lines but nothing that could drive a
// terminal the document is printed on.
func cleanText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = loader.CleanLine(l)
	}
	return strings.Join(lines, "\n")
}

// escapeMarkdown writes plain text so that a Markdown reader shows it as
// written: a backslash before every character that could be markup
// anywhere, and before what starts a list, heading or quote at the start.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("\\`*_[]<>#|~!&", c) >= 0,
			lineStart && strings.IndexByte("-+=>", c) >= 0,
			(c == '.' || c == ')') && i > 0 && digitsBefore(s, i):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
		lineStart = c == '\n'
	}
	return b.String()
}

// digitsBefore is true when s[:i] is a line of digits alone: "1." would
// start an ordered list.
func digitsBefore(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	return j < i && (j == 0 || s[j-1] == '\n')
}
