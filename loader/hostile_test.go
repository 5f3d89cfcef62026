package loader

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidings/model"
)

// Hostile files: each must be refused or read, never hang, never blow up.
// They are made here, not kept in testdata.

func parseAs(t *testing.T, name string, data []byte) (*model.Dump, error) {
	t.Helper()
	return parseSafely(name, data, SaveHints{FolderDate: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), Location: time.UTC}, false)
}

// billionLaughs declares entities that would expand to 3 GB.
const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs &lol9;</title>
<item><title>Item &lol9;</title><description>&lol9; and &amp; and &eacute;</description></item>
</channel></rss>`

func TestFeedEntitiesAreNeverExpanded(t *testing.T) {
	d, err := parseAs(t, "bomb.xml", []byte(billionLaughs))
	if err != nil {
		t.Fatal(err)
	}
	s := d.Related[0]
	if s.Headline != "Item &lol9;" || s.Source() != "Laughs &lol9;" || s.Paragraphs()[0] != "&lol9; and & and é" {
		t.Errorf("got %q [%q] %q", s.Headline, s.Source(), s.Paragraphs())
	}
	// The same with an Atom root and a JSON Feed's own way of nesting.
	atom := strings.Replace(strings.Replace(billionLaughs, "<rss version=\"2.0\"><channel>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", 1), "</channel></rss>", "</feed>", 1)
	atom = strings.ReplaceAll(strings.ReplaceAll(atom, "<item>", "<entry>"), "</item>", "</entry>")
	if d, err := parseAs(t, "bomb.atom", []byte(atom)); err != nil || len(d.Related) != 1 || len(d.Related[0].Headline) > 20 {
		t.Errorf("atom: %v %v", d, err)
	}
}

func TestDeepNestingIsRefusedOrFlattened(t *testing.T) {
	const n = 200_000
	deep := func(open, close string) string {
		return strings.Repeat(open, n) + "text" + strings.Repeat(close, n)
	}
	// A feed: refused with the reason.
	xmlFeed := `<rss version="2.0"><channel><title>Deep</title><item><title>T</title><description>` + deep("<a>", "</a>") + `</description></item></channel></rss>`
	if _, err := parseAs(t, "deep.rss", []byte(xmlFeed)); err == nil || !strings.Contains(err.Error(), "nested more than 256 deep") {
		t.Errorf("deep feed: %v", err)
	}
	// A page: the nesting is flattened, the text kept.
	page := "<html><head><title>Deep page</title></head><body>" + deep("<div>", "</div>") + "</body></html>"
	if d, err := parseAs(t, "deep.html", []byte(page)); err != nil || d.Main.Headline != "Deep page" {
		t.Errorf("deep page: %v %v", d, err)
	}
	// A feed item's HTML content, escaped (the feed itself is shallow).
	escaped := strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(deep("<b>", "</b>"))
	xmlFeed = `<rss version="2.0"><channel><title>Deep</title><item><title>T</title><description>` + escaped + `</description></item></channel></rss>`
	if d, err := parseAs(t, "deep2.rss", []byte(xmlFeed)); err != nil || d.Related[0].Paragraphs()[0] != "text" {
		t.Errorf("deep item content: %v", err)
	}
	jsonFeed := `{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[{"title":"t","extra":` + deep("[", "]") + `}]}`
	if _, err := parseAs(t, "deep.json", []byte(jsonFeed)); err == nil || !strings.Contains(err.Error(), "JSON Feed that cannot be read") {
		t.Errorf("deep JSON Feed: %v", err)
	}
	yamlDeep := "---\ntitle: x\nextra: " + deep("[", "]") + "\n---\nBody\n"
	if _, err := parseAs(t, "deep.md", []byte(yamlDeep)); err == nil || !strings.Contains(err.Error(), "not valid YAML") {
		t.Errorf("deep YAML: %v", err)
	}
	mime := "From: a@b.example\nSubject: Deep\nContent-Type: multipart/mixed; boundary=b0\n\n"
	for i := range 50 {
		mime += fmt.Sprintf("--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n", i, i+1)
	}
	mime += "--b50\nContent-Type: text/plain\n\nToo deep to reach\n"
	if d, err := parseAs(t, "deep.eml", []byte(mime)); err != nil || len(d.Main.Paragraphs()) != 0 {
		t.Errorf("deep MIME: %v %v", d, err)
	}
}

// TestYAMLAliasBombIsRefused: aliases that would expand a billion times.
func TestYAMLAliasBombIsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: Bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("---\nBody\n")
	if _, err := parseAs(t, "bomb.md", []byte(b.String())); err == nil || !strings.Contains(err.Error(), "not valid YAML") {
		t.Errorf("alias bomb: %v", err)
	}
}

// TestSixtyMiBLine: one line of 60 MiB in each format is read.
func TestSixtyMiBLine(t *testing.T) {
	size := 60 << 20
	if raceDetector {
		size = 6 << 20
	}
	line := bytes.Repeat([]byte("harbour "), size/8)
	for _, c := range []struct{ name, before, after string }{
		{"long.md", "---\ntitle: Long\n---\n", "\n"},
		{"long.rss", "<rss><channel><title>F</title><item><title>Long</title><description>", "</description></item></channel></rss>"},
		{"long.json", `{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"Long","content_text":"`, `"}]}`},
		{"long.eml", "From: a@b.example\nSubject: Long\n\n", "\n"},
		{"long.mbox", "From a@b.example Mon Mar  3 10:00:00 2025\nFrom: a@b.example\nSubject: Long\n\n", "\n"},
		{"long.html", "<html><head><title>Long</title></head><body><p>", "</p></body></html>"},
	} {
		data := slicesConcat([]byte(c.before), line, []byte(c.after))
		d, err := parseAs(t, c.name, data)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		s := storiesOf(d)[0]
		if s.Headline != "Long" || len(s.Paragraphs()) != 1 || len(s.Paragraphs()[0]) < size-16 {
			t.Errorf("%s: %q with %d paragraphs", c.name, s.Headline, len(s.Paragraphs()))
		}
	}
}

func slicesConcat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// mboxOf writes n small messages.
func mboxOf(w io.Writer, n int) {
	bw := bytes.NewBuffer(make([]byte, 0, 1<<20))
	for i := range n {
		fmt.Fprintf(bw, "From sender@x.example Mon Mar  3 10:00:00 2025\nFrom: Sender <sender@x.example>\nSubject: Message number %d of the day\nDate: Mon, 3 Mar 2025 10:%02d:00 +0000\n\nBody of message %d.\n>From the quoted line.\n\n", i, i%60, i)
		if bw.Len() > 512<<10 {
			w.Write(bw.Bytes())
			bw.Reset()
		}
	}
	w.Write(bw.Bytes())
}

// TestMboxOfAHundredThousandMessages is streamed from a file larger than
// the size limit, through the load: every message a story.
func TestMboxOfAHundredThousandMessages(t *testing.T) {
	const n = 100_000
	path := filepath.Join(t.TempDir(), "big.mbox")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	mboxOf(f, n)
	// Padding takes the file over the limit, so that it must be streamed.
	for info, _ := f.Stat(); info.Size() <= MaxFileSize; info, _ = f.Stat() {
		fmt.Fprintf(f, "From pad@x.example Mon Mar  3 10:00:00 2025\nFrom: Pad <pad@x.example>\nSubject: Padding\n\n%s\n\n", strings.Repeat("pad ", 1<<18))
	}
	f.Close()
	res := LoadAll(context.Background(), Source{Paths: []string{path}}, Options{Location: time.UTC})
	if len(res) != 1 || res[0].Err != nil {
		t.Fatalf("%+v", res)
	}
	d := res[0].Dump
	lib := model.NewLibrary()
	lib.Add(d)
	if got := len(lib.Articles); got != n+1 {
		t.Fatalf("%d articles, want %d and the padding", got, n+1)
	}
	s := d.Related[n-1]
	if s.Headline != fmt.Sprintf("Message number %d of the day", n-1) || s.Paragraphs()[0] != fmt.Sprintf("Body of message %d. From the quoted line.", n-1) {
		t.Errorf("last message: %q %q", s.Headline, s.Paragraphs())
	}
	// Its text is read again the same way.
	again, err := Dumps{Location: time.UTC}.ReadDump(res[0].FileRef)
	if err != nil || len(again.Related) != len(d.Related) {
		t.Errorf("read again: %v", err)
	}
}

// TestNothingDrivesTheTerminal: escape sequences and controls in every
// format's fields are removed, as in dumps.
func TestNothingDrivesTheTerminal(t *testing.T) {
	const esc = "\x1b]52;c;ZXZpbA==\x07\x1b[31m\u202e"
	for _, c := range []struct{ name, text string }{
		{"x.md", "---\ntitle: \"T\\e]0;x\\aitle\"\nauthor: \"A\\e[31m\"\n---\nBody " + esc + " text\n\n  indented " + esc + "\n"},
		{"x.rss", "<rss><channel><title>F" + esc + "</title><item><title>T" + esc + "itle</title><link>https://a.example/" + esc + "</link><description>Body " + esc + " text</description></item></channel></rss>"},
		{"x.json", `{"version":"https://jsonfeed.org/version/1.1","title":"F\u001b[2J","items":[{"title":"T\u001b]0;x\u0007itle","content_text":"Body \u001b[31m text"}]}`},
		{"x.eml", "From: =?UTF-8?Q?A=1B]0;x=07?= <a@b.example>\nSubject: =?UTF-8?Q?T=1B[2Jitle?=\n\nBody " + esc + " text\n"},
		{"x.html", "<html><head><title>T" + esc + "itle</title></head><body><p>Body " + esc + " text</p></body></html>"},
	} {
		d, err := parseAs(t, c.name, []byte(c.text))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		for _, s := range storiesOf(d) {
			fields := append([]string{s.Headline, s.Source(), s.Author(), s.URL()}, s.Paragraphs()...)
			for _, f := range fields {
				for _, r := range f {
					if IsUnsafeRune(r) && !(r == '\n' && s.Format == model.TextMarkdown) {
						t.Errorf("%s: %q holds %U", c.name, f, r)
					}
				}
			}
			if !strings.HasPrefix(s.Headline, "T") {
				t.Errorf("%s: headline %q", c.name, s.Headline)
			}
		}
	}
}
