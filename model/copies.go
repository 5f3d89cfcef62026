package model

import "tidings/internal/codec"

// keepCopies is what a page keeps of a dump's stories once the library has
// merged them (see pageCopies): no text, and strings shared with the
// articles where they are the same, so that keeping them costs little and
// holds on to no file's buffer.
func (l *Library) keepCopies(d *Dump) []*Story {
	out := make([]*Story, 0, 1+len(d.Related))
	slab := make([]Story, 0, 1+len(d.Related)) // one allocation per page, not per story
	same := func(v, articles string) string {
		if v == articles {
			return articles
		}
		return l.intern(v)
	}
	keep := func(s *Story) *Story {
		if s == nil {
			return nil
		}
		a := l.article(s.ID)
		slab = append(slab, Story{ID: a.ID, Headline: same(s.Headline, a.Headline), age: s.age, source: s.source,
			PublishedAt: s.PublishedAt, PublishedPrecision: s.PublishedPrecision, TextOnDisk: true, TextBytes: lenOf(textLen(s)),
			Format: s.Format})
		c := &slab[len(slab)-1]
		c.SetMeta(same(s.URL(), a.URL()), same(s.Author(), a.Author()), l.mergeTags(nil, s.Tags()))
		return c
	}
	out = append(out, keep(d.Main))
	for _, s := range d.Related {
		out = append(out, keep(s))
	}
	return out
}

// copiesOf is a page's copies: kept since it was added, or read from the
// cache, where a restored library leaves them until a change touches the
// page (most pages of a long archive never change). A page whose copies
// cannot be read (the cache file damaged under the reader) counts as
// showing nothing, and says so.
func (l *Library) copiesOf(p *Page) []*Story {
	if c := p.copies(); c != nil {
		return c
	}
	copies, lines, err := l.readCopies(p)
	if err != nil {
		l.AddWarning(p.Path, "its stories could not be read back from the parse cache: "+err.Error())
		copies, lines = []*Story{}, nil
	}
	if copies != nil {
		p.keep(copies, lines)
	}
	return p.copies()
}

// readCopies is a page's copies and their lines, kept or read back as
// copiesOf says, without keeping them; nil for a page with none to read.
func (l *Library) readCopies(p *Page) ([]*Story, [][]uint64, error) {
	if c := p.copies(); c != nil {
		return c, p.lines(), nil
	}
	data, err := l.shelved.page(int(p.number))
	switch {
	case data != nil || err != nil:
	case l.stored == nil || int(p.number) > l.storedPages:
		return nil, nil, nil
	default:
		data, err = l.stored.PageCopies(int(p.number - 1))
	}
	if err != nil {
		return nil, nil, err
	}
	r := codec.NewReader(data)
	copies, lines := decodePageCopies(r)
	if err := r.Close(); err != nil {
		return nil, nil, err
	}
	if l.clean != nil {
		for _, s := range copies {
			if s != nil {
				s.ID, s.Headline = l.clean(s.ID), l.clean(s.Headline)
				s.SetSource(l.clean(s.Source()))
				s.SetAge(l.clean(s.Age()))
				if s.Meta != nil {
					s.SetMeta(l.clean(s.URL()), l.clean(s.Author()), s.Tags())
					cleanAll(s.Tags(), l.clean)
				}
			}
		}
	}
	return copies, lines, nil
}

// countLines counts a page's copies' lines in (sign 1) or out (-1) of the
// site lines' counts.
func (l *Library) countLines(p *Page, sign int32) {
	if err := l.siteCounted(); err != nil {
		l.AddWarning("", err.Error())
	}
	copies := l.copiesOf(p)
	lines := p.lines()
	if len(lines) != len(copies) {
		return // no copy has lines
	}
	for k, s := range copies {
		l.site.add(s, lines[k], p.Day(), sign)
	}
}

// linesOf is what a page keeps of its dump's lines (see pageCopies.lines).
func linesOf(d *Dump) [][]uint64 {
	var out [][]uint64
	for k, s := range storiesOfPage(d) {
		if s == nil {
			continue
		}
		if lines := countedLines(s); lines != nil {
			if out == nil {
				out = make([][]uint64, 1+len(d.Related))
			}
			out[k] = lines
		}
	}
	return out
}

// storiesOfPage are a dump's stories as a page's copies hold them: the
// main story (nil when there is none), then the related ones.
func storiesOfPage(d *Dump) []*Story {
	return append([]*Story{d.Main}, d.Related...)
}

// SiteLines are the lines learned, now, as the sites' (see sitelines.go).
func (l *Library) SiteLines() *SiteView { return l.site.settle() }
