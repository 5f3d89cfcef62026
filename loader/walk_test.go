package loader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidings/model"
)

const smallDump = "A headline long enough to be one\nA paragraph of the story.\n"

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func loadPaths(t *testing.T, paths ...string) (loaded []string, errs map[string]string) {
	t.Helper()
	errs = map[string]string{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, r := range LoadAll(context.Background(), Source{Paths: paths}, Options{Location: time.UTC}) {
			if r.Err != nil {
				errs[r.Path] = r.Err.Error()
			} else {
				loaded = append(loaded, r.Path)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("loading did not finish: a hang")
	}
	return loaded, errs
}

func TestWalkOrderHiddenAndLoops(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "2025-03-02", "b.txt"), smallDump)
	writeFile(t, filepath.Join(dir, "2025-03-02", "a.txt"), smallDump)
	writeFile(t, filepath.Join(dir, "2025-03-01", "z.txt"), smallDump)
	writeFile(t, filepath.Join(dir, ".hidden", "x.txt"), smallDump)
	writeFile(t, filepath.Join(dir, "2025-03-01", ".swap.txt"), smallDump)
	// A loop: a link back to the top, and a link to itself.
	if err := os.Symlink(dir, filepath.Join(dir, "2025-03-01", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("self", filepath.Join(dir, "self")); err != nil {
		t.Fatal(err)
	}
	loaded, errs := loadPaths(t, dir)
	want := []string{"2025-03-01/z.txt", "2025-03-02/a.txt", "2025-03-02/b.txt"}
	var got []string
	for _, p := range loaded {
		got = append(got, strings.TrimPrefix(p, dir+"/"))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("loaded %q, want %q", got, want)
	}
	if reason := errs[filepath.Join(dir, "self")]; !strings.Contains(reason, "symbolic link to self") {
		t.Fatalf("the self link was reported as %q", reason)
	}
}

// A link to a file that is not there says where it points: that is what
// to fix.
func TestABrokenLinkNamesItsTarget(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), smallDump)
	if err := os.Symlink("../elsewhere/gone.txt", filepath.Join(dir, "b.txt")); err != nil {
		t.Fatal(err)
	}
	_, errs := loadPaths(t, dir)
	reason := errs[filepath.Join(dir, "b.txt")]
	if !strings.Contains(reason, "symbolic link to ../elsewhere/gone.txt") || !strings.Contains(reason, "no such file") {
		t.Fatalf("the broken link was reported as %q", reason)
	}
}

func TestOversizedAndMissingFilesAreReported(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: the size is checked before anything is read.
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	writeFile(t, filepath.Join(dir, "ok.txt"), smallDump)
	loaded, errs := loadPaths(t, dir, filepath.Join(dir, "missing.txt"))
	if len(loaded) != 1 {
		t.Fatalf("loaded %q", loaded)
	}
	if !strings.Contains(errs[big], "larger than the 64 MiB limit") {
		t.Fatalf("big file: %q", errs[big])
	}
	if !strings.Contains(errs[filepath.Join(dir, "missing.txt")], "no such file") {
		t.Fatalf("missing file: %q", errs)
	}
}

func TestUnreadableFileIsReported(t *testing.T) {
	// A read that fails, as it does for a file without permission (which a
	// root user, as in CI, cannot be denied) or on a failing disk.
	f := file{ref: model.FileRef{Path: "x.txt"}, read: func() ([]byte, error) { return nil, &os.PathError{Op: "open", Path: "x.txt", Err: os.ErrPermission} }}
	res := loadFile(f, time.UTC)
	if res.Err == nil || res.Err.Error() != "permission denied" {
		t.Fatalf("err = %v", res.Err)
	}
	if os.Geteuid() == 0 {
		return // permissions do not stop root; the case above covers it
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "secret.txt")
	writeFile(t, path, smallDump)
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	_, errs := loadPaths(t, dir)
	if errs[path] != "permission denied" {
		t.Fatalf("errs = %q", errs)
	}
}

