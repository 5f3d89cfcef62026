package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tidings/cache"
	"tidings/export"
	"tidings/index"
	"tidings/loader"
	"tidings/model"
)

// exportFormats are --format's words; the first is the default.
var exportFormats = []string{"md", "html", "json"}

// exportOptions are export's flags.
type exportOptions struct {
	format string
	query  string
	// search names a saved search, whose query goes with query's;
	// configPath is the settings file that may define it.
	search, configPath string
	out                string
	statePath          string
	noCache            bool
}

// exportQuery is the query export selects stories with: a saved search's
// (--search) and --query's together, as list takes them.
func exportQuery(o exportOptions) (string, error) {
	if o.search == "" {
		return o.query, nil
	}
	cfg, _ := loadConfig(o.configPath) // the reader says what is wrong in it; export uses what it can
	query, err := searchQuery(cfg, o.search)
	if err != nil {
		return "", fmt.Errorf("--search: %w", err)
	}
	return strings.TrimSpace(query + " " + o.query), nil
}

// exportFormat is --format, else what --out's extension says, else md.
func exportFormat(o exportOptions) (string, error) {
	if o.format == "" {
		switch strings.ToLower(filepath.Ext(o.out)) {
		case ".html", ".htm":
			return "html", nil
		case ".json":
			return "json", nil
		}
		return exportFormats[0], nil
	}
	for _, f := range exportFormats {
		if strings.EqualFold(o.format, f) {
			return f, nil
		}
	}
	return "", usagef("--format %q: one of %s", o.format, strings.Join(exportFormats, ", "))
}

// runExport writes the stories the query finds (every story without one)
// with their text, as a brief: by day and event, contents first.
func runExport(paths []string, o exportOptions, format string, stdout, stderr io.Writer) int {
	query, err := exportQuery(o)
	if err != nil {
		fmt.Fprintf(stderr, "tidings export: %v\n", err)
		return 2
	}
	parsed := index.ParseQuery(query, time.Now())
	if len(parsed.Problems) > 0 {
		fmt.Fprintf(stderr, "tidings export: --query: %s\n", loader.CleanLine(strings.Join(parsed.Problems, "; ")))
		return 2
	}
	src, label := dumpsSource(paths)
	ld := loadLibrary(src, parseCache(o.noCache), cache.All, stderr)
	lib := ld.lib
	if len(lib.Pages) == 0 {
		return noDumps(stderr, "export", src, label)
	}
	marks, labels, err := readMarks(o.statePath)
	if err != nil {
		fmt.Fprintf(stderr, "tidings: %s\n", loader.CleanLine(err.Error()))
	}
	text := func(a *model.Article) (model.Body, error) { return lib.BodyOf(a).Read() }
	var found *index.Matches
	if query != "" {
		parsed.Text = text
		found = ld.filterIndex().Find(lib.Articles, &parsed)
		if err := ld.filterIndex().Err(); err != nil {
			// The cache file was cut short or written over meanwhile.
			fmt.Fprintf(stderr, "tidings export: %v\n", err)
			return 1
		}
	}
	var stories []*model.Article
	for _, day := range lib.Days() {
		for _, a := range day.Articles {
			if query == "" || matches(found, &parsed, a, marks[a.ID], labels[a.ID]) {
				stories = append(stories, a)
			}
		}
	}
	title := "tidings brief"
	if query != "" {
		title += ": " + query
	}
	brief := export.BuildBrief(title, stories, text, ld.similarity())
	write := map[string]func(io.Writer, export.Brief) error{"md": export.WriteMarkdown, "html": export.WriteHTML, "json": export.WriteJSON}[format]
	if o.out == "" {
		if err := write(stdout, brief); err != nil {
			fmt.Fprintf(stderr, "tidings export: %v\n", err)
			return 1
		}
	} else {
		if err := writeFileWhole(o.out, func(w io.Writer) error { return write(w, brief) }); err != nil {
			fmt.Fprintf(stderr, "tidings export: %s\n", loader.CleanLine(err.Error()))
			return 1
		}
		events := 0
		for _, d := range brief.Days {
			events += len(d.Events)
		}
		fmt.Fprintf(stdout, "wrote %s (%s, %s) to %s\n", count(brief.Stories, "story", "stories"),
			count(events, "event", "events"), count(len(brief.Days), "day", "days"), loader.CleanLine(o.out))
	}
	ld.saveCache()
	return 0
}

// writeFileWhole writes path through a temporary file beside it, renamed
// over it once complete: a reader of the brief never sees half of one.
func writeFileWhole(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // it names the temporary file, not the one asked for
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
