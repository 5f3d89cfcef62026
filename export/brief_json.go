package export

import (
	"encoding/json"
	"io"
	"time"

	"tidings/model"
)

// The JSON shape of `tidings export --format json` is read by scripts:
// field names are a contract.

type jsonBrief struct {
	Title   string    `json:"title"`
	Stories int       `json:"stories"`
	Days    []jsonDay `json:"days"`
}

type jsonDay struct {
	Day    string      `json:"day"` // YYYY-MM-DD, "" for undated pages
	Events []jsonEvent `json:"events"`
}

type jsonEvent struct {
	Stories []jsonStory `json:"stories"` // the first leads; the others are other outlets' versions
}

type jsonStory struct {
	ID          string      `json:"id"`
	Day         string      `json:"day"`
	Headline    string      `json:"headline"`
	Source      string      `json:"source"`
	Author      string      `json:"author,omitempty"`
	URL         string      `json:"url,omitempty"`
	SavedAt     *string     `json:"saved_at"`
	PublishedAt *string     `json:"published_at"`
	Precision   *string     `json:"published_precision"`
	Paragraphs  []string    `json:"paragraphs"`
	Entries     []jsonEntry `json:"entries,omitempty"`
	TextFormat  string      `json:"text_format,omitempty"`
	Error       string      `json:"error,omitempty"` // why the text could not be read
}

type jsonEntry struct {
	Author string  `json:"author"`
	Time   *string `json:"time"`
	Text   string  `json:"text"`
}

// WriteJSON writes the brief as one JSON object, the stories' text as it
// was read (control characters escaped by the encoder).
func WriteJSON(w io.Writer, b Brief) error {
	out := jsonBrief{Title: b.Title, Stories: b.Stories, Days: []jsonDay{}}
	for _, d := range b.Days {
		jd := jsonDay{Day: d.Date}
		for _, ev := range d.Events {
			var je jsonEvent
			for _, e := range ev.Stories {
				je.Stories = append(je.Stories, jsonStoryOf(e))
			}
			jd.Events = append(jd.Events, je)
		}
		out.Days = append(out.Days, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func jsonStoryOf(e Entry) jsonStory {
	a := e.Article
	s := jsonStory{ID: a.ID, Day: a.Day(), Headline: a.Headline, Source: a.Source(), Author: a.Author(), URL: a.URL(),
		SavedAt: timeOrNull(a.SavedAt.Time()), PublishedAt: timeOrNull(a.PublishedAt.Time()),
		Paragraphs: e.Body.Paragraphs, TextFormat: a.Format.String()}
	if !a.PublishedAt.IsZero() {
		p := model.PrecisionOf(a.PublishedAt.Time(), a.PublishedPrecision).String()
		s.Precision = &p
	}
	if s.Paragraphs == nil {
		s.Paragraphs = []string{}
	}
	for _, en := range e.Body.Entries {
		s.Entries = append(s.Entries, jsonEntry{Author: en.Author, Time: timeOrNull(en.Time), Text: en.Text})
	}
	if e.Err != nil {
		s.Error = e.Err.Error()
	}
	return s
}

func timeOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}
