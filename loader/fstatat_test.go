//go:build linux || darwin || freebsd || netbsd || openbsd

package loader

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestFstatatIsUnixFstatat: what fstatat says of a file, a link (followed
// or not), a folder and a name that is not there is what unix.Fstatat
// says, and on the systems where it keeps the name in its buffer, a stat
// allocates nothing.
func TestFstatatIsUnixFstatat(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.txt", filepath.Join(dir, "to-a")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere", filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fd := int(f.Fd())
	var buf []byte
	for _, name := range []string{"a.txt", "to-a", "dangling", "sub", "missing", "a.txt\x00x", "", ".", "sub/..", "a-much-longer-name-than-the-ones-before-it-to-grow-the-buffer"} {
		for _, flags := range []int{0, unix.AT_SYMLINK_NOFOLLOW} {
			var got, want unix.Stat_t
			gotErr := fstatat(fd, name, &buf, &got, flags)
			wantErr := unix.Fstatat(fd, name, &want, flags)
			if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
				t.Errorf("%q flags %d: error %v, unix.Fstatat's %v", name, flags, gotErr, wantErr)
				continue
			}
			if got != want {
				t.Errorf("%q flags %d: stat %+v, unix.Fstatat's %+v", name, flags, got, want)
			}
		}
	}
	var st unix.Stat_t
	allocs := testing.AllocsPerRun(100, func() {
		if err := fstatat(fd, "a.txt", &buf, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			t.Fatal(err)
		}
	})
	if rawFstatat && allocs != 0 {
		t.Errorf("a stat allocated %v times", allocs)
	}
}
