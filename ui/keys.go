package ui

import "charm.land/bubbles/v2/key"

// KeyMap holds every binding, grouped by where it acts. The help view is
// built from it, so a binding and its help text never disagree.
type KeyMap struct {
	// moving in the list
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open                                    key.Binding
	// triage, in the list and the reading pane
	ToggleRead, ToggleStar, NextUnread, PrevUnread, MarkAllRead, Undo key.Binding
	// views and filter
	CycleView, Filter, ClearFilter key.Binding
	// reading pane
	ScrollUp, ScrollDown, ReaderPageUp, ReaderPageDown key.Binding
	ReaderTop, ReaderBottom                            key.Binding
	Related, PrevRelated, RelatedPick, OpenRelated     key.Binding
	Back, Forward                                      key.Binding
	FullScreen, SwitchPane, Close                      key.Binding
	// everywhere
	Warnings, Help, Quit key.Binding
}

// DefaultKeyMap is tidings' bindings: vi-style and arrow keys both work.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	return KeyMap{
		Up:           b([]string{"up", "k"}, "↑/k", "up"),
		Down:         b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:       b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown:     b([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
		Top:          b([]string{"home", "g"}, "g/home", "first story"),
		Bottom:       b([]string{"end", "G"}, "G/end", "last story"),
		Open:         b([]string{"enter", "space"}, "enter/space", "open story"),
		ToggleRead:   b([]string{"m"}, "m", "toggle read"),
		ToggleStar:   b([]string{"s"}, "s", "toggle star"),
		NextUnread:   b([]string{"n"}, "n", "next unread"),
		PrevUnread:   b([]string{"N"}, "N", "previous unread"),
		MarkAllRead:  b([]string{"A"}, "A", "mark day/filter read"),
		Undo:         b([]string{"u"}, "u", "undo"),
		CycleView:    b([]string{"v"}, "v", "all/unread/starred"),
		Filter:       b([]string{"/"}, "/", "filter"),
		ClearFilter:  b([]string{"esc"}, "esc", "clear filter"),
		ScrollUp:     b([]string{"up", "k"}, "↑/k", "scroll up"),
		ScrollDown:   b([]string{"down", "j"}, "↓/j", "scroll down"),
		ReaderPageUp: b([]string{"pgup", "b", "ctrl+b"}, "pgup/b", "page up"),
		ReaderPageDown: b([]string{"pgdown", "space", "ctrl+f"}, "pgdn/space",
			"page down"),
		ReaderTop:    b([]string{"home", "g"}, "g/home", "top"),
		ReaderBottom: b([]string{"end", "G"}, "G/end", "bottom"),
		Related:      b([]string{"tab"}, "tab", "next related"),
		PrevRelated:  b([]string{"shift+tab"}, "shift+tab", "previous related"),
		RelatedPick:  b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "pick related"),
		OpenRelated:  b([]string{"enter"}, "enter", "open related"),
		Back:         b([]string{"backspace", "["}, "⌫/[", "back"),
		Forward:      b([]string{"]"}, "]", "forward"),
		FullScreen:   b([]string{"z"}, "z", "full-screen story"),
		SwitchPane:   b([]string{"tab"}, "tab", "to reading pane"),
		Close:        b([]string{"esc"}, "esc", "back to list"),
		Warnings:     b([]string{"w"}, "w", "load warnings"),
		Help:         b([]string{"?"}, "?", "help"),
		Quit:         b([]string{"q", "ctrl+c"}, "q", "quit"),
	}
}

// listHelp and readerHelp feed the help view for the pane in focus.
type listHelp struct{ k *KeyMap }

func (h listHelp) ShortHelp() []key.Binding {
	k := h.k
	return []key.Binding{k.Open, k.NextUnread, k.ToggleRead, k.MarkAllRead, k.Undo, k.Filter, k.Help, k.Quit}
}

func (h listHelp) FullHelp() [][]key.Binding {
	k := h.k
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open, k.SwitchPane, k.FullScreen},
		{k.ToggleRead, k.ToggleStar, k.NextUnread, k.PrevUnread, k.MarkAllRead, k.Undo},
		{k.CycleView, k.Filter, k.ClearFilter, k.Warnings, k.Help, k.Quit},
	}
}

type readerHelp struct{ k *KeyMap }

func (h readerHelp) ShortHelp() []key.Binding {
	k := h.k
	return []key.Binding{k.ReaderPageDown, k.Related, k.Back, k.Forward, k.NextUnread, k.Close, k.Help, k.Quit}
}

func (h readerHelp) FullHelp() [][]key.Binding {
	k := h.k
	return [][]key.Binding{
		{k.ScrollUp, k.ScrollDown, k.ReaderPageUp, k.ReaderPageDown, k.ReaderTop, k.ReaderBottom},
		{k.Related, k.PrevRelated, k.RelatedPick, k.OpenRelated, k.Back, k.Forward},
		{k.ToggleRead, k.ToggleStar, k.NextUnread, k.PrevUnread, k.Undo, k.CycleView, k.Filter},
		{k.FullScreen, k.Close, k.Warnings, k.Help, k.Quit},
	}
}
