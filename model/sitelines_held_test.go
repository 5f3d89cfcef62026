package model

import (
	"bytes"
	"cmp"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"tidings/internal/codec"
)

// heldPages are pages whose lines make one site line (tipLine, five
// stories on two days) and count others that are no site's (a line in two
// stories, another in one).
func heldPages() []*Dump {
	var dumps []*Dump
	for i := range 6 {
		paragraphs := []string{own(i), tipLine}
		if i < 2 {
			paragraphs = append(paragraphs, "Ferry timetables are posted on the quay.")
		}
		dumps = append(dumps, sitePage(i, "Esker Wire", days(i, true), unrelatedHeadlines[i], paragraphs...))
	}
	return dumps
}

// countsOf is what c counts, each line's copies in one order, for
// comparing counts made in different orders.
func countsOf(c *siteCounts) (map[uint64][]lineCopies, map[uint64]headlineWordsOf) {
	lines := map[uint64][]lineCopies{}
	for k, list := range c.lines {
		list = slices.Clone(list)
		for i := range list {
			list[i].source = 0 // numbered in the order met; one source here
		}
		slices.SortFunc(list, func(a, b lineCopies) int {
			return cmp.Or(cmp.Compare(a.headline, b.headline), cmp.Compare(a.day, b.day))
		})
		lines[k] = list
	}
	heads := map[uint64]headlineWordsOf{}
	for k, h := range c.headlines {
		heads[k] = *h
	}
	return lines, heads
}

func sameCounts(t *testing.T, warm, cold *Library) {
	t.Helper()
	if warm.site.held != nil {
		t.Fatal("the counts are still in the file")
	}
	wl, wh := countsOf(warm.site)
	cl, ch := countsOf(cold.site)
	if !reflect.DeepEqual(wl, cl) || !reflect.DeepEqual(wh, ch) {
		t.Errorf("counts: warm %v %v, cold %v %v", wl, wh, cl, ch)
	}
	if !slices.Equal(warm.SiteLines().Lines(), cold.SiteLines().Lines()) {
		t.Errorf("learned: warm %q, cold %q", warm.SiteLines().Lines(), cold.SiteLines().Lines())
	}
}

// A library read back from a mapped snapshot knows the lines learned and
// leaves their counts in the file; the first change reads them back, and
// goes on from them as a cold load of the files as they are now counts.
func TestSiteCountsStayInTheSnapshotUntilAChange(t *testing.T) {
	dumps := heldPages()
	l := libraryOf(dumps...)
	warm := roundTrip(t, l)
	if warm.site.held == nil || warm.site.lines != nil || warm.site.headlines != nil {
		t.Fatal("the counts were read at the start")
	}
	if got, want := warm.SiteLines().Lines(), l.SiteLines().Lines(); len(want) != 1 || !slices.Equal(got, want) {
		t.Fatalf("learned %q, want %q", got, want)
	}
	warm.Apply(Changes{Removed: []string{dumps[0].Key}})
	sameCounts(t, warm, libraryOf(dumps[1:]...))
	if len(warm.Warnings) != 0 {
		t.Errorf("warnings: %v", warm.Warnings)
	}
	// An unchanged library writes the counts it left in the file as it
	// read them.
	if a, b := libraryBytes(t, l), libraryBytes(t, roundTrip(t, l)); !bytes.Equal(a, b) {
		t.Error("a warm library wrote other bytes than it read")
	}
}

// Counts that are not what the start read (the file rewritten or cut
// short under the reader) are counted again from the pages' copies: the
// change still reaches the lines learned as a cold load would, with a
// warning.
func TestSiteCountsChangedInTheFileAreCountedAgain(t *testing.T) {
	dumps := heldPages()
	l := libraryOf(dumps...)
	warm, f := roundTripFile(t, l)
	f.data[warm.site.held.at+int64(warm.site.held.n)/2] ^= 0xff
	warm.Apply(Changes{Removed: []string{dumps[2].Key}})
	sameCounts(t, warm, libraryOf(slices.Delete(slices.Clone(dumps), 2, 3)...))
	if len(warm.Warnings) != 1 || !strings.Contains(warm.Warnings[0].Reason, "site lines' counts") {
		t.Errorf("warnings: %v", warm.Warnings)
	}
	// Removed again, the line's fifth story came back: learned again.
	warm.Apply(Changes{Pages: []*Dump{dumps[2]}})
	sameCounts(t, warm, libraryOf(dumps...))

	// A file cut short loses the pages' copies too: each says so, and
	// nothing fails.
	warm, f = roundTripFile(t, l)
	f.data = f.data[:warm.site.held.at]
	warm.Apply(Changes{Removed: []string{dumps[2].Key}})
	if warm.site.held != nil || len(warm.Warnings) < 2 {
		t.Errorf("cut short: warnings %v", warm.Warnings)
	}
}

