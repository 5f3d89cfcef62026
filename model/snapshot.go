package model

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// A snapshot is what the parse cache keeps of a library: the files it was
// loaded from and what each one's stamp was, the pages and the merged
// articles with their links, the filter index, the similar-stories model,
// and each page's stories as the parser gave them (without their text),
// from which a library over a changed set of files is rebuilt without
// parsing the files that did not change. Text stays in the dumps.

// snapshotVersion changes whenever the layout below does; a snapshot of
// any other version is not read, so an older or newer tidings rebuilds the
// cache instead of misreading it.
const snapshotVersion = 2

const snapshotMagic = "tidings parse cache\n"

// FileStamp is one file as the walk found it: a cached result stands for
// the file while its path, size and modification time are the same.
type FileStamp struct {
	Path    string
	Size    int64
	ModTime time.Time
	// Reason is why the file was not loaded; "" for a dump.
	Reason string
}

// Snapshot is what WriteSnapshot saves and ReadSnapshot restores.
type Snapshot struct {
	Roots      []string    // the folders and files that were opened
	Files      []FileStamp // every file found, in walk order
	Library    *Library
	Index      *Index
	Similarity *Similarity // nil when it was not built
	// Copies are each page's stories as parsed, without their text, by
	// page in Library.Pages' order: the main story (nil when there is
	// none), then the related ones in the page's order. A rebuild adds
	// unchanged pages from them; ReadSnapshot fills them only when asked.
	Copies [][]*Story
}

// SnapshotParts chooses what ReadSnapshot reads beside the pages and
// articles: a command that lists stories needs none of it.
type SnapshotParts uint8

const (
	SnapshotLinks      SnapshotParts = 1 << iota // the articles' links
	SnapshotIndex                                // the filter index
	SnapshotSimilarity                           // the similar-stories model
	SnapshotCopies                               // each page's stories, for a rebuild
	SnapshotAll        = SnapshotLinks | SnapshotIndex | SnapshotSimilarity | SnapshotCopies
)

// WriteSnapshot writes s to f, which must be a new file. The library must
// not change while it runs. Articles' text is not written: a library read
// back reads it from the dumps.
func WriteSnapshot(f *os.File, s *Snapshot) error {
	if !littleEndian {
		return fmt.Errorf("the parse cache is only kept on little-endian machines")
	}
	lib := s.Library
	pageNo := make(map[*Page]int, len(lib.Pages))
	for i, p := range lib.Pages {
		pageNo[p] = i + 1
	}
	sections := []func(*sectionWriter){
		func(w *sectionWriter) {
			w.string(snapshotMagic)
			w.uint(snapshotVersion)
			w.uint(uint64(len(s.Roots)))
			for _, r := range s.Roots {
				w.string(r)
			}
			w.uint(uint64(len(s.Files)))
			for _, f := range s.Files {
				w.string(f.Path)
				w.int(f.Size)
				w.time(f.ModTime)
				w.string(f.Reason)
			}
		},
		func(w *sectionWriter) { writeLibrary(w, lib, pageNo) },
		func(w *sectionWriter) { writeLinks(w, lib) },
		func(w *sectionWriter) { writeIndex(w, s.Index) },
		func(w *sectionWriter) { writeSimilarity(w, s.Similarity) },
		func(w *sectionWriter) {
			if s.Similarity != nil {
				writeSimArrays(w, s.Similarity)
			}
		},
		func(w *sectionWriter) { writeCopies(w, lib, s.Copies) },
	}
	for _, body := range sections {
		if err := writeSection(f, body); err != nil {
			return err
		}
	}
	return nil
}

func writeLibrary(w *sectionWriter, lib *Library, pageNo map[*Page]int) {
	tags.mu.RLock()
	names := slices.Clone(tags.names)
	tags.mu.RUnlock()
	w.uint(uint64(len(names)))
	for _, n := range names {
		w.string(n)
	}
	w.uint(uint64(len(lib.Articles)))
	for _, a := range lib.Articles {
		w.string(a.ID)
		w.string(a.Headline)
		w.string(a.Source)
		w.string(a.Age)
		w.time(a.PublishedAt)
		w.uint(uint64(a.textBytes))
		w.string(a.Day)
		w.time(a.SavedAt)
		w.bool(a.SavedAtEstimate)
		w.bool(a.fromMain)
		w.int(int64(a.agePrec))
		w.bool(a.gone)
		w.uint(uint64(pageNo[a.textPage]))
		w.uint(uint64(len(a.Pages)))
		for _, p := range a.Pages {
			w.uint(uint64(pageNo[p]))
		}
	}
	w.uint(uint64(len(lib.Pages)))
	for _, p := range lib.Pages {
		w.string(p.Path)
		w.string(string(p.Layout))
		w.time(p.SavedAt)
		w.bool(p.SavedAtEstimate)
		w.string(p.Day)
		w.int(p.Size)
		w.time(p.ModTime)
		w.string(p.Tag)
		main := 0
		if p.Main != nil {
			main = p.Main.Index + 1
		}
		w.uint(uint64(main))
		w.uint(uint64(len(p.Related)))
		for _, a := range p.Related {
			w.uint(uint64(a.Index))
		}
	}
}

