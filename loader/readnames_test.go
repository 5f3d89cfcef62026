package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readNames lists what os.ReadDir does, sorted, in folders of one name
// and of more than a listing buffer holds (names of every length up to
// the longest a file system allows, odd bytes in them), and reuses its
// buffers from one folder to the next without mixing them up.
func TestReadNamesIsReadDir(t *testing.T) {
	big := t.TempDir()
	for i := range 1500 {
		name := fmt.Sprintf("%04d_%s", i, strings.Repeat("x", i%200))
		switch i % 7 {
		case 1:
			name += " ünïcode ✓"
		case 2:
			name = ".hidden" + name
		case 3:
			name += "\n\tline"
		}
		writeFile(t, filepath.Join(big, name), "")
	}
	writeFile(t, filepath.Join(big, strings.Repeat("L", 255)), "")
	if err := os.Mkdir(filepath.Join(big, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	one, empty := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(one, "only.txt"), "")
	var b statBuffers
	for _, dir := range []string{big, one, empty, big, one} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, e := range entries {
			want = append(want, e.Name())
		}
		got, err := b.readNames(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d names, want %d; first difference at %d", dir, len(got), len(want), firstDifference(got, want))
		}
	}
	if _, err := b.readNames(filepath.Join(one, "only.txt")); err == nil {
		t.Error("a file listed as a folder")
	}
	if _, err := b.readNames(filepath.Join(one, "missing")); !os.IsNotExist(err) {
		t.Errorf("a missing folder: %v", err)
	}
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
