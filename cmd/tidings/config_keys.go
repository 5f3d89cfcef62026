package main

import (
	"fmt"
	"slices"

	"tidings/ui"
)

// keyBindings reads the [keys] table: the actions it names rightly, and a
// problem for each other line. Each action stands alone (ui.KeyMap.Rebind):
// one refused keeps its default keys and the others apply, so the settings
// printed by `tidings config` are the reader's.
func keyBindings(table map[string]any, lines map[string]int) (map[string][]string, []configProblem) {
	var problems []configProblem
	keys := map[string][]string{}
	for action, value := range table {
		line := lines["keys\x00"+action]
		if _, known := slices.BinarySearch(ui.ActionNames(), action); !known {
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
	km := ui.DefaultKeyMap()
	for _, p := range km.Rebind(keys).Refused {
		problems = append(problems, configProblem{lines["keys\x00"+p.Action], "[keys] " + p.Text})
		delete(keys, p.Action)
	}
	if len(keys) == 0 {
		return nil, problems
	}
	return keys, problems
}

// keyNotes says which default actions the bindings took keys from, for
// `tidings config`: "J no longer does next_day".
func keyNotes(keys map[string][]string) []string {
	km := ui.DefaultKeyMap()
	return km.Rebind(keys).Taken
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

// nearestAction finds the action a mistyped name meant, from the list of
// names the ui makes once.
func nearestAction(name string) (string, bool) {
	return nearest(name, ui.ActionNames())
}
