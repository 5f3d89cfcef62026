package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// helpPages scrolls the help from top to bottom a line at a time and
// returns every line seen, checking that none is wider than the screen.
func helpPages(t *testing.T, d *driver, w, h int) []string {
	t.Helper()
	d.keys("g")
	var seen []string
	for range 200 {
		lines := strings.Split(d.screen(), "\n")
		if len(lines) != h {
			t.Fatalf("%d lines on a screen of %d:\n%s", len(lines), h, d.screen())
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("a line wider than %d: %q", w, l)
			}
		}
		body := lines[1 : len(lines)-2] // the title line, the footer, the status line
		seen = append(seen, body...)
		footer := lines[len(lines)-2]
		if !strings.Contains(footer, "/ find") {
			t.Fatalf("the footer does not say how to find: %q", footer)
		}
		if strings.Contains(footer, " all ·") || d.m.overlays.helpScreen.page.offset == d.m.overlays.helpScreen.page.maxOffset() {
			return seen
		}
		d.keys("j")
	}
	t.Fatal("the help never reached its end")
	return nil
}

// The ? screen shows every binding of the pane whole, at any size: it
// scrolls with the overlay's keys when it is taller than the screen.
func TestHelpShowsEveryBindingWhole(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}, {60, 15}} {
		w, h := size[0], size[1]
		d := newDriver(t, w, h)
		for _, pane := range []string{"list", "reading pane"} {
			if pane == "reading pane" {
				d.keys("enter")
			}
			d.keys("?")
			seen := helpPages(t, d, w, h)
			keys, _ := d.m.focusedHelp()
			for _, col := range keys.FullHelp() {
				for _, b := range col {
					if !b.Enabled() {
						continue
					}
					if !helpShows(seen, b) {
						t.Errorf("%dx%d %s: %q (%s) is not shown whole", w, h, pane, b.Help().Key, b.Help().Desc)
					}
				}
			}
			d.keys("q")
			if d.m.overlays.helpScreen != nil {
				t.Fatal("q did not close the help")
			}
		}
	}
}

func helpShows(lines []string, b key.Binding) bool {
	for _, l := range lines {
		if i := strings.Index(l, " "+b.Help().Key+" "); i >= 0 && strings.Contains(l[i:], " "+b.Help().Desc) {
			return true
		}
	}
	return false
}

// / finds a binding in the help by what it does or its key, scrolls to it
// and marks it; n and N step through the matches, esc ends the search,
// and other keys still close the help.
func TestHelpFind(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		w, h := size[0], size[1]
		d := newDriver(t, w, h)
		d.keys("enter", "?", "g", "/")
		d.settle()
		if lines := strings.Split(d.screen(), "\n"); !strings.HasPrefix(lines[len(lines)-2], "/a key or what it does") {
			t.Errorf("%dx%d: the find line's hint %q", w, h, lines[len(lines)-2])
		}
		d.typeText("EVEN IN")
		d.settle()
		lines := strings.Split(d.screen(), "\n")
		if footer := lines[len(lines)-2]; !strings.HasPrefix(footer, "/EVEN IN") || !strings.Contains(footer, "1/1 match") {
			t.Errorf("%dx%d: the find line %q", w, h, footer)
		}
		if !strings.Contains(d.screen(), "quit, even in the filter") {
			t.Errorf("%dx%d: the match is not on screen:\n%s", w, h, d.screen())
		}
		marked := false
		for _, l := range strings.Split(d.frame(), "\n") {
			marked = marked || strings.Contains(l, "\x1b[7mEVEN IN") || strings.Contains(l, "\x1b[7meven in")
		}
		if !marked {
			t.Errorf("%dx%d: the match is not marked (reversed)", w, h)
		}
		d.keys("enter") // the search kept, the keys scroll again
		d.keys("g", "n")
		if !strings.Contains(d.screen(), "quit, even in the filter") {
			t.Errorf("%dx%d: n did not go to the match", w, h)
		}
		d.keys("/")
		d.typeText("page")
		d.settle()
		lines = strings.Split(d.screen(), "\n")
		if footer := lines[len(lines)-2]; !strings.Contains(footer, "matches") {
			t.Errorf("%dx%d: several matches: %q", w, h, footer)
		}
		d.keys("esc")
		if d.m.overlays.helpScreen == nil || len(d.m.overlays.helpScreen.matches) != 0 {
			t.Fatalf("%dx%d: esc closed the help or kept the search", w, h)
		}
		d.keys("x")
		if d.m.overlays.helpScreen != nil {
			t.Fatalf("%dx%d: x did not close the help", w, h)
		}
	}
}
