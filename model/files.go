package model

import (
	"slices"
	"strings"
)

// The files a library was made of: the pages' files and those skipped,
// by key, and which of them a walk of what was opened reaches.

// PageByKey returns the page read from the file with that key, or nil.
func (l *Library) PageByKey(key string) *Page { return l.page(key) }

// SkippedFiles are the files found but not loaded, in no order.
func (l *Library) SkippedFiles() []Skipped {
	out := make([]Skipped, 0, len(l.skipped))
	for _, s := range l.skipped {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Skipped) int { return CompareOrders(&a.FileRef, &b.FileRef) })
	return out
}

// SkippedAt is the file with the key, if it was found but not loaded.
func (l *Library) SkippedAt(key string) (Skipped, bool) {
	s, ok := l.skipped[key]
	return s, ok
}

func (l *Library) setSkipped(s Skipped) {
	l.dropSkipped(s.Key)
	// A page's file skipped now may bring its page's mark: made here.
	s.Key, s.Path, s.Order = strings.Clone(s.Key), strings.Clone(s.Path), strings.Clone(s.WalkOrder())
	l.skipped[s.Key] = s
	// Files' warnings are in walk order, as a load finds them.
	at := len(l.Warnings)
	for at > 0 && l.Warnings[at-1].key != "" && l.Warnings[at-1].order > s.Order {
		at--
	}
	l.Warnings = slices.Insert(l.Warnings, at, Warning{Path: s.Path, Reason: s.Reason, key: s.Key, order: s.Order})
}

func (l *Library) dropSkipped(key string) bool {
	if _, ok := l.skipped[key]; !ok {
		return false
	}
	delete(l.skipped, key)
	l.Warnings = slices.DeleteFunc(l.Warnings, func(w Warning) bool { return w.key == key })
	return true
}

// intern shares the strings that repeat across copies (sources, ages).

// Walk notes which of the library's files a walk of what was opened
// reaches, without a set of every key: a bit for each page number (120 KB
// for a million pages, not 4 bytes in each page).
type Walk struct {
	lib     *Library
	reached []uint64
	skipped map[string]bool
}

// NewWalk begins noting a walk.
func (l *Library) NewWalk() *Walk {
	return &Walk{lib: l, reached: make([]uint64, l.pagesAdded/64+1), skipped: map[string]bool{}}
}

// Reached notes that the walk reached the file with the key.
func (w *Walk) Reached(key string) {
	if p := w.lib.page(key); p != nil {
		n := int(p.number)
		for n/64 >= len(w.reached) {
			w.reached = append(w.reached, 0) // a page added since the walk began
		}
		w.reached[n/64] |= 1 << (n % 64)
	} else if _, ok := w.lib.skipped[key]; ok {
		w.skipped[key] = true
	}
}

func (w *Walk) has(p *Page) bool {
	n := int(p.number)
	return n/64 < len(w.reached) && w.reached[n/64]&(1<<(n%64)) != 0
}

// Missed are the keys of the library's files the walk did not reach.
func (w *Walk) Missed() []string {
	var out []string
	for _, p := range w.lib.Pages {
		if !w.has(p) {
			out = append(out, p.Key)
		}
	}
	for _, s := range w.lib.SkippedFiles() {
		if !w.skipped[s.Key] {
			out = append(out, s.Key)
		}
	}
	return out
}
