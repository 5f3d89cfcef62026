package model

import (
	"slices"
	"strings"
	"time"
)

// Article is one story as the library knows it: one per id, however many
// dumps it turned up in, with the best copy of its text.
type Article struct {
	Story
	// Index is the article's position in Library.Articles; per-article state
	// elsewhere (read marks, search postings) is kept in slices by Index.
	Index int
	// Day is the earliest day it was saved on; it is listed under that day.
	Day     string
	SavedAt time.Time
	// SavedAtEstimate is true when SavedAt was inferred, not read from the
	// file system; often only its day is known.
	SavedAtEstimate bool
	Pages           []*Page
	// Links are the articles it was shown with, in both directions,
	// gathered from every page it appears on: each once, in the order first
	// seen, by the strongest way it was shown with it (see Link).
	Links []Link

	fromMain bool // the text comes from a page's main story
	// textPage is the page the text was taken from, and textBytes its
	// length, kept for choosing between copies when the text itself was
	// left on disk.
	textPage  *Page
	textBytes int
	// gone marks an article no page shows: one reserved by Reserve that no
	// page turned out to list, or whose pages were all removed.
	gone    bool
	agePrec time.Duration // how far back PublishedAt was estimated from
	// lastPage is the number (1-based) of the page Add last put it on, so
	// that a page listing it twice lists it once, without a search.
	lastPage int
	// linkSet maps each article of Related to its position once Related is
	// long, so that a story shown with many others is linked in linear
	// time; short lists are scanned, which is quicker than a map and costs
	// no memory.
	linkSet map[*Article]int32
}

// Page is a loaded dump as the library keeps it: which articles it showed,
// not their text (the articles hold that once).
type Page struct {
	Path            string
	Layout          Layout
	SavedAt         time.Time
	SavedAtEstimate bool
	Day             string
	Main            *Article
	Related         []*Article
	Size            int64
	ModTime         time.Time
	Tag             string // a listing's hashtag as shown ("#Budget"), when known
	number          int    // 1-based, in the order pages were added, never reused
}

// Day groups the articles first saved on one date.
type Day struct {
	Date     string // YYYY-MM-DD; "" for pages whose day is unknown
	Articles []*Article
	sorted   bool
}

// Warning is a file that was not loaded, and why.
type Warning struct {
	Path   string
	Reason string
}

// Library is every story loaded so far, deduplicated, with indexes by id
// and day. It is not safe for concurrent use: the UI owns it and adds
// to it from its update loop.
type Library struct {
	Articles []*Article
	Pages    []*Page
	Warnings []Warning
	Bytes    int64

	// ReadDump parses a dump again, for the text of articles that were
	// loaded without it (see BodyOf); the loader sets it.
	ReadDump func(path string) (*Dump, error)

	byID       map[string]*Article
	byPath     map[string]*Page
	days       map[string]*Day
	dayList    []*Day
	daysDirty  bool
	pagesAdded int
}

// NewLibrary returns an empty library.
func NewLibrary() *Library {
	return &Library{
		byID:   map[string]*Article{},
		byPath: map[string]*Page{},
		days:   map[string]*Day{},
	}
}

// AddWarning records a file that was not loaded.
func (l *Library) AddWarning(path, reason string) {
	l.Warnings = append(l.Warnings, Warning{Path: path, Reason: reason})
}

// Add merges a parsed dump: its stories join (or enrich) the articles with
// their ids, and they are linked both ways: the main story with each
// related story (LinkMain), the related stories with one another
// (LinkSamePage), the stories of a listing with one another (LinkListing).
// Stories of a list are linked to their pageNeighbours nearest on each
// side, which is all of them on any real page, so that linking stays
// linear in the stories shown.
func (l *Library) Add(d *Dump) {
	l.pagesAdded++
	pageNumber := l.pagesAdded
	page := &Page{Path: d.Path, Layout: d.Layout, SavedAt: d.SavedAt, SavedAtEstimate: d.SavedAtEstimate, Day: d.Day, Size: d.Size, ModTime: d.ModTime, Tag: strings.Clone(d.Tag), number: pageNumber}
	l.Pages = append(l.Pages, page)
	l.byPath[page.Path] = page
	l.Bytes += d.Size
	// merge reports whether the story is new to this page: a page may list
	// a block twice, or its own main story among the blocks.
	merge := func(s *Story, isMain bool) (*Article, bool) {
		a := l.merge(s, isMain, d, page)
		if a.lastPage == pageNumber {
			return a, false
		}
		a.lastPage = pageNumber
		a.Pages = append(a.Pages, page)
		return a, true
	}
	if d.Main != nil {
		page.Main, _ = merge(d.Main, true)
	}
	page.Related = make([]*Article, 0, len(d.Related))
	// A collection's items are each an article's own copy, as a main
	// story is.
	itemIsMain := d.Layout == LayoutCollection
	for _, s := range d.Related {
		r, first := merge(s, itemIsMain)
		if !first {
			continue
		}
		page.Related = append(page.Related, r)
		if page.Main != nil {
			link(page.Main, r, LinkMain, 0)
			link(r, page.Main, LinkMain, 0)
		}
	}
	switch d.Layout {
	case LayoutCollection:
	case LayoutListing:
		linkPage(page.Related, LinkListing, page.Tag)
	default:
		linkPage(page.Related, LinkSamePage, "")
	}
}

