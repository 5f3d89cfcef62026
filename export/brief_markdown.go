package export

import (
	"fmt"
	"io"
	"strings"

	"tidings/loader"
	"tidings/model"
)

// WriteMarkdown writes the brief as one Markdown document: a table of
// contents by day and event, then each day, each event's stories in full.
func WriteMarkdown(w io.Writer, b Brief) error {
	var s strings.Builder
	s.WriteString("# " + escapeMarkdown(loader.CleanLine(b.Title)) + "\n\n")
	s.WriteString("*" + summary(b) + "*\n\n")
	if b.Stories == 0 {
		s.WriteString("No story matches.\n")
		_, err := io.WriteString(w, s.String())
		return err
	}
	s.WriteString("## Contents\n\n")
	for _, d := range b.Days {
		fmt.Fprintf(&s, "- %s\n", d.Label)
		for _, ev := range d.Events {
			a := ev.Stories[0].Article
			fmt.Fprintf(&s, "  - [%s](#%s)%s\n", escapeMarkdown(loader.CleanLine(a.Headline)), Anchor(a), alsoText(ev, escapeMarkdown))
		}
	}
	s.WriteString("\n")
	for _, d := range b.Days {
		s.WriteString("## " + d.Label + "\n\n")
		for _, ev := range d.Events {
			for i, e := range ev.Stories {
				a := e.Article
				if i > 0 {
					s.WriteString("*Also covered by " + escapeMarkdown(loader.CleanLine(a.Source())) + ":*\n\n")
				}
				fmt.Fprintf(&s, "<a id=\"%s\"></a>\n\n", Anchor(a))
				s.WriteString("### " + escapeMarkdown(loader.CleanLine(a.Headline)) + "\n\n")
				writeMeta(&s, a)
				if e.Err != nil {
					s.WriteString("*The text could not be read: " + escapeMarkdown(loader.CleanLine(e.Err.Error())) + "*\n\n")
				} else {
					writeText(&s, a, e.Body)
				}
			}
			s.WriteString("---\n\n")
		}
	}
	text := strings.TrimSuffix(s.String(), "---\n\n") // a rule between events, not after the last
	_, err := io.WriteString(w, text)
	return err
}

// Anchor is a story's name within a brief: its id, which is unique.
func Anchor(a *model.Article) string { return "s-" + a.ID }

// alsoText is " (also: Wire24, Harbour FM)" for an event told by several
// outlets, each source written by esc.
func alsoText(ev Event, esc func(string) string) string {
	if len(ev.Stories) < 2 {
		return ""
	}
	var names []string
	for _, e := range ev.Stories[1:] {
		name := loader.CleanLine(e.Article.Source())
		if name == "" {
			name = "another outlet"
		}
		names = append(names, esc(name))
	}
	return " (also: " + strings.Join(names, ", ") + ")"
}

// summary is "12 stories saved Sat 1 Mar – Mon 3 Mar 2025".
func summary(b Brief) string {
	if span := b.Span(); span != "" {
		return storiesCount(b.Stories) + " saved " + span
	}
	return storiesCount(b.Stories)
}

func storiesCount(n int) string {
	if n == 1 {
		return "1 story"
	}
	return fmt.Sprintf("%d stories", n)
}
