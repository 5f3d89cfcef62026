package loader

import (
	"regexp"
	"strings"

	"tidings/model"
)

// classNewsletterFooter is the furniture a newsletter wraps its text in:
// the links to read it in a browser, to unsubscribe, to manage one's
// preferences and to forward it, which every mailing tool writes, each in
// its own words.
const classNewsletterFooter = "newsletter-footer"

// newsletterFooter matches one such line, or one piece of a line of them
// ("Unsubscribe | Update your preferences"), whole. It is built from what
// the line does, not from one tool's wording.
var newsletterFooter = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
	// reading it in a browser, perhaps after the trouble that calls for it
	`(?:(?:(?:having )?(?:trouble|problems?) (?:viewing|reading|seeing) (?:this|the) (?:e-?mail|message|newsletter)|` +
		`(?:e-?mail|images?|this e-?mail|this message) not (?:displaying|showing) (?:correctly|properly)|` +
		`can['’]t (?:see|read|view) (?:this|the|it)(?: e-?mail| message| newsletter)?)\??\s*)?` +
		`(?:click here|(?:click here to )?(?:view|read|open|see)(?: it| this(?: e-?mail| message| newsletter| issue| post)?)?` +
		`(?: (?:in|on)(?: your| a| the)? (?:web )?browser| online| on the web| as a web ?page)(?: here)?|` +
		`(?:click here to )?(?:view|read|open|see) (?:the |an? )?(?:web|online|browser) version(?: here)?)`,
	// unsubscribing
	`(?:(?:if you )?(?:no longer wish|don['’]t want|do not want|would rather not)(?: to (?:receive|get))? (?:these|our|this)(?: e-?mails?| messages?| newsletters?)?(?: anymore| any more)?[,?]?\s*)?` +
		`(?:click here to |to |you (?:can|may) )?(?:unsubscribe|opt[ -]out|stop receiving (?:these|our) (?:e-?mails|messages))` +
		`(?:,? click here| here| now| instantly| at any time| from (?:this|our|all)(?: list| mailing list| e-?mails| newsletters?)?)*`,
	// managing one's preferences
	`(?:(?:why did i (?:get|receive) this|(?:want|would you like) to change how you receive these (?:e-?mails|messages))\??\s*)?` +
		`(?:you (?:can|may) )?(?:update|manage|change|edit)(?: your)?(?: e-?mail| subscription| notification)? (?:preferences|settings|profile|subscriptions?)` +
		`(?: or unsubscribe(?: from this list)?)?(?: here)?|e-?mail (?:preferences|settings)`,
	// forwarding it, or signing up after it was forwarded
	`(?:know someone (?:who (?:would|might)|who['’]d) (?:like|enjoy) this\??\s*)?` +
		`(?:(?:forward|send|share)(?: this| it)?(?: e-?mail| newsletter| issue)? (?:to|with) an? (?:friend|colleague)|` +
		`forward (?:this|it)(?: e-?mail| newsletter| issue)?|share this (?:e-?mail|newsletter|issue)|tell a friend)|` +
		`(?:(?:was this|were you|got this) forwarded(?: to you)?|forwarded this (?:e-?mail|newsletter))\??\s*(?:sign up|subscribe)(?: here| now)?`,
}, "|") + `)[.!:]?$`)

// footerSeparators split a line of footer links: "Unsubscribe | Update
// your preferences · View in browser".
var footerSeparators = regexp.MustCompile(`\s*[|·•]\s*`)

// stripNewsletterFooter drops the paragraphs that are nothing but footer
// links, recording each in rec (for `inspect`).
func stripNewsletterFooter(paragraphs []string, rec *[]model.Removal) []string {
	out := paragraphs[:0]
	for _, p := range paragraphs {
		if isNewsletterFooter(p) {
			*rec = append(*rec, model.Removal{Class: classNewsletterFooter, Text: p})
			continue
		}
		out = append(out, p)
	}
	return out
}

func isNewsletterFooter(p string) bool {
	if len(p) > 300 {
		return false // a paragraph of text, whatever its words
	}
	for _, piece := range footerSeparators.Split(strings.TrimSpace(p), -1) {
		// A link's address after a colon ("View in your browser:
		// https://...") is the link's, not text.
		if i := strings.Index(piece, ": http"); i > 0 && !strings.Contains(piece[i+2:], " ") {
			piece = piece[:i]
		}
		if piece != "" && !newsletterFooter.MatchString(piece) {
			return false
		}
	}
	return true
}
