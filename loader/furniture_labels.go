package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stripParenFurniture removes parentheses that hold a link label or a photo
// credit: "(opens in a new window)", "(Picture: Jane Doe/Agency)".
func stripParenFurniture(l string, first int) string {
	for from, i := first+1, first; ; i = -1 {
		if i < 0 {
			if from >= len(l) {
				break
			}
			if i = strings.IndexByte(l[from:], '('); i < 0 {
				break
			}
			i += from
		}
		from = i + 1
		if i+2 >= len(l) || !isASCIILetter(l[i+1]) || !isASCIILetter(l[i+2]) ||
			!parenStarts[(l[i+1]|0x20)-'a'][(l[i+2]|0x20)-'a'] || !hasAnyPrefixFold(l[i+1:], parenLabels) {
			continue
		}
		j := strings.IndexByte(l[i:min(len(l), i+160)], ')')
		if j < 0 {
			continue
		}
		l = cutSpan(l, i, i+j+1)
		from = i
	}
	return l
}

// stripLabelFurniture removes what follows a label and a colon when it is
// furniture: a promoted headline ("READ MORE: …"), a credit ("Photograph:
// Agency", "| Credit: Jane Doe"), a captioned video ("… Video: Sam Ray").
func stripLabelFurniture(l string, first int) string {
	for from, i := first+1, first; ; i = -1 {
		if i < 0 {
			if from >= len(l) {
				break
			}
			if i = strings.IndexByte(l[from:], ':'); i < 0 {
				break
			}
			i += from
		}
		from = i + 1
		if i == 0 || !isASCIILetter(l[i-1]) && l[i-1] != ' ' {
			continue // "07:42", "http://": no label
		}
		if start, end, ok := promoAt(l, i); ok {
			l = cutSpan(l, start, end)
			from = start
		} else if start, end, ok := creditAt(l, i); ok {
			l = cutSpan(l, start, end)
			from = start
		}
	}
	return l
}

// labelBefore finds which of labels ends at colon (spaces allowed before the
// colon), case-insensitively, as whole words; it returns where it starts.
func labelBefore(l string, colon int, labels []string) (int, string, bool) {
	end := colon
	for end > 0 && l[end-1] == ' ' {
		end--
	}
	for _, lab := range labels {
		start := end - len(lab)
		if start < 0 || !strings.EqualFold(l[start:end], lab) {
			continue
		}
		if start > 0 && (isASCIILetter(l[start-1]) || isDigit(l[start-1])) {
			continue
		}
		return start, lab, true
	}
	return 0, "", false
}

// atSentenceStart reports whether only a sentence's closing punctuation, a
// "|" or the line's start stands before i (spaces aside).
func atSentenceStart(l string, i int) bool {
	j := i
	for j > 0 && l[j-1] == ' ' {
		j--
	}
	if j == 0 {
		return true
	}
	return strings.ContainsRune(".!?|\"”’)", lastRune(l[:j]))
}

// promoAt recognises "READ MORE: <headline>" at a sentence start. The
// headline runs to the end of the line. When a sentence of the article
// follows it on the same line (a body that lost its line breaks), nothing
// marks where the headline ends; it is taken to end before a word that
// commonly opens a sentence ("The", "A", "This", "Their", an opening
// quote...). Without one the promotion stays, rather than cutting a
// sentence of the article.
func promoAt(l string, colon int) (start, end int, ok bool) {
	start, _, ok = labelBefore(l, colon, promoLabels)
	if !ok || !atSentenceStart(l, start) {
		return 0, 0, false
	}
	// The label is written as a label: capitalised or in capitals.
	if r, _ := utf8.DecodeRuneInString(l[start:]); !unicode.IsUpper(r) {
		return 0, 0, false
	}
	for start > 0 && (l[start-1] == ' ' || l[start-1] == '|') {
		start--
	}
	rest := l[colon+1:]
	if !strings.ContainsAny(rest, ".!?") {
		return start, len(l), true
	}
	off := colon + 1
	for k := 0; k < 20; k++ {
		for off < len(l) && l[off] == ' ' {
			off++
		}
		wEnd := strings.IndexByte(l[off:], ' ')
		if wEnd < 0 {
			break
		}
		w := l[off : off+wEnd]
		if k >= 2 && (sentenceOpeners[w] || strings.HasPrefix(w, "“") || strings.HasPrefix(w, "\"")) {
			return start, off, true
		}
		if strings.ContainsAny(w, ".!?") {
			break // the "headline" is a sentence: leave it
		}
		off += wEnd
	}
	return 0, 0, false
}

var sentenceOpeners = setOf("The", "A", "An", "This", "That", "These", "Those", "Their", "Its", "His", "Her",
	"Our", "It", "He", "She", "They", "We", "I", "There", "In", "On", "At", "But", "And", "After", "Before",
	"When", "While", "Officials", "Police")

// creditAt recognises a credit: "Photograph: Agency", "Credit: Jane
// Doe/Agency", "| Credit:" at the end of the line (or of a sentence), the
// credit made of capitalised words, "/" and "&". After a "|" or for a video
// the credit ends a caption, and the caption's sentence goes with it.
func creditAt(l string, colon int) (start, end int, ok bool) {
	start, lab, ok := labelBefore(l, colon, creditLabels)
	if !ok {
		return 0, 0, false
	}
	bar := false
	j := start
	for j > 0 && l[j-1] == ' ' {
		j--
	}
	if j > 0 && l[j-1] == '|' {
		bar, start = true, j-1
		for start > 0 && l[start-1] == ' ' {
			start--
		}
	} else if r, _ := utf8.DecodeRuneInString(l[start:]); !unicode.IsUpper(r) {
		return 0, 0, false
	}
	end, named := creditEnd(l, colon+1)
	if end < 0 || (!named && !bar) {
		return 0, 0, false
	}
	// "Caption | Credit: Name" and "Caption Video: Name": the caption's
	// sentence goes with the credit.
	if bar || lab == "video" || lab == "footage" {
		start = sentenceStartBefore(l, start)
	}
	return start, end, true
}

// creditEnd reads a credit from i: up to eight capitalised words, joined by
// spaces, "/", "&", "-" or "for"/"of"/"via", ending the line or a sentence.
func creditEnd(l string, i int) (end int, named bool) {
	for i < len(l) && l[i] == ' ' {
		i++
	}
	words := 0
	for i < len(l) && words <= 8 {
		j := i
		for j < len(l) && l[j] != ' ' {
			j++
		}
		w := strings.TrimRight(l[i:j], ".")
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r) || w == "/" || w == "&" || w == "-" || w == "for" || w == "of" || w == "via":
		default:
			return -1, false
		}
		words++
		if strings.HasSuffix(l[i:j], ".") && j < len(l) {
			return j, true // the credit ends a sentence
		}
		i = j
		for i < len(l) && l[i] == ' ' {
			i++
		}
	}
	if i < len(l) {
		return -1, false
	}
	return len(l), words > 0
}

func hasAnyPrefixFold(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

// cutSpan removes l[i:j] and the space that would be left doubled.
func cutSpan(l string, i, j int) string {
	for i > 0 && l[i-1] == ' ' {
		i--
	}
	for j < len(l) && l[j] == ' ' {
		j++
	}
	switch {
	case i == 0:
		return l[j:]
	case j == len(l):
		return l[:i]
	case strings.IndexByte(".,;:!?)", l[j]) >= 0:
		return l[:i] + l[j:]
	}
	return l[:i] + " " + l[j:]
}
