package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"tidings/loader"
	"tidings/model/state"
)

type jsonListed struct {
	ID          string  `json:"id"`
	Day         string  `json:"day"`
	Source      string  `json:"source"`
	Headline    string  `json:"headline"`
	PublishedAt *string `json:"published_at"`
	Read        bool    `json:"read"`
	Starred     bool    `json:"starred"`
}

// listOptions are list's flags.
type listOptions struct {
	asJSON    bool
	statePath string
	noCache   bool
}

// runList prints every story once, newest day first.
func runList(paths []string, o listOptions, stdout, stderr io.Writer) int {
	src, label := dumpsSource(paths)
	ld := loadLibrary(src, parseCache(o.noCache), true, stderr)
	lib := ld.lib
	marks, err := readMarks(o.statePath)
	if err != nil {
		// The error names the state file, whose path may come from the
		// environment.
		fmt.Fprintf(stderr, "tidings: %s\n", loader.CleanLine(err.Error()))
	}
	listed := []jsonListed{}
	for _, day := range lib.Days() {
		for _, a := range day.Articles {
			mk := marks[a.ID]
			listed = append(listed, jsonListed{ID: a.ID, Day: a.Day, Source: a.Source, Headline: a.Headline,
				PublishedAt: timeOrNull(a.PublishedAt), Read: mk.Read, Starred: mk.Starred})
		}
	}
	if o.asJSON {
		if err := writeListedJSON(stdout, listed); err != nil {
			fmt.Fprintf(stderr, "tidings: %v\n", err)
			return 1
		}
	} else {
		for _, l := range listed {
			flags := "  "
			if !l.Read {
				flags = "● "
			}
			if l.Starred {
				flags += "★ "
			} else {
				flags += "  "
			}
			fmt.Fprintf(stdout, "%s%s  %-10s  %-20s  %s\n", flags, l.ID, l.Day, l.Source, l.Headline)
		}
	}
	if len(lib.Pages) == 0 {
		return noDumps(stderr, "list", src, label)
	}
	ld.saveCache()
	return 0
}

// readMarks reads the saved marks for scripts. A state file that does not
// exist yet means no marks, and is not created just to be read.
func readMarks(flagValue string) (map[string]state.Mark, error) {
	path, err := state.ResolvePath(flagValue)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	store, err := state.Open(path)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return store.Marks()
}
