package model

import (
	"cmp"
	"slices"
)

// Apply is the one way a library changes after its pages were added in
// walk order: a warm start taking in what changed since the cache, the
// watcher, and a rescan all come here. Pages of removed or changed files
// leave, new pages go in at their place in walk order, and every article
// they showed is made again from its copies, page by page in walk order,
// with its links, exactly as a load of the files as they are now would
// make it. Articles no page shows any more are gone.
func (l *Library) Apply(c Changes) Delta {
	var d Delta
	for _, f := range c.Reached {
		l.Reached(f.Key, f.Path)
	}
	touched := map[*Article]bool{}
	var order []*Article // touched, in the order first touched
	wasLive := map[*Article]bool{}
	touch := func(a *Article) {
		if a != nil && !touched[a] {
			touched[a] = true
			wasLive[a] = !a.gone
			order = append(order, a)
		}
	}
	// Pages leave and come in l.Pages once, at the end: a start after a
	// long absence may bring thousands of files.
	left := map[*Page]bool{}
	var came []*Page
	leave := func(key string) *Page {
		p := l.page(key)
		if p == nil {
			return nil
		}
		l.removePage(p, touch)
		left[p] = true
		return p
	}
	for _, key := range c.Removed {
		l.dropSkipped(key)
		if p := leave(key); p != nil {
			d.Removed = append(d.Removed, p.Path)
		}
	}
	for _, s := range c.Skipped {
		if p := leave(s.Key); p != nil {
			d.Removed = append(d.Removed, p.Path)
		}
		l.setSkipped(s)
	}
	parsed := map[*Page]*Dump{}
	for _, dump := range c.Pages {
		l.dropSkipped(dump.Key)
		old := leave(dump.Key)
		p := l.insertPage(dump, touch)
		came = append(came, p)
		parsed[p] = dump
		if old != nil {
			d.Changed = append(d.Changed, p)
		} else {
			d.Added = append(d.Added, p)
		}
	}
	l.Pages = mergePages(slices.DeleteFunc(l.Pages, func(p *Page) bool { return left[p] }), came)
	for _, a := range order {
		l.remake(a)
		if dump := parsed[a.textPageOf()]; dump != nil && !a.gone {
			// Its text is in memory, from the file just parsed.
			if s := copyIn(dump, a.ID); s != nil {
				a.SetText(s.Paragraphs(), s.Entries(), nil)
				a.TextOnDisk = false
			}
		}
		if !a.gone && !wasLive[a] {
			d.New = append(d.New, a)
		}
	}
	l.relink(touched)
	for p := range left {
		l.book.forget(p)
	}
	d.Touched = order
	return d
}

// removePage takes a page out of the library's keys and out of its
// articles' pages; Apply takes it out of l.Pages.
func (l *Library) removePage(p *Page, touch func(*Article)) {
	l.countLines(p, -1)
	l.dropPage(p.Key)
	l.Bytes -= p.Size
	drop := func(a *Article) {
		if a == nil {
			return
		}
		touch(a)
		// (Its links are made again: relink.)
		m := a.own(false)
		m.pages = slices.DeleteFunc(m.pages, func(n int32) bool { return n == p.number })
	}
	drop(l.MainOf(p))
	for a := range l.eachListed(p) {
		drop(a)
	}
}

// insertPage makes a dump's page and puts it at its place among its
// articles' pages; Apply puts it in l.Pages, and the articles are made
// again after (see remake).
func (l *Library) insertPage(d *Dump, touch func(*Article)) *Page {
	page := l.newPage(d)
	place := func(s *Story) (*Article, bool) {
		a := l.article(s.ID)
		if a == nil {
			a = l.newArticle(s.ID)
		}
		touch(a)
		m := a.own(false) // (its links are made again: relink)
		if slices.Contains(m.pages, page.number) {
			return a, false
		}
		i, _ := slices.BinarySearchFunc(m.pages, page, func(n int32, p *Page) int { return comparePages(l.book.at(n), p) })
		m.pages = slices.Insert(m.pages, i, page.number)
		return a, true
	}
	if d.Main != nil {
		main, _ := place(d.Main)
		page.main = main.Index + 1
	}
	for _, s := range d.Related {
		if r, first := place(s); first {
			l.book.lists.add(r.Index)
		}
	}
	l.book.endList(page)
	page.keep(l.keepCopies(d), linesOf(d))
	l.countLines(page, 1)
	return page
}

// comparePages orders pages by walk order, and pages of one place in it
// by when they were added: a page just made goes after every page of its
// place.
func comparePages(q, p *Page) int {
	if c := CompareOrders(&q.FileRef, &p.FileRef); c != 0 {
		return c
	}
	return cmp.Compare(q.number, p.number)
}

// remake makes an article again from its copies, page by page in walk
// order, as adding those pages would; one no page shows is gone.
func (l *Library) remake(a *Article) {
	l.removeFromDay(a)
	if a.PageCount() == 0 {
		*a = Article{Story: Story{ID: a.ID}, Index: a.Index, more: a.more, gone: true}
		a.dropLinks()
		return
	}
	first := true
	for i := range a.PageCount() {
		p := a.PageAt(i)
		for k, s := range l.copiesOf(p) {
			if s == nil || s.ID != a.ID {
				continue
			}
			// A collection's items are each an article's own copy, as a
			// main story is (as Add has it).
			isMain := k == 0 || p.Layout == LayoutCollection
			if first {
				l.startArticle(a, s, isMain, p)
				first = false
				continue
			}
			// mergeCopy moves the article between days as it goes; it is
			// in none until placed below.
			l.mergeCopy(a, s, isMain, p)
		}
	}
	l.removeFromDay(a)
	l.addToDay(a)
}

// relink makes the links of the touched articles again, from the pages
// that show them, in walk order. The links of any other article are as
// they were: a link is made by a page, and every page that showed a
// touched article, or shows it now, touched every article on it.
func (l *Library) relink(touched map[*Article]bool) {
	var pages []*Page
	seen := map[*Page]bool{}
	for a := range touched {
		a.dropLinks()
		l.linksMade++
		for i := range a.PageCount() {
			if p := a.PageAt(i); !seen[p] {
				seen[p] = true
				pages = append(pages, p)
			}
		}
	}
	slices.SortFunc(pages, comparePages)
	for _, p := range pages {
		l.pageLinks(p, func(from, to *Article, how LinkKind, tag uint32) {
			if touched[from] && !from.gone && !to.gone {
				l.link(from, to, how, tag)
			}
		})
	}
}

// mergePages merges pages new to the library into pages, both in walk
// order after sorting the new ones.
func mergePages(pages, came []*Page) []*Page {
	if len(came) == 0 {
		return pages
	}
	slices.SortFunc(came, comparePages)
	if len(pages) == 0 || comparePages(pages[len(pages)-1], came[0]) < 0 {
		return append(pages, came...)
	}
	out := make([]*Page, 0, len(pages)+len(came))
	i, j := 0, 0
	for i < len(pages) && j < len(came) {
		if comparePages(pages[i], came[j]) < 0 {
			out = append(out, pages[i])
			i++
		} else {
			out = append(out, came[j])
			j++
		}
	}
	out = append(out, pages[i:]...)
	return append(out, came[j:]...)
}
