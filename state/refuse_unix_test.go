//go:build unix

package state

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Issue 9, item 7: a FIFO would block the first read for ever, so the type
// of what the path names is checked before anything opens it.
func TestNotARegularFileIsRefused(t *testing.T) {
	cases := map[string]func(t *testing.T, path string){
		"a FIFO": func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Skipf("cannot make a FIFO here: %v", err)
			}
		},
		"a symbolic link to a FIFO": func(t *testing.T, path string) {
			fifo := filepath.Join(t.TempDir(), "fifo")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skipf("cannot make a FIFO here: %v", err)
			}
			if err := os.Symlink(fifo, path); err != nil {
				t.Fatal(err)
			}
		},
		"a symbolic link to a device": func(t *testing.T, path string) {
			if err := os.Symlink(os.DevNull, path); err != nil {
				t.Fatal(err)
			}
		},
		"a folder": func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, makePath := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			makePath(t, path)
			checkRefused(t, path, ErrCorrupt, "not a regular file")
		})
	}
}
