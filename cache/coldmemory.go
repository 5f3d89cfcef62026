package cache

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A cold start's peak memory is the GC's goal over a live heap that grows
// to the whole library: at a goal of the whole live heap while the files
// are parsed (cheaper in CPU than half, see ui/coldload.go) the heap went
// to twice what was live, some 770 MiB at 100,000 dumps for 360 MiB live.
// Instead, while a cold load holds (HoldColdMemory), the runtime's soft
// memory limit is coldMemory, or a quarter above the live heap once that
// is more: the collector then runs more often only when the heap nears
// the limit, where the peak would be. With the library's links free of
// pointers, and out of the heap while the indexes are built, the cycles
// cost a command's cold start no more CPU than before.

// coldMemory is the least limit a cold load sets. At 100,000 dumps the
// live heap reaches some 290 MiB while the indexes are built; the limit
// leaves room over it for the cycles not to follow one another.
const coldMemory = 320 << 20

// coldHolds are the cold loads in progress (several in one process, as in
// tests, each hold one): the limit before the first is put back after the
// last.
var coldHolds struct {
	sync.Mutex
	n    int
	prev int64 // the limit before the first hold
	gen  int   // counts the holds begun with none in force
}

// HoldColdMemory sets the limit for a cold load until release is called
// (once, however often), and follows the live heap after each collection:
// a cache.Cold holds it from NewCold to Done; a command's cold load that
// builds no index (list --no-cache) takes a hold of its own.
func HoldColdMemory() (release func()) {
	h := &coldHolds
	h.Lock()
	defer h.Unlock()
	if h.n == 0 {
		h.prev = debug.SetMemoryLimit(-1)
	}
	h.n++
	setColdLimit()
	if h.n == 1 {
		h.gen++
		watchColdMemory(h.gen)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			h.Lock()
			defer h.Unlock()
			if h.n--; h.n == 0 {
				debug.SetMemoryLimit(h.prev)
			}
		})
	}
}

// setColdLimit sets the limit from the live heap of the last collection,
// never above the one there was (GOMEMLIMIT). coldHolds is locked.
func setColdLimit() {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	var live int64
	if s[0].Value.Kind() == metrics.KindUint64 {
		live = int64(s[0].Value.Uint64())
	}
	debug.SetMemoryLimit(min(coldHolds.prev, max(coldMemory, live+live/4)))
}

// watchColdMemory has setColdLimit run after the next collection, and so
// on while the holds of generation gen last: a cleanup runs once the
// collector finds its object unreachable.
func watchColdMemory(gen int) {
	runtime.AddCleanup(&gcTick{}, func(gen int) {
		h := &coldHolds
		h.Lock()
		defer h.Unlock()
		if h.n > 0 && h.gen == gen {
			setColdLimit()
			watchColdMemory(gen)
		}
	}, gen)
}

// gcTick is an object made only for its cleanup to run at a collection; a
// pointer keeps it out of the allocator's tiny blocks, which hold several
// objects and are freed together.
type gcTick struct{ _ *int }
