package spill

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"
)

// TestRecordsReadBackAsLastPut: records put in any order, some replaced,
// some longer than a write to the file, are read back as last put, in
// any order, by several readers, whether kept in a file or in memory; the
// file is gone from its folder as soon as it is made.
func TestRecordsReadBackAsLastPut(t *testing.T) {
	for _, dir := range []string{"", t.TempDir()} { // in memory, in a file
		r := rand.New(rand.NewPCG(1, 2))
		recs := InMemory()
		if dir != "" {
			recs = New(dir)
		}
		if recs.InFile() != (dir != "") {
			t.Fatalf("kept in %q: in a file %v", dir, recs.InFile())
		}
		if dir != "" {
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Fatalf("%d files left in the folder", len(left))
			}
		}
		want := put(t, r, recs, 3000, true)
		recs.Seal()
		for _, order := range [][]int{r.Perm(len(want)), seq(len(want))} {
			rd := recs.Reader()
			for _, i := range order {
				got, err := rd.Get(i)
				if err != nil || !bytes.Equal(got, want[i]) {
					t.Fatalf("kept in %q: record %d: %d bytes (%v), want %d", dir, i, len(got), err, len(want[i]))
				}
			}
		}
		if got, err := recs.Reader().Get(len(want) + 5); got != nil || err != nil {
			t.Errorf("a record never put: %q, %v", got, err)
		}
		recs.Close()
		if _, err := recs.Reader().Get(1); err == nil {
			t.Errorf("kept in %q: a record read after Close gave no error", dir)
		}
	}
}

// TestRecordsStayInMemoryWhenTheFileFails: once writing the file fails,
// the records not in it are kept in memory, and every record reads back.
func TestRecordsStayInMemoryWhenTheFileFails(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	recs := New(t.TempDir())
	want := put(t, r, recs, 1500, true)
	f := recs.f // swapped for a closed file while more are put
	dead, err := os.CreateTemp(t.TempDir(), "x")
	if err != nil {
		t.Fatal(err)
	}
	dead.Close()
	recs.f = dead
	more := put(t, r, recs, 1500, false) // the first flush fails
	if recs.InFile() {
		t.Fatal("writes to a closed file should fail")
	}
	recs.f = f
	recs.Seal()
	for i := range more {
		if more[i] != nil || i >= len(want) {
			continue
		}
		more[i] = want[i]
	}
	rd := recs.Reader()
	for i, w := range more {
		got, err := rd.Get(i)
		if err != nil || !bytes.Equal(got, w) {
			t.Fatalf("record %d: %d bytes (%v), want %d", i, len(got), err, len(w))
		}
	}
	recs.Close()
}

// put puts n records of random lengths (a few over flushAt) with random
// numbers below n, some twice, and returns each number's last; with
// check, records read back (Read) between puts as last put, whether
// written to the file yet or not.
func put(t *testing.T, r *rand.Rand, recs *Records, n int, check bool) [][]byte {
	t.Helper()
	want := make([][]byte, n)
	for range n {
		i := r.IntN(n)
		size := r.IntN(2000)
		if r.IntN(500) == 0 {
			size = flushAt + r.IntN(flushAt)
		}
		b := make([]byte, size)
		for k := range b {
			b[k] = byte(r.Uint32())
		}
		recs.Put(i, b)
		want[i] = b
		for _, k := range []int{i, r.IntN(n)} {
			if !check {
				break
			}
			if got, err := recs.Read(k); err != nil || !bytes.Equal(got, want[k]) {
				t.Fatalf("record %d read between puts: %d bytes (%v), want %d", k, len(got), err, len(want[k]))
			}
		}
	}
	return want
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
