package loader

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
)

// The classes of site furniture, as the sentences that are nothing but
// furniture. Each pattern is built from word classes (the verbs a button
// uses, the nouns a paywall names, the platforms a story is shared to)
// rather than from the strings one site prints, so that another site's
// wording of the same thing is found too. A pattern matches a whole
// sentence, case-insensitively, up to its closing punctuation: a sentence
// that only uses these words ("Share prices fell") is text.

// Class names, as `inspect --json` reports them.
const (
	classPaywall    = "paywall"
	classButtons    = "buttons" // comment, share, copy-link, print, save
	classLinkLabel  = "link-label"
	classAdMarker   = "ad-marker"
	classNewsletter = "newsletter"
	classAdChoices  = "ad-choices" // podcast ad and privacy lines
	classCaption    = "caption"    // captions and credits
	classAffiliate  = "affiliate"
	classPromotion  = "promotion"
	classShop       = "shop"
)

// wordClasses are substituted for {name} in the patterns below.
var wordClasses = map[string]string{
	// where a story is shared to, or followed on
	"platform": `(?:facebook|twitter|x|whatsapp|linkedin|bluesky|threads|mastodon|reddit|pinterest|telegram|messenger|` +
		`flipboard|instagram|tiktok|youtube|e-?mail|sms|text)`,
	// what a button acts on
	"thing": `(?:article|story|page|post|piece|link|url|video|gallery|report|feature|interview|column|recipe|guide)`,
	// a determiner before it
	"det": `(?:this|the|our|a|an|that)`,
	// what a paywall sells or counts
	"paid": `(?:subscribers?|subscriptions?|members?|memberships?|premium|supporters?|paying (?:subscribers|members|readers)|` +
		`digital (?:subscribers|members|pass))`,
	// "now", "today" after a call to action
	"soon": `(?:now|today|here|for free|free|online|instantly)`,
	// a price, as shop buttons and offers write it
	"price": `[£$€]\s?\d[\d,]*(?:\.\d\d)?`,
	// an apostrophe, straight or curly
	"ap": `['’]`,
	// any character of a sentence, a full stop inside a web address too
	"nd": `(?:[^.!?]|[.!?]\S)`,
	// words a call to action to read on uses
	"readon": `(?:continue|keep|carry on|start) reading`,
	// legal and account links at the foot of a sign-up form
	"legal": `(?:terms (?:of (?:use|service)|and conditions|& conditions)|privacy (?:policy|notice|statement)|cookie (?:policy|settings)|` +
		`newsletters?|manage (?:your )?(?:preferences|subscriptions?)|unsubscribe|contact us|help)`,
	// podcast apps
	"podapp": `(?:apple podcasts|spotify|amazon music|google podcasts|youtube music|pocket casts|overcast|castbox|` +
		`audible|iheartradio|acast|your (?:favourite |favorite |usual )?podcast (?:app|player))`,
}

// expand replaces {name} by its word class.
func expand(p string) string {
	for name, class := range wordClasses {
		p = strings.ReplaceAll(p, "{"+name+"}", class)
	}
	return p
}

// furnitureClass is one kind of furniture: its sentences, keyed by their
// first word (lower case, perhaps with the second) so that a sentence is
// matched only against the few patterns it may belong to.
type furnitureClass struct {
	name string
	// sentences: first words ("|"-separated; "" for those opened by a
	// price or a number), the pattern, and words (lower case,
	// "|"-separated) of which a sentence must hold one before the pattern
	// is tried: the patterns that open with common words are costly.
	sentences [][3]string
}

