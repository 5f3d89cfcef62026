package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"tidings/internal/dumpgen"
	"tidings/loader"
	"tidings/model"
)

// quits reports whether a key press made the reader quit.
func quits(d *driver, k string) bool {
	_, cmd := d.m.Update(keyPress(k))
	return cmd != nil && fmt.Sprintf("%T", cmd()) == fmt.Sprintf("%T", tea.Quit())
}

func TestQGoesBackOneLevel(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("?")
	if quits(d, "q") {
		t.Fatal("q on the help screen quit")
	}
	if strings.Contains(d.screen(), "Keys in the list") {
		t.Fatal("q did not close the help")
	}
	d.keys("enter") // the story takes the narrow screen
	if quits(d, "q") || d.m.reading() {
		t.Fatal("q in the reading pane did not return to the list")
	}
	d.keys("enter", "z")
	if quits(d, "q") || d.m.reading() {
		t.Fatal("q in a full-screen story did not return to the list")
	}
	d.keys("enter")
	if !quits(d, "Q") {
		t.Fatal("Q in the reading pane did not quit")
	}
	d.keys("esc", "/")
	if quits(d, "q") || quits(d, "Q") {
		t.Fatal("q or Q typed in the filter quit")
	}
	if !quits(d, "ctrl+c") {
		t.Fatal("ctrl+c in the filter did not quit")
	}
	d.keys("esc")
	if !quits(d, "q") {
		t.Fatal("q in the list did not quit")
	}
}

func TestWarningsListScrollsAndKeepsItsFooter(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		// A dated folder: files dated by their modification time would
		// change the title with the day of the checkout.
		d := newDriver(t, w, 12, func(o *Options) {
			o.Source.FS = nil
			o.Source.Paths = []string{"../testdata/dumps/2025-03-03", "/nonexistent/folder"}
		})
		d.keys("w")
		d.requireScreenContains("lines 1-", "other keys close this list")
		d.keys("G")
		d.requireScreenContains("/nonexistent/folder", "other keys close this list")
		if strings.Contains(d.screen(), "lines 1-") {
			t.Fatal("G did not go to the bottom of the warnings")
		}
		d.keys("g")
		d.requireScreenContains("lines 1-")
		golden.RequireEqual(t, d.frame())
	})
}

// title is the title line's right end: where the cursor is.
func title(d *driver) string {
	line, _, _ := strings.Cut(d.screen(), "\n")
	return strings.TrimSpace(line[strings.LastIndex(line, "  "):])
}

func TestDayAndHalfPageKeys(t *testing.T) {
	d := newDriver(t, 80, 24)
	if got := title(d); got != "Mon 3 Mar · 1/37" {
		t.Fatalf("title says %q at the start", got)
	}
	d.keys("J")
	if got := title(d); got != "Sun 2 Mar · 13/37" {
		t.Fatalf("J went to %q, want the first story of the next day", got)
	}
	d.keys("j", "j", "K")
	if got := title(d); got != "Sun 2 Mar · 13/37" {
		t.Fatalf("K from the middle of a day went to %q, want its first story", got)
	}
	d.keys("K")
	if got := title(d); got != "Mon 3 Mar · 1/37" {
		t.Fatalf("K went to %q, want the previous day", got)
	}
	d.send(keyPress("ctrl+d"))
	if got := title(d); got != "Mon 3 Mar · 12/37" {
		t.Fatalf("ctrl+d (half of 22 lines) went to %q", got)
	}
	d.send(keyPress("ctrl+u"))
	if got := title(d); got != "Mon 3 Mar · 1/37" {
		t.Fatalf("ctrl+u went to %q", got)
	}
}

func TestTheDayStaysPinned(t *testing.T) {
	d := newDriver(t, 80, 10)
	d.keys("J", "j", "j", "j", "j", "j", "j", "j")
	lines := strings.Split(d.screen(), "\n")
	if !strings.HasPrefix(lines[1], "Sun 2 Mar 2025 ·") {
		t.Fatalf("scrolled into Sunday, the list's top line is %q", lines[1])
	}
	if strings.Contains(d.screen(), "Mon 3 Mar 2025") {
		t.Fatal("Monday's heading is still on screen")
	}
}

func TestSpaceAtTheEndOfAStoryOpensTheNextUnread(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("enter")
	first := d.m.reader.story()
	for i := 0; i < 50 && d.m.reader.story() == first; i++ {
		d.keys("space")
	}
	next := d.m.reader.story()
	if next == first || !d.m.mk.isRead(next) {
		t.Fatal("space at the end of the story did not open the next unread one")
	}
}

