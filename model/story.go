// Package model holds what the loader makes of dumps: stories, the dumps they
// came from, and the Library that deduplicates stories across dumps and links
// them to their related stories in both directions.
package model

import "time"

// Layout is the page layout a dump was saved in: a byte, which a page
// keeps beside its other small fields. Its names (String) are part of the
// `inspect --json` output that scripts read, and what the cache writes.
type Layout uint8

const (
	LayoutUnknown     Layout = iota // none said (""), as a Dump made by hand
	LayoutArticle                   // "article": headline, body, chrome, related blocks
	LayoutArticleLogo               // "article-logo": the second layout, starting with a "logo" line
	LayoutListing                   // "listing": a hashtag listing page, stories, no main story
	// LayoutClipping ("clipping") is a file of another format that holds
	// one story: a Markdown clipping, a saved web page, a mail message.
	LayoutClipping
	// LayoutCollection ("collection") is a file that holds many stories,
	// none the page's own: a feed file's items, an mbox's messages. They
	// were gathered by a subscription, not shown together by an editor,
	// so they are not linked to one another.
	LayoutCollection
)

var layoutNames = [...]string{"", "article", "article-logo", "listing", "clipping", "collection"}

// String is the layout's name: "article", "article-logo", "listing",
// "clipping", "collection", or "" when none is known.
func (l Layout) String() string {
	if int(l) < len(layoutNames) {
		return layoutNames[l]
	}
	return ""
}

// LayoutNamed is the layout of a name String gives; LayoutUnknown for a
// name tidings does not know (as a cache file might hold).
func LayoutNamed(name string) Layout {
	for i, n := range layoutNames {
		if n == name {
			return Layout(i)
		}
	}
	return LayoutUnknown
}

// TextFormat says how a story's paragraphs are written: a byte, not its
// name, which a story keeps beside its other small fields.
type TextFormat uint8

const (
	TextPlain    TextFormat = iota // plain text, shown as written
	TextMarkdown                   // Markdown from a clipping, rendered as Markdown
)

// String is the format's name, as the cache and `--json` output write it:
// "markdown", or "" for plain text.
func (f TextFormat) String() string {
	if f == TextMarkdown {
		return "markdown"
	}
	return ""
}

// TextFormatNamed is the format of a name String gives; plain text for
// a name tidings does not know (as a cache file might hold).
func TextFormatNamed(name string) TextFormat {
	if name == "markdown" {
		return TextMarkdown
	}
	return TextPlain
}

// Entry is one timestamped entry of a live blog, split out of a body in which
// the entries were glued together.
type Entry struct {
	Author string
	Time   time.Time
	Text   string
}

// Story is one article as it appears in one dump. The Library merges the
// copies of an article found in several dumps into a single Story.
type Story struct {
	ID       string
	Headline string
	// PublishedAt is an estimate (save time minus age, a bare date, or a
	// dateline day); zero when nothing hints at it. It is written only as
	// precisely as PublishedPrecision: the rest is zero (a day is midnight
	// UTC, a month its first day, an hour its start or nearest).
	PublishedAt Moment
	// PublishedPrecision is how precisely the page gave PublishedAt: an
	// age is as precise as its unit ("6 days ago" gives the day, however
	// exactly the save time is known), a date or dateline the day, a
	// live-blog entry or a listed time the minute.
	PublishedPrecision Precision
	// TextOnDisk marks a story whose text was left in its dump: one read
	// back from the parse cache, or whose page was removed. TextBytes is
	// then the length its paragraphs had; Library.BodyOf reads them again.
	// (They lie beside PublishedPrecision and Format, in one word of the
	// struct.)
	TextOnDisk bool
	// Format is how the paragraphs are written.
	Format    TextFormat
	TextBytes int32
	// age is the relative age or date exactly as the page wrote it (see
	// Age): a number, 4 bytes, not a string's 16.
	age ageNo
	// source is who published the story ("Reuters"; see Source): a
	// number, 4 bytes beside the age, not a string's 16.
	source sourceNo
	// Meta is what the file says of the article beyond what a dump says:
	// nil for a story of a dump (dumps never say more), one word, not
	// three strings' and a slice's worth, for each of 100,000s of
	// articles. Read it with URL, Author and Tags.
	Meta *StoryMeta
	// Text is the story's text as parsed; nil when it has none in memory,
	// as for every article of a library read from the cache (the text
	// stays in the files): one word there, not three slices, for each of
	// 100,000s of articles. Read it with Paragraphs, Entries and Removed.
	Text *StoryText
}

