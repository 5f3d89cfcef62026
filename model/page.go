package model

import (
	"iter"
	"slices"
	"sync/atomic"
)

// Page is a loaded file as the library keeps it: which articles it showed,
// and its stories as parsed without their text (the articles hold that
// once).
type Page struct {
	FileRef
	SavedAt Moment
	// (Layout, SavedAtEstimate and day lie in one word of the struct.)
	Layout          Layout
	SavedAtEstimate bool
	day             dayNo // see Day
	// main is the Index + 1 of the article of its main story, 0 for none
	// (see Library.MainOf), and number the page's: 1-based, in the order
	// pages were added, never reused (they lie in one word). The articles
	// its list shows are kept by number in the book of pages (see
	// Library.Listed).
	main, number int32
	// kept are a listing's hashtag, and its copies and their lines while
	// they are in memory (see pageCopies); nil otherwise, as for most
	// pages of a restored library, which costs them one word, not a
	// string and two slices. It is replaced as the copies come and go,
	// also by a cache being written (CopySections) while the filter reads
	// the tag in another goroutine: atomically.
	kept atomic.Pointer[pageCopies]
}

// Day is the day the page was saved on, "2025-07-28"; "" when unknown.
func (p *Page) Day() string { return p.day.String() }

// pageCopies is what a page keeps beside its lists: its tag, and its
// stories as parsed. It is replaced, never changed in place.
type pageCopies struct {
	// tag is a listing's hashtag as shown ("#Budget"), when known.
	tag string
	// copies are the page's stories as parsed, without their text: the
	// main story (nil when there is none), then the related ones in the
	// page's order. An article is what its copies make of it, page after
	// page in walk order, which is how a change is applied exactly. A page
	// restored from the cache has them read when a change needs them (see
	// Library.copiesOf).
	copies []*Story
	// lines are the keys of each copy's lines that count towards the
	// site lines (see sitelines.go), by copy; nil when no copy has any.
	// They are kept, and read back, with the copies, whose text is not,
	// so that a page leaving takes its lines out again.
	lines [][]uint64
}

// copies are the page's copies in memory; nil when they are not.
func (p *Page) copies() []*Story {
	if k := p.kept.Load(); k != nil {
		return k.copies
	}
	return nil
}

// lines are the keys of its copies' lines in memory (see pageCopies).
func (p *Page) lines() [][]uint64 {
	if k := p.kept.Load(); k != nil {
		return k.lines
	}
	return nil
}

// keep keeps copies and lines in memory; two nils let them go.
func (p *Page) keep(copies []*Story, lines [][]uint64) {
	p.kept.Store(keptOf(p.Tag(), copies, lines))
}

// Tag is a listing's hashtag as shown ("#Budget"), when known.
func (p *Page) Tag() string {
	if k := p.kept.Load(); k != nil {
		return k.tag
	}
	return ""
}

// SetTag sets a page's tag, as a listing's page says it.
func (p *Page) SetTag(tag string) {
	p.kept.Store(keptOf(tag, p.copies(), p.lines()))
}

// keptOf is what a page with the tag, copies and lines keeps: nil when
// it has none.
func keptOf(tag string, copies []*Story, lines [][]uint64) *pageCopies {
	if tag == "" && copies == nil && lines == nil {
		return nil
	}
	return &pageCopies{tag: tag, copies: copies, lines: lines}
}

// pageBook finds a page by its number: a restored one in the array of
// them, one added since by its number's place past them. It also keeps
// the articles each page lists after its main one, by Index, in the
// page's order: page n's are lists[listStarts[n-1]:listStarts[n]], 4 bytes
// a story listed for the 5 million listings of a million dumps, and
// nothing in the page itself.
type pageBook struct {
	restored []Page
	added    []*Page // numbers len(restored)+1 on; nil for one taken out (see forget)
	// listStarts has one more entry than there are pages with lists:
	// every page's list ends (endList) before the next page is made.
	listStarts []uint32
	lists      numbers
	// dead are the pages taken out since the lists were last compacted,
	// and deadLists how many numbers their lists hold.
	dead      []int32
	deadLists int
}

// endList ends the list of page p, the last page made, whose articles were
// added to b.lists since the one before ended.
func (b *pageBook) endList(p *Page) {
	if len(b.listStarts) == 0 {
		b.listStarts = append(b.listStarts, 0)
	}
	for len(b.listStarts) < int(p.number) {
		// (pages made without a list: none in a library)
		b.listStarts = append(b.listStarts, b.listStarts[len(b.listStarts)-1])
	}
	b.listStarts = append(b.listStarts, uint32(b.lists.len()))
}

// list is where page number n's list lies in b.lists.
func (b *pageBook) list(n int32) (from, to int) {
	if n < 1 || int(n) >= len(b.listStarts) {
		return 0, 0
	}
	return int(b.listStarts[n-1]), int(b.listStarts[n])
}

