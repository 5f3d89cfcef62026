package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap holds every binding, grouped by where it acts. Every key the
// reader answers to is matched through it, and the help screen, the status
// bar's short help and the hints on screen are built from it, so a binding
// and what the screen says about it never disagree.
type KeyMap struct {
	Global  GlobalKeys
	List    ListKeys
	Reader  ReaderKeys
	Filter  FilterKeys
	Overlay OverlayKeys
}

// GlobalKeys work in the list and the reading pane alike, on the story each
// has in hand.
type GlobalKeys struct {
	ToggleRead, ToggleStar, NextUnread, PrevUnread, Undo key.Binding
	CycleView, Filter, FullScreen                        key.Binding
	Warnings, Help, Quit, ForceQuit                      key.Binding
}

// ListKeys move through the story list.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom  key.Binding
	Open, ToReader, MarkAllRead, ClearFilter key.Binding
}

// ReaderKeys scroll the open story and navigate its related stories and
// the history of stories opened.
type ReaderKeys struct {
	ScrollUp, ScrollDown, PageUp, PageDown, Top, Bottom key.Binding
	NextRelated, PrevRelated, PickRelated, OpenRelated  key.Binding
	Back, Forward, Close                                key.Binding
}

// FilterKeys act while the filter line has the keyboard; every other key
// is typed into it.
type FilterKeys struct {
	Apply, Cancel, Down, Up key.Binding
}

// OverlayKeys scroll the warnings list; any other key closes it.
type OverlayKeys struct {
	Up, Down, PageUp, PageDown key.Binding
}

// DefaultKeyMap is tidings' bindings: vi-style and arrow keys both work.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Global: GlobalKeys{
			ToggleRead: b("m", "toggle read", "m"),
			ToggleStar: b("s", "toggle star", "s"),
			NextUnread: b("n", "next unread", "n"),
			PrevUnread: b("N", "previous unread", "N"),
			Undo:       b("u", "undo", "u"),
			CycleView:  b("v", "all/unread/starred", "v"),
			Filter:     b("/", "filter", "/"),
			FullScreen: b("z", "full-screen story", "z"),
			Warnings:   b("w", "load warnings", "w"),
			Help:       b("?", "help", "?"),
			Quit:       b("q", "quit", "q"),
			ForceQuit:  b("ctrl+c", "quit", "ctrl+c"),
		},
		List: ListKeys{
			Up:          b("↑/k", "up", "up", "k"),
			Down:        b("↓/j", "down", "down", "j"),
			PageUp:      b("pgup", "page up", "pgup", "ctrl+b"),
			PageDown:    b("pgdn", "page down", "pgdown", "ctrl+f"),
			Top:         b("g/home", "first story", "home", "g"),
			Bottom:      b("G/end", "last story", "end", "G"),
			Open:        b("enter/space", "open story", "enter", "space"),
			ToReader:    b("tab", "to reading pane", "tab"),
			MarkAllRead: b("A", "mark day/filter read", "A"),
			ClearFilter: b("esc", "clear filter", "esc"),
		},
		Reader: ReaderKeys{
			ScrollUp:    b("↑/k", "scroll up", "up", "k"),
			ScrollDown:  b("↓/j", "scroll down", "down", "j"),
			PageUp:      b("pgup/b", "page up", "pgup", "b", "ctrl+b"),
			PageDown:    b("pgdn/space", "page down", "pgdown", "space", "ctrl+f"),
			Top:         b("g/home", "top", "home", "g"),
			Bottom:      b("G/end", "bottom", "end", "G"),
			NextRelated: b("tab", "next related", "tab"),
			PrevRelated: b("shift+tab", "previous related", "shift+tab"),
			PickRelated: b("1-9", "pick related", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
			OpenRelated: b("enter", "open related", "enter"),
			Back:        b("⌫/[", "back", "backspace", "["),
			Forward:     b("]", "forward", "]"),
			Close:       b("esc", "back to list", "esc"),
		},
		Filter: FilterKeys{
			Apply:  b("enter", "keep filter", "enter"),
			Cancel: b("esc", "clear filter", "esc"),
			Down:   b("↓", "to the list", "down"),
			Up:     b("↑", "to the list", "up"),
		},
		Overlay: OverlayKeys{
			Up:       b("↑/k", "up", "up", "k"),
			Down:     b("↓/j", "down", "down", "j"),
			PageUp:   b("pgup", "page up", "pgup", "ctrl+b"),
			PageDown: b("pgdn/space", "page down", "pgdown", "space", "ctrl+f"),
		},
	}
}

// namedBinding is a binding with its stable name: the snake_case action
// name that a config file uses to rebind it.
type namedBinding struct {
	name    string
	binding *key.Binding
}

