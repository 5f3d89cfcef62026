package loader

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestMaildirTmpIsNotRead: a message in a Maildir's tmp/ is still being
// delivered; neither the walk nor the watcher's folder scan reads it, while
// a folder named tmp elsewhere is read as any other.
func TestMaildirTmpIsNotRead(t *testing.T) {
	dir := t.TempDir()
	msg, err := os.ReadFile("../testdata/formats/Maildir/new/1741078800.M2P4242.home")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"Mail/new/1.home", "Mail/tmp/2.home", "notes/tmp/3.eml"} {
		path := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, msg, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "Mail", "cur"), 0o755); err != nil {
		t.Fatal(err)
	}
	var loaded []string
	for _, r := range LoadAll(context.Background(), Source{Paths: []string{dir}}, Options{}) {
		rel, _ := filepath.Rel(dir, r.Path)
		loaded = append(loaded, rel)
	}
	if want := []string{"Mail/new/1.home", "notes/tmp/3.eml"}; !slices.Equal(loaded, want) {
		t.Errorf("walked %q, want %q", loaded, want)
	}
	var folders []string
	eachFolder(dir, func(f string) {
		rel, _ := filepath.Rel(dir, f)
		folders = append(folders, rel)
	}, nil)
	if slices.Contains(folders, "Mail/tmp") || !slices.Contains(folders, "notes/tmp") {
		t.Errorf("watched folders %q", folders)
	}
}
