//go:build unix

package loader

import "syscall"

// openNoBlock keeps the open of a named pipe from waiting for a writer; it
// changes nothing for the regular files that are then read.
const openNoBlock = syscall.O_NONBLOCK
