package model

import (
	"maps"
	"slices"

	"tidings/internal/codec"
)

// The site lines' counts are kept in the cache with the library (at the
// end of its section), so that a warm start knows them without reading
// every page's copies: lines, headlines and sources, in sorted order so
// that the same counts write the same bytes.

func (c *siteCounts) encode(w *codec.Writer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w.Uint(uint64(len(c.sources)))
	for _, s := range c.sources {
		w.String(s)
	}
	heads := slices.Sorted(maps.Keys(c.headlines))
	w.Uint(uint64(len(heads)))
	for _, k := range heads {
		h := c.headlines[k]
		w.Uint(k)
		w.Int(int64(h.n))
		w.Uint(uint64(len(h.words)))
		for _, x := range h.words {
			w.Uint(uint64(x))
		}
	}
	keys := slices.Sorted(maps.Keys(c.lines))
	w.Uint(uint64(len(keys)))
	for _, k := range keys {
		list := c.lines[k]
		w.Uint(k)
		w.Uint(uint64(len(list)))
		for _, o := range list {
			w.Uint(uint64(o.source))
			w.Int(int64(o.day))
			w.Uint(o.headline)
			w.Uint(uint64(o.n))
		}
	}
}

// decodeSiteCounts reads what encode wrote, and judges every line that
// may be a site's; anything that does not add up is damage, left in r.
func decodeSiteCounts(r *codec.Reader) *siteCounts {
	c := newSiteCounts()
	for range r.Count(1) {
		c.source(r.String())
	}
	// Sized once: grown as they fill, the maps would leave their smaller
	// tables behind while a start runs with the collector off.
	n := r.Count(3)
	c.headlines = make(map[uint64]*headlineWordsOf, n)
	for range n {
		k := r.Uint()
		h := &headlineWordsOf{n: int32(r.Int())}
		h.words = make([]uint32, r.Count(1))
		for i := range h.words {
			h.words[i] = uint32(r.Uint())
		}
		if h.n <= 0 || !slices.IsSorted(h.words) {
			r.Fail()
			return c
		}
		c.headlines[k] = h
	}
	n = r.Count(2)
	c.lines = make(map[uint64][]lineCopies, n)
	for range n {
		k := r.Uint()
		list := make([]lineCopies, r.Count(4))
		for i := range list {
			list[i] = lineCopies{source: uint32(r.Below(len(c.sources))), day: int32(r.Int()), headline: r.Uint(), n: int32(r.Uint())}
			if list[i].n <= 0 || c.headlines[list[i].headline] == nil {
				r.Fail()
				return c
			}
		}
		if len(list) == 0 {
			r.Fail()
			return c
		}
		c.lines[k] = list
		if len(list) >= siteLineStories {
			c.dirty[k] = struct{}{}
		}
	}
	if r.Err() == nil {
		c.settle()
	}
	return c
}
