//go:build !linux

package ui

import "time"

// threadCPU is not read here: the benchmarks report wall times alone.
func threadCPU() time.Duration { return 0 }