// Age is the relative age or date exactly as the page wrote it ("3 hours
// ago", "28-07-2025"), empty when the page gave none.
func (s *Story) Age() string { return s.age.String() }

// SetAge sets the age as the page wrote it.
func (s *Story) SetAge(age string) { s.age = ageNoOf(age) }

// Source is who published the story as its page names them ("Reuters"),
// empty when the page names none.
func (s *Story) Source() string { return s.source.String() }

// SetSource sets the story's source.
func (s *Story) SetSource(source string) { s.source = sourceNoOf(source) }

// WithSource is the story with its source set, for one written as a
// literal: model.Story{Headline: h}.WithSource("Harbour FM").
func (s Story) WithSource(source string) Story {
	s.SetSource(source)
	return s
}

// StoryText is a story's text as parsed. A Story's copies share it: it is
// replaced, never changed in place (SetText).
type StoryText struct {
	Paragraphs []string
	Entries    []Entry
	// Removed is the site furniture cut from the story's text, recorded
	// only when the loader is asked to explain itself (`inspect`).
	Removed []Removal
}

// StoryMeta is what a file says of an article that a dump does not. A
// Story's copies share it: it is replaced, never changed in place
// (SetMeta), though its strings may be cleaned where they lie.
type StoryMeta struct {
	// URL and Author are what the file says of the article, when it does.
	URL    string
	Author string
	// Tags are the file's own tags for the article, without a "#", as
	// written: a clipping's front-matter tags, a feed item's categories.
	// An article has every tag of every copy, each once (whatever its
	// case), in the order first seen. Dumps have none: a listing's
	// hashtag is its page's (Dump.Tag).
	Tags []string
}

// URL is the article's address as its file gives it; "" when it gives none.
func (s *Story) URL() string {
	if s.Meta == nil {
		return ""
	}
	return s.Meta.URL
}

// Author is the article's author as its file gives it.
func (s *Story) Author() string {
	if s.Meta == nil {
		return ""
	}
	return s.Meta.Author
}

// Tags are the file's own tags for the article (see StoryMeta).
func (s *Story) Tags() []string {
	if s.Meta == nil {
		return nil
	}
	return s.Meta.Tags
}

// SetMeta gives the story this URL, author and tags, in a StoryMeta of its
// own (copies of the story keep theirs); none at all leave it with none.
func (s *Story) SetMeta(url, author string, tags []string) {
	if url == "" && author == "" && tags == nil {
		s.Meta = nil
		return
	}
	s.Meta = &StoryMeta{URL: url, Author: author, Tags: tags}
}

// Paragraphs are the story's paragraphs in memory; nil when none are.
func (s *Story) Paragraphs() []string {
	if s.Text == nil {
		return nil
	}
	return s.Text.Paragraphs
}

// Entries are the story's live-blog entries in memory.
func (s *Story) Entries() []Entry {
	if s.Text == nil {
		return nil
	}
	return s.Text.Entries
}

// Removed is the site furniture cut from the story's text (see StoryText).
func (s *Story) Removed() []Removal {
	if s.Text == nil {
		return nil
	}
	return s.Text.Removed
}

// Body is the story's text in memory as a Body.
func (s *Story) Body() Body {
	if s.Text == nil {
		return Body{}
	}
	return Body{Paragraphs: s.Text.Paragraphs, Entries: s.Text.Entries}
}

// SetText gives the story these paragraphs, entries and removed pieces,
// in a StoryText of its own (copies of the story keep theirs); none at
// all leave it with no Text.
func (s *Story) SetText(paragraphs []string, entries []Entry, removed []Removal) {
	if paragraphs == nil && entries == nil && removed == nil {
		s.Text = nil
		return
	}
	s.Text = &StoryText{Paragraphs: paragraphs, Entries: entries, Removed: removed}
}

// Precision is how precisely a time is known. The zero value says nothing
// (no time, or a story made without one): Precision then reads it from the
// time itself.
type Precision uint8

