package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tidings/model"
)

// parseLogo reads the second layout (a "logo" line, the headline twice, a
// glued source-and-age line, the body) and hashtag listing pages, which
// share its shape for their items.
func (p *page) parseLogo(from int) *model.Dump {
	nb := nonBlank(p.lines[from:])
	if len(nb) == 0 {
		return &model.Dump{Layout: model.LayoutArticleLogo}
	}
	if nb[0] == "#" || strings.HasPrefix(nb[0], "Latest news with") {
		start := 1
		if len(nb) > 1 && strings.HasPrefix(nb[1], "Latest news with") {
			start = 2
		}
		p.related = parseLogoBlocks(nb[start:], p.explain)
		if len(p.related) == 0 {
			p.related = parseDashBlocks(nb[start:], p.explain)
		}
		return &model.Dump{Layout: model.LayoutListing, Tag: listingTag(nb[start-1])}
	}

	main := &rawStory{headline: nb[0]}
	p.main = main
	j := 1
	if j < len(nb) && nb[j] == main.headline {
		j++
	}
	if j < len(nb) {
		if name, age, ok := splitGluedAge(nb[j]); ok && name != "" {
			main.source, main.age = name, age
			j++
		}
	}
	// A category label only follows the source line; without one, a short
	// first line is more likely the body's own subheading.
	for seenCategory := main.source == ""; j < len(nb)-1; j++ {
		if isGalleryLine(nb[j]) {
			continue
		}
		if !seenCategory && isCategoryLine(nb[j]) && !isChrome(nb[j+1]) {
			seenCategory = true
			continue
		}
		break
	}
	end := j
	for end < len(nb) && !isChrome(nb[end]) {
		end++
	}
	main.body = paragraphs(nb[j:end], p.rec(main))
	if len(main.body) > 0 {
		p.readDateline(main.body[0])
	}
	for i := end; i < len(nb); i++ {
		if nb[i] == "Related Articles" {
			p.related = parseRelatedBlocks(nb[i+1:], p.explain)
			break
		}
	}
	return &model.Dump{Layout: model.LayoutArticleLogo}
}

// listingTag is the hashtag of a "Latest news with #Tag" line, as the page
// writes it; "" for any other line.
func listingTag(l string) string {
	tag, ok := strings.CutPrefix(l, "Latest news with")
	if tag = strings.TrimSpace(tag); !ok || len(tag) < 2 {
		return ""
	}
	return tag
}

// isCategoryLine recognises the section label ("News", "Local sport") that
// the second layout may print before the body: a capitalised label of up to
// three words without sentence punctuation.
func isCategoryLine(l string) bool {
	if len(l) > 30 || strings.Count(l, " ") > 2 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l)
	if !unicode.IsUpper(r) {
		return false
	}
	return !strings.ContainsAny(l, ".!?:;,\"”0123456789")
}

func nonBlank(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
