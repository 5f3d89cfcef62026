//go:build !unix

package cache

import (
	"io"
	"os"
)

// mapFile reads the file into memory where it cannot be mapped: the same
// reader, at the cost of the file's size in memory while it reads.
func mapFile(f *os.File, size int64) (*fileMap, error) {
	b := make([]byte, size)
	if _, err := f.ReadAt(b, 0); err != nil && err != io.EOF {
		return nil, err
	}
	return &fileMap{b: b}, nil
}

func (m *fileMap) release(from, to int64) {}
