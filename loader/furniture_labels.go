package loader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stripParenFurniture removes parentheses that hold a link label, a photo
// credit or an ad marker: "(opens in a new window)", "(Picture: Jane
// Doe/Agency)", "(Photo by Jane Doe)", "(Advertisement)".
func stripParenFurniture(l string, first int, rec *removals) string {
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
		inside := strings.ToLower(l[i+1 : i+j])
		class := classCaption
		switch {
		case strings.HasPrefix(inside, "open") || strings.Contains(inside, "link"):
			class = classLinkLabel
		case strings.HasPrefix(inside, "advert") || strings.HasPrefix(inside, "sponsored") || inside == "ad":
			class = classAdMarker
		}
		rec.add(class, l[i:i+j+1])
		l = cutSpan(l, i, i+j+1)
		from = i
	}
	return l
}

// stripLinkLabels removes the label a stripped link left in the text
// between commas or after a dash: "shares of Example Mills (EXM.L), opens in
// new tab, rose", "the report - opens a new window". Only commas and dashes
// are visited (found with IndexByte); the label's end is handled by
// stripTailFurniture and its parentheses by stripParenFurniture.
func stripLinkLabels(l string, rec *removals) string {
	cuts := 0
	for _, p := range []byte{',', '-'} {
		for from := 0; from < len(l) && cuts < maxCuts; {
			i := strings.IndexByte(l[from:], p)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			start := i + 1
			if start < len(l) && l[start] == ' ' {
				start++
			}
			if start+4 >= len(l) || !(l[start]|0x20 == 'o' && l[start+1]|0x20 == 'p' || l[start]|0x20 == 'l' && l[start+1]|0x20 == 'i') {
				continue
			}
			m := linkLabel.FindStringIndex(l[start:min(len(l), start+40)])
			if m == nil {
				continue
			}
			end := start + m[1]
			// What follows: a comma (dropped), a sentence's end (kept), the
			// line's end.
			k := end
			if k < len(l) && l[k] == ',' {
				k++
			} else if p == '-' && strings.HasPrefix(l[k:], " - ") { // "- opens in new tab -"
				k += 2
			} else if k < len(l) && strings.IndexByte(".;!? )", l[k]) < 0 {
				continue
			}
			j := i
			for j > 0 && l[j-1] == ' ' {
				j--
			}
			rec.add(classLinkLabel, l[j:k])
			l = cutSpan(l, j, k)
			from = j
			cuts++
		}
	}
	return l
}

var linkLabel = regexp.MustCompile(`(?i)^(?:link )?opens? (?:in )?(?:a )?new (?:browser )?(?:window|tab)`)

// stripLabelFurniture removes what follows a label and a colon when it is
// furniture: a promoted headline ("READ MORE: …"), a credit ("Photograph:
// Agency", "| Credit: Jane Doe"), a captioned video ("… Video: Sam Ray").
func stripLabelFurniture(l string, first int, rec *removals) string {
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
			rec.add(classPromotion, l[start:end])
			l = cutSpan(l, start, end)
			from = start
		} else if start, end, ok := creditAt(l, i); ok {
			rec.add(classCaption, l[start:end])
			l = cutSpan(l, start, end)
			from = start
		} else if end, ok := captionAt(l, i); ok {
			rec.add(classCaption, l[:end])
			l = strings.TrimSpace(l[end:])
			from = 0
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
	start, ok = promoLabelBefore(l, colon)
	if !ok {
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

// promoLabelBefore finds a promotion's label ending at colon: one of
// promoLabels at a sentence's start, perhaps followed by up to four words
// ("More from the Gazette", "Read more on this story").
func promoLabelBefore(l string, colon int) (int, bool) {
	start := colon
	for words := 0; start > 0 && words <= 8; words++ {
		j := start
		for j > 0 && l[j-1] == ' ' {
			j--
		}
		if atSentenceStart(l, j) {
			start = j
			break
		}
		k := j
		for k > 0 && l[k-1] != ' ' && !strings.ContainsRune(".!?|", rune(l[k-1])) {
			k--
		}
		start = k
	}
	for start < colon && l[start] == ' ' {
		start++
	}
	if !atSentenceStart(l, start) || colon-start > 60 {
		return 0, false
	}
	label := strings.TrimRight(l[start:colon], " ")
	for _, p := range promoLabels {
		if len(label) < len(p) || !strings.EqualFold(label[:len(p)], p) {
			continue
		}
		if len(label) == len(p) {
			return start, true
		}
		// "More from the Gazette", not "More than 200 people applied".
		more := strings.Fields(label[len(p):])
		if label[len(p)] == ' ' && len(more) <= 4 && labelLinks[strings.ToLower(more[0])] {
			return start, true
		}
	}
	return 0, false
}

// captionAt finds a caption opening the line: a singular label, a colon
// and a capitalised sentence ("Picture: Volunteers on the river bank…"),
// up to the end of that sentence (a related text may go on after it). A
// caption in lower case ("Photo: the harbour at dawn, taken by a reader")
// is a sentence of the story.
func captionAt(l string, colon int) (int, bool) {
	start, _, ok := labelBefore(l, colon, captionLabels)
	if !ok || start != 0 {
		return 0, false
	}
	rest := strings.TrimLeft(l[colon+1:], " ")
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) {
		return 0, false
	}
	end := firstSentenceEnd(l)
	if end < 0 || end <= colon || strings.IndexByte(l[colon+1:end], ':') >= 0 {
		return 0, false
	}
	return end, true
}

var labelLinks = setOf("from", "on", "about", "in", "at", "of", "for", "by", "with")

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
