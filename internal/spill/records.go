// Package spill keeps numbered records, each written once or replaced,
// in a file of their own until they are read back, rather than in the
// heap: what a cold load keeps of each text until its indexes are built is
// about as big as the library it loads, and written to a file it costs the
// load no memory (the file's pages are the kernel's to keep or drop).
package spill

import (
	"errors"
	"os"
	"path/filepath"
)

// Records holds records by number: in a file, or, with none (no folder
// was given, or the file could not be made or written), in memory. A
// record replaced leaves its old bytes in the file. Put is for one
// goroutine at a time; once Seal is called, Readers on any goroutines.
type Records struct {
	f    *os.File
	mem  [][]byte // by number: a record kept in memory (none when in the file)
	at   []int64  // by number: where its record starts in the file
	size []uint32 // by number: its length in the file
	buf  []byte   // written, not yet in the file
	end  int64    // where buf goes in the file
	err  error    // the first write that failed
	// closed is set once the records are let go: reading one then fails.
	closed bool
}

// flushAt is how much is written to the file at once.
const flushAt = 1 << 20

// InMemory returns records kept in memory.
func InMemory() *Records { return &Records{} }

// New returns records kept in a temporary file in dir (made if need be),
// or else in the system's temporary folder, as sort(1) keeps its runs, or
// else in memory. The file is removed at once: it goes when it is closed
// or the process ends.
func New(dir string) *Records {
	if d := Dir(dir); d != os.TempDir() {
		if r := inFile(d); r != nil {
			return r
		}
	}
	if r := inFile(os.TempDir()); r != nil {
		return r
	}
	return InMemory()
}

// Dir is dir, made if need be, or the system's temporary folder when dir
// is "" or cannot be made.
func Dir(dir string) string {
	if dir != "" && os.MkdirAll(dir, 0o700) == nil {
		return dir
	}
	return os.TempDir()
}

// inFile is records in a new file in dir, or nil.
func inFile(dir string) *Records {
	if f := newFile(dir); f != nil {
		return &Records{f: f}
	}
	return nil
}

// File returns a new file in dir (see Dir), removed at once as New's is,
// for the caller to write and read as it likes; nil when none can be made.
func File(dir string) *os.File {
	return newFile(Dir(dir))
}

// newFile is a new file in dir, already removed, or nil.
func newFile(dir string) *os.File {
	f, err := os.CreateTemp(dir, ".tidings-spill-*")
	if err != nil {
		return nil
	}
	if os.Remove(f.Name()) != nil {
		// A file that cannot be removed while open would stay behind.
		f.Close()
		os.Remove(f.Name())
		return nil
	}
	return f
}

// NewFile returns a new file beside the records' (see File), for what is
// made from them to go to a file too; nil when they are kept in memory.
func (r *Records) NewFile() *os.File {
	if !r.InFile() {
		return nil
	}
	return newFile(filepath.Dir(r.f.Name()))
}

// InFile says the records go to a file.
func (r *Records) InFile() bool { return r.f != nil && r.err == nil }

// Put sets record i to a copy of b.
func (r *Records) Put(i int, b []byte) {
	for len(r.at) <= i {
		r.at = append(r.at, 0)
		r.size = append(r.size, 0)
	}
	if i < len(r.mem) {
		r.mem[i] = nil
	}
	r.size[i] = 0
	if !r.InFile() {
		r.keep(i, append(b[:0:0], b...))
		return
	}
	r.at[i], r.size[i] = r.end+int64(len(r.buf)), uint32(len(b))
	r.buf = append(r.buf, b...)
	if len(r.buf) >= flushAt {
		r.flush()
	}
}

// keep keeps record i in memory.
func (r *Records) keep(i int, b []byte) {
	for len(r.mem) <= i {
		r.mem = append(r.mem, nil)
	}
	r.mem[i] = b
}

// flush writes what is buffered to the file; should that fail, the
// records not yet in it stay in memory, as the next ones will.
func (r *Records) flush() {
	if len(r.buf) == 0 || r.err != nil || r.f == nil {
		return
	}
	if _, err := r.f.WriteAt(r.buf, r.end); err != nil {
		r.err = err
		for i, at := range r.at {
			if r.size[i] > 0 && at >= r.end {
				r.keep(i, append([]byte(nil), r.buf[at-r.end:at-r.end+int64(r.size[i])]...))
				r.size[i] = 0
			}
		}
		r.buf = nil
		return
	}
	r.end += int64(len(r.buf))
	r.buf = r.buf[:0]
}

// Seal ends the writing: records are only read from now on. (Records may
// be read before too, between Puts.)
func (r *Records) Seal() {
	r.flush()
	r.buf = nil
}

// Len is one more than the highest number put.
func (r *Records) Len() int { return len(r.at) }

// Close lets the records go, and their file.
func (r *Records) Close() error {
	r.mem, r.at, r.size, r.buf, r.closed = nil, nil, nil, nil, true
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}

// Reader reads records back, through a window of the file that follows
// them in the order written: records read in about that order cost a read
// of the file per MiB. Each goroutine has its own.
type Reader struct {
	r      *Records
	window []byte
	from   int64  // where window starts in the file
	single []byte // a record read alone
}

// Reader returns a Reader of the sealed records.
func (r *Records) Reader() *Reader { return &Reader{r: r} }

// errClosed is a record asked for once the records are closed.
var errClosed = errors.New("spilled records read after their file was closed")

// Get is record i, nil for one never put; it is valid until the next Get
// or Put.
func (rd *Reader) Get(i int) ([]byte, error) {
	r := rd.r
	b, at, n, err := r.find(i)
	if b != nil || n == 0 || err != nil {
		return b, err
	}
	end := rd.from + int64(len(rd.window))
	if at < rd.from || at+n > end {
		if len(rd.window) > 0 && (at < rd.from || at > end+flushAt) {
			// Out of the order written (a record replaced later): read
			// alone, the window left where the order goes on.
			if int64(cap(rd.single)) < n {
				rd.single = make([]byte, n)
			}
			rd.single = rd.single[:n]
			if _, err := r.f.ReadAt(rd.single, at); err != nil {
				return nil, err
			}
			return rd.single, nil
		}
		size := min(max(n, flushAt), r.end-at)
		if int64(cap(rd.window)) < size {
			rd.window = make([]byte, size)
		}
		rd.window = rd.window[:size]
		if _, err := r.f.ReadAt(rd.window, at); err != nil {
			rd.window = rd.window[:0]
			return nil, err
		}
		rd.from = at
	}
	return rd.window[at-rd.from : at-rd.from+n : at-rd.from+n], nil
}

// Read is record i, nil for one never put, in a slice of its own.
func (r *Records) Read(i int) ([]byte, error) {
	b, at, n, err := r.find(i)
	if b != nil || n == 0 || err != nil {
		return append([]byte(nil), b...), err
	}
	b = make([]byte, n)
	if _, err := r.f.ReadAt(b, at); err != nil {
		return nil, err
	}
	return b, nil
}

// find is record i when it is in memory (b), or where it is in the file
// (n bytes at at); nothing for one never put.
func (r *Records) find(i int) (b []byte, at, n int64, err error) {
	switch {
	case r.closed:
		return nil, 0, 0, errClosed
	case i >= len(r.at):
		return nil, 0, 0, nil
	case i < len(r.mem) && r.mem[i] != nil:
		return r.mem[i], 0, 0, nil
	}
	at, n = r.at[i], int64(r.size[i])
	if n > 0 && at >= r.end { // not written to the file yet
		return r.buf[at-r.end : at-r.end+n : at-r.end+n], 0, n, nil
	}
	return nil, at, n, nil
}
