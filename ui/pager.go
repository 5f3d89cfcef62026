package ui

import "strings"

// pager scrolls pre-rendered lines. The bubbles viewport restyles every
// visible line on each frame (about 1.7 ms for a long article); these lines
// already come styled and wrapped to the width, so drawing is a slice and a
// join.
type pager struct {
	lines  []string
	offset int
	height int
}

func (p *pager) setLines(lines []string) {
	p.lines = lines
	p.clamp()
}

func (p *pager) setHeight(h int) {
	p.height = max(h, 1)
	p.clamp()
}

func (p *pager) maxOffset() int { return max(0, len(p.lines)-p.height) }

func (p *pager) clamp() { p.offset = max(0, min(p.offset, p.maxOffset())) }

func (p *pager) scroll(n int) {
	p.offset += n
	p.clamp()
}

func (p *pager) setOffset(n int) {
	p.offset = n
	p.clamp()
}

// ensureVisible scrolls just enough for line i to be on screen.
func (p *pager) ensureVisible(i int) {
	if i < p.offset {
		p.offset = i
	} else if i >= p.offset+p.height {
		p.offset = i - p.height + 1
	}
	p.clamp()
}

func (p *pager) view() string {
	end := min(p.offset+p.height, len(p.lines))
	if p.offset >= end {
		return ""
	}
	return strings.Join(p.lines[p.offset:end], "\n")
}

func (p *pager) visibleLines() int { return max(0, min(p.offset+p.height, len(p.lines))-p.offset) }

// percent is how far down the reader is, for the status bar.
func (p *pager) percent() int {
	if p.maxOffset() == 0 {
		return 100
	}
	return p.offset * 100 / p.maxOffset()
}
