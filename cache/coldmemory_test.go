package cache

import (
	"math"
	"runtime/debug"
	"testing"
)

// A cold load holds the runtime's memory limit at coldMemory at least, a
// quarter above the live heap once that is more (coldHeadroom at most),
// and lets it go when done
// (how holds combine is internal/memlimit's, tested there).
func TestColdLoadHoldsTheMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	release := HoldColdMemory()
	if got := debug.SetMemoryLimit(-1); got < coldMemory || got == math.MaxInt64 {
		t.Fatalf("limit %d while a cold load holds, want at least %d", got, coldMemory)
	}
	release()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("limit %d after the hold, want none as before", got)
	}
	if got := coldLimit(100 << 20); got != coldMemory {
		t.Errorf("limit %d for 100 MiB live, want the floor %d", got, coldMemory)
	}
	if got := coldLimit(800 << 20); got != 1000<<20 {
		t.Errorf("limit %d for 800 MiB live, want a quarter above it", got)
	}
	if got := coldLimit(2 << 30); got != 2<<30+coldHeadroom {
		t.Errorf("limit %d for 2 GiB live, want %d above it", got, coldHeadroom)
	}
}
