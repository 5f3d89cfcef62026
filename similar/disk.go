package similar

import (
	"encoding/binary"
	"io"
	"os"
	"unsafe"

	"tidings/internal/codec"
)

// simDisk is where a restored model's big arrays lie in the cache file:
// they are most of the model (about 70 MB for 100,000 dumps) and a query
// reads some forty short runs of them, so they are read as needed, with
// pread, rather than held. The file stays open until the model is closed;
// a snapshot written over it meanwhile replaces the name, not this file.
type simDisk struct {
	f                             *os.File
	vecTerm, vecW, postDoc, postW int64 // file offsets of the arrays
	vecLen, postLen               uint32
}

// newSimDisk keeps f for the model, until Similarity.Close.
func newSimDisk(f *os.File) *simDisk { return &simDisk{f: f} }

// read4 reads n 4-byte elements at off into a new slice.
func read4[T uint32 | float32](f *os.File, off int64, n uint32) ([]T, bool) {
	if n == 0 {
		return nil, true
	}
	out := make([]T, n)
	buf := unsafe.Slice((*byte)(unsafe.Pointer(&out[0])), int(n)*4)
	if _, err := f.ReadAt(buf, off); err != nil && err != io.EOF {
		return nil, false
	}
	return out, true
}

// vector is article i's terms and weights; ok is false when they cannot
// be read or do not make sense, which the caller takes as no answer.
func (s *Similarity) vector(i int) ([]uint32, []float32, bool) {
	lo, hi := s.vecOff[i], s.vecOff[i+1]
	if s.disk == nil {
		return s.vecTerm[lo:hi], s.vecW[lo:hi], true
	}
	d := s.disk
	if hi < lo || hi > d.vecLen {
		return nil, nil, false
	}
	terms, ok1 := read4[uint32](d.f, d.vecTerm+4*int64(lo), hi-lo)
	ws, ok2 := read4[float32](d.f, d.vecW+4*int64(lo), hi-lo)
	for _, t := range terms {
		if int(t) >= len(s.terms) {
			return nil, nil, false
		}
	}
	return terms, ws, ok1 && ok2
}

// postings are the first postingScan articles of term t, heaviest first.
func (s *Similarity) postings(t uint32) ([]uint32, []float32, bool) {
	if int(t) >= len(s.terms) {
		return nil, nil, false
	}
	lo, hi := s.postOff[t], s.postOff[t+1]
	hi = min(hi, lo+postingScan)
	if s.disk == nil {
		return s.postDoc[lo:hi], s.postW[lo:hi], true
	}
	d := s.disk
	if hi < lo || hi > d.postLen {
		return nil, nil, false
	}
	docs, ok1 := read4[uint32](d.f, d.postDoc+4*int64(lo), hi-lo)
	ws, ok2 := read4[float32](d.f, d.postW+4*int64(lo), hi-lo)
	for _, doc := range docs {
		if int(doc) >= len(s.articles) {
			return nil, nil, false
		}
	}
	return docs, ws, ok1 && ok2
}

// EncodeArrays writes the big arrays: their four lengths, then the arrays,
// each from memory or copied from the file a restored model reads them
// from.
func EncodeArrays(w *codec.Writer, s *Similarity) {
	lengths := [4]uint32{uint32(len(s.vecTerm)), uint32(len(s.vecW)), uint32(len(s.postDoc)), uint32(len(s.postW))}
	if s.disk != nil {
		lengths = [4]uint32{s.disk.vecLen, s.disk.vecLen, s.disk.postLen, s.disk.postLen}
	}
	for _, n := range lengths {
		w.Bytes(binary.LittleEndian.AppendUint64(nil, uint64(n)))
	}
	if s.disk == nil {
		for _, a := range [][]uint32{s.vecTerm, unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(s.vecW))), len(s.vecW)),
			s.postDoc, unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(s.postW))), len(s.postW))} {
			if len(a) > 0 {
				w.Bytes(unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), len(a)*4))
			}
		}
		return
	}
	d := s.disk
	buf := make([]byte, 1<<20)
	for i, off := range []int64{d.vecTerm, d.vecW, d.postDoc, d.postW} {
		r := io.NewSectionReader(d.f, off, int64(lengths[i])*4)
		for {
			n, err := r.Read(buf)
			w.Bytes(buf[:n])
			if err == io.EOF {
				break
			}
			if err != nil {
				w.Fail(err)
				return
			}
		}
	}
}
