package model

import (
	"strings"
	"time"

	"tidings/internal/codec"
)

// A library is kept in the parse cache as three sections (see cache):
// its articles, pages and skipped files; its links; and its pages' copies.
// Text is not kept: a library read back reads it from the files.

// EncodeLibrary writes the articles, the pages and the skipped files.
func (l *Library) EncodeLibrary(w *codec.Writer) {
	pageNo := make(map[*Page]int, len(l.Pages))
	for i, p := range l.Pages {
		pageNo[p] = i + 1
	}
	l.tags.mu.RLock()
	names := l.tags.names
	l.tags.mu.RUnlock()
	w.Uint(uint64(len(names)))
	for _, n := range names {
		w.String(n)
	}
	// The counts come first, so that a read allocates each array once, at
	// its size, and resolves page numbers as it goes (see DecodeLibrary).
	refs := 0
	for _, a := range l.Articles {
		refs += a.PageCount()
	}
	w.Uint(uint64(len(l.Articles)))
	w.Uint(uint64(len(l.Pages)))
	w.Uint(uint64(refs))
	for _, a := range l.Articles {
		w.String(a.ID)
		w.String(a.Headline)
		w.String(a.Source())
		w.String(a.Age())
		w.Time(a.PublishedAt.Time())
		w.Uint(uint64(a.PublishedPrecision))
		w.Uint(uint64(a.TextBytes))
		w.String(a.Format.String())
		w.String(a.URL())
		w.String(a.Author())
		encodeStrings(w, a.Tags())
		w.String(a.Day())
		w.Time(a.SavedAt.Time())
		w.Bool(a.SavedAtEstimate)
		w.Bool(a.fromMain)
		w.Int(int64(a.agePrec))
		w.Bool(a.gone)
		w.Uint(uint64(pageNo[a.textPageOf()]))
		w.Uint(uint64(a.PageCount()))
		for i := range a.PageCount() {
			w.Uint(uint64(pageNo[a.PageAt(i)]))
		}
	}
	for _, p := range l.Pages {
		encodeRef(w, p.FileRef)
		w.String(p.Layout.String())
		w.Time(p.SavedAt.Time())
		w.Bool(p.SavedAtEstimate)
		w.String(p.Day())
		w.String(p.Tag())
		main := 0
		if p.main != 0 {
			main = int(p.main)
		}
		w.Uint(uint64(main))
		from, to := l.book.list(p.number)
		w.Uint(uint64(to - from))
		for i := from; i < to; i++ {
			w.Uint(uint64(l.book.lists.at(i)))
		}
	}
	skipped := l.SkippedFiles()
	w.Uint(uint64(len(skipped)))
	for _, s := range skipped {
		encodeRef(w, s.FileRef)
		w.String(s.Reason)
	}
	// Counts left in the snapshot are read back to be written (or, when
	// they cannot be, counted again from the pages, as they then are).
	_ = l.siteCounted()
	l.site.encode(w)
}

func encodeRef(w *codec.Writer, f FileRef) {
	w.String(f.Key)
	if f.Path == f.Key {
		w.String("") // the common case, kept once
	} else {
		w.String(f.Path)
	}
	writeOrder(w, &f)
	w.Int(f.Size)
	w.Int(f.ModTime)
	w.Int(f.ChangeTime)
	w.Uint(f.Device)
	w.Uint(f.Inode)
}

func decodeRef(r *codec.Reader) FileRef { return decodePageRef(r, nil) }

// decodePageRef is decodeRef of a page's file, whose walk order is kept
// as a mark of marks when it can be (see walkorder.go); nil marks none.
func decodePageRef(r *codec.Reader, marks *orderMarks) FileRef {
	f := FileRef{Key: r.String()}
	// A path given relative (tidings news) is mostly the end of the key
	// (/home/me/news/...): kept as that part of it, not again.
	switch path := r.Transient(); {
	case path == "":
		f.Path = f.Key
	case strings.HasSuffix(f.Key, path):
		f.Path = f.Key[len(f.Key)-len(path):]
	default:
		f.Path = r.Keep(path)
	}
	order := r.Transient()
	mark, marked := "", false
	if marks != nil {
		mark, marked = marks.markOf(f.Path, order)
	}
	if marked {
		f.Order = mark
	} else {
		f.Order = r.Keep(order)
		if order != "" && order[0] == orderMark {
			r.Fail()
		}
	}
	f.Stamp = Stamp{Size: r.Int(), ModTime: r.Int(), ChangeTime: r.Int(), Device: r.Uint(), Inode: r.Uint()}
	return f
}

