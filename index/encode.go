package index

import (
	"unsafe"

	"tidings/internal/codec"
)

// Encode writes the index for the parse cache: each shard's arrays as
// they lie in memory, which Decode uses where they lie in the file.
// An index whose map fails while it is written fails the section (Err).
func (ix *Index) Encode(w *codec.Writer) {
	if ix != nil && ix.encoded != nil {
		ix.encoded.copyTo(w)
		return
	}
	w.Uint(uint64(ix.Len()))
	if ix == nil {
		w.Uint(0)
		return
	}
	if !ix.guard(func() { ix.encode(w) }) {
		w.Fail(ErrMapChanged)
	}
}

func (ix *Index) encode(w *codec.Writer) {
	w.Uint(uint64(len(ix.shards)))
	for _, sh := range ix.shards {
		sh.encode(w)
	}
}

// encode writes the shard as Index.Encode does.
func (sh *shard) encode(w *codec.Writer) {
	w.Uint(uint64(sh.lo))
	w.Uint(uint64(sh.hi))
	w.String(sh.words)
	codec.WriteArray(w, sh.ends)
	codec.WriteArray(w, sh.post)
	codec.WriteArray(w, sh.ids)
	codec.WriteArray(w, sh.dense)
	codec.WriteArray(w, sh.bits)
	w.String(sh.pre)
	codec.WriteArray(w, sh.preEnds)
	codec.WriteArray(w, sh.preBits)
	codec.WriteArray(w, []uint64(sh.deleted))
}

// DecodeFrom reads an index Encode wrote as the whole of b (a section's
// payload), over a library of articles articles. Its arrays are b's own
// memory, not copies, so b may be a read-only map of the cache file:
// nothing writes to them (Update and Compact make new shards and new
// deleted sets), and b must stay as it is while the index is used. When b
// is not 8-aligned, which the arrays need, it is copied once.
func DecodeFrom(b []byte, articles int) (*Index, error) {
	if len(b) > 0 && uintptr(unsafe.Pointer(&b[0]))%8 != 0 {
		aligned := make([]uint64, (len(b)+7)/8)
		buf := unsafe.Slice((*byte)(unsafe.Pointer(&aligned[0])), len(b))
		copy(buf, b)
		b = buf
	}
	r := codec.NewReader(b)
	ix := Decode(r, articles)
	if err := r.Close(); err != nil {
		return nil, err
	}
	return ix, nil
}

// Decode reads an index Encode wrote, over a library of articles
// articles, in the payload's memory (see DecodeFrom). The vocabulary's
// references are checked here, so that matching cannot run off an array;
// the postings, most of the index, are checked where they are read
// (orPrefix, eachPosting), so that a mapped index is not read through
// before it is used. Damage is left in r.
func Decode(r *codec.Reader, articles int) *Index {
	n := r.Uint()
	if n != uint64(articles) {
		r.Fail()
		return nil
	}
	ix := &Index{n: articles, shards: make([]*shard, r.Count(12))}
	for i := range ix.shards {
		sh := &shard{lo: int(r.Uint()), hi: int(r.Uint())}
		sh.words = r.String()
		sh.ends = codec.ReadArray[uint32](r)
		sh.post = codec.ReadArray[uint32](r)
		sh.ids = codec.ReadArray[uint16](r)
		sh.dense = codec.ReadArray[int32](r)
		sh.bits = codec.ReadArray[uint64](r)
		sh.pre = r.String()
		sh.preEnds = codec.ReadArray[uint32](r)
		sh.preBits = codec.ReadArray[uint64](r)
		sh.deleted = codec.ReadArray[uint64](r)
		if r.Err() != nil || !sh.valid(articles) {
			r.Fail()
			return nil
		}
		ix.shards[i] = sh
	}
	return ix
}

// valid checks that every reference in a shard read from the cache is in
// bounds, so that matching cannot run off an array.
func (sh *shard) valid(articles int) bool {
	if sh.lo < 0 || sh.lo%64 != 0 || sh.hi < sh.lo || sh.hi > articles || sh.hi-sh.lo > maxShard {
		return false
	}
	words := len(sh.ends)
	if len(sh.post) != words+1 || len(sh.dense) != words {
		return false
	}
	prevEnd, prevPost := uint32(0), uint32(0)
	dense := 0
	for w := range words {
		if sh.ends[w] < prevEnd || sh.post[w+1] < prevPost || sh.dense[w] < -1 {
			return false
		}
		prevEnd, prevPost = sh.ends[w], sh.post[w+1]
		if sh.dense[w] >= 0 {
			dense++
		}
	}
	if int(prevEnd) > len(sh.words) || int(prevPost) > len(sh.ids) || sh.post[0] != 0 {
		return false
	}
	for _, d := range sh.dense {
		if int(d) >= dense {
			return false
		}
	}
	prevEnd = 0
	for _, end := range sh.preEnds {
		if end < prevEnd {
			return false
		}
		prevEnd = end
	}
	if int(prevEnd) > len(sh.pre) || len(sh.preBits) != len(sh.preEnds)*nwords(sh.hi-sh.lo) {
		return false
	}
	if len(sh.bits) != dense*nwords(sh.hi-sh.lo) || (sh.deleted != nil && len(sh.deleted) != nwords(sh.hi-sh.lo)) {
		return false
	}
	return true
}
