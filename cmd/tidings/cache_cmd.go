package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"

	"github.com/adrg/xdg"

	"tidings/cache"
	"tidings/index"
	"tidings/internal/spill"
	"tidings/loader"
	"tidings/model"
	"tidings/similar"
)

const noCacheHelp = "parse every file; neither read nor write the parse cache"

// parseCache is the cache under $XDG_CACHE_HOME/tidings, or none.
func parseCache(off bool) cache.Cache {
	if off || noHome("XDG_CACHE_HOME") {
		return cache.Cache{}
	}
	xdg.Reload() // the environment may have changed since start (tests)
	return cache.Cache{Dir: filepath.Join(xdg.CacheHome, "tidings")}
}

// loaded is a library with its filter index and similar-stories model
// when the cache had them.
type loaded struct {
	lib   *model.Library
	index *index.Index
	sim   *similar.Similarity
	// dirty is set when the library differs from the cache: every file
	// was parsed (then the text is in memory, from which the indexes can
	// be built), or changes were taken in.
	dirty, cold bool
	paths       []string
	cache       cache.Cache
	// stream builds both indexes while a cold load parses, which then
	// keeps no text; nil when nothing will need them.
	stream *cache.Cold
	// textLeft says a cold load kept no text and built nothing from it;
	// release ends its hold on the memory limit (cache.HoldColdMemory).
	textLeft bool
	release  func()
}

// loadLibrary loads paths into a library, from the cache when it holds
// them (taking in what changed in the files since, as a load would),
// printing one warning line per skipped file to stderr either way. parts
// says what the command needs of the cache beside the stories. The bundled
// samples (src.FS) are parsed in a moment, without the cache.
func loadLibrary(src loader.Source, store cache.Cache, parts cache.Parts, stderr io.Writer) *loaded {
	if src.FS != nil {
		store = cache.Cache{}
	}
	paths := src.Paths
	if w, err := store.Load(context.Background(), paths, saveDayLocation, parts); err == nil {
		d := w.Settle()
		for _, s := range w.Library.SkippedFiles() {
			warnSkipped(stderr, s.Path, errors.New(s.Reason))
		}
		return &loaded{lib: w.Library, index: w.Index, sim: w.Similarity, paths: paths, cache: store, dirty: !d.Empty()}
	}
	l := &loaded{lib: model.NewLibrary(), paths: paths, cache: store, cold: true, dirty: true}
	l.lib.Dumps = loader.Dumps{Location: saveDayLocation}
	add := func(batch []loader.Result) { loader.AddTo(l.lib, batch) }
	switch {
	case src.FS != nil:
		// The bundled samples' text cannot be read back from a file.
	case store.Dir != "" || parts&(cache.Index|cache.Similarity) != 0:
		l.stream = cache.NewCold(l.lib, false, store.Dir)
		add = l.stream.Add
		// What the load keeps of the texts waits in files (cache.Cold):
		// the heap is mostly the library, whose pointers every GC cycle
		// marks, so a goal of half the live heap (before) now cost up to
		// a fifth more CPU at 100,000 dumps; the peak comes after, while
		// the indexes are built (see build).
		debug.SetGCPercent(coldGCPercent)
	default:
		l.lib.LeaveText() // no index will be asked for
		l.lib.ShelveIn(spill.New(""))
		l.textLeft, l.release = true, cache.HoldColdMemory()
	}
	loader.Load(context.Background(), src, loader.Options{Location: saveDayLocation}, func(batch []loader.Result, _ loader.Progress) {
		for _, r := range batch {
			if r.Err != nil {
				warnSkipped(stderr, r.Path, r.Err)
			}
		}
		add(batch)
	})
	if l.stream != nil {
		// The links out of the heap while the indexes are built and the
		// cache written (see cache.Cold.WriteLinks).
		l.lib.ReadLinksFrom(l.stream.WriteLinks())
	}
	return l
}

// coldGCPercent is the GC goal of a command's cold start (see loadLibrary),
// and coldFinishGCPercent while it builds its indexes and writes the cache
// (see build).
const (
	coldGCPercent       = 100
	coldFinishGCPercent = 20
)

// filterIndex is the filter index, built now after a cold load.
func (l *loaded) filterIndex() *index.Index {
	if l.index == nil && l.cold {
		l.build()
	}
	return l.index
}

// similarity is the similar-stories model, built now after a cold load.
func (l *loaded) similarity() *similar.Similarity {
	if l.sim == nil && l.cold {
		l.build()
	}
	return l.sim
}

// build builds both indexes after a cold load: from what the load's stream
// kept of the text, or from the text in memory (the bundled samples), or
// from the files, where neither was kept.
func (l *loaded) build() {
	switch {
	case l.stream != nil:
		// Building both indexes, then writing the cache, allocates a few
		// hundred MB over a live heap that no longer grows, at the peak
		// of a cold start: a goal of a fifth above it rather than half
		// costs a GC cycle or two more (a fraction of a second) for some
		// 100 MB less at 100,000 dumps.
		debug.SetGCPercent(coldFinishGCPercent)
		l.index, l.sim = l.stream.Finish()
	case l.textLeft:
		l.index = (*index.Index)(nil).Update(len(l.lib.Articles), index.PendingOf(l.lib, l.lib.Articles))
		l.sim = similar.TextsOf(l.lib).Build()
	default:
		l.index, l.sim = index.BuildIndex(l.lib.Articles, 0), similar.BuildSimilarity(l.lib.Articles)
	}
}

// saveCache writes the cache after a load that parsed files, once the
// output is out, so that the next command or reader starts warm; a warm
// start that read only part of the cache leaves it for the reader. A
// failure only costs that, and is not worth a message to a script.
func (l *loaded) saveCache() {
	if l.stream != nil {
		defer l.stream.Done() // its hold on the memory limit
	}
	if l.release != nil {
		defer l.release()
	}
	if !l.dirty || l.cache.Dir == "" || len(l.lib.Pages) == 0 {
		return
	}
	if !l.cold && (l.index == nil || l.sim == nil) {
		return
	}
	l.cache.Write(l.paths, saveDayLocation, l.lib, l.filterIndex(), l.similarity())
	l.sim.Close()
}

// runCacheClear deletes the parse cache.
func runCacheClear(stdout, stderr io.Writer) int {
	store := parseCache(false)
	n, err := store.Clear()
	if err != nil {
		fmt.Fprintf(stderr, "tidings cache clear: %s\n", loader.CleanLine(err.Error()))
		return 1
	}
	fmt.Fprintf(stdout, "removed %s from %s\n", count(n, "cache file", "cache files"), loader.CleanLine(store.Dir))
	return 0
}

// runCacheDir prints where the parse cache is.
func runCacheDir(stdout io.Writer) int {
	fmt.Fprintln(stdout, loader.CleanLine(parseCache(false).Dir))
	return 0
}