// groups lists every binding by group, for rebinding and for checking that
// no key means two things in one place.
func (k *KeyMap) groups() map[string][]namedBinding {
	g, l, r, f, o := &k.Global, &k.List, &k.Reader, &k.Filter, &k.Overlay
	return map[string][]namedBinding{
		"global": {
			{"toggle_read", &g.ToggleRead}, {"toggle_star", &g.ToggleStar},
			{"next_unread", &g.NextUnread}, {"prev_unread", &g.PrevUnread}, {"undo", &g.Undo},
			{"cycle_view", &g.CycleView}, {"filter", &g.Filter}, {"full_screen", &g.FullScreen},
			{"warnings", &g.Warnings}, {"help", &g.Help}, {"quit", &g.Quit}, {"force_quit", &g.ForceQuit},
		},
		"list": {
			{"up", &l.Up}, {"down", &l.Down}, {"page_up", &l.PageUp}, {"page_down", &l.PageDown},
			{"top", &l.Top}, {"bottom", &l.Bottom}, {"open", &l.Open}, {"to_reader", &l.ToReader},
			{"mark_all_read", &l.MarkAllRead}, {"clear_filter", &l.ClearFilter},
		},
		"reader": {
			{"scroll_up", &r.ScrollUp}, {"scroll_down", &r.ScrollDown},
			{"scroll_page_up", &r.PageUp}, {"scroll_page_down", &r.PageDown},
			{"scroll_top", &r.Top}, {"scroll_bottom", &r.Bottom},
			{"next_related", &r.NextRelated}, {"prev_related", &r.PrevRelated},
			{"pick_related", &r.PickRelated}, {"open_related", &r.OpenRelated},
			{"back", &r.Back}, {"forward", &r.Forward}, {"close_story", &r.Close},
		},
		"filter": {
			{"filter_apply", &f.Apply}, {"filter_cancel", &f.Cancel},
			{"filter_down", &f.Down}, {"filter_up", &f.Up},
		},
		"overlay": {
			{"overlay_up", &o.Up}, {"overlay_down", &o.Down},
			{"overlay_page_up", &o.PageUp}, {"overlay_page_down", &o.PageDown},
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
// a pane's keys together with the global ones, or within the filter line
// or the warnings list together with the key that always quits.
func (k *KeyMap) conflicts() error {
	groups := k.groups()
	quit := []namedBinding{{"force_quit", &k.Global.ForceQuit}}
	scopes := [][]namedBinding{
		append(slices.Clone(groups["list"]), groups["global"]...),
		append(slices.Clone(groups["reader"]), groups["global"]...),
		append(slices.Clone(groups["filter"]), quit...),
		append(slices.Clone(groups["overlay"]), quit...),
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

// matchIndex reports which of a binding's keys was pressed, -1 for none: the
// digits of PickRelated pick the story at their position, so that the
// digits can be rebound like any key.
func matchIndex(msg tea.KeyPressMsg, b key.Binding) int {
	if !b.Enabled() {
		return -1
	}
	pressed := msg.String()
	for i, k := range b.Keys() {
		if k == pressed {
			return i
		}
	}
	return -1
}

// firstKey is how a hint on screen names a binding: its first key.
func firstKey(b key.Binding) string {
	if keys := b.Keys(); len(keys) > 0 {
		return keys[0]
	}
	return b.Help().Key
}

// Each group is a help.KeyMap; a pane's help is its own group followed by
// the global keys.

func (k GlobalKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.NextUnread, k.ToggleRead, k.ToggleStar, k.Undo, k.Filter}
}

func (k GlobalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.ToggleRead, k.ToggleStar, k.NextUnread, k.PrevUnread, k.Undo},
		{k.CycleView, k.Filter, k.FullScreen, k.Warnings, k.Help, k.Quit},
	}
}

func (k ListKeys) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.MarkAllRead} }

func (k ListKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.ToReader, k.MarkAllRead, k.ClearFilter},
	}
}

func (k ReaderKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.PageDown, k.NextRelated, k.Back, k.Close}
}

func (k ReaderKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.ScrollUp, k.ScrollDown, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.NextRelated, k.PrevRelated, k.PickRelated, k.OpenRelated, k.Back, k.Forward, k.Close},
	}
}

func (k FilterKeys) ShortHelp() []key.Binding { return []key.Binding{k.Apply, k.Cancel} }

func (k FilterKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func (k OverlayKeys) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.PageDown} }

func (k OverlayKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}}
}

// paneHelp is the help of the pane in focus: its own keys first, then the
// global ones.
type paneHelp struct {
	own    help.KeyMap
	global GlobalKeys
}

func (h paneHelp) ShortHelp() []key.Binding {
	return append(h.own.ShortHelp(), h.global.ShortHelp()...)
}

func (h paneHelp) FullHelp() [][]key.Binding {
	return append(h.own.FullHelp(), h.global.FullHelp()...)
}
