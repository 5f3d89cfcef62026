package state

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fullDisk mounts a small tmpfs at a new folder and returns it, skipping the
// test when that is not possible (it takes root, or CAP_SYS_ADMIN).
func fullDisk(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skipf("a full disk is simulated with a small tmpfs, which only root may mount (euid %d)", os.Geteuid())
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("a full disk is simulated with a small tmpfs, and mounting one failed: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fill writes a file until the disk is full, then frees room bytes.
func fill(t *testing.T, dir string, room int64) string {
	t.Helper()
	name := filepath.Join(dir, "filler")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(max(0, info.Size()-room)); err != nil {
		t.Fatal(err)
	}
	return name
}

// Issue 9, item 18: with the disk full, a mark fails within moments, saying
// why, rather than being retried like a lock for 15 s; the marks already
// saved are intact once there is room again.
func TestFullDiskFailsFast(t *testing.T) {
	for _, room := range []int64{0, 40 << 10} {
		t.Run(fmt.Sprintf("%d KiB free", room>>10), func(t *testing.T) {
			dir := fullDisk(t)
			path := filepath.Join(dir, "state.db")
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			s.Apply(Change{ID: "saved", Kind: Read, At: t0})
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			filler := fill(t, dir, room)

			start := time.Now()
			s, err = Open(path) // as `tidings mark` does
			if err == nil {
				for i := range 100 {
					s.Apply(Change{ID: fmt.Sprintf("%0200d", i), Kind: Read})
				}
				err = s.Close()
			}
			elapsed := time.Since(start)
			t.Logf("after %v: %v", elapsed, err)
			if err == nil {
				t.Fatal("marks saved on a full disk")
			}
			if elapsed > 3*time.Second {
				t.Errorf("failing took %v", elapsed)
			}
			if !strings.Contains(err.Error(), "full") || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not say the disk is full and which file", err)
			}

			if err := os.Remove(filler); err != nil {
				t.Fatal(err)
			}
			again, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			if marks := mustMarks(t, again); !marks["saved"].Read {
				t.Errorf("the saved mark is gone: %v", marks)
			}
		})
	}
}
