package main

import (
	"fmt"
	"strings"
	"time"

	"tidings/index"
	"tidings/model"
	"tidings/state"
	"tidings/ui"
)

// applyTriageSetting reads the settings of where the reader opens, the
// list's order and the saved searches; known is false for another name.
func applyTriageSetting(cfg *ui.Config, name string, value any, lines map[string]int) (problems []configProblem, known bool) {
	bad := func(line int, text string) { problems = append(problems, configProblem{line, text}) }
	switch name {
	case "start_at":
		s, _ := value.(string)
		switch strings.ToLower(s) {
		case ui.StartLast, ui.StartFirstUnread, ui.StartTop:
			cfg.StartAt = strings.ToLower(s)
		default:
			bad(lines[name], `start_at must be "last" (where you left), "first_unread" or "top"`)
		}
	case "sort":
		s, _ := value.(string)
		if o, ok := model.ParseOrder(s); ok {
			cfg.Sort = o
		} else {
			bad(lines[name], `sort must be "saved" (by day, the default), "published" or "source"`)
		}
	case "searches":
		table, ok := value.(map[string]any)
		if !ok {
			bad(lines[name], `searches must be a table: [searches], then lines like brief = "label:brief is:unread"`)
			break
		}
		cfg.Searches = map[string]string{}
		for search, v := range table {
			line := lines["searches\x00"+search]
			query, isString := v.(string)
			switch {
			case !validSearchName(search):
				bad(line, fmt.Sprintf("[searches] %q: a search's name is a word of letters, digits, - and _", search))
			case !isString || strings.TrimSpace(query) == "":
				bad(line, fmt.Sprintf(`[searches] %s must be a query in quotes, like "label:brief is:unread"`, search))
			default:
				if parsed := index.ParseQuery(query, time.Now()); len(parsed.Problems) > 0 {
					bad(line, fmt.Sprintf("[searches] %s: cannot read %s", search, strings.Join(parsed.Problems, ", ")))
					continue
				}
				cfg.Searches[search] = query
			}
		}
		if len(cfg.Searches) == 0 {
			cfg.Searches = nil
		}
	default:
		return nil, false
	}
	return problems, true
}

// validSearchName takes what a label takes, so that a name can be typed
// after --search and shown in the list of searches as it is.
func validSearchName(name string) bool {
	folded, ok := state.ParseLabel(name)
	return ok && folded == name
}

// searchQuery resolves --search NAME against the settings' saved searches,
// for list (and export, which takes the same flag).
func searchQuery(cfg ui.Config, name string) (string, error) {
	if q, ok := ui.SearchQuery(cfg, name); ok {
		return q, nil
	}
	text := fmt.Sprintf("no saved search named %q (there are %s", name, strings.Join(ui.SearchNames(cfg), ", "))
	if meant, ok := nearest(name, ui.SearchNames(cfg)); ok {
		return "", fmt.Errorf("%s; did you mean %s?)", text, meant)
	}
	return "", fmt.Errorf("%s; add one under [searches] in config.toml)", text)
}
