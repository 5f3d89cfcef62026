package ui

import (
	"slices"

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
	Find    FindKeys
	Overlay OverlayKeys
	Out     OutKeys
}

// GlobalKeys work in the list and the reading pane alike, on the story each
// has in hand.
type GlobalKeys struct {
	ToggleRead, ToggleStar, NextUnread, PrevUnread, Undo  key.Binding
	CycleView, FullScreen, Redraw, Rescan, Warnings, Help key.Binding
	// Back goes back one level (an overlay, the reading pane) and quits
	// from the list; QuitNow quits from anywhere, ForceQuit even while
	// typing in the filter line.
	Back, QuitNow, ForceQuit key.Binding
	// Label toggles a label on the story in hand; SavedSearches lists the
	// saved searches; CycleSort changes the list's order.
	Label, SavedSearches, CycleSort key.Binding
}

// ListKeys move through the story list.
type ListKeys struct {
	Up, Down, PageUp, PageDown, HalfPageUp, HalfPageDown key.Binding
	Top, Bottom, NextDay, PrevDay                        key.Binding
	Open, ToReader, MarkAllRead, Filter, ClearFilter     key.Binding
	// LabelAll toggles a label on every story of the day or the filter.
	LabelAll key.Binding
}

// ReaderKeys scroll the open story and navigate its related stories and
// the history of stories opened.
type ReaderKeys struct {
	ScrollUp, ScrollDown, PageUp, PageDown, HalfPageUp, HalfPageDown key.Binding
	Top, Bottom, ReadOn                                              key.Binding
	NextRelated, PrevRelated, PickRelated, OpenRelated, AlsoCovered  key.Binding
	Back, Forward, Close, Find                                       key.Binding
	// OpenLink opens the story's URL, when its file gave one, in
	// $BROWSER; only ever on this key.
	OpenLink key.Binding
	// SiteLines shows the lines learned as the site's, or hides them
	// again (see model.SiteView).
	SiteLines key.Binding
}

// OutKeys get a story out of the reader, in the list (the story under the
// cursor) and the reading pane (the story open) alike.
type OutKeys struct {
	Pipe, CopyCitation, CopyText, Save, OpenDump key.Binding
}

// FilterKeys act while the filter line has the keyboard; every other key
// is typed into it. The find line in the reading pane uses them too.
type FilterKeys struct {
	Apply, Cancel, Down, Up key.Binding
}

// FindKeys act while a search inside the open story shows its matches.
type FindKeys struct {
	NextMatch, PrevMatch, ClearFind key.Binding
}

// OverlayKeys scroll the help, the warnings list and the saved searches;
// Find looks for a binding in the help, Choose applies the search under the
// cursor; any other key closes them.
type OverlayKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Find, Choose                            key.Binding
}

