package index

import (
	"encoding/binary"
	"math/bits"
)

// postingLog is a shard builder's postings of its sparse words, in article
// order, as bytes: a block's number, then each word posted in the block
// with the articles of it that have the word. Most words of a block are in
// one or two of its 64 articles, so a posting costs a byte or two rather
// than the eight of a number and an offset: at 100,000 dumps the log of a
// shard of 50,000 articles was some 120 MB as integers, the peak of a cold
// start. It grows in chunks, without copying; no entry straddles two.
type postingLog struct {
	chunks [][]byte
}

// logChunk is the size of a chunk of the log; logEntry, the most an entry
// takes (two varints and 64 offsets).
const (
	logChunk = 1 << 20
	logEntry = 2*binary.MaxVarintLen32 + 1 + 64
)

// room makes sure the last chunk has room for an entry.
func (l *postingLog) room() *[]byte {
	if n := len(l.chunks); n == 0 || cap(l.chunks[n-1])-len(l.chunks[n-1]) < logEntry {
		l.chunks = append(l.chunks, make([]byte, 0, logChunk))
	}
	return &l.chunks[len(l.chunks)-1]
}

// block starts the postings of a block (a varint 0, then its number).
func (l *postingLog) block(block int) {
	last := l.room()
	*last = binary.AppendUvarint(binary.AppendUvarint(*last, 0), uint64(block))
}

// add posts word num in the articles of the block whose bits x has set
// (num + 1, how many, then each one's bit).
func (l *postingLog) add(num uint32, x uint64) {
	last := l.room()
	*last = append(binary.AppendUvarint(*last, uint64(num)+1), byte(bits.OnesCount64(x)))
	for y := x; y != 0; y &= y - 1 {
		*last = append(*last, byte(bits.TrailingZeros64(y)))
	}
}

// logReader reads a postingLog an entry at a time.
type logReader struct {
	l    *postingLog
	c    int    // the chunk being read
	rest []byte // of it
	base uint32 // the block's first offset
	free bool
}

// reader reads the log from its start; with free, it lets the log go as
// it reads it.
func (l *postingLog) reader(free bool) logReader {
	r := logReader{l: l, c: -1, free: free}
	return r
}

// next is the next word posted, by number, and the offsets in the shard
// of the articles it is posted in: base plus each of bits; ok is false at
// the end.
func (r *logReader) next() (num uint32, base uint32, bits []byte, ok bool) {
	for {
		for len(r.rest) == 0 {
			if r.free && r.c >= 0 {
				r.l.chunks[r.c] = nil
			}
			if r.c++; r.c >= len(r.l.chunks) {
				return 0, 0, nil, false
			}
			r.rest = r.l.chunks[r.c]
		}
		v, k := binary.Uvarint(r.rest)
		r.rest = r.rest[k:]
		if v == 0 {
			block, k := binary.Uvarint(r.rest)
			r.rest = r.rest[k:]
			r.base = uint32(block) * 64
			continue
		}
		n := int(r.rest[0])
		bits, r.rest = r.rest[1:1+n], r.rest[1+n:]
		return uint32(v - 1), r.base, bits, true
	}
}
