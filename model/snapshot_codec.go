package model

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"strings"
	"time"
	"unsafe"
)

// The snapshot is a sequence of sections, each its payload's length (8
// bytes), its CRC-32C (4 bytes) and the payload. Numbers are unsigned
// varints, zig-zag varints for signed ones; strings a length and their
// bytes; big arrays their length and their elements' bytes, little-endian.
// A section whose checksum or length does not match is damage, and the
// reader gives up on the snapshot: a damaged cache costs a cold start,
// never a wrong story.

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// littleEndian is whether arrays can be copied to and from the file as
// they lie in memory; elsewhere the cache is not used.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// errDamaged is what every malformed snapshot comes down to.
var errDamaged = errors.New("damaged cache")

type sectionWriter struct {
	w   *bufio.Writer
	crc hash.Hash32
	n   int64
	buf [binary.MaxVarintLen64]byte
	err error
}

func (s *sectionWriter) bytes(b []byte) {
	if s.err != nil {
		return
	}
	s.crc.Write(b)
	s.n += int64(len(b))
	_, s.err = s.w.Write(b)
}

func (s *sectionWriter) uint(v uint64) { s.bytes(binary.AppendUvarint(s.buf[:0], v)) }
func (s *sectionWriter) int(v int64)   { s.bytes(binary.AppendVarint(s.buf[:0], v)) }
func (s *sectionWriter) bool(v bool) {
	if v {
		s.uint(1)
	} else {
		s.uint(0)
	}
}
func (s *sectionWriter) string(v string) {
	s.uint(uint64(len(v)))
	s.bytes(unsafe.Slice(unsafe.StringData(v), len(v)))
}

// time keeps the instant, whether it is zero, and its zone: UTC, the
// local zone, or a fixed one, so that a time read back prints as the
// parsed one did.
func (s *sectionWriter) time(t time.Time) {
	switch {
	case t.IsZero():
		s.uint(0)
		return
	case t.Location() == time.UTC:
		s.uint(1)
	case t.Location() == time.Local:
		s.uint(2)
	default:
		name, offset := t.Zone()
		s.uint(3)
		s.string(name)
		s.int(int64(offset))
	}
	s.int(t.UnixNano())
}

// writeArray writes the length, zero bytes up to a multiple of 8 from the
// payload's start, and the elements, so that the reader can use them where
// they lie in the payload.
func writeArray[T uint16 | uint32 | int32 | uint64 | float32](s *sectionWriter, v []T) {
	s.uint(uint64(len(v)))
	if pad := (8 - s.n%8) % 8; pad > 0 {
		s.bytes(make([]byte, pad))
	}
	if len(v) > 0 {
		s.bytes(unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*int(unsafe.Sizeof(v[0]))))
	}
}

// writeSection writes a section whose payload body writes, to w, which
// must be at the end of a file open for writing at offset at.
func writeSection(f io.WriteSeeker, body func(*sectionWriter)) error {
	start, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := f.Write(make([]byte, 12)); err != nil {
		return err
	}
	s := &sectionWriter{w: bufio.NewWriterSize(f, 1<<20), crc: crc32.New(castagnoli)}
	body(s)
	if s.err != nil {
		return s.err
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	var head [12]byte
	binary.LittleEndian.PutUint64(head[:8], uint64(s.n))
	binary.LittleEndian.PutUint32(head[8:], s.crc.Sum32())
	if _, err := f.Seek(start, io.SeekStart); err != nil {
		return err
	}
	if _, err := f.Write(head[:]); err != nil {
		return err
	}
	_, err = f.Seek(0, io.SeekEnd)
	return err
}

// sectionReader decodes one section, read whole and checked first. The
// first malformed value sets err and makes every later read return zero
// values, so decoding code reads straight on and checks err once. Strings
// share the payload's memory, which is why a section holds either strings
// that are kept or numbers that are copied out, not both.
type sectionReader struct {
	b    []byte
	size int // of the whole payload, of which b is the rest
	err  error
}

// openSection reads the next section of r, of which at most limit bytes
// are left: a length beyond it is damage, not an allocation to try.
func openSection(r *bufio.Reader, limit int64) (*sectionReader, error) {
	var head [12]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, fmt.Errorf("%w: %v", errDamaged, err)
	}
	n := binary.LittleEndian.Uint64(head[:8])
	if n > uint64(max(limit-12, 0)) {
		return nil, errDamaged
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, errDamaged
	}
	if crc32.Checksum(b, castagnoli) != binary.LittleEndian.Uint32(head[8:]) {
		return nil, errDamaged
	}
	return &sectionReader{b: b, size: len(b)}, nil
}

