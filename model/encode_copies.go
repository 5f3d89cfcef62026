package model

import (
	"slices"

	"tidings/internal/codec"
)

// A page's copies, its stories as parsed without their text, are kept in
// a section of their own, with each page's offset into it, so that a
// change reads back only the copies of the pages it touches.

// CopySections are the two sections that keep the pages' copies: each
// page's stories as parsed, main story first, without their text; then
// where each page's run of them starts in the first section, so that a
// restored library reads a page's copies alone, when a change needs them
// (see CopyReader). The library must not change between the two.
func (l *Library) CopySections() (copies, offsets func(*codec.Writer)) {
	var at []uint32
	copies = func(w *codec.Writer) {
		at = make([]uint32, 0, len(l.Pages)+1)
		shelved := l.shelved.reader()
		for _, p := range l.Pages {
			at = append(at, uint32(w.Len()))
			if p.copies() == nil && shelved != nil {
				data, err := shelved.Get(int(p.number - 1))
				if err != nil {
					w.Fail(err)
					return
				}
				if data != nil {
					w.Bytes(data) // encoded as it was added (see LeaveText)
					continue
				}
			}
			encodePageCopies(w, l.copiesOf(p), p.lines())
			if int(p.number) > l.storedPages {
				continue
			}
			p.keep(nil, nil) // read back for writing only: left on disk again
		}
		at = append(at, uint32(w.Len()))
	}
	offsets = func(w *codec.Writer) { codec.WriteArray(w, at) }
	return copies, offsets
}

// encodePageCopies writes one page's run of copies, with their lines
// (by copy, or nil when none has any).
func encodePageCopies(w *codec.Writer, list []*Story, lines [][]uint64) {
	w.Uint(uint64(len(list)))
	for k, s := range list {
		if s == nil {
			w.Bool(false)
			continue
		}
		w.Bool(true)
		w.String(s.ID)
		w.String(s.Headline)
		w.String(s.Source())
		w.String(s.Age())
		w.Time(s.PublishedAt.Time())
		w.Uint(uint64(s.PublishedPrecision))
		w.Uint(uint64(textLen(s)))
		w.String(s.Format.String())
		w.String(s.URL())
		w.String(s.Author())
		encodeStrings(w, s.Tags())
		var keys []uint64
		if len(lines) == len(list) {
			keys = lines[k]
		}
		w.Uint(uint64(len(keys)))
		for _, key := range keys {
			w.Uint(key)
		}
	}
}

// DecodeCopyOffsets reads where each page's copies are (see
// CopySections), checked against the pages and the copies section's
// length, so that a page's run is always inside it.
func (l *Library) DecodeCopyOffsets(r *codec.Reader, sectionLen int64) []uint32 {
	at := codec.ReadArray[uint32](r)
	if r.Err() != nil || len(at) != len(l.Pages)+1 || int64(at[len(at)-1]) != sectionLen {
		r.Fail()
		return nil
	}
	for i := 1; i < len(at); i++ {
		if at[i] < at[i-1] {
			r.Fail()
			return nil
		}
	}
	return at
}

// KeepCopiesIn has the library read its restored pages' copies through
// cr, when a change needs them.
func (l *Library) KeepCopiesIn(cr CopyReader) {
	l.stored, l.storedPages = cr, len(l.Pages)
}

// decodePageCopies reads one page's run of copies, and their lines (nil
// when none has any).
func decodePageCopies(r *codec.Reader) ([]*Story, [][]uint64) {
	out := make([]*Story, r.Count(1))
	var lines [][]uint64
	slab := make([]Story, len(out))
	for k := range out {
		if !r.Bool() {
			continue
		}
		s := &slab[k]
		*s = Story{ID: r.String(), Headline: r.String(), source: sourceNoOf(r.Transient()), age: ageNoOf(r.Transient()), PublishedAt: MomentOf(r.Time()), TextOnDisk: true}
		s.PublishedPrecision = precisionFrom(r.Uint())
		s.TextBytes = lenOf(int(min(r.Uint(), 1<<31-1)))
		s.Format = TextFormatNamed(r.Transient())
		url, author := r.String(), r.String()
		s.SetMeta(url, author, decodeStrings(r))
		if n := r.Count(1); n > 0 {
			if lines == nil {
				lines = make([][]uint64, len(out))
			}
			lines[k] = make([]uint64, n)
			for i := range lines[k] {
				lines[k][i] = r.Uint()
			}
			if !slices.IsSorted(lines[k]) {
				r.Fail()
			}
		}
		out[k] = s
	}
	return out, lines
}
