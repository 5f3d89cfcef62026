package export

import (
	"html/template"
	"io"
	"strings"

	"tidings/loader"
	"tidings/model"
)

// WriteHTML writes the brief as one standalone page: inline CSS, no
// script, readable on a phone, light or dark as the reader's system
// prefers. html/template escapes every text from the files, so that none
// of it is ever read as markup.
func WriteHTML(w io.Writer, b Brief) error {
	return briefPage.Execute(w, b)
}

var briefPage = template.Must(template.New("brief").Funcs(template.FuncMap{
	"clean":   loader.CleanLine,
	"anchor":  Anchor,
	"dates":   Dates,
	"also":    func(ev Event) string { return alsoText(ev, func(s string) string { return s }) },
	"summary": summary,
	"paras":   paragraphs,
	"time":    func(e model.Entry) string { return entryHeading(e) },
	"errtxt":  func(err error) string { return loader.CleanLine(err.Error()) },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{clean .Title}}</title>
<style>
:root { --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --rule: #d1d9e0; --link: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --rule: #3d444d; --link: #4493f8; }
}
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 42rem; padding: 1rem; color: var(--fg); background: var(--bg);
  font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; overflow-wrap: anywhere; }
h1, h2, h3, nav, .meta, .also { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.25rem; margin-top: 2.5rem; }
h3 { font-size: 1.15rem; line-height: 1.3; margin: 1.5rem 0 0.25rem; }
a { color: var(--link); }
.meta, .also, .made { color: var(--muted); font-size: 0.9rem; }
nav ul { padding-left: 1.1rem; } nav li { margin: 0.2rem 0; }
article + article { border-top: 1px dashed var(--rule); }
section.event { border-bottom: 1px solid var(--rule); padding-bottom: 0.5rem; }
p.entry { font-weight: bold; margin-bottom: 0.25rem; }
</style>
</head>
<body>
<header>
<h1>{{clean .Title}}</h1>
<p class="made">{{summary .}}</p>
</header>
{{if eq .Stories 0}}<p>No story matches.</p>{{else}}
<nav aria-label="Contents">
<h2>Contents</h2>
{{range .Days}}<h3>{{.Label}}</h3>
<ul>
{{range .Events}}{{with index .Stories 0}}<li><a href="#{{anchor .Article}}">{{clean .Article.Headline}}</a>{{end}}{{also .}}</li>
{{end}}</ul>
{{end}}</nav>
<main>
{{range .Days}}<h2>{{.Label}}</h2>
{{range .Events}}<section class="event">
{{range $i, $e := .Stories}}<article id="{{anchor $e.Article}}">
{{if $i}}<p class="also">Also covered by {{clean $e.Article.Source}}:</p>
{{end}}<h3>{{clean $e.Article.Headline}}</h3>
<p class="meta">{{with clean $e.Article.Source}}{{.}} · {{end}}{{with clean $e.Article.Author}}by {{.}} · {{end}}{{dates $e.Article}}</p>
{{with clean $e.Article.URL}}<p class="meta"><a href="{{.}}">{{.}}</a></p>
{{end}}{{if $e.Err}}<p class="meta">The text could not be read: {{errtxt $e.Err}}</p>
{{else}}{{range $e.Body.Entries}}<p class="entry">{{time .}}</p>
{{range paras .Text}}<p>{{.}}</p>
{{end}}{{end}}{{range $e.Body.Paragraphs}}{{range paras .}}<p>{{.}}</p>
{{end}}{{end}}{{end}}</article>
{{end}}</section>
{{end}}{{end}}</main>
{{end}}</body>
</html>
`))

// paragraphs splits a text at its blank lines and cleans each line.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(cleanText(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func entryHeading(e model.Entry) string {
	switch {
	case !e.Time.IsZero() && e.Author != "":
		return e.Time.Format("15:04 · 2 Jan") + " · " + loader.CleanLine(e.Author)
	case !e.Time.IsZero():
		return e.Time.Format("15:04 · 2 Jan")
	}
	return "More"
}
