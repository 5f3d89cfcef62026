package ui

import (
	"fmt"
	"slices"
	"strings"

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
	g, l, r, f, fi, o := &k.Global, &k.List, &k.Reader, &k.Filter, &k.Find, &k.Overlay
	return map[string][]namedBinding{
		"global": {
			{"toggle_read", &g.ToggleRead}, {"toggle_star", &g.ToggleStar},
			{"next_unread", &g.NextUnread}, {"prev_unread", &g.PrevUnread}, {"undo", &g.Undo},
			{"cycle_view", &g.CycleView}, {"full_screen", &g.FullScreen}, {"redraw", &g.Redraw}, {"rescan", &g.Rescan},
			{"warnings", &g.Warnings}, {"help", &g.Help}, {"back_or_quit", &g.Back},
			{"quit", &g.QuitNow}, {"force_quit", &g.ForceQuit},
		},
		"list": {
			{"up", &l.Up}, {"down", &l.Down}, {"page_up", &l.PageUp}, {"page_down", &l.PageDown},
			{"half_page_up", &l.HalfPageUp}, {"half_page_down", &l.HalfPageDown},
			{"top", &l.Top}, {"bottom", &l.Bottom}, {"next_day", &l.NextDay}, {"prev_day", &l.PrevDay},
			{"open", &l.Open}, {"to_reader", &l.ToReader}, {"mark_all_read", &l.MarkAllRead},
			{"filter", &l.Filter}, {"clear_filter", &l.ClearFilter},
		},
		"reader": {
			{"scroll_up", &r.ScrollUp}, {"scroll_down", &r.ScrollDown},
			{"scroll_page_up", &r.PageUp}, {"scroll_page_down", &r.PageDown},
			{"scroll_half_page_up", &r.HalfPageUp}, {"scroll_half_page_down", &r.HalfPageDown},
			{"scroll_top", &r.Top}, {"scroll_bottom", &r.Bottom}, {"read_on", &r.ReadOn},
			{"next_related", &r.NextRelated}, {"prev_related", &r.PrevRelated},
			{"pick_related", &r.PickRelated}, {"open_related", &r.OpenRelated}, {"also_covered", &r.AlsoCovered},
			{"back", &r.Back}, {"forward", &r.Forward}, {"close_story", &r.Close}, {"find", &r.Find},
			{"open_link", &r.OpenLink},
		},
		"filter": {
			{"filter_apply", &f.Apply}, {"filter_cancel", &f.Cancel},
			{"filter_down", &f.Down}, {"filter_up", &f.Up},
		},
		"find": {
			{"find_next", &fi.NextMatch}, {"find_prev", &fi.PrevMatch}, {"find_clear", &fi.ClearFind},
		},
		"overlay": {
			{"overlay_up", &o.Up}, {"overlay_down", &o.Down},
			{"overlay_page_up", &o.PageUp}, {"overlay_page_down", &o.PageDown},
			{"overlay_top", &o.Top}, {"overlay_bottom", &o.Bottom},
		},
	}
}

// Rebind applies a config's [keys] table: action name to the keys that
// trigger it. An unknown action, or a key that would mean two actions in
// one place, is an error that names them; the defaults then stay.
func (k *KeyMap) Rebind(keys map[string][]string) error {
	if len(keys) == 0 {
		return nil
	}
	rebound := *k
	groups := rebound.groups()
	for name, ks := range keys {
		b := findBinding(groups, name)
		if b == nil {
			return fmt.Errorf("[keys]: no action named %q", name)
		}
		if len(ks) == 0 {
			return fmt.Errorf("[keys]: %s has no key", name)
		}
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	if err := rebound.conflicts(); err != nil {
		return err
	}
	*k = rebound
	return nil
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

// conflicts finds a key bound to two actions where both would act: within
// a pane's keys together with the global ones. The search keys of the
// reading pane are asked first while a search is on, so they may reuse
// other keys (n, N, esc); the filter line and the warnings list take every
// key but the ones that always quit.
func (k *KeyMap) conflicts() error {
	groups := k.groups()
	forceQuit := []namedBinding{{"force_quit", &k.Global.ForceQuit}}
	quit := append(forceQuit, namedBinding{"quit", &k.Global.QuitNow})
	scopes := [][]namedBinding{
		slices.Concat(groups["list"], groups["global"]),
		slices.Concat(groups["reader"], groups["global"]),
		groups["find"],
		slices.Concat(groups["filter"], forceQuit),
		slices.Concat(groups["overlay"], quit),
	}
	for _, scope := range scopes {
		owner := map[string]string{}
		for _, nb := range scope {
			for _, key := range nb.binding.Keys() {
				if other, ok := owner[key]; ok && other != nb.name {
					return fmt.Errorf("[keys]: %q is bound to both %s and %s", key, other, nb.name)
				}
				owner[key] = nb.name
			}
		}
	}
	return nil
}
