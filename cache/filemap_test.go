package cache

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

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
