package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tidings/model"
)

// Site furniture is the news site's interface left inside the article text
// when the page was saved: paywall prompts, comment and share buttons, the
// labels of stripped links, ad markers, newsletter sign-up forms, podcast
// ad-choice lines, captions and credits, affiliate disclaimers, promotions
// of other articles and shop buttons (furniture_classes.go lists them). It
// stands on a line of its own or is glued to a sentence, and is removed as
// the paragraphs are assembled; the sentences around it stay.
//
// The parser reads hundreds of megabytes a second, so nothing here scans a
// whole line byte by byte in Go: a line is looked at where furniture stands,
// its first and last sentence, and wherever a '(', ':', a link label's
// "opens" or a sentence glued to the next without a space is (found with
// the vectorised strings.Index and IndexByte). What that misses: furniture
// without any of those glued in the middle of a long line, between two
// sentences of the article.

// Labels before a colon. Promotions run from the label to the end of the
// promoted headline; credits name who took a picture or a video.
var (
	// promoLabels open a label before a colon; up to four more words may
	// follow them in it ("More from the Gazette:").
	promoLabels = []string{"read more", "read next", "see also", "also read", "read also", "related", "more", "watch",
		"recommended", "most read", "most popular", "you may also like", "you might also like", "don't miss", "don’t miss",
		"dont miss", "trending", "top stories", "editor's picks", "editor’s picks", "further reading", "also on", "listen",
		"latest from", "popular", "in pictures", "explore more", "keep reading"}
	creditLabels = []string{"photo credit", "image credit", "picture credit", "image source", "photograph", "picture",
		"photo", "image", "credit", "video", "footage", "source", "caption"}
	// captionLabels, singular, open a caption line: "Picture: Volunteers on
	// the bank" alone on a line (a plural, "Pictures: the opening
	// ceremony", titles a live-blog entry, and is text).
	captionLabels = []string{"picture", "photo", "photograph", "image", "caption", "pictured", "video", "watch"}
	// parenLabels open a parenthesis that is furniture from "(" to ")".
	parenLabels = []string{"opens in", "open in", "opens a new", "opens new", "link opens", "external link",
		"picture:", "pictured:", "photo:", "photograph:", "image:", "credit:", "video:", "footage:", "photo credit", "image credit",
		"image source", "photo by", "picture by", "image by", "photograph by", "image courtesy", "photo courtesy", "picture courtesy",
		"photo supplied", "image supplied", "advertisement", "sponsored", "ad)"}
	// parenStarts are the first two letters (lower case) of parenLabels:
	// most parentheses ("(Esker Wire)") are ruled out without comparing.
	parenStarts = func() (t [26][26]bool) {
		for _, p := range parenLabels {
			t[p[0]-'a'][p[1]-'a'] = true
		}
		return t
	}()
	// tailWords end a line that may end in a pattern that is not a
	// sentence of its own (a price and a shop button, a link label, an ad
	// marker glued to the last sentence).
	tailWords = setOf("now", "shop", "buy", "tab", "window", "advertisement", "advertising", "advert", "sponsored", "promoted")
	// adMarkers are the words that mark an advertisement where they are
	// glued between two sentences ("...said.sponsoredThe council...").
	adMarkers = []string{"advertisement", "advertising", "advert", "sponsored content", "sponsored", "promoted", "paid content",
		"partner content"}
)

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

// removals collects what was cut and why, for `inspect`; a nil *removals
// (the reader's loads) records nothing and costs nothing.
type removals []model.Removal

func (r *removals) add(class, text string) {
	if r == nil {
		return
	}
	if text = strings.Trim(text, " |,"); text != "" {
		*r = append(*r, model.Removal{Class: class, Text: text})
	}
}

// stripFurniture returns the line without its site furniture: "" when the
// line was nothing else. A line without any returns as it came, unallocated.
func stripFurniture(l string) string { return cleanFurniture(l, nil) }

// cleanFurniture is stripFurniture recording what it removes in rec.
func cleanFurniture(l string, rec *removals) string {
	if l == "" {
		return l
	}
	if i := strings.IndexByte(l, '('); i >= 0 {
		l = stripParenFurniture(l, i, rec)
	}
	if i := strings.IndexByte(l, ':'); i >= 0 {
		l = stripLabelFurniture(l, i, rec)
	}
	l = stripLinkLabels(l, rec)
	l = cutGluedMarkers(l, rec)
	l = stripHeadFurniture(l, rec)
	l = stripTailFurniture(l, rec)
	return l
}

// cutGluedMarkers removes an ad marker glued between two sentences inside a
// line ("at the station.advertisementThe boat is due", "said.sponsoredThe
// council"): right after a sentence's end with no space, and before a
// capital or the end. Anywhere else the word is the text's own ("the
// advertisement campaign", "a sponsored walk"). Only the sentence ends are
// visited (found with IndexByte); nearly all are followed by a space.
func cutGluedMarkers(l string, rec *removals) string {
	cuts := 0
	for _, p := range []byte{'.', '!', '?'} {
		for from := 0; from < len(l) && cuts < maxCuts; {
			i := strings.IndexByte(l[from:], p)
			if i < 0 {
				break
			}
			at := from + i + 1
			from = at
			if at < len(l) && (l[at] == '"' || l[at] == ')') {
				at++
			} else if strings.HasPrefix(l[at:], "”") || strings.HasPrefix(l[at:], "’") {
				at += len("”")
			}
			if at >= len(l) || !isASCIILetter(l[at]) {
				continue
			}
			n := markerAt(l[at:])
			if n == 0 {
				continue
			}
			end := at + n
			rest := l[end:]
			if r, _ := utf8.DecodeRuneInString(rest); rest != "" && !unicode.IsUpper(r) {
				continue
			}
			rec.add(classAdMarker, l[at:end])
			l = strings.TrimSpace(l[:at] + " " + strings.TrimLeft(rest, " "))
			cuts++
		}
	}
	return l
}

// maxCuts bounds the pieces cut from one line by one kind of search: each
// cut copies the line, and a hostile file must not make that quadratic.
const maxCuts = 16

// markerAt is the length of the ad marker s starts with, in any case; 0
// when it starts with none.
func markerAt(s string) int {
	c := s[0] | 0x20
	if c != 'a' && c != 's' && c != 'p' {
		return 0
	}
	for _, m := range adMarkers {
		if len(s) >= len(m) && strings.EqualFold(s[:len(m)], m) {
			return len(m)
		}
	}
	return 0
}

// stripEntryFurniture removes the furniture from live-blog entries, whose
// texts were glued together on one line; an entry left with no text goes.
func stripEntryFurniture(entries []model.Entry, rec *removals) []model.Entry {
	out := entries[:0]
	for _, e := range entries {
		if e.Text = cleanFurniture(e.Text, rec); e.Text != "" {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
