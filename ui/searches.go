package ui

import (
	"maps"
	"slices"
)

// Search is a saved search: a name and the filter query it stands for.
type Search struct {
	Name, Query string
	BuiltIn     bool
}

// builtInSearches are there without a [searches] table; one of the same
// name in the table replaces it.
var builtInSearches = []Search{
	{Name: "unread", Query: "is:unread", BuiltIn: true},
	{Name: "starred", Query: "is:starred", BuiltIn: true},
	{Name: "today", Query: "day:today", BuiltIn: true},
}

// Searches are the saved searches of a config: the built-in ones first, in
// their order, then the user's by name.
func Searches(cfg Config) []Search {
	var out []Search
	for _, s := range builtInSearches {
		if q, ok := cfg.Searches[s.Name]; ok {
			s = Search{Name: s.Name, Query: q}
		}
		out = append(out, s)
	}
	for _, name := range slices.Sorted(maps.Keys(cfg.Searches)) {
		if !slices.ContainsFunc(builtInSearches, func(s Search) bool { return s.Name == name }) {
			out = append(out, Search{Name: name, Query: cfg.Searches[name]})
		}
	}
	return out
}

// SearchQuery is the query a saved search's name stands for, for the
// commands that take --search; ok is false for a name that is none.
func SearchQuery(cfg Config, name string) (query string, ok bool) {
	for _, s := range Searches(cfg) {
		if s.Name == name {
			return s.Query, true
		}
	}
	return "", false
}

// SearchNames are the saved searches' names, for messages and completion.
func SearchNames(cfg Config) []string {
	var names []string
	for _, s := range Searches(cfg) {
		names = append(names, s.Name)
	}
	return names
}
