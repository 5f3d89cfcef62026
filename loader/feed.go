package loader

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"html"
	"strings"
	"time"

	"tidings/model"
)

// Feed files saved to disk: RSS 2.0, RSS 1.0 (RDF) and Atom, read with a
// token loop (gofeed is not an approved dependency, and the loop needs
// little: a feed's title, and each item's title, link, date, author and
// text) over xmlScanner, which reads as encoding/xml's lenient decoder
// does at a fraction of its cost (xmlscan.go). Entities a doctype
// declares are never expanded, so only nesting needs a bound, and the
// loop holds no recursion.

// maxXMLDepth is as deep as a feed's elements may nest; real feeds nest
// under ten levels, an Atom entry's XHTML content some more.
const maxXMLDepth = 256

const (
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsAtom    = "http://www.w3.org/2005/Atom"
)

// feedField is an item's element being read: its text so far, and the
// depth it opened at.
type feedField struct {
	name   string // as itemFieldName names it
	depth  int
	kind   string // an Atom text construct's type: "text", "html" or "xhtml"
	buf    strings.Builder
	inName bool            // inside an Atom author's <name>
	name2  strings.Builder // that name
}

type feedItem struct {
	fields     map[string]string
	kinds      map[string]string
	link       string
	categories []string
}

// parseXMLFeed reads an RSS, RDF or Atom file's title and items.
func parseXMLFeed(data []byte) (title string, items []item, err error) {
	z, err := newXMLScanner(xmlLegal(data))
	if err != nil {
		return "", nil, err
	}
	var (
		stack     []string
		cur       *feedItem
		itemDepth int
		field     *feedField
		feedTitle *feedField
	)
	for {
		tok, err := z.next()
		if tok == xmlEOF && err == nil {
			break
		}
		if err != nil {
			if cur == nil && len(items) == 0 && title == "" {
				return "", nil, err
			}
			break // keep the items read before a truncation
		}
		switch tok {
		case xmlStart:
			t := xml.StartElement{Name: z.name, Attr: z.attrs}
			stack = append(stack, strings.ToLower(t.Name.Local))
			if len(stack) > maxXMLDepth {
				return "", nil, fmt.Errorf("elements nested more than %d deep", maxXMLDepth)
			}
			local := stack[len(stack)-1]
			switch {
			case field != nil:
				if field.name == "author" {
					field.inName = local == "name"
					continue
				}
				writeStartTag(&field.buf, t) // XHTML content, or markup a feed left unescaped
			case feedTitle != nil:
			case cur == nil && (local == "item" || local == "entry"):
				cur = &feedItem{fields: map[string]string{}, kinds: map[string]string{}}
				itemDepth = len(stack)
			case cur == nil && local == "title" && title == "" && len(stack) >= 2 &&
				(stack[len(stack)-2] == "channel" || stack[len(stack)-2] == "feed"):
				feedTitle = &feedField{depth: len(stack), kind: attr(t, "type")}
			case cur != nil && len(stack) == itemDepth+1:
				if local == "link" && t.Name.Space != "" || local == "link" && attr(t, "href") != "" {
					if rel := attr(t, "rel"); (rel == "" || rel == "alternate") && cur.link == "" {
						cur.link = attr(t, "href")
					}
				}
				if local == "category" || local == "subject" && t.Name.Space != "" {
					// Atom names its category in attributes; RSS and
					// dc:subject in the text.
					if c := cmp.Or(attr(t, "label"), attr(t, "term")); c != "" {
						cur.categories = append(cur.categories, c)
					} else {
						field = &feedField{name: "category", depth: len(stack)}
					}
				} else if name := itemFieldName(t.Name.Space, local); name != "" {
					field = &feedField{name: name, depth: len(stack), kind: attr(t, "type")}
				}
			}
		case xmlEnd:
			depth := len(stack)
			if depth > 0 {
				stack = stack[:depth-1]
			}
			switch {
			case field != nil && depth == field.depth:
				v := field.buf.String()
				if field.name2.Len() > 0 {
					v = field.name2.String()
				}
				if field.name == "category" {
					cur.categories = append(cur.categories, v)
				} else if strings.TrimSpace(cur.fields[field.name]) == "" {
					cur.fields[field.name] = v
					cur.kinds[field.name] = field.kind
				}
				field = nil
			case field != nil:
				if field.name == "author" {
					field.inName = false
				} else {
					field.buf.WriteString("</" + strings.ToLower(z.name.Local) + ">")
				}
			case feedTitle != nil && depth == feedTitle.depth:
				title = feedTitle.text()
				feedTitle = nil
			case cur != nil && depth == itemDepth:
				items = append(items, cur.item())
				cur = nil
			}
		case xmlText:
			// Text outside the fields read is never unescaped.
			switch {
			case field != nil && field.name == "author":
				if field.inName {
					field.name2.Write(z.textBytes())
				} else if len(stack) == field.depth {
					field.buf.Write(z.textBytes())
				}
			case field != nil && len(stack) > field.depth:
				field.buf.WriteString(html.EscapeString(string(z.textBytes())))
			case field != nil:
				field.buf.Write(z.textBytes())
			case feedTitle != nil:
				feedTitle.buf.Write(z.textBytes())
			}
		}
	}
	return htmlLine(title), items, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// itemFieldName names the item elements read, whatever their namespace
// prefix: dc:date, dc:creator, content:encoded, Atom's own.
func itemFieldName(space, local string) string {
	switch local {
	case "title", "guid", "id", "summary", "description":
		return local
	case "link":
		return "link"
	case "pubdate", "date", "published", "issued":
		return "date"
	case "updated", "modified":
		return "updated"
	case "encoded":
		if space == nsContent || space == "content" {
			return "encoded"
		}
	case "content":
		return "content"
	case "author", "creator":
		return "author"
	}
	return ""
}

func writeStartTag(b *strings.Builder, t xml.StartElement) {
	b.WriteString("<" + strings.ToLower(t.Name.Local))
	for _, a := range t.Attr {
		b.WriteString(" " + a.Name.Local + `="` + html.EscapeString(a.Value) + `"`)
	}
	b.WriteString(">")
}

func (f *feedField) text() string {
	if f.kind == "text" {
		return html.EscapeString(f.buf.String())
	}
	return f.buf.String()
}

// item picks, among what an entry held, its text (full content first),
// time (published before updated) and link (an Atom alternate, RSS's link,
// a guid that is a URL).
func (fi *feedItem) item() item {
	it := item{headline: fi.fieldLine("title")}
	for _, name := range []string{"encoded", "content", "description", "summary"} {
		v := fi.fields[name]
		if strings.TrimSpace(v) == "" {
			continue
		}
		if fi.kinds[name] == "text" {
			it.paragraphs = textParagraphs(v)
		} else {
			it.paragraphs = htmlParagraphs(v)
		}
		if len(it.paragraphs) > 0 {
			break
		}
	}
	for _, name := range []string{"date", "updated"} {
		if t, ok := statedTime(fi.fields[name]); ok {
			it.published = t
			break
		}
	}
	it.url = fi.link
	if it.url == "" {
		it.url = strings.TrimSpace(fi.fields["link"])
	}
	for _, name := range []string{"guid", "id"} {
		if it.url == "" {
			it.url = cleanURL(strings.TrimSpace(fi.fields[name]))
		}
	}
	it.author = authorName(fi.fields["author"])
	it.tags = tagList(fi.categories...)
	return it
}

func (fi *feedItem) fieldLine(name string) string {
	v := fi.fields[name]
	if fi.kinds[name] == "text" {
		return cleanText(v)
	}
	return htmlLine(v)
}

// authorName takes the name out of RSS's "editor@example.org (Ana Ruiz)".
func authorName(s string) string {
	s = strings.TrimSpace(s)
	if open := strings.IndexByte(s, '('); open > 0 && strings.HasSuffix(s, ")") && strings.Contains(s[:open], "@") {
		return s[open+1 : len(s)-1]
	}
	return s
}

// parseFeedFile makes a collection of a feed's items, each from the feed.
func parseFeedFile(path string, size int64, format string, data []byte, hints SaveHints) (*model.Dump, error) {
	var title string
	var items []item
	var err error
	if format == formatJSONFeed {
		title, items, err = parseJSONFeed(data)
	} else {
		title, items, err = parseXMLFeed(data)
	}
	name := feedNames[format]
	if err != nil {
		return nil, notStories("%s that cannot be read (%v)", name, err)
	}
	for i := range items {
		items[i].source = title
	}
	d := storiesDump(path, size, hints, format, items, time.Time{})
	if len(d.Related) == 0 {
		return nil, notStories("%s with no items", name)
	}
	return d, nil
}

var feedNames = map[string]string{formatRSS: "an RSS feed", formatRDF: "an RSS 1.0 (RDF) feed", formatAtom: "an Atom feed", formatJSONFeed: "a JSON Feed"}

// xmlLegal replaces the control characters XML forbids, which feeds in the
// wild hold now and then and encoding/xml stops at, with spaces; the text
// is cleaned for the terminal later in any case.
func xmlLegal(data []byte) []byte {
	bad := func(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' }
	i := 0
	for i < len(data) && !bad(data[i]) {
		i++
	}
	if i == len(data) {
		return data
	}
	out := bytes.Clone(data)
	for j := i; j < len(out); j++ {
		if bad(out[j]) {
			out[j] = ' '
		}
	}
	return out
}
