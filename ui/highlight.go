package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// markWords styles the words of plain text that begin with one of terms
// (lower case, as the filter reads them), the way the filter matched them,
// and the rest of the text with base. It reports false, and returns the
// text as it was, when nothing matched.
func markWords(plain string, terms []string, style, base lipgloss.Style) (string, bool) {
	if len(terms) == 0 {
		return plain, false
	}
	lower := strings.ToLower(plain)
	if len(lower) != len(plain) { // case folding moved the bytes: leave it
		return plain, false
	}
	var b strings.Builder
	done, found := 0, false
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		prev, _ := utf8.DecodeLastRuneInString(lower[:i])
		wordStart := i == 0 || !(unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '£' || prev == '$')
		if wordStart && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("£$€", r)) {
			if n := longestPrefix(lower[i:], terms); n > 0 {
				b.WriteString(renderNonEmpty(base, plain[done:i]))
				b.WriteString(style.Render(plain[i : i+n]))
				done, found = i+n, true
				i += n
				continue
			}
		}
		i += size
	}
	if !found {
		return plain, false
	}
	b.WriteString(renderNonEmpty(base, plain[done:]))
	return b.String(), true
}

func renderNonEmpty(st lipgloss.Style, s string) string {
	if s == "" {
		return ""
	}
	return st.Render(s)
}

func longestPrefix(s string, terms []string) int {
	n := 0
	for _, t := range terms {
		if len(t) > n && strings.HasPrefix(s, t) {
			n = len(t)
		}
	}
	return n
}

// setHighlight marks the filter's words in the list's rows.
func (l *storyList) setHighlight(terms []string) {
	l.highlight = terms
	clear(l.rowCache)
}

// setHighlight marks the filter's words in the story shown.
func (r *readerPane) setHighlight(terms []string) {
	r.highlight = terms
	r.compose()
}

// highlightTerms marks the filter's words in the content lines; a line
// with a match is drawn from its plain text, as for a search.
func (r *readerPane) highlightTerms(lines []string, skip int) {
	for i, line := range lines {
		if i == skip {
			continue
		}
		if marked, ok := markWords(ansi.Strip(line), r.highlight, r.ctx.Styles.Match, lipgloss.NewStyle()); ok {
			lines[i] = marked
		}
	}
}