// writeLinks writes the links as three arrays, which are read without
// decoding a number at a time: each article's count, then every link's
// target and its kind with its tag's number (kind | tag<<8).
func writeLinks(w *sectionWriter, lib *Library) {
	counts := make([]uint32, len(lib.Articles))
	var to, kind []uint32
	for i, a := range lib.Articles {
		counts[i] = uint32(len(a.Links))
		for _, l := range a.Links {
			to = append(to, uint32(l.To.Index))
			kind = append(kind, uint32(l.How)|l.tag<<8)
		}
	}
	writeArray(w, counts)
	writeArray(w, to)
	writeArray(w, kind)
}

func writeIndex(w *sectionWriter, ix *Index) {
	w.uint(uint64(ix.Len()))
	if ix == nil {
		w.uint(0)
		return
	}
	w.uint(uint64(len(ix.shards)))
	for _, sh := range ix.shards {
		w.uint(uint64(sh.lo))
		w.uint(uint64(sh.hi))
		w.string(sh.words)
		writeArray(w, sh.ends)
		writeArray(w, sh.post)
		writeArray(w, sh.ids)
		writeArray(w, sh.dense)
		writeArray(w, sh.bits)
	}
}

func writeSimilarity(w *sectionWriter, s *Similarity) {
	w.bool(s != nil)
	if s == nil {
		return
	}
	w.uint(uint64(len(s.articles)))
	writeArray(w, s.vecOff)
	writeArray(w, s.postOff)
	w.uint(uint64(len(s.terms)))
	for _, t := range s.terms {
		w.string(t)
	}
}

// writeCopies writes each page's stories as parsed, main story first: what
// Library.Add needs of them, without their text.
func writeCopies(w *sectionWriter, lib *Library, copies [][]*Story) {
	w.uint(uint64(len(copies)))
	for _, page := range copies {
		w.uint(uint64(len(page)))
		for _, s := range page {
			if s == nil {
				w.bool(false)
				continue
			}
			w.bool(true)
			w.string(s.ID)
			w.string(s.Headline)
			w.string(s.Source)
			w.string(s.Age)
			w.time(s.PublishedAt)
			w.uint(uint64(textLen(s)))
		}
	}
}

// CopiesOf is what a snapshot keeps of a dump's stories once lib has added
// the dump (see Snapshot.Copies): no text, and strings shared with lib's
// articles where they are the same, so that keeping them for a whole load
// costs little and holds on to no file's buffer.
//
// intern, when given, is used for the strings that are not the article's
// (ages and sources repeat across pages: "2 hours ago").
func CopiesOf(d *Dump, lib *Library, intern func(string) string) []*Story {
	out := make([]*Story, 0, 1+len(d.Related))
	slab := make([]Story, 0, 1+len(d.Related)) // one allocation per page, not per story
	same := func(v, articles string) string {
		if v == articles {
			return articles
		}
		if intern != nil {
			return intern(v)
		}
		return strings.Clone(v)
	}
	keep := func(s *Story) *Story {
		if s == nil {
			return nil
		}
		a := lib.byID[s.ID]
		slab = append(slab, Story{ID: a.ID, Headline: same(s.Headline, a.Headline), Source: same(s.Source, a.Source), Age: same(s.Age, a.Age),
			PublishedAt: s.PublishedAt, TextOnDisk: true, TextBytes: textLen(s)})
		return &slab[len(slab)-1]
	}
	out = append(out, keep(d.Main))
	for _, s := range d.Related {
		out = append(out, keep(s))
	}
	return out
}

// DumpOf rebuilds, for Library.Add, the dump a page was read from, given
// its copies: everything but the text.
func DumpOf(p *Page, copies []*Story) *Dump {
	d := &Dump{Path: p.Path, Layout: p.Layout, SavedAt: p.SavedAt, SavedAtEstimate: p.SavedAtEstimate, Day: p.Day, Size: p.Size, ModTime: p.ModTime, Tag: p.Tag}
	if len(copies) > 0 {
		d.Main = copies[0]
		d.Related = copies[1:]
	}
	return d
}
