package model

import (
	"strings"
	"sync"
)

// LinkKind says how two stories were shown together.
type LinkKind uint8

const (
	LinkMain     LinkKind = iota + 1 // one was the main story of a page that showed the other
	LinkSamePage                     // both were in the related list of one page
	LinkListing                      // both were on one hashtag listing page
)

// String is the kind's name in `tidings related --json`: "main",
// "same-page" or "listing".
func (k LinkKind) String() string {
	switch k {
	case LinkMain:
		return "main"
	case LinkSamePage:
		return "same-page"
	case LinkListing:
		return "listing"
	}
	return "unknown"
}

// Link is one story an article was shown with. An article links another
// once, however many pages showed them together, by the strongest way it
// was: main over same-page over listing (a smaller LinkKind is stronger);
// of two listings, the first that gave a tag names it.
//
// A library of 100,000 pages holds millions of links, so a link is kept to
// 16 bytes: the tag is a number in a table of the tags seen (a few hundred
// hashtags), not a string.
type Link struct {
	To  *Article
	tag uint32
	How LinkKind
}

// TagOf is, for a listing link, the listing's hashtag as shown
// ("#Budget"); "" when the loader did not give it.
func (l *Library) TagOf(k Link) string { return l.tags.name(k.tag) }

// tagTable numbers the tags of links, number 0 being "", and interns the
// other strings that repeat across pages (authors, articles' tags, a
// page's headline where it differs from its article's; sources, ages and
// days are numbers of the process's, see names.go). Each library has its
// own. Links are made on the goroutine that changes the library while
// others may read tags, hence the lock.
type tagTable struct {
	mu      sync.RWMutex
	names   []string
	ids     map[string]uint32
	strings map[string]string
}

func newTagTable() tagTable {
	return tagTable{names: []string{""}, ids: map[string]uint32{"": 0}, strings: map[string]string{}}
}

func (t *tagTable) id(name string) uint32 {
	t.mu.RLock()
	id, ok := t.ids[name]
	t.mu.RUnlock()
	if ok {
		return id
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if id, ok := t.ids[name]; ok {
		return id
	}
	id = uint32(len(t.names))
	name = strings.Clone(name)
	t.names = append(t.names, name)
	t.ids[name] = id
	return id
}

func (t *tagTable) name(id uint32) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if int(id) >= len(t.names) {
		return ""
	}
	return t.names[id]
}

// intern returns one shared copy of s, cloned out of its file's buffer.
// Only the goroutine that changes the library calls it.
func (t *tagTable) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := t.strings[s]; ok {
		return v
	}
	v := strings.Clone(s)
	t.strings[v] = v
	return v
}

// pageNeighbours caps the links among the stories of one page's list: a
// list of up to 2*pageNeighbours+1 stories (every real page) links all its
// pairs; a longer one links each story to the pageNeighbours before and
// after it in the page's order, so that a page of n stories costs O(n)
// links rather than O(n²).
const pageNeighbours = 25

// pageLinkBudget bounds the pairs one page's list links, past real pages.
const pageLinkBudget = 50_000

// linkSetFrom is the number of links from which an article keeps a set
// of them (articleMore.set).
const linkSetFrom = 256

// linkRef is a link as an article keeps it: the linked article's number
// (its Index, see articleBase.arts) and its kind with its tag's number
// (How | tag<<8, as the cache writes them). Half a Link, and without a
// pointer: a library of 100,000 dumps keeps millions of links, which no
// GC cycle then marks.
type linkRef struct {
	to   uint32
	kind uint32
}

// tagLimit is the first tag number a link cannot keep beside its kind
// (kind | tag<<8 in 32 bits); a link with a later tag keeps none.
const tagLimit = 1 << 24

func (r linkRef) how() LinkKind { return LinkKind(r.kind & 0xff) }
func (r linkRef) tag() uint32   { return r.kind >> 8 }

// link records that from was shown with to, in the way how; a link already
// there is kept in its place and made stronger if how is.
func (l *Library) link(from, to *Article, how LinkKind, tag uint32) {
	from.own(true)
	l.linksMade++
	link(from, to, how, tag)
}

