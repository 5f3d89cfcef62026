package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
)

// limitNow is the limit in force, left as it is.
func limitNow() int64 { return debug.SetMemoryLimit(-1) }

// noLimit lifts any limit (GOMEMLIMIT included) for a test and puts it
// back after.
func noLimit(t *testing.T) {
	before := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
}

func TestTheHighestHoldIsInForceUntilTheLastIsLetGo(t *testing.T) {
	noLimit(t)
	low := Fixed(300 << 20)
	if got := limitNow(); got != 300<<20 {
		t.Fatalf("limit %d, want the hold's 300 MiB", got)
	}
	high := Fixed(500 << 20)
	if got := limitNow(); got != 500<<20 {
		t.Fatalf("limit %d with a second hold for more, want 500 MiB", got)
	}
	high()
	high() // once only: a second call must not let go of another hold
	if got := limitNow(); got != 300<<20 {
		t.Fatalf("limit %d once the higher hold ended, want the other's 300 MiB", got)
	}
	low()
	if got := limitNow(); got != math.MaxInt64 {
		t.Fatalf("limit %d after the last hold, want none as before", got)
	}
}

func TestAHoldKeepsALowerLimitThereWas(t *testing.T) {
	before := debug.SetMemoryLimit(100 << 20) // as GOMEMLIMIT=100MiB
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	release := Fixed(400 << 20)
	if got := limitNow(); got != 100<<20 {
		t.Errorf("limit %d, want GOMEMLIMIT's 100 MiB kept", got)
	}
	release()
	if got := limitNow(); got != 100<<20 {
		t.Errorf("limit %d after the hold, want GOMEMLIMIT's 100 MiB back", got)
	}
}

func TestAFollowingHoldIsWorkedOutAfterEachCollection(t *testing.T) {
	noLimit(t)
	var asked atomic.Int64
	release := Following(func(live int64) int64 {
		asked.Add(1)
		return 1<<30 + asked.Load()
	})
	if asked.Load() != 1 || limitNow() != 1<<30+1 {
		t.Fatalf("limit %d after %d calls, want it worked out once as the hold began", limitNow(), asked.Load())
	}
	for range 3 {
		runtime.GC()
	}
	waitFor(t, func() bool { return asked.Load() >= 3 })
	if got, n := limitNow(), asked.Load(); got != 1<<30+n {
		t.Fatalf("limit %d, want the %dth answer %d", got, n, 1<<30+n)
	}
	release()
	n := asked.Load()
	for range 3 {
		runtime.GC()
	}
	if got := limitNow(); got != math.MaxInt64 {
		t.Fatalf("limit %d set after the hold ended", got)
	}
	if asked.Load() != n {
		t.Errorf("the limit was worked out %d times after the hold ended", asked.Load()-n)
	}
}

// A fixed hold and a following one that overlap, let go in either order,
// leave the limit there was, not one of theirs.
func TestOverlappingHoldsPutBackTheLimitThereWas(t *testing.T) {
	noLimit(t)
	for _, fixedFirst := range []bool{true, false} {
		fixed := Fixed(2 << 30)
		follow := Following(func(int64) int64 { return 1 << 30 })
		if got := limitNow(); got != 2<<30 {
			t.Fatalf("limit %d, want the higher hold's 2 GiB", got)
		}
		runtime.GC()
		if fixedFirst {
			fixed()
			waitFor(t, func() bool { return limitNow() == 1<<30 })
			follow()
		} else {
			follow()
			if got := limitNow(); got != 2<<30 {
				t.Fatalf("limit %d once the following hold ended, want the fixed one's", got)
			}
			fixed()
		}
		runtime.GC()
		if got := limitNow(); got != math.MaxInt64 {
			t.Fatalf("limit %d after both holds (fixed first: %v), want none as before", got, fixedFirst)
		}
	}
}

func TestLiveHeapFollowsWhatIsKept(t *testing.T) {
	runtime.GC()
	before := LiveHeap()
	kept := make([]byte, 64<<20)
	runtime.GC()
	if got := LiveHeap(); got < before+60<<20 {
		t.Errorf("live heap %d with 64 MiB more kept, want at least %d", got, before+60<<20)
	}
	runtime.KeepAlive(kept)
}

// waitFor waits for cleanups, which run on their own goroutine after a
// collection.
func waitFor(t *testing.T, done func() bool) {
	t.Helper()
	for range 2000 {
		if done() {
			return
		}
		runtime.Gosched()
		runtime.GC()
	}
	t.Fatal("gave up waiting for a collection's cleanup")
}
