//go:build unix

package cache

import (
	"os"

	"golang.org/x/sys/unix"
)

// duplicate is a second descriptor of the same open file, closed apart
// from the first (the similar-stories model keeps the first).
func duplicate(f *os.File) (*os.File, error) {
	fd, err := unix.Dup(int(f.Fd()))
	if err != nil {
		return nil, err
	}
	unix.CloseOnExec(fd)
	return os.NewFile(uintptr(fd), f.Name()), nil
}
