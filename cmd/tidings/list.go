package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"tidings/cache"
	"tidings/index"
	"tidings/loader"
	"tidings/model"
	"tidings/state"
)

type jsonListed struct {
	ID          string   `json:"id"`
	Day         string   `json:"day"`
	Source      string   `json:"source"`
	Headline    string   `json:"headline"`
	PublishedAt *string  `json:"published_at"`
	Precision   *string  `json:"published_precision"`
	Read        bool     `json:"read"`
	Starred     bool     `json:"starred"`
	Labels      []string `json:"labels"`
}

// listOptions are list's flags.
type listOptions struct {
	asJSON    bool
	statePath string
	noCache   bool
	query     string
	// search names a saved search, whose query goes with query's;
	// configPath is the settings file that may define it.
	search, configPath string
	sort               string
}

// runList prints every story once, newest day first.
func runList(paths []string, o listOptions, stdout, stderr io.Writer) int {
	var parsed index.Query
	parts := cache.Parts(0)
	order, ok := model.ParseOrder(o.sort)
	if !ok {
		fmt.Fprintf(stderr, "tidings list: --sort %q: use saved (by day), published or source\n", loader.CleanLine(o.sort))
		return 2
	}
	if o.search != "" {
		cfg, _ := loadConfig(o.configPath) // the reader says what is wrong in it; list uses what it can
		query, err := searchQuery(cfg, o.search)
		if err != nil {
			fmt.Fprintf(stderr, "tidings list: --search: %s\n", loader.CleanLine(err.Error()))
			return 2
		}
		o.query = strings.TrimSpace(query + " " + o.query)
	}
	if o.query != "" {
		parsed = index.ParseQuery(o.query, time.Now())
		if len(parsed.Problems) > 0 {
			fmt.Fprintf(stderr, "tidings list: --query: %s\n", loader.CleanLine(strings.Join(parsed.Problems, "; ")))
			return 2
		}
		parts = cache.Index
	}
	src, label := dumpsSource(paths)
	ld := loadLibrary(src, parseCache(o.noCache), parts, stderr)
	lib := ld.lib
	marks, labels, err := readMarks(o.statePath)
	if err != nil {
		// The error names the state file, whose path may come from the
		// environment.
		fmt.Fprintf(stderr, "tidings: %s\n", loader.CleanLine(err.Error()))
	}
	var found *index.Matches
	if o.query != "" {
		parsed.Text = func(a *model.Article) (model.Body, error) { return lib.BodyOf(a).Read() }
		found = ld.filterIndex().Find(lib.Articles, &parsed)
		if err := ld.filterIndex().Err(); err != nil {
			// The cache file was cut short or written over meanwhile.
			fmt.Fprintf(stderr, "tidings list: --query: %v\n", err)
			return 1
		}
	}
	// The stories are written as they are listed, not gathered first.
	listed := func(yield func(jsonListed) bool) {
		for _, group := range lib.Grouped(order) {
			for _, a := range group.Articles {
				mk := marks[a.ID]
				if o.query != "" && !matches(found, &parsed, a, mk, labels[a.ID]) {
					continue
				}
				if !yield(jsonListed{ID: a.ID, Day: a.Day(), Source: a.Source(), Headline: a.Headline,
					PublishedAt: timeOrNull(a.PublishedAt.Time()), Precision: precisionOrNull(a.PublishedAt.Time(), a.PublishedPrecision),
					Read: mk.Read, Starred: mk.Starred, Labels: append([]string{}, labels[a.ID]...)}) {
					return
				}
			}
		}
	}
	if o.asJSON {
		if err := writeListedJSON(stdout, listed); err != nil {
			fmt.Fprintf(stderr, "tidings: %v\n", err)
			return 1
		}
	} else {
		for l := range listed {
			flags := "  "
			if !l.Read {
				flags = "● "
			}
			if l.Starred {
				flags += "★ "
			} else {
				flags += "  "
			}
			tail := ""
			if len(l.Labels) > 0 {
				tail = "  +" + strings.Join(l.Labels, " +") // as the reader shows them
			}
			fmt.Fprintf(stdout, "%s%s  %-10s  %-20s  %s%s\n", flags, l.ID, l.Day, l.Source, l.Headline, tail)
		}
	}
	if len(lib.Pages) == 0 {
		return noDumps(stderr, "list", src, label)
	}
	ld.saveCache()
	return 0
}

// readMarks reads the saved marks and labels for scripts. A state file
// that does not exist yet means none, and is not created just to be read.
func readMarks(flagValue string) (map[string]state.Mark, map[string][]string, error) {
	path, err := state.ResolvePath(flagValue)
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	store, err := state.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer store.Close()
	marks, err := store.Marks()
	if err != nil {
		return nil, nil, err
	}
	labels, err := store.Labels()
	return marks, labels, err
}

// matches says whether the filter keeps a story: what the index found for
// the query, and its read state and labels for is: and label: conditions,
// as the reader does.
func matches(found *index.Matches, q *index.Query, a *model.Article, mk state.Mark, labels []string) bool {
	if q.Indexed() && (found == nil || !found.Set.Has(int(a.Index))) {
		return false
	}
	return (q.Read == nil || *q.Read == mk.Read) && (q.Starred == nil || *q.Starred == mk.Starred) && q.HasLabels(labels)
}
