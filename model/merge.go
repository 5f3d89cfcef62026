package model

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// What an article is made of its copies: the first copy starts it, each
// later one merges in what it adds (text, times, tags), page after page in
// walk order.

// startArticle makes a the article of its first copy, s.
func (l *Library) startArticle(a *Article, s *Story, isMain bool, page *Page) {
	*a = Article{Story: l.cloneStory(s), Index: a.Index, day: page.day, SavedAt: page.SavedAt, SavedAtEstimate: page.SavedAtEstimate,
		fromMain: isMain, textPage: page.number, more: a.more, agePrec: agePrecision(s, page)}
	// Its links are made again, by the pages that show it.
	a.dropLinks()
}

// mergeCopy takes in one more copy of a, from a page later in walk order.
// The copy kept is the richest: a main story's paragraphs over a related
// block's run-on line, then the longer text. The publication estimate kept
// is the one made from the shortest age, the most precise. It changes
// nothing of the day lists: callers place the article after.
func (l *Library) mergeCopy(a *Article, s *Story, isMain bool, page *Page) {
	tags := l.mergeTags(a.Tags(), s.Tags())
	defer func() { a.SetMeta(a.URL(), a.Author(), tags) }()
	if (isMain && !a.fromMain) || (isMain == a.fromMain && textLen(s) > int(a.TextBytes)) {
		published, precision, old := a.PublishedAt, a.PublishedPrecision, a.Story
		a.Story = l.cloneStory(s)
		a.PublishedAt, a.PublishedPrecision = published, precision
		if a.source == 0 {
			a.source = old.source
		}
		if url, author := cmp.Or(a.URL(), old.URL()), cmp.Or(a.Author(), old.Author()); url != a.URL() || author != a.Author() {
			a.SetMeta(url, author, a.Tags())
		}
		a.fromMain = a.fromMain || isMain
		a.textPage = page.number
	}
	if a.source == 0 && s.source != 0 {
		a.source = s.source
	}
	if a.URL() == "" && s.URL() != "" {
		a.SetMeta(strings.Clone(s.URL()), a.Author(), a.Tags())
	}
	if prec := agePrecision(s, page); !s.PublishedAt.IsZero() && (a.PublishedAt.IsZero() || prec < a.agePrec) {
		a.PublishedAt, a.PublishedPrecision, a.agePrec = s.PublishedAt, s.PublishedPrecision, prec
		l.markDayDirty(a.Day())
	}
	if page.day != 0 && (a.day == 0 || page.Day() < a.Day()) {
		l.removeFromDay(a)
		a.day = page.day
		l.addToDay(a)
	}
	if a.SavedAt.IsZero() || (!page.SavedAt.IsZero() && page.SavedAt.Before(a.SavedAt)) {
		a.SavedAt, a.SavedAtEstimate = page.SavedAt, page.SavedAtEstimate
	}
}

// mergeTags is an article's tags with a copy's added: each once, whatever
// its case, in the order first seen. The article's slice is never
// appended to in place: it may be a copy's.
func (l *Library) mergeTags(have, more []string) []string {
	var out []string
	for _, t := range more {
		if slices.ContainsFunc(have, func(h string) bool { return strings.EqualFold(h, t) }) ||
			slices.ContainsFunc(out, func(h string) bool { return strings.EqualFold(h, t) }) {
			continue
		}
		out = append(out, l.intern(t))
	}
	if len(out) == 0 {
		return have
	}
	return append(slices.Clip(have), out...)
}

// agePrecision is how far back from the save the copy's publication time
// was estimated; an absolute date is day-precise.
func agePrecision(s *Story, page *Page) time.Duration {
	if s.PublishedAt.IsZero() {
		return 1<<63 - 1
	}
	if page.Layout == LayoutClipping || page.Layout == LayoutCollection {
		// A feed, a message or a page's metadata states the time; to the
		// second when it names a clock time.
		if h, m, sec := s.PublishedAt.Time().Clock(); h|m|sec != 0 {
			return 0
		}
		return 24 * time.Hour
	}
	if page.SavedAt.IsZero() || !strings.HasSuffix(s.Age(), "ago") {
		return 24 * time.Hour
	}
	return page.SavedAt.Time().Sub(s.PublishedAt.Time())
}

// lenOf is a text's length as an article keeps it: a file is at most
// MaxFileSize (64 MiB), so that nothing is lost.
func lenOf(n int) int32 { return int32(min(n, 1<<31-1)) }

// textLen is the length of a copy's paragraphs, which decides which copy
// of an article is kept.
func textLen(s *Story) int {
	if s.TextOnDisk {
		return int(s.TextBytes)
	}
	n := 0
	for _, p := range s.Paragraphs() {
		n += len(p)
	}
	return n
}

// cloneStory copies a story's text out of the file buffer it was parsed
// from, so that the buffer can be freed once its page is merged.
func (l *Library) cloneStory(s *Story) Story {
	c := *s
	c.ID = strings.Clone(s.ID)
	c.Headline = strings.Clone(s.Headline)
	c.SetMeta(strings.Clone(s.URL()), l.intern(s.Author()), l.mergeTags(nil, s.Tags()))
	c.TextBytes = lenOf(textLen(s))
	c.Text = nil // Removed is inspect's, not the library's
	if s.TextOnDisk || l.leaveText {
		c.TextOnDisk = true
		return c
	}
	paragraphs := make([]string, len(s.Paragraphs()))
	for i, p := range s.Paragraphs() {
		paragraphs[i] = strings.Clone(p)
	}
	var entries []Entry
	if len(s.Entries()) > 0 {
		entries = make([]Entry, len(s.Entries()))
		for i, e := range s.Entries() {
			entries[i] = Entry{Author: strings.Clone(e.Author), Time: e.Time, Text: strings.Clone(e.Text)}
		}
	}
	c.SetText(paragraphs, entries, nil)
	return c
}
