package model

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"tidings/internal/codec"
)

// linkedPages are pages showing stories of a pool of 120 in many
// combinations: articles, listings with tags, some stories on many pages.
func linkedPages(seed uint64, n int) []*Dump {
	r := rand.New(rand.NewPCG(seed, 1))
	var pages []*Dump
	for p := range n {
		related := make([]*Story, 2+r.IntN(40))
		for i := range related {
			related[i] = linkStory(fmt.Sprintf("s%03d", r.IntN(120)))
		}
		path := fmt.Sprintf("p%03d", p)
		if p%4 == 3 {
			pages = append(pages, listing(path, fmt.Sprintf("#Tag%d", r.IntN(5)), related...))
			continue
		}
		pages = append(pages, page(path, "2025-07-28", saved, linkStory(fmt.Sprintf("s%03d", r.IntN(120))), related...))
	}
	return pages
}

func describeAllLinks(t *testing.T, l *Library) string {
	t.Helper()
	var b bytes.Buffer
	for _, a := range l.Articles {
		fmt.Fprintf(&b, "%s: %s\n", a.ID, describeLinks(t, l, a))
	}
	return b.String()
}

func encodedLinks(t *testing.T, l *Library) []byte {
	t.Helper()
	var b bytes.Buffer
	w := codec.NewWriter(&b)
	l.EncodeLinks(w)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A cold load's links written to a file and read from it are the links
// it made, each article's in its order, and encoded as they were; a change
// after makes the touched articles' links again from their pages, as in a
// library that kept them in memory. (Read through a window of 300 links,
// articles' links cross its edges; through one of 5, each article's are
// read alone.)
func TestLinksReadFromAFile(t *testing.T) {
	for _, window := range []int64{linksWindow, 300, 5} {
		t.Run(fmt.Sprint(window), func(t *testing.T) {
			was := linksWindow
			linksWindow = window
			defer func() { linksWindow = was }()
			spilled, kept := NewLibrary(), NewLibrary()
			for _, d := range linkedPages(3, 60) {
				spilled.Add(d)
				kept.Add(d)
			}
			want, wantBytes := describeAllLinks(t, kept), encodedLinks(t, kept)
			f, err := os.CreateTemp(t.TempDir(), "links")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			lf, err := spilled.WriteLinks(f)
			if err != nil {
				t.Fatal(err)
			}
			if !spilled.ReadLinksFrom(lf) {
				t.Fatal("the links written were not taken")
			}
			for _, a := range spilled.Articles {
				if a.more != spilled.base.restored {
					t.Fatalf("%s keeps its links and pages in memory", a.ID)
				}
			}
			if got := describeAllLinks(t, spilled); got != want {
				t.Fatalf("links read from the file:\n%s\nwant\n%s", got, want)
			}
			if got := encodedLinks(t, spilled); !bytes.Equal(got, wantBytes) {
				t.Fatalf("links encoded from the file: %d bytes, differ from the %d of the links in memory", len(got), len(wantBytes))
			}
			for _, d := range linkedPages(4, 8) {
				d.Key, d.Path = "z"+d.Key, "z"+d.Path
				spilled.Add(d)
				kept.Add(d)
			}
			if got, want := describeAllLinks(t, spilled), describeAllLinks(t, kept); got != want {
				t.Fatalf("after more pages, links:\n%s\nwant\n%s", got, want)
			}
			if got, want := encodedLinks(t, spilled), encodedLinks(t, kept); !bytes.Equal(got, want) {
				t.Fatal("after more pages, the links encoded differ")
			}
		})
	}
}

// Links written before a page was added are not taken: they would lose
// the page's.
func TestLinksWrittenBeforeAChangeAreNotTaken(t *testing.T) {
	l := NewLibrary()
	pages := linkedPages(5, 10)
	for _, d := range pages[:9] {
		l.Add(d)
	}
	f, err := os.CreateTemp(t.TempDir(), "links")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lf, err := l.WriteLinks(f)
	if err != nil {
		t.Fatal(err)
	}
	l.Add(pages[9])
	want := describeAllLinks(t, l)
	if l.ReadLinksFrom(lf) {
		t.Fatal("links written before a page was added were taken")
	}
	if got := describeAllLinks(t, l); got != want {
		t.Fatalf("links after refusing the file:\n%s\nwant\n%s", got, want)
	}
	// A spill file is unlinked: open, it holds its disk space.
	if _, err := f.Stat(); err == nil {
		t.Error("the file of links refused is still open")
	}
}
