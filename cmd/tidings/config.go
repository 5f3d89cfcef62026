package main

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/adrg/xdg"
	"github.com/pelletier/go-toml/v2"

	"tidings/loader"
	"tidings/ui"
)

// configPath is $XDG_CONFIG_HOME/tidings/config.toml, or "" when there is
// no home to look in (noHome).
func configPath() string {
	if noHome("XDG_CONFIG_HOME") {
		return ""
	}
	return filepath.Join(xdg.ConfigHome, "tidings", "config.toml")
}

// settingNames are the top-level names config.toml knows, for suggesting
// the one a mistyped name meant.
var settingNames = []string{"mark_read_on_open", "split_min_width", "list_width", "watch_poll", "theme", "colors", "keys",
	"start_at", "sort", "searches", "export_dir"}

// defaultConfig is the reader's defaults with the folders of this
// machine's home.
func defaultConfig() ui.Config {
	cfg := ui.DefaultConfig()
	cfg.ExportDir = defaultExportDir()
	return cfg
}

// defaultExportDir is where e saves stories: $XDG_DATA_HOME/tidings/exports,
// or nowhere without a home to put it under.
func defaultExportDir() string {
	if noHome("XDG_DATA_HOME") {
		return ""
	}
	xdg.Reload()
	return filepath.Join(xdg.DataHome, "tidings", "exports")
}

// listWidthAuto is list_width's default: the reader's own share, which
// grows with the screen (ui's listWidth).
const listWidthAuto = "auto"

// configProblem is one mistake in the settings file, at a line (0 when it
// has none, like two actions sharing a key).
type configProblem struct {
	line int
	text string
}

// loadConfig reads the settings file, if there is one. Each mistake comes
// back as a line "PATH:LINE: what is wrong" and is skipped; the other
// settings still apply, so that a typo does not throw away a whole file
// of preferences. A file that is not TOML at all leaves the defaults.
func loadConfig(path string) (ui.Config, []string) {
	cfg := defaultConfig()
	if path == "" { // no home: no settings file (homeNotes says so)
		return cfg, nil
	}
	name := loader.CleanLine(path) // for messages: names can hold escape sequences
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	var data []byte
	if err == nil && !info.Mode().IsRegular() {
		// Reading a named pipe would wait for a writer forever.
		err = errors.New("not a regular file")
	} else if err == nil {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return cfg, []string{fmt.Sprintf("%s: %v (using the defaults)", name, err)}
	}
	doc, err := decodeSettings(newLineFinder(data))
	if err != nil {
		return cfg, []string{fmt.Sprintf("%s:%v (not TOML: using the defaults)", name, err)}
	}
	problems := applySettings(&cfg, doc.values, doc.lines)
	// In the file's order; those of no line (two actions sharing a key)
	// after the rest.
	order := func(p configProblem) int {
		if p.line == 0 {
			return math.MaxInt
		}
		return p.line
	}
	slices.SortFunc(problems, func(a, b configProblem) int {
		return cmp.Or(cmp.Compare(order(a), order(b)), strings.Compare(a.text, b.text))
	})
	lines := make([]string, len(problems))
	for i, p := range problems {
		if p.line > 0 {
			lines[i] = fmt.Sprintf("%s:%d: %s", name, p.line, p.text)
		} else {
			lines[i] = fmt.Sprintf("%s: %s", name, p.text)
		}
	}
	return cfg, lines
}

