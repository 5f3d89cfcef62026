package cache

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// A cold load holds the runtime's memory limit at coldMemory at least, or
// above the live heap, never above a lower limit there was (GOMEMLIMIT),
// and the last hold to end puts back the limit there was; a collection
// while it holds keeps it.
func TestColdLoadHoldsTheMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	first := HoldColdMemory()
	second := HoldColdMemory()
	if got := debug.SetMemoryLimit(-1); got < coldMemory || got == math.MaxInt64 {
		t.Fatalf("limit %d while a cold load holds, want at least %d", got, coldMemory)
	}
	runtime.GC()
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got < coldMemory || got == math.MaxInt64 {
		t.Fatalf("limit %d after collections, want at least %d", got, coldMemory)
	}
	first()
	first() // once only
	if got := debug.SetMemoryLimit(-1); got == math.MaxInt64 {
		t.Fatal("the limit was let go while a second load holds it")
	}
	second()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("limit %d after the last hold, want none (%d)", got, int64(math.MaxInt64))
	}
	runtime.GC()
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("limit %d set by a collection after the last hold", got)
	}

	debug.SetMemoryLimit(100 << 20) // as GOMEMLIMIT=100MiB
	release := HoldColdMemory()
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got != 100<<20 {
		t.Fatalf("limit %d under GOMEMLIMIT=100MiB, want it kept", got)
	}
	release()
	if got := debug.SetMemoryLimit(-1); got != 100<<20 {
		t.Fatalf("limit %d after the hold, want GOMEMLIMIT's back", got)
	}
}
