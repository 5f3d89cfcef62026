package main

import (
	"reflect"
	"slices"
	"testing"

	"tidings/model"
)

func TestTriageSettings(t *testing.T) {
	for text, want := range map[string]string{
		"start_at = 'first_unread'":                   "",
		"start_at = 'Top'":                            "",
		"start_at = 'bottom'":                         `start_at must be "last" (where you left), "first_unread" or "top"`,
		"start_at = 1":                                `start_at must be "last" (where you left), "first_unread" or "top"`,
		"sort = 'published'":                          "",
		"sort = 'date'":                               `sort must be "saved" (by day, the default), "published" or "source"`,
		"[searches]\nbrief = 'label:brief is:unread'": "",
		"searches = 'brief'":                          `searches must be a table: [searches], then lines like brief = "label:brief is:unread"`,
		"searches = { brief = 3 }":                    `[searches] brief must be a query in quotes, like "label:brief is:unread"`,
		"searches = { 'two words' = 'x' }":            `[searches] "two words": a search's name is a word of letters, digits, - and _`,
		"searches = { Brief = 'x' }":                  `[searches] "Brief": a search's name is a word of letters, digits, - and _`,
		"searches = { week = 'day:fortnight' }":       "[searches] week: cannot read day:fortnight (use day:2025-06-24, day:today, day:-7..)",
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
	cfg, _ := loadConfig(writeConfig(t, "start_at = 'top'\nsort = 'source'\n[searches]\nbrief = 'label:brief'\nunread = 'is:unread -sport'\n"))
	if cfg.StartAt != "top" || cfg.Sort != model.BySource || !reflect.DeepEqual(cfg.Searches, map[string]string{"brief": "label:brief", "unread": "is:unread -sport"}) {
		t.Fatalf("config %+v", cfg)
	}
	// A search of the table replaces the built-in one of its name; --search
	// resolves both, and says which names there are otherwise.
	for name, want := range map[string]string{"unread": "is:unread -sport", "today": "day:today", "brief": "label:brief"} {
		if got, err := searchQuery(cfg, name); err != nil || got != want {
			t.Errorf("--search %s: %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := searchQuery(cfg, "breif"); err == nil || err.Error() != `no saved search named "breif" (there are unread, starred, today, brief; did you mean brief?)` {
		t.Errorf("a mistyped name: %v", err)
	}
}
