package loader

import "strings"

// parseRelatedBlocks reads the list after "Related Articles". The first
// layout's blocks are anchored on the "- Source" line; the second layout's
// on the headline printed twice. Blank lines are not relied on: real pages
// have zero to three of them between blocks.
func parseRelatedBlocks(lines []string, explain bool) []*rawStory {
	nb := nonBlank(lines)
	if blocks := parseDashBlocks(nb, explain); len(blocks) > 0 {
		return blocks
	}
	return parseLogoBlocks(nb, explain)
}

type blockAt struct {
	start     int // first line of the block
	bodyStart int // first line after the block's header
	story     *rawStory
}

// parseDashBlocks finds blocks shaped "Source / age / - Source / Headline /
// body...". The "- Source" line repeating the line two above (or the line
// above, when the age is missing) is the anchor; a line starting with "- "
// inside a body does not repeat a source and is not taken for one.
func parseDashBlocks(nb []string, explain bool) []*rawStory {
	var blocks []blockAt
	for k := 1; k < len(nb); k++ {
		src, ok := strings.CutPrefix(nb[k], "- ")
		src = strings.TrimSpace(src)
		if !ok || src == "" {
			continue
		}
		b := blockAt{bodyStart: k + 1, story: &rawStory{source: src}}
		switch {
		case nb[k-1] == src:
			b.start = k - 1
		case k >= 2 && nb[k-2] == src && !isChrome(nb[k-1]):
			b.start = k - 2
			b.story.age = nb[k-1]
		default:
			continue
		}
		if len(blocks) > 0 && b.start < blocks[len(blocks)-1].bodyStart {
			continue // inside the previous block's header
		}
		if b.bodyStart < len(nb) && !isChrome(nb[b.bodyStart]) {
			b.story.headline = nb[b.bodyStart]
			b.bodyStart++
		}
		blocks = append(blocks, b)
		k = b.bodyStart - 1
	}
	return finishBlocks(nb, blocks, explain)
}

// parseLogoBlocks finds the second layout's blocks: the headline twice, the
// source, "time" glued to the age, bullet lines (an optional category, then
// the source), the headline again, the body.
func parseLogoBlocks(nb []string, explain bool) []*rawStory {
	var blocks []blockAt
	for k := 0; k+1 < len(nb); k++ {
		if nb[k] != nb[k+1] || isChrome(nb[k]) || !hasLogoBlockHeader(nb, k+2) {
			continue
		}
		s := &rawStory{headline: nb[k]}
		p := k + 2
		if p < len(nb) && !isTimeLine(nb[p]) && !isBulletLine(nb[p]) {
			s.source = nb[p]
			p++
		}
		if p < len(nb) && isTimeLine(nb[p]) {
			s.age = strings.TrimPrefix(nb[p], "time")
			p++
		}
		bullet := ""
		for p < len(nb) && isBulletLine(nb[p]) {
			bullet = strings.TrimSpace(strings.TrimPrefix(nb[p], "•"))
			p++
		}
		if s.source == "" {
			s.source = bullet
		}
		if p < len(nb) && nb[p] == s.headline {
			p++
		}
		blocks = append(blocks, blockAt{start: k, bodyStart: p, story: s})
		k = p - 1
	}
	return finishBlocks(nb, blocks, explain)
}

func hasLogoBlockHeader(nb []string, from int) bool {
	for i := from; i < len(nb) && i < from+4; i++ {
		if isTimeLine(nb[i]) || isBulletLine(nb[i]) {
			return true
		}
	}
	return false
}

func isTimeLine(l string) bool {
	rest, ok := strings.CutPrefix(l, "time")
	return ok && parseAge(rest).kind != ageNone
}

func isBulletLine(l string) bool { return strings.HasPrefix(l, "•") }

// finishBlocks gives each block the lines up to the next block as its body,
// stopping at page chrome, and drops blocks that have no headline.
func finishBlocks(nb []string, blocks []blockAt, explain bool) []*rawStory {
	out := make([]*rawStory, 0, len(blocks))
	for i, b := range blocks {
		end := len(nb)
		if i+1 < len(blocks) {
			end = blocks[i+1].start
		}
		if b.bodyStart > end {
			end = b.bodyStart
		}
		body := nb[b.bodyStart:end]
		for j, l := range body {
			if isChrome(l) {
				body = body[:j]
				break
			}
		}
		if b.story.headline == "" {
			continue
		}
		var rec *removals
		if explain {
			rec = &b.story.removed
		}
		b.story.body = paragraphs(body, rec)
		out = append(out, b.story)
	}
	return out
}
