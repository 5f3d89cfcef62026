package model

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"
)

// A Moment gives back the time it was made of: the instant, to the
// nanosecond, and a zone that prints as the time's did, for UTC, the local
// zone, zones of a name and an offset as parsed times carry (one location
// each), and times far outside the span of Unix nanoseconds.
func TestMomentGivesBackTheTime(t *testing.T) {
	layout := "2006-01-02 15:04:05.999999999 MST -0700"
	times := []time.Time{
		{},
		time.Date(2025, 3, 3, 9, 14, 0, 0, time.UTC),
		time.Date(2025, 3, 3, 9, 14, 7, 123456789, time.Local),
		time.Date(2025, 3, 3, 9, 14, 0, 0, time.FixedZone("EST", -5*3600)),
		time.Date(2025, 3, 3, 9, 14, 0, 0, time.FixedZone("", 5*3600+1800)),
		time.Date(2025, 3, 3, 9, 14, 0, 0, time.FixedZone("EST", -4*3600)), // same name, another offset
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(1200, 6, 1, 0, 0, 0, 0, time.FixedZone("", -3600)),
		time.Unix(0, 0).UTC(),
	}
	for _, want := range times {
		got := MomentOf(want).Time()
		if !got.Equal(want) || got.Format(layout) != want.Format(layout) || got.Location().String() != want.Location().String() {
			t.Errorf("%s: got back %s", want.Format(layout), got.Format(layout))
		}
		if got != want && want.Location() != time.Local && want.Location() != time.UTC {
			// (a parsed zone comes back as the first location of its
			// name and offset: equal in all but the pointer)
			continue
		}
		if got != want {
			t.Errorf("%s: got back %#v, want %#v", want.Format(layout), got, want)
		}
	}
	if m := MomentOf(time.Time{}); m != (Moment{}) || !m.IsZero() {
		t.Errorf("the zero time is %+v, not the zero Moment", m)
	}
	if (Moment{}).Time() != (time.Time{}) {
		t.Errorf("the zero Moment is %v, not the zero time", Moment{}.Time())
	}
	if local := (time.Time{}).In(time.Local); !MomentOf(local).IsZero() {
		t.Errorf("the zero instant in the local zone is not zero")
	}
	if !MomentOf(time.Time{}).Before(MomentOf(time.Unix(0, 0))) || MomentOf(time.Time{}).String() != (time.Time{}).String() {
		t.Errorf("the zero Moment is not before 1970 or does not print as the zero time")
	}
}

// Moments compare as their times do, whatever their zones.
func TestMomentComparesAsTheTimes(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 23))
	zones := []*time.Location{time.UTC, time.Local, time.FixedZone("", 3600), time.FixedZone("XST", -7200)}
	at := func() time.Time {
		return time.Unix(r.Int64N(4e9)-2e9, r.Int64N(3)*int64(r.IntN(1e9))).In(zones[r.IntN(len(zones))])
	}
	for range 2000 {
		a, b := at(), at()
		if r.IntN(4) == 0 {
			b = a.In(zones[r.IntN(len(zones))])
		}
		ma, mb := MomentOf(a), MomentOf(b)
		if ma.Compare(mb) != a.Compare(b) || ma.Before(mb) != a.Before(b) || ma.IsZero() != a.IsZero() ||
			ma.Format(time.RFC3339Nano) != a.Format(time.RFC3339Nano) {
			t.Fatalf("%v against %v: Moments compare %d, times %d", a, b, ma.Compare(mb), a.Compare(b))
		}
	}
}

// Times of zones made at once in several goroutines (the loader parses
// files in parallel) each get a zone of their own name and offset.
func TestMomentZonesMadeAtOnce(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				want := time.Date(2025, 3, 3, 9, 0, 0, 0, time.FixedZone("Z", 60*(i%50)+g))
				if got := MomentOf(want).Time(); got.Format(time.RFC3339) != want.Format(time.RFC3339) || !got.Equal(want) {
					t.Errorf("%v came back as %v", want, got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
