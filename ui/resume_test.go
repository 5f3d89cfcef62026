package ui

import (
	"path/filepath"
	"testing"

	"tidings/state"
)

// sessionOn runs the reader on the state file at path, as a start of
// tidings would, and closes it (store too) at the end of the test.
func sessionOn(t *testing.T, path string, w, h int, opts ...func(*Options)) (*driver, *state.Store) {
	t.Helper()
	store, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return newDriver(t, w, h, append([]func(*Options){func(o *Options) {
		o.OpenStore = func() (MarkStore, string) { return store, "" }
	}}, opts...)...), store
}

func TestReopensWhereItWasLeft(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		path := filepath.Join(t.TempDir(), "state.db")
		first, store := sessionOn(t, path, w, h)
		first.keys("v") // the unread view
		for range 12 {
			first.keys("j")
		}
		left := first.m.list.selected()
		if err := store.Flush(); err != nil {
			t.Fatal(err)
		}
		first.m.Close()
		store.Close()

		again, _ := sessionOn(t, path, w, h)
		if again.m.list.selected().ID != left.ID || again.m.filter.view != viewUnread {
			t.Fatalf("reopened on %q in view %v, want %q in the unread view", again.m.list.selected().Headline, again.m.filter.view, left.Headline)
		}
		again.requireScreenContains(left.Headline[:20], "unread")

		// start_at = "top" opens at the top, in the view of all stories.
		top, _ := sessionOn(t, path, w, h, func(o *Options) { o.Config.StartAt = StartTop })
		if top.m.list.cursor != 1 || top.m.filter.view != viewAll {
			t.Fatalf("start_at top opened at row %d, view %v", top.m.list.cursor, top.m.filter.view)
		}
	})
}

func TestReopensOnTheNextStoryWhenItsStoryIsGone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	store, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	probe := newDriver(t, 80, 24)
	below := probe.m.list.artAt(5)
	store.SavePosition("bundled samples", state.Position{View: "all", Story: "0000000000000000",
		After: []string{"1111111111111111", below.ID}})
	store.Close()

	d, _ := sessionOn(t, path, 80, 24)
	if d.m.list.selected().ID != below.ID {
		t.Fatalf("reopened on %q, want the first story after the gone one still there, %q", d.m.list.selected().Headline, below.Headline)
	}
}

func TestStartAtFirstUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	first, store := sessionOn(t, path, 80, 24)
	top := first.m.list.selected()
	first.keys("m", "j", "m", "j", "j") // the first two read, then move on
	second := first.m.list.artAt(3)
	store.Flush()
	first.m.Close()
	store.Close()

	d, _ := sessionOn(t, path, 80, 24, func(o *Options) { o.Config.StartAt = StartFirstUnread })
	if got := d.m.list.selected(); got.ID != second.ID || got.ID == top.ID {
		t.Fatalf("first_unread opened on %q, want %q", got.Headline, second.Headline)
	}
}
