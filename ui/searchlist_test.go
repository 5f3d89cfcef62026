package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

func TestSavedSearches(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h, func(o *Options) {
			o.Config.Searches = map[string]string{"brief": "label:brief", "ferries": "ferr is:unread"}
		})
		total, _ := d.shown()
		first := d.m.list.selected()
		d.m.mk.setLabel(first.ID, "brief", true) // as l would; the count is what is tested here
		d.keys("'")
		d.requireScreenContains("Saved searches", "unread", "starred", "today", "brief", "ferries",
			commas(total)+" unread / "+commas(total), "1 unread / 1")
		golden.RequireEqual(t, d.frame())

		// Down to "brief", the fourth, and apply it.
		d.keys("j", "j", "j", "enter")
		if d.m.overlays.searches != nil || d.m.filter.query != "label:brief" {
			t.Fatalf("enter applied %q", d.m.filter.query)
		}
		if got := d.m.list.total; got != 1 || d.m.list.selected() != first {
			t.Fatalf("the search brief shows %d stories", got)
		}
		d.requireScreenContains("Search brief")
		d.keys("esc")
		if d.m.filter.query != "" || d.m.list.total != total {
			t.Fatal("esc did not clear the search's filter")
		}

		// Any other key closes the list, doing nothing else.
		d.keys("'", "x")
		if d.m.overlays.searches != nil || d.m.filter.query != "" {
			t.Fatal("x did not just close the searches")
		}
	})
}

func TestSortKeyCyclesTheOrders(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		d.keys("j", "j")
		story := d.m.list.selected()
		d.keys("S")
		d.requireScreenContains("Newest published first", "Sorted by publication time")
		if d.m.list.selected() != story {
			t.Fatal("S moved the cursor off its story")
		}
		if n := len(d.m.list.headers); n != 1 {
			t.Fatalf("by publication the list has %d headings, want the one title", n)
		}
		var last *int64
		undated := false
		for i := range d.m.list.nrows {
			a := d.m.list.artAt(i)
			if a == nil {
				continue
			}
			if a.PublishedAt.IsZero() {
				undated = true
				continue
			}
			at := a.PublishedAt.Time().UnixMilli()
			if undated || last != nil && at > *last {
				t.Fatalf("%q is out of order by publication", a.Headline)
			}
			last = &at
		}
		golden.RequireEqual(t, d.frame())

		d.keys("S")
		d.requireScreenContains("Sorted by source", story.Source()+" · ")
		for i := range d.m.list.nrows {
			if a, g := d.m.list.artAt(i), d.m.list.groupAt(i); a != nil && a.Source() != g.source {
				t.Fatalf("%q (%s) under the heading of %q", a.Headline, a.Source(), g.source)
			}
		}
		// A triage of the group acts on the source's stories.
		group := d.m.list.stories(d.m.list.selectedGroup())
		d.keys("A")
		for _, s := range group {
			if !d.m.mk.isRead(s) || s.Source() != story.Source() {
				t.Fatalf("A by source: %q (%s) read %v", s.Headline, s.Source(), d.m.mk.isRead(s))
			}
		}
		d.requireScreenContains("Marked " + commas(len(group)) + " stories read")
		d.keys("u", "S")
		if _, ok := dayHeadingOnScreen(d); !ok || d.m.list.selected() != story {
			t.Fatal("a third S did not come back to the days, on the same story")
		}
	})
}

func dayHeadingOnScreen(d *driver) (string, bool) {
	for _, l := range strings.Split(d.screen(), "\n") {
		if m := dayHeading.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			return m[1], true
		}
	}
	return "", false
}

func TestSortSettingAndRebinding(t *testing.T) {
	d := newDriver(t, 80, 24, func(o *Options) {
		o.Config.Keys = map[string][]string{"cycle_sort": {"o"}, "saved_searches": {"ctrl+s"}}
	})
	if key.Matches(keyPress("S"), d.m.ctx.Keys.Global.CycleSort) {
		t.Fatal("S still sorts after cycle_sort was rebound")
	}
	d.keys("o")
	d.requireScreenContains("Newest published first")
}

// Searches that do not fit keep the cursor's on screen, and the footer.
func TestManySavedSearchesScroll(t *testing.T) {
	d := newDriver(t, 80, 12, func(o *Options) {
		o.Config.Searches = map[string]string{}
		for _, name := range []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"} {
			o.Config.Searches[name] = "source:" + name
		}
	})
	d.keys("'", "G")
	d.requireScreenContains("a9", "enter apply")
	if strings.Contains(d.screen(), "unread    ") && strings.Contains(d.screen(), " is:unread") {
		t.Fatalf("the first search is still shown with the last selected:\n%s", d.screen())
	}
	d.keys("g")
	d.requireScreenContains("is:unread", "enter apply")
}

// The wheel scrolls what is shown over the panes, not the list under it:
// the help a few lines a notch, the saved searches one a notch.
func TestTheWheelScrollsTheOverlay(t *testing.T) {
	d := newDriver(t, 80, 24)
	before := d.m.list.cursor
	d.keys("?")
	top := d.screen()
	d.send(tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelDown})
	if d.screen() == top || d.m.overlays.helpScreen.page.offset != 3 {
		t.Fatalf("the wheel did not scroll the help: offset %d", d.m.overlays.helpScreen.page.offset)
	}
	d.send(tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelUp})
	if d.screen() != top {
		t.Fatal("the wheel up did not bring the help's top back")
	}
	d.keys("x", "'")
	d.send(tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelDown})
	if got := d.m.overlays.searches.cursor; got != 1 {
		t.Fatalf("the wheel moved the saved searches' cursor to %d, want 1", got)
	}
	d.send(tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelUp})
	d.send(tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelUp})
	if got := d.m.overlays.searches.cursor; got != 0 {
		t.Fatalf("the wheel up moved the saved searches' cursor to %d, want 0", got)
	}
	if d.m.list.cursor != before {
		t.Fatalf("the list under the overlays moved from row %d to %d", before, d.m.list.cursor)
	}
}