// forget lets go of what a page taken out holds once Apply has remade its
// articles, when none names it any more: its copies, its list and its
// place among the pages added (a restored one's struct stays in the
// array). A file the watcher sees rewritten all day would otherwise keep
// every version.
func (b *pageBook) forget(p *Page) {
	p.keep(nil, nil)
	if i := int(p.number) - len(b.restored) - 1; i >= 0 && i < len(b.added) && b.added[i] == p {
		b.added[i] = nil
	}
	from, to := b.list(p.number)
	if to > from {
		b.dead = append(b.dead, p.number)
		b.deadLists += to - from
	}
	if b.deadLists > compactListsFrom && 2*b.deadLists > b.lists.len() {
		b.compactLists()
	}
}

// compactListsFrom is how many numbers the lists of pages taken out may
// hold before the lists are compacted, however few the others (a
// variable for the tests).
var compactListsFrom = 1 << 16

// compactLists copies the lists of the pages there are into new chunks,
// those taken out (dead) left empty.
func (b *pageBook) compactLists() {
	dead := make(map[int32]bool, len(b.dead))
	for _, n := range b.dead {
		dead[n] = true
	}
	var lists numbers
	starts := make([]uint32, len(b.listStarts))
	for n := 1; n < len(b.listStarts); n++ {
		if !dead[int32(n)] {
			for i := b.listStarts[n-1]; i < b.listStarts[n]; i++ {
				lists.add(b.lists.at(int(i)))
			}
		}
		starts[n] = uint32(lists.len())
	}
	b.lists, b.listStarts, b.dead, b.deadLists = lists, starts, nil, 0
}

func (b *pageBook) at(n int32) *Page {
	if int(n) <= len(b.restored) {
		return &b.restored[n-1]
	}
	return b.added[int(n)-len(b.restored)-1]
}

// numbers is a list of int32s that is only appended to, kept in chunks of
// numbersChunk (the first grows to that size): a list of millions grows
// a chunk at a time, and is never copied.
type numbers struct {
	chunks [][]int32
	n      int
}

const numbersChunk = 1 << 16

func (s *numbers) len() int { return s.n }

func (s *numbers) at(i int) int32 { return s.chunks[i/numbersChunk][i%numbersChunk] }

func (s *numbers) add(v int32) {
	if k := len(s.chunks); k == 0 || len(s.chunks[k-1]) == cap(s.chunks[k-1]) {
		switch {
		case k == 0:
			s.chunks = append(s.chunks, make([]int32, 0, 64))
		case k == 1 && cap(s.chunks[0]) < numbersChunk:
			grown := make([]int32, len(s.chunks[0]), min(2*cap(s.chunks[0]), numbersChunk))
			copy(grown, s.chunks[0])
			s.chunks[0] = grown
		default:
			s.chunks = append(s.chunks, make([]int32, 0, numbersChunk))
		}
	}
	last := &s.chunks[len(s.chunks)-1]
	*last = append(*last, v)
	s.n++
}

// PageCount is how many pages show the article.
func (a *Article) PageCount() int { return len(a.pageNos()) }

// PageAt is the i-th page that shows the article, in walk order.
func (a *Article) PageAt(i int) *Page { return a.more.base.book.at(a.pageNos()[i]) }

// Pages are the pages that show the article, in walk order: a list made
// for the call.
func (a *Article) Pages() []*Page {
	out := make([]*Page, a.PageCount())
	for i := range out {
		out[i] = a.PageAt(i)
	}
	return out
}

// SetPages sets the pages that show an article made outside a library,
// as tests make them; a library sets its own articles' pages as it adds
// them.
func (a *Article) SetPages(pages []*Page) {
	m := a.own(true)
	m.base = &articleBase{arts: m.base.arts, own: m.base.own, book: &pageBook{added: pages}}
	m.pages = make([]int32, len(pages))
	for i := range m.pages {
		m.pages[i] = int32(i + 1)
	}
}

// MainOf returns the article of a page's main story, nil for none.
func (l *Library) MainOf(p *Page) *Article {
	if p.main == 0 {
		return nil
	}
	return l.Articles[p.main-1]
}

// Listed returns the articles a page lists after its main story, in the
// page's order: a list made for the call.
func (l *Library) Listed(p *Page) []*Article {
	from, to := l.book.list(p.number)
	return l.listed(p, make([]*Article, 0, to-from))
}

// listed appends the articles a page lists to list.
func (l *Library) listed(p *Page, list []*Article) []*Article {
	return slices.AppendSeq(list, l.eachListed(p))
}

// eachListed yields the articles a page lists after its main story, in
// the page's order, from the book of pages as they lie.
func (l *Library) eachListed(p *Page) iter.Seq[*Article] {
	return func(yield func(*Article) bool) {
		from, to := l.book.list(p.number)
		for i := from; i < to; i++ {
			if !yield(l.Articles[l.book.lists.at(i)]) {
				return
			}
		}
	}
}
