package ui

import (
	"runtime/metrics"

	"tidings/internal/memlimit"
)

// A warm start's peak memory is set while the snapshot is read: the
// collector is off then (see startLoading), and the process ends up
// holding the library and the little garbage the read and the start's walk
// made. The check that follows (checkFiles) makes garbage of its own, tens
// of megabytes for 100,000 files, against a live heap that hardly grows;
// at the reader's usual pace (a GC goal of half the live heap) all of it
// would be held on top of the library, raising the peak by a third.
// Instead, the memory held when the read ends is made the runtime's soft
// limit, plus some room (slackFor), until the check is done (holdPeak):
// the check's garbage is collected as it reaches that, which it then does
// not pass, and the collector runs no more often than that takes.

// peakSlack is the least room the limit leaves above the memory held
// when it is set: for the check's own working set (the walk's lists, the
// changes it finds) and some of its garbage, so that the collector, which
// marks the whole library each time, runs a few times, not one after the
// other.
const peakSlack = 16 << 20

// slackFor is the room the limit leaves above held: a quarter of it. The
// check's garbage grows with the files, and each collection's cost with
// the library (a million dumps' 1.7 GB with 16 MiB to spare would be
// marked ten times over), so the room grows with what is held. A quarter
// is where the whole list is no slower than without the limit. At
// 100,000 dumps (tui.sh at 200x50, six runs each interleaved with the
// reader without the limit, on a shared machine): a quarter, two
// collections during the check, peak RSS 156-161 MiB, whole list median
// 1.50 s against 1.54 s, CPU 1.10 s against 1.22 s; an eighth, three
// collections, 150-153 MiB, the whole list 0.12-0.15 s slower (two
// batches); without the limit 203-204 MiB. Since the check's walk names
// the files the library has with its pages' strings (startWalk.named)
// and lists a folder's names as one string, it makes some 7.5 MB of
// garbage for 100,000 files, not 27, and the limit is no longer reached
// there (no collection after the one that ends the read until the list
// is whole, peak 133 MiB): it still bounds a check that parses many
// files changed.
func slackFor(held int64) int64 { return max(peakSlack, held/4) }

// heldMemory is what the Go runtime holds from the system, as its memory
// limit counts it.
func heldMemory() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}

// holdPeak sets the runtime's memory limit to what it holds now, plus
// slackFor it, unless a lower one is set (GOMEMLIMIT); the function it
// returns lets go of the hold (once, however often it is called).
func holdPeak() (release func()) {
	held := heldMemory()
	if held <= 0 {
		return func() {}
	}
	return memlimit.Fixed(held + slackFor(held))
}
