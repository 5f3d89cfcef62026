package cache

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tidings/index"
	"tidings/internal/testkit"
	"tidings/loader"
	"tidings/model"
	"tidings/similar"
)

// cacheCorpus generates a small archive with events (so that similar
// stories exist) in a folder of its own.
func cacheCorpus(t *testing.T) string { return testkit.Corpus(t, 240, 4, 12, 7) }

// writtenCache is a generated corpus, loaded cold and written to a cache
// of its own.
func writtenCache(t *testing.T) (string, Cache, coldLoad) {
	t.Helper()
	dir := cacheCorpus(t)
	cache := Cache{Dir: t.TempDir()}
	cold := loadCold(t, dir)
	if err := cache.Write([]string{dir}, nil, cold.lib, cold.ix, cold.sim); err != nil {
		t.Fatal(err)
	}
	return dir, cache, cold
}

type coldLoad struct {
	lib *model.Library
	ix  *index.Index
	sim *similar.Similarity
}

// loadCold loads as the commands and the reader do without a cache.
func loadCold(t testing.TB, paths ...string) coldLoad {
	t.Helper()
	c := coldLoad{lib: model.NewLibrary()}
	c.lib.Dumps = loader.Dumps{}
	loader.Load(context.Background(), loader.Source{Paths: paths}, loader.Options{}, func(batch []loader.Result, _ loader.Progress) {
		loader.AddTo(c.lib, batch)
	})
	c.ix = index.BuildIndex(c.lib.Articles, 0)
	c.sim = similar.BuildSimilarity(c.lib.Articles)
	return c
}

// loadWarm restores the library from the cache and settles it.
func loadWarm(t testing.TB, cache Cache, paths ...string) (*Warm, model.Changes) {
	t.Helper()
	w, err := cache.Load(context.Background(), paths, nil, All)
	if err != nil {
		t.Fatal(err)
	}
	c := w.Changes
	w.Settle()
	return w, c
}

func changed(c model.Changes) int { return len(c.Pages) + len(c.Skipped) }

// describe prints everything a user can see of a library, in an order that
// does not depend on how its articles are numbered: the days and their
// stories with their text (read from the dumps when it is not in memory),
// links, similar stories (when sim is given), the pages, the warnings, and
// what some filter queries find.
func describe(t testing.TB, lib *model.Library, ix *index.Index, sim *similar.Similarity, queries []string) string {
	t.Helper()
	var b strings.Builder
	for _, d := range lib.Days() {
		fmt.Fprintf(&b, "day %q\n", d.Date)
		for _, a := range d.Articles {
			body, err := lib.BodyOf(a).Read()
			fmt.Fprintf(&b, "%s|%s|%s|%s|%v %v|%s|%v|%v|%d pages|%q|%d entries|%v\n", a.ID, a.Headline, a.Source(), a.Age(),
				a.PublishedAt, a.PublishedPrecision, a.Day(), a.SavedAt, a.SavedAtEstimate, len(a.Pages()), body.Paragraphs, len(body.Entries), err)
			for _, l := range a.Links() {
				if !l.To.Gone() {
					fmt.Fprintf(&b, "  linked %s %s %s\n", l.To.ID, l.How, lib.TagOf(l))
				}
			}
			if sim != nil {
				for _, s := range sim.ForText(a, body, 5) {
					fmt.Fprintf(&b, "  similar %s %.4f %v %v\n", s.To.ID, s.Score, s.Terms, s.SameEvent)
				}
			}
		}
	}
	for _, p := range lib.Pages {
		fmt.Fprintf(&b, "page %s %s %v %v %s %d %s\n", p.Key, p.Layout, p.SavedAt, p.SavedAtEstimate, p.Day(), p.Size, p.Tag())
	}
	for _, w := range lib.Warnings {
		fmt.Fprintf(&b, "warning %s: %s\n", w.Path, w.Reason)
	}
	for _, q := range queries {
		fmt.Fprintf(&b, "filter %q: %v\n", q, visibleMatches(lib, ix, q))
	}
	return b.String()
}

