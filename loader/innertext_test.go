package loader

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FuzzNodeParagraphs: the paragraphs rendered here are InnerText's, split
// and cleaned, for any fragment the HTML parser reads.
func FuzzNodeParagraphs(f *testing.F) {
	for _, s := range []string{
		"<p>A <b>b</b>c</p>d<br>e&nbsp;f<table><tr><td>1</td><td>2</td></tr></table>",
		"<pre>  a\n\n b <i>c</i>\n</pre>x <div aria-hidden=true>gone</div><div aria-hidden=false>kept</div>",
		"<ul><li>one<li>two</ul><script>x()</script><style>p{}</style><svg><text>no</text></svg>",
		"a\u00a0\x01\u00a0b\u2028c\u3000d <span>\t</span> e<hr>f\x1b[31mg",
		"<script type=\"math/tex; mode=display\">x^2</script><math><annotation encoding=\"application/x-tex\">y</annotation></math>",
		"<p>\u00a0</p><p> </p><h1>  H  </h1><blockquote><p>q</p></blockquote>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
		nodes, err := html.ParseFragment(strings.NewReader(s), body)
		if err != nil {
			return
		}
		for _, n := range nodes {
			body.AppendChild(n)
		}
		if got, want := nodeParagraphs(body), innerTextParagraphs(body); !slices.Equal(got, want) {
			t.Fatalf("%q: rendered %q, InnerText %q", s, got, want)
		}
	})
}
