//go:build linux || darwin || freebsd || netbsd || openbsd

package loader

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"tidings/model"

	"golang.org/x/sys/unix"
)

// folderStat stats names in one folder relative to a descriptor of it
// (fstatat), which spares the kernel walking the whole path again for each
// of a day folder's hundreds of files: about a third of the time of
// os.Stat on 100,000 files.
type folderStat struct {
	dir string
	f   *os.File // nil when the folder could not be opened: os.Stat then
}

func newFolderStat(dir string) folderStat {
	f, err := os.Open(dir)
	if err != nil {
		f = nil
	}
	return folderStat{dir: dir, f: f}
}

func (s folderStat) close() {
	if s.f != nil {
		s.f.Close()
	}
}

// openDir opens a folder as os.ReadDir does: a name that is not one
// (a named pipe swapped in, whose open would wait for a writer) fails.
func openDir(dir string) (*os.File, error) {
	return os.OpenFile(dir, os.O_RDONLY|unix.O_DIRECTORY, 0)
}

// statSlot is where stat puts what it read: a folder's are allocated
// together, and reused from folder to folder (statBuffers).
type statSlot = statInfo

// stat is os.Stat of the name in the folder: links followed, the same
// errors (a *fs.PathError naming the whole path); link says the name is
// a symbolic link (it is read without following it first: one call for
// a file that is not). What it says is slot; buf is the caller's, for
// the name as the system call takes it.
func (s folderStat) stat(name string, slot *statSlot, buf *[]byte) (info fs.FileInfo, link bool, err error) {
	if s.f == nil {
		return statPath(filepath.Join(s.dir, name))
	}
	var st unix.Stat_t
	flags := unix.AT_SYMLINK_NOFOLLOW
	for {
		err := fstatat(int(s.f.Fd()), name, buf, &st, flags)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, link, &fs.PathError{Op: "stat", Path: filepath.Join(s.dir, name), Err: err}
		}
		if flags != 0 && st.Mode&unix.S_IFMT == unix.S_IFLNK {
			link, flags = true, 0 // and again, following it
			continue
		}
		*slot = statInfo{name: name, mode: uint32(st.Mode), stamp: stampOfStat(&st)}
		return slot, link, nil
	}
}

// statInfo is an fs.FileInfo from a stat(2) result, as os.Stat makes it,
// keeping only what the walk reads (100,000 of them are made at a start).
type statInfo struct {
	name  string
	mode  uint32
	stamp model.Stamp
}

func (i statInfo) Name() string       { return i.name }
func (i statInfo) Size() int64        { return i.stamp.Size }
func (i statInfo) ModTime() time.Time { return time.Unix(0, i.stamp.ModTime) }
func (i statInfo) IsDir() bool        { return i.Mode().IsDir() }
func (i statInfo) Sys() any           { return nil }

func (i statInfo) Mode() fs.FileMode {
	m := fs.FileMode(i.mode & 0o777)
	switch i.mode & unix.S_IFMT {
	case unix.S_IFDIR:
		m |= fs.ModeDir
	case unix.S_IFLNK:
		m |= fs.ModeSymlink
	case unix.S_IFIFO:
		m |= fs.ModeNamedPipe
	case unix.S_IFSOCK:
		m |= fs.ModeSocket
	case unix.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		m |= fs.ModeDevice
	}
	if i.mode&unix.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if i.mode&unix.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if i.mode&unix.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}

func stampOfStat(st *unix.Stat_t) model.Stamp {
	return model.Stamp{Size: st.Size, ModTime: st.Mtim.Nano(), ChangeTime: st.Ctim.Nano(),
		Device: uint64(st.Dev), Inode: uint64(st.Ino)}
}

// stampOf is the stamp of the file at path, of which info is what a stat
// said: with its change time, device and inode.
func stampOf(path string, info fs.FileInfo) model.Stamp {
	if v, ok := info.(*statInfo); ok {
		return v.stamp
	}
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err == nil && st.Size == info.Size() {
		return stampOfStat(&st)
	}
	return model.Stamp{Size: info.Size(), ModTime: model.StampTime(info.ModTime())}
}