// visibleMatches is the ids of the listed stories the filter finds.
func visibleMatches(lib *model.Library, ix *index.Index, query string) []string {
	m := ix.Match(query)
	var ids []string
	for _, d := range lib.Days() {
		for _, a := range d.Articles {
			if m == nil || m.Set.Has(int(a.Index)) {
				ids = append(ids, a.ID)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

var cacheQueries = []string{"harbour", "council", "wire", "ferry night", "zz"}

func TestWarmStartEqualsCold(t *testing.T) {
	dir := cacheCorpus(t)
	cache := Cache{Dir: t.TempDir()}
	if _, err := cache.Load(context.Background(), []string{dir}, nil, All); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("no cache yet: got %v, want fs.ErrNotExist", err)
	}
	cold := loadCold(t, dir)
	if err := cache.Write([]string{dir}, nil, cold.lib, cold.ix, cold.sim); err != nil {
		t.Fatal(err)
	}
	want := describe(t, cold.lib, cold.ix, cold.sim, cacheQueries)
	warm, c := loadWarm(t, cache, dir)
	if !c.Empty() {
		t.Errorf("nothing changed, yet %d files were parsed and %d dropped", changed(c), len(c.Removed))
	}
	for _, a := range warm.Library.Articles {
		if len(a.Paragraphs()) > 0 || len(a.Entries()) > 0 {
			t.Fatalf("%s: a warm start holds text in memory", a.ID)
		}
	}
	if got := describe(t, warm.Library, warm.Index, warm.Similarity, cacheQueries); got != want {
		t.Errorf("warm start differs from cold:\n%s", firstDifference(got, want))
	}
	if !strings.Contains(want, "similar ") {
		t.Error("the corpus has no similar stories: the comparison misses them")
	}
}

// firstDifference shows the first line where two descriptions part.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d\n got: %s\nwant: %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(g), len(w))
}

// changeCorpus changes one dump, removes one, adds one in a new day folder
// and a file that is not a dump, as happens between two days' starts.
func changeCorpus(t *testing.T, dir string) (changedHeadline string) {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	slices.Sort(files)
	rewrite := func(from, to, headline string) {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitN(string(data), "\n", 2)
		writeFile(t, to, headline+"\n"+lines[1])
		// An hour back: a time in the future would keep the file racily
		// clean (see racyWindow), read again at every start.
		past := time.Now().Add(-time.Hour)
		os.Chtimes(to, past, past)
	}
	changedHeadline = "Harbour pilots vote for a quieter ferry night schedule"
	rewrite(files[3], files[3], changedHeadline)
	if err := os.Remove(files[10]); err != nil {
		t.Fatal(err)
	}
	rewrite(files[20], filepath.Join(dir, "2031-01-02", "new.txt"), "Council names a keeper for the old lighthouse")
	writeFile(t, filepath.Join(dir, "2031-01-02", "notes.md"), "# notes\n\n- not a dump\n")
	return changedHeadline
}

func TestChangedAndRemovedFilesAfterTheCache(t *testing.T) {
	dir, cache, _ := writtenCache(t)
	changeCorpus(t, dir)
	queries := append(cacheQueries, "pilots quieter", "lighthouse keeper")

	warm, c := loadWarm(t, cache, dir)
	if changed(c) != 3 || len(c.Removed) != 1 {
		t.Errorf("parsed %d and dropped %d files, want 3 (changed, new, not a dump) and 1", changed(c), len(c.Removed))
	}
	now := loadCold(t, dir)
	want := describe(t, now.lib, now.ix, now.sim, queries)
	if got := describe(t, warm.Library, warm.Index, warm.Similarity, queries); got != want {
		t.Errorf("rebuilt from the cache differs from a cold load:\n%s", firstDifference(got, want))
	}
	for _, q := range []string{"pilots quieter", "lighthouse keeper"} {
		if len(visibleMatches(warm.Library, warm.Index, q)) == 0 {
			t.Errorf("%q: the new text is not in the filter index", q)
		}
	}

	// Written back, the next start reads it whole.
	if err := cache.Write([]string{dir}, nil, warm.Library, warm.Index, warm.Similarity); err != nil {
		t.Fatal(err)
	}
	again, c := loadWarm(t, cache, dir)
	if !c.Empty() {
		t.Errorf("after writing back, %d parsed and %d dropped", changed(c), len(c.Removed))
	}
	if got := describe(t, again.Library, again.Index, again.Similarity, queries); got != want {
		t.Errorf("the cache written back differs from a cold load:\n%s", firstDifference(got, want))
	}
}

// cacheFile is the one snapshot in the cache folder.
func cacheFile(t *testing.T, cache Cache) string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(cache.Dir, "*"+suffix))
	if len(names) != 1 {
		t.Fatalf("cache files: %v", names)
	}
	return names[0]
}

