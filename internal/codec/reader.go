package codec

import (
	"encoding/binary"
	"hash/crc32"
	"strings"
	"time"
	"unsafe"
)

// Reader decodes one section, checked whole first (MapSection). The
// first malformed value sets err and makes every later read return zero
// values, so decoding code reads straight on and checks err once. What it
// returns of a mapped payload is copied out (see String); of a payload in
// memory (NewReader), strings and arrays share its memory.
type Reader struct {
	b    []byte
	size int // of the whole payload, of which b is the rest
	err  error
	// mapped is set for a payload in a mapped file (MapSection): what is
	// read is copied out, and the pages read through are handed back.
	mapped *mapping
	// arena is where the strings of a mapped payload are copied to, one
	// after the other (see String).
	arena []byte
}

// arenaChunk is the size of the blocks a mapped reader copies its strings
// into: hundreds of thousands of short strings (ids, headlines, paths)
// each of its own would cost the allocator's rounding (a sixth of them)
// and the collector an object each.
const arenaChunk = 64 << 10

// mapping is where a mapped payload lies, and how much of it was handed
// back.
type mapping struct {
	payload  []byte
	at       int64 // the payload's offset in the mapping
	released int   // bytes of the payload handed back
	release  func(from, to int64)
}

// releaseEvery is how far a mapped reader reads before it hands the
// pages read through back, so that a section decoded from the map costs
// that much resident memory at a time, not its length.
const releaseEvery = 1 << 20

func (s *Reader) Fail() {
	if s.err == nil {
		s.err = ErrDamaged
	}
	s.b = nil
}

func (s *Reader) Uint() uint64 {
	v, n := binary.Uvarint(s.b)
	if n <= 0 {
		s.Fail()
		return 0
	}
	s.b = s.b[n:]
	return v
}

func (s *Reader) Int() int64 {
	v, n := binary.Varint(s.b)
	if n <= 0 {
		s.Fail()
		return 0
	}
	s.b = s.b[n:]
	return v
}

func (s *Reader) Bool() bool { return s.Uint() == 1 }

// Count reads a number of things each taking at least size bytes, which
// the section must still hold, so that damage cannot ask for a huge
// allocation.
func (s *Reader) Count(size int) int {
	v := s.Uint()
	if v > uint64(len(s.b)/max(size, 1)) {
		s.Fail()
		return 0
	}
	return int(v)
}

// Below reads a number that must be less than n.
func (s *Reader) Below(n int) int {
	v := s.Uint()
	if v >= uint64(max(n, 0)) {
		s.Fail()
		return 0
	}
	return int(v)
}

func (s *Reader) Take(n int) []byte {
	if n > len(s.b) {
		s.Fail()
		return nil
	}
	b := s.b[:n:n]
	s.b = s.b[n:]
	if m := s.mapped; m != nil && s.size-len(s.b)-m.released >= releaseEvery {
		// What was taken is copied out by the caller before the next
		// read: hand back the pages read through, but this one's.
		to := s.size - len(s.b) - n
		m.release(m.at+int64(m.released), m.at+int64(to))
		m.released = to
	}
	return b
}

// String is a string of the payload: in its memory, or, for a mapped
// one, a copy, since the file under a map may be cut short at any time
// and a read of it then faults.
func (s *Reader) String() string { return s.Keep(s.Transient()) }

// Keep is a Transient string kept as String keeps it: for a decoder that
// looks at a string before it decides to keep it.
func (s *Reader) Keep(v string) string {
	if s.mapped != nil {
		return s.keep(v)
	}
	return v
}

// keep copies v into the reader's arena: the strings a section keeps
// live as long as the library, so a block pinned by any of them costs
// little. A long string gets a copy of its own.
func (s *Reader) keep(v string) string {
	if len(v) == 0 || len(v) > arenaChunk/16 {
		return strings.Clone(v)
	}
	if len(s.arena)+len(v) > cap(s.arena) {
		s.arena = make([]byte, 0, arenaChunk)
	}
	s.arena = append(s.arena, v...)
	return unsafe.String(&s.arena[len(s.arena)-len(v)], len(v))
}

// Transient is a string of the payload that is not kept: valid until the
// next read of a mapped payload, for looking up or interning (which
// copies what it keeps).
func (s *Reader) Transient() string {
	n := s.Count(1)
	if n == 0 {
		return ""
	}
	b := s.Take(n)
	if b == nil {
		return ""
	}
	return unsafe.String(&b[0], n)
}

func (s *Reader) Time() time.Time {
	var loc *time.Location
	switch s.Uint() {
	case 0:
		return time.Time{}
	case 1:
		loc = time.UTC
	case 2:
		loc = time.Local
	case 3:
		name := strings.Clone(s.String())
		loc = time.FixedZone(name, int(s.Int()))
	default:
		s.Fail()
		return time.Time{}
	}
	return time.Unix(0, s.Int()).In(loc)
}

// ReadArray returns an array written by WriteArray, in the payload's own
// memory (which is allocated 8-aligned), without a copy: the arrays of the
// filter index and the similar-stories model are most of a snapshot.
func ReadArray[T uint16 | uint32 | int32 | uint64 | float32](s *Reader) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	n := s.Uint()
	if pad := (8 - (s.size-len(s.b))%8) % 8; pad > 0 {
		s.Take(pad)
	}
	if s.err != nil || n > uint64(len(s.b)/size) {
		s.Fail()
		return nil
	}
	if n == 0 {
		return nil
	}
	b := s.Take(int(n) * size)
	if s.mapped != nil {
		// Copied out byte by byte: a payload in a map lies wherever the
		// section does, not 8-aligned.
		v := make([]T, n)
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(b)), b)
		return v
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
}

