package similar

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math"
	"os"

	"tidings/internal/codec"
	"tidings/model"
)

// The model is kept in the parse cache as two sections: the offsets and
// terms (Encode), then the four big arrays (EncodeArrays), which a model
// read back leaves in the file and reads a few at a time per query.

// Encode writes the offsets and terms; nil is written as no model.
func Encode(w *codec.Writer, s *Similarity) {
	w.Bool(s != nil)
	if s == nil {
		return
	}
	w.Uint(uint64(len(s.articles)))
	codec.WriteArray(w, s.vecOff)
	codec.WriteArray(w, s.postOff)
	w.Uint(uint64(len(s.terms)))
	for _, t := range s.terms {
		w.String(t)
	}
}

// Decode reads what Encode wrote, for the articles the model was built
// over (the first of articles).
func Decode(r *codec.Reader, articles []*model.Article) *Similarity {
	if !r.Bool() {
		return nil
	}
	n := int(r.Uint())
	if n > len(articles) {
		r.Fail()
		return nil
	}
	s := &Similarity{articles: articles[:n:n]}
	s.vecOff = codec.ReadArray[uint32](r)
	s.postOff = codec.ReadArray[uint32](r)
	s.terms = make([]string, r.Count(1))
	for i := range s.terms {
		s.terms[i] = r.String()
	}
	if r.Err() != nil {
		return nil
	}
	return s
}

// AttachArrays checks the section of the big arrays, which lies in f from
// offset at, reading it through br without keeping it, and has s read its
// arrays from f where they lie. It returns the section's length, header
// included. f stays open for as long as s is used; Close closes it.
func (s *Similarity) AttachArrays(br *bufio.Reader, f *os.File, at int64) (int64, error) {
	d, n, err := streamArrays(br, f, at)
	if err != nil {
		return 0, err
	}
	s.disk = d
	if !s.valid() {
		return 0, codec.ErrDamaged
	}
	return 12 + n, nil
}

// Close lets go of the file a model read back from the cache reads its
// arrays from.
func (s *Similarity) Close() error {
	if s == nil || s.disk == nil {
		return nil
	}
	return s.disk.f.Close()
}

// streamArrays checks the arrays' section at offset at of f, read through
// br, and returns where its arrays lie and the payload's length, which
// the section's own says: the arrays' lengths hold 32 bytes even when
// every array is empty.
func streamArrays(br *bufio.Reader, f *os.File, at int64) (*simDisk, int64, error) {
	var head [12]byte
	if _, err := io.ReadFull(br, head[:]); err != nil {
		return nil, 0, codec.ErrDamaged
	}
	n := binary.LittleEndian.Uint64(head[:8])
	crc := crc32.New(codec.Castagnoli)
	var lengths [4]uint64
	if n > 0 {
		var lb [32]byte
		if n < 32 {
			return nil, 0, codec.ErrDamaged
		}
		if _, err := io.ReadFull(br, lb[:]); err != nil {
			return nil, 0, codec.ErrDamaged
		}
		crc.Write(lb[:])
		total := uint64(32)
		for i := range lengths {
			lengths[i] = binary.LittleEndian.Uint64(lb[8*i:])
			if lengths[i] > math.MaxUint32 {
				return nil, 0, codec.ErrDamaged
			}
			total += 4 * lengths[i]
		}
		if total != n || lengths[0] != lengths[1] || lengths[2] != lengths[3] {
			return nil, 0, codec.ErrDamaged
		}
		if _, err := io.CopyN(crc, br, int64(n-32)); err != nil {
			return nil, 0, codec.ErrDamaged
		}
	}
	if crc.Sum32() != binary.LittleEndian.Uint32(head[8:]) {
		return nil, 0, codec.ErrDamaged
	}
	d := newSimDisk(f)
	d.vecLen, d.postLen = uint32(lengths[0]), uint32(lengths[2])
	d.vecTerm = at + 12 + 32
	d.vecW = d.vecTerm + 4*int64(lengths[0])
	d.postDoc = d.vecW + 4*int64(lengths[1])
	d.postW = d.postDoc + 4*int64(lengths[2])
	return d, int64(n), nil
}

// valid checks the offsets of a restored model against the arrays they
// point into; the arrays' values are checked as they are read.
func (s *Similarity) valid() bool {
	vecLen, postLen := len(s.vecTerm), len(s.postDoc)
	if s.disk != nil {
		vecLen, postLen = int(s.disk.vecLen), int(s.disk.postLen)
	}
	if len(s.vecOff) != len(s.articles)+1 || len(s.postOff) != len(s.terms)+1 {
		return false
	}
	ascending := func(off []uint32, limit int) bool {
		if off[0] != 0 || int(off[len(off)-1]) != limit {
			return false
		}
		for i := 1; i < len(off); i++ {
			if off[i] < off[i-1] {
				return false
			}
		}
		return true
	}
	return ascending(s.vecOff, vecLen) && ascending(s.postOff, postLen)
}
