// Package memlimit lets a stretch of work hold the runtime's soft memory
// limit (debug.SetMemoryLimit) where its peak would be: a warm start's
// check of the files, a cold load. The holds are kept in one place because
// they can overlap (a reader that loads cold and then checks, tests run
// side by side): each restoring the limit it found would leave a stale one
// in force. Here the limit in force is the highest any hold asks for (one
// hold must not starve another's work of room), never above the limit
// there was before the first hold (GOMEMLIMIT), and the last hold to end
// puts that one back.
package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
)

// A hold asks for limit; follow, when set, works it out again from the
// live heap after each collection.
type hold struct {
	limit  int64
	follow func(live int64) int64
}

var holds struct {
	sync.Mutex
	all  []*hold
	prev int64 // the limit before the first hold
	gen  int   // counts the stretches of following holds, for their watcher
}

// Fixed holds the limit at limit until release is called (once, however
// often).
func Fixed(limit int64) (release func()) {
	return add(&hold{limit: limit})
}

// Following holds the limit at limit(live heap), worked out again after
// each collection, until release is called (once, however often): for
// work whose live heap grows as it goes.
func Following(limit func(live int64) int64) (release func()) {
	return add(&hold{limit: limit(LiveHeap()), follow: limit})
}

func add(h *hold) (release func()) {
	s := &holds
	s.Lock()
	defer s.Unlock()
	if len(s.all) == 0 {
		s.prev = debug.SetMemoryLimit(-1)
	}
	watching := slices.ContainsFunc(s.all, following)
	s.all = append(s.all, h)
	if h.follow != nil && !watching {
		s.gen++
		watch(s.gen)
	}
	apply()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.Lock()
			defer s.Unlock()
			s.all = slices.DeleteFunc(s.all, func(o *hold) bool { return o == h })
			if len(s.all) == 0 {
				debug.SetMemoryLimit(s.prev)
				return
			}
			apply()
		})
	}
}

func following(h *hold) bool { return h.follow != nil }

// apply sets the limit the holds ask for. holds is locked.
func apply() {
	limit := int64(0)
	for _, h := range holds.all {
		limit = max(limit, h.limit)
	}
	debug.SetMemoryLimit(min(holds.prev, limit))
}

// watch works out the following holds' limits after the next collection,
// and again after each one while following holds of stretch gen last: a
// cleanup runs once the collector has found its object unreachable.
func watch(gen int) {
	runtime.AddCleanup(&gcTick{}, func(gen int) {
		s := &holds
		s.Lock()
		defer s.Unlock()
		if s.gen != gen || !slices.ContainsFunc(s.all, following) {
			return
		}
		live := LiveHeap()
		for _, h := range s.all {
			if h.follow != nil {
				h.limit = h.follow(live)
			}
		}
		apply()
		watch(gen)
	}, gen)
}

// gcTick is an object made only for its cleanup to run at a collection; a
// pointer keeps it out of the allocator's tiny blocks, which hold several
// objects and are freed together.
type gcTick struct{ _ *int }

// LiveHeap is the heap the last collection found live, in bytes (0 before
// the first).
func LiveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(min(s[0].Value.Uint64(), math.MaxInt64))
}
