package model

import (
	"fmt"
	"testing"
	"unsafe"
)

// TestStructSizes pins the sizes of what a library keeps one of per story
// and per page: at a million dumps each 8 bytes of an Article are 8.5 MB
// of the warm reader's heap, each 8 of a Page 7.6 MB. A field added by
// mistake, or one that breaks the packing of the small fields into one
// word, shows here; one added on purpose changes the figure and says why
// in its commit.
func TestStructSizes(t *testing.T) {
	for _, c := range []struct {
		what      string
		got, want uintptr
	}{
		{"Story", unsafe.Sizeof(Story{}), 80},
		{"Article", unsafe.Sizeof(Article{}), 128},
		{"Page", unsafe.Sizeof(Page{}), 128},
		// An article's own pages and links, one each during a cold load
		// (until its links go to a file) and for articles a change made:
		// 64 bytes is a size class of its own, 72 would take 80.
		{"articleMore", unsafe.Sizeof(articleMore{}), 64},
	} {
		if c.got != c.want {
			t.Errorf("%s is %d bytes, not %d", c.what, c.got, c.want)
		}
	}
}

// A day (or an age) is numbered once, its number gives the day back from
// any goroutine, and "" is none.
func TestDayNumbers(t *testing.T) {
	if n := dayNoOf(""); n != 0 || n.String() != "" {
		t.Errorf(`"" is day %d (%q)`, n, n.String())
	}
	days := []string{"2025-07-28", "2025-07-29", "a day no page says, from a crafted cache"}
	nos := make([]dayNo, len(days))
	for i, d := range days {
		nos[i] = dayNoOf(d)
	}
	done := make(chan bool)
	go func() {
		for i := range 1000 {
			dayNoOf(fmt.Sprint("day ", i))
		}
		done <- true
	}()
	for range 1000 {
		for i, d := range days {
			if got := nos[i].String(); got != d || dayNoOf(d) != nos[i] {
				t.Fatalf("day %d gives %q (number %d), want %q", nos[i], got, dayNoOf(d), d)
			}
		}
	}
	<-done
	if n := ageNoOf("3 hours ago"); n.String() != "3 hours ago" || ageNoOf("") != 0 {
		t.Errorf("age %d gives %q", n, n.String())
	}
	if n := sourceNoOf("Harbour FM"); n.String() != "Harbour FM" || sourceNoOf("") != 0 || sourceNoOf("Harbour FM") != n {
		t.Errorf("source %d gives %q", n, n.String())
	}
	if s := (Story{}).WithSource("Esker Wire"); s.Source() != "Esker Wire" {
		t.Errorf("a story given a source has %q", s.Source())
	}
}