// sections splits a snapshot file into its sections' payloads.
func sections(t *testing.T, data []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for len(data) >= 12 {
		n := binary.LittleEndian.Uint64(data[:8])
		out = append(out, data[12:12+n])
		data = data[12+n:]
	}
	return out
}

// joinSections writes payloads back as a snapshot file, with checksums
// that match: damage a checksum cannot see.
func joinSections(payloads [][]byte) []byte {
	var b bytes.Buffer
	for _, p := range payloads {
		var head [12]byte
		binary.LittleEndian.PutUint64(head[:8], uint64(len(p)))
		binary.LittleEndian.PutUint32(head[8:], crc32.Checksum(p, crc32.MakeTable(crc32.Castagnoli)))
		b.Write(head[:])
		b.Write(p)
	}
	return b.Bytes()
}

func TestDamagedCacheCostsOnlyTime(t *testing.T) {
	dir, cache, cold := writtenCache(t)
	name := cacheFile(t, cache)
	good, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	secs := sections(t, good)
	if len(secs) != 9 {
		t.Fatalf("%d sections", len(secs))
	}
	damages := map[string][]byte{
		"empty":            {},
		"truncated":        good[:len(good)/2],
		"one byte":         good[:1],
		"not a cache":      []byte("Harbour authority approves night ferries\nThe authority said so.\n"),
		"huge length":      append(binary.LittleEndian.AppendUint64(nil, 1<<62), good[8:]...),
		"header garbage":   joinSections(append([][]byte{[]byte("garbage, checksummed")}, secs[1:]...)),
		"links cut short":  joinSections(append(append(slices.Clone(secs[:2]), secs[2][:len(secs[2])/2]), secs[3:]...)),
		"padding unaligns": joinSections(append(append(slices.Clone(secs[:3]), bytes.Repeat([]byte{0xff}, 5)), secs[4:]...)),
		"index garbage":    joinSections(append(append(slices.Clone(secs[:4]), bytes.Repeat([]byte{0xff}, 64)), secs[5:]...)),
		"similar garbage":  joinSections(append(append(slices.Clone(secs[:5]), bytes.Repeat([]byte{0x07}, 300)), secs[6:]...)),
		"arrays garbage":   joinSections(append(append(slices.Clone(secs[:6]), bytes.Repeat([]byte{0x07}, 300)), secs[7:]...)),
		"copies garbage":   joinSections(append(append(slices.Clone(secs[:7]), bytes.Repeat([]byte{0x07}, 300)), secs[8:]...)),
		"offsets garbage":  joinSections(append(slices.Clone(secs[:8]), bytes.Repeat([]byte{0x09}, 64))),
	}
	for i := 0; i < len(good); i += len(good) / 40 {
		flipped := slices.Clone(good)
		flipped[i] ^= 0x40
		damages[fmt.Sprintf("bit flipped at %d", i)] = flipped
	}
	// Garbage with matching checksums, in each numbers-only section: the
	// reader must check what it reads, not only the checksum.
	for _, s := range []int{2, 3, 4, 5, 6, 8} {
		for _, at := range []int{0, 7, len(secs[s]) / 3, len(secs[s]) - 9} {
			payloads := slices.Clone(secs)
			p := slices.Clone(payloads[s])
			if at >= 0 && at < len(p) {
				for k := at; k < min(len(p), at+8); k++ {
					p[k] = 0xfe
				}
			}
			payloads[s] = p
			damages[fmt.Sprintf("section %d overwritten at %d", s, at)] = joinSections(payloads)
		}
	}
	want := describe(t, cold.lib, cold.ix, nil, cacheQueries)
	for what, data := range damages {
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := cache.Load(context.Background(), []string{dir}, nil, All)
		if err == nil {
			// Damage the reader cannot tell from data (a number changed
			// into another valid one) must still give a library that works.
			describe(t, c.Library, c.Index, c.Similarity, cacheQueries)
			continue
		}
		if errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: reported as no cache", what)
		}
	}
	// Back to a good file: it is used again.
	if err := os.WriteFile(name, good, 0o600); err != nil {
		t.Fatal(err)
	}
	w, _ := loadWarm(t, cache, dir)
	if got := describe(t, w.Library, w.Index, nil, cacheQueries); got != want {
		t.Errorf("%s", firstDifference(got, want))
	}
}

