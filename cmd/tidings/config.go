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
	"github.com/pelletier/go-toml/v2/unstable"

	"tidings/loader"
	"tidings/ui"
)

// configPath is $XDG_CONFIG_HOME/tidings/config.toml.
func configPath() string { return filepath.Join(xdg.ConfigHome, "tidings", "config.toml") }

// settingNames are the top-level names config.toml knows, for suggesting
// the one a mistyped name meant.
var settingNames = []string{"mark_read_on_open", "split_min_width", "list_width", "watch_poll", "theme", "colors", "keys"}

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
	cfg := ui.DefaultConfig()
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
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			err = fmt.Errorf("%d: %s", row, strings.TrimPrefix(de.Error(), "toml: "))
		}
		return cfg, []string{fmt.Sprintf("%s:%v (not TOML: using the defaults)", name, err)}
	}
	problems := applySettings(&cfg, doc, keyLines(data))
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
			case n == 0:
				// What the reader makes of 0, so that tidings config shows it.
				cfg.SplitMinWidth = ui.DefaultConfig().SplitMinWidth
			default:
				cfg.SplitMinWidth = int(n)
			}
		case "watch_poll":
			if n, ok := number(value); ok && n >= 0 && n <= 86400 {
				cfg.WatchPoll = n
			} else {
				bad(name, "watch_poll must be a number of seconds (0 waits for the file system's events)")
			}
		case "list_width":
			if n, ok := number(value); ok && n >= 0 && n <= math.MaxInt32 {
				cfg.ListWidth = n
			} else {
				bad(name, "list_width must be a number: a share of the screen (0.5) or columns (60)")
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
			text := fmt.Sprintf("unknown setting %q", name)
			if meant, ok := nearest(name, settingNames); ok {
				text += fmt.Sprintf(" (did you mean %s?)", meant)
			} else if actionKnown(name) {
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

// keyBindings reads the [keys] table: the actions it names rightly, and a
// problem for each other line. The ui refuses a rebinding that gives a key
// to two actions, keeping every default key; that is checked here too, so
// that the effective settings printed by `tidings config` are the reader's.
func keyBindings(table map[string]any, lines map[string]int) (map[string][]string, []configProblem) {
	var problems []configProblem
	keys := map[string][]string{}
	for action, value := range table {
		line := lines["keys\x00"+action]
		if !actionKnown(action) {
			text := fmt.Sprintf("unknown action %q in [keys]", action)
			if meant, ok := nearestAction(action); ok {
				text += fmt.Sprintf(" (did you mean %s?)", meant)
			}
			problems = append(problems, configProblem{line, text})
			continue
		}
		list, ok := keyList(value)
		switch {
		case ok && len(list) == 0:
			problems = append(problems, configProblem{line, fmt.Sprintf("[keys] %s has no key", action)})
		case !ok:
			problems = append(problems, configProblem{line, fmt.Sprintf(`[keys] %s must be a list of keys, like ["x", "ctrl+x"]`, action)})
		default:
			keys[action] = list
		}
	}
	if len(keys) == 0 {
		return nil, problems
	}
	km := ui.DefaultKeyMap()
	if err := km.Rebind(keys); err != nil {
		return nil, append(problems, configProblem{0, err.Error() + " (using the default keys)"})
	}
	return keys, problems
}

// keyList reads the keys of an action: a list of strings, or one string
// (toggle_star = "x"), as other programs' settings take it.
func keyList(value any) ([]string, bool) {
	switch v := value.(type) {
	case string:
		return []string{v}, v != ""
	case []any:
		list := make([]string, len(v))
		for i, k := range v {
			s, ok := k.(string)
			if !ok || s == "" {
				return nil, false
			}
			list[i] = s
		}
		return list, true
	}
	return nil, false
}

// probeKey is a key no terminal sends, bound only to ask the KeyMap about
// an action name.
const probeKey = "\x00tidings-probe"

// actionKnown asks the ui's KeyMap whether an action has that name. Rebind
// is the one authority on the names, which the ui keeps to itself; a key
// nothing else uses cannot clash, so only an unknown name fails.
func actionKnown(name string) bool {
	km := ui.DefaultKeyMap()
	return km.Rebind(map[string][]string{name: {probeKey}}) == nil
}

// nearestAction finds the action a mistyped name meant among the names one
// edit away (after folding case and dashes), asking actionKnown about each:
// without a list of the names, that is as far as a suggestion can reach,
// and it covers the commonest typos (a letter missing, doubled, wrong or
// two swapped). A few thousand probes take milliseconds, and only when the
// file has a mistake.
func nearestAction(name string) (string, bool) {
	folded := fold(name)
	if actionKnown(folded) {
		return folded, true
	}
	const letters = "abcdefghijklmnopqrstuvwxyz_"
	try := func(s string) bool { return s != "" && actionKnown(s) }
	for i := 0; i <= len(folded); i++ {
		head, tail := folded[:i], folded[i:]
		if i < len(folded) && try(head+tail[1:]) {
			return head + tail[1:], true
		}
		if i+1 < len(folded) {
			if s := head + tail[1:2] + tail[:1] + tail[2:]; try(s) {
				return s, true
			}
		}
		for _, c := range letters {
			if try(head + string(c) + tail) {
				return head + string(c) + tail, true
			}
			if i < len(folded) && try(head+string(c)+tail[1:]) {
				return head + string(c) + tail[1:], true
			}
		}
	}
	return "", false
}

// keyLines finds the line of every key in the file, by its path of names
// joined with NULs ("keys\x00toggle_star"), from go-toml's parser: decoding
// into a map keeps values, not where they stood. A dotted key or an
// inline table also gives its parents the line where they first appear.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keyNames(e)
			recordKey(lines, &p, table, e)
		case unstable.KeyValue:
			recordKeyValue(lines, &p, table, e)
		}
	}
	return lines
}

func recordKeyValue(lines map[string]int, p *unstable.Parser, table []string, kv *unstable.Node) {
	path := append(slices.Clone(table), keyNames(kv)...)
	recordKey(lines, p, path, kv)
	if v := kv.Value(); v.Kind == unstable.InlineTable {
		for it := v.Children(); it.Next(); {
			if it.Node().Kind == unstable.KeyValue {
				recordKeyValue(lines, p, path, it.Node())
			}
		}
	}
}

func recordKey(lines map[string]int, p *unstable.Parser, path []string, n *unstable.Node) {
	it := n.Key()
	if !it.Next() {
		return
	}
	line := p.Shape(it.Node().Raw).Start.Line
	for i := 1; i <= len(path); i++ {
		key := strings.Join(path[:i], "\x00")
		if _, ok := lines[key]; !ok {
			lines[key] = line
		}
	}
}

func keyNames(n *unstable.Node) []string {
	var names []string
	for it := n.Key(); it.Next(); {
		names = append(names, string(it.Node().Data))
	}
	return names
}
