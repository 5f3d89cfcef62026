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
	res := k.Rebind(map[string][]string{"no_such_action": {"x"}, "toggle_star": {"x"}})
	if len(res.Refused) != 1 || res.Refused[0].Action != "no_such_action" || !strings.Contains(res.Refused[0].Text, "no_such_action") {
		t.Fatalf("an unknown action gave %+v", res.Refused)
	}
	if got := k.Global.ToggleStar.Keys(); !reflect.DeepEqual(got, []string{"x"}) {
		t.Fatalf("the valid binding beside an unknown action was dropped: %q", got)
	}

	// A key the user binds is taken from the default action that had it.
	k = DefaultKeyMap()
	res = k.Rebind(map[string][]string{"toggle_star": {"x"}, "next_unread": {"n", "J"}})
	if len(res.Refused) != 0 || !reflect.DeepEqual(res.Taken, []string{"J no longer does next_day, which has no key now"}) {
		t.Fatalf("the README's example: refused %+v, taken %q", res.Refused, res.Taken)
	}
	if got := k.Global.NextUnread.Keys(); !reflect.DeepEqual(got, []string{"n", "J"}) || len(k.List.NextDay.Keys()) != 0 || k.List.NextDay.Enabled() {
		t.Fatalf("next_unread %q, next_day %q", got, k.List.NextDay.Keys())
	}
	if err := k.conflicts(); err != nil {
		t.Fatal(err)
	}

	// Two of the user's own bindings on one key: those two refused, naming
	// each other; every other binding applies.
	k = DefaultKeyMap()
	res = k.Rebind(map[string][]string{"toggle_star": {"x"}, "undo": {"y"}, "down": {"y"}, "quit": {"banana"}})
	if len(res.Refused) != 3 || res.Refused[0].Action != "down" || res.Refused[2].Action != "undo" ||
		!strings.Contains(res.Refused[0].Text, `"y" is bound to both down and undo`) ||
		res.Refused[1].Action != "quit" || !strings.Contains(res.Refused[1].Text, `"banana" is not a key`) {
		t.Fatalf("refused %+v", res.Refused)
	}
	if !reflect.DeepEqual(k.Global.Undo.Keys(), []string{"u"}) || !reflect.DeepEqual(k.List.Down.Keys(), []string{"down", "j"}) ||
		!reflect.DeepEqual(k.Global.ToggleStar.Keys(), []string{"x"}) || !reflect.DeepEqual(k.Global.QuitNow.Keys(), []string{"Q"}) {
		t.Fatal("the refused bindings did not keep their defaults, or the others did not apply")
	}

	// Keys that would leave nothing that quits are refused.
	k = DefaultKeyMap()
	res = k.Rebind(map[string][]string{"toggle_star": {"Q"}, "filter_apply": {"ctrl+c"}, "undo": {"x"}})
	if len(res.Refused) != 2 || !strings.Contains(res.Refused[0].Text, "neither quit nor force_quit") ||
		!reflect.DeepEqual(k.Global.QuitNow.Keys(), []string{"Q"}) || !reflect.DeepEqual(k.Global.ForceQuit.Keys(), []string{"ctrl+c"}) ||
		!reflect.DeepEqual(k.Global.Undo.Keys(), []string{"x"}) {
		t.Fatalf("refused %+v; quit %q, force_quit %q", res.Refused, k.Global.QuitNow.Keys(), k.Global.ForceQuit.Keys())
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

	// The help screen leaves out an action left with no key.
	readme := newDriver(t, 80, 24, func(o *Options) {
		o.Config.Keys = map[string][]string{"next_unread": {"n", "J"}}
	})
	readme.keys("?")
	readme.requireScreenContains("n/J next unread")
	if strings.Contains(readme.screen(), "next day") {
		t.Fatalf("the help lists next_day with no key:\n%s", readme.screen())
	}

	bad := newDriver(t, 80, 24, func(o *Options) {
		o.Config.Keys = map[string][]string{"undo": {"banana"}}
	})
	bad.requireScreenContains("⚠ 1")
	bad.keys("w")
	bad.requireScreenContains(`undo: "banana" is not a key`)
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
	shown := []help.KeyMap{paneHelp{k.List, k.Out, k.Global}, paneHelp{k.Reader, k.Out, k.Global}, k.Filter, k.Find, k.Overlay}
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

func TestKeyNames(t *testing.T) {
	for _, k := range []string{"x", "J", "?", "1", "é", "enter", "esc", "space", "tab", "shift+tab", "backspace",
		"pgdown", "pgup", "home", "end", "up", "f5", "f12", "ctrl+x", "alt+enter", "ctrl+alt+x", "ctrl+shift+up", "+", "ctrl++", "delete"} {
		if why := checkKeyName(k); why != "" {
			t.Errorf("%q refused: %s", k, why)
		}
	}
	for _, k := range []string{"banana", "apple", "cherry", " ", "\t", "pagedown", "ctrl+banana", "alt+ctrl+x", "win+x", "ctrl+", "f99", "\x00"} {
		if checkKeyName(k) == "" {
			t.Errorf("%q accepted", k)
		}
	}
	// Every default key is a name Bubble Tea reports.
	k := DefaultKeyMap()
	for _, g := range k.groups() {
		for _, nb := range g {
			if why := badKeyName(nb.binding.Keys()); why != "" {
				t.Errorf("default %s: %s", nb.name, why)
			}
		}
	}
}
