package loader

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"tidings/model"
)

// Markdown clippings, as web clippers and read-later exports save them: a
// YAML front matter block between "---" lines, then the article as
// Markdown. The YAML is read by go.yaml.in/yaml/v3 (maintained, and it
// bounds alias expansion and nesting, so a hostile header cannot blow up).
// Keys are matched without regard to case, "-" or "_", in the spellings
// the common tools write.
var (
	fmTitle     = []string{"title", "headline", "name"}
	fmURL       = []string{"url", "source", "sourceurl", "link", "originalurl", "canonical", "canonicalurl", "href", "origin"}
	fmSite      = []string{"site", "sitename", "source", "publisher", "website", "publication", "domain"}
	fmAuthor    = []string{"author", "authors", "byline", "creator", "by"}
	fmPublished = []string{"published", "publishdate", "publishedat", "datepublished", "pubdate", "date", "publicationdate"}
	fmClipped   = []string{"created", "clipped", "saved", "savedat", "clippedat", "createdat", "datesaved", "added", "dateadded", "captured"}
	fmTags      = []string{"tags", "tag", "keywords", "categories", "category"}
)

// frontMatter splits a clipping into its YAML and its Markdown body; ok is
// false when the block is not closed.
func frontMatter(text string) (yamlText, body string, ok bool) {
	text = strings.TrimPrefix(text, "\uFEFF")
	text = strings.TrimLeft(text, " \t\r\n")
	_, rest, _ := strings.Cut(text, "\n") // the opening "---"
	for i := 0; i < len(rest); {
		end := strings.IndexByte(rest[i:], '\n')
		line := rest[i:]
		if end >= 0 {
			line = rest[i : i+end]
		}
		if l := strings.TrimRight(line, " \t\r"); l == "---" || l == "..." {
			if end < 0 {
				return rest[:i], "", true
			}
			return rest[:i], rest[i+end+1:], true
		}
		if end < 0 {
			break
		}
		i += end + 1
	}
	return "", "", false
}

func parseFrontMatterClipping(path string, size int64, text string, hints SaveHints) (*model.Dump, error) {
	yamlText, body, ok := frontMatter(text)
	if !ok {
		return nil, notStories("looks like YAML or Markdown front matter (no closing \"---\" line)")
	}
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(yamlText), &raw); err != nil {
		return nil, notStories("front matter that is not valid YAML (%s)", firstLine(err.Error()))
	}
	fields := make(map[string]any, len(raw))
	for k, v := range raw {
		fields[fmKey(k)] = v
	}
	it := item{format: model.TextMarkdown}
	it.headline = fmString(fields, fmTitle)
	for _, k := range fmURL {
		if u := cleanURL(fmString(fields, []string{k})); u != "" {
			it.url = u
			break
		}
	}
	if it.headline == "" && it.url == "" {
		return nil, notStories("Markdown whose front matter names neither a title nor a URL")
	}
	for _, k := range fmSite {
		if s := fmString(fields, []string{k}); s != "" && cleanURL(s) == "" {
			it.source = s
			break
		}
	}
	if it.source == "" && it.url != "" {
		if u, err := url.Parse(it.url); err == nil {
			it.source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	it.author = fmString(fields, fmAuthor)
	it.tags = tagList(fmStrings(fields, fmTags)...)
	it.published = fmTime(fields, fmPublished)
	clipped := fmTime(fields, fmClipped)
	it.paragraphs = markdownBlocks(body, it.headline)
	if it.headline == "" && len(it.paragraphs) > 0 {
		// No title: a first heading is the article's (MarkDownload's
		// template without one).
		if h, ok := strings.CutPrefix(it.paragraphs[0], "# "); ok && !strings.Contains(h, "\n") {
			it.headline, it.paragraphs = h, it.paragraphs[1:]
		}
	}
	if it.headline == "" {
		it.headline = it.url
	}
	return storiesDump(path, size, hints, formatMarkdown, []item{it}, clipped), nil
}

func fmKey(k string) string {
	return strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(k))
}

// fmString is the first of the keys with a value, as one line: a list
// (authors, Obsidian's "[[Name]]" links) joined with commas.
func fmString(fields map[string]any, keys []string) string {
	for _, k := range keys {
		var parts []string
		switch v := fields[k].(type) {
		case string:
			parts = []string{v}
		case []any:
			for _, e := range v {
				if s, ok := e.(string); ok {
					parts = append(parts, s)
				}
			}
		case int, float64, bool:
			parts = []string{fmt.Sprint(v)}
		}
		for i, p := range parts {
			p = strings.TrimSpace(p)
			if strings.HasPrefix(p, "[[") && strings.HasSuffix(p, "]]") {
				p = p[2 : len(p)-2]
				if _, alias, ok := strings.Cut(p, "|"); ok {
					p = alias
				}
			}
			parts[i] = p
		}
		if s := cleanText(strings.Join(parts, ", ")); s != "" {
			return s
		}
	}
	return ""
}

// fmStrings is every value of the keys: a string, each string or number of
// a list.
func fmStrings(fields map[string]any, keys []string) []string {
	var out []string
	for _, k := range keys {
		switch v := fields[k].(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				switch e := e.(type) {
				case string:
					out = append(out, e)
				case int, float64:
					out = append(out, fmt.Sprint(e))
				}
			}
		case int, float64:
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}

// fmTime reads a date field: YAML's own timestamps, or a string in any
// of the forms feeds use.
func fmTime(fields map[string]any, keys []string) time.Time {
	for _, k := range keys {
		switch v := fields[k].(type) {
		case time.Time:
			return v
		case string:
			if t, ok := statedTime(v); ok {
				return t
			}
		}
	}
	return time.Time{}
}

// markdownBlocks splits a Markdown body into blocks at blank lines (a
// fenced code block stays whole), each line cleaned for the terminal but
// keeping its indentation, which Markdown reads. A first heading that
// repeats the title, as MarkDownload writes one, is dropped.
func markdownBlocks(body, title string) []string {
	var blocks []string
	var cur []string
	fence := ""
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, "\n"))
			cur = cur[:0]
		}
	}
	for line := range strings.SplitSeq(body, "\n") {
		line = cleanMarkdownLine(line)
		trimmed := strings.TrimSpace(line)
		if fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")) {
			fence = trimmed[:3]
		} else if fence != "" && strings.HasPrefix(trimmed, fence) {
			fence = ""
		}
		if trimmed == "" && fence == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	if len(blocks) > 0 && title != "" {
		if h, ok := strings.CutPrefix(blocks[0], "# "); ok && !strings.Contains(h, "\n") &&
			model.NormalizeText(h) == model.NormalizeText(title) {
			blocks = blocks[1:]
		}
	}
	return blocks
}

// cleanMarkdownLine cleans a line as CleanLine does but keeps its leading
// indentation (a tab as four spaces).
func cleanMarkdownLine(line string) string {
	n := 0
	indent := 0
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		if line[n] == '\t' {
			indent += 4
		} else {
			indent++
		}
		n++
	}
	rest := CleanLine(line[n:])
	if rest == "" {
		return ""
	}
	return strings.Repeat(" ", min(indent, 64)) + rest
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