// merge finds or creates the article for s. The copy kept is the richest:
// a main story's paragraphs over a related block's run-on line, then the
// longer text. The publication estimate kept is the one made from the
// shortest age, the most precise.
func (l *Library) merge(s *Story, isMain bool, d *Dump, page *Page) *Article {
	a, ok := l.byID[s.ID]
	if !ok || a.gone {
		index := len(l.Articles)
		if ok {
			index = a.Index // reserved, or shown again after its pages were removed
		} else {
			a = &Article{}
			l.Articles = append(l.Articles, a)
			l.byID[s.ID] = a
		}
		*a = Article{Story: cloneStory(s), Index: index, Day: d.Day, SavedAt: d.SavedAt, SavedAtEstimate: d.SavedAtEstimate, fromMain: isMain,
			textPage: page, textBytes: textLen(s), Links: a.Links, linkSet: a.linkSet}
		a.agePrec = agePrecision(s, d)
		l.addToDay(a)
		return a
	}
	if (isMain && !a.fromMain) || (isMain == a.fromMain && textLen(s) > a.textBytes) {
		published, old := a.PublishedAt, a.Story
		a.Story = cloneStory(s)
		a.PublishedAt = published
		if a.Source == "" {
			a.Source = old.Source
		}
		if a.URL == "" {
			a.URL = old.URL
		}
		if a.Author == "" {
			a.Author = old.Author
		}
		a.fromMain = a.fromMain || isMain
		a.textPage, a.textBytes = page, textLen(s)
	}
	if a.Source == "" && s.Source != "" {
		a.Source = strings.Clone(s.Source)
	}
	if a.URL == "" && s.URL != "" {
		a.URL = strings.Clone(s.URL)
	}
	if prec := agePrecision(s, d); !s.PublishedAt.IsZero() && (a.PublishedAt.IsZero() || prec < a.agePrec) {
		a.PublishedAt, a.agePrec = s.PublishedAt, prec
		l.markDayDirty(a.Day)
	}
	if d.Day != "" && (a.Day == "" || d.Day < a.Day) {
		l.removeFromDay(a)
		a.Day = d.Day
		l.addToDay(a)
	}
	if a.SavedAt.IsZero() || (!d.SavedAt.IsZero() && d.SavedAt.Before(a.SavedAt)) {
		a.SavedAt, a.SavedAtEstimate = d.SavedAt, d.SavedAtEstimate
	}
	return a
}

// agePrecision is how far back from the save the copy's publication time
// was estimated; an absolute date is day-precise.
func agePrecision(s *Story, d *Dump) time.Duration {
	if s.PublishedAt.IsZero() {
		return 1<<63 - 1
	}
	if d.Layout == LayoutClipping || d.Layout == LayoutCollection {
		// A feed, a message or a page's metadata states the time; to the
		// second when it names a clock time.
		if h, m, sec := s.PublishedAt.Clock(); h|m|sec != 0 {
			return 0
		}
		return 24 * time.Hour
	}
	if d.SavedAt.IsZero() || !strings.HasSuffix(s.Age, "ago") {
		return 24 * time.Hour
	}
	return d.SavedAt.Sub(s.PublishedAt)
}

// textLen is the length of a copy's paragraphs, which decides which copy
// of an article is kept.
func textLen(s *Story) int {
	if s.TextOnDisk {
		return s.TextBytes
	}
	n := 0
	for _, p := range s.Paragraphs {
		n += len(p)
	}
	return n
}

// cloneStory copies a story's text out of the file buffer it was parsed
// from, so that the buffer can be freed once its page is merged.
func cloneStory(s *Story) Story {
	c := *s
	c.ID = strings.Clone(s.ID)
	c.Headline = strings.Clone(s.Headline)
	c.Source = strings.Clone(s.Source)
	c.Age = strings.Clone(s.Age)
	c.URL = strings.Clone(s.URL)
	c.Author = strings.Clone(s.Author)
	c.TextBytes = textLen(s)
	if s.TextOnDisk {
		return c
	}
	c.Paragraphs = make([]string, len(s.Paragraphs))
	for i, p := range s.Paragraphs {
		c.Paragraphs[i] = strings.Clone(p)
	}
	if len(s.Entries) > 0 {
		c.Entries = make([]Entry, len(s.Entries))
		for i, e := range s.Entries {
			c.Entries[i] = Entry{Author: strings.Clone(e.Author), Time: e.Time, Text: strings.Clone(e.Text)}
		}
	}
	return c
}

