package ui

import (
	"math"
	"runtime/debug"
	"testing"
)

// A peak hold limits memory to what is held plus its room, and lets it go
// (how holds combine is internal/memlimit's, tested there).
func TestAPeakHoldLimitsMemoryToWhatIsHeld(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	release := holdPeak()
	limit := debug.SetMemoryLimit(-1)
	if held := heldMemory(); limit < held || limit > held+slackFor(held)+64<<20 {
		t.Fatalf("limit %d with %d held, want what is held plus %d", limit, held, slackFor(held))
	}
	release()
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("limit %d after the hold, want none as before", l)
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
