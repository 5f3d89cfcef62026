package ui

import (
	"os"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

func TestEveryBindingHasOneStableName(t *testing.T) {
	k := DefaultKeyMap()
	groups := k.groups()
	snake := regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	seen := map[string]bool{}
	for group, bindings := range groups {
		field := reflect.ValueOf(k).FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, group) })
		if !field.IsValid() {
			t.Fatalf("group %q is not a field of KeyMap", group)
		}
		if n := field.NumField(); n != len(bindings) {
			t.Errorf("group %s: %d bindings, %d named", group, n, len(bindings))
		}
		for _, nb := range bindings {
			if !snake.MatchString(nb.name) || seen[nb.name] {
				t.Errorf("name %q is not snake_case or is used twice", nb.name)
			}
			seen[nb.name] = true
			if len(nb.binding.Keys()) == 0 || nb.binding.Help().Desc == "" {
				t.Errorf("%s has no key or no help", nb.name)
			}
		}
	}
	if len(groups) != reflect.TypeOf(k).NumField() {
		t.Errorf("%d groups named, KeyMap has %d", len(groups), reflect.TypeOf(k).NumField())
	}
	if err := k.conflicts(); err != nil {
		t.Fatalf("the default keys conflict: %v", err)
	}
}

func TestRebindingKeys(t *testing.T) {
	k := DefaultKeyMap()
	if err := k.Rebind(map[string][]string{"no_such_action": {"x"}}); err == nil || !strings.Contains(err.Error(), "no_such_action") {
		t.Fatalf("an unknown action gave %v", err)
	}
	err := k.Rebind(map[string][]string{"toggle_star": {"j"}})
	if err == nil || !strings.Contains(err.Error(), "toggle_star") || !strings.Contains(err.Error(), "down") {
		t.Fatalf("j for both down and toggle_star gave %v", err)
	}
	if got := k.Global.ToggleStar.Keys(); len(got) != 1 || got[0] != "s" {
		t.Fatalf("a refused rebinding changed the keys to %q", got)
	}

	d := newDriver(t, 80, 24, func(o *Options) {
		o.Config.Keys = map[string][]string{"toggle_star": {"x"}, "pick_related": {"a", "c", "d"}}
	})
	a := d.m.list.selected()
	d.keys("s")
	if d.m.mk.isStarred(a) {
		t.Fatal("s still stars after toggle_star was rebound")
	}
	d.keys("x")
	if !d.m.mk.isStarred(a) {
		t.Fatal("x did not star")
	}
	d.keys("?")
	d.requireScreenContains("x toggle star")
	d.keys("esc", "enter", "c")
	if d.m.reader.selectedRelated() != a.Related()[1] {
		t.Fatal("the second key of pick_related did not pick the second related story")
	}

	bad := newDriver(t, 80, 24, func(o *Options) {
		o.Config.Keys = map[string][]string{"undo": {"q"}}
	})
	bad.requireScreenContains("⚠ 1")
	bad.keys("w")
	bad.requireScreenContains("undo", "quit")
}

func TestTabInTheReaderMovesThroughRelatedStories(t *testing.T) {
	d := newDriver(t, 200, 50)
	d.keys("enter")
	a := d.m.reader.story()
	d.keys("tab")
	if d.m.reader.selectedRelated() != a.Related()[0] {
		t.Fatal("tab did not select the first related story")
	}
	d.keys("shift+tab", "shift+tab")
	items := d.m.reader.items
	if d.m.reader.selectedRelated() != items[len(items)-2].art {
		t.Fatal("shift+tab did not step back through the related stories")
	}
	d.keys("esc") // out of the Related section, still reading
	if !d.m.reading() {
		t.Fatal("esc in the Related section left the story")
	}
	d.keys("esc") // back to the list
	if d.m.reading() {
		t.Fatal("esc did not return to the list")
	}
}

func TestStatusBarShowsTheFocusedPanesKeys(t *testing.T) {
	d := newDriver(t, 200, 50)
	d.requireScreenContains("open story", "mark day/filter read")
	d.keys("enter")
	d.requireScreenContains("next related", "back to list")
}

// Close stops what New and Init started: New+Close twenty times, or a whole
// run, leaves no goroutine behind.
func TestCloseStopsEveryGoroutine(t *testing.T) {
	settled := func(want int) int {
		deadline := time.Now().Add(waitLimit)
		n := runtime.NumGoroutine()
		for n > want && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
			n = runtime.NumGoroutine()
		}
		return n
	}
	before := runtime.NumGoroutine()
	for range 20 {
		New(Options{}).Close()
	}
	if n := settled(before); n > before {
		t.Fatalf("20 New+Close left %d goroutines", n-before)
	}
	d := startDriver(t, 200, 50)
	d.keys("enter", "j", "j")
	d.m.Close()
	d.store.Close()
	if n := settled(before); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("a run and Close left %d goroutines:\n%s", n-before, buf[:runtime.Stack(buf, true)])
	}
}

// The help screens and the README list every binding the KeyMap has, by
// the keys it shows and by its action name.
func TestHelpAndReadmeListEveryBinding(t *testing.T) {
	k := DefaultKeyMap()
	inHelp := map[*key.Binding]bool{}
	shown := []help.KeyMap{paneHelp{k.List, k.Global}, paneHelp{k.Reader, k.Global}, k.Filter, k.Find, k.Overlay}
	for _, h := range shown {
		for _, col := range h.FullHelp() {
			for _, b := range col {
				for _, same := range findByHelp(&k, b) {
					inHelp[same] = true
				}
			}
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	for group, bindings := range k.groups() {
		for _, nb := range bindings {
			if !inHelp[nb.binding] {
				t.Errorf("%s (%s) is not on any help screen", nb.name, group)
			}
			if !strings.Contains(text, "`"+nb.name+"`") {
				t.Errorf("the README does not name the action %s", nb.name)
			}
			for _, key := range nb.binding.Keys() {
				name := map[string]string{"up": "↑", "down": "↓", "backspace": "backspace", "pgdown": "pgdn"}[key]
				if name == "" {
					name = key
				}
				if !strings.Contains(text, "`"+name+"`") && !(len(key) == 1 && key >= "1" && key <= "9") {
					t.Errorf("the README's key table lacks %q (%s)", key, nb.name)
				}
			}
		}
	}
	if !strings.Contains(text, "The mouse works too") {
		t.Error("the README does not say what the mouse does")
	}
}

// findByHelp finds the KeyMap's bindings that a help column shows: those
// with its keys and help (the list and the pane share some).
func findByHelp(k *KeyMap, b key.Binding) []*key.Binding {
	var out []*key.Binding
	for _, bindings := range k.groups() {
		for _, nb := range bindings {
			if nb.binding.Help() == b.Help() && strings.Join(nb.binding.Keys(), " ") == strings.Join(b.Keys(), " ") {
				out = append(out, nb.binding)
			}
		}
	}
	return out
}