const (
	PrecisionUnknown Precision = iota
	PrecisionMinute
	PrecisionHour
	PrecisionDay
	PrecisionMonth
	PrecisionYear
)

// String is the name `--json` output uses: "minute", "hour", "day",
// "month", "year"; "" for PrecisionUnknown.
func (p Precision) String() string {
	switch p {
	case PrecisionMinute:
		return "minute"
	case PrecisionHour:
		return "hour"
	case PrecisionDay:
		return "day"
	case PrecisionMonth:
		return "month"
	case PrecisionYear:
		return "year"
	}
	return ""
}

// PrecisionOf is p, or for PrecisionUnknown what t shows: a midnight is a
// day, anything else a minute; PrecisionUnknown for a zero t.
func PrecisionOf(t time.Time, p Precision) Precision {
	switch {
	case t.IsZero():
		return PrecisionUnknown
	case p != PrecisionUnknown:
		return p
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
		return PrecisionDay
	}
	return PrecisionMinute
}

// Coarser is the less precise of p and q (PrecisionUnknown counts as the
// most precise: it says nothing).
func (p Precision) Coarser(q Precision) Precision {
	return max(p, q)
}

// Coarsen writes t only as precisely as p: minutes without seconds, the
// nearest hour, a day as its midnight UTC (of t's own calendar day), a
// month as its first day, a year as 1 January.
func (p Precision) Coarsen(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	switch p {
	case PrecisionMinute:
		return t.Truncate(time.Minute)
	case PrecisionHour:
		return time.Date(y, m, d, t.Hour(), 0, 0, 0, t.Location()).Add(time.Duration(t.Minute()/30) * time.Hour)
	case PrecisionDay:
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionYear:
		return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// Removal is one piece of site furniture cut from a story's text: its
// class ("paywall", "buttons", ...) and the text as the page had it.
type Removal struct {
	Class string
	Text  string
}

// Stamp is what the file system says of one version of a file, as git's
// index keeps it: a file whose stamp is the same is taken to be the same.
// The change time and inode catch a rewrite that kept the size and set the
// modification time back (tools that preserve times do this).
//
// The times are Unix times in nanoseconds (see StampTime), 0 when not
// known: a stamp is kept for every file of the archive, and found again
// for each by every walk, and a time.Time is three words.
type Stamp struct {
	Size       int64
	ModTime    int64
	ChangeTime int64
	Device     uint64
	Inode      uint64
}

// Same reports whether two stamps describe one version of a file.
func (s Stamp) Same(o Stamp) bool {
	return s.Size == o.Size && s.ModTime == o.ModTime && s.ChangeTime == o.ChangeTime &&
		s.Device == o.Device && s.Inode == o.Inode
}

// StampTime is t as a stamp keeps it: 0 for the zero time.
func StampTime(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// FileRef names a file twice: Key is its identity (the absolute, cleaned
// path with symbolic links resolved), which the library and the cache go
// by; Path is how the user reached it, which is what is shown. Order is
// where the walk of what was opened meets it: pages are kept, and their
// stories merged, in that order, so that the library is the same however
// the files arrived. A page read back from the cache may hold a mark in
// Order that stands for an order made from its path (see walkorder.go):
// read it with WalkOrder, compare with CompareOrders.
type FileRef struct {
	Key   string
	Path  string
	Order string
	Stamp
}

// Dump is one parsed file.
type Dump struct {
	FileRef
	Layout Layout
	// SavedAt is when the page was saved: a date in the folder name (refined
	// by the file's time or live-blog timestamps when they agree with it), or
	// the file's modification time.
	SavedAt time.Time
	// SavedAtEstimate is true when SavedAt was not read from the file system.
	SavedAtEstimate bool
	// Day is the save date, YYYY-MM-DD, the day the dump is listed under.
	Day     string
	Main    *Story // nil for listings
	Related []*Story
	// Format is the file's format, as detection named it ("dump",
	// "markdown", "html", "rss", "rdf", "atom", "jsonfeed", "eml", "mbox",
	// "maildir"); part of the `inspect --json` output.
	Format string
	// Tag is a listing's hashtag as the page shows it ("#Budget", from
	// "Latest news with #Budget"); "" for other pages, or when not found.
	Tag string
}

// Skipped is a file that was found but not loaded, and why.
type Skipped struct {
	FileRef
	Reason string
}
