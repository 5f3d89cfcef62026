package dumpgen

import (
	"bytes"
	"strings"
	"testing"
)

// Planted events: two or three versions each, from different outlets, on
// pages of their own (never one page with two versions, never a related
// block), each with a dateline naming its outlet, and distractors naming
// the event's person in other stories. The output is still a function of
// the options.
func TestPlantedEvents(t *testing.T) {
	opts := Options{N: 600, Seed: 5, Days: 3, Events: 12}
	_, st, files := generate(t, opts)
	events := PlantedEvents(opts)
	if st.Events != len(events) || len(events) != opts.Events {
		t.Fatalf("stats %+v, %d events returned", st, len(events))
	}
	p := makePlan(opts)
	versions := 0
	for e, ev := range p.events {
		if n := len(ev.versions); n < 2 || n > 3 {
			t.Errorf("event %d has %d versions", e, n)
		}
		versions += len(ev.versions)
		sources := map[uint16]bool{}
		days := map[int32]bool{}
		for _, id := range ev.versions {
			s := &p.stories[id]
			if sources[s.source] {
				t.Errorf("event %d: two versions from %s", e, outlets[s.source].name)
			}
			sources[s.source] = true
			pages := 0
			for i := range p.files {
				if p.files[i].main == id {
					pages++
					days[p.files[i].day] = true
				}
			}
			for _, r := range p.rel {
				if r == id {
					t.Errorf("event %d: a version is a related block", e)
				}
			}
			if pages != 1 {
				t.Errorf("event %d: a version is the main story of %d pages", e, pages)
			}
		}
		if len(days) != len(ev.versions) {
			t.Errorf("event %d: versions on %d days, want one a day", e, len(days))
		}
		distractors := 0
		for i := range p.stories {
			if p.stories[i].distract == int32(e+1) {
				distractors++
			}
		}
		if distractors < 2 {
			t.Errorf("event %d: %d distractors", e, distractors)
		}
	}
	if st.Versions != versions {
		t.Errorf("stats count %d versions, the plan %d", st.Versions, versions)
	}
	// Each version is the main story of a page, has a dateline naming its
	// place and outlet, and mentions the event's person; distractors' pages
	// mention the person too.
	for e, ev := range events {
		for v, h := range ev.Headlines {
			found := false
			for _, f := range files {
				// the main story: first in the file, in either layout
				if i := bytes.Index(f.data, []byte(h+"\n")); i >= 0 && i < 40 {
					found = true
					dateline := strings.ToUpper(p.events[e].place) + ", "
					if !bytes.Contains(f.data, []byte("("+ev.Sources[v]+") - ")) || !bytes.Contains(f.data, []byte(dateline)) {
						t.Errorf("event %d version %d: no dateline %q ... (%s)", e, v, dateline, ev.Sources[v])
					}
					if !strings.Contains(string(f.data), p.events[e].surname) {
						t.Errorf("event %d version %d does not name %s", e, v, p.events[e].surname)
					}
				}
			}
			if !found {
				t.Errorf("event %d: no page opens with %q", e, h)
			}
		}
		mentions := 0
		for _, f := range files {
			mentions += bytes.Count(f.data, []byte(p.events[e].surname))
		}
		if mentions <= len(ev.Headlines) {
			t.Errorf("event %d: %s named %d times", e, p.events[e].surname, mentions)
		}
	}
	// Deterministic with events too.
	_, st2, again := generate(t, opts)
	if st2 != st || len(again) != len(files) {
		t.Fatalf("a second run differs: %+v vs %+v", st2, st)
	}
	for i := range files {
		if !bytes.Equal(files[i].data, again[i].data) {
			t.Fatalf("%s differs in a second run", files[i].rel)
		}
	}
	if PlantedEvents(Options{N: 600, Seed: 5}) != nil {
		t.Error("events returned without Events set")
	}
}

// Without Events, planting changes nothing in the plan: the default
// output, which benchmarks and goldens depend on, stays as it was.
func TestNoEventsNoChange(t *testing.T) {
	a := makePlan(Options{N: 900, Seed: 2, Days: 2})
	b := makePlan(Options{N: 900, Seed: 2, Days: 2, Events: 5})
	if len(a.events) != 0 {
		t.Fatal("events planted without being asked")
	}
	changed := 0
	for i := range a.files {
		if a.files[i] != b.files[i] {
			changed++
		}
	}
	if changed == 0 || changed > 15 {
		t.Errorf("%d files changed by 5 events, want only their pages", changed)
	}
	for i := range a.stories {
		x, y := a.stories[i], b.stories[i]
		y.distract = 0
		if x != y {
			t.Fatalf("story %d changed beyond its distractor mark", i)
		}
	}
}
