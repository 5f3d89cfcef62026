package model

import "tidings/internal/codec"

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
	if l.page(d.Key) != nil || (len(l.Pages) > 0 && d.Order < l.Pages[len(l.Pages)-1].Order) {
		l.Add(d)
		return false
	}
	l.dropSkipped(d.Key)
	page := l.appendPage(d)
	defer l.shelve(page)
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

// shelve encodes a page's copies as the cache keeps them, when the library
// leaves text, and lets the stories go: a page's copies are read back only
// when a change touches the page (see copiesOf) or the cache is written,
// and take about a third of the memory encoded.
func (l *Library) shelve(p *Page) {
	if !l.leaveText {
		return
	}
	if l.shelved == nil {
		l.shelved = &shelf{}
	}
	l.shelved.put(p.number, l.copiesOf(p), p.lines())
	p.keep(nil, nil)
}

// shelf is the encoded copies of pages, in chunks of a MiB or more.
type shelf struct {
	w      *codec.Writer
	buf    []byte // the page being written
	chunks [][]byte
	where  []shelfSpot // by page number - 1
}

// shelfSpot is where a page's copies are; zero for a page not shelved.
type shelfSpot struct{ chunk, from, to uint32 }

const shelfChunk = 1 << 20

// Write takes what the encoder writes.
func (s *shelf) Write(b []byte) (int, error) {
	s.buf = append(s.buf, b...)
	return len(b), nil
}

func (s *shelf) put(number int, list []*Story, lines [][]uint64) {
	if s.w == nil {
		s.w = codec.NewWriter(s)
	}
	s.buf = s.buf[:0]
	encodePageCopies(s.w, list, lines)
	s.w.Flush() // writes to memory: no error
	if n := len(s.chunks); n == 0 || len(s.chunks[n-1])+len(s.buf) > cap(s.chunks[n-1]) {
		s.chunks = append(s.chunks, make([]byte, 0, max(shelfChunk, len(s.buf))))
	}
	last := &s.chunks[len(s.chunks)-1]
	from := len(*last)
	*last = append(*last, s.buf...)
	for len(s.where) < number {
		s.where = append(s.where, shelfSpot{})
	}
	s.where[number-1] = shelfSpot{uint32(len(s.chunks) - 1), uint32(from), uint32(len(*last))}
}

// page is the encoded copies of the page with the number, or nil.
func (s *shelf) page(number int) []byte {
	if s == nil || number < 1 || number > len(s.where) {
		return nil
	}
	w := s.where[number-1]
	if w.to == 0 {
		return nil
	}
	return s.chunks[w.chunk][w.from:w.to:w.to]
}