var furnitureClasses = []furnitureClass{
	{name: classNewsletter, sentences: [][3]string{
		{"sign", `sign up(?: (?:to|for) (?:our|the|a|my)? ?[^.!?]{0,40}?(?:newsletters?|bulletin|brief(?:ing)?|digest|alerts|updates|inbox)(?: [^.!?]{0,60})?)?`},
		{"subscribe", `subscribe to (?:our|the|a) [^.!?]{0,40}?(?:newsletters?|bulletin|briefing|digest|alerts)(?: [^.!?]{0,60})?`},
		{"enter|type|your|email|e", `(?:(?:enter|type) )?(?:your )?e-?mail(?: address)?(?: (?:here|below))?(?: to [^.!?]{0,40})?`},
		{"thank|thanks", `thanks?(?: you)? for (?:signing up|subscribing|registering)[^.!?]{0,60}`},
		{"by", `by (?:signing up|subscribing|clicking|registering|entering your e-?mail)[^.!?]{0,40}?,? you (?:agree|consent|accept)[^.!?]{0,120}`, "agree|consent|accept"},
		{"terms|privacy|cookie|newsletter|newsletters|manage|unsubscribe|contact|help",
			`{legal}(?: ?(?:\||·|•|,|and|&) ?{legal})*`},
		{"you", `you(?:{ap}re| are) (?:now )?(?:subscribed|signed up|on the list)[^.!?]{0,40}`},
		{"get|receive|have|sign|want", `(?:get|receive|have|sign up for|want)(?: {det}| your| all the)? [^.!?]{0,50}? (?:delivered )?(?:straight |directly |right )?` +
			`(?:to|in|into) your inbox(?: [^.!?]{0,40})?`, "inbox"},
		{"don|dont|never", `(?:don{ap}?t|never) miss (?:a|an|out|the)[^.!?]{0,60}?(?:newsletter|inbox|sign up)[^.!?]{0,40}`, "newsletter|inbox|sign up"},
	}},
	{name: classPaywall, sentences: [][3]string{
		// "Subscribe today for unlimited access", "Register for free to keep reading"
		{"subscribe|register|upgrade|sign|log", `(?:subscribe|register|upgrade|sign up|sign in|log in)(?: {soon})?` +
			`(?:,? (?:for|to|and|from|with|on) [^.!?]{0,80}?(?:\b(?:access|reading|{paid}|trial|account|articles|journalism|` +
			`unlimited|digital)\b|{price})[^.!?]{0,60})?`},
		// "Start your free trial", "Claim a 30-day trial", "Try it free for 14 days"
		{"start|begin|get|claim|try|activate|enjoy|take",
			`\w+ (?:{det} |your |it |us )?(?:free |\d+[- ](?:day|week|month)s? (?:free )?|no-obligation |risk-free )?trial(?: [^.!?]{0,60})?`, "trial"},
		{"try|get|enjoy", `\w+ (?:it |us |\d+ (?:days|weeks|months) )?(?:for )?(?:free|{price})(?: for \d+ (?:days|weeks|months))?(?: [^.!?]{0,40})?`, "free|£|$|€"},
		{"you can", `you can only (?:[^.!?]{0,30} )?trial once(?: [^.!?]{0,40})?`},
		// "Already a subscriber? Log in", "Already have an account? Sign in"
		{"already", `already (?:an? {paid}|subscribed|registered|have an? (?:account|subscription))\??(?: (?:log|sign) in(?: here| now)?)?`},
		// "This article is only available to subscribers"
		{"this", `this (?:{thing}|content|is an?) (?:is )?(?:only |exclusively )?(?:available |exclusive |reserved |free )?(?:only )?` +
			`(?:for|to) (?:our )?(?:premium |paying |digital )?{paid}(?: only)?(?: (?:article|story|content))?`, "subscri|member|premium|supporter|paying|digital"},
		{"for|exclusive|available|only|reserved", `(?:exclusive |available |reserved )?(?:only )?(?:for|to) (?:our )?{paid}(?: only)?`},
		{"premium|subscriber|subscribers|members|member|exclusive",
			`(?:premium|subscribers?|members?|exclusive)(?:[- ]only)?(?: (?:content|article|story|exclusive|feature))?`},
		// "You've read 3 of your 5 free articles", "You have reached your limit"
		{"you", `you(?:{ap}ve| have)? (?:read|reached|used|hit)[^.!?]{0,40}(?:free )?(?:articles?|stories|limit)[^.!?]{0,40}`, "article|stor|limit"},
		{"you", `you have \d+ free (?:articles?|stories)(?: left| remaining)?[^.!?]{0,30}`, "free"},
		// "Unlock unlimited access", "Get full digital access for £1"
		{"unlock|get|enjoy|gain", `\w+ (?:unlimited|full|premium|digital|instant|complete) (?:digital )?access(?: [^.!?]{0,80})?`, "access"},
		{"log|sign", `\w+ in(?: here| now)?`},
		{"log|sign|create|register", `(?:(?:log|sign) in|create an? (?:free )?account|register)(?: (?:or|and) (?:subscribe|register|sign up))?` +
			` (?:for free )?to (?:continue|keep|carry on) reading(?: [^.!?]{0,40})?`},
		{"to|continue|keep", `(?:to )?{readon},? (?:subscribe|sign in|log in|register|sign up)[^.!?]{0,60}`},
		{"want|wish", `(?:want|wish) to (?:read|keep reading|continue reading|read on)(?: more| on)?\?(?: (?:subscribe|sign in|log in|register)[^.!?]{0,40})?`},
		{"become", `become an? (?:paying |digital |premium )?(?:subscriber|member|supporter)(?: today| now| for [^.!?]{0,40})?`},
		{"support", `support (?:our|independent|local|quality) journalism(?: [^.!?]{0,60})?`},
	}},
	{name: classButtons, sentences: [][3]string{
		// "View Comments (12)", "Show all 40 comments"
		{"view|show|read|see|hide|load|open|jump|go",
			`\w+ (?:to )?(?:all |the )?(?:\d+ )?(?:reader )?comments?(?: \(\d+\))?(?: section)?`},
		{"comments|comment", `comments? \(\d+\)`},
		{"", `\d+ comments?`},
		// "Share this article", "Share on WhatsApp", "Email this story"
		{"share|tweet|email|e-mail|print|save|bookmark|gift|send|post|pin",
			`(?:share|tweet|e-?mail|print|save|bookmark|gift|send|post|pin)(?: (?:{det}|it))?(?: {thing}| for later)?` +
				`(?: (?:on|via|to|with|by) (?:a friend|{platform}))?`},
		{"share", `share(?: (?:{det}|it))?(?: {thing})?`},
		// "Copy link to story", "Copy the Article Link"
		{"copy", `copy (?:{det} )?(?:{thing} |share )?(?:link|url|address)(?: (?:to|of|for) (?:{det} )?(?:{thing}|clipboard))?`},
		{"link|url|copied", `(?:(?:link|url) )?copied(?: to (?:the )?clipboard)?!?`},
		{"leave|add|post|write|be", `(?:(?:leave|add|post|write) (?:a|your) (?:comment|reply|thoughts)|be the first to comment)`},
		{"join", `join (?:the|our) (?:conversation|discussion|debate)`},
		{"follow", `follow (?:us|{det} \w+|[\w@]+) on {platform}(?: (?:and|or|,) {platform})*`, "facebook|twitter|x|whatsapp|linkedin|bluesky|threads|mastodon|reddit|pinterest|telegram|messenger|flipboard|instagram|tiktok|youtube|mail|sms|text"},
		{"comments", `comments are (?:closed|open|disabled|turned off)(?: for this (?:{thing}))?`},
	}},
	{name: classLinkLabel, sentences: [][3]string{
		{"opens|open|link|external", `(?:(?:link )?opens?|external link,?(?: opens)?) (?:in )?(?:a )?new (?:browser )?(?:window|tab)`},
		{"external", `external (?:link|site)`},
	}},
	{name: classAdMarker, sentences: [][3]string{
		{"advertisement|advertising|advert|sponsored|promoted|paid|partner|ad|ads",
			`(?:advertisement|advertising|advert|sponsored|promoted|paid (?:content|post|partnership)|partner content|ads?)(?: (?:content|feature|story))?`},
		// "Story continues below advertisement", "Article continues after this ad"
		{"story|article|content|continue|continues|scroll",
			`(?:(?:story|article|content) )?continues? (?:reading )?(?:below|after|under) (?:{det} )?(?:advertisement|advert|ad)`},
		{"scroll", `scroll (?:down )?to (?:continue|keep) reading`},
	}},
	{name: classAdChoices, sentences: [][3]string{
		// "Hear more about your privacy options at …", "Learn more about your ad choices"
		{"hear|learn|find|read|see|visit|for", `(?:hear|learn|find out|read|see|visit|for){nd}{0,40}?(?:your (?:privacy|ad|advertising|data)(?: \w+){0,2} ` +
			`(?:options|choices|rights|settings)|privacy (?:information|info)|ad ?choices|opt-out information){nd}{0,80}`, "privacy|choices|opt-out"},
		{"visit|see|go", `(?:visit|see|go to) \S*(?:adchoices|privacy)\S*(?: [^.!?]{0,60})?`},
		{"listen|subscribe|follow|download|available",
			`(?:listen|subscribe|follow|download|available)(?: (?:to |on )?(?:{det}|the) (?:podcast|episode|show|{thing}))?(?: for free)?` +
				` (?:on|via|wherever|from|in) (?:{podapp}|you get your podcasts|[^.!?]{0,30}podcasts?)[^.!?]{0,60}`, "cast|spotify|music|audible|radio"},
		{"listen", `listen to (?:{det}|the) (?:{thing}|podcast|episode)(?: \(?\d+ min(?:ute)?s?\)?)?`},
		{"", `\d+ min(?:ute)?s? (?:listen|read)`},
		{"this", `this (?:podcast|episode|show) (?:is |was )?(?:brought to you|supported|sponsored) by [^.!?]{0,60}`},
	}},
	{name: classCaption, sentences: [][3]string{
		// "Photo by Jane Doe/Agency", "Image courtesy of the Gazette"
		{"photo|photograph|photos|picture|pictures|image|images|video|footage|photography",
			`(?:photo(?:graph)?|picture|image|video|footage|photography)s? (?:by|courtesy of|from|supplied by) (?-i:(?:\p{Lu}[\p{L}'’./&-]*|/|&|and|of|the|for|via)` +
				`(?: (?:\p{Lu}[\p{L}'’./&-]*|/|&|and|of|the|for|via))*)`, "by|courtesy|from|supplied"},
	}},
	{name: classShop, sentences: [][3]string{
		{"buy|shop", `(?:buy|shop)(?: it)?(?: now)?(?: for {price})?(?: (?:at|from) [^.!?]{1,30})?`},
		{"", `{price}\s+(?:buy|shop)(?: it)?(?: now)?(?: (?:at|from) [^.!?]{1,30})?`},
	}},
	{name: classAffiliate, sentences: [][3]string{
		// "We may earn a commission when you buy through links on our site"
		{"we|this|our|some|if|when|as|you|links|independently|any",
			`[^.!?]{0,80}?\b(?:affiliate (?:links?|commission|programmes?|programs?|partnerships?)|` +
				`(?:earn|receive|get|make|(?:be|are|is|get) paid)(?: us| me)? (?:an? )?(?:small )?(?:affiliate )?(?:commission|fee|share of (?:the )?(?:sales|revenue))|` +
				`qualifying purchases)\b[^.!?]{0,160}`, "commission|affiliate|fee|share of|qualifying"},
		{"the|all|contains", `(?:the|all|contains)[^.!?]{0,80}?\baffiliate links?\b[^.!?]{0,80}`, "affiliate"},
		{"as an", `as an amazon associate[^.!?]{0,160}`},
	}},
	{name: classPromotion, sentences: [][3]string{
		// "Read more", "Read the full story", "Read more ›"
		{"read|see|view", `(?:read|see|view) (?:more|next|on|the full (?:{thing})|full (?:{thing})|the (?:latest|rest)|more (?:here|stories|news))` +
			`(?: here)?(?: ?[›»>→]+)?`},
		{"click|tap", `(?:click|tap) here(?: to (?:read|see|find out|learn|watch|listen)[^.!?]{0,60})?`},
		{"continue|keep|carry|start", `{readon}(?: ?[›»>→]+)?`},
		{"more", `more (?:stories|news|coverage) (?:from|on|about) [^.!?]{0,40}`},
	}},
}

