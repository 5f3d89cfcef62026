package loader

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// readOSFile reads a file the walk found. The walk's look at it is already
// stale: the name may now be a named pipe (whose open would wait for a
// writer forever), a link to a device that never ends, or a file that grew.
// So the file is opened without blocking, checked again once open, and read
// no further than the limit.
func readOSFile(path string) ([]byte, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpened(f)
}

// openNoWait opens path for reading without blocking (a named pipe's open
// would wait for a writer forever).
func openNoWait(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		// A socket cannot be opened at all; say what it is rather than
		// "no such device or address".
		if info, serr := os.Stat(path); serr == nil && !info.Mode().IsRegular() {
			return nil, errNotRegular(info.Mode())
		}
		return nil, err
	}
	return f, nil
}

// ReadRegular reads a small file named in the settings (a theme) as the
// dumps are read: opened without blocking, refused unless a regular file,
// and never more than limit bytes.
func ReadRegular(path string, limit int64) ([]byte, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case !info.Mode().IsRegular():
		return nil, errNotRegular(info.Mode())
	case info.Size() > limit:
		return nil, fmt.Errorf("file is larger than the %d KiB limit", limit>>10)
	}
	return readLimited(f, info.Size(), limit)
}

// readFSFile reads a file of an fs.FS with the same checks as readOSFile.
func readFSFile(fsys fs.FS, path string) ([]byte, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpened(f)
}

func readOpened(f fs.File) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errNotRegular(info.Mode())
	}
	if info.Size() > MaxFileSize {
		return nil, errTooLarge(info.Size())
	}
	return readLimited(f, info.Size(), MaxFileSize)
}

// readLimited reads r to its end, but never more than limit bytes and one:
// the size a file claims (zero for /proc files, say) is only a hint for the
// buffer.
func readLimited(r io.Reader, size, limit int64) ([]byte, error) {
	// One byte more than the size, as os.ReadFile does, so that the read
	// that meets the end needs no new buffer.
	data := make([]byte, 0, min(max(size, 512), limit)+1)
	lr := io.LimitReader(r, limit+1)
	for {
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if int64(len(data)) > limit {
		return nil, errOverLimit(limit)
	}
	return data, nil
}

// errNotRegular says what a name is when it is not a file that can be
// read to its end.
func errNotRegular(mode fs.FileMode) error {
	kind := ""
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = " (a named pipe)"
	case mode&fs.ModeSocket != 0:
		kind = " (a socket)"
	case mode&fs.ModeDevice != 0:
		kind = " (a device)"
	case mode&fs.ModeSymlink != 0:
		kind = " (a symbolic link)"
	case mode.IsDir():
		kind = " (a folder)"
	}
	return errors.New("not a regular file" + kind)
}

func errOverLimit(limit int64) error {
	return fmt.Errorf("file is over %d MiB, the size limit (it grew while being read, or is not a plain file)", limit>>20)
}

// OpenRegular opens a file the program keeps for itself (the parse cache,
// a theme) with the care a dump gets: without blocking, and refused when,
// once open, it is not a regular file. The error for a file that is not
// there wraps fs.ErrNotExist.
func OpenRegular(path string) (*os.File, error) {
	f, err := openNoWait(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, errNotRegular(info.Mode()))
	}
	return f, nil
}
