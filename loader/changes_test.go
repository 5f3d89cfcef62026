package loader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tidings/model"
)

// A folder that can no longer be listed (here a day folder replaced by a
// link to nowhere; an unreadable one goes the same way, which tests run
// as root cannot make) is a skipped file with its reason, and its files
// are gone from the library, as a cold start would have it.
func TestRescanOfAFolderThatCannotBeListed(t *testing.T) {
	dir := t.TempDir()
	day := filepath.Join(dir, "2025-03-03")
	for _, name := range []string{"a.txt", "b.txt"} {
		writeFile(t, filepath.Join(day, name), "Harbour story "+name+"\nIt happened on the quay.\n")
	}
	lib := model.NewLibrary()
	AddTo(lib, LoadAll(context.Background(), Source{Paths: []string{dir}}, Options{}))
	if len(lib.Pages) != 2 {
		t.Fatalf("%d pages", len(lib.Pages))
	}
	if err := os.RemoveAll(day); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), day); err != nil {
		t.Fatal(err)
	}
	c, err := Rescan(context.Background(), lib, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Skipped) != 1 || c.Skipped[0].Path != day || !strings.Contains(c.Skipped[0].Reason, "no such file") {
		t.Errorf("skipped %+v, want the day folder with its reason", c.Skipped)
	}
	if len(c.Removed) != 2 {
		t.Errorf("removed %v, want the folder's two files", c.Removed)
	}
}
