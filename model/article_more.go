package model

import "slices"

// What an article reaches beyond its own fields, through one pointer
// (Article.more): the numbers of the pages that show it and its links.
// An article restored from the cache keeps neither: its pages are a run
// of one array of the library's, its links where they lie in a file, and
// every restored article shares one articleMore that says so. An article
// a load or a change makes keeps its own. At a million dumps that is 8
// bytes an article, not the 64 of a slice of pages, a slice of links and
// two pointers.

// articleBase is what a library's articles share.
type articleBase struct {
	// arts are the articles that links name by number: the library's
	// (their Index), or, own, an article's own table (see AddLink).
	arts *[]*Article
	own  bool
	// book finds a page by its number.
	book *pageBook
	// store is where the restored articles' links lie; nil when they
	// have none.
	store *linkStore
	// pageStarts and pageRefs are the restored articles' pages: article
	// i's are pageRefs[pageStarts[i]:pageStarts[i+1]].
	pageStarts []uint32
	pageRefs   []int32
	// restored is the articleMore the restored articles share.
	restored *articleMore
}

func newArticleBase(arts *[]*Article, book *pageBook) *articleBase {
	b := &articleBase{arts: arts, book: book}
	b.restored = &articleMore{base: b}
	return b
}

// articleMore is an article's pages and links: the base's restored ones
// (when it is base.restored), or its own (64 bytes, a size class of its
// own, for each article of a cold load until its links go to a file).
type articleMore struct {
	base *articleBase
	// pages are the numbers of the pages that show it, in walk order
	// (see PageAt).
	pages []int32
	// links are the articles it was shown with (see Links), by number;
	// set, once the list is long, each linked article's position in it,
	// so that a story shown with many others is linked in linear time
	// (short lists are scanned, which is quicker than a map and costs no
	// memory).
	links []linkRef
	set   map[uint32]int32
}

// isRestored reports the articleMore of the restored articles.
func (m *articleMore) isRestored() bool { return m == m.base.restored }

// restoredPages are restored article i's page numbers.
func (b *articleBase) restoredPages(i int) []int32 {
	if i < 0 || i+1 >= len(b.pageStarts) {
		return nil
	}
	from, to := b.pageStarts[i], b.pageStarts[i+1]
	return b.pageRefs[from:to:to]
}

// pageNos are the numbers of the pages that show a, in walk order.
func (a *Article) pageNos() []int32 {
	m := a.more
	if m == nil {
		return nil
	}
	if m.isRestored() {
		return m.base.restoredPages(int(a.Index))
	}
	return m.pages
}

// own makes a's pages and links its own, as a change to them needs,
// reading a restored article's links when keepLinks says (a caller that
// makes them again does not). An article made outside a library gets a
// table of its own for the articles it links (see AddLink).
func (a *Article) own(keepLinks bool) *articleMore {
	m := a.more
	switch {
	case m == nil:
		m = &articleMore{base: &articleBase{arts: &[]*Article{}, own: true, book: &pageBook{}}}
		a.more = m
	case m.isRestored():
		b := m.base
		m = &articleMore{base: b, pages: slices.Clone(b.restoredPages(int(a.Index)))}
		if keepLinks && b.store != nil {
			m.links = b.store.refs(int(a.Index))
		}
		a.more = m
	}
	return m
}

// dropLinks lets a's links go, as a change that makes them again does.
func (a *Article) dropLinks() {
	m := a.own(false)
	m.links, m.set = nil, nil
}

// textPageOf is the page a's text was taken from; nil for none.
func (a *Article) textPageOf() *Page {
	if a.textPage == 0 || a.more == nil {
		return nil
	}
	return a.more.base.book.at(a.textPage)
}

// restoreAll has every article read its pages from one array, and its
// links from store: what a library whose links went to a file (see
// ReadLinksFrom) keeps of each article is then 8 bytes, not its own
// lists.
func (l *Library) restoreAll(store *linkStore) {
	b := l.base
	total := 0
	for _, a := range l.Articles {
		total += len(a.pageNos())
	}
	starts := make([]uint32, len(l.Articles)+1)
	refs := make([]int32, 0, total)
	for i, a := range l.Articles {
		refs = append(refs, a.pageNos()...)
		starts[i+1] = uint32(len(refs))
	}
	b.pageStarts, b.pageRefs, b.store = starts, refs, store
	for _, a := range l.Articles {
		a.more = b.restored
	}
}
