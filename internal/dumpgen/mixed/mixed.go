package mixed

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"tidings/internal/dumpgen"
	"tidings/loader"
	"tidings/model"
)

// Mix rewrites five files in six of a generated tree into the other
// formats tidings opens, from what the loader reads of each dump: a
// Markdown clipping, a saved page, an RSS, Atom or JSON feed of the page's
// stories, a newsletter (.eml) or an mbox of them. The benchmark's mixed
// folder is made so (scripts/bench.sh); the dumps left keep their share.
func Mix(dir string) (map[string]int, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.HasSuffix(path, ".txt") {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for i, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		d, err := loader.Parse(path, data, loader.SaveHints{Location: time.UTC})
		if err != nil || d.Main == nil || i%6 == 0 {
			counts["dump"]++
			continue
		}
		stories := append([]*model.Story{d.Main}, d.Related...)
		base := strings.TrimSuffix(path, ".txt")
		var ext string
		var out []byte
		switch i % 6 {
		case 1:
			ext, out = ".md", clipping(d.Main)
		case 2:
			ext, out = ".html", savedPage(d.Main)
		case 3:
			ext, out = ".xml", rssFeed(stories)
		case 4:
			if i/6%2 == 0 {
				ext, out = ".atom", atomFeed(stories)
			} else {
				ext, out = ".json", jsonFeed(stories)
			}
		case 5:
			if i/6%2 == 0 {
				ext, out = ".eml", message(d.Main)
			} else {
				var b bytes.Buffer
				for _, s := range stories {
					b.WriteString("From news@outlet.example Mon Mar  3 10:00:00 2025\n")
					b.Write(bytes.ReplaceAll(message(s), []byte("\nFrom "), []byte("\n>From ")))
					b.WriteString("\n")
				}
				ext, out = ".mbox", b.Bytes()
			}
		}
		if err := os.WriteFile(base+ext, out, 0o644); err != nil {
			return nil, err
		}
		if err := os.Remove(path); err != nil {
			return nil, err
		}
		counts[strings.TrimPrefix(ext, ".")]++
	}
	return counts, nil
}

func storyURL(s *model.Story) string {
	return "https://" + slug(s.Source()) + ".example/news/" + s.ID
}

func slug(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), "-"))
	if s == "" {
		return "news"
	}
	return s
}

func published(s *model.Story) time.Time {
	if s.PublishedAt.IsZero() {
		return time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	}
	return s.PublishedAt.Time()
}

func clipping(s *model.Story) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\ntitle: %s\nsource: %s\nauthor:\n  - \"[[Desk]]\"\npublished: %s\ncreated: 2025-03-03\ntags:\n  - clippings\n---\n",
		strconv.Quote(s.Headline), storyURL(s), published(s).Format(time.RFC3339))
	for _, p := range s.Paragraphs() {
		b.WriteString("\n" + p + "\n")
	}
	return b.Bytes()
}

func paragraphsHTML(s *model.Story) string {
	var b strings.Builder
	for _, p := range s.Paragraphs() {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	return b.String()
}

func savedPage(s *model.Story) []byte {
	return fmt.Appendf(nil, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%[1]s | %[2]s</title>
<link rel="canonical" href="%[3]s"><meta property="og:site_name" content="%[2]s">
<meta property="article:published_time" content="%[4]s"></head>
<body><div class="cookie-banner"><p>We use cookies.</p><button>Accept</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>%[1]s</h1><p class="byline">By Desk</p>
<div class="share"><a href="#">Share</a> <a href="#">Email</a></div>
%[5]s</article>
<section class="comments"><h2>Comments</h2><p>First!</p></section></main>
<footer><p>All rights reserved.</p></footer></body></html>
`, html.EscapeString(s.Headline), html.EscapeString(s.Source()), storyURL(s), published(s).Format(time.RFC3339), paragraphsHTML(s))
}

func rssFeed(stories []*model.Story) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n<title>%s</title>\n", html.EscapeString(stories[0].Source()))
	for _, s := range stories {
		fmt.Fprintf(&b, "<item>\n<title>%s</title>\n<link>%s</link>\n<dc:creator>Desk</dc:creator>\n<pubDate>%s</pubDate>\n<content:encoded><![CDATA[%s]]></content:encoded>\n</item>\n",
			html.EscapeString(s.Headline), storyURL(s), published(s).Format(time.RFC1123Z), strings.ReplaceAll(paragraphsHTML(s), "]]>", "]]&gt;"))
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.Bytes()
}

func atomFeed(stories []*model.Story) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>%s</title>\n", html.EscapeString(stories[0].Source()))
	for _, s := range stories {
		fmt.Fprintf(&b, "<entry>\n<title>%s</title>\n<link rel=\"alternate\" href=\"%s\"/>\n<published>%s</published>\n<author><name>Desk</name></author>\n<content type=\"html\">%s</content>\n</entry>\n",
			html.EscapeString(s.Headline), storyURL(s), published(s).Format(time.RFC3339), html.EscapeString(paragraphsHTML(s)))
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

func jsonFeed(stories []*model.Story) []byte {
	type item struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		ContentHTML   string `json:"content_html"`
		DatePublished string `json:"date_published"`
	}
	feed := struct {
		Version string `json:"version"`
		Title   string `json:"title"`
		Items   []item `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: stories[0].Source()}
	for _, s := range stories {
		feed.Items = append(feed.Items, item{storyURL(s), storyURL(s), s.Headline, paragraphsHTML(s), published(s).Format(time.RFC3339)})
	}
	out, _ := json.MarshalIndent(feed, "", "  ")
	return out
}

func message(s *model.Story) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s <letters@%s.example>\nSubject: =?UTF-8?B?%s?=\nDate: %s\nList-Id: %s <list.%s.example>\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\n%s\n--b1\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n",
		strconv.Quote(s.Source()), slug(s.Source()), base64.StdEncoding.EncodeToString([]byte(s.Headline)), published(s).Format(time.RFC1123Z),
		strconv.Quote(s.Source()), slug(s.Source()), strings.Join(s.Paragraphs(), "\n\n"))
	enc := base64.StdEncoding.EncodeToString([]byte("<html><body>" + paragraphsHTML(s) + "</body></html>"))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\n--b1--\n")
	return b.Bytes()
}

// Cached returns root/mixed-N, N generated files (seed 1) mixed across the
// formats as `dumpgen -mixed` makes them, generating it the first time.
// scripts/bench.sh shares the folder, and its ".complete" mark.
func Cached(root string, n int) (string, error) {
	dir := filepath.Join(root, fmt.Sprintf("mixed-%d", n))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if _, err := dumpgen.Generate(dir, dumpgen.Options{N: n, Seed: 1}); err != nil {
		return "", err
	}
	if _, err := Mix(dir); err != nil {
		return "", err
	}
	return dir, os.WriteFile(done, nil, 0o644)
}
