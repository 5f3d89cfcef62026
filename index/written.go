package index

import (
	"io"
	"sync"

	"tidings/internal/codec"
)

// A cold load's filter index is written as its shards are built (WriteTo)
// rather than held: at a million dumps the finished index is some 530 MB,
// which stood at a cold start's peak beside the library and the
// similar-stories model. What is written is Encode's payload, byte for
// byte, which the caller maps and decodes in place (DecodeFrom), as a warm
// start reads the cache's, and Encode then copies rather than reads from
// the map (KeepEncoded), so that writing the cache does not bring the
// index's pages into memory.

// WriteTo builds the index over the first n articles as Build does,
// workers shards at once, and writes each shard to w as it is made (in
// order; one made early waits for those before it), as Encode writes the
// index Build would return. The stream is let go of. It returns how many
// bytes it wrote; it fails when what the stream kept cannot be read back
// or w fails.
func (st *Stream) WriteTo(w io.Writer, n, workers int) (int64, error) {
	out := codec.NewWriter(w)
	out.Uint(uint64(n))
	out.Uint(uint64(len(st.cuts(n)) - 1))
	var mu sync.Mutex
	waiting := map[int]*shard{}
	next := 0
	_, err := st.build(n, workers, func(s int, sh *shard) {
		mu.Lock()
		defer mu.Unlock()
		waiting[s] = sh
		for sh := waiting[next]; sh != nil; sh = waiting[next] {
			delete(waiting, next)
			sh.encode(out)
			next++
		}
	})
	if err != nil {
		return 0, err
	}
	if err := out.Flush(); err != nil {
		return 0, err
	}
	return out.Len(), nil
}

// encodedIndex is what Encode writes of an index, size bytes of r.
type encodedIndex struct {
	r    io.ReaderAt
	size int64
}

// KeepEncoded says r holds what Encode writes of ix, size bytes from its
// start (WriteTo's, from which ix was decoded): Encode then copies them.
// r must stay readable, and unchanged, while ix is used.
func (ix *Index) KeepEncoded(r io.ReaderAt, size int64) {
	ix.encoded = &encodedIndex{r: r, size: size}
}

// copyTo writes the bytes to w.
func (e *encodedIndex) copyTo(w *codec.Writer) {
	buf := make([]byte, 1<<20)
	for at := int64(0); at < e.size; {
		n, err := e.r.ReadAt(buf[:min(int64(len(buf)), e.size-at)], at)
		w.Bytes(buf[:n])
		at += int64(n)
		if err != nil && (err != io.EOF || at < e.size) {
			w.Fail(err)
			return
		}
	}
}
