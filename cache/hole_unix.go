//go:build linux || darwin || freebsd

package cache

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// nextHole is where the first hole in f at or after off begins; ok is
// false when the file system cannot say. The file's offset is left where
// it was, since a buffered reader is reading on from it.
func nextHole(f *os.File, off int64) (int64, bool) {
	cur, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, false
	}
	hole, err := unix.Seek(int(f.Fd()), off, unix.SEEK_HOLE) // where the file system keeps no holes: its end
	if _, serr := f.Seek(cur, io.SeekStart); serr != nil || err != nil {
		return 0, false
	}
	return hole, true
}
