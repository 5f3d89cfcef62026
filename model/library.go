package model

import (
	"io"
	"strings"
	"time"
)

// Article is one story as the library knows it: one per id, however many
// dumps it turned up in, with the best copy of its text.
type Article struct {
	Story
	SavedAt Moment
	// SavedAtEstimate is true when SavedAt was inferred, not read from the
	// file system; often only its day is known.
	SavedAtEstimate bool
	// (The flags and Index lie together, in one word of the struct.)
	fromMain bool // the text comes from a page's main story
	// gone marks an article no page shows any more.
	gone bool
	// Index is the article's position in Library.Articles; per-article state
	// elsewhere (read marks, search postings) is kept in slices by Index.
	// It never changes: an article no page shows any more is gone, not
	// removed, and keeps its number should a page show it again.
	Index int32
	// textPage is the number of the page the text was taken from (0 for
	// none); Story.TextBytes is the length of its text, kept for choosing
	// between copies when the text itself was left on disk.
	textPage int32
	// day is the earliest day it was saved on (see Day).
	day dayNo
	// more is its pages and links (see articleMore): one pointer, shared
	// by the articles restored from the cache.
	more    *articleMore
	agePrec time.Duration // how far back PublishedAt was estimated from
}

// Day is the earliest day the article was saved on, "2025-07-28"; it is
// listed under that day. "" when no page says.
func (a *Article) Day() string { return a.day.String() }

// SetDay sets the day of an article made outside a library, as tests make
// them; a library sets its own articles' days from their pages.
func (a *Article) SetDay(day string) { a.day = dayNoOf(day) }

// Day groups the articles first saved on one date.
type Day struct {
	Date     string // YYYY-MM-DD; "" for pages whose day is unknown
	Articles []*Article
	sorted   bool
}

// Warning is a file that was not loaded, or a setting or store that could
// not be used, and why.
type Warning struct {
	Path   string
	Reason string
	key    string // the file's key, for a file the library skipped
	order  string // and its place in walk order
}

// DumpReader reads a file again, for the text of articles that were loaded
// without it (see BodyOf). The loader provides it: the library does no file
// I/O of its own.
type DumpReader interface {
	ReadDump(ref FileRef) (*Dump, error)
}

// Library is every story loaded so far, deduplicated, with indexes by id
// and day. It is not safe for concurrent use: the UI owns it and changes
// it from its update loop, and only through Add and Apply.
type Library struct {
	Articles []*Article
	Pages    []*Page // in walk order
	Warnings []Warning
	Bytes    int64

	// Dumps reads text back from the files (see BodyOf); nil keeps text in
	// memory only.
	Dumps DumpReader

	byID  map[string]*Article // see lookup.go: all but those restored
	byKey map[string]*Page
	// restoredIDs and restoredKeys find the articles and pages restored
	// from the cache (Articles[:n], restored); keysGone are the keys of
	// restored pages taken out since.
	restoredIDs, restoredKeys restoredTable
	restored                  []Page
	keysGone                  map[string]bool
	skipped                   map[string]Skipped
	days                      map[string]*Day
	dayList                   []*Day
	daysDirty                 bool
	pagesAdded                int
	tags                      tagTable
	// stored reads the copies of the pages restored from the cache; nil
	// when they were all made in this run.
	stored      CopyReader
	storedPages int // the pages restored from the cache: numbers 1 to storedPages
	// clean is applied to the text of copies read back (see CleanStored).
	clean func(string) string
	// site counts the short lines of the pages' copies, and learns from
	// them the lines that are the sites' (see sitelines.go).
	site *siteCounts
	// leaveText keeps no text of the copies added, and shelved their
	// pages' copies, encoded (see LeaveText).
	leaveText bool
	shelved   *shelf
	// book finds a page by its number, for the articles' lists; base is
	// what the articles share (see articleMore).
	book *pageBook
	base *articleBase
	// listBuf is pageLinks' list of a page's articles, kept from page to
	// page.
	listBuf []*Article
	// linksMade counts the links made, or let go (see ReadLinksFrom).
	linksMade uint64
}

// CopyReader reads the copies of a page restored from the cache, page i
// of the snapshot (see EncodeCopies), as the bytes EncodeCopies wrote.
type CopyReader interface {
	PageCopies(i int) ([]byte, error)
	// ReadAt reads the snapshot file itself: the site lines' counts a
	// restored library left there (see heldCounts).
	io.ReaderAt
}

// NewLibrary returns an empty library.
func NewLibrary() *Library {
	l := &Library{
		byID:    map[string]*Article{},
		byKey:   map[string]*Page{},
		book:    &pageBook{},
		skipped: map[string]Skipped{},
		days:    map[string]*Day{},
		tags:    newTagTable(),
		site:    newSiteCounts(),
	}
	l.base = newArticleBase(&l.Articles, l.book)
	return l
}

// AddWarning records a note about something that could not be used.
func (l *Library) AddWarning(path, reason string) {
	l.Warnings = append(l.Warnings, Warning{Path: path, Reason: reason})
}

// Changes are what became of files since the library last saw them: the
// files parsed (new, or changed: a page with the same key is replaced),
// the files found but not loaded, and the keys of files that are gone.
type Changes struct {
	Pages   []*Dump
	Skipped []Skipped
	Removed []string
	// Reached are files, unchanged, that were reached by another path
	// than the library has (see Library.Reached).
	Reached []FileRef
}

// Empty reports changes that change nothing.
func (c Changes) Empty() bool {
	return len(c.Pages) == 0 && len(c.Skipped) == 0 && len(c.Removed) == 0 && len(c.Reached) == 0
}

