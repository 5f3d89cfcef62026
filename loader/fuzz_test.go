package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tidings/model"
)

// FuzzParse feeds the parser arbitrary files: it must never panic, and no
// field it returns may hold a control character or invalid UTF-8, since
// every field ends up on a terminal.
func FuzzParse(f *testing.F) {
	f.Add([]byte(articlePage))
	f.Add([]byte("logo\nA headline\n\nA headline\n\nWire3 hours ago\nBody\nRelated Articles\nB\nB\n\nSrc\n\ntime3 hours ago\n\n  • Src\nB\n\nbody"))
	f.Add([]byte("logo\n#\nLatest news with #Ferries\nX\nX\nS\ntime2 hours ago\n• S\nX\nbody"))
	f.Add([]byte("\ufeffHeadline\r\nBody \x1b]52;c;ZXZpbA==\x07 text\r\nRelated Articles\r\n"))
	f.Add([]byte("Live\nText Ana Ruiz3 March 2025 07:42 more 9 May 2024 23:59"))
	f.Add([]byte("Old Mac headline\rBody\vwith\fbreaks\r\rRelated Articles\rSrc\r3 hours ago\r- Src\rB\rbody"))
	f.Add(utf16Bytes("UTF-16 headline \u061c\u202e\r\nBody\r\nRelated Articles\r\nSrc\r\n3 hours ago\r\n- Src\r\nB\r\nbody", false))
	f.Add(utf16Bytes("logo\nBig-endian headline\n\nBig-endian headline\n\nWire3 hours ago\nBody", true))
	seeds, _ := filepath.Glob("../testdata/dumps/*/*.txt")
	authors, _ := filepath.Glob("../testdata/authors/*/*.txt")
	formats, _ := filepath.Glob("../testdata/formats/*/*")
	seeds = append(append(seeds, authors...), formats...)
	for _, path := range seeds {
		if data, err := os.ReadFile(path); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	hints := SaveHints{FolderDate: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), ModTime: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC), Location: time.UTC}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("fuzz.txt", data, hints)
		if err != nil {
			if d != nil {
				t.Fatal("a dump and an error")
			}
			return
		}
		checkDump(t, d)
	})
}

// checkDump fails on what must never come out of a parser: text that is
// not valid UTF-8 or holds a control character (a Markdown block's line
// breaks aside), a story without a headline.
func checkDump(t *testing.T, d *model.Dump) {
	stories := d.Related
	if d.Main != nil {
		stories = append([]*model.Story{d.Main}, stories...)
	}
	for _, s := range stories {
		check := func(field, v string) {
			if !utf8.ValidString(v) {
				t.Fatalf("%s is not valid UTF-8: %q", field, v)
			}
			for _, r := range v {
				if IsUnsafeRune(r) || r == '\t' {
					t.Fatalf("%s holds control character %U: %q", field, r, v)
				}
			}
		}
		check("id", s.ID)
		check("headline", s.Headline)
		check("source", s.Source())
		check("age", s.Age())
		for _, p := range s.Paragraphs() {
			if s.Format == model.TextMarkdown {
				// A Markdown block keeps its lines.
				p = strings.ReplaceAll(p, "\n", " ")
			}
			check("paragraph", p)
		}
		check("author", s.Author())
		check("url", s.URL())
		for _, e := range s.Entries() {
			check("entry author", e.Author)
			check("entry text", e.Text)
		}
		if s.Headline == "" {
			t.Fatalf("story without headline: %+v", s)
		}
	}
}
