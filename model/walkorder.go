package model

import (
	"strings"
	"unsafe"

	"tidings/internal/codec"
)

// A file's walk order (FileRef.Order) mostly repeats its path: the
// root's number, then the path's names under the root, each after a zero
// byte ("000000\x002025-03-01\x00a.txt" for "/dumps/2025-03-01/a.txt"
// under "/dumps"). A page read back from the cache whose order is so
// keeps, instead of its own copy (some 45 bytes a page, 41 MB at a
// million dumps), a mark shared by every page of its root: orderMark, the
// order's head (the root's number and a zero) and the path's prefix it
// stands for. The order is then made from the path when asked (WalkOrder)
// and compared without being made (CompareOrders); a path that changes
// (Library.Reached) takes its order as it was first.

// orderMark starts a mark; no walk order does (each starts with a root's
// number), and a cache that holds one is damaged.
const orderMark = '\x01'

// markParts splits f's order into what it stands for: head, and the part
// of the path after prefix, whose separators read as zeros; a plain order
// is its head alone. A mark whose prefix f's path no longer starts with
// reads as it is.
func markParts(f *FileRef) (head, rel string) {
	o := f.Order
	if len(o) == 0 || o[0] != orderMark {
		return o, ""
	}
	i := strings.IndexByte(o, 0)
	if i < 0 || !strings.HasPrefix(f.Path, o[i+1:]) || len(f.Path) == len(o)-i-1 {
		return o, ""
	}
	return o[1 : i+1], f.Path[len(o)-i-1:]
}

// WalkOrder is the file's place in walk order: its Order, or the order
// its mark stands for, made.
func (f *FileRef) WalkOrder() string {
	head, rel := markParts(f)
	if rel == "" {
		return head
	}
	b := make([]byte, len(head)+len(rel))
	copy(b, head)
	for i := range len(rel) {
		b[len(head)+i] = orderByte(rel[i])
	}
	return unsafe.String(&b[0], len(b))
}

func orderByte(c byte) byte {
	if c == '/' {
		return 0
	}
	return c
}

// CompareOrders compares two files' walk orders as strings.Compare
// compares their WalkOrders, without making them.
func CompareOrders(a, b *FileRef) int {
	ah, ar := markParts(a)
	bh, br := markParts(b)
	if ar == "" && br == "" {
		return strings.Compare(ah, bh)
	}
	na, nb := len(ah)+len(ar), len(bh)+len(br)
	for i := 0; i < na && i < nb; i++ {
		x, y := orderAt(ah, ar, i), orderAt(bh, br, i)
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case na < nb:
		return -1
	case na > nb:
		return 1
	}
	return 0
}

func orderAt(head, rel string, i int) byte {
	if i < len(head) {
		return head[i]
	}
	return orderByte(rel[i-len(head)])
}

// IsChildOrder reports whether f's walk order is parent's, a zero and
// name, as a walk orders a folder's file, without making it: the check's
// walk asks it of every file it finds.
func (f *FileRef) IsChildOrder(parent, name string) bool {
	head, rel := markParts(f)
	if len(head)+len(rel) != len(parent)+1+len(name) {
		return false
	}
	if rel == "" {
		return head[len(parent)] == 0 && strings.HasPrefix(head, parent) && strings.HasSuffix(head, name)
	}
	// The name is the path's last (a made order holds no '/'), after a
	// separator; what comes before it is the parent's order.
	at := len(rel) - len(name) - 1
	if at < 0 || rel[at] != '/' || !strings.HasSuffix(rel, name) || strings.IndexByte(name, '/') >= 0 || !strings.HasPrefix(parent, head) {
		return orderIs(head, rel, parent+"\x00"+name) // not as walks name files: byte by byte
	}
	for i, c := range []byte(rel[:at]) {
		if orderByte(c) != parent[len(head)+i] {
			return false
		}
	}
	return true
}

// orderIs reports whether head and rel stand for order.
func orderIs(head, rel, order string) bool {
	if len(head)+len(rel) != len(order) {
		return false
	}
	for i := range len(order) {
		if orderAt(head, rel, i) != order[i] {
			return false
		}
	}
	return true
}

// writeOrder writes f's walk order as w.String would write WalkOrder's,
// without making it (a cache written after a change writes every page's).
func writeOrder(w *codec.Writer, f *FileRef) {
	head, rel := markParts(f)
	w.Uint(uint64(len(head) + len(rel)))
	w.Bytes(unsafe.Slice(unsafe.StringData(head), len(head)))
	zero := []byte{0}
	for rel != "" {
		i := strings.IndexByte(rel, '/')
		if i < 0 {
			i = len(rel)
		}
		w.Bytes(unsafe.Slice(unsafe.StringData(rel), i))
		if i < len(rel) {
			w.Bytes(zero)
			i++
		}
		rel = rel[i:]
	}
}

// orderMarks makes the marks of a library's restored pages, one per root
// and prefix; head, prefix and mark are those of the mark made last,
// which the next page, in walk order, mostly shares.
type orderMarks struct {
	head, prefix, mark string
	made               map[string]string
}

// markOf is the mark that stands for order, the walk order of a file
// with that path, or false when the order is not its path's (a folder
// reached through a link, a path given in another form).
func (m *orderMarks) markOf(path, order string) (string, bool) {
	i := strings.IndexByte(order, 0)
	if i <= 0 || len(order) == i+1 || order[0] == orderMark {
		return "", false
	}
	head, rest := order[:i+1], order[i+1:]
	if len(rest) > len(path) {
		return "", false
	}
	prefix, rel := path[:len(path)-len(rest)], path[len(path)-len(rest):]
	for k := range len(rel) {
		if c := rel[k]; c == 0 || (rest[k] == 0) != (c == '/') || (c != '/' && rest[k] != c) {
			return "", false
		}
	}
	if head == m.head && prefix == m.prefix {
		return m.mark, true
	}
	mark := string(orderMark) + head + prefix
	if kept, ok := m.made[mark]; ok {
		mark = kept
	} else {
		if m.made == nil {
			m.made = map[string]string{}
		}
		m.made[mark] = mark
	}
	m.head, m.prefix, m.mark = mark[1:1+len(head)], mark[1+len(head):], mark
	return mark, true
}
