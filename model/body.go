package model

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Body is an article's text: its paragraphs, or a live blog's entries.
type Body struct {
	Paragraphs []string
	Entries    []Entry
}

// ErrGone says that no dump holds an article's text any more.
var ErrGone = errors.New("the story is no longer in its dump")

// BodySource says where an article's text is: in memory, or in the files
// that show the article, its own copy's page first. It is taken where the
// library may be read (the UI's update loop) and read anywhere, since it
// holds no reference into the library.
type BodySource struct {
	id string
	// site, source and headline say which of its lines are the site's
	// (see SiteView.Split); site is immutable, so read anywhere.
	site             *SiteView
	source, headline string
	body             Body
	format           TextFormat
	files            []FileRef
	dumps            DumpReader
}

// BodyOf returns where a's text is. Articles parsed in this run have it in
// memory; those read back from the cache, or whose text page changed, have
// it on disk.
func (l *Library) BodyOf(a *Article) BodySource {
	site := l.site.settle()
	if !a.TextOnDisk || l.Dumps == nil {
		return BodySource{id: a.ID, body: a.Body(), format: a.Format, site: site, source: a.Source(), headline: a.Headline}
	}
	files := make([]FileRef, 0, a.PageCount())
	text := a.textPageOf()
	if text != nil {
		files = append(files, text.FileRef)
	}
	for i := range a.PageCount() {
		if p := a.PageAt(i); p != text {
			files = append(files, p.FileRef)
		}
	}
	return BodySource{id: a.ID, files: files, dumps: l.Dumps, format: a.Format, site: site, source: a.Source(), headline: a.Headline}
}

// WithoutSiteLines is the text as shown: without the lines learned as
// its site's, which it returns apart, in order.
func (s BodySource) WithoutSiteLines(b Body) (Body, []string) {
	shown, hidden := s.site.Split(s.source, s.headline, b.Paragraphs)
	b.Paragraphs = shown
	return b, hidden
}

// Format is how the text is written: Markdown from a clipping, else plain.
func (s BodySource) Format() TextFormat { return s.format }

// Read returns the text. A file that changed since it was loaded is read as
// it is now, and the article's copy in it taken; when no file shows the
// article any more, the error wraps ErrGone and names the first file.
func (s BodySource) Read() (Body, error) {
	if s.dumps == nil {
		return s.body, nil
	}
	var firstErr error
	for _, f := range s.files {
		d, err := s.dumps.ReadDump(f)
		if err != nil {
			if firstErr == nil {
				if errors.Is(err, fs.ErrNotExist) {
					err = fmt.Errorf("%s was removed", f.Path)
				} else if !strings.Contains(err.Error(), f.Path) {
					err = fmt.Errorf("%s: %w", f.Path, err) // "not a regular file" names none
				}
				firstErr = err
			}
			continue
		}
		if c := copyIn(d, s.id); c != nil {
			return c.Body(), nil
		}
		if firstErr == nil {
			firstErr = fmt.Errorf("%s no longer shows it", f.Path)
		}
	}
	if firstErr == nil {
		return Body{}, ErrGone
	}
	return Body{}, fmt.Errorf("%w: %w", ErrGone, firstErr)
}

// copyIn is the copy of the story with the id that a page holds, chosen as
// Library.Add chooses: the main story over a related block, then the
// longer text.
func copyIn(d *Dump, id string) *Story {
	if d.Main != nil && d.Main.ID == id {
		return d.Main
	}
	var best *Story
	for _, s := range d.Related {
		if s.ID == id && (best == nil || textLen(s) > textLen(best)) {
			best = s
		}
	}
	return best
}
