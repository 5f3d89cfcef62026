package cache

import (
	"unsafe"

	"tidings/index"
	"tidings/internal/spill"
)

// buildIndex builds the filter index a cold load's stream kept the words
// for, over the first n articles, a shard at a time: written to a file of
// its own in dir as each shard is made (index.Stream.WriteTo) and read
// from a map of it, as a warm start reads the cache's (see readIndex),
// rather than held; in memory when no file can be made or mapped. Writing
// the cache copies the file (index.Index.KeepEncoded). The stream is let
// go of.
func buildIndex(st *index.Stream, n int, dir string) (*index.Index, error) {
	f := spill.File(dir)
	if f == nil {
		return st.Build(n, 1)
	}
	size, err := st.WriteTo(f, n, 1)
	if err != nil {
		f.Close()
		return nil, err
	}
	fm, err := mapFile(f, size)
	if err != nil {
		f.Close()
		return nil, err
	}
	ix, err := index.DecodeFrom(fm.b, n)
	if err != nil || fm.unmap == nil || size == 0 || uintptr(unsafe.Pointer(&fm.b[0]))%8 != 0 {
		// Not read in place (no map, or a copy): the file is not needed.
		fm.close()
		f.Close()
		return ix, err
	}
	// The pages the decoder read are handed back: a query reads again
	// those it needs.
	fm.release(0, size)
	ix.HoldMap(func() { fm.close(); f.Close() })
	ix.KeepEncoded(f, size)
	return ix, nil
}
