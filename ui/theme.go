package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"

	"tidings/loader"
)

// The theme setting: auto follows the terminal's background; dark and
// light fix it; any other glamour style by name (dracula, tokyo-night,
// pink, ascii) or a glamour style file (*.json) renders stories in it.
const themeAuto = "auto"

// glamourThemes are glamour's own styles that set the background: tidings'
// colours follow it.
var darkGlamourThemes = []string{styles.DraculaStyle, styles.TokyoNightStyle, styles.PinkStyle}

// CheckTheme says what is wrong with a theme setting, or "".
func CheckTheme(theme string) string {
	switch {
	case theme == "" || theme == themeAuto || theme == "dark" || theme == "light":
		return ""
	case strings.HasSuffix(theme, ".json"):
		return "" // a style file: glamour reads it, and says when it cannot
	case styles.DefaultStyles[theme] != nil:
		return ""
	}
	names := make([]string, 0, len(styles.DefaultStyles))
	for name := range styles.DefaultStyles {
		names = append(names, name)
	}
	sort.Strings(names)
	return fmt.Sprintf("theme %q: use auto, a glamour style (%s) or a style file (*.json)", theme, strings.Join(names, ", "))
}

// themeIsDark tells whether a theme fixes a dark (true) or light (false)
// background, or leaves it to the terminal (ok false).
func themeIsDark(theme string) (dark, ok bool) {
	switch {
	case theme == "light":
		return false, true
	case theme == "dark" || slices.Contains(darkGlamourThemes, theme):
		return true, true
	}
	return false, false
}

// glamourStyle is the style stories are rendered in: "file:" and a path
// for a style file.
func (m *Model) glamourStyle() string {
	theme := m.ctx.Config.Theme
	switch {
	case m.ctx.NoColor:
		return styles.NoTTYStyle
	case strings.HasSuffix(theme, ".json"):
		return "file:" + theme
	case theme != "" && theme != themeAuto && theme != "dark" && theme != "light" && styles.DefaultStyles[theme] != nil:
		return theme
	case m.ctx.Dark:
		return styles.DarkStyle
	}
	return styles.LightStyle
}

// colorNames are the colours config.toml's [colors] table may set.
var colorNames = []string{"accent", "muted", "warm", "source", "status_bg", "status_fg", "cursor_bg", "cursor_fg", "match_bg"}

var colorValue = regexp.MustCompile(`^(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[0-9]{1,3})$`)

// isColor is a hex colour or one of the terminal's 256 colour numbers.
func isColor(v string) bool {
	if !colorValue.MatchString(v) {
		return false
	}
	n, err := strconv.Atoi(v)
	return err != nil || n <= 255 // a hex colour, or a number in range
}

// CheckColors says what is wrong with a [colors] table, one line a
// mistake.
func CheckColors(colors map[string]string) []string {
	var out []string
	for name, value := range colors {
		switch {
		case !slices.Contains(colorNames, name):
			out = append(out, fmt.Sprintf("[colors]: no colour named %q (there are %s)", name, strings.Join(colorNames, ", ")))
		case !isColor(value):
			out = append(out, fmt.Sprintf("[colors]: %s = %q is not a colour: use \"#rrggbb\" or a terminal colour number (0-255)", name, value))
		}
	}
	sort.Strings(out)
	return out
}

// userColor is the colour the settings give name, or def.
func userColor(colors map[string]string, name string, def color.Color) color.Color {
	if v, ok := colors[name]; ok && isColor(v) {
		return lipgloss.Color(v)
	}
	return def
}

// maxThemeSize bounds a style file: glamour's own are a few KiB.
const maxThemeSize = 1 << 20

// loadTheme reads a glamour style file as a dump is read (loader.
// ReadRegular: a named pipe or /dev/zero is refused at once) and checks
// that glamour takes it, so that a bad file costs one warning, not every
// story's rendering.
func loadTheme(path string) ([]byte, error) {
	data, err := loader.ReadRegular(path, maxThemeSize)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said with the warning
		}
		return nil, err
	}
	if err := checkThemeJSON(data); err != nil {
		return nil, err
	}
	return data, nil
}

// maxStyleSpace bounds a style's margins and indents, in columns: glamour
// writes them out, so a margin of 4,000,000,000 would render for ever.
const maxStyleSpace = 40

// checkThemeJSON is glamour's verdict on a style file, and ours on the
// sizes it asks for.
func checkThemeJSON(data []byte) error {
	var cfg ansi.StyleConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return fmt.Errorf("not a glamour style: %v", err)
	}
	if err := checkSpaces(reflect.ValueOf(cfg), ""); err != nil {
		return err
	}
	if _, err := glamour.NewTermRenderer(glamour.WithStylesFromJSONBytes(data)); err != nil {
		return fmt.Errorf("not a glamour style: %v", err)
	}
	return nil
}

// checkSpaces finds a margin, indent or other count of columns in a style
// over maxStyleSpace, naming it by its JSON path.
func checkSpaces(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			return checkSpaces(v.Elem(), path)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Uint() > maxStyleSpace {
			return fmt.Errorf("%s is %d: a style's margins and indents are at most %d columns", path, v.Uint(), maxStyleSpace)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || !f.IsExported() {
				name = f.Name
			}
			if f.Anonymous {
				name = "" // embedded: its fields are the parent's in JSON
			}
			sub := path
			if name != "" {
				sub = strings.TrimPrefix(path+"."+name, ".")
			}
			if err := checkSpaces(v.Field(i), sub); err != nil {
				return err
			}
		}
	}
	return nil
}
