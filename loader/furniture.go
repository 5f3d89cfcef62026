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
