package loader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"tidings/model"
)

// Site furniture is the news site's interface left inside the article text
// when the page was saved: paywall prompts, comment and share buttons, the
// labels of stripped links, promotions of other articles, photo credits,
// shop buttons, affiliate disclaimers and "advertisement" markers. It stands
// on a line of its own or is glued to a sentence, and is removed as the
// paragraphs are assembled; the sentences around it stay.
//
// The parser reads hundreds of megabytes a second, so nothing here scans a
// whole line byte by byte in Go: a line is looked at where furniture stands,
// its first and last sentence (found from its first and last word), and
// wherever a '(' or ':' is (found with the vectorised strings.IndexByte).
// What that misses: furniture with neither a colon nor parentheses glued in
// the middle of a long line, between two sentences of the article.

// furnitureClass is one kind of furniture: the sentences that are nothing
// but furniture of that kind, keyed by their first word (lower case) so that
// a sentence is only matched against the few patterns it may belong to.
type furnitureClass struct {
	name string
	// sentences: first words ("|"-separated) and the rest of the pattern;
	// each pattern matches a whole sentence, case-insensitively, up to its
	// closing punctuation.
	sentences [][2]string
}

var furnitureClasses = []furnitureClass{
	{name: "paywall", sentences: [][2]string{
		{"subscribe", `subscribe(?: now| today| here)?(?:,? (?:for|to|and) [^.!?]{0,80})?`},
		{"start your|start a|begin your|get a|get your|claim your|try a|try it|activate your",
			`\w+ (?:your |a |the |it )?(?:free |\d+[- ]day (?:free )?)?trial(?: [^.!?]{0,60})?`},
		{"you can", `you can only (?:[^.!?]{0,30} )?trial once(?: [^.!?]{0,40})?`},
		{"already a|already an", `already an? (?:subscriber|member)\??(?: (?:log|sign) in(?: here)?)?`},
		{"this article|this story|this content|this page",
			`this (?:article|story|content|page) is (?:only )?(?:available |exclusive )?(?:only )?(?:for|to) (?:subscribers|members|premium members)(?: only)?`},
		{"for subscribers|for members|exclusive|available only|available for|only for",
			`(?:exclusive |available )?(?:only )?for (?:subscribers|members)(?: only)?`},
		{"unlock|get unlimited|get full|get premium", `\w+ (?:unlimited|full|premium) access(?: [^.!?]{0,80})?`},
		{"log in|sign in", `\w+ in(?: here| now)?`},
		{"log in|sign in", `\w+ in (?:or (?:subscribe|register) )?to (?:continue|keep) reading(?: [^.!?]{0,40})?`},
		{"to continue|continue reading", `(?:to )?continue reading,? (?:subscribe|sign in|log in)[^.!?]{0,60}`},
		{"sign up", `sign up (?:to|for) (?:our|the|a) [^.!?]{0,40}newsletters?(?: [^.!?]{0,60})?`},
	}},
	{name: "comments and sharing", sentences: [][2]string{
		{"view|show comments|show all|read comments|read all|see comments|see all|hide comments|hide all",
			`\w+ (?:all )?(?:\d+ )?comments?(?: \(\d+\))?`},
		{"comments|comment", `comments? \(\d+\)`},
		{"share", `share(?: this(?: (?:article|story|page|post))?)?(?: (?:on|via) (?:facebook|twitter|x|whatsapp|linkedin|bluesky|email))?`},
		{"leave a|add a|post a", `\w+ a comment`},
		{"copy link|copy the", `copy (?:the )?link(?: to (?:this )?(?:article|story|page|clipboard))?`},
		{"link copied", `link copied(?: to clipboard)?`},
		{"join the", `join the (?:conversation|discussion)`},
	}},
	{name: "link labels", sentences: [][2]string{
		{"opens in|opens new|opens a|open in", `opens? (?:in )?(?:a )?new (?:window|tab)`},
	}},
	{name: "shop buttons", sentences: [][2]string{
		{"buy|shop", `(?:buy|shop)(?: it)?(?: now)?(?: for [£$€]\s?\d[\d,]*(?:\.\d\d)?)?(?: (?:at|from) [^.!?]{1,30})?`},
		{"", `[£$€]\s?\d[\d,]*(?:\.\d\d)?\s+(?:buy|shop)(?: it)?(?: now)?(?: (?:at|from) [^.!?]{1,30})?`},
	}},
	{name: "affiliate disclaimers", sentences: [][2]string{
		{"we may|we earn|we receive|we get|we make|this site|this publication",
			`(?:we|this site|the publisher|this publication) (?:may )?(?:earn|receive|get|make) (?:an? )?(?:small )?(?:affiliate )?(?:commission|fee|share of (?:sales|revenue))[^.!?]{0,160}`},
		{"this article|this story|this post|this page|contains affiliate",
			`(?:this (?:article|story|post|page) )?contains affiliate links[^.!?]{0,160}`},
		{"as an", `as an amazon associate[^.!?]{0,160}`},
		{"if you", `if you (?:buy|click|purchase)[^.!?]{0,40} (?:commission|fee)[^.!?]{0,80}`},
	}},
}

