package loader

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// xmlTokens lists a document's elements and text as the scanner reads
// them, one line each; text runs are joined, and line ends made "\n", as
// encoding/xml hands them.
func scannedTokens(data []byte) ([]string, error) {
	z, err := newXMLScanner(data)
	if err != nil {
		return nil, err
	}
	var out []string
	var text []byte
	flush := func() {
		if len(text) > 0 {
			out = append(out, "text "+normalizeCR(string(text)))
			text = text[:0]
		}
	}
	for {
		tok, err := z.next()
		if err != nil {
			return out, err
		}
		switch tok {
		case xmlEOF:
			flush()
			return out, nil
		case xmlStart:
			flush()
			out = append(out, startLine(z.name, z.attrs))
		case xmlEnd:
			flush()
			out = append(out, fmt.Sprintf("end {%s}%s", z.name.Space, z.name.Local))
		case xmlText:
			text = append(text, z.textBytes()...)
		}
	}
}

// decodedTokens is scannedTokens by encoding/xml in strict mode; ok is
// false for a document it refuses.
func decodedTokens(data []byte) (out []string, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Entity = xml.HTMLEntity
	var text []byte
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if len(text) > 0 {
				out = append(out, "text "+normalizeCR(string(text)))
			}
			return out, true
		}
		if err != nil {
			return nil, false
		}
		if t, isText := tok.(xml.CharData); isText {
			text = append(text, t...)
			continue
		}
		if _, other := tok.(xml.Comment); other {
			continue
		}
		if _, other := tok.(xml.ProcInst); other {
			continue
		}
		if _, other := tok.(xml.Directive); other {
			continue
		}
		if len(text) > 0 {
			out = append(out, "text "+normalizeCR(string(text)))
			text = text[:0]
		}
		switch t := tok.(type) {
		case xml.StartElement:
			out = append(out, startLine(t.Name, t.Attr))
		case xml.EndElement:
			out = append(out, fmt.Sprintf("end {%s}%s", t.Name.Space, t.Name.Local))
		}
	}
}

func startLine(name xml.Name, attrs []xml.Attr) string {
	var b strings.Builder
	fmt.Fprintf(&b, "start {%s}%s", name.Space, name.Local)
	for _, a := range attrs {
		fmt.Fprintf(&b, " {%s}%s=%q", a.Name.Space, a.Name.Local, normalizeCR(a.Value))
	}
	return b.String()
}

func normalizeCR(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// FuzzXMLScanner: for every document encoding/xml reads without fault,
// the scanner reads the same elements, attributes, namespaces and text.
func FuzzXMLScanner(f *testing.F) {
	addFixtures(f, "*/*.xml", "*/*.rss", "*/*.rdf", "*/*.atom")
	for _, s := range xmlScannerCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, ok := decodedTokens(data)
		if !ok || !isUTF8Declared(data) {
			return
		}
		got, err := scannedTokens(data)
		if err != nil {
			t.Fatalf("%q: scanner: %v (encoding/xml read it)", data, err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\nscanner:\n%s\nencoding/xml:\n%s", data, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// isUTF8Declared: encoding/xml with no CharsetReader refuses any other
// declared character set, which the scanner decodes.
func isUTF8Declared(data []byte) bool { return declaredEncoding(data) == "" }

var xmlScannerCases = []string{
	`<?xml version="1.0"?><rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>A &amp; B</title><item><content:encoded><![CDATA[<p>x]] y</p>]]></content:encoded></item></channel></rss>`,
	`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel='alternate' href="https://a.example/?a=1&amp;b=2"/><content type="html">&lt;p&gt;caf&eacute; &#233;&#xE9;&lt;/p&gt;</content></entry></feed>`,
	"<!DOCTYPE rss [<!ENTITY a \"]>\"><!-- ] > -->]><rss>\r\n<x a=\"1\r\n2\">&a;</x></rss>",
	`<a xmlns:p="u1"><p:b xmlns:p="u2" p:c="d"><p:e/></p:b><p:f/><q:g/></a>`,
	`<a><!-- c --><?pi x?>t<b/>u</a>`,
}

// TestXMLScannerLenient: what encoding/xml stops at, the scanner reads on.
func TestXMLScannerLenient(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<a><b>x</c></b></a>`, "start {}a|start {}b|text x|end {}b|end {}a"},
		{`<a><b><i>x</b>y</a>`, "start {}a|start {}b|start {}i|text x|end {}i|end {}b|text y|end {}a"},
		{`<a>1 < 2 &nope; & &amp;</a>`, "start {}a|text 1 < 2 &nope; & &|end {}a"},
		{`<a href=x b>t</a>`, `start {}a {}href="x" {}b="b"|text t|end {}a`},
		{`<a>&lol9;</a>`, "start {}a|text &lol9;|end {}a"},
	} {
		got, err := scannedTokens([]byte(c.in))
		if err != nil || strings.Join(got, "|") != c.want {
			t.Errorf("%s: got %q (%v), want %q", c.in, strings.Join(got, "|"), err, c.want)
		}
	}
	if _, err := scannedTokens([]byte(`<a><b>cut`)); err == nil {
		t.Error("a document cut short: no error")
	}
}

// TestXMLScannerCharset: a declared character set is decoded.
func TestXMLScannerCharset(t *testing.T) {
	got, err := scannedTokens([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>"))
	if err != nil || strings.Join(got, "|") != "start {}a|text café|end {}a" {
		t.Errorf("got %q (%v)", got, err)
	}
}

// TestXMLScannerFixtures runs the fuzz check over the feed fixtures and
// the fuzz corpus of the feed parser.
func TestXMLScannerFixtures(t *testing.T) {
	var files []string
	for _, g := range []string{"../testdata/formats/*/*", "testdata/fuzz/FuzzXMLFeed/*"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	compared := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if info, serr := os.Stat(path); serr == nil && info.IsDir() {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(path, "fuzz") {
			data = fuzzCorpusBytes(t, data)
		}
		want, ok := decodedTokens(data)
		if !ok || !isUTF8Declared(data) {
			continue
		}
		compared++
		got, err := scannedTokens(data)
		if err != nil || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: scanner differs from encoding/xml (%v)", path, err)
		}
	}
	if compared < 3 {
		t.Errorf("only %d files compared", compared)
	}
}

// fuzzCorpusBytes reads the []byte value of a fuzz corpus file.
func fuzzCorpusBytes(t *testing.T, file []byte) []byte {
	t.Helper()
	_, value, _ := strings.Cut(string(file), "\n")
	value = strings.TrimSpace(value)
	quoted, ok := strings.CutPrefix(value, "[]byte(")
	if !ok {
		t.Fatalf("not a []byte corpus entry: %.40q", value)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(quoted, ")"))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(s)
}
