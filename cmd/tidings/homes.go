package main

import "os"

// noHome is true when neither $HOME nor the XDG variable given is set:
// adrg/xdg would then put tidings' folders at the root of the file system
// (/.cache, /.local/state, /.config), which is nobody's. tidings then
// keeps nothing there, and says so (homeNotes).
func noHome(xdgVar string) bool {
	return os.Getenv(xdgVar) == "" && os.Getenv("HOME") == ""
}

// homeNotes are what the reader lists under w when there is no home: the
// settings and cache it does without. (The state file's place is
// state.ResolvePath's to refuse; the reader then keeps marks in memory and
// says so.)
func homeNotes() []string {
	var notes []string
	if noHome("XDG_CONFIG_HOME") {
		notes = append(notes, "neither $HOME nor $XDG_CONFIG_HOME is set: no settings file is read (the defaults apply)")
	}
	if noHome("XDG_CACHE_HOME") {
		notes = append(notes, "neither $HOME nor $XDG_CACHE_HOME is set: nothing is cached, every file is parsed")
	}
	return notes
}