func TestOtherFormatVersionIsRebuilt(t *testing.T) {
	dir, cache, _ := writtenCache(t)
	name := cacheFile(t, cache)
	data, _ := os.ReadFile(name)
	secs := sections(t, data)
	// The header is the magic string (its length, then its bytes), then the
	// version as a varint.
	magic := int(secs[0][0]) + 1
	for _, v := range []byte{0, 1, formatVersion - 1, formatVersion + 1, 99} { // none, older, newer
		header := slices.Clone(secs[0])
		header[magic] = v
		if err := os.WriteFile(name, joinSections(append([][]byte{header}, secs[1:]...)), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := cache.Load(context.Background(), []string{dir}, nil, All)
		if err == nil || !strings.Contains(err.Error(), "version") {
			t.Errorf("version %d: got %v, want an error naming the version", v, err)
		}
	}
}

func TestTwoWritersAtOnce(t *testing.T) {
	dir := cacheCorpus(t)
	cache := Cache{Dir: t.TempDir()}
	cold := loadCold(t, dir)
	want := describe(t, cold.lib, cold.ix, nil, cacheQueries)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 2 {
		wg.Go(func() {
			for range 5 {
				if err := cache.Write([]string{dir}, nil, cold.lib, cold.ix, cold.sim); err != nil {
					t.Error(err)
				}
			}
		})
	}
	// Meanwhile a reader sees no cache yet or a whole one, never part.
	reads := make(chan error, 1)
	go func() {
		for {
			select {
			case <-stop:
				close(reads)
				return
			default:
			}
			if c, err := cache.Load(context.Background(), []string{dir}, nil, All); err == nil {
				if !c.Changes.Empty() {
					reads <- fmt.Errorf("a whole cache had %d files to parse", changed(c.Changes))
					return
				}
			} else if !errors.Is(err, fs.ErrNotExist) {
				reads <- err
				return
			}
		}
	}()
	wg.Wait()
	close(stop)
	if err := <-reads; err != nil {
		t.Errorf("a reader saw a broken cache: %v", err)
	}
	w, _ := loadWarm(t, cache, dir)
	if got := describe(t, w.Library, w.Index, nil, cacheQueries); got != want {
		t.Errorf("%s", firstDifference(got, want))
	}
	if left, _ := filepath.Glob(filepath.Join(cache.Dir, "*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if n, err := cache.Clear(); err != nil || n != 1 {
		t.Errorf("Clear removed %d files (%v), want 1", n, err)
	}
	if _, err := cache.Load(context.Background(), []string{dir}, nil, All); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after Clear: %v", err)
	}
}

func TestBodiesOnDemandFollowTheDumps(t *testing.T) {
	dir, cache, cold := writtenCache(t)
	warm, _ := loadWarm(t, cache, dir)
	// A main story shown on one page only.
	var a *model.Article
	for _, p := range warm.Library.Pages {
		if m := warm.Library.MainOf(p); m != nil && len(m.Pages()) == 1 && m.TextBytes > 0 {
			a = m
			break
		}
	}
	if a == nil {
		t.Fatal("no main story on a single page")
	}
	want := cold.lib.ByID(a.ID).Paragraphs()
	body, err := warm.Library.BodyOf(a).Read()
	if err != nil || !slices.Equal(body.Paragraphs, want) {
		t.Fatalf("read back: %v, %q, want %q", err, body.Paragraphs, want)
	}
	path := a.Pages()[0].Path

	// Changed after indexing: read as it is now.
	data, _ := os.ReadFile(path)
	changed := strings.Replace(string(data), want[0], "A new first paragraph, written after the cache.", 1)
	writeFile(t, path, changed)
	body, err = warm.Library.BodyOf(a).Read()
	if err != nil || body.Paragraphs[0] != "A new first paragraph, written after the cache." {
		t.Errorf("changed dump: %v, %q", err, body.Paragraphs)
	}

	// Rewritten without the story: gone, naming the file.
	writeFile(t, path, "Harbour authority approves night ferries\nThe authority said so.\n")
	_, err = warm.Library.BodyOf(a).Read()
	if !errors.Is(err, model.ErrGone) || !strings.Contains(err.Error(), path) {
		t.Errorf("dump without the story: %v", err)
	}

	// A named pipe in its place: gone, naming the file (issue 19).
	os.Remove(path)
	if err := syscall.Mkfifo(path, 0o600); err == nil {
		_, err = warm.Library.BodyOf(a).Read()
		if !errors.Is(err, model.ErrGone) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("a named pipe in the dump's place: %v", err)
		}
		os.Remove(path)
	}

	// Removed: gone, saying so.
	os.Remove(path)
	_, err = warm.Library.BodyOf(a).Read()
	if !errors.Is(err, model.ErrGone) || !strings.Contains(err.Error(), path+" was removed") {
		t.Errorf("removed dump: %v", err)
	}
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Issue 19: a crafted cache is not believed. A page of a file outside the
// folders opened is dropped (the walk does not reach it), never read; text
// with terminal escapes is cleaned as text from a file is.
func TestCraftedCacheIsNotBelieved(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(dir, "2025-03-03", "a.txt"), "Harbour authority approves night ferries\nThe authority said so on Monday.\n")
	writeFile(t, filepath.Join(dir, "2025-03-03", "b.txt"), "Lighthouse keepers return to the point\nThey start in spring.\n")
	secret := filepath.Join(outside, "secret.txt")
	writeFile(t, secret, "Private notes on the harbour deal\nNobody should read these.\n")
	lib := model.NewLibrary()
	lib.Dumps = loader.Dumps{}
	loader.AddTo(lib, loader.LoadAll(context.Background(), loader.Source{Paths: []string{dir}}, loader.Options{}))
	// The crafted part: a page of a file outside, listed as if walked, and
	// a headline that would set the terminal's title.
	outsider := loader.LoadAll(context.Background(), loader.Source{Paths: []string{secret}}, loader.Options{})
	outsider[0].Dump.Order = "000000\x00zz"
	lib.Add(outsider[0].Dump)
	crafted := lib.ByID(model.StoryID("Harbour authority approves night ferries", "", ""))
	crafted.Headline = "Harbour\x1b]0;pwned\x07 authority"
	crafted.SetAge("3 hours\x1b]0;pwned\x07 ago")
	crafted.SetDay("2025-03-03\x1b]0;pwned\x07")
	crafted.SetSource("Esker\x1b]0;pwned\x07 Wire")
	crafted.PageAt(0).SetTag("#Ferries\x1b]0;pwned\x07")
	lib.ByID(model.StoryID("Lighthouse keepers return to the point", "", "")).PageAt(0).SetTag("#Keepers")
	store := Cache{Dir: t.TempDir()}
	if err := store.Write([]string{dir}, nil, lib, index.BuildIndex(lib.Articles, 0), similar.BuildSimilarity(lib.Articles)); err != nil {
		t.Fatal(err)
	}
	w, err := store.Load(context.Background(), []string{dir}, nil, All)
	if err != nil {
		t.Fatal(err)
	}
	w.Settle()
	for _, a := range w.Library.Articles {
		if !a.Gone() && strings.Contains(a.Headline, "Private notes") {
			t.Errorf("a page outside the folders opened is listed: %q", a.Headline)
		}
		if strings.ContainsRune(a.Headline, 0x1b) || strings.ContainsRune(a.Headline, 0x07) {
			t.Errorf("a headline from the cache keeps its escapes: %q", a.Headline)
		}
	}
	if a := w.Library.ByID(model.StoryID("Harbour authority approves night ferries", "", "")); a == nil || a.Headline != "Harbour authority" {
		t.Errorf("the cleaned headline: %+v", a)
	} else if a.Age() != "3 hours ago" || a.Day() != "2025-03-03" || a.Source() != "Esker Wire" {
		t.Errorf("the cleaned age, day and source: %q, %q, %q", a.Age(), a.Day(), a.Source())
	} else if tag := a.PageAt(0).Tag(); tag != "#Ferries" {
		t.Errorf("the cleaned tag: %q", tag)
	}
	for _, d := range w.Library.Days() {
		if strings.ContainsRune(d.Date, 0x1b) || strings.ContainsRune(d.Date, 0x07) {
			t.Errorf("a day from the cache keeps its escapes: %q", d.Date)
		}
		if d.Date != "2025-03-03" {
			t.Errorf("a day %q (%d stories), want only 2025-03-03", d.Date, len(d.Articles))
		}
	}
	tags := 0
	for _, p := range w.Library.Pages {
		if p.Tag() == "#Keepers" {
			tags++
		}
	}
	if tags != 1 {
		t.Errorf("%d pages keep the clean tag, want 1", tags)
	}
}

