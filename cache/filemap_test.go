package cache

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"tidings/index"
	"tidings/internal/codec"
)

// TestACacheCutShortWhileReadIsAnError: a snapshot file truncated after it
// was mapped and before (or while) it is read makes the read fail with
// damage, the program going on: a read of a page the file no longer has
// faults, and the fault becomes an error. Cut to nothing, the very first
// read faults, which says so; the start then loads cold.
func TestACacheCutShortWhileReadIsAnError(t *testing.T) {
	dir, store, cold := writtenCache(t)
	names, _ := filepath.Glob(filepath.Join(store.Dir, "*"+suffix))
	if len(names) != 1 {
		t.Fatalf("%d cache files", len(names))
	}
	good, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { whileMapped = nil })
	for _, cut := range []int64{0, 12, 4096, int64(len(good)) / 3, int64(len(good)) / 2, int64(len(good)) - 1} {
		whileMapped = func() {
			if err := os.Truncate(names[0], cut); err != nil {
				t.Error(err)
			}
		}
		for _, parts := range []Parts{0, All} {
			if err := os.WriteFile(names[0], good, 0o600); err != nil {
				t.Fatal(err)
			}
			w, err := store.Open([]string{dir}, nil, parts)
			if err == nil {
				w.Similarity.Close()
				t.Fatalf("cut to %d bytes while read, parts %b: the snapshot was believed", cut, parts)
			}
			if !errors.Is(err, codec.ErrDamaged) {
				t.Errorf("cut to %d bytes while read: %v, want damage", cut, err)
			}
			if cut == 0 && !errors.Is(err, errChanged) {
				t.Errorf("cut to nothing while read: %v, want %v", err, errChanged)
			}
		}
	}
	whileMapped = nil

	// Whole again, it is read as it was written.
	if err := os.WriteFile(names[0], good, 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := store.Load(context.Background(), []string{dir}, nil, All)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Similarity.Close()
	w.Settle()
	if got, want := answers(t, w.Library, w.Index, w.Similarity, cacheQueries), answers(t, cold.lib, cold.ix, cold.sim, cacheQueries); got != want {
		t.Errorf("the cache read again differs from a cold load:\n%s", firstDifference(got, want))
	}
}

// TestTheIndexInTheMapFailsAsAnError: the filter index of a warm start is
// read where it lies in the map of the cache file, for as long as it is
// used. The file cut short under it, or written over in place, makes what
// reads it (a query, an update, a compaction, writing the cache) fail as
// an error (index.Err, a query without an answer, a cache not written),
// never a crash; until then it answers as the cold index does.
func TestTheIndexInTheMapFailsAsAnError(t *testing.T) {
	dir, store, cold := writtenCache(t)
	name := cacheFile(t, store)
	good, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	secs := sections(t, good)
	indexAt := int64(0) // the index section's offset: after the header, library, links and padding
	for _, s := range secs[:4] {
		indexAt += 12 + int64(len(s))
	}
	if (indexAt+12)%8 != 0 {
		t.Fatalf("the index's payload starts at %d, not on 8 bytes", indexAt+12)
	}
	page := int64(os.Getpagesize())
	changes := map[string]func() error{
		"cut to nothing":       func() error { return os.Truncate(name, 0) },
		"cut before the index": func() error { return os.Truncate(name, indexAt/page*page) },
		"written over": func() error {
			f, err := os.OpenFile(name, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt(bytes.Repeat([]byte{0xff}, len(good)-int(indexAt)), indexAt)
			return err
		},
	}
	mustFail := map[string]bool{"cut to nothing": true, "cut before the index": true}
	for how, change := range changes {
		if err := os.WriteFile(name, good, 0o600); err != nil {
			t.Fatal(err)
		}
		w, err := store.Open([]string{dir}, nil, All)
		if err != nil {
			t.Fatal(err)
		}
		lib, ix := w.Library, w.Index
		if ix.Err() != nil || ix.Shards() == 0 {
			t.Fatalf("%s: a whole index: %v, %d shards", how, ix.Err(), ix.Shards())
		}
		for _, query := range cacheQueries {
			q := index.ParseQuery(query, time.Now())
			if got, want := ix.Find(lib.Articles, &q), cold.ix.Find(cold.lib.Articles, &q); got == nil || want == nil || !slices.Equal(got.Set, want.Set) {
				t.Fatalf("%s: %q before the change: %v, want %v", how, query, got, want)
			}
		}
		if err := change(); err != nil {
			t.Fatal(err)
		}
		for _, query := range cacheQueries {
			q := index.ParseQuery(query, time.Now())
			found := ix.Find(lib.Articles, &q)
			ix.Match(query)
			if mustFail[how] && (found != nil || !errors.Is(ix.Err(), index.ErrMapChanged)) {
				t.Errorf("%s: %q answered %v, index error %v", how, query, found, ix.Err())
			}
		}
		updated := ix.Update(len(lib.Articles), index.PendingOf(lib, lib.Articles[:3]))
		compacted := updated.Compact()
		if mustFail[how] && (updated.Err() == nil || compacted.Err() == nil) {
			t.Errorf("%s: an update or compaction of the failed index did not fail", how)
		}
		err = Cache{Dir: t.TempDir()}.Write([]string{dir}, nil, lib, compacted, w.Similarity)
		if mustFail[how] && !errors.Is(err, index.ErrMapChanged) {
			t.Errorf("%s: writing the failed index: %v", how, err)
		}
		w.Similarity.Close()
	}
}
