//go:build linux && (amd64 || arm64)

package loader

import (
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// fstatat is unix.Fstatat with the name made a C string in buf, which the
// caller keeps from call to call, not in an allocation of its own each
// time: a warm start's check stats every file while the collector is
// held off, and those copies were 30 MB of its garbage at a million
// files.
func fstatat(dirfd int, name string, buf *[]byte, st *unix.Stat_t, flags int) error {
	if strings.IndexByte(name, 0) >= 0 {
		return unix.EINVAL // as unix.Fstatat refuses it
	}
	b := append(append((*buf)[:0], name...), 0)
	*buf = b
	_, _, errno := unix.Syscall6(unix.SYS_NEWFSTATAT, uintptr(dirfd), uintptr(unsafe.Pointer(&b[0])),
		uintptr(unsafe.Pointer(st)), uintptr(flags), 0, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// rawFstatat says fstatat makes no copy of the name (for its test).
const rawFstatat = true
