package loader

import (
	"bytes"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unsafe"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"tidings/model"
)

// Saved web pages: the article is found by go-readability (the maintained
// port of Firefox's Reader View, which knows navigation, cookie banners,
// share bars and comments from an article far better than rules of ours
// would), then its text taken as every HTML text is (htmltext.go).

// maxHTMLElements bounds the page readability scores: its passes are
// repeated over the tree, and a page of more elements is not an article.
const maxHTMLElements = 200_000

func parseHTMLPage(path string, size int64, data []byte, hints SaveHints) (*model.Dump, error) {
	if mayNestDeeply(unsafe.String(unsafe.SliceData(data), len(data))) {
		data = []byte(flattenDeepHTML(string(data)))
	}
	var r io.Reader = bytes.NewReader(data)
	if enc, name, _ := charset.DetermineEncoding(data[:min(len(data), 1024)], "text/html"); name != "utf-8" {
		// UTF-8, nearly every page, is parsed as it is: the parser takes
		// invalid bytes, and every line is made valid UTF-8 when cleaned.
		r = transform.NewReader(r, enc.NewDecoder())
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, notStories("an HTML page that cannot be parsed (%v)", err)
	}
	pageURL := savedURL(doc, data)
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	p := readability.NewParser()
	p.MaxElemsToParse = maxHTMLElements
	art, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return nil, notStories("an HTML page with no article readability can find (%v)", err)
	}
	it := item{headline: withoutDanglingSeparator(art.Title()), source: art.SiteName(), author: art.Byline(), url: pageURL}
	if art.Node != nil {
		it.paragraphs = nodeParagraphs(art.Node)
	}
	if t, err := art.PublishedTime(); err == nil {
		it.published = t
	}
	if cleanText(it.headline) == "" && len(it.paragraphs) == 0 {
		return nil, notStories("an HTML page with neither a title nor article text")
	}
	if it.source == "" && base != nil {
		it.source = strings.TrimPrefix(base.Hostname(), "www.")
	}
	return storiesDump(path, size, hints, formatHTML, []item{it}, savedDate(data)), nil
}

// savedURL is where the page was saved from: its canonical link, its
// og:url, or the mark a browser's "Save as" or SingleFile leaves.
func savedURL(doc *html.Node, data []byte) string {
	var canonical, og string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 8 || (canonical != "" && og != "") {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				if strings.EqualFold(htmlAttr(n, "rel"), "canonical") {
					canonical = htmlAttr(n, "href")
				}
			case "meta":
				if htmlAttr(n, "property") == "og:url" {
					og = htmlAttr(n, "content")
				}
			case "body":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	for _, u := range []string{canonical, og} {
		if u = cleanURL(strings.TrimSpace(u)); u != "" {
			return u
		}
	}
	// The marks are looked for only where their words are: the regular
	// expressions cost more than the rest of the search.
	head := data[:min(len(data), 4096)]
	if bytes.Contains(head, []byte("saved from url")) {
		if u := cleanURL(strings.TrimSpace(submatch(saveMark, head))); u != "" {
			return u
		}
	}
	if bytes.Contains(head, []byte("SingleFile")) {
		if u := cleanURL(strings.TrimSpace(submatch(singleFileURL, head))); u != "" {
			return u
		}
	}
	return ""
}

var (
	saveMark       = regexp.MustCompile(`<!-- saved from url=\(\d+\)(\S+?) -->`)
	singleFileURL  = regexp.MustCompile(`(?m)^\s*url: (\S+)\s*$`)
	singleFileDate = regexp.MustCompile(`(?m)^\s*saved date: (.+?)\s*$`)
)

// savedDate is the save time SingleFile writes at the top of its pages.
func savedDate(data []byte) (t time.Time) {
	head := data[:min(len(data), 4096)]
	if !bytes.Contains(head, []byte("SingleFile")) {
		return t
	}
	s := submatch(singleFileDate, head)
	// "Sun Mar 01 2026 09:15:00 GMT+0100 (Central European Standard Time)"
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	if v, err := time.Parse("Mon Jan 02 2006 15:04:05 GMT-0700", s); err == nil {
		return v
	}
	return t
}

func submatch(re *regexp.Regexp, b []byte) string {
	if m := re.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return ""
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// withoutDanglingSeparator drops a separator left at the end of a title
// whose site name is empty ("Headline | ", a template with no site name
// set): readability cuts a site name off, but keeps the separator when
// nothing follows it.
func withoutDanglingSeparator(title string) string {
	trimmed := strings.TrimRight(title, " \t|-–—·»:")
	if trimmed == "" {
		return title
	}
	return trimmed
}
