package loader

import (
	"encoding/json"
	"strings"
)

// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with
// encoding/json, whose scanner refuses nesting deeper than 10,000 levels
// without recursing.

type jsonFeed struct {
	Title string         `json:"title"`
	Items []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            any              `json:"id"` // a string by the spec, a number in some feeds
	URL           string           `json:"url"`
	ExternalURL   string           `json:"external_url"`
	Title         string           `json:"title"`
	ContentHTML   string           `json:"content_html"`
	ContentText   string           `json:"content_text"`
	Summary       string           `json:"summary"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified"`
	Author        *jsonFeedAuthor  `json:"author"`  // 1.0
	Authors       []jsonFeedAuthor `json:"authors"` // 1.1
	Tags          []any            `json:"tags"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

func parseJSONFeed(data []byte) (title string, items []item, err error) {
	var f jsonFeed
	if err := json.Unmarshal(data, &f); err != nil {
		return "", nil, err
	}
	for _, ji := range f.Items {
		it := item{headline: htmlLine(ji.Title), url: ji.URL}
		switch {
		case strings.TrimSpace(ji.ContentHTML) != "":
			it.paragraphs = htmlParagraphs(ji.ContentHTML)
		case strings.TrimSpace(ji.ContentText) != "":
			it.paragraphs = textParagraphs(ji.ContentText)
		default:
			it.paragraphs = textParagraphs(ji.Summary)
		}
		if it.url == "" {
			it.url = ji.ExternalURL
		}
		if id, ok := ji.ID.(string); ok && it.url == "" {
			it.url = cleanURL(id)
		}
		for _, d := range []string{ji.DatePublished, ji.DateModified} {
			if t, ok := statedTime(d); ok {
				it.published = t
				break
			}
		}
		switch {
		case len(ji.Authors) > 0:
			names := make([]string, 0, len(ji.Authors))
			for _, a := range ji.Authors {
				if a.Name != "" {
					names = append(names, a.Name)
				}
			}
			it.author = strings.Join(names, ", ")
		case ji.Author != nil:
			it.author = ji.Author.Name
		}
		for _, t := range ji.Tags {
			if s, ok := t.(string); ok {
				it.tags = append(it.tags, s)
			}
		}
		it.tags = tagList(it.tags...)
		items = append(items, it)
	}
	return cleanText(f.Title), items, nil
}