// The counts a mapped read judges are those a read into memory decodes.
func TestSiteCountsJudgedAsDecoded(t *testing.T) {
	l := libraryOf(heldPages()...)
	var w bytes.Buffer
	cw := codec.NewWriter(&w)
	l.site.encode(cw)
	if err := cw.Flush(); err != nil {
		t.Fatal(err)
	}
	judged, ok := judgeSiteCounts(w.Bytes())
	r := codec.NewReader(w.Bytes())
	decoded := decodeSiteCounts(r)
	if !ok || r.Close() != nil {
		t.Fatal("damaged")
	}
	if !maps.EqualFunc(judged.learned, decoded.learned, func(a, b verdict) bool { return a.all == b.all && slices.Equal(a.sources, b.sources) }) ||
		len(judged.learned) != 1 || !slices.Equal(judged.sources, decoded.sources) {
		t.Errorf("judged %v, decoded %v", judged.learned, decoded.learned)
	}
	// Every prefix of the counts is damage to both.
	for n := range w.Len() {
		_, ok := judgeSiteCounts(w.Bytes()[:n])
		r := codec.NewReader(w.Bytes()[:n])
		decodeSiteCounts(r)
		if ok || r.Close() == nil {
			t.Fatalf("cut to %d bytes: judged %v, decoded %v", n, ok, r.Close())
		}
	}
}

// libraryBytes is the library section l writes.
func libraryBytes(t *testing.T, l *Library) []byte {
	t.Helper()
	var w bytes.Buffer
	cw := codec.NewWriter(&w)
	l.EncodeLibrary(cw)
	if err := cw.Flush(); err != nil {
		t.Fatal(err)
	}
	return w.Bytes()
}

// ReadSiteCounts reads the counts ahead of a change, where the change was
// found; Apply then reads nothing more.
func TestReadSiteCountsAheadOfAChange(t *testing.T) {
	dumps := heldPages()
	l := libraryOf(dumps...)
	warm, f := roundTripFile(t, l)
	warm.ReadSiteCounts()
	if warm.site.held != nil {
		t.Fatal("not read")
	}
	clear(f.data) // read no more from it
	f.data = f.data[:0]
	warm.Apply(Changes{Pages: []*Dump{sitePage(9, "Esker Wire", "2025-08-09", unrelatedHeadlines[9], tipLine)}})
	sameCounts(t, warm, libraryOf(append(slices.Clone(dumps), sitePage(9, "Esker Wire", "2025-08-09", unrelatedHeadlines[9], tipLine))...))
	if len(warm.Warnings) != 0 {
		t.Errorf("warnings: %v", warm.Warnings)
	}
	var none *Library
	none.ReadSiteCounts()
}

// FuzzSiteCountsJudged: whatever the bytes, counts a read into memory
// takes are counts the judging takes, with the same lines learned; the
// judging takes more only by not asking whether a short line's headline
// is counted (which the read back asks, and fails).
func FuzzSiteCountsJudged(f *testing.F) {
	l := libraryOf(heldPages()...)
	var w bytes.Buffer
	cw := codec.NewWriter(&w)
	l.site.encode(cw)
	if err := cw.Flush(); err != nil {
		f.Fatal(err)
	}
	f.Add(w.Bytes())
	f.Add(w.Bytes()[:w.Len()/2])
	// Keys twice, which no writer writes: the last of each is taken.
	var twice bytes.Buffer
	tw := codec.NewWriter(&twice)
	tw.Uint(1)
	tw.String("Esker Wire")
	tw.Uint(2)
	for _, word := range []uint64{1, 2} {
		tw.Uint(7)
		tw.Int(6)
		tw.Uint(1)
		tw.Uint(word)
	}
	tw.Uint(2)
	for _, n := range []int{5, 1} {
		tw.Uint(100)
		tw.Uint(uint64(n))
		for i := range n {
			tw.Uint(0)
			tw.Int(int64(20000 + i))
			tw.Uint(7)
			tw.Uint(1)
		}
	}
	if err := tw.Flush(); err != nil {
		f.Fatal(err)
	}
	f.Add(twice.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		r := codec.NewReader(b)
		decoded := decodeSiteCounts(r)
		took := r.Close() == nil
		judged, ok := judgeSiteCounts(b)
		if took && !ok {
			t.Fatal("taken whole, refused judged")
		}
		if took && !maps.EqualFunc(judged.learned, decoded.learned, func(a, b verdict) bool { return a.all == b.all && slices.Equal(a.sources, b.sources) }) {
			t.Fatalf("judged %v, decoded %v", judged.learned, decoded.learned)
		}
	})
}

// TestAPageAddedAfterAFailedReadBackIsCountedOnce: a page added after
// every other to a restored library whose counts cannot be read back
// (the file changed) is counted once, as a cold load counts it: the
// counts are made again from the pages before it is among them.
func TestAPageAddedAfterAFailedReadBackIsCountedOnce(t *testing.T) {
	dumps := heldPages()
	warm, f := roundTripFile(t, libraryOf(dumps[:5]...))
	f.data[warm.site.held.at+int64(warm.site.held.n)/2] ^= 0xff
	warm.Add(dumps[5]) // after every page: appendPage
	sameCounts(t, warm, libraryOf(dumps...))
}
