package model

import (
	"errors"
	"fmt"
	"hash/crc32"

	"tidings/internal/codec"
)

// A warm start that finds nothing changed never moves the site lines'
// counts: it needs the lines learned, not the counts behind them (51 MB
// of maps at a million dumps). So a library read from a mapped snapshot
// judges the lines as it reads them and leaves the counts where they lie
// in the file (heldCounts), to be read back by the first change that
// counts a page in or out, or by the cache's writer.

// heldCounts is where a restored library's site-line counts lie in the
// snapshot file (its library section's last part), and their checksum,
// since the file is not trusted to be what was read at the start.
type heldCounts struct {
	at  int64
	n   int
	sum uint32
}

// errCountsChanged is a read of the counts whose bytes are not those the
// start read.
var errCountsChanged = errors.New("the parse cache changed since it was read")

// restoreSiteCounts reads the counts at the end of a library section: in
// memory for a payload in memory, else only the lines learned, the
// counts held in the file. Damage is left in r.
func restoreSiteCounts(r *codec.Reader) *siteCounts {
	at := r.At()
	if at < 0 {
		return decodeSiteCounts(r)
	}
	b := r.Rest()
	c, ok := judgeSiteCounts(b)
	if !ok {
		r.Fail()
		return c
	}
	c.held = &heldCounts{at: at, n: len(b), sum: crc32.Checksum(b, codec.Castagnoli)}
	r.Take(len(b))
	return c
}

// judgeSiteCounts reads b, as encode wrote it, checking what
// decodeSiteCounts checks of it but keeping only the sources and the
// lines learned: the copies of the lines of siteLineStories copies or
// more (those settle judges) and the words of their headlines, which it
// reads in a second pass, are held while the lines are judged, then let
// go of. Whether a short line's headline is counted is left to the read
// of the counts (fill): nothing is kept to look it up here.
func judgeSiteCounts(b []byte) (*siteCounts, bool) {
	r := codec.NewReader(b)
	c := newSiteCounts()
	for range r.Count(1) {
		c.source(r.String())
	}
	heads := r.Count(3)
	headsAt := len(b) - len(r.Rest())
	for range heads {
		r.Uint()
		if int32(r.Int()) <= 0 {
			return c, false
		}
		last := uint32(0)
		for i := range r.Count(1) {
			w := uint32(r.Uint())
			if i > 0 && w < last {
				return c, false
			}
			last = w
		}
	}
	long := map[uint64][]lineCopies{}
	words := map[uint64]*headlineWordsOf{}
	n := r.Count(2)
	for range n {
		k := r.Uint()
		m := r.Count(4)
		if m == 0 {
			return c, false
		}
		var list []lineCopies
		if m >= siteLineStories {
			list = make([]lineCopies, m)
		}
		for i := range m {
			o := lineCopies{source: uint32(r.Below(len(c.sources))), day: int32(r.Int()), headline: r.Uint(), n: int32(r.Uint())}
			if o.n <= 0 {
				return c, false
			}
			if list != nil {
				list[i] = o
				words[o.headline] = nil
			}
		}
		if list != nil {
			long[k] = list
		} else {
			delete(long, k) // a key twice: its last, as decoded
		}
	}
	if r.Err() != nil || len(r.Rest()) != 0 {
		return c, false
	}
	r = codec.NewReader(b[headsAt:])
	for range heads {
		k := r.Uint()
		hn := int32(r.Int())
		m := r.Count(1)
		_, want := words[k]
		var h *headlineWordsOf
		if want { // a key twice (never written so) is its last, as decoded
			h = &headlineWordsOf{n: hn, words: make([]uint32, m)}
			words[k] = h
		}
		for i := range m {
			w := uint32(r.Uint())
			if want {
				h.words[i] = w
			}
		}
	}
	for _, h := range words {
		if h == nil {
			return c, false // a copy of a headline not counted
		}
	}
	c.lines, c.headlines = long, words
	for k := range long {
		c.dirty[k] = struct{}{}
	}
	c.settle()
	c.lines, c.headlines = nil, nil
	return c, r.Err() == nil
}

// siteCounted has the library's site-line counts in memory before they
// move: read back from the snapshot when they were left there, or, when
// they cannot be (the file cut short, or changed, under the reader),
// counted again from the pages' copies, as a load of the pages would
// count them; the error then says so, for a warning.
func (l *Library) siteCounted() error {
	c := l.site
	c.mu.Lock()
	h := c.held
	c.mu.Unlock()
	if h == nil {
		return nil
	}
	err := c.fill(h, l.stored)
	if err == nil {
		return nil
	}
	err = fmt.Errorf("the site lines' counts could not be read back from the parse cache (%w): counted again from the pages", err)
	// Counted apart, then put in place at once: readers settle the view
	// meanwhile. Sources are numbered afresh; every line learned is judged
	// again below, so no verdict keeps the old numbers.
	counts := newSiteCounts()
	for _, p := range l.Pages {
		copies, lines, err := l.readCopies(p)
		if err != nil || len(lines) != len(copies) {
			continue
		}
		for k, s := range copies {
			counts.add(s, lines[k], p.Day(), 1)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.held, c.lines, c.headlines, c.sources, c.sourceNo = nil, counts.lines, counts.headlines, counts.sources, counts.sourceNo
	// Every line counted, and every line learned before, is judged again.
	for k := range c.lines {
		c.dirty[k] = struct{}{}
	}
	for k := range c.learned {
		c.dirty[k] = struct{}{}
	}
	return err
}

// fill reads the counts h holds back through f, the snapshot file, as
// decodeSiteCounts reads them; the lines learned stay those judged at the
// start, from the same bytes.
func (c *siteCounts) fill(h *heldCounts, f CopyReader) error {
	if f == nil {
		return errors.New("the parse cache is not open")
	}
	b := make([]byte, h.n)
	if _, err := f.ReadAt(b, h.at); err != nil {
		return err
	}
	if crc32.Checksum(b, codec.Castagnoli) != h.sum {
		return errCountsChanged
	}
	r := codec.NewReader(b)
	read := decodeSiteCounts(r)
	if err := r.Close(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held == h { // not read meanwhile (ReadSiteCounts beside Apply)
		c.held, c.lines, c.headlines = nil, read.lines, read.headlines
	}
	return nil
}

// ReadSiteCounts reads back the site lines' counts a restored library
// left in the snapshot, for changes about to be applied: read where the
// changes were found, not in Apply (the reader's Update), which would
// otherwise read them when it first counts a page (tens of megabytes at a
// million dumps). Any goroutine may call it; counts that cannot be read
// are left to Apply, which counts them again.
func (l *Library) ReadSiteCounts() {
	if l == nil {
		return
	}
	c := l.site
	c.mu.Lock()
	h := c.held
	c.mu.Unlock()
	if h != nil {
		_ = c.fill(h, l.stored)
	}
}
