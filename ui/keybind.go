package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
)

// namedBinding is a binding with its stable name: the snake_case action
// name that a config file uses to rebind it.
type namedBinding struct {
	name    string
	binding *key.Binding
}

// groups lists every binding by group, for rebinding and for checking that
// no key means two things in one place.
func (k *KeyMap) groups() map[string][]namedBinding {
	g, l, r, f, fi, o, out := &k.Global, &k.List, &k.Reader, &k.Filter, &k.Find, &k.Overlay, &k.Out
	return map[string][]namedBinding{
		"global": {
			{"toggle_read", &g.ToggleRead}, {"toggle_star", &g.ToggleStar},
			{"next_unread", &g.NextUnread}, {"prev_unread", &g.PrevUnread}, {"undo", &g.Undo},
			{"cycle_view", &g.CycleView}, {"full_screen", &g.FullScreen}, {"redraw", &g.Redraw}, {"rescan", &g.Rescan},
			{"warnings", &g.Warnings}, {"help", &g.Help}, {"back_or_quit", &g.Back},
			{"quit", &g.QuitNow}, {"force_quit", &g.ForceQuit},
			{"label", &g.Label}, {"saved_searches", &g.SavedSearches}, {"cycle_sort", &g.CycleSort},
		},
		"list": {
			{"up", &l.Up}, {"down", &l.Down}, {"page_up", &l.PageUp}, {"page_down", &l.PageDown},
			{"half_page_up", &l.HalfPageUp}, {"half_page_down", &l.HalfPageDown},
			{"top", &l.Top}, {"bottom", &l.Bottom}, {"next_day", &l.NextDay}, {"prev_day", &l.PrevDay},
			{"open", &l.Open}, {"to_reader", &l.ToReader}, {"mark_all_read", &l.MarkAllRead},
			{"filter", &l.Filter}, {"clear_filter", &l.ClearFilter},
			{"label_all", &l.LabelAll},
		},
		"reader": {
			{"scroll_up", &r.ScrollUp}, {"scroll_down", &r.ScrollDown},
			{"scroll_page_up", &r.PageUp}, {"scroll_page_down", &r.PageDown},
			{"scroll_half_page_up", &r.HalfPageUp}, {"scroll_half_page_down", &r.HalfPageDown},
			{"scroll_top", &r.Top}, {"scroll_bottom", &r.Bottom}, {"read_on", &r.ReadOn},
			{"next_related", &r.NextRelated}, {"prev_related", &r.PrevRelated},
			{"pick_related", &r.PickRelated}, {"open_related", &r.OpenRelated}, {"also_covered", &r.AlsoCovered},
			{"back", &r.Back}, {"forward", &r.Forward}, {"close_story", &r.Close}, {"find", &r.Find},
			{"open_link", &r.OpenLink}, {"site_lines", &r.SiteLines},
		},
		"filter": {
			{"filter_apply", &f.Apply}, {"filter_cancel", &f.Cancel},
			{"filter_down", &f.Down}, {"filter_up", &f.Up},
		},
		"find": {
			{"find_next", &fi.NextMatch}, {"find_prev", &fi.PrevMatch}, {"find_clear", &fi.ClearFind},
		},
		"out": {
			{"pipe_story", &out.Pipe}, {"copy_citation", &out.CopyCitation}, {"copy_text", &out.CopyText},
			{"save_story", &out.Save}, {"open_dump", &out.OpenDump},
		},
		"overlay": {
			{"overlay_up", &o.Up}, {"overlay_down", &o.Down},
			{"overlay_page_up", &o.PageUp}, {"overlay_page_down", &o.PageDown},
			{"overlay_top", &o.Top}, {"overlay_bottom", &o.Bottom},
			{"overlay_choose", &o.Choose}, {"overlay_find", &o.Find},
		},
	}
}

// ActionNames are the names a [keys] table may rebind, sorted: made once,
// for suggesting the name a typo meant.
var ActionNames = sync.OnceValue(func() []string {
	k := DefaultKeyMap()
	var names []string
	for _, g := range k.groups() {
		for _, nb := range g {
			names = append(names, nb.name)
		}
	}
	slices.Sort(names)
	return names
})

// KeyProblem is an action of a [keys] table that was refused: it keeps its
// default keys.
type KeyProblem struct {
	Action, Text string
}

// Rebinding is what Rebind made of a [keys] table.
type Rebinding struct {
	Refused []KeyProblem // by action name
	// Taken says which keys the user's bindings took from the default
	// actions that had them: "J no longer does next_day".
	Taken []string
}

