package loader

import (
	"encoding/binary"
	"io/fs"
	"slices"
	"unsafe"

	"golang.org/x/sys/unix"
)

// dirents is what readNames keeps from folder to folder: the buffer the
// kernel lists a folder into, and its names, copied together.
type dirents struct {
	buf  []byte
	raw  []byte  // the folder's names, one after the other
	ends []int32 // where each ends in raw
}

// direntsAtOnce is how much of a folder the kernel lists at a time.
const direntsAtOnce = 32 << 10

// readNames is what os.ReadDir lists, in its order, as names alone, in
// b (valid until b is used again): a walk stats each entry anyway. The
// folder is listed with getdents64 into a buffer kept from folder to
// folder, and its names are views of the buffer its names are copied
// into, also kept: a walk of 100,000 files that os.File.Readdirnames
// listed made a string for each name and grew a list for each 1,024, 8 MB
// of garbage while a warm start's check runs, and one string a folder
// was still 24 MB at a million files. So a name is copied wherever it is
// kept beyond the folder's walk (a path, a walk order: see joiner), as
// the next folder's listing writes over it.
func (b *statBuffers) readNames(dir string) ([]string, error) {
	f, err := openDir(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d := &b.dirents
	if d.buf == nil {
		d.buf = make([]byte, direntsAtOnce)
	}
	d.raw, d.ends = d.raw[:0], d.ends[:0]
	fd := int(f.Fd())
	for {
		n, err := unix.ReadDirent(fd, d.buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			break
		}
		d.parse(d.buf[:n])
	}
	clear(b.names)
	names := b.names[:0]
	start := int32(0)
	for _, end := range d.ends {
		names = append(names, unsafe.String(&d.raw[start], end-start)) // never empty (parse)
		start = end
	}
	b.names = names
	slices.Sort(names)
	return names, nil
}

// Where a struct linux_dirent64's fields lie: d_ino (8 bytes), d_off (8),
// d_reclen (2), d_type (1), then the name, ended by a zero byte.
const (
	direntIno    = 0
	direntReclen = 16
	direntName   = 19
)

// parse takes the names of the entries in buf into raw and ends, as
// os.File.Readdirnames does: not "." and "..", nor an entry whose inode is
// 0 (deleted, on some file systems). An entry that does not fit is the
// end of what the kernel gave.
func (d *dirents) parse(buf []byte) {
	for len(buf) >= direntName {
		reclen := int(binary.NativeEndian.Uint16(buf[direntReclen:]))
		if reclen < direntName || reclen > len(buf) {
			return
		}
		ino := binary.NativeEndian.Uint64(buf[direntIno:])
		name := buf[direntName:reclen]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		buf = buf[reclen:]
		if ino == 0 || string(name) == "." || string(name) == ".." || len(name) == 0 {
			continue
		}
		d.raw = append(d.raw, name...)
		d.ends = append(d.ends, int32(len(d.raw)))
	}
}