// Uint32s is an array written by WriteArray[uint32], read where it lies:
// for decoding without keeping it. Its elements are read one by one, so
// that the array need not be aligned (a mapped payload's is not).
type Uint32s []byte

func (a Uint32s) Len() int        { return len(a) / 4 }
func (a Uint32s) At(i int) uint32 { return binary.LittleEndian.Uint32(a[4*i:]) }

// ReadUint32s reads an array written by WriteArray[uint32] without a copy.
// In a mapped payload its pages may be handed back as the reader moves
// on: they are read again from the file, which is safe while the caller
// still reads the map under fault protection.
func ReadUint32s(s *Reader) Uint32s {
	a, _ := ReadUint32sAt(s)
	return a
}

// ReadUint32sAt is ReadUint32s, and where the array lies in the mapped
// file (-1 for a payload that is not mapped).
func ReadUint32sAt(s *Reader) (Uint32s, int64) {
	n := s.Uint()
	if pad := (8 - (s.size-len(s.b))%8) % 8; pad > 0 {
		s.Take(pad)
	}
	if s.err != nil || n > uint64(len(s.b)/4) {
		s.Fail()
		return nil, -1
	}
	at := int64(-1)
	if s.mapped != nil {
		at = s.mapped.at + int64(s.size-len(s.b))
	}
	return Uint32s(s.Take(int(n) * 4)), at
}

// HandBack hands back the pages of b, a part of the payload already
// taken and read through, as Take does as it goes: for an array read in
// place (ReadUint32s) a stretch at a time, whose pages would otherwise
// stay resident until Close. A later read of b maps them in again, which
// is safe while it runs under fault protection. Nothing happens for a
// payload in memory, or a b that is not the payload's.
func (s *Reader) HandBack(b []byte) {
	m := s.mapped
	if m == nil || len(b) == 0 || len(m.payload) == 0 {
		return
	}
	from := uintptr(unsafe.Pointer(&b[0])) - uintptr(unsafe.Pointer(&m.payload[0]))
	if from >= uintptr(len(m.payload)) || uintptr(len(b)) > uintptr(len(m.payload))-from {
		return
	}
	m.release(m.at+int64(from), m.at+int64(from)+int64(len(b)))
}

// Close checks that the payload was read to its end, and hands a mapped
// one's pages back: all of them, since a decoder may have read again what
// was handed back as it went (the links' arrays are checked after they
// are all taken).
func (s *Reader) Close() error {
	if s.err == nil && len(s.b) != 0 {
		s.err = ErrDamaged
	}
	if m := s.mapped; m != nil {
		m.release(m.at, m.at+int64(s.size))
		m.released = s.size
	}
	return s.err
}

// MapSection checks the section at offset at of b, a snapshot mapped into
// memory, and returns a reader of its payload and the section's whole
// length. The checksum is computed a stretch at a time, each handed back
// (release) once summed, so that checking a section costs little resident
// memory whatever its length; so is what the reader has read. A length
// beyond b is damage.
func MapSection(b []byte, at int64, release func(from, to int64)) (*Reader, int64, error) {
	n, crc, err := mappedHead(b, at)
	if err != nil {
		return nil, 0, err
	}
	payload := b[at+12 : at+12+n : at+12+n]
	sum := uint32(0)
	for k := int64(0); k < n; k += releaseEvery {
		end := min(k+releaseEvery, n)
		sum = crc32.Update(sum, Castagnoli, payload[k:end])
		// Everything summed so far, not only this stretch: a stretch's
		// first read maps in the pages around it (the kernel's
		// fault-around, or a whole large folio of a file just written),
		// some of them the stretches' before it, already handed back.
		// At a million dumps one page in 25 of the summed sections
		// stayed resident for the reader's life, and two in five of a
		// freshly written cache's while it was summed (100 MB more at
		// the reader's peak). Pages handed back already cost the call
		// little.
		release(at+12, at+12+end)
	}
	if sum != crc {
		return nil, 0, ErrDamaged
	}
	return &Reader{b: payload, size: len(payload), mapped: &mapping{payload: payload, at: at + 12, release: release}}, 12 + n, nil
}

// MappedLength is the whole length of the section at offset at of b, a
// mapped snapshot, checked against b's length but not read: for passing
// over it.
func MappedLength(b []byte, at int64) (int64, error) {
	n, _, err := mappedHead(b, at)
	return 12 + n, err
}

func mappedHead(b []byte, at int64) (n int64, crc uint32, err error) {
	if at < 0 || int64(len(b))-at < 12 {
		return 0, 0, ErrDamaged
	}
	u := binary.LittleEndian.Uint64(b[at:])
	if u > uint64(int64(len(b))-at-12) {
		return 0, 0, ErrDamaged
	}
	return int64(u), binary.LittleEndian.Uint32(b[at+8:]), nil
}

// Rest is what is left of the payload, not taken: for a decoder that
// reads a part twice, or leaves it where it lies (see At).
func (s *Reader) Rest() []byte { return s.b }

// At is where the rest of a mapped payload lies in the mapped file, for
// reading it again later (pread); -1 for a payload in memory (NewReader).
func (s *Reader) At() int64 {
	if s.mapped == nil {
		return -1
	}
	return s.mapped.at + int64(s.size-len(s.b))
}

// Err is the first damage found, or nil.
func (s *Reader) Err() error { return s.err }

// Refuse records why the section, though whole, cannot be used (another
// format version, say), unless damage was found first.
func (s *Reader) Refuse(err error) {
	if s.err == nil {
		s.err = err
	}
	s.b = nil
}

// Size is the section's payload length.
func (s *Reader) Size() int { return s.size }

// NewReader reads values from b, a part of a section already checked.
func NewReader(b []byte) *Reader { return &Reader{b: b, size: len(b)} }