func (l *Library) addToDay(a *Article) {
	day := l.days[a.Day]
	if day == nil {
		day = &Day{Date: a.Day}
		l.days[a.Day] = day
		l.dayList = append(l.dayList, day)
		l.daysDirty = true
	}
	day.Articles = append(day.Articles, a)
	day.sorted = false
}

func (l *Library) removeFromDay(a *Article) {
	if day := l.days[a.Day]; day != nil {
		if i := slices.Index(day.Articles, a); i >= 0 {
			day.Articles = slices.Delete(day.Articles, i, i+1)
		}
	}
}

func (l *Library) markDayDirty(date string) {
	if day := l.days[date]; day != nil {
		day.sorted = false
	}
}

// ByID returns the article with the id, or nil; nil too for one no page
// shows any more.
func (l *Library) ByID(id string) *Article {
	if a := l.byID[id]; a != nil && !a.gone {
		return a
	}
	return nil
}

// Gone reports an article that no loaded page shows (any more): its pages
// were removed while the reader ran, or it is a number kept for it from
// an earlier run. Lists leave it out; links to it are not shown.
func (a *Article) Gone() bool { return a.gone }

// Days returns the days newest first (a day-less group last), each with its
// articles newest first. Only the days changed since the last call are
// sorted again.
func (l *Library) Days() []*Day {
	if l.daysDirty {
		slices.SortFunc(l.dayList, func(a, b *Day) int {
			switch {
			case a.Date == b.Date:
				return 0
			case a.Date == "":
				return 1
			case b.Date == "":
				return -1
			}
			return strings.Compare(b.Date, a.Date)
		})
		l.daysDirty = false
	}
	out := make([]*Day, 0, len(l.dayList))
	for _, d := range l.dayList {
		if len(d.Articles) == 0 {
			continue
		}
		if !d.sorted {
			slices.SortStableFunc(d.Articles, compareNewestFirst)
			d.sorted = true
		}
		out = append(out, d)
	}
	return out
}

// When is the best time known for an article: its estimated publication,
// else when it was first saved.
func (a *Article) When() time.Time {
	if !a.PublishedAt.IsZero() {
		return a.PublishedAt
	}
	return a.SavedAt
}

func compareNewestFirst(a, b *Article) int {
	if c := b.When().Compare(a.When()); c != 0 {
		return c
	}
	if c := strings.Compare(a.Headline, b.Headline); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// RemovePage takes out the page read from path, for a dump removed or
// changed while the reader runs: its articles no longer list it, and an
// article no other page shows is gone from its day. Links the page made
// stay until the next start; the reader hides links to gone articles. It
// reports whether a page had that path.
func (l *Library) RemovePage(path string) bool {
	page := l.byPath[path]
	if page == nil {
		return false
	}
	delete(l.byPath, path)
	if i := slices.Index(l.Pages, page); i >= 0 {
		l.Pages = slices.Delete(l.Pages, i, i+1)
	}
	l.Bytes -= page.Size
	drop := func(a *Article) {
		if a == nil {
			return
		}
		a.Pages = slices.DeleteFunc(a.Pages, func(p *Page) bool { return p == page })
		if len(a.Pages) == 0 {
			if !a.gone {
				a.gone = true
				l.removeFromDay(a)
			}
			return
		}
		if a.textPage == page {
			// Its text is read from the pages left, when it is opened.
			a.textPage = a.Pages[0]
			a.Paragraphs, a.Entries, a.TextOnDisk = nil, nil, true
		}
	}
	drop(page.Main)
	for _, a := range page.Related {
		drop(a)
	}
	return true
}

// PageAt returns the page read from path, or nil.
func (l *Library) PageAt(path string) *Page { return l.byPath[path] }

// Reserve gives the ids their article numbers, in order, before any page
// is added, so that a library rebuilt from the cache numbers its articles
// as the cached filter index and similar-stories model do. A reserved
// article is gone until a page shows it.
func (l *Library) Reserve(ids []string) {
	for _, id := range ids {
		if _, ok := l.byID[id]; ok {
			continue
		}
		a := &Article{Story: Story{ID: id}, Index: len(l.Articles), gone: true}
		l.Articles = append(l.Articles, a)
		l.byID[id] = a
	}
}
