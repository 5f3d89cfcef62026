package model

import (
	"strings"
	"sync"
	"sync/atomic"
)

// An article's and a page's day ("2025-07-28") and a story's age as its
// page wrote it ("3 hours ago", "28-07-2025") are kept as numbers in
// tables of the values the process has seen, "" being 0: 4 bytes, not a
// string's 16, for each of a million articles and pages, beside their
// other small fields. An archive has a few thousand days and ages. A
// story's source ("Reuters", "The Guardian") is numbered the same way:
// an archive has a few hundred.
type (
	dayNo    uint32
	ageNo    uint32
	sourceNo uint32
)

var dayNames, ageNames, sourceNames nameTable

// dayNoOf is the number of the day s, numbered if it is new.
func dayNoOf(s string) dayNo { return dayNo(dayNames.number(s)) }

// String is the day as written: "2025-07-28", "" for none.
func (n dayNo) String() string { return dayNames.name(uint32(n)) }

func ageNoOf(s string) ageNo { return ageNo(ageNames.number(s)) }

// String is the age as its page wrote it, "" for none.
func (n ageNo) String() string { return ageNames.name(uint32(n)) }

func sourceNoOf(s string) sourceNo { return sourceNo(sourceNames.number(s)) }

// String is the source as written, "" for none.
func (n sourceNo) String() string { return sourceNames.name(uint32(n)) }

// nameTable numbers strings. A number is read without a lock (names is
// replaced, never changed in place), from any goroutine; a string is
// numbered under the lock.
type nameTable struct {
	mu      sync.RWMutex
	numbers map[string]uint32
	names   atomic.Pointer[[]string]
}

func (t *nameTable) number(s string) uint32 {
	if s == "" {
		return 0
	}
	t.mu.RLock()
	n, ok := t.numbers[s]
	t.mu.RUnlock()
	if ok {
		return n
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if n, ok := t.numbers[s]; ok {
		return n
	}
	var names []string
	if p := t.names.Load(); p != nil {
		names = *p
	} else {
		names = []string{""}
		t.numbers = map[string]uint32{}
	}
	// Appended to past the end of the list readers have: what they read
	// does not change.
	s = strings.Clone(s)
	grown := append(names, s)
	n = uint32(len(names))
	t.numbers[s] = n
	t.names.Store(&grown)
	return n
}

func (t *nameTable) name(n uint32) string {
	if n == 0 {
		return ""
	}
	return (*t.names.Load())[n]
}
