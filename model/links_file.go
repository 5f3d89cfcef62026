package model

// A cold load's links, once its pages are all added, written to a file
// and read from it a story's at a time, as a library restored from the
// cache reads them from the cache's (linkStore): at 100,000 dumps some 50
// MB less in the heap while the indexes are built and the cache written,
// the peak of a cold start.

import (
	"bufio"
	"encoding/binary"
	"io"
	"os"

	"tidings/internal/codec"
)

// LinksFile is the library's links as WriteLinks wrote them, for
// ReadLinksFrom.
type LinksFile struct {
	store *linkStore
	made  uint64   // the library's linksMade when they were written
	file  *os.File // the store's, closed when no library takes it
}

// Close closes the file of links of a library that did not take them
// (ReadLinksFrom closes one it refuses): a spill file is unlinked, and its
// disk space is held while it is open.
func (lf *LinksFile) Close() error {
	if lf == nil {
		return nil
	}
	return lf.file.Close()
}

// WriteLinks writes every article's links to f, from its start, in the
// arrays the cache's links section holds (see EncodeLinks): the targets,
// then the kinds. It only reads the library, which must not change
// meanwhile; ReadLinksFrom then has the articles read them from f.
func (l *Library) WriteLinks(f *os.File) (*LinksFile, error) {
	n := len(l.Articles)
	starts := make([]uint32, n+1)
	rd := newLinksReader()
	total := 0
	for i, a := range l.Articles {
		total += len(rd.refs(a))
		starts[i+1] = uint32(total)
	}
	w := bufio.NewWriterSize(io.NewOffsetWriter(f, 0), 1<<16)
	var b [4]byte
	for _, field := range []func(r linkRef) uint32{
		func(r linkRef) uint32 { return r.to },
		func(r linkRef) uint32 { return r.kind },
	} {
		for _, a := range l.Articles {
			for _, r := range rd.refs(a) {
				binary.LittleEndian.PutUint32(b[:], field(r))
				w.Write(b[:]) // an error stays with w, for Flush
			}
		}
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if rd.err != nil {
		return nil, rd.err
	}
	store := &linkStore{f: f, toAt: 0, kindAt: 4 * int64(total), starts: starts, articles: l.Articles[:n:n], tags: len(l.tags.names)}
	return &LinksFile{store: store, made: l.linksMade, file: f}, nil
}

// ReadLinksFrom has the articles read their links from what WriteLinks
// wrote, leaving them out of the heap; it reports false, changing nothing
// but closing the file, when links were made or articles added since. Links, and a change's
// links after, then read them from the file (see Article.Links, link).
func (l *Library) ReadLinksFrom(lf *LinksFile) bool {
	if lf == nil {
		return false
	}
	if lf.made != l.linksMade || len(lf.store.articles) != len(l.Articles) {
		lf.Close()
		return false
	}
	l.restoreAll(lf.store)
	return true
}

// linksReader reads articles' links in article order, those that lie in
// a file (linkStore) a stretch at a time rather than two reads each: the
// whole library's are read so when the cache is written. For one
// goroutine; err is the first read that failed (its articles then have
// none).
type linksReader struct {
	store      *linkStore
	from, upTo int64 // the links in targets and kinds: [from, upTo)
	targets    []byte
	kinds      []byte
	buf        []linkRef
	err        error
}

// linksWindow is how many links a linksReader reads at once (a variable
// for the tests).
var linksWindow int64 = 1 << 15

func newLinksReader() *linksReader { return &linksReader{} }

// refs is a's links as it keeps them (its links, or where they lie in a file), valid until
// the next call.
func (rd *linksReader) refs(a *Article) []linkRef {
	m := a.more
	switch {
	case m == nil:
		return nil
	case !m.isRestored():
		return m.links
	}
	s, i := m.base.store, int(a.Index)
	if s == nil || i < 0 || i+1 >= len(s.starts) {
		return nil
	}
	if s.f == nil {
		return s.mem[s.starts[i]:s.starts[i+1]]
	}
	from, to := int64(s.starts[i]), int64(s.starts[i+1])
	if to == from {
		return nil
	}
	if to-from > linksWindow {
		return s.refs(i) // a story shown with that many: read alone
	}
	if s != rd.store || from < rd.from || to > rd.upTo {
		if !rd.fill(s, from) {
			return nil
		}
	}
	rd.buf = rd.buf[:0]
	targets, kinds := codec.Uint32s(rd.targets), codec.Uint32s(rd.kinds)
	for k := from - rd.from; k < to-rd.from; k++ {
		r := linkRef{to: targets.At(int(k)), kind: kinds.At(int(k))}
		if int(r.to) >= len(s.articles) || r.how() < LinkMain || r.how() > LinkListing || int(r.tag()) >= s.tags {
			return nil
		}
		rd.buf = append(rd.buf, r)
	}
	return rd.buf
}

// fill reads the window of s's links from from.
func (rd *linksReader) fill(s *linkStore, from int64) bool {
	total := int64(s.starts[len(s.starts)-1])
	upTo := min(total, from+linksWindow)
	if rd.targets == nil {
		rd.targets, rd.kinds = make([]byte, 4*linksWindow), make([]byte, 4*linksWindow)
	}
	size := 4 * (upTo - from)
	rd.store, rd.from, rd.upTo = nil, 0, 0
	if _, err := s.f.ReadAt(rd.targets[:size], s.toAt+4*from); err != nil {
		rd.err = err
		return false
	}
	if _, err := s.f.ReadAt(rd.kinds[:size], s.kindAt+4*from); err != nil {
		rd.err = err
		return false
	}
	rd.store, rd.from, rd.upTo = s, from, upTo
	return true
}
