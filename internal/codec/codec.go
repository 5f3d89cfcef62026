// Package codec is the parse cache's file layout at its lowest level:
// sections, each checked by its length and CRC-32C, holding varints,
// strings, times and arrays that are read where they lie. The types whose
// state the cache keeps (the library, the filter index, the similar-
// stories model) encode themselves with it.
package codec

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
)

// The snapshot is a sequence of sections, each its payload's length (8
// bytes), its CRC-32C (4 bytes) and the payload. Numbers are unsigned
// varints, zig-zag varints for signed ones; strings a length and their
// bytes; big arrays their length and their elements' bytes, little-endian.
// A section whose checksum or length does not match is damage, and the
// reader gives up on the snapshot: a damaged cache costs a cold start,
// never a wrong story.

var Castagnoli = crc32.MakeTable(crc32.Castagnoli)

// LittleEndian is whether arrays can be copied to and from the file as
// they lie in memory; elsewhere the cache is not used.
var LittleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// ErrDamaged is what every malformed snapshot comes down to.
var ErrDamaged = errors.New("damaged cache")
