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
	// articles).
	size := 2
	for size < n+n/2 {
		size <<= 1
	}
	t = restoredTable{seed: maphash.MakeSeed(), slots: make([]int32, size)}
	mask := size - 1
	for i := range n {
		k := keyOf(i)
		h := int(maphash.String(t.seed, k)) & mask
		for ; t.slots[h] != 0; h = (h + 1) & mask {
			if keyOf(int(t.slots[h]-1)) == k {
				return restoredTable{}, false
			}
		}
		t.slots[h] = int32(i + 1)
	}
	return t, true
}

// find is the position of the item with key k, or -1.
func (t *restoredTable) find(k string, keyOf func(i int) string) int {
	if len(t.slots) == 0 {
		return -1
	}
	mask := len(t.slots) - 1
	for h := int(maphash.String(t.seed, k)) & mask; t.slots[h] != 0; h = (h + 1) & mask {
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