// Labels before a colon. Promotions run from the label to the end of the
// promoted headline; credits name who took a picture or a video.
var (
	promoLabels = []string{"read more", "read next", "see also", "also read", "read also", "related stories", "related content",
		"related", "more", "watch", "recommended", "most read"}
	creditLabels = []string{"picture", "photograph", "photo", "image", "credit", "video", "footage"}
	// parenLabels open a parenthesis that is furniture from "(" to ")".
	parenLabels = []string{"opens in", "open in", "opens a new", "opens new", "link opens", "external link",
		"picture:", "pictured:", "photo:", "photograph:", "image:", "credit:", "video:", "footage:", "photo credit", "image credit", "image source"}
	// parenStarts are the first two letters (lower case) of parenLabels:
	// most parentheses ("(Esker Wire)") are ruled out without comparing.
	parenStarts = func() (t [26][26]bool) {
		for _, p := range parenLabels {
			t[p[0]-'a'][p[1]-'a'] = true
		}
		return t
	}()
	// tailWords end a line whose last sentence may be furniture.
	tailWords = setOf("access", "trial", "once", "now", "today", "here", "only", "reading", "in", "subscribe",
		"subscriber", "subscribers", "members", "comments", "comment", "article", "story", "page", "post", "link",
		"copied", "clipboard", "conversation", "discussion", "tab", "window", "shop", "buy", "commission", "links",
		"site", "purchase", "sales", "revenue", "fee", "advertisement", "facebook", "twitter", "whatsapp", "email",
		"linkedin", "bluesky", "x")
)

// furnitureByWord maps a sentence's first word to the patterns it may
// match, each with the second word it needs, if any.
var furnitureByWord, furnitureByPrice = func() (map[string][]keyedPattern, []*regexp.Regexp) {
	by := map[string][]keyedPattern{}
	var price []*regexp.Regexp
	for _, c := range furnitureClasses {
		for _, s := range c.sentences {
			re := regexp.MustCompile(`(?i)^(?:` + s[1] + `)[\s.!?:]*$`)
			if s[0] == "" {
				price = append(price, re)
				continue
			}
			for _, key := range strings.Split(s[0], "|") {
				first, second, _ := strings.Cut(key, " ")
				by[first] = append(by[first], keyedPattern{second, re})
			}
		}
	}
	return by, price
}()

type keyedPattern struct {
	second string // "" for any
	re     *regexp.Regexp
}

// matches tests the pattern on sentence s, whose first word is n bytes.
func (k keyedPattern) matches(s string, n int) bool {
	if k.second != "" {
		rest := s[n:]
		if len(rest) <= len(k.second) || rest[0] != ' ' || !strings.EqualFold(rest[1:1+len(k.second)], k.second) {
			return false
		}
	}
	return k.re.MatchString(s)
}

// wordFilter answers "certainly not one of the words" for most words
// without a map lookup: by first letter, the lengths of the words.
type wordFilter [26]uint32

func (f *wordFilter) add(w string) {
	if len(w) > 0 && len(w) < 32 && w[0] >= 'a' && w[0] <= 'z' {
		f[w[0]-'a'] |= 1 << len(w)
	}
}

// mayHold reports whether w (lower case) may be one of the words.
func (f *wordFilter) mayHold(w []byte) bool {
	return len(w) > 0 && len(w) < 32 && w[0] >= 'a' && w[0] <= 'z' && f[w[0]-'a']&(1<<len(w)) != 0
}

// mayHoldWord is mayHold for a word of ASCII letters in any case.
func (f *wordFilter) mayHoldWord(w string) bool {
	if len(w) == 0 || len(w) >= 32 {
		return false
	}
	c := w[0] | 0x20
	return c >= 'a' && c <= 'z' && f[c-'a']&(1<<len(w)) != 0
}

var firstWords, lastWords = func() (f, l wordFilter) {
	for w := range furnitureByWord {
		f.add(w)
	}
	for w := range tailWords {
		l.add(w)
	}
	return f, l
}()

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stripFurniture returns the line without its site furniture: "" when the
// line was nothing else. A line without any returns as it came, unallocated.
func stripFurniture(l string) string {
	if l == "" {
		return l
	}
	if i := strings.IndexByte(l, '('); i >= 0 {
		l = stripParenFurniture(l, i)
	}
	if i := strings.IndexByte(l, ':'); i >= 0 {
		l = stripLabelFurniture(l, i)
	}
	l = stripHeadFurniture(l)
	l = stripTailFurniture(l)
	if strings.Contains(l, "dvertisement") {
		l = cutMidAdverts(l)
	}
	return l
}

// cutMidAdverts removes "advertisement" glued between two sentences inside
// a line ("at the station.advertisementThe boat is due"): after a
// sentence's end with no space, and before a capital or the end. Anywhere
// else the word is the text's own ("the advertisement campaign").
func cutMidAdverts(l string) string {
	const ad = "advertisement"
	for from := 0; from < len(l); {
		i := strings.Index(l[from:], "dvertisement")
		if i < 0 {
			break
		}
		at := from + i - 1 // where "advertisement" starts
		end := at + len(ad)
		from = end
		if at < 1 || l[at]|0x20 != 'a' || !strings.ContainsRune(".!?\"”’", lastRune(l[:at])) {
			continue
		}
		rest := l[end:]
		if r, _ := utf8.DecodeRuneInString(rest); rest != "" && !unicode.IsUpper(r) {
			continue
		}
		l = l[:at] + " " + strings.TrimLeft(rest, " ")
		l = strings.TrimSpace(l)
		from = at
	}
	return l
}

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

// stripEntryFurniture removes the furniture from live-blog entries, whose
// texts were glued together on one line; an entry left with no text goes.
func stripEntryFurniture(entries []model.Entry) []model.Entry {
	out := entries[:0]
	for _, e := range entries {
		if e.Text = stripFurniture(e.Text); e.Text != "" {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
