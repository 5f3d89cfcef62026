package ui

import (
	"strings"

	"tidings/model"
)

// clippingMarkdown is a Markdown clipping's text as its author wrote it:
// its blocks are Markdown already (and were cleaned of control characters
// by the loader), so they are not escaped.
func clippingMarkdown(b model.Body) string {
	if len(b.Paragraphs) == 0 {
		return storyMarkdown(b)
	}
	return strings.Join(b.Paragraphs, "\n\n") + "\n"
}
