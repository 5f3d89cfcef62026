package loader

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// One fuzz target per parser, each seeded with its format's fixtures:
// none may panic or let a control character through (checkDump). Run one
// with `go test ./loader/ -fuzz FuzzXMLFeed -run '^$'`; inputs that failed
// once are kept in testdata/fuzz.

var fuzzHints = SaveHints{FolderDate: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), ModTime: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC), Location: time.UTC}

func addFixtures(f *testing.F, globs ...string) {
	for _, g := range globs {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "formats", g))
		for _, path := range files {
			if data, err := os.ReadFile(path); err == nil {
				f.Add(data)
			}
		}
	}
}

func FuzzFrontMatter(f *testing.F) {
	addFixtures(f, "*/*.md", "*/*.markdown")
	f.Add([]byte("---\ntitle: [a, {b: *c}]\nurl: &x https://a.example/\nsource: *x\n---\n```\n\n```\n"))
	f.Add([]byte("---\ntitle: \"\\e[31m\"\ncreated: 2025-03-03T09:14:00Z\n...\n# \x1b[2J\n\n\tcode\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseFrontMatterClipping("fuzz.md", int64(len(data)), string(data), fuzzHints)
		if err == nil {
			checkDump(t, d)
		}
	})
}

func FuzzHTMLPage(f *testing.F) {
	addFixtures(f, "*/*.html", "*/*.htm")
	f.Add([]byte("<html><head><title>T</title><link rel=canonical href='https://a.example/'></head><body><p>x<br>y</p></body></html>"))
	f.Add([]byte("<!-- saved from url=(0019)https://a.example/ --><body><article><h1>H</h1><div><div><p>\x1b]0;x\x07text</p></div></div></article>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseHTMLPage("fuzz.html", int64(len(data)), data, fuzzHints)
		if err == nil {
			checkDump(t, d)
		}
	})
}

func FuzzXMLFeed(f *testing.F) {
	addFixtures(f, "*/*.xml", "*/*.rss", "*/*.rdf", "*/*.atom")
	f.Add([]byte(billionLaughs))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>b</b></div></title><content type="xhtml"><div><p>x</p></div></content><author><name>N</name><email>e</email></author></entry></feed>`))
	f.Add([]byte("<rss><channel><item><title>T</title><description><![CDATA[<p>a</p>]]></description><pubDate>Tue, 31 Feb 2025 25:00:00 XYZ</pubDate></item>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{formatRSS, formatAtom} {
			d, err := parseFeedFile("fuzz.xml", int64(len(data)), format, data, fuzzHints)
			if err == nil {
				checkDump(t, d)
			}
		}
	})
}

func FuzzJSONFeed(f *testing.F) {
	addFixtures(f, "*/*.json")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":1,"content_html":"<p>x</p>","author":{"name":"\u001b[31m"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseFeedFile("fuzz.json", int64(len(data)), formatJSONFeed, data, fuzzHints)
		if err == nil {
			checkDump(t, d)
		}
	})
}

func FuzzMessage(f *testing.F) {
	addFixtures(f, "*/*.eml", "Maildir/*/*")
	f.Add([]byte("From: =?UTF-8?B?QQ==?= <a@b>\nSubject: =?ISO-8859-1?Q?caf=E9?=\nContent-Type: multipart/alternative; boundary=x\n\n--x\nContent-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\n<p>caf=E9</p>\n--x--\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		it, err := parseMessage(data)
		if err == nil {
			checkDump(t, storiesDump("fuzz.eml", int64(len(data)), fuzzHints, formatEML, []item{it}, time.Time{}))
		}
	})
}

func FuzzMbox(f *testing.F) {
	addFixtures(f, "*/*.mbox")
	var b bytes.Buffer
	mboxOf(&b, 3)
	f.Add(b.Bytes())
	f.Add([]byte("From x\n\nFrom y\nSubject: a\n\n>>From z\nFrom w\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseMbox("fuzz.mbox", int64(len(data)), bytes.NewReader(data), fuzzHints)
		if err == nil {
			checkDump(t, d)
		}
	})
}

// FuzzPlainParagraphs: the quick reading of plain paragraphs gives what
// the HTML parser gives, whenever it takes the fragment.
func FuzzPlainParagraphs(f *testing.F) {
	f.Add("<p>A &amp; B</p>\n<p>  C&nbsp;D &eacute;&#233;&copy</p>")
	f.Add("<p></p><p>\u00a0</p><p>x\ty\u2028z</p>")
	f.Add("<p>a &lt;b&gt; &notit; &amp;lt;</p>")
	f.Fuzz(func(t *testing.T, s string) {
		quick, ok := plainParagraphs(s)
		if !ok {
			return
		}
		if parsed := parsedParagraphs(s); !slices.Equal(quick, parsed) {
			t.Fatalf("%q: quick %q, parsed %q", s, quick, parsed)
		}
	})
}