func TestSaveDayFromFolderOrModTime(t *testing.T) {
	dir := t.TempDir()
	inFolder := filepath.Join(dir, "2025-03-02", "a.txt")
	flat := filepath.Join(dir, "flat.txt")
	writeFile(t, inFolder, smallDump)
	writeFile(t, flat, smallDump)
	mtime := time.Date(2025, 6, 7, 8, 9, 0, 0, time.UTC)
	os.Chtimes(flat, mtime, mtime)
	os.Chtimes(inFolder, mtime, mtime) // copied later: the folder's day wins
	results := LoadAll(context.Background(), Source{Paths: []string{dir}}, Options{Location: time.UTC})
	for _, r := range results {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		switch r.Path {
		case inFolder:
			if r.Dump.Day != "2025-03-02" || !r.Dump.SavedAtEstimate {
				t.Errorf("in folder: day %s, estimate %v", r.Dump.Day, r.Dump.SavedAtEstimate)
			}
		case flat:
			if !r.Dump.SavedAt.Equal(mtime) || r.Dump.SavedAtEstimate {
				t.Errorf("flat: saved %v, estimate %v", r.Dump.SavedAt, r.Dump.SavedAtEstimate)
			}
		}
	}
}

func TestCancelStopsLoading(t *testing.T) {
	dir := t.TempDir()
	for i := range 50 {
		writeFile(t, filepath.Join(dir, string(rune('a'+i%26))+strings.Repeat("x", i)+".txt"), smallDump)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan struct{})
	go func() {
		Load(ctx, Source{Paths: []string{dir}}, Options{}, func([]Result, Progress) {})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("a cancelled load did not return")
	}
}

// TestJoinerIsJoin: the walk's quicker join of a folder and a listed name
// is filepath.Join's, for folders clean or not, relative, or the root.
func TestJoinerIsJoin(t *testing.T) {
	for _, dir := range []string{"/", "/tmp", "/tmp/dumps/2025-03-03", "dumps", "dumps/", "./dumps", "/tmp//x/../y", ".", "..", "a/./b"} {
		for _, name := range []string{"a.txt", "2025-03-03", "…ü.md", " x "} {
			if got, want := joiner(dir)(name), filepath.Join(dir, name); got != want {
				t.Errorf("joiner(%q)(%q) = %q, want %q", dir, name, got, want)
			}
		}
	}
}

// TestWalkedPathsOutliveTheListing: the names a folder's listing gives are
// views of a buffer the next folder's listing writes over, so every path
// and walk order the walk hands out must be a string of its own. Walked
// as a clean path, as "." and as an unclean one, then a folder beside it,
// folders of names of other lengths one after the other, the files found
// afterwards are the ones on disk, each path naming its own file.
func TestWalkedPathsOutliveTheListing(t *testing.T) {
	root, other := t.TempDir(), t.TempDir()
	want := map[string]bool{}
	for d, folder := range []string{"", "2025-03-01", "2025-03-02", "an-older-folder", "z"} {
		for i := range 40 + d*7 {
			name := strings.Repeat(string(rune('a'+d)), 1+(i*5+d)%23) + "-" + string(rune('0'+i%10)) + ".txt"
			writeFile(t, filepath.Join(root, folder, name), smallDump)
			want[filepath.Join(root, folder, name)] = true
			writeFile(t, filepath.Join(other, folder, "other-"+name), smallDump)
			want[filepath.Join(other, folder, "other-"+name)] = true
		}
	}
	t.Chdir(root)
	for _, arg := range []string{root, ".", "./2025-03-01/../"} {
		var found []Found
		Walk([]string{arg, other}, func(f Found) { found = append(found, f) })
		got := map[string]bool{}
		for _, f := range found {
			path := f.Path
			if !filepath.IsAbs(path) {
				path = filepath.Join(root, path)
			}
			if f.Skip != nil {
				t.Errorf("walking %q: %q: %v", arg, f.Path, f.Skip)
				continue
			}
			got[path] = true
			if !strings.HasSuffix(f.Order, filepath.Base(f.Path)) {
				t.Errorf("walking %q: %q has walk order %q", arg, f.Path, f.Order)
			}
		}
		if len(got) != len(want) || len(found) != len(want) {
			t.Errorf("walking %q: %d files, %d paths, want %d", arg, len(found), len(got), len(want))
		}
		for p := range want {
			if !got[p] {
				t.Errorf("walking %q: %q not found", arg, p)
			}
		}
	}
}