func TestRedraw(t *testing.T) {
	d := newDriver(t, 80, 24)
	_, cmd := d.m.Update(keyPress("ctrl+l"))
	if cmd == nil || fmt.Sprintf("%T", cmd()) != fmt.Sprintf("%T", tea.ClearScreen()) {
		t.Fatal("ctrl+l did not clear the screen for a redraw")
	}
}

func TestFindInTheStory(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("enter", "/")
	d.requireScreenContains("find:")
	d.typeText("lantern")
	d.keys("enter")
	d.requireScreenContains(`"lantern": match 1 of`)
	frame := d.frame()
	if !strings.Contains(frame, "\x1b[7m") {
		t.Fatal("the current match is not highlighted")
	}
	d.keys("n")
	d.requireScreenContains(`"lantern": match 2 of`)
	d.keys("N", "N")
	if !strings.Contains(d.screen(), `"lantern": match `) || strings.Contains(d.screen(), "match 2 of") {
		t.Fatalf("N did not step back around:\n%s", d.screen())
	}
	d.keys("esc")
	if strings.Contains(d.screen(), `"lantern"`) || !d.m.reading() {
		t.Fatal("esc did not end the search, or left the story")
	}
	d.keys("n") // with no search, n is next unread again
	if d.m.reader.story() == nil {
		t.Fatal("n after the search did nothing")
	}
	d.keys("/")
	d.typeText("zqxzqx")
	d.keys("enter")
	d.until("the search says so", func() bool { return strings.Contains(d.screen(), "not in this story") })
}

func TestWhichPaneHasTheKeyboardShowsWithoutColour(t *testing.T) {
	d := newDriver(t, 200, 50)
	line := strings.Split(d.frame(), "\n")[1]
	if !strings.HasPrefix(line, "\x1b[1;7m") || strings.Contains(line, "\x1b[1;7m Story") {
		t.Fatalf("with the list focused, its title is not reversed alone: %q", line)
	}
	d.keys("tab")
	line = strings.Split(d.frame(), "\n")[1]
	if strings.HasPrefix(line, "\x1b[1;7m") || !strings.Contains(line, "\x1b[1;7m Story") {
		t.Fatalf("with the reading pane focused, its title is not reversed alone: %q", line)
	}
}

func TestListKeepsAReadableShareOfTheWidth(t *testing.T) {
	for _, c := range []struct {
		width int
		share float64
		min   int
	}{{100, 0, 50}, {120, 0, 60}, {160, 0, 64}, {200, 0, 98}, {120, 0.4, 48}, {120, 70, 70}, {200, 0.5, 100}} {
		d := newDriver(t, c.width, 30, func(o *Options) { o.Config.ListWidth = c.share })
		line := strings.Split(d.screen(), "\n")[2]
		if at := strings.Index(line, "│"); len([]rune(line[:max(at, 0)])) != c.min {
			t.Errorf("at %d columns (list_width %v) the list is %d wide, want %d", c.width, c.share, len([]rune(line[:max(at, 0)])), c.min)
		}
	}
}

func TestStatusMessagesFitEightyColumns(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("enter", "]") // nothing forward in history yet
	d.until("the message shows whole", func() bool {
		return strings.Contains(d.screen(), "No later story in history")
	})
	d.keys("esc", "esc", "A") // eleven: opening marked the first read
	d.requireScreenContains("Marked 11 stories read · u undoes")
}

func TestBackReturnsToWhereYouWereReading(t *testing.T) {
	d := newDriver(t, 80, 12)
	body := func() string { // the story, without the counts of the status line
		lines := strings.Split(d.screen(), "\n")
		return strings.Join(lines[:len(lines)-1], "\n")
	}
	d.keys("enter", "pgdown")
	reading := body()
	d.keys("tab", "enter", "backspace")
	if body() != reading {
		t.Fatalf("back after a related story came to:\n%s\nwant:\n%s", d.screen(), reading)
	}
}

func TestInfoLineWraps(t *testing.T) {
	d := newDriver(t, 40, 24)
	d.keys("enter")
	d.requireScreenContains("pages")
	for _, l := range strings.Split(d.screen(), "\n") {
		if strings.Contains(l, "saved") && strings.HasSuffix(strings.TrimSpace(l), "…") {
			t.Fatalf("the info line is cut: %q", l)
		}
	}
}

