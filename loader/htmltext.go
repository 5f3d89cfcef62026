package loader

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The one way HTML becomes text, for a saved page's article, a feed item's
// content and a newsletter's HTML part: readability's innerText rendering
// (block elements break lines, links are their words, scripts, styles and
// hidden elements are dropped), then each line a paragraph, cleaned as a
// dump's lines are.

// maxHTMLDepth bounds how deeply elements may nest before the HTML is
// flattened: the text rendering recurses once per level, x/net/html
// refuses a document nested more than 512 deep, and no article needs more
// than a few dozen.
const maxHTMLDepth = 256

// htmlParagraphs turns an HTML fragment into paragraphs of plain text.
func htmlParagraphs(fragment string) []string {
	if !strings.ContainsAny(fragment, "<&") {
		return textParagraphs(fragment)
	}
	if out, ok := plainParagraphs(fragment); ok {
		return out
	}
	return parsedParagraphs(fragment)
}

// parsedParagraphs is htmlParagraphs through the HTML parser and
// readability's text rendering.
func parsedParagraphs(fragment string) []string {
	fragment = flattenDeepHTML(fragment)
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		return textParagraphs(tagsDropped(fragment))
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return nodeParagraphs(body)
}

// plainParagraphs reads the commonest shape of feed and newsletter
// content, paragraphs of text and entities ("<p>…</p><p>…</p>") and
// nothing else, as the parser would, at a fraction of its cost (a feed of
// many items is otherwise mostly parsing them). ok is false for anything
// else, which the parser then reads; FuzzPlainParagraphs checks the two
// agree.
func plainParagraphs(s string) (out []string, ok bool) {
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			return out, true
		}
		body, ok := strings.CutPrefix(s, "<p>")
		if !ok {
			return nil, false
		}
		end := strings.Index(body, "</p>")
		if end < 0 {
			return nil, false
		}
		text := body[:end]
		if strings.IndexByte(text, '<') >= 0 || strings.IndexByte(text, 0) >= 0 || strings.IndexByte(text, '\r') >= 0 {
			return nil, false
		}
		if p := cleanText(html.UnescapeString(text)); p != "" {
			out = append(out, p)
		}
		s = body[end+len("</p>"):]
	}
}

// htmlLine is a title that may hold markup or entities, as one line.
func htmlLine(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return cleanText(s)
	}
	return strings.Join(htmlParagraphs(s), " ")
}

// flattenDeepHTML drops the tags that nest deeper than maxHTMLDepth,
// keeping their text, so that a hostile file of a million nested elements
// costs a linear pass instead of a recursion a million deep. Only files
// that nest that deeply are rewritten.
func flattenDeepHTML(s string) string {
	if !mayNestDeeply(s) {
		return s
	}
	z := html.NewTokenizer(strings.NewReader(s))
	depth, deep := 0, false
	for !deep {
		switch z.Next() {
		case html.ErrorToken:
			return s
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElement(atom.Lookup(name)) {
				depth++
				deep = depth > maxHTMLDepth
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); !voidElement(atom.Lookup(name)) {
				depth = max(0, depth-1)
			}
		}
	}
	var b strings.Builder
	z = html.NewTokenizer(strings.NewReader(s))
	depth = 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElement(atom.Lookup(name)) {
				b.Write(z.Raw())
				continue
			}
			depth++
			if depth <= maxHTMLDepth {
				b.Write(z.Raw())
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if voidElement(atom.Lookup(name)) {
				b.Write(z.Raw())
				continue
			}
			if depth <= maxHTMLDepth {
				b.Write(z.Raw())
			}
			depth = max(0, depth-1)
		default:
			b.Write(z.Raw())
		}
	}
}

// mayNestDeeply is a quick bound on the nesting, counting every "<x" as
// an opening and every "</" as a closing: it overcounts (void elements,
// "<" in scripts), so HTML it passes is never deeper than maxHTMLDepth,
// and nearly all HTML is spared the tokenizer's exact count.
func mayNestDeeply(s string) bool {
	depth := 0
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		switch c := s[i+1]; {
		case c == '/':
			depth = max(0, depth-1)
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			if depth++; depth > maxHTMLDepth {
				return true
			}
		}
		s = s[i+1:]
	}
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr, atom.P, atom.Li:
		// p and li close themselves when the next one opens; counted as
		// nesting they would make a long list look deep.
		return true
	}
	return false
}

// tagsDropped is the text of HTML the parser refused, without its tags.
func tagsDropped(s string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}
