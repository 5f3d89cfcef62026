package cache

import (
	"errors"
	"fmt"
	"runtime"

	"tidings/internal/codec"
)

// fileMap is a snapshot file mapped into memory (mapFile), read in place
// while it is decoded: what is kept is copied out (see codec.MapSection),
// so that the map is let go of as soon as the snapshot is read, and a
// file cut short or rewritten under it afterwards cannot reach the
// library. While it is read, a read of a page the file no longer has
// faults (SIGBUS); readSnapshot turns that into an error (errChanged).
type fileMap struct {
	b     []byte
	unmap func() error
}

func (m *fileMap) close() {
	if m != nil && m.unmap != nil {
		m.unmap()
		m.unmap = nil
	}
}

// whileMapped, when set (by tests), runs once the snapshot is mapped and
// before it is read: the moment a file cut short under the reader is
// felt.
var whileMapped func()

// errChanged is a snapshot file that changed while it was read in place.
var errChanged = fmt.Errorf("%w: the file changed while it was read", codec.ErrDamaged)

// faultError is the error a recovered panic is: errChanged for a fault
// while reading the map, damage for anything else (a decoder that
// indexed out of range on malformed input).
func faultError(p any) error {
	var re runtime.Error
	if err, ok := p.(error); ok && errors.As(err, &re) {
		if _, isFault := re.(interface{ Addr() uintptr }); isFault {
			return errChanged
		}
	}
	return codec.ErrDamaged
}
