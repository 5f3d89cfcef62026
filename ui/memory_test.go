package ui

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestAPeakHoldLimitsMemoryUntilTheLastIsLetGo(t *testing.T) {
	before := debug.SetMemoryLimit(math.MaxInt64) // none, whatever GOMEMLIMIT says
	defer debug.SetMemoryLimit(before)
	before = math.MaxInt64
	first := holdPeak()
	limit := debug.SetMemoryLimit(-1)
	if held := heldMemory(); limit < held || limit > held+slackFor(held)+64<<20 {
		t.Fatalf("limit %d with %d held, want what is held plus %d", limit, held, slackFor(held))
	}
	big := make([]byte, 32<<20) // the second hold asks for more
	second := holdPeak()
	if l := debug.SetMemoryLimit(-1); l < limit+16<<20 {
		t.Errorf("a second hold with more held kept the limit at %d (was %d)", l, limit)
	}
	first()
	first() // once only
	if l := debug.SetMemoryLimit(-1); l == before {
		t.Error("the limit was lifted while a hold was still in force")
	}
	second()
	if l := debug.SetMemoryLimit(-1); l != before {
		t.Errorf("limit %d after the last hold, want %d as before", l, before)
	}
	_ = big[len(big)-1]
}

func TestAPeakHoldKeepsALowerLimit(t *testing.T) {
	before := debug.SetMemoryLimit(16 << 20) // lower than anything held
	defer debug.SetMemoryLimit(before)
	release := holdPeak()
	if l := debug.SetMemoryLimit(-1); l != 16<<20 {
		t.Errorf("limit %d, want GOMEMLIMIT's 16 MiB kept", l)
	}
	release()
	if l := debug.SetMemoryLimit(-1); l != 16<<20 {
		t.Errorf("limit %d after the hold, want 16 MiB", l)
	}
}

func TestThePeakHoldsSlackGrowsWithWhatIsHeld(t *testing.T) {
	if s := slackFor(40 << 20); s != peakSlack {
		t.Errorf("slack %d for 40 MiB held, want the floor %d", s, peakSlack)
	}
	if s := slackFor(1700 << 20); s != 1700<<20/4 {
		t.Errorf("slack %d for 1.7 GiB held, want a quarter", s)
	}
}