// DecodeLibrary reads what EncodeLibrary wrote. Strings are r's (a copy
// when r reads a mapped file); those that repeat are interned. Every
// reference is checked; damage is left in r.
func DecodeLibrary(r *codec.Reader) *Library {
	lib := NewLibrary()
	for range r.Count(1) {
		lib.tags.id(r.Transient())
	}
	// The pages are allocated before the articles are read, so that an
	// article's page numbers become references as they are read, into one
	// array for all (an article's list is a capped part of it): a start,
	// which runs with the collector off, makes no garbage of them.
	n := r.Count(10)
	pages := make([]Page, r.Count(8))
	pageRefs := make([]int32, 0, r.Count(1))
	pageStarts := make([]uint32, n+1)
	lib.book.restored = pages
	lib.book.listStarts = make([]uint32, 0, len(pages)+1)
	lib.Articles = make([]*Article, n)
	all := make([]Article, n)
	page := func(no uint64) *Page {
		if no < 1 || no > uint64(len(pages)) {
			r.Fail()
			return nil
		}
		return &pages[no-1]
	}
	for i := range all {
		a := &all[i]
		a.Index = int32(i)
		a.ID = r.String()
		if !validID(a.ID) {
			r.Fail()
		}
		a.Headline = r.String()
		// Sources, ages, days and the like repeat across thousands of
		// stories: one copy each.
		a.source = sourceNoOf(r.Transient())
		a.age = ageNoOf(r.Transient())
		a.PublishedAt = MomentOf(r.Time())
		a.PublishedPrecision = precisionFrom(r.Uint())
		a.TextBytes = lenOf(int(min(r.Uint(), 1<<31-1)))
		a.TextOnDisk = true
		a.Format = TextFormatNamed(r.Transient())
		url := r.String()
		author := lib.intern(r.Transient())
		a.SetMeta(url, author, decodeStrings(r))
		a.day = dayNoOf(r.Transient())
		a.SavedAt = MomentOf(r.Time())
		a.SavedAtEstimate = r.Bool()
		a.fromMain = r.Bool()
		a.agePrec = time.Duration(r.Int())
		a.gone = r.Bool()
		if no := r.Uint(); no != 0 && page(no) != nil {
			a.textPage = int32(no)
		}
		from := len(pageRefs)
		k := r.Count(1)
		if k > cap(pageRefs)-from {
			r.Fail() // more than the count said
			k = 0
		}
		for range k {
			no := r.Uint()
			if page(no) == nil {
				no = 1 // (damage, left in r)
			}
			pageRefs = append(pageRefs, int32(no))
		}
		pageStarts[i+1] = uint32(len(pageRefs))
		a.more = lib.base.restored
		lib.Articles[i] = a
	}
	if len(pageRefs) != cap(pageRefs) {
		r.Fail() // fewer
	}
	lib.base.pageStarts, lib.base.pageRefs = pageStarts, pageRefs
	lib.Pages = make([]*Page, len(pages))
	var marks orderMarks
	for i := range pages {
		p := &pages[i]
		p.number = int32(i + 1)
		p.FileRef = decodePageRef(r, &marks)
		p.Layout = LayoutNamed(r.Transient())
		p.SavedAt = MomentOf(r.Time())
		p.SavedAtEstimate = r.Bool()
		p.day = dayNoOf(r.Transient())
		p.SetTag(lib.intern(r.Transient()))
		if main := r.Below(n + 1); main > 0 {
			p.main = int32(main)
		}
		for range r.Count(1) {
			lib.book.lists.add(int32(r.Below(n)))
		}
		lib.book.endList(p)
		lib.Pages[i] = p
		lib.Bytes += p.Size
	}
	lib.pagesAdded = len(pages)
	if r.Err() != nil {
		return lib
	}
	// Found by id and key in tables, not maps (see lookup.go); two of one
	// id or key are damage.
	ids, okIDs := newRestoredTable(n, func(i int) string { return all[i].ID })
	keys, okKeys := newRestoredTable(len(pages), func(i int) string { return pages[i].Key })
	if !okIDs || !okKeys {
		r.Fail()
		return lib
	}
	lib.restoredIDs, lib.restoredKeys, lib.restored = ids, keys, pages
	lib.addAllToDays()
	for range r.Count(3) {
		s := Skipped{FileRef: decodeRef(r), Reason: r.String()}
		if r.Err() != nil {
			break
		}
		lib.skipped[s.Key] = s
		lib.Warnings = append(lib.Warnings, Warning{Path: s.Path, Reason: s.Reason, key: s.Key, order: s.Order})
	}
	lib.site = restoreSiteCounts(r)
	return lib
}

