package ui

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// modifierOrder is the order Bubble Tea writes modifiers in a key's name
// ("ctrl+alt+shift+x"); a name with them in another order never matches.
var modifierOrder = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// namedKeys are the names Bubble Tea gives keys that are not characters
// (enter, pgdown, f5, …), asked of Bubble Tea itself: its special keys
// are numbered just past the last Unicode character.
var namedKeys = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{"space": true}
	for code := rune(unicode.MaxRune + 1); code < unicode.MaxRune+1000; code++ {
		name := tea.Key{Code: code}.Keystroke()
		if name != "" && !strings.ContainsRune(name, utf8.RuneError) {
			names[name] = true
		}
	}
	for _, code := range []rune{tea.KeyEnter, tea.KeyTab, tea.KeyBackspace, tea.KeyEscape} {
		names[tea.Key{Code: code}.Keystroke()] = true
	}
	return names
})

// badKeyName says what is wrong with the first of keys that Bubble Tea
// never reports, or "": a key is a single character ("x", "J", "?") or one
// of Bubble Tea's named keys ("enter", "pgdown", "f5"), either after
// modifiers in Bubble Tea's order ("ctrl+x", "alt+enter", "ctrl+shift+up").
func badKeyName(keys []string) string {
	for _, k := range keys {
		if why := checkKeyName(k); why != "" {
			return fmt.Sprintf("%q is not a key: %s", k, why)
		}
	}
	return ""
}

func checkKeyName(k string) string {
	if k == " " {
		return `the space bar is "space"`
	}
	if isCharacterKey(k) {
		return ""
	}
	parts := strings.Split(k, "+")
	base := parts[len(parts)-1]
	mods := parts[:len(parts)-1]
	if strings.HasSuffix(k, "++") { // "ctrl++": the plus key
		base, mods = "+", parts[:len(parts)-2]
	}
	next := 0
	for _, m := range mods {
		at := -1
		for i, name := range modifierOrder {
			if name == m {
				at = i
			}
		}
		switch {
		case at < 0:
			return fmt.Sprintf("%q is not a modifier (%s)", m, strings.Join(modifierOrder, ", "))
		case at < next:
			return fmt.Sprintf("modifiers come in the order %s", strings.Join(modifierOrder, "+"))
		}
		next = at + 1
	}
	switch {
	case namedKeys()[base]:
		return ""
	case isCharacterKey(base) && len(mods) > 0:
		return ""
	case len(mods) > 0:
		return fmt.Sprintf("%q is neither a character nor a named key (enter, esc, tab, space, up, pgdown, home, f1, …)", base)
	}
	return "a key is one character or a named key (enter, esc, tab, space, up, pgdown, home, f1, …), with modifiers like ctrl+x"
}

// isCharacterKey is a single printable character, which Bubble Tea reports
// as itself.
func isCharacterKey(k string) bool {
	r, size := utf8.DecodeRuneInString(k)
	return size == len(k) && size > 0 && r != utf8.RuneError && unicode.IsPrint(r) && r != ' '
}
