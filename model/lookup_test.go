package model

import (
	"fmt"
	"testing"
)

func TestARestoredTableFindsEachKeyOnce(t *testing.T) {
	keys := make([]string, 5000)
	for i := range keys {
		keys[i] = fmt.Sprintf("/dumps/2025-03-%02d/%04d.txt", i%28+1, i)
	}
	keyOf := func(i int) string { return keys[i] }
	tab, ok := newRestoredTable(len(keys), keyOf)
	if !ok {
		t.Fatal("distinct keys taken for twins")
	}
	for i, k := range keys {
		if got := tab.find(k, keyOf); got != i {
			t.Fatalf("%s found at %d, want %d", k, got, i)
		}
	}
	for _, k := range []string{"", "/dumps/2025-03-01/0000.tx", "/dumps/2025-03-01/0000.txt/"} {
		if got := tab.find(k, keyOf); got != -1 {
			t.Errorf("%q found at %d, which holds %q", k, got, keys[got])
		}
	}
	var empty restoredTable
	if empty.find("x", keyOf) != -1 {
		t.Error("an empty table found a key")
	}
	keys[4000] = keys[17]
	if _, ok := newRestoredTable(len(keys), keyOf); ok {
		t.Error("two items of one key were taken for a table")
	}
}

// TestARestoredPageLeavesAndComesBack: a page restored from the cache is
// found by its key until it leaves; then a new page of the same key is
// found, and once that one leaves too, none.
func TestARestoredPageLeavesAndComesBack(t *testing.T) {
	lib := NewLibrary()
	lib.restored = []Page{{FileRef: FileRef{Key: "/a"}}, {FileRef: FileRef{Key: "/b"}}}
	lib.restoredKeys, _ = newRestoredTable(2, func(i int) string { return lib.restored[i].Key })
	if lib.page("/b") != &lib.restored[1] || lib.page("/c") != nil {
		t.Fatal("the restored pages are not found by their keys")
	}
	lib.dropPage("/b")
	if lib.page("/b") != nil || lib.page("/a") != &lib.restored[0] {
		t.Fatal("a page taken out is still found, or another is not")
	}
	again := &Page{FileRef: FileRef{Key: "/b"}}
	lib.byKey["/b"] = again
	if lib.page("/b") != again {
		t.Fatal("the page that came back under the key is not found")
	}
	lib.dropPage("/b")
	if lib.page("/b") != nil {
		t.Fatal("the page that came back is found after it left")
	}
}

// A table of any size, down to one item, finds its items and ends a
// probe for a key it lacks: it is never full.
func TestARestoredTableOfAnySize(t *testing.T) {
	for n := 1; n <= 40; n++ {
		keys := make([]string, n)
		for i := range keys {
			keys[i] = fmt.Sprint("key ", i)
		}
		keyOf := func(i int) string { return keys[i] }
		tab, ok := newRestoredTable(n, keyOf)
		if !ok || len(tab.slots) <= n {
			t.Fatalf("%d items: %d slots (ok %v)", n, len(tab.slots), ok)
		}
		for i, k := range keys {
			if got := tab.find(k, keyOf); got != i {
				t.Fatalf("%d items: %s found at %d, want %d", n, k, got, i)
			}
		}
		if got := tab.find("not a key", keyOf); got != -1 {
			t.Fatalf("%d items: a missing key found at %d", n, got)
		}
	}
}
