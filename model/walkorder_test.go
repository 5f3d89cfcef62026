package model

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"tidings/internal/codec"
)

// refsForOrders are files named as walks name them, and otherwise: under
// a root by its path, under the file system's root, relative, through a
// link (the order's names not the path's), a root file alone, names with
// characters on either side of the separator and the zero.
func refsForOrders() []FileRef {
	return []FileRef{
		{Path: "/dumps/2025-03-01/a.txt", Order: "000000\x002025-03-01\x00a.txt"},
		{Path: "/dumps/2025-03-01/b.txt", Order: "000000\x002025-03-01\x00b.txt"},
		{Path: "/dumps/2025-03-01-x/a.txt", Order: "000000\x002025-03-01-x\x00a.txt"},
		{Path: "/dumps/2025-03-01.old/a.txt", Order: "000000\x002025-03-01.old\x00a.txt"},
		{Path: "/dumps/2025-03-01/\x01odd.txt", Order: "000000\x002025-03-01\x00\x01odd.txt"},
		{Path: "/dumps/2025-03-02/a.txt", Order: "000000\x002025-03-02\x00a.txt"},
		{Path: "/more/a.txt", Order: "000001\x00a.txt"},
		{Path: "/a.txt", Order: "000002\x00a.txt"},
		{Path: "rel/x/a.txt", Order: "000003\x00x\x00a.txt"},
		{Path: "/dumps/linked/a.txt", Order: "000000\x00shortcut\x00a.txt"},
		{Path: "/dumps/one.txt", Order: "000004"},
		{Path: "/dumps/odd/a.txt", Order: "000000\x00odd/a.txt"},
		{Path: "/dumps/a", Order: "1"},
	}
}

// A page's walk order kept as a mark reads, compares and is written as
// the order itself; an order that is not its path's is kept as it is.
func TestWalkOrderMarks(t *testing.T) {
	var m orderMarks
	plain := refsForOrders()
	marked := slices.Clone(plain)
	for i := range marked {
		mark, ok := m.markOf(marked[i].Path, marked[i].Order)
		want := i < 9 // those named by their paths
		if ok != want {
			t.Fatalf("%q of %q: marked %v", marked[i].Order, marked[i].Path, ok)
		}
		if ok {
			marked[i].Order = mark
		}
	}
	if unsafe.StringData(marked[0].Order) != unsafe.StringData(marked[1].Order) {
		t.Error("two files of one root do not share their mark")
	}
	for i := range marked {
		a := &marked[i]
		if got := a.WalkOrder(); got != plain[i].Order {
			t.Errorf("%q: WalkOrder %q", plain[i].Order, got)
		}
		var w, want bytes.Buffer
		cw, cwant := codec.NewWriter(&w), codec.NewWriter(&want)
		writeOrder(cw, a)
		cwant.String(plain[i].Order)
		if cw.Flush() != nil || cwant.Flush() != nil || !bytes.Equal(w.Bytes(), want.Bytes()) {
			t.Errorf("%q written as %q", plain[i].Order, w.Bytes())
		}
		for j := range marked {
			if got, want := CompareOrders(a, &marked[j]), strings.Compare(plain[i].Order, plain[j].Order); got != want {
				t.Errorf("%q against %q: %d, want %d", plain[i].Order, plain[j].Order, got, want)
			}
		}
		for j := range marked {
			parent, name, ok := strings.Cut(plain[j].Order, "\x00")
			for ok && strings.Contains(name, "\x00") {
				var more string
				more, name, _ = strings.Cut(name, "\x00")
				parent += "\x00" + more
			}
			if got, want := a.IsChildOrder(parent, name), ok && plain[i].Order == parent+"\x00"+name; got != want {
				t.Errorf("%q child of %q and %q: %v", plain[i].Order, parent, name, got)
			}
		}
	}
	// Names no walk gives are told apart byte by byte.
	a := &marked[0] // "000000\x002025-03-01\x00a.txt"
	for _, c := range []struct {
		parent, name string
		want         bool
	}{
		{"000000\x002025-03-01", "a.txt", true},
		{"000000", "2025-03-01\x00a.txt", true},
		{"000000", "2025-03-01/a.txt", false},
		{"000000\x002025-03-01", "a.txT", false},
		{"000001\x002025-03-01", "a.txt", false},
		{"000000\x002025/03-01", "a.txt", false},
	} {
		if got := a.IsChildOrder(c.parent, c.name); got != c.want {
			t.Errorf("child of %q and %q: %v", c.parent, c.name, got)
		}
	}
	// A mark whose path is no longer its own reads as it is, never
	// past the path's end.
	moved := marked[0]
	moved.Path = "/d"
	if moved.WalkOrder() != moved.Order {
		t.Errorf("moved: %q", moved.WalkOrder())
	}
}

