package model

import (
	"tidings/internal/codec"
	"tidings/internal/spill"
)

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
	if !l.comesLast(d) {
		l.Add(d)
		return false
	}
	l.dropSkipped(d.Key)
	page := l.appendPage(d)
	defer l.shelve(page)
	each := func(a *Article) {
		if a.textPage == page.number {
			f(a, copyIn(d, a.ID))
		} else {
			f(a, nil)
		}
	}
	if main := l.MainOf(page); main != nil {
		each(main)
	}
	for a := range l.eachListed(page) {
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
	l.shelved.put(int(p.number), l.copiesOf(p), p.lines())
	p.keep(nil, nil)
}

// ShelveIn has the pages' copies shelved from now on (see LeaveText) kept
// in records (a file), not in memory.
func (l *Library) ShelveIn(records *spill.Records) {
	if l.shelved == nil {
		l.shelved = &shelf{}
	}
	l.shelved.recs = records
}

// shelf is the encoded copies of pages, by page number - 1: in a file, or
// in memory.
type shelf struct {
	w    *codec.Writer
	buf  []byte // the page being written
	recs *spill.Records
}

// Write takes what the encoder writes.
func (s *shelf) Write(b []byte) (int, error) {
	s.buf = append(s.buf, b...)
	return len(b), nil
}

func (s *shelf) put(number int, list []*Story, lines [][]uint64) {
	if s.w == nil {
		s.w = codec.NewWriter(s)
	}
	if s.recs == nil {
		s.recs = spill.InMemory()
	}
	s.buf = s.buf[:0]
	encodePageCopies(s.w, list, lines)
	s.w.Flush() // writes to memory: no error
	s.recs.Put(number-1, s.buf)
}

// page is the encoded copies of the page with the number, nil for a page
// not shelved; a slice of its own, which the copies decoded from it may
// keep.
func (s *shelf) page(number int) ([]byte, error) {
	if s == nil || number < 1 {
		return nil, nil
	}
	return s.recs.Read(number - 1)
}

// reader reads the shelved pages in the order they were put, as the
// cache is written: each valid until the next is read.
func (s *shelf) reader() *spill.Reader {
	if s == nil {
		return nil
	}
	return s.recs.Reader()
}
