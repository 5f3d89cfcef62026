package loader

import (
	"strings"

	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
)

// nodeParagraphs renders a parsed element's text as paragraphs: what
// readability's render.InnerText gives, split at its line breaks, each
// line cleaned (cleanText), empty ones dropped. It is rendered here
// straight into paragraphs, since InnerText builds the text a word at a
// time through a rune loop and the lines are then split and cleaned again,
// which was most of the cost of a feed's or a newsletter's HTML. The rare
// document with TeX in it (MathJax scripts, MathML, mjx-container) is left
// to InnerText. FuzzNodeParagraphs checks the two agree.
func nodeParagraphs(n *html.Node) []string {
	r := textRenderer{}
	if !r.render(n, false) {
		return innerTextParagraphs(n)
	}
	r.endLine()
	return r.out
}

// innerTextParagraphs is nodeParagraphs through render.InnerText.
func innerTextParagraphs(n *html.Node) []string {
	var out []string
	for line := range strings.SplitSeq(render.InnerText(n), "\n") {
		if p := cleanText(line); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// textRenderer follows InnerText's rules: a line break before block
// elements and at <br>, a space queued at white space and before table
// cells (written only between two words of one line), <pre> text as it
// is, nothing of hidden elements and of those that hold no text.
type textRenderer struct {
	out   []string
	line  []byte
	space bool // a space is queued: written only between two words of a line
}

// render renders n; false means InnerText must (TeX).
func (r *textRenderer) render(n *html.Node, pre bool) bool {
	switch n.Type {
	case html.TextNode:
		if pre {
			r.writePre(n.Data)
		} else {
			r.writeText(n.Data)
		}
		return true
	case html.ElementNode:
		if hiddenElement(n) {
			return true
		}
		switch n.Data {
		case "head", "meta", "style", "iframe",
			"audio", "video", "track", "source", "canvas", "svg", "map", "area":
			return true
		case "script":
			for _, a := range n.Attr {
				if a.Key == "type" {
					return !strings.HasPrefix(a.Val, "math/tex")
				}
			}
			return true
		case "math", "mjx-container":
			return false
		case "br", "hr", "p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
			"div", "figure", "figcaption", "picture", "li", "dt", "dd",
			"header", "footer", "main", "section", "article", "aside", "nav", "address",
			"details", "summary", "dialog", "form", "fieldset",
			"caption", "thead", "tbody", "tfoot", "tr":
			r.endLine()
		case "pre":
			r.endLine()
			pre = true
		case "th", "td":
			r.space = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !r.render(c, pre) {
			return false
		}
	}
	return true
}

func hiddenElement(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "aria-hidden" {
			return a.Val == "" || a.Val == "true"
		}
	}
	return false
}

// endLine makes the line so far a paragraph.
func (r *textRenderer) endLine() {
	if len(r.line) > 0 {
		if p := cleanText(string(r.line)); p != "" {
			r.out = append(r.out, p)
		}
		r.line = r.line[:0]
	}
}

// writeText writes a text node as it is: InnerText writes its words with
// one space between them, which cleanText makes of any run of white space
// (spaces at a line's ends are trimmed), so only a space a table cell
// queued needs writing.
func (r *textRenderer) writeText(s string) {
	// White space at the text's ends is one queued space: the line then
	// needs cleanText's rebuilding only for white space within the text.
	trimmed := strings.TrimLeft(s, " \t\n\v\f\r")
	if len(trimmed) < len(s) {
		r.space = true
	}
	if trimmed == "" {
		return
	}
	s = strings.TrimRight(trimmed, " \t\n\v\f\r")
	if r.space && len(r.line) > 0 {
		r.line = append(r.line, ' ')
	}
	r.line = append(r.line, s...)
	r.space = len(s) < len(trimmed)
}

// writePre writes preformatted text, its own line breaks kept.
func (r *textRenderer) writePre(s string) {
	if r.space && len(r.line) > 0 {
		r.line = append(r.line, ' ')
	}
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			break
		}
		r.line = append(r.line, s[:i]...)
		r.endLine()
		s = s[i+1:]
	}
	r.line = append(r.line, s...)
	r.space = false
}
