package cache

import "tidings/internal/memlimit"

// A cold start's peak memory is the GC's goal over a live heap that grows
// to the whole library: at a goal of the whole live heap while the files
// are parsed (cheaper in CPU than half, see ui/coldload.go) the heap went
// to twice what was live, some 770 MiB at 100,000 dumps for 360 MiB live.
// Instead, while a cold load holds (HoldColdMemory), the runtime's soft
// memory limit is coldMemory, or a quarter above the live heap once that
// is more (coldHeadroom above it at most): the collector then runs more
// often only when the heap nears the limit, where the peak would be.
// With the library's links free of
// pointers, and out of the heap while the indexes are built, the cycles
// cost a command's cold start no more CPU than before.

// coldMemory is the least limit a cold load sets. At 100,000 dumps the
// live heap reaches some 290 MiB while the indexes are built; the limit
// leaves room over it for the cycles not to follow one another.
const coldMemory = 320 << 20

// HoldColdMemory sets the limit for a cold load until release is called
// (once, however often), and follows the live heap after each collection:
// a cache.Cold holds it from NewCold to Done; a command's cold load that
// builds no index (list --no-cache) takes a hold of its own.
func HoldColdMemory() (release func()) {
	return memlimit.Following(coldLimit)
}

// coldHeadroom is the most room the limit leaves over the live heap. At
// a million dumps some 1.6 GB is live at the end of the parse (the
// library with its links, before they go to their file), and a quarter
// above it would be 400 MB of garbage at the peak; a library under 1 GiB
// (some 600,000 dumps) has its quarter.
const coldHeadroom = 256 << 20

// coldLimit is the limit for a live heap of live bytes.
func coldLimit(live int64) int64 { return max(coldMemory, live+min(live/4, coldHeadroom)) }
