package model

// copiesOf is what a page keeps of a dump's stories once the library has
// merged them (see Page.Copies): no text, and strings shared with the
// articles where they are the same, so that keeping them costs little and
// holds on to no file's buffer.
func (l *Library) copiesOf(d *Dump) []*Story {
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
		a := l.byID[s.ID]
		slab = append(slab, Story{ID: a.ID, Headline: same(s.Headline, a.Headline), Source: same(s.Source, a.Source), Age: same(s.Age, a.Age),
			PublishedAt: s.PublishedAt, TextOnDisk: true, TextBytes: textLen(s),
			Format: s.Format, URL: same(s.URL, a.URL), Author: same(s.Author, a.Author)})
		return &slab[len(slab)-1]
	}
	out = append(out, keep(d.Main))
	for _, s := range d.Related {
		out = append(out, keep(s))
	}
	return out
}
