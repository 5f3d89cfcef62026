package model

// A cold load that builds its indexes as it goes (cache.Cold) keeps no
// story's text in the library: each text is taken from its dump while the
// dump is in hand, and read back from the file when it is shown, as for a
// library restored from the cache. These are the library's side of it.

// LeaveText makes the library keep none of the text of the copies added
// from now on: their articles' text is read back from the dumps (see
// BodyOf), which needs Dumps set.
func (l *Library) LeaveText() { l.leaveText = true }

// AddEach adds d as Add does and, when d merged straight in (it comes after
// every page in walk order and its file is new, as each page of a load
// is), calls f with each article the page shows, once, and text: the copy
// of d its text is now taken from, or nil when its text is another page's
// (the page may still have changed its source). It reports false, calling
// f for none, when d was applied as a change instead.
func (l *Library) AddEach(d *Dump, f func(a *Article, text *Story)) bool {
	if l.byKey[d.Key] != nil || (len(l.Pages) > 0 && d.Order < l.Pages[len(l.Pages)-1].Order) {
		l.Add(d)
		return false
	}
	l.dropSkipped(d.Key)
	page := l.appendPage(d)
	each := func(a *Article) {
		if a.textPage == page {
			f(a, copyIn(d, a.ID))
		} else {
			f(a, nil)
		}
	}
	if page.Main != nil {
		each(page.Main)
	}
	for _, a := range page.Related {
		each(a)
	}
	return true
}
