package state

import "syscall"

// freeSpace is how many bytes an unprivileged program may still write on
// the file system holding dir.
func freeSpace(dir string) (bytes uint64, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
