package codec

import (
	"bufio"
	"encoding/binary"
	"hash"
	"hash/crc32"
	"io"
	"time"
	"unsafe"
)

type Writer struct {
	w   *bufio.Writer
	crc hash.Hash32
	n   int64
	buf [binary.MaxVarintLen64]byte
	err error
}

func (s *Writer) Bytes(b []byte) {
	if s.err != nil {
		return
	}
	s.crc.Write(b)
	s.n += int64(len(b))
	_, s.err = s.w.Write(b)
}

func (s *Writer) Uint(v uint64) { s.Bytes(binary.AppendUvarint(s.buf[:0], v)) }
func (s *Writer) Int(v int64)   { s.Bytes(binary.AppendVarint(s.buf[:0], v)) }
func (s *Writer) Bool(v bool) {
	if v {
		s.Uint(1)
	} else {
		s.Uint(0)
	}
}
func (s *Writer) String(v string) {
	s.Uint(uint64(len(v)))
	s.Bytes(unsafe.Slice(unsafe.StringData(v), len(v)))
}

// Time keeps the instant, whether it is zero, and its zone: UTC, the
// local zone, or a fixed one, so that a time read back prints as the
// parsed one did.
func (s *Writer) Time(t time.Time) {
	switch {
	case t.IsZero():
		s.Uint(0)
		return
	case t.Location() == time.UTC:
		s.Uint(1)
	case t.Location() == time.Local:
		s.Uint(2)
	default:
		name, offset := t.Zone()
		s.Uint(3)
		s.String(name)
		s.Int(int64(offset))
	}
	s.Int(t.UnixNano())
}

// WriteArray writes the length, zero bytes up to a multiple of 8 from the
// payload's start, and the elements, so that the reader can use them where
// they lie in the payload.
func WriteArray[T uint16 | uint32 | int32 | uint64 | float32](s *Writer, v []T) {
	WriteArrayHead(s, len(v))
	WriteElements(s, v)
}

// WriteArrayHead writes what WriteArray writes before an array's n
// elements, which WriteElements then writes a part at a time: an array
// too big to hold whole while it is written (a million stories' links).
func WriteArrayHead(s *Writer, n int) {
	s.Uint(uint64(n))
	if pad := (8 - s.n%8) % 8; pad > 0 {
		s.Bytes(make([]byte, pad))
	}
}

// WriteElements writes elements of the array whose head was written last.
func WriteElements[T uint16 | uint32 | int32 | uint64 | float32](s *Writer, v []T) {
	if len(v) > 0 {
		s.Bytes(unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*int(unsafe.Sizeof(v[0]))))
	}
}

// NewWriter writes to w what a section's payload holds, with no section
// around it: for bytes kept in memory, complete once Flush returns.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 4096), crc: crc32.New(Castagnoli)}
}

// Flush writes out what is buffered.
func (s *Writer) Flush() error {
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// WriteSection writes a section whose payload body writes, to w, which
// must be at the end of a file open for writing at offset at.
func WriteSection(f io.WriteSeeker, body func(*Writer)) error {
	start, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := f.Write(make([]byte, 12)); err != nil {
		return err
	}
	s := &Writer{w: bufio.NewWriterSize(f, 1<<20), crc: crc32.New(Castagnoli)}
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

// Fail records an error met while writing, unless one was met first; the
// section is then not written.
func (s *Writer) Fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// Len is how many bytes of the payload were written so far.
func (s *Writer) Len() int64 { return s.n }
