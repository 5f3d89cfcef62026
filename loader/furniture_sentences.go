package loader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mayOpenFurniture is the cheap test before a sentence is matched: it
// starts with a price, a number, or a word some furniture starts with.
func mayOpenFurniture(s string) bool {
	if s == "" {
		return false
	}
	if startsWithPrice(s) || isDigit(s[0]) {
		return true
	}
	n := 0
	for n < len(s) && n < 16 && isASCIILetter(s[n]) {
		n++
	}
	if n == 0 || n >= 16 || !firstWords.mayHoldWord(s[:n]) {
		return false
	}
	var buf [16]byte
	w, _ := lowerWord(s, buf[:0])
	for _, k := range furnitureByWord[string(w)] {
		if k.second == "" || len(s) > len(w)+len(k.second) && s[len(w)] == ' ' && strings.EqualFold(s[len(w)+1:len(w)+1+len(k.second)], k.second) {
			return true
		}
	}
	return false
}

// furnitureSentence reports the class of s, one sentence, when it is
// furniture.
func furnitureSentence(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	var lb [256]byte
	lower := appendLowerASCII(lb[:0], s)
	if startsWithPrice(s) || isDigit(s[0]) {
		for _, k := range furnitureByPrice {
			if k.matches(s, lower, 0) {
				return k.class, true
			}
		}
		return "", false
	}
	var buf [16]byte
	w, ok := lowerWord(s, buf[:0])
	if !ok {
		return "", false
	}
	for _, k := range furnitureByWord[string(w)] {
		if k.matches(s, lower, len(w)) {
			return k.class, true
		}
	}
	return "", false
}

func startsWithPrice(s string) bool {
	return strings.HasPrefix(s, "$") || strings.HasPrefix(s, "£") || strings.HasPrefix(s, "€")
}

// lowerWord appends the lower-case ASCII letters that open s (at most 15).
func lowerWord(s string, buf []byte) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isASCIILetter(c) {
			break
		}
		if len(buf) == cap(buf) {
			return nil, false
		}
		buf = append(buf, c|0x20)
	}
	return buf, len(buf) > 0
}

// stripHeadFurniture removes furniture sentences that open the line, and an
// ad marker glued to its first word.
func stripHeadFurniture(l string, rec *removals) string {
	for range 6 { // "Share this article. Copy link." : a few in a row
		if rest, ok := cutGluedAdvert(l, rec); ok {
			l = rest
			continue
		}
		if !mayOpenFurniture(l) {
			return l
		}
		end := firstSentenceEnd(l)
		if end < 0 {
			return l
		}
		class, ok := furnitureSentence(l[:end])
		if !ok {
			return l
		}
		rec.add(class, l[:end])
		l = strings.TrimSpace(l[end:])
	}
	return l
}

// cutGluedAdvert removes an ad marker opening a line when it is glued to
// the next sentence ("advertisementThe minister said", "SPONSORED The
// council") or stands alone.
func cutGluedAdvert(l string, rec *removals) (string, bool) {
	if l == "" || !isASCIILetter(l[0]) {
		return l, false
	}
	n := markerAt(l)
	if n == 0 {
		return l, false
	}
	rest := l[n:]
	if rest == "" {
		rec.add(classAdMarker, l)
		return "", true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	// Glued to a capital, or in capitals before a sentence: "ADVERTISEMENT
	// The", "SPONSORED: The".
	if unicode.IsUpper(r) || r == '.' || r == ':' || r == '|' || r == ' ' && shoutedBefore(l[:n], strings.TrimLeft(rest, " ")) {
		rec.add(classAdMarker, l[:n])
		return strings.TrimLeft(rest, ".:| "), true
	}
	return l, false
}

// shoutedBefore reports a marker in capitals before a sentence in mixed
// case: "ADVERTISEMENT The council met", not "ADVERTISING REVENUE FELL".
func shoutedBefore(marker, next string) bool {
	if strings.ToUpper(marker) != marker {
		return false
	}
	word, _, _ := strings.Cut(next, " ")
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r) && strings.ToUpper(word) != word
}

// lastSentenceScan is how far back from the line's end its last sentence
// is looked for: furniture sentences are short.
const lastSentenceScan = 200

// stripTailFurniture removes furniture that ends the line: its last
// sentence, a price and shop button, a link label, a glued ad marker.
func stripTailFurniture(l string, rec *removals) string {
	for range 6 {
		if l == "" {
			return l
		}
		start := lastSentenceStartWithin(l, lastSentenceScan)
		if start >= 0 && mayOpenFurniture(l[start:]) {
			if class, ok := furnitureSentence(l[start:]); ok {
				rec.add(class, l[start:])
				l = strings.TrimSpace(l[:start])
				continue
			}
		}
		var buf [16]byte
		w := lastWordLower(l, buf[:0])
		if !lastWords.mayHold(w) || !tailWords[string(w)] {
			return l
		}
		if cut, ok := cutTailPatterns(l, string(w), rec); ok {
			l = cut
			continue
		}
		return l
	}
	return l
}

