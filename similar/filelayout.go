package similar

import (
	"cmp"
	"io"
	"os"
	"slices"
	"unsafe"
)

// A model built from a stream whose counts wait in a file (a cold load)
// lays its four big arrays out in a file of their own, as a model read
// back from the cache keeps them (simDisk), rather than in memory: they
// are most of the model (some 730 MB at a million dumps, twice that while
// layOut makes the postings from the vectors), and at a cold start's peak
// they stood beside the library and the filter index. Writing the cache
// copies them from the file (EncodeArrays), byte for byte what layOut's
// arrays would write; a query reads the few it needs, as after a warm
// start.

// fileLayout writes a model's vectors to f as their parts come (in any
// order, each written once those before it are), then its postings.
type fileLayout struct {
	f       *os.File
	s       *Similarity
	pending map[int]part // parts done before those ahead of them
	next    int          // the first article not yet written
	written uint32       // vector entries written
	counts  []uint32     // by term: its postings
	vecW    int64        // where vecW starts: past room for every vector at its longest
	err     error
}

// postingsPass is how many postings are made in memory at once (16 bytes
// each, 64 MiB): the vectors are read back once per pass, for the terms
// whose postings fit; a million dumps take about a dozen. (A variable
// for the tests.)
var postingsPass uint32 = 4 << 20

func newFileLayout(f *os.File, s *Similarity) *fileLayout {
	n := len(s.vecOff) - 1
	// The vectors' weights go past the longest the terms' numbers can
	// take (simTerms each); the file has a hole where they took less.
	return &fileLayout{f: f, s: s, pending: map[int]part{}, counts: make([]uint32, len(s.terms)), vecW: 4 * int64(simTerms) * int64(n)}
}

// add writes p's vectors, and any held back for it, in article order.
func (l *fileLayout) add(p part) {
	l.pending[p.lo] = p
	for {
		p, ok := l.pending[l.next]
		if !ok {
			return
		}
		delete(l.pending, l.next)
		for k, e := range p.ends {
			l.s.vecOff[p.lo+k+1] = l.written + e
		}
		for _, t := range p.terms {
			l.counts[t]++
		}
		writeAt(l, p.terms, 4*int64(l.written))
		writeAt(l, p.ws, l.vecW+4*int64(l.written))
		l.written += uint32(len(p.terms))
		l.next = p.lo + len(p.ends)
	}
}

// writeAt writes a at offset at of l's file, unless a write failed
// before.
func writeAt[T uint32 | float32](l *fileLayout, a []T, at int64) {
	if b := bytesOf(a); l.err == nil && len(b) > 0 {
		_, l.err = l.f.WriteAt(b, at)
	}
}

func bytesOf[T uint32 | float32](a []T) []byte {
	if len(a) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), 4*len(a))
}

// finish makes the postings, heaviest first, from the vectors read back
// (postingsPass of them at a time) and leaves the model reading its
// arrays from the file.
func (l *fileLayout) finish() error {
	s, total := l.s, l.written
	if l.err != nil {
		return l.err
	}
	s.postOff = make([]uint32, len(s.terms)+1)
	for t, c := range l.counts {
		s.postOff[t+1] = s.postOff[t] + c
	}
	l.counts = nil
	d := &simDisk{f: l.f, vecTerm: 0, vecW: l.vecW, vecLen: total, postLen: total}
	d.postDoc = d.vecW + 4*int64(total)
	d.postW = d.postDoc + 4*int64(total)
	var list []posting
	var docs []uint32
	var ws []float32
	for lo := 0; lo < len(s.terms); {
		hi := lo + 1
		for hi < len(s.terms) && s.postOff[hi+1]-s.postOff[lo] <= postingsPass {
			hi++
		}
		base, m := s.postOff[lo], s.postOff[hi]-s.postOff[lo]
		list = slices.Grow(list[:0], int(m))[:m]
		if err := l.deal(d, lo, hi, list); err != nil {
			return err
		}
		inChunks(hi-lo, func(_, a, b int) {
			for t := lo + a; t < lo+b; t++ {
				slices.SortFunc(list[s.postOff[t]-base:s.postOff[t+1]-base], func(x, y posting) int {
					return cmp.Or(cmp.Compare(y.w, x.w), cmp.Compare(x.doc, y.doc))
				})
			}
		})
		docs, ws = slices.Grow(docs[:0], int(m)), slices.Grow(ws[:0], int(m))
		for _, p := range list {
			docs, ws = append(docs, p.doc), append(ws, p.w)
		}
		writeAt(l, docs, d.postDoc+4*int64(base))
		writeAt(l, ws, d.postW+4*int64(base))
		if l.err != nil {
			return l.err
		}
		lo = hi
	}
	s.disk = d
	return nil
}

// deal reads the vectors back in article order and puts the postings of
// terms lo to hi in list, each term's in article order from where
// postOff says, less the first's.
func (l *fileLayout) deal(d *simDisk, lo, hi int, list []posting) error {
	s := l.s
	base := s.postOff[lo]
	fill := make([]uint32, hi-lo)
	for t := range fill {
		fill[t] = s.postOff[lo+t] - base
	}
	const window = 1 << 16
	terms, weights := make([]uint32, window), make([]float32, window)
	doc := 0
	for at := uint32(0); at < d.vecLen; at += window {
		k := min(window, d.vecLen-at)
		if _, err := l.f.ReadAt(bytesOf(terms[:k]), d.vecTerm+4*int64(at)); err != nil && err != io.EOF {
			return err
		}
		if _, err := l.f.ReadAt(bytesOf(weights[:k]), d.vecW+4*int64(at)); err != nil && err != io.EOF {
			return err
		}
		for j := range k {
			for s.vecOff[doc+1] <= at+j {
				doc++
			}
			if t := int(terms[j]); t >= lo && t < hi {
				list[fill[t-lo]] = posting{uint32(doc), weights[j]}
				fill[t-lo]++
			}
		}
	}
	return nil
}
