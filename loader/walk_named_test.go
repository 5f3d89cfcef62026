package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"tidings/model"
)

// A walk with a namer finds what a walk without one does, and names each
// file the namer knows, reached the way it was (the same path and walk
// order), with the namer's own strings: no new ones for it. A file it
// does not know, one reached another way (under a link to its folder,
// under another argument), or one the namer names otherwise, gets its own.
func TestWalkNamedUsesKnownNames(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"2025-03-01/a.txt", "2025-03-01/b.txt", "2025-03-02/c.txt", "2025-03-02/new.txt", "top.txt"} {
		writeFile(t, filepath.Join(root, p), smallDump)
	}
	if err := os.Symlink(filepath.Join(root, "2025-03-02"), filepath.Join(root, "linked")); err != nil {
		t.Fatal(err)
	}
	args := []string{root, filepath.Join(root, "2025-03-01", "a.txt")}
	var plain []Found
	Walk(args, func(f Found) { plain = append(plain, f) })
	known := map[string]model.FileRef{}
	for _, f := range plain {
		if _, twice := known[f.Key]; !twice && filepath.Base(f.Path) != "new.txt" {
			known[f.Key] = model.FileRef{Key: f.Key, Path: f.Path, Order: f.Order}
		}
	}
	// Named otherwise: the walk's own order wins.
	b := filepath.Join(root, "2025-03-01", "b.txt")
	known[b] = model.FileRef{Key: b, Path: b, Order: "elsewhere"}
	asked := 0
	var named []Found
	WalkNamed(args, func(key []byte) (model.FileRef, bool) {
		asked++
		r, ok := known[string(key)]
		return r, ok
	}, func(f Found) { named = append(named, f) })
	if len(named) != len(plain) || asked == 0 {
		t.Fatalf("%d files with a namer (asked %d times), %d without", len(named), asked, len(plain))
	}
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	reused := 0
	for i, f := range named {
		p := plain[i]
		if f.Key != p.Key || f.Path != p.Path || f.Order != p.Order || !f.Stamp.Same(p.Stamp) || (f.Skip == nil) != (p.Skip == nil) {
			t.Errorf("named %+v, plain %+v", f, p)
		}
		k, ok := known[f.Key]
		shares := ok && same(f.Key, k.Key) && same(f.Path, k.Path) && same(f.Order, k.Order)
		// (A file named as an argument is not in a folder the walk lists.)
		want := ok && f.Path == k.Path && f.Order == k.Order && strings.Contains(f.Order, "\x00")
		if shares != want {
			t.Errorf("%s (order %q): shares the namer's strings %v, want %v", f.Path, f.Order, shares, want)
		}
		if shares {
			reused++
		}
	}
	// a.txt, c.txt, top.txt under the root; not new.txt, b.txt, the
	// files under the link, nor a.txt as an argument of its own.
	if reused != 3 {
		t.Errorf("%d files named with known strings, want 3", reused)
	}
}
