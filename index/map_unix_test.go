//go:build unix

package index

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"tidings/internal/testkit"
	"tidings/model"
)

// mapReadOnly maps a file holding data, read-only, so that a write to it
// faults.
func mapReadOnly(t testing.TB, data []byte) []byte {
	t.Helper()
	name := filepath.Join(t.TempDir(), "payload")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := syscall.Mmap(int(f.Fd()), 0, len(data), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Munmap(m) })
	return m
}

// The index decoded from its payload holds the payload's memory, not a
// copy; a read-only map of it serves matching, updates and compaction,
// which must never write to it (a write would fault the test).
func TestDecodeFromReadOnlyMapInPlace(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 7))
	arts, ix := updatedCorpus(r, 3000)
	payload := encoded(t, ix)
	mapped := mapReadOnly(t, payload)
	got, err := DecodeFrom(mapped, len(arts))
	if err != nil {
		t.Fatal(err)
	}
	start := uintptr(unsafe.Pointer(&mapped[0]))
	inMap := func(p unsafe.Pointer) bool { return uintptr(p) >= start && uintptr(p) < start+uintptr(len(mapped)) }
	for _, sh := range got.shards {
		if len(sh.ids) > 0 && !inMap(unsafe.Pointer(&sh.ids[0])) || len(sh.bits) > 0 && !inMap(unsafe.Pointer(&sh.bits[0])) {
			t.Fatal("the postings were copied out of the map")
		}
	}
	sameAnswers(t, r, got, ix)
	var touched []*model.Article
	for range 300 {
		a := arts[r.IntN(len(arts))]
		a.Headline = "voshi " + a.Headline
		touched = append(touched, a)
	}
	arts[7].SetPages(nil) // gone
	touched = append(touched, arts[7])
	pending := PendingOf(libOf(arts), touched)
	sameAnswers(t, r, got.Update(len(arts), pending), ix.Update(len(arts), pending))
	sameAnswers(t, r, got.Update(len(arts), pending).Compact(), ix.Update(len(arts), pending))
	sameAnswers(t, r, got.Compact(), ix)
}

// BenchmarkIndexDecode decodes the benchmark index from its payload, as
// the cache holds it, mapped: heap-KB is what the decoded index takes of
// the heap; payload-MB is the payload, which a cache read into memory
// (codec.OpenSection) holds in the heap as well.
func BenchmarkIndexDecode(b *testing.B) {
	ix := benchKeysIndex(b)
	payload := encoded(b, ix)
	mapped := mapReadOnly(b, payload)
	for b.Loop() {
		if _, err := DecodeFrom(mapped, ix.Len()); err != nil {
			b.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, _ := DecodeFrom(mapped, ix.Len())
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/1024, "heap-KB")
	b.ReportMetric(float64(len(payload))/(1<<20), "payload-MB")
	runtime.KeepAlive(got)
}

// TestAMappedIndexWrittenOverFailsAsAnError: an index held in a map
// (HoldMap) whose file is written over in place, every reference of its
// vocabulary now out of range, fails as an error (Err) wherever it is
// read, never a panic; and the map is let go of once the index is not
// reachable.
func TestAMappedIndexWrittenOverFailsAsAnError(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	arts, ix := updatedCorpus(r, 2000)
	payload := encoded(t, ix)
	name := filepath.Join(t.TempDir(), "payload")
	if err := os.WriteFile(name, payload, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := syscall.Mmap(int(f.Fd()), 0, len(payload), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeFrom(m, len(arts))
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	got.HoldMap(func() {
		syscall.Munmap(m)
		close(released)
	})
	sameAnswers(t, r, got, ix)
	if got.Err() != nil {
		t.Fatal(got.Err())
	}
	// The second half of the payload, 0xff bytes: word ends, postings and
	// counts far past the arrays they index.
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xff}, len(payload)/2), int64(len(payload)/2)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"a", "the", "e", "s"} {
		got.Match(q)
	}
	q := ParseQuery("the", time.Now())
	if found := got.Find(arts, &q); found != nil || !errors.Is(got.Err(), ErrMapChanged) {
		t.Fatalf("after the file was written over: %v, error %v", found, got.Err())
	}
	if got.Update(len(arts), nil).Err() == nil || got.Compact().Err() == nil {
		t.Error("an index made from the failed one did not fail")
	}
	got = nil
	testkit.WaitFor(t, "the map let go of", func() bool {
		runtime.GC()
		select {
		case <-released:
			return true
		default:
			return false
		}
	})
}
