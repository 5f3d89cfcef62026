package loader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mayOpenFurniture is the cheap test before a sentence is matched: it
// starts with a price or with a word some furniture starts with.
func mayOpenFurniture(s string) bool {
	if s == "" {
		return false
	}
	if startsWithPrice(s) {
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

// isFurnitureSentence reports whether s, one sentence, is furniture.
func isFurnitureSentence(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if startsWithPrice(s) {
		for _, re := range furnitureByPrice {
			if re.MatchString(s) {
				return true
			}
		}
		return false
	}
	var buf [16]byte
	w, ok := lowerWord(s, buf[:0])
	if !ok {
		return false
	}
	for _, k := range furnitureByWord[string(w)] {
		if k.matches(s, len(w)) {
			return true
		}
	}
	return false
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
// "advertisement" glued to its first word.
func stripHeadFurniture(l string) string {
	for range 4 { // "Share this article. Copy link." : a few in a row
		if rest, ok := cutGluedAdvert(l); ok {
			l = rest
			continue
		}
		if !mayOpenFurniture(l) {
			return l
		}
		end := firstSentenceEnd(l)
		if end < 0 || !isFurnitureSentence(l[:end]) {
			return l
		}
		l = strings.TrimSpace(l[end:])
	}
	return l
}

// cutGluedAdvert removes "advertisement" opening a line when it is glued to
// the next sentence ("advertisementThe minister said") or stands alone.
func cutGluedAdvert(l string) (string, bool) {
	const ad = "advertisement"
	if len(l) < len(ad) || l[0]|0x20 != 'a' || !strings.EqualFold(l[:len(ad)], ad) {
		return l, false
	}
	rest := l[len(ad):]
	if rest == "" {
		return "", true
	}
	if r, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(r) || r == '.' || r == ':' {
		return strings.TrimLeft(rest, ".: "), true
	}
	return l, false
}

// stripTailFurniture removes furniture that ends the line: its last
// sentence, a price and shop button, a link label, a glued advertisement.
func stripTailFurniture(l string) string {
	for range 4 {
		var buf [16]byte
		w := lastWordLower(l, buf[:0])
		if !lastWords.mayHold(w) || !tailWords[string(w)] {
			return l
		}
		start := lastSentenceStart(l)
		if start < 0 {
			return l
		}
		if isFurnitureSentence(l[start:]) {
			l = strings.TrimSpace(l[:start])
			continue
		}
		if cut, ok := cutTailPatterns(l, string(w)); ok {
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
	re        *regexp.Regexp
}{
	// "… a wool jumper £12.50 Buy now"
	{setOf("buy", "now", "shop"), regexp.MustCompile(`(?i)\s*[£$€]\s?\d[\d,]*(?:\.\d\d)?\s+(?:buy|shop)(?: it)?(?: now)?[.!]?$`)},
	// "… the report, opens new tab"
	{setOf("window", "tab"), regexp.MustCompile(`(?i)[\s,]*\(?opens? (?:in )?(?:a )?new (?:window|tab)\)?[.]?$`)},
}

func cutTailPatterns(l, lastWord string) (string, bool) {
	if lastWord == "advertisement" {
		// "… of the bridge.advertisement", "… bridge. Advertisement"
		trimmed := strings.TrimRight(l, " .!?:")
		before := strings.TrimRight(trimmed[:len(trimmed)-len(lastWord)], " ")
		if before == "" || strings.ContainsRune(".!?\"”’)", lastRune(before)) {
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

// lastSentenceStart is where the line's last sentence starts; -1 when it is
// too long to be furniture.
func lastSentenceStart(l string) int {
	stop := max(0, len(l)-maxSentenceScan)
	for i := len(l) - 2; i >= stop; i-- {
		if end, ok := sentenceBreak(l, i); ok && end < len(l)-1 {
			return end + 1
		}
	}
	if len(l) <= maxSentenceScan {
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