// DefaultKeyMap is tidings' bindings: vi-style and arrow keys both work,
// and the keys newsboat and mutt users reach for.
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
			FullScreen: b("z", "full-screen story", "z"),
			Redraw:     b("ctrl+l", "redraw", "ctrl+l"),
			Rescan:     b("r", "rescan the folders", "r"),
			Warnings:   b("w", "load warnings", "w"),
			Help:       b("?", "help", "?"),
			Back:       b("q", "back (quit from the list)", "q"),
			QuitNow:    b("Q", "quit", "Q"),
			ForceQuit:  b("ctrl+c", "quit, even in the filter", "ctrl+c"),

			Label:         b("l", "label the story (toggle)", "l"),
			SavedSearches: b("'", "saved searches", "'"),
			CycleSort:     b("S", "sort: day/published/source", "S"),
		},
		List: ListKeys{
			Up:           b("↑/k", "up", "up", "k"),
			Down:         b("↓/j", "down", "down", "j"),
			PageUp:       b("pgup", "page up", "pgup", "ctrl+b"),
			PageDown:     b("pgdn", "page down", "pgdown", "ctrl+f"),
			HalfPageUp:   b("ctrl+u", "half page up", "ctrl+u"),
			HalfPageDown: b("ctrl+d", "half page down", "ctrl+d"),
			Top:          b("g/home", "first story", "home", "g"),
			Bottom:       b("G/end", "last story", "end", "G"),
			NextDay:      b("J", "next day", "J"),
			PrevDay:      b("K", "previous day", "K"),
			Open:         b("enter/space", "open story", "enter", "space"),
			ToReader:     b("tab", "to reading pane", "tab"),
			MarkAllRead:  b("A", "mark day/filter read", "A"),
			Filter:       b("/", "filter", "/"),
			ClearFilter:  b("esc", "clear filter", "esc"),

			LabelAll: b("L", "label day/filter (toggle)", "L"),
		},
		Reader: ReaderKeys{
			ScrollUp:     b("↑/k", "scroll up", "up", "k"),
			ScrollDown:   b("↓/j", "scroll down", "down", "j"),
			PageUp:       b("pgup/b", "page up", "pgup", "b", "ctrl+b"),
			PageDown:     b("pgdn", "page down", "pgdown", "ctrl+f"),
			HalfPageUp:   b("ctrl+u", "half page up", "ctrl+u"),
			HalfPageDown: b("ctrl+d", "half page down", "ctrl+d"),
			Top:          b("g/home", "top", "home", "g"),
			Bottom:       b("G/end", "bottom", "end", "G"),
			ReadOn:       b("space", "page down; at the end, next unread", "space"),
			NextRelated:  b("tab", "next related", "tab"),
			PrevRelated:  b("shift+tab", "previous related", "shift+tab"),
			PickRelated:  b("1-9", "pick related", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
			OpenRelated:  b("enter", "open related", "enter"),
			AlsoCovered:  b("o", "open another outlet's version", "o"),
			Back:         b("⌫/[", "back in history", "backspace", "["),
			Forward:      b("]", "forward in history", "]"),
			Close:        b("esc", "back to list", "esc"),
			Find:         b("/", "find in story", "/"),
			OpenLink:     b("O", "open its link in $BROWSER", "O"),
			SiteLines:    b("H", "show/hide site lines", "H"),
		},
		Out: OutKeys{
			Pipe:         b("|", "pipe the story to a command", "|"),
			CopyCitation: b("y", "copy its citation", "y"),
			CopyText:     b("Y", "copy its text", "Y"),
			Save:         b("e", "save it as Markdown", "e"),
			OpenDump:     b("E", "open its dump in $PAGER", "E"),
		},
		Filter: FilterKeys{
			Apply:  b("enter", "keep it, to the list", "enter"),
			Cancel: b("esc", "clear it", "esc"),
			Down:   b("↓", "to the list", "down"),
			Up:     b("↑", "to the list", "up"),
		},
		Find: FindKeys{
			NextMatch: b("n", "next match", "n"),
			PrevMatch: b("N", "previous match", "N"),
			ClearFind: b("esc", "end the search", "esc"),
		},
		Overlay: OverlayKeys{
			Up:       b("↑/k", "up", "up", "k"),
			Down:     b("↓/j", "down", "down", "j"),
			PageUp:   b("pgup", "page up", "pgup", "ctrl+b"),
			PageDown: b("pgdn/space", "page down", "pgdown", "space", "ctrl+f"),
			Top:      b("g/home", "top", "home", "g"),
			Bottom:   b("G/end", "bottom", "end", "G"),
			Find:     b("/", "find in the help", "/"),
			Choose:   b("enter", "apply the search", "enter"),
		},
	}
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
	return []key.Binding{k.NextUnread, k.ToggleRead, k.ToggleStar, k.Undo}
}

func (k GlobalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.ToggleRead, k.ToggleStar, k.NextUnread, k.PrevUnread, k.Undo, k.CycleView, k.Label, k.CycleSort},
		{k.FullScreen, k.Warnings, k.SavedSearches, k.Help, k.Redraw, k.Rescan, k.Back, k.QuitNow, k.ForceQuit},
	}
}

func (k ListKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.MarkAllRead}
}

func (k ListKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown, k.Top, k.Bottom},
		{k.NextDay, k.PrevDay, k.Open, k.ToReader, k.MarkAllRead, k.LabelAll, k.Filter, k.ClearFilter},
	}
}

func (k ReaderKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.ReadOn, k.NextRelated, k.Back, k.Find, k.Close}
}

func (k ReaderKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.ScrollUp, k.ScrollDown, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown, k.Top, k.Bottom, k.ReadOn},
		{k.NextRelated, k.PrevRelated, k.PickRelated, k.OpenRelated, k.AlsoCovered, k.Back, k.Forward, k.Find, k.OpenLink, k.SiteLines, k.Close},
	}
}

func (k OutKeys) ShortHelp() []key.Binding { return nil }

func (k OutKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Pipe, k.CopyCitation, k.CopyText, k.Save, k.OpenDump}}
}

func (k FilterKeys) ShortHelp() []key.Binding { return []key.Binding{k.Apply, k.Cancel} }

func (k FilterKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Apply, k.Cancel, k.Down, k.Up}}
}

func (k FindKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.NextMatch, k.PrevMatch, k.ClearFind}
}

func (k FindKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func (k OverlayKeys) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.PageDown} }

func (k OverlayKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Find, k.Choose}}
}

// paneHelp is the help of the pane in focus: its own keys first, then the
// keys that get a story out, then the global ones.
type paneHelp struct {
	own    help.KeyMap
	out    OutKeys
	global GlobalKeys
}

func (h paneHelp) ShortHelp() []key.Binding {
	return append(h.own.ShortHelp(), h.global.ShortHelp()...)
}

func (h paneHelp) FullHelp() [][]key.Binding {
	return slices.Concat(h.own.FullHelp(), h.out.FullHelp(), h.global.FullHelp())
}
