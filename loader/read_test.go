package loader

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"tidings/internal/testkit"
	"tidings/model"
)

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
}

// TestReadRefusesFIFOWithoutBlocking: opening a named pipe waits for a
// writer that never comes; the read must refuse it at once (issue 9, item 5).
func TestReadRefusesFIFOWithoutBlocking(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.txt")
	mkfifo(t, fifo)
	var err error
	testkit.Within(t, "reading a named pipe", func() { _, err = readOSFile(fifo) })
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("err = %v", err)
	}
}

// TestReadRefusesDevZero: a device never ends; it is refused before a
// byte is read (issue 9, item 6).
func TestReadRefusesDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	link := filepath.Join(t.TempDir(), "zero.txt")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/dev/zero", link} {
		var err error
		testkit.Within(t, "reading "+path, func() { _, err = readOSFile(path) })
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("%s: err = %v", path, err)
		}
	}
}

// endless is a file that claims to be small and never ends, like the files
// of /proc or a file swapped for a device between the size check and the
// read.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestReadStopsAtTheLimit: whatever a file claims its size is, no more than
// the limit and one byte is read (issue 9, item 6).
func TestReadStopsAtTheLimit(t *testing.T) {
	var err error
	testkit.Within(t, "reading an endless file", func() { _, err = readLimited(endless{}, 10, 1000) })
	if err == nil || !strings.Contains(err.Error(), "over") {
		t.Fatalf("endless file: err = %v", err)
	}
	for _, n := range []int{0, 1, 999, 1000} {
		data, err := readLimited(bytes.NewReader(make([]byte, n)), 10, 1000)
		if err != nil || len(data) != n {
			t.Errorf("%d bytes: read %d, err %v", n, len(data), err)
		}
	}
	if _, err := readLimited(bytes.NewReader(make([]byte, 1001)), 2000, 1000); err == nil {
		t.Error("a file one byte over the limit was read")
	}
	if _, err := readLimited(io.MultiReader(strings.NewReader("x"), iotestErr{}), 1, 1000); err == nil {
		t.Error("a read error was lost")
	}
}

type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

// TestFileSwappedAfterTheWalk: the walk saw a plain file; by the time it is
// read it is a named pipe, a link to /dev/zero or a huge file. Each is
// refused, quickly, with the reason (issue 9, items 5 and 6).
func TestFileSwappedAfterTheWalk(t *testing.T) {
	dir := t.TempDir()
	swaps := map[string]func(path string){
		"fifo": func(path string) { mkfifo(t, path) },
		"zero": func(path string) {
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Fatal(err)
			}
		},
		"folder": func(path string) {
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		},
		"huge": func(path string) {
			writeFile(t, path, smallDump)
			if err := os.Truncate(path, MaxFileSize+1); err != nil {
				t.Fatal(err)
			}
		},
	}
	want := map[string]string{"fifo": "not a regular file", "zero": "not a regular file", "folder": "not a regular file", "huge": "larger than the 64 MiB limit"}
	for name, swap := range swaps {
		path := filepath.Join(dir, name+".txt")
		writeFile(t, path, smallDump)
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		f := osFile(model.FileRef{Key: path, Path: path}, info, time.Time{})
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		swap(path)
		var res Result
		testkit.Within(t, "loading "+name, func() { res = loadFile(f, time.UTC) })
		if res.Err == nil || !strings.Contains(res.Err.Error(), want[name]) {
			t.Errorf("%s: err = %v, want %q", name, res.Err, want[name])
		}
	}
}

// TestWalkReportsSpecialFiles: named pipes, sockets and devices in a folder
// are listed among the skipped files with the reason, not dropped silently
// (issue 9, item 9).
func TestWalkReportsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ok.txt"), smallDump)
	mkfifo(t, filepath.Join(dir, "fifo"))
	special := []string{filepath.Join(dir, "fifo"), filepath.Join(dir, "null")}
	if err := os.Symlink("/dev/null", filepath.Join(dir, "null")); err != nil {
		t.Fatal(err)
	}
	if l, err := net.Listen("unix", filepath.Join(dir, "sock")); err == nil {
		defer l.Close()
		special = append(special, filepath.Join(dir, "sock"))
	}
	// A named pipe given by name, as well as one found in the folder.
	argFIFO := filepath.Join(t.TempDir(), "given")
	mkfifo(t, argFIFO)
	special = append(special, argFIFO)
	loaded, errs := loadPaths(t, dir, argFIFO)
	if len(loaded) != 1 {
		t.Fatalf("loaded %q", loaded)
	}
	for _, path := range special {
		if !strings.HasPrefix(errs[path], "not a regular file") {
			t.Errorf("%s: reported as %q", filepath.Base(path), errs[path])
		}
	}
}

// TestFolderSwappedAfterItsStat: the walk saw a folder; by the time it
// lists it the name is a named pipe, whose open would wait for a writer.
func TestFolderSwappedAfterItsStat(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "2025-03-03")
	mkfifo(t, fifo)
	var got []file
	testkit.Within(t, "listing a named pipe as a folder", func() {
		walkDir(fifo, rootOrder(0), map[string]bool{}, func(f file) { got = append(got, f) })
	})
	if len(got) != 1 || got[0].ref.Path != fifo || got[0].skipErr == nil {
		t.Fatalf("walk gave %+v", got)
	}
}