// Issue 19: the temporary file of a writer killed an hour ago is removed
// by the next writer; one that may still be written is left.
func TestStaleTemporaryFilesAreRemoved(t *testing.T) {
	dir, store, cold := writtenCache(t)
	old := filepath.Join(store.Dir, "abc.123.cache.tmp")
	fresh := filepath.Join(store.Dir, "abc.456.cache.tmp")
	writeFile(t, old, "half a cache")
	writeFile(t, fresh, "half a cache")
	long := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, long, long)
	if err := store.Write([]string{dir}, nil, cold.lib, cold.ix, cold.sim); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a temporary file two hours old is still there: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a temporary file being written was removed: %v", err)
	}
}

// Issue 19: a named pipe where the cache should be is refused at once, as
// the loader refuses one among the dumps, and the start loads cold; it
// never waits for a writer.
func TestACacheThatIsANamedPipeIsRefused(t *testing.T) {
	dir, store, _ := writtenCache(t)
	name := cacheFile(t, store)
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(name, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	var err error
	testkit.Within(t, "loading a cache that is a named pipe", func() {
		_, err = store.Load(context.Background(), []string{dir}, nil, All)
	})
	if err == nil || errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("got %v, want a refusal naming a named pipe", err)
	}
}

// FuzzSnapshot reads snapshots made of a real one with bytes changed: no
// input panics or hangs the reader, and a library it accepts works.
func FuzzSnapshot(f *testing.F) {
	dir := filepath.Join(f.TempDir(), "dumps")
	writeFile(f, filepath.Join(dir, "2025-03-03", "a.txt"), "Harbour authority approves night ferries\nThe authority said so on Monday.\nRelated Articles\n\nEsker Wire\n2 hours ago\n- Esker Wire\nQuay side story\nMore about it.\n")
	cold := loadCold(f, dir)
	store := Cache{Dir: f.TempDir()}
	if err := store.Write([]string{dir}, nil, cold.lib, cold.ix, cold.sim); err != nil {
		f.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(store.Dir, "*"+suffix))
	good, err := os.ReadFile(names[0])
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		name := filepath.Join(t.TempDir(), "x"+suffix)
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
		file, size, err := openSnapshot(name)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := readSnapshot(file, size, All)
		if err != nil {
			return
		}
		defer snap.Similarity.Close()
		lib := snap.Library
		for _, d := range lib.Days() {
			for _, a := range d.Articles {
				snap.Similarity.For(a, 3)
			}
		}
		lib.Apply(model.Changes{Removed: []string{filepath.Join(dir, "2025-03-03", "a.txt")}})
		if snap.Index != nil {
			// The index is read where it lies in the file's map.
			snap.Index.Match("harbour")
			snap.Index.Update(len(lib.Articles), index.PendingOf(lib, lib.Articles)).Compact().Match("said")
		}
	})
}