// link is Library.link for an article whose links are its own; one made
// outside a library names the articles it links in a table of its own.
func link(from, to *Article, how LinkKind, tag uint32) {
	if tag >= tagLimit {
		tag = 0
	}
	m := from.own(true)
	n := m.number(to)
	i := m.linkIndex(n)
	if i >= 0 {
		r := &m.links[i]
		if how < r.how() || (how == r.how() && r.tag() == 0 && tag != 0) {
			r.kind = uint32(how) | tag<<8
		}
		return
	}
	if m.set != nil {
		m.set[n] = int32(len(m.links))
	} else if len(m.links) >= linkSetFrom {
		m.set = make(map[uint32]int32, len(m.links)+1)
		for k, r := range m.links {
			m.set[r.to] = int32(k)
		}
		m.set[n] = int32(len(m.links))
	}
	m.links = append(m.links, linkRef{to: n, kind: uint32(how) | tag<<8})
}

// number is to's number among the articles m names, given one if it is an
// article's own table (see AddLink).
func (m *articleMore) number(to *Article) uint32 {
	b := m.base
	if !b.own {
		return uint32(to.Index)
	}
	for i, a := range *b.arts {
		if a == to {
			return uint32(i)
		}
	}
	*b.arts = append(*b.arts, to)
	return uint32(len(*b.arts) - 1)
}

// AddLink links a to to, one way, as a page would: for articles made
// without a library's pages (a package's tests of what reads links).
func (a *Article) AddLink(to *Article, how LinkKind) { link(a, to, how, 0) }

// Links are the articles a was shown with, in both directions, gathered
// from every page it appears on: each once, in the order first seen, by
// the strongest way it was shown with it (see Link). They are made from
// what the article keeps (linkRef) each time, a new slice; a restored
// article's are read from the parse cache, until a change makes them
// again. They are read only, from any goroutine, while the library does
// not change.
func (a *Article) Links() []Link {
	m := a.more
	if m == nil {
		return nil
	}
	if m.isRestored() {
		if s := m.base.store; s != nil {
			return s.read(int(a.Index))
		}
		return nil
	}
	return linksOf(m.links, *m.base.arts)
}

// linksOf makes refs into links to the articles they number.
func linksOf(refs []linkRef, arts []*Article) []Link {
	if len(refs) == 0 {
		return nil
	}
	links := make([]Link, len(refs))
	for i, r := range refs {
		links[i] = Link{To: arts[r.to], How: r.how(), tag: r.tag()}
	}
	return links
}

// Related is the targets of Links, in their order.
func (a *Article) Related() []*Article {
	links := a.Links()
	out := make([]*Article, len(links))
	for i, l := range links {
		out[i] = l.To
	}
	return out
}

// linkIndex is the position of the link to article number to in links, or
// -1. Short lists are scanned, which is quicker than a map and costs no
// memory.
func (m *articleMore) linkIndex(to uint32) int {
	if m.set != nil {
		if i, ok := m.set[to]; ok {
			return int(i)
		}
		return -1
	}
	for i, r := range m.links {
		if r.to == to {
			return i
		}
	}
	return -1
}

// linkPage links the stories of a page's list to one another, both ways,
// within the cap of pageNeighbours.
func linkPage(list []*Article, how LinkKind, tag uint32, link func(from, to *Article, how LinkKind, tag uint32)) {
	reach := pageNeighbours
	if len(list) <= 2*pageNeighbours+1 {
		reach = len(list)
	}
	// A page no site makes (thousands of blocks, from a broken save or
	// on purpose) links each story to fewer neighbours, down to one, so
	// that the links of one page stay within pageLinkBudget and adding it
	// takes milliseconds, not the reader's keys for a second.
	if len(list) > pageLinkBudget/pageNeighbours {
		reach = max(1, pageLinkBudget/len(list))
	}
	for i, a := range list {
		for _, b := range list[i+1 : min(len(list), i+1+reach)] {
			link(a, b, how, tag)
			link(b, a, how, tag)
		}
	}
}
