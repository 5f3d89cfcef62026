//go:build (linux && !(amd64 || arm64)) || darwin || freebsd || netbsd || openbsd

package loader

import "golang.org/x/sys/unix"

// fstatat is unix.Fstatat: only Linux on amd64 and arm64, whose stat
// structure x/sys passes to the kernel as it is, stats without a copy of
// the name.
func fstatat(dirfd int, name string, _ *[]byte, st *unix.Stat_t, flags int) error {
	return unix.Fstatat(dirfd, name, st, flags)
}

// rawFstatat says fstatat makes no copy of the name (for its test).
const rawFstatat = false
