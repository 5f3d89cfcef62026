package loader

import (
	"regexp"
	"strings"
	"time"

	"tidings/model"
)

// parseArticle reads the first layout: headline, one paragraph per line,
// page chrome, then related-article blocks.
func (p *page) parseArticle(headlineAt int) *model.Dump {
	lines := p.lines
	relatedAt := -1
	for i := headlineAt + 1; i < len(lines); i++ {
		if lines[i] == "Related Articles" {
			relatedAt = i
			break
		}
	}
	bodyEnd := len(lines)
	if relatedAt >= 0 {
		bodyEnd = relatedAt
	}
	// The chrome that precedes "Related Articles" (and any reader comments
	// under "Comments") ends the body; a truncated save has none of it.
	for i := headlineAt + 1; i < bodyEnd; i++ {
		if isChrome(lines[i]) {
			bodyEnd = i
			break
		}
	}
	p.main = &rawStory{headline: lines[headlineAt]}
	p.main.body = paragraphs(lines[headlineAt+1:bodyEnd], p.rec(p.main))
	if len(p.main.body) > 0 {
		p.readDateline(p.main.body[0])
	}
	if relatedAt >= 0 {
		p.related = parseRelatedBlocks(lines[relatedAt+1:], p.explain)
	}
	return &model.Dump{Layout: model.LayoutArticle}
}

// dateline matches "PORTMERE, March 3 (Coastline Wire) - " and
// "LONDON (Coastline Wire) — " at the start of a first paragraph.
var dateline = regexp.MustCompile(`^\p{Lu}[\p{Lu}\p{M}\p{Nd} .'’/-]*?(?:,\s*(\p{Lu}[a-z]+)\.?\s+(\d{1,2}))?\s*\(([^()]{2,60})\)\s*[-–—]`)

func (p *page) readDateline(first string) {
	if len(first) > 200 {
		first = first[:200]
	}
	m := dateline.FindStringSubmatch(first)
	if m == nil {
		return
	}
	if p.main.source == "" { // a glued source line names the outlet itself
		p.main.source = strings.TrimSpace(m[3])
	}
	if mo, ok := monthsByName[strings.TrimSuffix(m[1], ".")]; ok {
		p.datelineMonth = mo
		p.datelineDay = atoiSmall(m[2])
	}
}

// datelineTime places the dateline's month and day in the year of the save.
// A dateline a little after the save day is believed: the page knows its
// own date, and the save day (from a folder name or a copied file) is what
// is wrong. Only one more than half a year ahead is taken for the year
// before ("December 30" on a page saved on 2 January).
func (p *page) datelineTime(saved time.Time) time.Time {
	return dayNearSave(p.datelineMonth, p.datelineDay, saved)
}

// dayNearSave places a month and day without a year in the year of the
// save, or in the year before when that puts it more than half a year after
// the save; zero when the save time is unknown or the day is not one.
func dayNearSave(month time.Month, day int, saved time.Time) time.Time {
	if month == 0 || saved.IsZero() || day < 1 || day > 31 {
		return time.Time{}
	}
	t := time.Date(saved.Year(), month, day, 0, 0, 0, 0, time.UTC)
	if t.After(saved.AddDate(0, 6, 0)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t
}