// cleanedOnce is the number of n's name cleaned, cleaned once a number
// (done holds those cleaned before).
func cleanedOnce[N interface {
	~uint32
	String() string
}](done map[N]N, n N, clean func(string) string, numberOf func(string) N) N {
	c, ok := done[n]
	if !ok {
		c = numberOf(clean(n.String()))
		done[n] = c
	}
	return c
}

// Reached renames, for showing, the page or skipped file with the key to
// the path the user reached it by this time.
func (l *Library) Reached(key, path string) {
	if p := l.page(key); p != nil && p.Path != path {
		p.Order = p.WalkOrder() // made from the path it stood for
		p.Path = strings.Clone(path)
		return
	}
	if s, ok := l.skipped[key]; ok && s.Path != path {
		s.Path = strings.Clone(path)
		l.skipped[key] = s
		for i := range l.Warnings {
			if l.Warnings[i].key == key {
				l.Warnings[i].Path = s.Path
			}
		}
	}
}

// CleanStored passes every text a library read back from the cache holds
// through clean, now for what is in memory and later for copies read on
// demand: a cache file is not trusted to be what tidings wrote (a crafted
// one could carry terminal escapes in a headline).
func (l *Library) CleanStored(clean func(string) string) {
	l.clean = clean
	// Days, ages and sources are cleaned once a number: a few thousand,
	// not a million.
	days, ages, sources := map[dayNo]dayNo{}, map[ageNo]ageNo{}, map[sourceNo]sourceNo{}
	dayCleaned := false
	cleanDay := func(n dayNo) dayNo {
		c := cleanedOnce(days, n, clean, dayNoOf)
		dayCleaned = dayCleaned || c != n
		return c
	}
	for _, a := range l.Articles {
		a.Headline, a.day = clean(a.Headline), cleanDay(a.day)
		a.age = cleanedOnce(ages, a.age, clean, ageNoOf)
		a.source = cleanedOnce(sources, a.source, clean, sourceNoOf)
		if a.Meta != nil {
			a.SetMeta(clean(a.URL()), clean(a.Author()), a.Tags())
			cleanAll(a.Tags(), clean)
		}
	}
	if dayCleaned {
		// The articles were grouped by day as read (DecodeLibrary), under
		// the days as the file wrote them: a crafted day would keep its
		// group, and the clean one none.
		clear(l.days)
		l.dayList = nil
		l.addAllToDays()
	}
	// Paths are not touched: they name files to read, and are cleaned
	// where they are shown.
	for _, p := range l.Pages {
		// A tag is set again only when cleaning changed it: setting it
		// makes the page's kept copies anew, 6 MB of garbage at a
		// million dumps while a warm start holds the collector off.
		if t := p.Tag(); t != "" {
			if c := clean(t); c != t {
				p.SetTag(c)
			}
		}
		p.day = cleanDay(p.day)
	}
	for k, s := range l.skipped {
		s.Reason = clean(s.Reason)
		l.skipped[k] = s
	}
	for i := range l.Warnings {
		l.Warnings[i].Reason = clean(l.Warnings[i].Reason)
	}
	l.tags.mu.Lock()
	for i, n := range l.tags.names {
		l.tags.names[i] = clean(n)
	}
	l.tags.mu.Unlock()
}

// encodeStrings writes a list of strings (a story's tags), its length first.
func encodeStrings(w *codec.Writer, list []string) {
	w.Uint(uint64(len(list)))
	for _, s := range list {
		w.String(s)
	}
}

// decodeStrings reads what encodeStrings wrote; nil for none.
func decodeStrings(r *codec.Reader) []string {
	n := r.Count(1)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.String()
	}
	return out
}

func cleanAll(list []string, clean func(string) string) {
	for i, s := range list {
		list[i] = clean(s)
	}
}

// validID is an id as StoryID makes it: 16 lower-case hex digits.
func validID(id string) bool {
	if len(id) != 16 {
		return false
	}
	for i := range len(id) {
		if c := id[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// precisionFrom reads a stored Precision; a value no version wrote reads
// as unknown rather than as a precision that does not exist.
func precisionFrom(v uint64) Precision {
	if v > uint64(PrecisionYear) {
		return PrecisionUnknown
	}
	return Precision(v)
}
