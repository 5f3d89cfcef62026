package codec

import (
	"os"
	"path/filepath"
	"testing"
)

// A section of two arrays read in place, mapped from b (here a file read
// into memory; the release calls are what a map would be told).
func mappedArrays(t *testing.T, n int) (b []byte, released *[][2]int64, r *Reader) {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := make([]uint32, n)
	for i := range a {
		a[i] = uint32(i)
	}
	if err := WriteSection(f, func(w *Writer) { WriteArray(w, a); WriteArray(w, a) }); err != nil {
		t.Fatal(err)
	}
	if b, err = os.ReadFile(f.Name()); err != nil {
		t.Fatal(err)
	}
	released = new([][2]int64)
	r, _, err = MapSection(b, 0, func(from, to int64) { *released = append(*released, [2]int64{from, to}) })
	if err != nil {
		t.Fatal(err)
	}
	*released = nil // the checksum's
	return b, released, r
}

func TestHandBackReleasesTheStretchReadThrough(t *testing.T) {
	b, released, r := mappedArrays(t, 1000)
	first, at := ReadUint32sAt(r)
	second := ReadUint32s(r)
	if first.Len() != 1000 || second.Len() != 1000 || second.At(999) != 999 {
		t.Fatalf("arrays of %d and %d", first.Len(), second.Len())
	}
	*released = nil // what Take handed back
	r.HandBack(first[400:800])
	if len(*released) != 1 {
		t.Fatalf("released %v, want one stretch", *released)
	}
	got := (*released)[0]
	if want := [2]int64{at + 400, at + 800}; got != want {
		t.Errorf("released %v of the file, want %v", got, want)
	}
	if string(b[got[0]:got[1]]) != string(first[400:800]) {
		t.Error("the stretch released is not the one handed back")
	}
	*released = nil
	r.HandBack(make([]byte, 10)) // not the payload's
	r.HandBack(nil)
	if len(*released) != 0 {
		t.Errorf("released %v for memory not in the payload", *released)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestHandBackOfAPayloadInMemoryDoesNothing(t *testing.T) {
	b := []byte{3, 1, 2, 3}
	r := NewReader(b)
	r.HandBack(b[1:]) // no mapping: nothing to release, and no panic
	if r.Uint() != 3 || r.Err() != nil {
		t.Fatal("the payload was changed")
	}
}

// TestASectionsCheckHandsBackAllItSummed: as its checksum is summed a
// stretch at a time, a mapped section hands back after each stretch
// every page summed so far, not the stretch alone: reading a stretch
// maps in pages around it (fault-around, or a whole large folio of a
// file just written), some of them the stretches' before it.
func TestASectionsCheckHandsBackAllItSummed(t *testing.T) {
	payload := make([]byte, 3*releaseEvery+12345)
	for i := range payload {
		payload[i] = byte(i)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(make([]byte, 100)); err != nil {
		t.Fatal(err)
	}
	if err := WriteSection(f, func(w *Writer) { w.Bytes(payload) }); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	var released [][2]int64
	_, n, err := MapSection(b, 100, func(from, to int64) { released = append(released, [2]int64{from, to}) })
	if err != nil {
		t.Fatal(err)
	}
	start, size := int64(112), n-12
	want := (size + releaseEvery - 1) / releaseEvery
	if int64(len(released)) != want {
		t.Fatalf("%d hand-backs, want one a stretch (%d): %v", len(released), want, released)
	}
	for i, r := range released {
		if end := min(int64(i+1)*releaseEvery, size); r != [2]int64{start, start + end} {
			t.Errorf("hand-back %d: %v, want everything summed, [%d, %d)", i, r, start, start+end)
		}
	}
}