// Delta is what Apply did.
type Delta struct {
	Added, Changed []*Page // pages new to the library, and pages read again
	Removed        []string
	// New are the articles no page showed before; Touched every article
	// whose pages changed, the new ones and those now gone included.
	New, Touched []*Article
}

// Empty reports a delta in which nothing changed.
func (d Delta) Empty() bool {
	return len(d.Added) == 0 && len(d.Changed) == 0 && len(d.Removed) == 0 && len(d.Touched) == 0
}

// Add adds one parsed file, as a load from the files does, in walk order.
// A page that comes last in walk order, as every page of a load does, is
// merged straight in; any other is applied as a change.
func (l *Library) Add(d *Dump) {
	if !l.comesLast(d) {
		l.Apply(Changes{Pages: []*Dump{d}})
		return
	}
	l.dropSkipped(d.Key)
	l.shelve(l.appendPage(d))
}

// comesLast reports a file new to the library that comes after all its
// pages in walk order: one a load adds, which can be merged straight in.
func (l *Library) comesLast(d *Dump) bool {
	return l.page(d.Key) == nil && (len(l.Pages) == 0 || CompareOrders(&d.FileRef, &l.Pages[len(l.Pages)-1].FileRef) >= 0)
}

// Skip records a file that was found but not loaded, as a load does.
func (l *Library) Skip(s Skipped) {
	if l.page(s.Key) != nil {
		l.Apply(Changes{Skipped: []Skipped{s}})
		return
	}
	l.setSkipped(s)
}

// appendPage merges a dump that comes after every page there is: its
// stories join (or enrich) the articles with their ids, and they are
// linked both ways: the main story with each related story (LinkMain),
// the related stories with one another (LinkSamePage), the stories of a
// listing with one another (LinkListing). Stories of a list are linked to
// their pageNeighbours nearest on each side, which is all of them on any
// real page, so that linking stays linear in the stories shown.
func (l *Library) appendPage(d *Dump) *Page {
	// The site lines' counts in memory before the page is among the
	// library's: counted again from the pages (their file changed under
	// a restored library), they would count it, and countLines after.
	if err := l.siteCounted(); err != nil {
		l.AddWarning("", err.Error())
	}
	page := l.newPage(d)
	l.Pages = append(l.Pages, page)
	merge := func(s *Story, isMain bool) (*Article, bool) {
		a := l.article(s.ID)
		switch {
		case a == nil:
			a = l.newArticle(s.ID)
			fallthrough
		case a.gone:
			l.startArticle(a, s, isMain, page)
			m := a.own(false)
			m.pages = append(m.pages[:0], page.number)
			l.addToDay(a)
			return a, true
		}
		l.mergeCopy(a, s, isMain, page)
		// A page listing it twice lists it once: the page is new, and
		// only this call puts it last in a's pages.
		m := a.own(true)
		if n := len(m.pages); n > 0 && m.pages[n-1] == page.number {
			return a, false
		}
		m.pages = append(m.pages, page.number)
		return a, true
	}
	if d.Main != nil {
		main, _ := merge(d.Main, true)
		page.main = main.Index + 1
	}
	// A collection's items are each an article's own copy, as a main
	// story is.
	itemIsMain := d.Layout == LayoutCollection
	for _, s := range d.Related {
		if r, first := merge(s, itemIsMain); first {
			l.book.lists.add(r.Index)
		}
	}
	l.book.endList(page)
	page.keep(l.keepCopies(d), linesOf(d))
	l.countLines(page, 1)
	l.pageLinks(page, l.link)
	return page
}

func (l *Library) newPage(d *Dump) *Page {
	l.pagesAdded++
	page := &Page{FileRef: d.FileRef, Layout: d.Layout, SavedAt: MomentOf(d.SavedAt), SavedAtEstimate: d.SavedAtEstimate, day: dayNoOf(d.Day),
		number: int32(l.pagesAdded)}
	page.SetTag(strings.Clone(d.Tag))
	l.book.added = append(l.book.added, page)
	page.Key, page.Path, page.Order = strings.Clone(d.Key), strings.Clone(d.Path), strings.Clone(d.Order)
	l.byKey[page.Key] = page
	l.Bytes += d.Size
	return page
}

func (l *Library) newArticle(id string) *Article {
	a := &Article{Story: Story{ID: strings.Clone(id)}, Index: int32(len(l.Articles)), gone: true, more: &articleMore{base: l.base}}
	l.Articles = append(l.Articles, a)
	l.byID[a.ID] = a
	return a
}

// pageLinks makes, through link, the links a page makes, in the order a
// load makes them.
func (l *Library) pageLinks(page *Page, link func(from, to *Article, how LinkKind, tag uint32)) {
	list := l.listed(page, l.listBuf[:0])
	l.listBuf = list[:0]
	if main := l.MainOf(page); main != nil {
		for _, r := range list {
			link(main, r, LinkMain, 0)
			link(r, main, LinkMain, 0)
		}
	}
	switch page.Layout {
	case LayoutCollection:
		// A feed's items or an mbox's messages were gathered by a
		// subscription, not shown together: no links among them.
	case LayoutListing:
		linkPage(list, LinkListing, l.tags.id(page.Tag()), link)
	default:
		linkPage(list, LinkSamePage, 0, link)
	}
	clear(list)
}

// ByID returns the article with the id, or nil; nil too for one no page
// shows any more.
func (l *Library) ByID(id string) *Article {
	if a := l.article(id); a != nil && !a.gone {
		return a
	}
	return nil
}

// Gone reports an article that no loaded page shows any more. Lists leave
// it out, and no link leads to it.
func (a *Article) Gone() bool { return a.gone }

// intern shares the strings that repeat across copies (sources, ages).
func (l *Library) intern(s string) string { return l.tags.intern(s) }