// Issue 17: a file rewritten with the same size and the same modification
// time (as tools that keep times do) is read again at the next start: its
// change time and inode say it changed.
func TestSameSizeSameTimeRewriteIsReadAgain(t *testing.T) {
	dir, store, _ := writtenCache(t)
	var path string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && path == "" && strings.HasSuffix(p, ".txt") {
			path = p
		}
		return nil
	})
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	old, rest, _ := strings.Cut(string(data), "\n")
	renamed := strings.Map(func(r rune) rune {
		if r == 'a' {
			return 'o'
		}
		return r
	}, old)
	if renamed == old {
		t.Skip("the first headline has no a to change")
	}
	if err := os.WriteFile(path, []byte(renamed+"\n"+rest), info.Mode()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.Stat(path); now.Size() != info.Size() || !now.ModTime().Equal(info.ModTime()) {
		t.Fatal("the rewrite changed the size or the time")
	}
	w, c := loadWarm(t, store, dir)
	if changed(c) != 1 {
		t.Fatalf("%d files read again, want the one rewritten", changed(c))
	}
	cold := loadCold(t, dir)
	if got, want := describe(t, w.Library, w.Index, w.Similarity, cacheQueries), describe(t, cold.lib, cold.ix, cold.sim, cacheQueries); got != want {
		t.Errorf("after a same-size rewrite:\n%s", firstDifference(got, want))
	}
}

