//go:build unix

package cache

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps the first size bytes of f, read-only and shared: the pages
// are the page cache's, and the process holds only those it touched and
// has not handed back (release). A map of an empty file is empty.
func mapFile(f *os.File, size int64) (*fileMap, error) {
	if size <= 0 {
		return &fileMap{}, nil
	}
	b, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, err
	}
	return &fileMap{b: b, unmap: func() error { return unix.Munmap(b) }}, nil
}

// release hands back the pages of b[from:to]: they leave the process's
// resident set, and a later read maps them in again from the page cache.
// Always safe on a file's map, whose pages are the file's.
func (m *fileMap) release(from, to int64) {
	page := int64(os.Getpagesize())
	from -= from % page
	if to <= from || to > int64(len(m.b)) {
		return
	}
	_ = unix.Madvise(m.b[from:to], unix.MADV_DONTNEED)
}
