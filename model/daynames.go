package model

import (
	"strings"
	"sync"
	"sync/atomic"
)

// An article's and a page's day ("2025-07-28") is kept as its number in a
// table of the days the process has seen, "" being 0: 4 bytes, not a
// string's 16, for each of a million articles and pages, beside their
// other small fields. An archive has a few thousand days.
type dayNo uint32

var dayNames dayTable

// dayTable numbers days. A number is read without a lock (names is
// replaced, never changed in place), from any goroutine; a day is
// numbered under the lock.
type dayTable struct {
	mu     sync.RWMutex
	number map[string]dayNo
	names  atomic.Pointer[[]string]
}

// dayNoOf is the number of the day s, numbered if it is new.
func dayNoOf(s string) dayNo {
	if s == "" {
		return 0
	}
	t := &dayNames
	t.mu.RLock()
	n, ok := t.number[s]
	t.mu.RUnlock()
	if ok {
		return n
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if n, ok := t.number[s]; ok {
		return n
	}
	var names []string
	if p := t.names.Load(); p != nil {
		names = *p
	} else {
		names = []string{""}
		t.number = map[string]dayNo{}
	}
	// Appended to past the end of the list readers have: what they read
	// does not change.
	s = strings.Clone(s)
	grown := append(names, s)
	n = dayNo(len(names))
	t.number[s] = n
	t.names.Store(&grown)
	return n
}

// String is the day as written: "2025-07-28", "" for none.
func (n dayNo) String() string {
	if n == 0 {
		return ""
	}
	return (*dayNames.names.Load())[n]
}
