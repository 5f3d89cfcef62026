// Package ui is the Bubble Tea reader: a root model that routes messages to
// its panes (the story list, the reading pane with its related section, the
// filter line, help and warnings). Loading, rendering and saving marks all
// happen in commands; Update only changes state.
package ui

import (
	"time"

	"tidings/model"
)

// Context is shared by every pane: the screen size, the styles for the
// terminal's background, the key bindings and the user's settings. Panes keep
// a pointer to it instead of passing sizes and themes around.
type Context struct {
	Width, Height int
	Styles        Styles
	Keys          KeyMap
	Config        Config
	Dark          bool
	NoColor       bool
}

// Config holds the user's settings (config.toml).
type Config struct {
	// MarkReadOnOpen marks a story read when it is opened.
	MarkReadOnOpen bool `toml:"mark_read_on_open"`
	// SplitMinWidth is the terminal width from which the list and the
	// reading pane are shown side by side.
	SplitMinWidth int `toml:"split_min_width"`
	// ListWidth is the list's share of a split screen: a fraction (0.5)
	// or a number of columns (60); 0 for tidings' choice.
	ListWidth float64 `toml:"list_width"`
	// Theme is "dark" or "light" to fix the colours; empty (or "auto")
	// follows the terminal's background; a glamour style's name or file
	// renders stories in it (theme.go).
	Theme string `toml:"theme"`
	// WatchPoll, in seconds, scans the folders that often instead of
	// waiting for the file system's events (network mounts send none);
	// 0 waits for events.
	WatchPoll float64 `toml:"watch_poll"`
	// Colors replaces some of tidings' colours by name (theme.go).
	Colors map[string]string `toml:"colors"`
	// ExportDir is where e saves stories as Markdown; "" saves nowhere
	// (no home to put the default under).
	ExportDir string `toml:"export_dir"`
	// Keys rebinds actions: the snake_case action name to its keys, e.g.
	// toggle_star = ["x"].
	Keys map[string][]string `toml:"keys"`
	// StartAt is where the reader opens: StartLast (where it was left in
	// these folders), StartFirstUnread or StartTop.
	StartAt string `toml:"start_at"`
	// Sort is the list's order at start; S cycles it.
	Sort model.Order `toml:"-"`
	// Searches are the user's saved searches, name to query, besides the
	// built-in ones (searches.go).
	Searches map[string]string `toml:"searches"`
}

// The places the reader may open at (start_at).
const (
	StartLast        = "last"
	StartFirstUnread = "first_unread"
	StartTop         = "top"
)

// WatchPollDuration is WatchPoll as a duration.
func (c Config) WatchPollDuration() time.Duration {
	return time.Duration(c.WatchPoll * float64(time.Second))
}

// DefaultConfig is what tidings does without a config file.
func DefaultConfig() Config {
	return Config{MarkReadOnOpen: true, SplitMinWidth: 100, StartAt: StartLast}
}