// Rebind applies a config's [keys] table: action name to the keys that
// trigger it. Each action stands alone: one that is unknown, has no key, or
// names a key Bubble Tea never reports is refused and keeps its default
// keys, and the others apply. A key the user binds is taken from whichever
// default action had it where both act (Taken says so); two of the user's
// own bindings sharing a key where both act are both refused, naming each
// other. If the keys taken would leave neither quit nor force_quit with a
// key, the bindings that took them are refused instead.
func (k *KeyMap) Rebind(keys map[string][]string) Rebinding {
	var res Rebinding
	refuse := func(action, text string) {
		res.Refused = append(res.Refused, KeyProblem{action, text})
	}
	accepted := map[string][]string{}
	known := k.groups()
	for _, name := range slices.Sorted(maps.Keys(keys)) {
		ks := keys[name]
		switch {
		case findBinding(known, name) == nil:
			refuse(name, fmt.Sprintf("no action named %q", name))
		case len(ks) == 0:
			refuse(name, fmt.Sprintf("%s has no key", name))
		case badKeyName(ks) != "":
			refuse(name, fmt.Sprintf("%s: %s (keeping its default keys)", name, badKeyName(ks)))
		default:
			accepted[name] = ks
		}
	}
	// Two of the user's bindings on one key where both act: neither can be
	// meant more than the other.
	clashing := map[string]string{}
	for _, scope := range scopes(known) {
		owner := map[string]string{}
		for _, nb := range scope {
			for _, key := range accepted[nb.name] {
				if other, ok := owner[key]; ok && other != nb.name {
					clashing[other] = fmt.Sprintf("%q is bound to both %s and %s (both keep their default keys)", key, other, nb.name)
					clashing[nb.name] = clashing[other]
				}
				owner[key] = nb.name
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(clashing)) {
		refuse(name, clashing[name])
		delete(accepted, name)
	}
	for {
		rebound, taken, quitless := k.rebound(accepted)
		if len(quitless) == 0 {
			*k, res.Taken = rebound, taken
			break
		}
		for _, name := range quitless {
			refuse(name, fmt.Sprintf("%s would leave neither quit nor force_quit with a key: they keep theirs (%s, %s), and %s its own",
				name, strings.Join(k.Global.QuitNow.Keys(), "/"), strings.Join(k.Global.ForceQuit.Keys(), "/"), name))
			delete(accepted, name)
		}
	}
	slices.SortStableFunc(res.Refused, func(a, b KeyProblem) int { return strings.Compare(a.Action, b.Action) })
	return res
}

// rebound is k with the accepted bindings, their keys taken from the
// other actions where both act. quitless names the bindings that took the
// keys of quit and force_quit when neither would keep one.
func (k KeyMap) rebound(accepted map[string][]string) (rebound KeyMap, taken, quitless []string) {
	rebound = k
	groups := rebound.groups()
	for name, ks := range accepted {
		b := findBinding(groups, name)
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	takers := map[string][]string{} // action whose key was taken: the takers
	for _, scope := range scopes(groups) {
		for _, nb := range scope {
			if _, mine := accepted[nb.name]; mine {
				continue
			}
			kept := slices.DeleteFunc(slices.Clone(nb.binding.Keys()), func(key string) bool {
				for _, user := range scope {
					if slices.Contains(accepted[user.name], key) {
						taken = append(taken, fmt.Sprintf("%s no longer does %s", key, nb.name))
						takers[nb.name] = append(takers[nb.name], user.name)
						return true
					}
				}
				return false
			})
			switch {
			case len(kept) == len(nb.binding.Keys()):
			case len(kept) == 0:
				// Disabled, the help screen leaves it out rather than
				// list it with no key.
				nb.binding.SetKeys()
				nb.binding.SetEnabled(false)
				taken[len(taken)-1] += ", which has no key now"
			default:
				nb.binding.SetKeys(kept...)
				nb.binding.SetHelp(strings.Join(kept, "/"), nb.binding.Help().Desc)
			}
		}
	}
	if len(rebound.Global.QuitNow.Keys()) == 0 && len(rebound.Global.ForceQuit.Keys()) == 0 {
		quitless = slices.Concat(takers["quit"], takers["force_quit"])
		slices.Sort(quitless)
		return k, nil, slices.Compact(quitless)
	}
	slices.Sort(taken)
	return rebound, slices.Compact(taken), nil
}

func findBinding(groups map[string][]namedBinding, name string) *key.Binding {
	for _, g := range groups {
		for _, nb := range g {
			if nb.name == name {
				return nb.binding
			}
		}
	}
	return nil
}

// scopes are the sets of bindings that act together, where a key must mean
// one thing: a pane's keys with the global ones. The search keys of the
// reading pane are asked first while a search is on, so they may reuse
// other keys (n, N, esc); the filter line and the warnings list take every
// key but the ones that always quit.
func scopes(groups map[string][]namedBinding) [][]namedBinding {
	var forceQuit, quit []namedBinding
	for _, nb := range groups["global"] {
		switch nb.name {
		case "force_quit":
			forceQuit = append(forceQuit, nb)
		case "quit":
			quit = append(quit, nb)
		}
	}
	return [][]namedBinding{
		slices.Concat(groups["list"], groups["out"], groups["global"]),
		slices.Concat(groups["reader"], groups["out"], groups["global"]),
		groups["find"],
		slices.Concat(groups["filter"], forceQuit),
		slices.Concat(groups["overlay"], quit, forceQuit),
	}
}

// conflicts finds a key bound to two actions where both would act.
func (k *KeyMap) conflicts() error {
	for _, scope := range scopes(k.groups()) {
		owner := map[string]string{}
		for _, nb := range scope {
			for _, key := range nb.binding.Keys() {
				if other, ok := owner[key]; ok && other != nb.name {
					return fmt.Errorf("%q is bound to both %s and %s", key, other, nb.name)
				}
				owner[key] = nb.name
			}
		}
	}
	return nil
}
