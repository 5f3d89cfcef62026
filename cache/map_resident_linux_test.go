package cache

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"tidings/internal/codec"
)

// mappedPages counts the pages of b that are in the process's resident
// set (the "present" bit of /proc/self/pagemap): for a file's map, those
// it touched and has not handed back, whatever the page cache holds.
func mappedPages(t *testing.T, b []byte) int {
	t.Helper()
	pm, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Skipf("no pagemap to read the resident set from: %v", err)
	}
	defer pm.Close()
	page := uintptr(os.Getpagesize())
	first := uintptr(unsafe.Pointer(&b[0])) / page
	last := (uintptr(unsafe.Pointer(&b[0])) + uintptr(len(b)) - 1) / page
	entries := make([]byte, (last-first+1)*8)
	if _, err := pm.ReadAt(entries, int64(first*8)); err != nil {
		t.Skipf("pagemap: %v", err)
	}
	n := 0
	for i := 0; i < len(entries); i += 8 {
		if binary.LittleEndian.Uint64(entries[i:])>>63 == 1 {
			n++
		}
	}
	return n
}

// TestACheckedSectionLeavesNoPageMapped: checking a long section (its
// checksum read through, as a snapshot's pages' copies are, which are
// then read a page at a time when a change needs them) leaves none of
// its pages in the reader's resident set, though the kernel maps in the
// pages around each one read (fault-around), some of them already handed
// back. The section starts at an odd place, as sections do.
func TestACheckedSectionLeavesNoPageMapped(t *testing.T) {
	name := filepath.Join(t.TempDir(), "s")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const before = 4096*3 + 1234
	if _, err := f.Write(make([]byte, before)); err != nil {
		t.Fatal(err)
	}
	payload := make([]byte, 12<<20+777)
	for i := range payload {
		payload[i] = byte(i * 7)
	}
	if err := codec.WriteSection(f, func(w *codec.Writer) { w.Bytes(payload) }); err != nil {
		t.Fatal(err)
	}
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	fm, err := mapFile(f, info.Size())
	if err != nil {
		t.Fatal(err)
	}
	defer fm.unmap()
	_, n, err := codec.MapSection(fm.b, before, fm.release)
	if err != nil {
		t.Fatal(err)
	}
	if n != info.Size()-before {
		t.Fatalf("section of %d bytes, the file has %d after its start", n, info.Size()-before)
	}
	if got := mappedPages(t, fm.b[before:]); got != 0 {
		t.Errorf("%d pages of the section mapped after its check, want none", got)
	}
}