// Issue 19: a section whose length the file's size allows, but over a
// hole of a sparse file, is refused before it is read into memory: a cache
// claiming a 2 GB section costs neither the time nor the memory of one.
func TestASectionOverAHoleIsRefusedBeforeItIsRead(t *testing.T) {
	dir, store, _ := writtenCache(t)
	name := cacheFile(t, store)
	good, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	secs := sections(t, good)
	// The header as it is, then a library section that claims 2 GB, in a
	// file made that long by a hole.
	data := joinSections(secs[:1])
	var head [12]byte
	binary.LittleEndian.PutUint64(head[:8], 2<<30)
	data = append(data, head[:]...)
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(name, int64(len(data))+2<<30); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = store.Load(context.Background(), []string{dir}, nil, All)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "hole") {
		t.Errorf("got %v, want the section refused for its hole", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 256<<20 {
		t.Errorf("refusing it allocated %d MB", grew>>20)
	}
}

// A small archive's cache opens whole however little its similar-stories
// model holds: a model with no vectors still writes its arrays' lengths,
// and the copies after them were once read from the wrong place (every
// second start of a folder of three dumps said the cache was damaged).
func TestSmallArchivesOpenWhole(t *testing.T) {
	texts := []string{
		"The harbour story said things about ferries and boats.",
		"The harbour story said things about ferries and boats.",
		"Short.",
		"Night ferries to the islands start in June, the authority said.",
		"Volunteers cleared the cliff path after the storm on Sunday.",
		"",
	}
	for n := 1; n <= len(texts)+2; n++ {
		dir := t.TempDir()
		for i := range n {
			text := texts[i%len(texts)]
			writeFile(t, filepath.Join(dir, "2025-03-03", fmt.Sprintf("s%d.txt", i)),
				fmt.Sprintf("Headline number %d about the harbour\nPORTMERE, March 3 (Esker Wire) - %s\n", i, text))
		}
		cache := Cache{Dir: t.TempDir()}
		cold := loadCold(t, dir)
		if err := cache.Write([]string{dir}, nil, cold.lib, cold.ix, cold.sim); err != nil {
			t.Fatal(err)
		}
		for _, parts := range []Parts{Similarity | Copies, All} {
			w, err := cache.Open([]string{dir}, nil, parts)
			if err != nil {
				t.Fatalf("%d dumps, parts %b: %v", n, parts, err)
			}
			w.Similarity.Close()
		}
		w, err := cache.Load(context.Background(), []string{dir}, nil, All)
		if err != nil {
			t.Fatalf("%d dumps, a loading start: %v", n, err)
		}
		w.Settle()
		if got, want := describe(t, w.Library, w.Index, w.Similarity, nil), describe(t, cold.lib, cold.ix, cold.sim, nil); got != want {
			t.Errorf("%d dumps: warm differs from cold at %s", n, firstDifference(got, want))
		}
		w.Similarity.Close()
	}
}
