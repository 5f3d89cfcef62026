//go:build !linux

package state

// freeSpace is not asked elsewhere; messages then go without the hint.
func freeSpace(string) (uint64, bool) { return 0, false }
