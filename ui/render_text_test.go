package ui

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/loader"
	"tidings/model"
)

// markdownLike is text from dumps that Markdown would read as markup: it is
// shown as written, without a backslash and without formatting.
var markdownLike = []string{
	"Smith & Sons",
	"Smith &amp; Sons, and &copy; 2025, &#65;",
	"Prices rose 3% * 2 = 6% after *the* vote",
	"snake_case_name and __init__ and _emphasis_",
	"#Budget talks #2 resume",
	"# Not a heading",
	"## Not a heading either",
	"[Updated] Harbour wall repairs start [see map](example.org)",
	"![not an image](x.png)",
	"Use `code` and ``more`` here",
	"> not a quote",
	">> nested",
	"1. not a list",
	"2025. A year",
	"12) not a list",
	"- not a bullet",
	"+ not a bullet",
	"= not an underline",
	"---",
	"***",
	"~~not struck~~ and ~one~",
	"a | b | c",
	"<b>not bold</b> <script>x</script>",
	"http://example.org/a_b_c and www.example.org/x_y",
	"mail the editor at news@example.org",
	"back\\slash \\* and \\&",
	"Tickets: none needed",
	"a  b   spaced",
	"** unbalanced",
}

// renderText renders a story's paragraphs as the reader does.
func renderText(t *testing.T, style string, paragraphs []string) string {
	t.Helper()
	tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(500))
	if err != nil {
		t.Fatal(err)
	}
	out, err := tr.Render(storyMarkdown(model.Body{Paragraphs: paragraphs}))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTextIsShownAsWritten(t *testing.T) {
	for _, style := range []string{"dark", "light", "notty", "ascii"} {
		for _, s := range markdownLike {
			out := renderText(t, style, []string{s})
			if strings.Contains(out, "\x1b]8;") {
				t.Errorf("%s: %q became a link: %q", style, s, out)
			}
			// Only the paragraph's own colour: no bold, italic,
			// underline, strikethrough or other colour.
			for _, seq := range ansiSGRs(out) {
				if seq != "\x1b[m" && seq != "\x1b[0m" && !strings.HasPrefix(seq, "\x1b[38;5;25") && !strings.HasPrefix(seq, "\x1b[38;5;23") {
					t.Errorf("%s: %q is formatted (%q): %q", style, s, seq, out)
					break
				}
			}
			if got := strings.TrimSpace(ansi.Strip(out)); got != s {
				t.Errorf("%s: %q is shown as %q", style, s, got)
			}
		}
	}
}

// Each paragraph stays one paragraph, and live-blog authors are shown as
// written too.
func TestMarkdownLikeParagraphsStayApart(t *testing.T) {
	out := ansi.Strip(renderText(t, "notty", []string{"1. first", "- second", "> third"}))
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if strings.Join(lines, "|") != "1. first|- second|> third" {
		t.Errorf("paragraphs %q", lines)
	}
	tr, _ := glamour.NewTermRenderer(glamour.WithStandardStyle("notty"), glamour.WithWordWrap(100))
	md := storyMarkdown(model.Body{Entries: []model.Entry{{Author: "Ana_Ruiz & *Co*", Time: time.Date(2025, 3, 3, 7, 42, 0, 0, time.UTC), Text: "Smith & Sons #1"}}})
	got, _ := tr.Render(md)
	if !strings.Contains(got, "Ana_Ruiz & *Co*") || !strings.Contains(got, "Smith & Sons #1") {
		t.Errorf("entry shown as %q", got)
	}
}

// ansiSGRs lists the SGR sequences ("\x1b[...m") in s.
func ansiSGRs(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], 'm')
		if j < 0 {
			return out
		}
		out = append(out, s[i:i+j+1])
		s = s[i+j+1:]
	}
}

// On screen, at both sizes: a story whose text Markdown would read as
// markup shows it as written.
func TestMarkdownLikeTextOnScreen(t *testing.T) {
	page := "Smith & Sons to close the #1 yard\n" +
		"PORTMERE, March 3 (Esker Wire) - Smith & Sons said *all* staff_names would stay.\n" +
		"1. The yard opened in 1901.\n" +
		"> Quoted & kept, ~never~ struck.\n" +
		"Related Articles\n"
	fsys := fstest.MapFS{"dumps/2025-03-03/a.txt": {Data: []byte(page)}}
	forSizes(t, func(t *testing.T, w, h int) {
		d := newDriver(t, w, h, func(o *Options) { o.Source = loader.Source{FS: fsys, Root: "dumps"} })
		d.keys("enter")
		d.requireScreenContains("Smith & Sons said *all*", "1. The yard opened", "> Quoted & kept, ~never~ struck.")
		if s := d.screen(); strings.Contains(s, `\&`) || strings.Contains(s, `\*`) || strings.Contains(s, "&#") {
			t.Errorf("escapes on screen:\n%s", s)
		}
	})
}

// When nothing matches, the message shows the query as typed: its quotes
// are not escaped.
func TestNoMatchShowsTheQueryAsTyped(t *testing.T) {
	d := newDriver(t, 200, 50)
	d.keys("/")
	d.typeText(`"zebra crossing" 9%`)
	d.keys("enter")
	d.until("no match", func() bool { return strings.Contains(d.screen(), "No story matches") })
	d.requireScreenContains(`No story matches “"zebra crossing" 9%”.`)
	if strings.Contains(d.screen(), `\"`) {
		t.Errorf("escaped quotes:\n%s", d.screen())
	}
}

// A story shows the tags of the listings it came from, each once.
func TestMetaLineShowsListingTags(t *testing.T) {
	r := &readerPane{mk: &marks{}}
	a := &model.Article{}
	a.SetDay("2025-03-03")
	a.SetPages([]*model.Page{tagged("#Budget"), {}, tagged("Stories by Mara Quillon"), tagged("#Budget")})
	if got := r.metaLine(a); !strings.Contains(got, "listed under #Budget, Stories by Mara Quillon") {
		t.Errorf("meta line %q", got)
	}
}

// A story's own tags show as hashtags, before its listings' tags, each
// once whatever its case.
func TestMetaLineShowsStoryTags(t *testing.T) {
	r := &readerPane{mk: &marks{}}
	a := &model.Article{Story: model.Story{Meta: &model.StoryMeta{Tags: []string{"clippings", "Budget"}}}}
	a.SetDay("2025-03-03")
	a.SetPages([]*model.Page{tagged("#budget"), tagged("Stories by Mara Quillon")})
	if got := r.metaLine(a); !strings.Contains(got, "listed under #clippings, #Budget, Stories by Mara Quillon") {
		t.Errorf("meta line %q", got)
	}
}

// tagged is a page with the tag.
func tagged(tag string) *model.Page {
	p := &model.Page{}
	p.SetTag(tag)
	return p
}
