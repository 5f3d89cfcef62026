package ui

import (
	"reflect"
	"strings"
	"testing"
)

func TestLabelKeys(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		a := d.m.list.selected()
		d.keys("l")
		d.requireScreenContains("label:")
		d.typeText("Brief")
		d.keys("enter")
		if !d.m.mk.hasLabel(a, "brief") {
			t.Fatalf("l brief did not label %q", a.Headline)
		}
		d.requireScreenContains("+brief", "Labelled +brief")
		if labels, err := d.store.Labels(); err != nil || !reflect.DeepEqual(labels[a.ID], []string{"brief"}) {
			t.Fatalf("the store has %v (%v)", labels[a.ID], err)
		}

		// The label in use completes with tab, and toggles it off.
		d.keys("l")
		d.typeText("b")
		d.requireScreenContains("tab: brief")
		d.keys("tab")
		if v := d.m.prompt.input.Value(); v != "brief" {
			t.Fatalf("tab completed %q", v)
		}
		d.keys("enter")
		if d.m.mk.hasLabel(a, "brief") || strings.Count(d.screen(), "+brief") != 1 { // the message's
			t.Fatal("l brief on a labelled story did not take the label off")
		}
		d.requireScreenContains("Took +brief off")

		// A word that is no label is refused, and esc leaves the prompt.
		d.keys("l")
		d.typeText("two words")
		d.keys("enter")
		d.requireScreenContains("a label is a word of letters")
		d.keys("l", "esc")
		if d.m.prompt.active || len(d.m.mk.labelsOf(a)) != 0 {
			t.Fatal("esc did not leave the prompt, or labelled")
		}

		// L labels the day under the cursor; u takes it all back.
		day := d.m.list.selectedGroup()
		stories := d.m.list.stories(day)
		d.keys("L")
		d.typeText("follow-up")
		d.keys("enter")
		for _, s := range stories {
			if !d.m.mk.hasLabel(s, "follow-up") {
				t.Fatalf("L did not label %q", s.Headline)
			}
		}
		d.requireScreenContains("Labelled "+commas(len(stories))+" stories", "+follow-up")
		// The filter finds them by label.
		d.keys("/")
		d.typeText("label:follow-up")
		if got, _ := d.shown(); got != len(stories) {
			t.Fatalf("label:follow-up shows %d stories, want %d", got, len(stories))
		}
		d.keys("enter", "u")
		for _, s := range stories {
			if d.m.mk.hasLabel(s, "follow-up") {
				t.Fatalf("u left the label on %q", s.Headline)
			}
		}
		if got := d.m.list.total; got != 0 {
			t.Fatalf("after undo label:follow-up still shows %d stories", got)
		}
		labels, err := d.store.Labels()
		if err != nil || len(labels) != 0 {
			t.Fatalf("after undo the store has labels %v (%v)", labels, err)
		}
	})
}

func TestLabelInTheReadingPane(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		d.keys("enter")
		a := d.m.reader.story()
		d.keys("l")
		d.typeText("brief")
		d.keys("enter")
		if !d.m.mk.hasLabel(a, "brief") || !d.m.reading() {
			t.Fatal("l in the reading pane did not label the open story")
		}
		d.requireScreenContains("labels +brief")
	})
}

// The label prompt's hint is shown whole or not at all, however long the
// prompt: "label the 12 stories of Mon 3 Mar: " leaves an 80-column line
// no room for all of "a word of letters, digits, - and _".
func TestLabelPromptHintIsWhole(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		for _, k := range []string{"l", "L"} {
			d.keys(k)
			line := statusLine(d)
			whole := strings.Contains(line, "a word of letters, digits, - and _") || strings.Contains(line, "letters, digits, - or _")
			if !whole && strings.Contains(line, "letters") {
				t.Errorf("%s: the hint is cut: %q", k, line)
			}
			if w >= 200 && !whole {
				t.Errorf("%s: no hint on a wide screen: %q", k, line)
			}
			d.keys("esc")
		}
	})
}