func TestThemeAndBackgroundHints(t *testing.T) {
	d := newDriver(t, 80, 24, func(o *Options) { o.NoColor = false; o.LightHint = true })
	if d.m.glamourStyle() != "light" {
		t.Fatal("a light COLORFGBG hint did not start light")
	}
	d.send(tea.BackgroundColorMsg{Color: color.Black})
	if d.m.glamourStyle() != "dark" {
		t.Fatal("the terminal's own answer did not win over the hint")
	}
	fixed := newDriver(t, 80, 24, func(o *Options) { o.NoColor = false; o.Config.Theme = "light" })
	fixed.send(tea.BackgroundColorMsg{Color: color.Black})
	if fixed.m.glamourStyle() != "light" {
		t.Fatal("theme = light gave way to the terminal's background")
	}
	bad := newDriver(t, 80, 24, func(o *Options) { o.Config.Theme = "purple" })
	bad.keys("w")
	bad.requireScreenContains(`theme "purple"`)
}

func TestFilterEnterAndEscapeMoveTheCursorSensibly(t *testing.T) {
	d := newDriver(t, 200, 50)
	d.keys("J", "j", "j")
	before := d.m.list.selected()
	d.keys("/")
	d.typeText("storm")
	d.keys("enter")
	if got := title(d); !strings.HasSuffix(got, " 1/"+strings.TrimSpace(got[strings.LastIndex(got, "/")+1:])) {
		t.Fatalf("enter in the filter left the cursor at %q, want the first match", got)
	}
	if d.m.reader.story() != d.m.list.selected() {
		t.Fatal("the reading pane does not show the first match")
	}
	d.keys("esc")
	if d.m.list.selected() != before || d.m.reader.story() != before {
		t.Fatal("esc did not go back to the story selected before the filter")
	}
}

func TestFilterQuerySyntax(t *testing.T) {
	d := newDriver(t, 200, 50)
	count := func(query string) int {
		d.keys("/")
		d.typeText(query)
		d.until("the filter has its answer", func() bool { return !d.m.filter.checking })
		total, _ := d.shown()
		d.keys("esc")
		return total
	}
	all := count("")
	lib := d.m.Library().Articles
	want := func(keep func(a *model.Article) bool) int {
		n := 0
		for _, a := range lib {
			if keep(a) {
				n++
			}
		}
		return n
	}
	text := func(a *model.Article) string {
		return " " + model.NormalizeText(a.Headline+" "+a.Source()+" "+strings.Join(a.Paragraphs(), " ")+" "+entriesText(a)) + " "
	}
	for query, keep := range map[string]func(*model.Article) bool{
		`"night ferries"`: func(a *model.Article) bool { return strings.Contains(text(a), " night ferries ") },
		`ferry -night`: func(a *model.Article) bool {
			return strings.Contains(text(a), " ferry") && !strings.Contains(text(a), " night")
		},
		`source:esker`:              func(a *model.Article) bool { return strings.Contains(strings.ToLower(a.Source()), "esker") },
		`day:2025-03-02`:            func(a *model.Article) bool { return a.Day() == "2025-03-02" },
		`day:today`:                 func(a *model.Article) bool { return a.Day() == "2025-03-04" }, // the test clock's day
		`day:-2..`:                  func(a *model.Article) bool { return a.Day() >= "2025-03-02" },
		`storm source:"esker wire"`: func(a *model.Article) bool { return a.Source() == "Esker Wire" && strings.Contains(text(a), " storm") },
	} {
		if got, want := count(query), want(keep); got != want || want == all {
			t.Errorf("%s: %d stories, want %d (of %d)", query, got, want, all)
		}
	}
	d.keys("m") // the first story read: is:unread leaves it out
	if got := count("is:unread"); got != all-1 {
		t.Errorf("is:unread: %d stories, want %d", got, all-1)
	}
	d.keys("s")
	if got := count("is:starred"); got != 1 {
		t.Errorf("is:starred: %d stories, want 1", got)
	}
	d.keys("/")
	d.typeText("day:soon")
	d.requireScreenContains("cannot read day:soon")
	d.keys("esc", "/")
	d.typeText("ferry")
	if !strings.Contains(d.frame(), "\x1b[4;4mF") {
		t.Fatal("the filter's word is not marked in the rows")
	}
	d.keys("enter", "enter")
	if !strings.Contains(d.frame(), "\x1b[4;4m") {
		t.Fatal("the filter's word is not marked in the story")
	}
}

