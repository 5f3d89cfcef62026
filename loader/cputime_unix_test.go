//go:build unix

package loader_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used so far, user and system.
// On a machine shared with other work, the time a benchmark spent on the
// CPU says more than the time it waited for it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
