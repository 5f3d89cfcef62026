package model

// The links' section of the parse cache: every story's links as arrays,
// which a restored library reads a story's at a time.

import (
	"errors"
	"io"
	"slices"

	"tidings/internal/codec"
)

// EncodeLinks writes the links as three arrays, which are read without
// decoding a number at a time: each article's count, then every link's
// target and its kind with its tag's number (kind | tag<<8). The targets
// and the kinds are written a part at a time: whole, at 100,000 dumps,
// they would hold more memory than the links themselves.
func (l *Library) EncodeLinks(w *codec.Writer) {
	counts := make([]uint32, len(l.Articles))
	total := 0
	rd := newLinksReader()
	for i, a := range l.Articles {
		counts[i] = uint32(len(rd.refs(a)))
		total += int(counts[i])
	}
	codec.WriteArray(w, counts)
	part := make([]uint32, 0, linksPart)
	for _, field := range []func(r linkRef) uint32{
		func(r linkRef) uint32 { return r.to },
		func(r linkRef) uint32 { return r.kind },
	} {
		codec.WriteArrayHead(w, total)
		for i, a := range l.Articles {
			refs := rd.refs(a)
			if len(refs) != int(counts[i]) {
				// A restored article's links, read from the cache's
				// file again, are not what they were a moment ago.
				w.Fail(errLinksUnread)
				return
			}
			for _, r := range refs {
				if len(part) == cap(part) {
					codec.WriteElements(w, part)
					part = part[:0]
				}
				part = append(part, field(r))
			}
		}
		codec.WriteElements(w, part)
		part = part[:0]
	}
}

var errLinksUnread = errors.New("the parse cache changed while its links were read")

// linksPart is how many of the links' numbers EncodeLinks writes at once.
const linksPart = 1 << 14

// DecodeLinks reads what EncodeLinks wrote, checking every link. With a
// file (f, the snapshot r is mapped from), the links stay in it, read an
// article's at a time when asked for (see Article.Links): a restored
// library of 100,000 dumps holds millions of links, of which a reader
// shows a few stories'. Otherwise they are made in memory.
func (l *Library) DecodeLinks(r *codec.Reader, f io.ReaderAt) {
	n := len(l.Articles)
	// Read where they lie, not copied.
	counts := codec.ReadUint32s(r)
	to, toAt := codec.ReadUint32sAt(r)
	kind, kindAt := codec.ReadUint32sAt(r)
	if r.Err() != nil || counts.Len() != n || to.Len() != kind.Len() {
		r.Fail()
		return
	}
	tags := len(l.tags.names)
	for from := 0; from < to.Len(); from += checkLinksEvery {
		end := min(from+checkLinksEvery, to.Len())
		for i := from; i < end; i++ {
			t, k := to.At(i), kind.At(i)
			if how, tag := LinkKind(k&0xff), k>>8; int(t) >= n || how < LinkMain || how > LinkListing || int(tag) >= tags {
				r.Fail()
				return
			}
		}
		// Both arrays are read through: tens of megabytes at 100,000
		// dumps that would stay resident until the section is closed.
		r.HandBack(to[4*from : 4*end])
		r.HandBack(kind[4*from : 4*end])
	}
	starts := make([]uint32, n+1)
	at := 0
	for i := range n {
		k := int(counts.At(i))
		if k > to.Len()-at {
			r.Fail()
			return
		}
		at += k
		starts[i+1] = uint32(at)
	}
	if at != to.Len() {
		r.Fail()
		return
	}
	store := &linkStore{f: f, toAt: toAt, kindAt: kindAt, starts: starts, articles: l.Articles[:n:n], tags: tags}
	if f == nil || toAt < 0 || kindAt < 0 {
		// The links of every article in one array.
		store.f, store.mem = nil, make([]linkRef, to.Len())
		for i := range store.mem {
			store.mem[i] = linkRef{to: to.At(i), kind: kind.At(i)}
		}
	}
	// Every article read from the cache reads its links from the store
	// until a change makes them its own (see articleMore).
	l.base.store = store
}

// checkLinksEvery is how many links DecodeLinks checks before it hands
// the pages it read back (1 MiB of each array).
const checkLinksEvery = 1 << 18

// linkStore is where restored articles' links lie in the parse cache's
// file: a target array and a kind array (see EncodeLinks), each article's
// run starting at starts[i]; or, read from no file, in memory (mem). It
// is only read, from any goroutine.
type linkStore struct {
	f            io.ReaderAt
	toAt, kindAt int64
	mem          []linkRef
	starts       []uint32
	articles     []*Article // the articles the indexes name
	tags         int        // the tags there were
}

// read is article i's links, checked again (the file is not trusted to be
// what was checked when it was mapped); nil when they cannot be read.
func (s *linkStore) read(i int) []Link {
	return linksOf(s.refs(i), s.articles)
}

// refs is article i's links as an article keeps them, checked as read
// says.
func (s *linkStore) refs(i int) []linkRef {
	if i < 0 || i+1 >= len(s.starts) {
		return nil
	}
	from, to := int64(s.starts[i]), int64(s.starts[i+1])
	if to == from {
		return nil
	}
	if s.f == nil {
		return slices.Clone(s.mem[from:to])
	}
	buf := make([]byte, 8*(to-from))
	targets, kinds := codec.Uint32s(buf[:4*(to-from)]), codec.Uint32s(buf[4*(to-from):])
	if _, err := s.f.ReadAt(targets, s.toAt+4*from); err != nil {
		return nil
	}
	if _, err := s.f.ReadAt(kinds, s.kindAt+4*from); err != nil {
		return nil
	}
	refs := make([]linkRef, to-from)
	for k := range refs {
		r := linkRef{to: targets.At(k), kind: kinds.At(k)}
		if int(r.to) >= len(s.articles) || r.how() < LinkMain || r.how() > LinkListing || int(r.tag()) >= s.tags {
			return nil
		}
		refs[k] = r
	}
	return refs
}
