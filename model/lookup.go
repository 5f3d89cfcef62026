package model

import "hash/maphash"

// A library restored from the cache finds its restored articles by id,
// and its restored pages by key, in tables of their positions (4 bytes a
// slot, at most two thirds of them used) rather than in maps: at 100,000 dumps
// the two maps took some 7 MB, and their keys were 200,000 pointers for
// the collector to mark at every cycle. What is added afterwards, and
// every library made from the files, goes to the maps (byID, byKey).

// restoredTable finds one of n restored items by its key: open
// addressing, linear probing, each slot 1 + the item's position (0 for
// an empty slot). It never changes once made.
type restoredTable struct {
	seed  maphash.Seed
	slots []int32
}

// newRestoredTable is the table of n items whose keys keyOf says; ok is
// false when two have the same key (a snapshot that holds them is
// damaged: the library never does).
func newRestoredTable(n int, keyOf func(i int) string) (t restoredTable, ok bool) {
	if n == 0 {
		return t, true
	}
	// At most two thirds full: a lookup probes two slots on average when
	// found, five when not (half full took 16 MB, not 8, for a million
	// articles). Sized to that, not to a power of two (which took 2.1
	// million slots for a million articles, not 1.5 million).
	size := max(2, n+n/2)
	t = restoredTable{seed: maphash.MakeSeed(), slots: make([]int32, size)}
	for i := range n {
		k := keyOf(i)
		h := t.home(k)
		for ; t.slots[h] != 0; h = t.next(h) {
			if keyOf(int(t.slots[h]-1)) == k {
				return restoredTable{}, false
			}
		}
		t.slots[h] = int32(i + 1)
	}
	return t, true
}

// home is the slot a key's probe starts at: its hash scaled to the
// table's size.
func (t *restoredTable) home(k string) int {
	return int((maphash.String(t.seed, k) >> 32) * uint64(len(t.slots)) >> 32)
}

func (t *restoredTable) next(h int) int {
	if h++; h == len(t.slots) {
		return 0
	}
	return h
}

// find is the position of the item with key k, or -1.
func (t *restoredTable) find(k string, keyOf func(i int) string) int {
	if len(t.slots) == 0 {
		return -1
	}
	for h := t.home(k); t.slots[h] != 0; h = t.next(h) {
		if i := int(t.slots[h] - 1); keyOf(i) == k {
			return i
		}
	}
	return -1
}

// article is the article with the id, or nil.
func (l *Library) article(id string) *Article {
	if a := l.byID[id]; a != nil {
		return a
	}
	if i := l.restoredIDs.find(id, func(i int) string { return l.Articles[i].ID }); i >= 0 {
		return l.Articles[i]
	}
	return nil
}

// page is the page of the file with the key, or nil.
func (l *Library) page(key string) *Page {
	if p := l.byKey[key]; p != nil {
		return p
	}
	if l.keysGone[key] {
		return nil
	}
	if i := l.restoredKeys.find(key, func(i int) string { return l.restored[i].Key }); i >= 0 {
		return &l.restored[i]
	}
	return nil
}

// dropPage takes the page of the file with the key out of the keys.
func (l *Library) dropPage(key string) {
	delete(l.byKey, key)
	if l.restoredKeys.find(key, func(i int) string { return l.restored[i].Key }) >= 0 {
		if l.keysGone == nil {
			l.keysGone = map[string]bool{}
		}
		l.keysGone[key] = true
	}
}