// applySettings sets what doc says into cfg, setting by setting, and
// returns what it could not use.
func applySettings(cfg *ui.Config, doc map[string]any, lines map[string]int) []configProblem {
	var problems []configProblem
	bad := func(name, text string) {
		problems = append(problems, configProblem{lines[name], text})
	}
	for name, value := range doc {
		switch name {
		case "mark_read_on_open":
			if b, ok := value.(bool); ok {
				cfg.MarkReadOnOpen = b
			} else {
				bad(name, "mark_read_on_open must be true or false")
			}
		case "split_min_width":
			n, isNumber := number(value)
			switch {
			case !isNumber:
				bad(name, "split_min_width must be a number")
			case n != math.Trunc(n) || n < 0 || n > math.MaxInt32:
				bad(name, "split_min_width must be a whole number of columns")
			case n < ui.MinSplitWidth:
				// 0 used to mean the default, silently; a narrower screen
				// cannot hold both panes whatever the setting says.
				bad(name, fmt.Sprintf("split_min_width = %v: the panes go side by side from %d columns at the least (the default, %d, stays)",
					n, ui.MinSplitWidth, ui.DefaultConfig().SplitMinWidth))
			default:
				cfg.SplitMinWidth = int(n)
			}
		case "watch_poll":
			switch n, ok := number(value); {
			case !ok || n < 0 || n > 86400:
				bad(name, "watch_poll must be a number of seconds (0 waits for the file system's events)")
			case n > 0 && n < 1:
				// Scanning every folder many times a second keeps a core busy.
				bad(name, fmt.Sprintf("watch_poll = %v: scan at most once a second (1 or more), or 0 to wait for the file system's events", n))
			default:
				cfg.WatchPoll = n
			}
		case "list_width":
			if s, ok := value.(string); ok && strings.EqualFold(s, listWidthAuto) {
				cfg.ListWidth = 0
			} else if n, ok := number(value); ok && n >= 0 && n <= math.MaxInt32 {
				cfg.ListWidth = n
			} else {
				bad(name, `list_width must be "auto", a share of the screen (0.5) or columns (60)`)
			}
		case "theme":
			s, isString := value.(string)
			if !strings.HasSuffix(s, ".json") {
				s = strings.ToLower(s) // a style's name; a file's path keeps its case
			}
			switch {
			case !isString:
				bad(name, `theme must be text: "auto", "dark", "light", a glamour style or a style file`)
			case strings.EqualFold(s, "") || strings.EqualFold(s, "auto"):
				cfg.Theme = "auto"
			case ui.CheckTheme(s) != "":
				bad(name, ui.CheckTheme(s))
			default:
				cfg.Theme = s
			}
		case "colors":
			table, ok := value.(map[string]any)
			if !ok {
				bad(name, `colors must be a table: [colors], then lines like accent = "#d2a8ff"`)
				continue
			}
			colors := map[string]string{}
			for k, v := range table {
				text, isString := v.(string)
				if !isString {
					text = fmt.Sprint(v) // a colour number written without quotes
				}
				if colorProblems := ui.CheckColors(map[string]string{k: text}); len(colorProblems) > 0 {
					problems = append(problems, configProblem{lines["colors\x00"+k], colorProblems[0]})
					continue
				}
				colors[k] = text
			}
			cfg.Colors = colors
		case "export_dir":
			dir, isString := value.(string)
			if home, _ := os.UserHomeDir(); isString && home != "" && (dir == "~" || strings.HasPrefix(dir, "~/")) {
				dir = filepath.Join(home, dir[1:])
			}
			switch {
			case isString && dir == "": // e saves nowhere, and says so
				cfg.ExportDir = ""
			case !isString || !filepath.IsAbs(dir):
				bad(name, `export_dir must be a folder's absolute path ("~/" for your home), e.g. export_dir = "~/clippings/saved"`)
			default:
				cfg.ExportDir = filepath.Clean(dir)
			}
		case "keys":
			table, ok := value.(map[string]any)
			if !ok {
				bad(name, `keys must be a table: [keys], then lines like toggle_star = ["x"]`)
				continue
			}
			keys, keyProblems := keyBindings(table, lines)
			problems = append(problems, keyProblems...)
			cfg.Keys = keys
		default:
			if more, known := applyTriageSetting(cfg, name, value, lines); known {
				problems = append(problems, more...)
				continue
			}
			text := fmt.Sprintf("unknown setting %q", name)
			if meant, ok := nearest(name, settingNames); ok {
				text += fmt.Sprintf(" (did you mean %s?)", meant)
			} else if _, known := slices.BinarySearch(ui.ActionNames(), name); known {
				text += fmt.Sprintf(" (to rebind %s, put it under [keys])", name)
			}
			problems = append(problems, configProblem{lines[name], text})
		}
	}
	return problems
}

// number reads a TOML integer or float.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, !math.IsNaN(n) && !math.IsInf(n, 0)
	}
	return 0, false
}

// printedConfig is ui.Config as `tidings config` prints it: the automatic
// list width and theme said as "auto" rather than as the zero values that
// stand for them.
type printedConfig struct {
	MarkReadOnOpen bool                `toml:"mark_read_on_open"`
	SplitMinWidth  int                 `toml:"split_min_width"`
	ListWidth      any                 `toml:"list_width"`
	Theme          string              `toml:"theme"`
	WatchPoll      float64             `toml:"watch_poll"`
	StartAt        string              `toml:"start_at"`
	Sort           string              `toml:"sort"`
	ExportDir      string              `toml:"export_dir"`
	Colors         map[string]string   `toml:"colors"`
	Keys           map[string][]string `toml:"keys"`
	Searches       map[string]string   `toml:"searches"`
}

// configTOML is the settings in effect as TOML that loadConfig reads back
// to the same settings, then, as comments, the keys the [keys] table took
// from other actions.
func configTOML(cfg ui.Config) ([]byte, error) {
	p := printedConfig{cfg.MarkReadOnOpen, cfg.SplitMinWidth, cfg.ListWidth, cfg.Theme, cfg.WatchPoll,
		cfg.StartAt, cfg.Sort.String(), cfg.ExportDir, cfg.Colors, cfg.Keys, cfg.Searches}
	if cfg.ListWidth == 0 {
		p.ListWidth = listWidthAuto
	}
	if p.Theme == "" {
		p.Theme = "auto"
	}
	out, err := toml.Marshal(p)
	if err != nil {
		return nil, err
	}
	if notes := keyNotes(cfg.Keys); len(notes) > 0 {
		out = append(out, "\n# Keys taken from the actions that had them by default:\n"...)
		for _, n := range notes {
			out = append(out, "#   "+n+"\n"...)
		}
	}
	return out, nil
}
