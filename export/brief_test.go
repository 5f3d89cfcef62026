package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"tidings/model"
)

const hostile = `<script>alert("x")</script> & 'quotes' "too" ` + "\x1b[31mred\x1b]0;title\x07"

func hostileBrief() Brief {
	a := article("Budget "+hostile, "Esker <Wire>", "2025-03-04")
	a.ID = "aaaaaaaaaaaaaaaa"
	a.SetMeta("javascript:alert(1)", a.Author(), a.Tags())
	b := article("Ferries resume", "Harbour FM", "2025-03-04")
	b.ID = "bbbbbbbbbbbbbbbb"
	c := article("Council meets", "Wire24", "2025-03-03")
	c.ID = "cccccccccccccccc"
	bodies := map[string]model.Body{
		a.ID: {Paragraphs: []string{"First " + hostile, "Second <img src=x onerror=alert(1)>"}},
		b.ID: {Entries: []model.Entry{{Author: "Desk", Time: time.Date(2025, 3, 4, 8, 0, 0, 0, time.UTC), Text: "Boats sail again."}}},
	}
	text := func(x *model.Article) (model.Body, error) {
		if body, ok := bodies[x.ID]; ok {
			return body, nil
		}
		return model.Body{}, errors.New("2025-03-03/c.txt was removed")
	}
	return BuildBrief("Brief <for> you", []*model.Article{a, b, c}, text, nil)
}

func TestBriefByDay(t *testing.T) {
	b := hostileBrief()
	if len(b.Days) != 2 || b.Days[0].Label != "Tue 4 Mar 2025" || len(b.Days[0].Events) != 2 || b.Days[1].Label != "Mon 3 Mar 2025" {
		t.Fatalf("days %+v", b.Days)
	}
	if b.Days[1].Events[0].Stories[0].Err == nil {
		t.Error("a story whose text could not be read has no error")
	}
}

// The HTML page is well formed and escapes every text: a parser finds
// the title, a table of contents linking each event, one article per
// story, and no element or attribute the files' text spelled.
func TestBriefHTML(t *testing.T) {
	var out bytes.Buffer
	if err := WriteHTML(&out, hostileBrief()); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	if strings.ContainsRune(page, 0x1b) || strings.ContainsRune(page, 0x07) {
		t.Error("an escape sequence reached the page")
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var titles, scripts, imgs, styles []string
	var tocLinks, articleIDs []string
	var inNav bool
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				titles = append(titles, text(n))
			case "script":
				scripts = append(scripts, text(n))
			case "img":
				imgs = append(imgs, "img")
			case "style":
				styles = append(styles, text(n))
			case "nav":
				inNav = true
				defer func() { inNav = false }()
			case "a":
				if inNav {
					tocLinks = append(tocLinks, attr(n, "href"))
				}
				if h := attr(n, "href"); strings.HasPrefix(h, "javascript:") {
					t.Errorf("a javascript: link: %q", h)
				}
			case "article":
				articleIDs = append(articleIDs, attr(n, "id"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(titles) != 1 || titles[0] != "Brief <for> you" {
		t.Errorf("titles %q", titles)
	}
	if !strings.Contains(page, `<p class="meta">Harbour FM · `) {
		t.Error("a story's source is not in its line of meta")
	}
	if len(scripts) != 0 || len(imgs) != 0 {
		t.Errorf("the text became markup: scripts %q, images %d", scripts, len(imgs))
	}
	if len(styles) != 1 || !strings.Contains(styles[0], "prefers-color-scheme: dark") || !strings.Contains(page, `name="viewport"`) {
		t.Error("no inline style with a dark scheme, or no viewport for phones")
	}
	if strings.Join(tocLinks, " ") != "#s-aaaaaaaaaaaaaaaa #s-bbbbbbbbbbbbbbbb #s-cccccccccccccccc" {
		t.Errorf("contents link %q", tocLinks)
	}
	if strings.Join(articleIDs, " ") != "s-aaaaaaaaaaaaaaaa s-bbbbbbbbbbbbbbbb s-cccccccccccccccc" {
		t.Errorf("articles %q", articleIDs)
	}
	for _, want := range []string{`<script>alert("x")</script> & 'quotes' "too" red`, "Second <img src=x onerror=alert(1)>", "Esker <Wire>", "08:00 · 4 Mar · Desk", "Boats sail again.", "was removed"} {
		if !strings.Contains(text(doc), want) {
			t.Errorf("the page's text lacks %q", want)
		}
	}
}

func TestBriefMarkdownAndJSON(t *testing.T) {
	var md bytes.Buffer
	if err := WriteMarkdown(&md, hostileBrief()); err != nil {
		t.Fatal(err)
	}
	s := md.String()
	for _, want := range []string{"## Contents\n\n- Tue 4 Mar 2025\n  - [Budget \\<script\\>", "](#s-aaaaaaaaaaaaaaaa)\n", "## Mon 3 Mar 2025\n\n", "<a id=\"s-cccccccccccccccc\"></a>"} {
		if !strings.Contains(s, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "<script>") || strings.ContainsRune(s, 0x1b) {
		t.Errorf("markup or an escape sequence passed through:\n%s", s)
	}
	var js bytes.Buffer
	if err := WriteJSON(&js, hostileBrief()); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Stories int `json:"stories"`
		Days    []struct {
			Day    string `json:"day"`
			Events []struct {
				Stories []struct {
					ID, Headline, Error string
					Paragraphs          []string
				} `json:"stories"`
			} `json:"events"`
		} `json:"days"`
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Stories != 3 || len(back.Days) != 2 || back.Days[0].Events[0].Stories[0].Headline != "Budget "+hostile ||
		back.Days[1].Events[0].Stories[0].Error == "" {
		t.Errorf("JSON read back as %+v", back)
	}
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
