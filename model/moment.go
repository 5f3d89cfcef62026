package model

import (
	"sync"
	"time"
)

// Moment is a time as the library keeps it for each story and page (when
// it was published, when saved): 16 bytes, not a time.Time's 24, with its
// zone a number, not a pointer (a million dumps keep three million of
// them). It gives back the very time it was made of (MomentOf, Time):
// the instant, and a zone that prints as that one did. The zero Moment
// is the zero time.
type Moment struct {
	sec  int64  // seconds since January 1, year 1, UTC (the zero time's 0)
	nsec uint32 // nanoseconds within the second
	zone uint32 // 0 UTC, 1 the local zone, else zones.list[zone-2]
}

// unixToMoment is a Unix time's second 0 as a Moment's.
const unixToMoment = 62135596800

// MomentOf keeps t (its monotonic clock reading, which no stored time
// has, is dropped).
func MomentOf(t time.Time) Moment {
	return Moment{sec: t.Unix() + unixToMoment, nsec: uint32(t.Nanosecond()), zone: zoneNumber(t)}
}

// Time is the time the Moment was made of.
func (m Moment) Time() time.Time {
	t := time.Unix(m.sec-unixToMoment, int64(m.nsec))
	switch m.zone {
	case 0:
		return t.UTC()
	case 1:
		return t.In(time.Local)
	}
	return t.In(zones.at(m.zone))
}

// IsZero reports whether m is the zero time.
func (m Moment) IsZero() bool { return m.sec == 0 && m.nsec == 0 }

// Compare compares the instants, as time.Time.Compare does.
func (m Moment) Compare(o Moment) int {
	switch {
	case m.sec < o.sec:
		return -1
	case m.sec > o.sec:
		return 1
	case m.nsec < o.nsec:
		return -1
	case m.nsec > o.nsec:
		return 1
	}
	return 0
}

// Before reports whether m's instant is before o's.
func (m Moment) Before(o Moment) bool { return m.Compare(o) < 0 }

// Format formats the time, as time.Time.Format does.
func (m Moment) Format(layout string) string { return m.Time().Format(layout) }

// String is the time's, so that %v prints a Moment as the time.
func (m Moment) String() string { return m.Time().String() }

// zoneKey names a zone as it prints at one instant: the location's name
// and the zone's abbreviation and offset there. Parsed times each carry a
// location of their own (time.FixedZone makes one a call), so locations
// are told apart by what they print, not by pointer: one location is kept
// for each name, abbreviation and offset, and any with those prints the
// same.
type zoneKey struct {
	name, abbrev string
	offset       int
}

// zones are the zones other than UTC and the local one that Moments were
// made in, for the process: a few, as a library's times come from its
// files' dates and names of zones.
var zones zoneTable

type zoneTable struct {
	mu     sync.RWMutex
	number map[zoneKey]uint32
	list   []*time.Location
}

func zoneNumber(t time.Time) uint32 {
	loc := t.Location()
	switch loc {
	case time.UTC:
		return 0
	case time.Local:
		return 1
	}
	abbrev, offset := t.Zone()
	k := zoneKey{loc.String(), abbrev, offset}
	zones.mu.RLock()
	n, ok := zones.number[k]
	zones.mu.RUnlock()
	if ok {
		return n
	}
	zones.mu.Lock()
	defer zones.mu.Unlock()
	if n, ok := zones.number[k]; ok {
		return n
	}
	if zones.number == nil {
		zones.number = map[zoneKey]uint32{}
	}
	zones.list = append(zones.list, loc)
	n = uint32(len(zones.list) + 1)
	zones.number[k] = n
	return n
}

func (z *zoneTable) at(n uint32) *time.Location {
	z.mu.RLock()
	defer z.mu.RUnlock()
	return z.list[n-2]
}
