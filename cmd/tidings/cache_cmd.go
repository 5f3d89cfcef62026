package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/adrg/xdg"

	"tidings/loader"
	"tidings/model"
)

const noCacheHelp = "parse every file; neither read nor write the parse cache"

// parseCache is the cache under $XDG_CACHE_HOME/tidings, or none.
func parseCache(off bool) loader.Cache {
	if off || noHome("XDG_CACHE_HOME") {
		return loader.Cache{}
	}
	xdg.Reload() // the environment may have changed since start (tests)
	return loader.Cache{Dir: filepath.Join(xdg.CacheHome, "tidings")}
}

// loaded is a library with its filter index and similar-stories model
// when the cache had them.
type loaded struct {
	lib   *model.Library
	index *model.Index
	sim   *model.Similarity
	// record and paths are kept for writing the cache after a load that
	// parsed files.
	record *loader.Record
	// cold is set when every file was parsed: the text is in memory, from
	// which the indexes can be built.
	cold  bool
	paths []string
	cache loader.Cache
}

// loadLibrary loads paths into a library, from the cache when it holds
// them, printing one warning line per skipped file to stderr either way.
// listOnly is for a command that needs the stories and nothing else.
func loadLibrary(paths []string, cache loader.Cache, listOnly bool, stderr io.Writer) *loaded {
	opts := loader.Options{Location: saveDayLocation, ListOnly: listOnly}
	if c, err := cache.Load(context.Background(), paths, opts); err == nil {
		for _, r := range c.Skipped {
			warnSkipped(stderr, r.Path, r.Err)
		}
		l := &loaded{lib: c.Library, index: c.Index, sim: c.Similarity, paths: paths, cache: cache}
		// Written back unless the similar-stories model misses too many
		// stories: the reader makes it again from the dumps, then writes.
		if (c.Parsed > 0 || c.Dropped > 0) && c.Index != nil && !c.Similarity.Stale(len(c.Library.Articles)) {
			l.record = c.Record
		}
		return l
	}
	l := &loaded{lib: model.NewLibrary(), paths: paths, cache: cache, cold: true}
	if cache.Dir != "" {
		l.record = &loader.Record{}
	}
	loader.Load(context.Background(), loader.Source{Paths: paths}, opts, func(batch []loader.Result, _ loader.Progress) {
		for _, r := range batch {
			if r.Err != nil {
				l.lib.AddWarning(r.Path, r.Err.Error())
				warnSkipped(stderr, r.Path, r.Err)
			} else {
				l.lib.Add(r.Dump)
			}
			if l.record != nil {
				l.record.Add(r, l.lib)
			}
		}
	})
	return l
}

// similarity is the similar-stories model, built now after a cold load.
func (l *loaded) similarity() *model.Similarity {
	if l.sim == nil && l.cold {
		l.sim = model.BuildSimilarity(l.lib.Articles)
	}
	return l.sim
}

// saveCache writes the cache after a cold load, once the output is out,
// so that the next command or reader starts warm. A failure only costs
// that, and is not worth a message to a script.
func (l *loaded) saveCache() {
	if l.record == nil || l.cache.Dir == "" || len(l.lib.Pages) == 0 {
		return
	}
	if l.index == nil && l.cold {
		l.index = model.BuildIndex(l.lib.Articles, 0)
	}
	l.cache.Write(l.paths, saveDayLocation, l.record, l.lib, l.index, l.similarity())
}

// runCache manages the parse cache: `clear` deletes it, `dir` prints
// where it is.
func runCache(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cache", flag.ContinueOnError)
	setUsage(fs, stderr, "tidings cache clear|dir",
		"  clear  delete the parse cache (it is rebuilt on the next start)",
		"  dir    print the folder it is in")
	words, status, done := parseCommand(fs, args, stdout)
	if done {
		return status
	}
	cache := parseCache(false)
	switch {
	case len(words) == 1 && words[0] == "clear":
		n, err := cache.Clear()
		if err != nil {
			fmt.Fprintf(stderr, "tidings cache: %s\n", loader.CleanLine(err.Error()))
			return 1
		}
		fmt.Fprintf(stdout, "removed %d cache file%s from %s\n", n, plural(n), loader.CleanLine(cache.Dir))
		return 0
	case len(words) == 1 && words[0] == "dir":
		fmt.Fprintln(stdout, loader.CleanLine(cache.Dir))
		return 0
	}
	fs.Usage()
	return 2
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