// furnitureByWord maps a sentence's first word to the patterns it may
// match, each with the second word it needs, if any; furnitureByPrice holds
// the patterns opened by a price or a number. A pattern is compiled when
// first asked: compiled at start, they took megabytes and milliseconds of
// every run, a warm start's included, which parses nothing.
var furnitureByWord, furnitureByPrice = func() (map[string][]keyedPattern, []keyedPattern) {
	by := map[string][]keyedPattern{}
	var price []keyedPattern
	for _, c := range furnitureClasses {
		for _, s := range c.sentences {
			re := sync.OnceValue(func() *regexp.Regexp {
				return regexp.MustCompile(`(?i)^(?:` + expand(s[1]) + `)[\s.!?:]*$`)
			})
			var needs []string
			if s[2] != "" {
				needs = strings.Split(s[2], "|")
			}
			if s[0] == "" {
				price = append(price, keyedPattern{class: c.name, re: re, needs: needs})
				continue
			}
			for _, key := range strings.Split(s[0], "|") {
				first, second, _ := strings.Cut(key, " ")
				by[first] = append(by[first], keyedPattern{second: second, class: c.name, re: re, needs: needs})
			}
		}
	}
	return by, price
}()

type keyedPattern struct {
	second string // "" for any
	class  string
	re     func() *regexp.Regexp
	needs  []string // one of these must be in the sentence (lower case)
}

// matches tests the pattern on sentence s, whose first word is n bytes;
// lower is s in lower case (ASCII), for the words it needs.
func (k keyedPattern) matches(s string, lower []byte, n int) bool {
	if len(k.needs) > 0 && !containsAny(lower, k.needs) {
		return false
	}
	if k.second != "" {
		rest := s[n:]
		if len(rest) <= len(k.second) || rest[0] != ' ' || !strings.EqualFold(rest[1:1+len(k.second)], k.second) {
			return false
		}
	}
	return k.re().MatchString(s)
}

func containsAny(s []byte, words []string) bool {
	for _, w := range words {
		if bytes.Contains(s, []byte(w)) {
			return true
		}
	}
	return false
}

// appendLowerASCII appends s with its ASCII letters in lower case.
func appendLowerASCII(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c |= 0x20
		}
		buf = append(buf, c)
	}
	return buf
}
