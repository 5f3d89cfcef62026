package model

import (
	"hash/fnv"
	"strconv"
	"strings"
	"unicode"
)

// StoryID derives a story's id from what the article itself says, never from
// the file it was found in, so that the same article gets the same id in
// every dump and every run, and read state keyed by it follows the article.
//
// The headline alone identifies most articles: a main story's page often
// names no source while the same article listed as related on another page
// does, so the source cannot be part of the key. Generic headlines ("Live
// updates") are shared by unrelated articles; for those the source is added,
// or, when the page names none, the opening of the body.
func StoryID(headline, source, body string) string {
	key := NormalizeText(headline)
	if isGenericHeadline(key) {
		if src := NormalizeText(source); src != "" {
			key += "\x00src\x00" + src
		} else {
			key += "\x00body\x00" + bodyFingerprint(body)
		}
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return leftPad16(strconv.FormatUint(h.Sum64(), 16))
}

func leftPad16(s string) string {
	if len(s) >= 16 {
		return s
	}
	return strings.Repeat("0", 16-len(s)) + s
}

// NormalizeText folds text for comparison: letters and digits lower-cased,
// everything else (punctuation, curly or straight quotes, runs of spaces)
// reduced to single spaces.
func NormalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if r == '\'' || r == '’' {
			continue // "council's" and "council’s" are one word
		}
		space = true
	}
	return b.String()
}

// genericPrefixes are openings of headlines that name a format rather than
// an article; several outlets use them at once.
var genericPrefixes = []string{"live updates", "live blog", "as it happened", "latest news", "breaking news", "in pictures", "pictures of the day", "live "}

func isGenericHeadline(normalized string) bool {
	if strings.Count(normalized, " ") < 2 { // one or two words
		return true
	}
	for _, p := range genericPrefixes {
		if strings.HasPrefix(normalized, p) && strings.Count(normalized, " ") < 5 {
			return true
		}
	}
	return false
}

// bodyFingerprint takes the first letters and digits of a body, which survive
// the loss of paragraph breaks between the copies of one article.
func bodyFingerprint(body string) string {
	var b strings.Builder
	for _, r := range body {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			if b.Len() >= 80 {
				break
			}
		}
	}
	return b.String()
}