// tailPatterns end a sentence without being sentences themselves; they are
// tried when the line ends with one of their last words.
var tailPatterns = []struct {
	lastWords map[string]bool
	class     string
	re        *regexp.Regexp
}{
	// "… a wool jumper £12.50 Buy now"
	{setOf("buy", "now", "shop"), classShop, regexp.MustCompile(`(?i)\s*[£$€]\s?\d[\d,]*(?:\.\d\d)?\s+(?:buy|shop)(?: it)?(?: now)?[.!]?$`)},
	// "… the report, opens new tab"
	{setOf("window", "tab"), classLinkLabel, regexp.MustCompile(`(?i)[\s,–—-]*\(?(?:link )?opens? (?:in )?(?:a )?new (?:browser )?(?:window|tab)\)?[.]?$`)},
}

func cutTailPatterns(l, lastWord string, rec *removals) (string, bool) {
	if m := markerAt(lastWord); m == len(lastWord) {
		// "… of the bridge.advertisement", "… bridge. Sponsored"
		trimmed := strings.TrimRight(l, " .!?:")
		before := strings.TrimRight(trimmed[:len(trimmed)-len(lastWord)], " ")
		if before == "" || strings.ContainsRune(".!?\"”’)", lastRune(before)) {
			rec.add(classAdMarker, l[len(before):])
			return before, true
		}
		return l, false
	}
	for _, p := range tailPatterns {
		if !p.lastWords[lastWord] {
			continue
		}
		// Only the end of the line is looked at.
		from := max(0, len(l)-80)
		for from > 0 && !utf8.RuneStart(l[from]) {
			from--
		}
		if loc := p.re.FindStringIndex(l[from:]); loc != nil {
			rec.add(p.class, l[from+loc[0]:])
			return strings.TrimSpace(l[:from+loc[0]]), true
		}
	}
	return l, false
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// lastWordLower appends the lower-case letters of the line's last word
// (trailing punctuation and a "(12)" count skipped); nil when it is not a
// short ASCII word.
func lastWordLower(l string, buf []byte) []byte {
	end := len(l)
	if end > 0 && l[end-1] == ')' { // "View Comments (12)"
		if i := strings.LastIndexByte(l[max(0, end-8):], '('); i >= 0 {
			end = max(0, end-8) + i
		}
	}
trim:
	for end > 0 {
		switch l[end-1] {
		case ' ', '.', '!', '?', ':', ')':
			end--
		default:
			break trim
		}
	}
	start := end
	for start > 0 && isASCIILetter(l[start-1]) && end-start < 15 {
		start--
	}
	if start == end || (start > 0 && isASCIILetter(l[start-1])) || !lastWords.mayHoldWord(l[start:end]) {
		return nil
	}
	for i := start; i < end; i++ {
		buf = append(buf, l[i]|0x20)
	}
	return buf
}

// sentenceBreak reports whether a sentence ends at l[i]: ".", "!" or "?"
// (with a closing quote) followed by a space.
func sentenceBreak(l string, i int) (end int, ok bool) {
	c := l[i]
	if c != '.' && c != '!' && c != '?' {
		return 0, false
	}
	j := i + 1
	for _, q := range []string{"\"", "”", "’", "'", ")"} {
		if strings.HasPrefix(l[j:], q) {
			j += len(q)
			break
		}
	}
	if j < len(l) && l[j] == ' ' {
		return j, true
	}
	return 0, false
}

const maxSentenceScan = 300

// firstSentenceEnd is the end of the line's first sentence, its closing
// punctuation included; -1 when it is too long to be furniture.
func firstSentenceEnd(l string) int {
	for i := 0; i < len(l) && i < maxSentenceScan; i++ {
		if end, ok := sentenceBreak(l, i); ok {
			return end
		}
	}
	if len(l) <= maxSentenceScan {
		return len(l)
	}
	return -1
}

// lastSentenceStartWithin is where the line's last sentence starts, when
// it starts within the last n bytes; -1 otherwise.
func lastSentenceStartWithin(l string, n int) int {
	stop := max(0, len(l)-n)
	for i := len(l) - 2; i >= stop; i-- {
		if end, ok := sentenceBreak(l, i); ok && end < len(l)-1 {
			return end + 1
		}
	}
	if len(l) <= n {
		return 0
	}
	return -1
}

// sentenceStartBefore walks back from i to the start of its sentence.
func sentenceStartBefore(l string, i int) int {
	for j := i - 1; j >= 0 && i-j < maxSentenceScan; j-- {
		if end, ok := sentenceBreak(l, j); ok && end < i {
			return end + 1
		}
	}
	return 0
}