func TestThemeNamesAGlamourStyleAndColoursCanBeSet(t *testing.T) {
	d := newDriver(t, 200, 50, func(o *Options) {
		o.NoColor = false
		o.Config.Theme = "dracula"
		o.Config.Colors = map[string]string{"accent": "#ff0000", "shade": "#fff", "muted": "grey"}
	})
	if d.m.glamourStyle() != "dracula" {
		t.Fatalf("glamour style %q for theme dracula", d.m.glamourStyle())
	}
	d.send(tea.BackgroundColorMsg{Color: color.White})
	if d.m.glamourStyle() != "dracula" || !d.m.ctx.Dark {
		t.Fatal("a dark glamour theme gave way to a light terminal")
	}
	if !strings.Contains(d.frame(), "255;0;0") {
		t.Fatal("the accent colour from the settings is not used")
	}
	d.keys("w")
	d.requireScreenContains(`no colour named "shade"`, `muted = "grey" is not a colour`)
	style := filepath.Join(t.TempDir(), "style.json")
	if err := os.WriteFile(style, []byte(`{"document": {"color": "#ff0000"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	file := newDriver(t, 80, 24, func(o *Options) { o.NoColor = false; o.Config.Theme = style })
	if file.m.glamourStyle() != "file:"+style {
		t.Fatalf("glamour style %q for a style file", file.m.glamourStyle())
	}
	file.keys("enter")
	if !strings.Contains(file.frame(), "255;0;0") || strings.Contains(file.screen(), "Could not render") {
		t.Fatalf("the style file's colour is not used:\n%s", file.screen())
	}
}

// Issue 19: a style file is read as a dump is: a missing file, a named
// pipe, /dev/zero, a file over 1 MiB or one glamour refuses costs a
// warning under w and the default style, never a hang or a story that
// cannot be rendered.
func TestABadStyleFileFallsBackToTheDefault(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for path, why := range map[string]string{
		zero:                            "not a regular file (a device)",
		filepath.Join(dir, "none.json"): "no such file or directory",
		fifo:                            "not a regular file (a named pipe)",
		write("big.json", strings.Repeat(" ", 1<<20+1)):              "larger than the 1024 KiB limit",
		write("bad.json", `{"document": {"color": 12}}`):             "not a glamour style",
		write("notjson.json", "theme: dark"):                         "not a glamour style",
		write("margin.json", `{"document": {"margin": 4000000000}}`): "document.margin is 4000000000: a style's margins and indents are at most 40 columns",
		write("indent.json", `{"list": {"level_indent": 4000}}`):     "list.level_indent is 4000",
	} {
		d := newDriver(t, 80, 24, func(o *Options) { o.NoColor = false; o.Config.Theme = path })
		if style := d.m.glamourStyle(); strings.HasPrefix(style, "file:") {
			t.Errorf("%s: the style %q is still the file's", path, style)
		}
		d.keys("enter")
		if strings.Contains(d.screen(), "Could not render") {
			t.Errorf("%s: the story is not rendered:\n%s", path, d.screen())
		}
		d.keys("w")
		said := strings.Join(strings.Fields(d.screen()), " ") // the warning wraps
		for _, part := range []string{filepath.Base(path), why, "(using the default style)"} {
			if !strings.Contains(said, part) {
				t.Errorf("%s: the warnings do not say %q:\n%s", path, part, d.screen())
			}
		}
	}
}

// Golden screens of the new screen items at both sizes: the pinned day
// with the position in the title, and a search in a story.
func TestPinnedDayAndFindScreens(t *testing.T) {
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h)
		d.keys("J")
		for range h {
			d.keys("j")
		}
		t.Run("pinned", func(t *testing.T) { golden.RequireEqual(t, d.frame()) })
		d.keys("enter", "/")
		d.typeText("storm")
		d.keys("enter", "n")
		t.Run("find", func(t *testing.T) { golden.RequireEqual(t, d.frame()) })
	})
}

// At 80 columns the status bar shows the hints that fit, each whole, not
// one cut mid-word ("A mark day/fi…"), in the list and in the story.
func TestStatusBarHintsAreWholeAtEightyColumns(t *testing.T) {
	d := newDriver(t, 80, 24)
	for _, where := range []string{"list", "story"} {
		if where == "story" {
			d.keys("enter")
		}
		lines := strings.Split(d.screen(), "\n")
		status := lines[len(lines)-1]
		if strings.Contains(status, "…") {
			t.Fatalf("%s: a hint is cut: %q", where, status)
		}
		keys, _ := d.m.focusedHelp()
		hints := map[string]bool{}
		for _, k := range keys.ShortHelp() {
			hints[k.Help().Key+" "+k.Help().Desc] = true
		}
		left := strings.TrimRight(status, " ")
		left = left[:strings.LastIndex(left, "  ")] // the counts and hints, before the gap
		shown := 0
		for _, part := range strings.Split(left, " · ")[2:] {
			switch part = strings.TrimSpace(part); {
			case strings.HasSuffix(part, "%"): // how far down the story
			case !hints[part]:
				t.Fatalf("%s: %q is not a whole hint: %q", where, part, status)
			default:
				shown++
			}
		}
		if shown == 0 {
			t.Fatalf("%s: no hint in %q", where, status)
		}
	}
}

// Past a thousand stories every count is written the same way, with
// thousands separators: the title's place and the status bar's counts.
func TestOneNumberFormat(t *testing.T) {
	dir := t.TempDir()
	if _, err := dumpgen.Generate(dir, dumpgen.Options{N: 900, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, 80, 24, func(o *Options) { o.Source = loader.Source{Paths: []string{dir}} })
	if n := len(d.m.Library().Articles); n < 1000 {
		t.Fatalf("only %d stories: the test needs more than 1,000", n)
	}
	lines := strings.Split(d.screen(), "\n")
	title, status := lines[0], lines[len(lines)-1]
	of := regexp.MustCompile(`\d+/([\d,]+) *$`).FindStringSubmatch(title)
	total := regexp.MustCompile(`/([\d,]+) unread`).FindStringSubmatch(status)
	if of == nil || total == nil {
		t.Fatalf("no counts in the title %q or the status %q", title, status)
	}
	if !strings.Contains(total[1], ",") || of[1] != total[1] {
		t.Fatalf("the title says %s stories, the status bar %s: one format, with separators", of[1], total[1])
	}
	if bare := regexp.MustCompile(`\b\d{4,}\b`).FindString(status); bare != "" {
		t.Fatalf("the status bar writes %s without separators: %q", bare, status)
	}
}

// At 200x50 the list takes the room the story's text leaves: the text
// keeps its measure of about 100 columns, and the headlines are whole.
func TestWideScreenGivesTheListTheRoomTheTextLeaves(t *testing.T) {
	d := newDriver(t, 200, 50)
	d.keys("tab")
	lw := d.m.listWidth()
	widest := 0
	for _, l := range strings.Split(d.screen(), "\n")[2:49] {
		r := []rune(l)
		list, pane := string(r[:lw]), strings.TrimRight(string(r[lw+1:]), " ")
		if strings.HasSuffix(strings.TrimRight(list, " "), "…") {
			t.Errorf("a headline is cut at %d columns: %q", lw, list)
		}
		widest = max(widest, len([]rune(pane)))
	}
	if widest > textMeasure || widest < textMeasure*9/10 {
		t.Errorf("the story's lines are up to %d columns wide, want about %d", widest, textMeasure)
	}
	if right := 200 - lw - 1 - widest; right > 5 {
		t.Errorf("%d columns right of the text stay empty", right)
	}
}

// Issue 19: U+202E and other control characters typed or pasted into the
// filter or find line are dropped: they would turn the line round.
func TestBidiCharactersStayOutOfTheFilterLine(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("/")
	d.typeText("fer\u202ery")
	d.send(tea.PasteMsg{Content: "\u2066\x1b[31m"})
	lines := strings.Split(d.screen(), "\n")
	status := lines[len(lines)-1]
	if strings.ContainsFunc(d.frame(), func(r rune) bool { return r == 0x202e || r == 0x2066 }) ||
		!strings.Contains(status, "ferry[31m") {
		t.Fatalf("the filter line holds %q", status)
	}
	if d.m.filter.input.Value() != "ferry[31m" || d.m.filter.input.Position() != len("ferry[31m") {
		t.Fatalf("the query is %q, cursor at %d", d.m.filter.input.Value(), d.m.filter.input.Position())
	}
	d.keys("esc", "enter", "/")
	d.typeText("quay\u202e")
	if strings.ContainsRune(d.m.reader.find.input.Value(), 0x202e) {
		t.Fatalf("the find line holds %q", d.m.reader.find.input.Value())
	}
}