// A library read back from the cache keeps its pages' orders as marks,
// which read as the orders written; a page reached by another path keeps
// its place in walk order, and the library writes what it read.
func TestRestoredPagesKeepTheirOrdersAsMarks(t *testing.T) {
	var dumps []*Dump
	for i, ref := range refsForOrders() {
		d := sitePage(i, "Esker Wire", days(i, true), unrelatedHeadlines[i%len(unrelatedHeadlines)], own(i))
		d.Key, d.Path, d.Order = ref.Path, ref.Path, ref.Order
		dumps = append(dumps, d)
	}
	slices.SortFunc(dumps, func(a, b *Dump) int { return strings.Compare(a.Order, b.Order) })
	l := libraryOf(dumps...)
	warm := roundTrip(t, l)
	marks := 0
	for i, p := range warm.Pages {
		if p.Order != l.Pages[i].Order {
			marks++
		}
		if p.WalkOrder() != l.Pages[i].Order || p.Path != l.Pages[i].Path {
			t.Errorf("page %d: %q %q, want %q %q", i, p.Path, p.WalkOrder(), l.Pages[i].Path, l.Pages[i].Order)
		}
	}
	if marks != 9 {
		t.Errorf("%d marks", marks)
	}
	if a, b := libraryBytes(t, l), libraryBytes(t, warm); !bytes.Equal(a, b) {
		t.Error("the warm library wrote other bytes than it read")
	}
	p := warm.Pages[0]
	order := p.WalkOrder()
	warm.Reached(p.Key, "/elsewhere/x.txt")
	if p.Path != "/elsewhere/x.txt" || p.WalkOrder() != order || p.Order != order {
		t.Errorf("reached: %q %q, want order %q", p.Path, p.WalkOrder(), order)
	}
}

// A page reached by a relative path keeps it as the end of its key, and
// its walk order as a mark of that path.
func TestARelativePathIsTheEndOfItsKey(t *testing.T) {
	d := sitePage(0, "Esker Wire", "2025-03-03", unrelatedHeadlines[0], own(0))
	d.Key, d.Path, d.Order = "/home/me/news/2025-03-03/a.txt", "news/2025-03-03/a.txt", "000000\x002025-03-03\x00a.txt"
	other := sitePage(1, "Esker Wire", "2025-03-03", unrelatedHeadlines[1], own(1))
	other.Key, other.Path, other.Order = "/home/me/news/2025-03-03/b.txt", "elsewhere/b.txt", "000001\x00b.txt"
	warm := roundTrip(t, libraryOf(d, other))
	p, q := warm.Pages[0], warm.Pages[1]
	end := unsafe.StringData(p.Key[len(p.Key)-len(p.Path):])
	if p.Path != d.Path || unsafe.StringData(p.Path) != end || p.WalkOrder() != d.Order || p.Order == d.Order {
		t.Errorf("%q %q %q: the key's end %v, marked %v", p.Key, p.Path, p.WalkOrder(), unsafe.StringData(p.Path) == end, p.Order != d.Order)
	}
	if q.Path != other.Path || q.Key != other.Key || q.WalkOrder() != other.Order {
		t.Errorf("%q %q %q", q.Key, q.Path, q.WalkOrder())
	}
}