func (s *sectionReader) fail() {
	if s.err == nil {
		s.err = errDamaged
	}
	s.b = nil
}

func (s *sectionReader) uint() uint64 {
	v, n := binary.Uvarint(s.b)
	if n <= 0 {
		s.fail()
		return 0
	}
	s.b = s.b[n:]
	return v
}

func (s *sectionReader) int() int64 {
	v, n := binary.Varint(s.b)
	if n <= 0 {
		s.fail()
		return 0
	}
	s.b = s.b[n:]
	return v
}

func (s *sectionReader) bool() bool { return s.uint() == 1 }

// count reads a number of things each taking at least size bytes, which
// the section must still hold, so that damage cannot ask for a huge
// allocation.
func (s *sectionReader) count(size int) int {
	v := s.uint()
	if v > uint64(len(s.b)/max(size, 1)) {
		s.fail()
		return 0
	}
	return int(v)
}

// below reads a number that must be less than n.
func (s *sectionReader) below(n int) int {
	v := s.uint()
	if v >= uint64(max(n, 0)) {
		s.fail()
		return 0
	}
	return int(v)
}

func (s *sectionReader) take(n int) []byte {
	if n > len(s.b) {
		s.fail()
		return nil
	}
	b := s.b[:n:n]
	s.b = s.b[n:]
	return b
}

func (s *sectionReader) string() string {
	n := s.count(1)
	if n == 0 {
		return ""
	}
	b := s.take(n)
	if b == nil {
		return ""
	}
	return unsafe.String(&b[0], n)
}

func (s *sectionReader) time() time.Time {
	var loc *time.Location
	switch s.uint() {
	case 0:
		return time.Time{}
	case 1:
		loc = time.UTC
	case 2:
		loc = time.Local
	case 3:
		name := strings.Clone(s.string())
		loc = time.FixedZone(name, int(s.int()))
	default:
		s.fail()
		return time.Time{}
	}
	return time.Unix(0, s.int()).In(loc)
}

// readArray returns an array written by writeArray, in the payload's own
// memory (which is allocated 8-aligned), without a copy: the arrays of the
// filter index and the similar-stories model are most of a snapshot.
func readArray[T uint16 | uint32 | int32 | uint64 | float32](s *sectionReader) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	n := s.uint()
	if pad := (8 - (s.size-len(s.b))%8) % 8; pad > 0 {
		s.take(pad)
	}
	if s.err != nil || n > uint64(len(s.b)/size) {
		s.fail()
		return nil
	}
	if n == 0 {
		return nil
	}
	b := s.take(int(n) * size)
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
}

// close checks that the payload was read to its end.
func (s *sectionReader) close() error {
	if s.err == nil && len(s.b) != 0 {
		s.err = errDamaged
	}
	return s.err
}

// skipSection passes over a section unread.
func skipSection(r *bufio.Reader) error {
	var head [12]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return errDamaged
	}
	n := binary.LittleEndian.Uint64(head[:8])
	if n > math.MaxInt32*16 {
		return errDamaged
	}
	if _, err := r.Discard(int(n)); err != nil {
		return errDamaged
	}
	return nil
}
