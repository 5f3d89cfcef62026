//go:build !unix

package state

import "time"

func processCPUTime() (time.Duration, bool) { return 0, false }
