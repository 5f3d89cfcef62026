package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tidings/internal/testkit"
	"tidings/state"
	"tidings/ui"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Issue 13: each mistake names the file, the line and the setting, with
// the setting meant when one is close; the other settings still apply.
func TestConfigMistakesNamedByLine(t *testing.T) {
	path := writeConfig(t, `# my settings
mark_read_on_open = false
split_min_widht = 90
list_width = 0.4
split_min_width = "wide"
theme = "Light"
toggle_star = ["x"]
Split-Min-Width = 80

[keys]
toggle_stra = ["x"]
next_unread = ["n", "N"]
prev_unread = "p"
Scroll-Up = ["k"]
undo = []
redraw = [1]
zzzzzz = ["z"]
`)
	cfg, problems := loadConfig(path)
	want := []string{
		path + `:3: unknown setting "split_min_widht" (did you mean split_min_width?)`,
		path + `:5: split_min_width must be a number`,
		path + `:7: unknown setting "toggle_star" (to rebind toggle_star, put it under [keys])`,
		path + `:8: unknown setting "Split-Min-Width" (did you mean split_min_width?)`,
		path + `:11: unknown action "toggle_stra" in [keys] (did you mean toggle_star?)`,
		path + `:14: unknown action "Scroll-Up" in [keys] (did you mean scroll_up?)`,
		path + `:15: [keys] undo has no key`,
		path + `:16: [keys] redraw must be a list of keys, like ["x", "ctrl+x"]`,
		path + `:17: unknown action "zzzzzz" in [keys]`,
	}
	if !slices.Equal(problems, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	wantCfg := ui.Config{MarkReadOnOpen: false, SplitMinWidth: 100, ListWidth: 0.4, Theme: "light", StartAt: ui.StartLast, ExportDir: defaultExportDir(),
		Keys: map[string][]string{"next_unread": {"n", "N"}, "prev_unread": {"p"}}}
	if !reflect.DeepEqual(cfg, wantCfg) {
		t.Errorf("settings kept: %+v, want %+v", cfg, wantCfg)
	}
}

func TestConfigValues(t *testing.T) {
	for text, want := range map[string]string{
		"split_min_width = 120.0":           "",
		"split_min_width = 0":               "split_min_width = 0: the panes go side by side from 60 columns at the least (the default, 100, stays)",
		"split_min_width = 59":              "split_min_width = 59: the panes go side by side from 60 columns at the least (the default, 100, stays)",
		"split_min_width = 60":              "",
		"theme = ''":                        "",
		"split_min_width = 99.5":            "split_min_width must be a whole number of columns",
		"split_min_width = -1":              "split_min_width must be a whole number of columns",
		"split_min_width = 1e300":           "split_min_width must be a whole number of columns",
		"split_min_width = nan":             "split_min_width must be a number",
		"watch_poll = 5":                    "",
		"watch_poll = 1":                    "",
		"watch_poll = 0":                    "",
		"watch_poll = 0.001":                "watch_poll = 0.001: scan at most once a second (1 or more), or 0 to wait for the file system's events",
		"watch_poll = 0.999":                "watch_poll = 0.999: scan at most once a second (1 or more), or 0 to wait for the file system's events",
		"watch_poll = 'often'":              "watch_poll must be a number of seconds (0 waits for the file system's events)",
		"list_width = 60":                   "",
		"export_dir = '/srv/saved'":         "",
		"export_dir = '~/saved'":            "",
		"export_dir = ''":                   "",
		"export_dir = 'saved'":              `export_dir must be a folder's absolute path ("~/" for your home), e.g. export_dir = "~/clippings/saved"`,
		"export_dir = 3":                    `export_dir must be a folder's absolute path ("~/" for your home), e.g. export_dir = "~/clippings/saved"`,
		"list_width = -0.5":                 `list_width must be "auto", a share of the screen (0.5) or columns (60)`,
		"list_width = '60'":                 `list_width must be "auto", a share of the screen (0.5) or columns (60)`,
		"list_width = 'auto'":               "",
		"list_width = 'Auto'":               "",
		"list_width = 0":                    "",
		"mark_read_on_open = 'yes'":         "mark_read_on_open must be true or false",
		"theme = 'solarized'":               `theme "solarized": use auto, a glamour style (ascii, dark, dracula, light, notty, pink, tokyo-night) or a style file (*.json)`,
		"theme = 1":                         `theme must be text: "auto", "dark", "light", a glamour style or a style file`,
		"theme = 'dracula'":                 "",
		"theme = 'mine.json'":               "",
		"keys = 'vim'":                      `keys must be a table: [keys], then lines like toggle_star = ["x"]`,
		"[[keys]]\nundo = ['u']":            `keys must be a table: [keys], then lines like toggle_star = ["x"]`,
		"[colours]\nlist = 'blue'":          `unknown setting "colours" (did you mean colors?)`,
		"colors = { accent = 'blue' }":      `[colors]: accent = "blue" is not a colour: use "#rrggbb" or a terminal colour number (0-255)`,
		"colors = { shade = '#fff' }":       `[colors]: no colour named "shade" (there are accent, muted, warm, source, status_bg, status_fg, cursor_bg, cursor_fg, match_bg)`,
		"[colors]\naccent = '#d2a8ff'":      "",
		"[colors]\nmuted = 244":             "",
		"[colors]\nmuted = 255":             "",
		"[colors]\nmuted = 0":               "",
		"colors = { muted = 999 }":          `[colors]: muted = "999" is not a colour: use "#rrggbb" or a terminal colour number (0-255)`,
		"colors = { muted = 256 }":          `[colors]: muted = "256" is not a colour: use "#rrggbb" or a terminal colour number (0-255)`,
		"colors = { muted = -1 }":           `[colors]: muted = "-1" is not a colour: use "#rrggbb" or a terminal colour number (0-255)`,
		"colors = { accent = '#12345' }":    `[colors]: accent = "#12345" is not a colour: use "#rrggbb" or a terminal colour number (0-255)`,
		"colors = { accent = '#gggggg' }":   `[colors]: accent = "#gggggg" is not a colour: use "#rrggbb" or a terminal colour number (0-255)`,
		"colors = { accent = 'd2a8ff' }":    `[colors]: accent = "d2a8ff" is not a colour: use "#rrggbb" or a terminal colour number (0-255)`,
		"keys.toggle_star = ['x']":          "",
		"keys = { toggle_star = 3 }":        `[keys] toggle_star must be a list of keys, like ["x", "ctrl+x"]`,
		"keys = { quit = ['banana'] }":      `[keys] quit: "banana" is not a key: a key is one character or a named key (enter, esc, tab, space, up, pgdown, home, f1, …), with modifiers like ctrl+x (keeping its default keys)`,
		"keys = { undo = ['ctrl+banana'] }": `[keys] undo: "ctrl+banana" is not a key: "banana" is neither a character nor a named key (enter, esc, tab, space, up, pgdown, home, f1, …) (keeping its default keys)`,
		"keys = { undo = ['alt+ctrl+z'] }":  `[keys] undo: "alt+ctrl+z" is not a key: modifiers come in the order ctrl+alt+shift+meta+hyper+super (keeping its default keys)`,
		"[keys]\nundo = ['f5', 'ctrl+z', 'alt+enter', 'pgdown']": "",
	} {
		path := writeConfig(t, "# settings\n"+text+"\n")
		_, problems := loadConfig(path)
		switch {
		case want == "" && len(problems) > 0:
			t.Errorf("%q: %q, want no problem", text, problems)
		case want != "" && !slices.Equal(problems, []string{path + ":2: " + want}):
			t.Errorf("%q: %q, want %q at line 2", text, problems, want)
		}
	}
}

func TestConfigWholeFileProblems(t *testing.T) {
	if cfg, problems := loadConfig(filepath.Join(t.TempDir(), "none.toml")); problems != nil || !reflect.DeepEqual(cfg, defaultConfig()) {
		t.Errorf("no file: %+v %q", cfg, problems)
	}
	path := writeConfig(t, "split_min_width = 80\ntheme = \"dark\nlist_width = 0.3\n")
	cfg, problems := loadConfig(path)
	if !reflect.DeepEqual(cfg, defaultConfig()) || len(problems) != 1 ||
		!strings.HasPrefix(problems[0], path+":2: ") || !strings.HasSuffix(problems[0], "(not TOML: using the defaults)") {
		t.Errorf("not TOML: %+v %q", cfg, problems)
	}
	dir := t.TempDir()
	if _, problems := loadConfig(dir); !slices.Equal(problems, []string{dir + ": not a regular file (using the defaults)"}) {
		t.Errorf("a folder: %q", problems)
	}
	// A key the user binds is taken from the default action that had it:
	// the README's own example.
	path = writeConfig(t, "[keys]\ntoggle_star = [\"x\"]\nnext_unread = [\"n\", \"J\"]\n")
	cfg, problems = loadConfig(path)
	if len(problems) != 0 || !reflect.DeepEqual(cfg.Keys, map[string][]string{"toggle_star": {"x"}, "next_unread": {"n", "J"}}) ||
		!slices.Equal(keyNotes(cfg.Keys), []string{"J no longer does next_day, which has no key now"}) {
		t.Errorf("a default action's key: %+v %q %q", cfg.Keys, problems, keyNotes(cfg.Keys))
	}
	// Two of the user's bindings on one key: those two refused, naming
	// each other, at their lines; the others apply.
	path = writeConfig(t, "[keys]\ntoggle_star = [\"x\"]\nundo = [\"y\"]\ndown = [\"y\"]\n")
	cfg, problems = loadConfig(path)
	want := []string{
		path + `:3: [keys] "y" is bound to both down and undo (both keep their default keys)`,
		path + `:4: [keys] "y" is bound to both down and undo (both keep their default keys)`,
	}
	if !reflect.DeepEqual(cfg.Keys, map[string][]string{"toggle_star": {"x"}}) || !slices.Equal(problems, want) {
		t.Errorf("two bindings on one key: %+v %q", cfg.Keys, problems)
	}
	// Keys that leave nothing that quits: quit and force_quit keep theirs.
	path = writeConfig(t, "[keys]\nquit = [\"banana\"]\nforce_quit = [\"apple\"]\nback_or_quit = [\"cherry\"]\ntoggle_star = \"Q\"\nfilter_apply = \"ctrl+c\"\n")
	cfg, problems = loadConfig(path)
	if cfg.Keys != nil || len(problems) != 5 || !strings.Contains(problems[3], "toggle_star would leave neither quit nor force_quit with a key: they keep theirs (Q, ctrl+c)") {
		t.Errorf("nothing quits: %+v\n%s", cfg.Keys, strings.Join(problems, "\n"))
	}
}

// Every TOML block of the README loads without a problem.
func TestReadmeConfigExamplesLoad(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```toml\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("no TOML block in the README")
	}
	for _, b := range blocks {
		path := writeConfig(t, string(b[1]))
		if _, problems := loadConfig(path); len(problems) > 0 {
			t.Errorf("the README's block\n%s\ngives\n%s", b[1], strings.Join(problems, "\n"))
		}
	}
}

func TestConfigRefusesAFIFOAtOnce(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "config.toml")
	// mkfifo(1) rather than syscall.Mkfifo keeps this file building
	// where there are no FIFOs.
	if out, err := exec.Command("mkfifo", fifo).CombinedOutput(); err != nil {
		t.Skipf("no named pipes here: %v %s", err, out)
	}
	var problems []string
	testkit.Within(t, "loading a named pipe as settings", func() { _, problems = loadConfig(fifo) })
	if len(problems) != 1 || !strings.Contains(problems[0], "not a regular file") {
		t.Errorf("%q", problems)
	}
}

func TestNearestAction(t *testing.T) {
	for typed, want := range map[string]string{
		"toggle_stra": "toggle_star", "togle_star": "toggle_star", "toggle_starr": "toggle_star",
		"toggle_stur": "toggle_star", "TOGGLE-STAR": "toggle_star", "forwrd": "forward",
		"star": "", "": "", "toggle_sxxx": "",
	} {
		got, ok := nearestAction(typed)
		if got != want || ok != (want != "") {
			t.Errorf("%q: %q %v, want %q", typed, got, ok, want)
		}
	}
}

// Issue 13: tidings config prints what the reader would use, as TOML that
// reads back to the same settings.
func TestConfigCommand(t *testing.T) {
	path := writeConfig(t, "split_min_width = 120\n[keys]\ntoggle_star = [\"x\", \"ctrl+x\"]\nquit = \"'\"\n")
	r := runForTest("config", "--config", path)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	for _, line := range []string{"# tidings settings in effect: " + path + ", with the defaults for the rest\n",
		"mark_read_on_open = true\n", "split_min_width = 120\n", "list_width = 'auto'\n", "theme = 'auto'\n",
		"\n[keys]\n", "toggle_star = ['x', 'ctrl+x']\n"} {
		if !strings.Contains(r.stdout, line) {
			t.Errorf("output lacks %q:\n%s", line, r.stdout)
		}
	}
	printed, problems := loadConfig(writeConfig(t, r.stdout))
	cfg, _ := loadConfig(path)
	cfg.Theme = "auto"
	if len(problems) > 0 || !reflect.DeepEqual(printed, cfg) {
		t.Errorf("printed %+v, loaded %+v %q", printed, cfg, problems)
	}
	// Keys taken from default actions are noted.
	r = runForTest("config", "--config", writeConfig(t, "list_width = 0.4\n[keys]\nnext_unread = [\"n\", \"J\"]\n"))
	if r.code != 0 || !strings.Contains(r.stdout, "list_width = 0.4\n") || !strings.Contains(r.stdout, "#   J no longer does next_day, which has no key now\n") {
		t.Errorf("keys taken: %+v", r)
	}

	none := filepath.Join(t.TempDir(), "none.toml")
	r = runForTest("config", "--config", none)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# tidings settings in effect: the defaults (there is no "+none+")\n") ||
		strings.Contains(r.stdout, "[keys]") {
		t.Errorf("no file: %+v", r)
	}

	bad := writeConfig(t, "theme = 'dark'\nlist_widht = 0.3\n")
	r = runForTest("config", "--config", bad)
	if r.code != 1 || r.stderr != "tidings config: "+bad+":2: unknown setting \"list_widht\" (did you mean list_width?)\n" ||
		!strings.Contains(r.stdout, "theme = 'dark'\n") {
		t.Errorf("a mistake: %+v", r)
	}
	if r := runForTest("config", "extra"); r.code != 2 || !strings.Contains(r.stderr, "usage: tidings config") {
		t.Errorf("an argument: %+v", r)
	}
	if r := runForTest("config", "--help"); r.code != 0 || !strings.Contains(r.stdout, "usage: tidings config") {
		t.Errorf("--help: %+v", r)
	}
}

// unknownSettings is a settings file of n unknown settings and n unknown
// [keys] actions.
func unknownSettings(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "unknown_setting_%d = %d\n", i, i)
	}
	b.WriteString("[keys]\n")
	for i := range n {
		fmt.Fprintf(&b, "no_action_%d = ['x']\n", i)
	}
	return []byte(b.String())
}

// Issue 19: finding the lines of 40,000 unknown settings read the file
// from its start for each; now the file is read once, counted.
func TestConfigLinesAreFoundInOneReading(t *testing.T) {
	const n = 40000
	data := unknownSettings(n)
	lf := newLineFinder(data)
	doc, err := decodeSettings(lf)
	if err != nil {
		t.Fatal(err)
	}
	lines := doc.lines
	if lf.scanned > len(data) {
		t.Errorf("%d bytes counted for a file of %d", lf.scanned, len(data))
	}
	if got := lines["keys\x00no_action_39999"]; got != 2*n+1 {
		t.Errorf("the last action at line %d, want %d", got, 2*n+1)
	}
	if got := lines["unknown_setting_20000"]; got != 20001 {
		t.Errorf("a setting at line %d, want 20001", got)
	}
	path := writeConfig(t, string(data))
	if _, problems := loadConfig(path); len(problems) != 2*n {
		t.Errorf("%d problems for %d mistakes", len(problems), 2*n)
	}
}

// BenchmarkConfigUnknownSettings loads 40,000 unknown settings and 40,000
// unknown actions (13 s before issue 19).
func BenchmarkConfigUnknownSettings(b *testing.B) {
	path := filepath.Join(b.TempDir(), "config.toml")
	if err := os.WriteFile(path, unknownSettings(40000), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		loadConfig(path)
	}
}

// Issue 19: with HOME and the XDG variables unset, nothing is kept at the
// root of the file system: no settings file, no cache, marks in memory,
// each said.
func TestNoHomeKeepsNothingAtTheRoot(t *testing.T) {
	for _, v := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "TIDINGS_STATE"} {
		t.Setenv(v, "")
	}
	if p := configPath(); p != "" {
		t.Errorf("settings file %q", p)
	}
	if cfg, problems := loadConfig(configPath()); len(problems) > 0 || !reflect.DeepEqual(cfg, defaultConfig()) {
		t.Errorf("no settings file: %+v %q", cfg, problems)
	}
	if c := parseCache(false); c.Dir != "" {
		t.Errorf("cache in %q", c.Dir)
	}
	if _, err := state.ResolvePath(""); err == nil || !strings.Contains(err.Error(), "$HOME") {
		t.Errorf("state file: %v", err)
	}
	notes := strings.Join(homeNotes(), "\n")
	if !strings.Contains(notes, "no settings file is read") || !strings.Contains(notes, "nothing is cached") {
		t.Errorf("notes: %q", notes)
	}
	r := runForTest("config")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# tidings settings in effect: the defaults (neither $HOME nor $XDG_CONFIG_HOME is set)\n") {
		t.Errorf("tidings config: %+v", r)
	}
	t.Setenv("HOME", t.TempDir())
	if configPath() == "" || parseCache(false).Dir == "" || len(homeNotes()) != 0 {
		t.Error("with a home, its folders are used")
	}
}
