package dumpgen

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// storyBody appends the story's body with paragraphs separated by '\n'.
// Live blogs are a single line of glued entries. Every choice is drawn from
// g.r, which the caller seeds from the story alone, so the body comes out
// the same in every file that shows the story.
func (g *textGen) storyBody(b []byte, s *story, scratch []byte) ([]byte, []byte) {
	if s.live {
		return g.liveBody(b, s), scratch
	}
	r := g.r
	src := &outlets[s.source]
	total := 300 + int(1200*math.Pow(r.Float64(), 1.6))

	// Trap lines are counted in the word budget, so the whole body stays in
	// the 300-1,500 word range.
	scratch = scratch[:0]
	var traps [8]struct{ start, end, tok int }
	nt := 0
	// Each trap starts on a fresh line of scratch, so word appenders see a
	// line start and add no leading space.
	begin := func() int {
		scratch = append(scratch, '\n')
		return len(scratch)
	}
	add := func(start int) {
		if nt < len(traps) {
			seg := scratch[start:]
			traps[nt] = struct{ start, end, tok int }{start, len(scratch), strings.Count(string(seg), " ") + strings.Count(string(seg), "\n") + 1}
			nt++
		}
	}
	if r.IntN(100) < 6 {
		st := begin()
		scratch = append(scratch, "Advertisement"...)
		add(st)
	}
	if r.IntN(100) < 4 {
		st := begin()
		scratch = append(scratch, "Read more"...)
		if r.IntN(2) == 0 {
			scratch = append(scratch, ':')
			scratch = g.headline(scratch)
		}
		add(st)
	}
	if r.IntN(100) < 5 {
		st := begin()
		if lead := pick(r, teaserLeads); lead != "" {
			scratch = append(scratch, lead...)
		}
		scratch = g.headline(scratch)
		add(st)
	}
	if r.IntN(100) < 3 {
		st := begin()
		k := 2 + r.IntN(3)
		for i := 0; i < k; i++ {
			if i > 0 {
				scratch = append(scratch, '\n')
			}
			scratch = append(scratch, pick(r, kvKeys)...)
			scratch = append(scratch, ':')
			switch r.IntN(3) {
			case 0:
				scratch = appendWord(scratch, pick(r, places), false)
				scratch = appendWord(scratch, title(pick(r, nouns)), false)
			case 1:
				scratch = g.number(scratch)
				scratch = appendWord(scratch, pick(r, nounsPl), false)
			default:
				scratch = appendWord(scratch, pick(r, firstNames), false)
				scratch = appendWord(scratch, pick(r, surnames), false)
			}
		}
		add(st)
	}
	if r.IntN(100) < 4 {
		st := begin()
		scratch = append(scratch, "The main points:"...)
		k := 3 + r.IntN(3)
		for i := 0; i < k; i++ {
			scratch = append(scratch, "\n-"...)
			scratch = g.paragraph(scratch, 5+r.IntN(10))
		}
		add(st)
	}
	if r.IntN(200) < 3 {
		st := begin()
		scratch = append(scratch, "Here is what the papers say:"...)
		k := 3 + r.IntN(3)
		for i := 0; i < k; i++ {
			scratch = append(scratch, '\n')
			scratch = append(scratch, outlets[r.IntN(len(outlets))].name...)
		}
		add(st)
	}
	budget := total
	for i := 0; i < nt; i++ {
		budget -= traps[i].tok
	}
	signoff := src.signoff != ""
	if signoff {
		budget--
	}

	// Split the budget into paragraphs of 30-120 words; every cut leaves at
	// least 30 words for the rest.
	var paras [64]int
	np := 0
	maxP := 120
	if signoff {
		maxP-- // the last paragraph ends with the sign-off word
	}
	for rem := budget; rem > 0 && np < len(paras); {
		p := rem
		if rem > maxP {
			p = 30 + r.IntN(min(maxP, rem-30)-30+1)
		}
		paras[np] = p
		np++
		rem -= p
	}
	var after [8]int
	for i := 0; i < nt; i++ {
		after[i] = r.IntN(max(1, np-1))
	}

	dateline := r.IntN(100)
	for i := 0; i < np; i++ {
		if i > 0 {
			b = append(b, '\n')
		}
		p := paras[i]
		if i == 0 {
			switch {
			case dateline < 85:
				st := len(b)
				pl := r.IntN(len(placesUp))
				b = append(b, placesUp[pl]...)
				b = append(b, ", "...)
				t := time.Unix(s.pub, 0).UTC()
				b = append(b, months[t.Month()-1]...)
				b = append(b, ' ')
				b = strconv.AppendInt(b, int64(t.Day()), 10)
				b = append(b, " ("...)
				b = append(b, src.name...)
				b = append(b, ") -"...)
				p -= strings.Count(string(b[st:]), " ") + 1
			case dateline < 92:
				// The source is named only inside the text.
				p -= 2 + tokens(src.name)
				b = g.paragraph(b, p)
				b[len(b)-1] = ','
				b = append(b, " according to "...)
				b = append(b, src.name...)
				b = append(b, '.')
				p = 0
			}
		}
		if p > 0 {
			b = g.paragraph(b, p)
		}
		if i == np-1 && signoff {
			b = append(b, ' ')
			b = append(b, src.signoff...)
		}
		for j := 0; j < nt; j++ {
			if after[j] == i && i != np-1 {
				b = append(b, '\n')
				b = append(b, scratch[traps[j].start:traps[j].end]...)
			}
		}
	}
	return b, scratch
}

// liveBody glues entries as the aggregator does: text, then the author's
// name with the timestamp stuck to it, newest entry first.
func (g *textGen) liveBody(b []byte, s *story) []byte {
	r := g.r
	var authors [3][2]string
	na := 1 + r.IntN(3)
	for i := 0; i < na; i++ {
		authors[i] = [2]string{pick(r, firstNames), pick(r, surnames)}
	}
	total := 300 + int(1100*math.Pow(r.Float64(), 1.6))
	t := s.pub
	used := 0
	for used < total {
		if used > 0 {
			b = append(b, ' ')
		}
		if r.IntN(8) == 0 {
			// A bare caption, such as "Pictures: the opening ceremony".
			kind := pick(r, captionKinds)
			b = append(b, kind...)
			b = appendWord(b, "the", false)
			b = appendWord(b, pick(r, adjs), false)
			b = appendWord(b, pick(r, nouns), false)
			b = appendWord(b, pick(r, prepositions), false)
			pl := pick(r, places)
			b = appendWord(b, pl, false)
			used += tokens(kind) + 3 + tokens(pl)
		} else {
			k := min(12+r.IntN(50), max(1, total-used))
			b = g.paragraph(b, k)
			used += k
		}
		a := authors[r.IntN(na)]
		b = append(b, ' ')
		b = append(b, a[0]...)
		b = append(b, ' ')
		b = append(b, a[1]...)
		b = time.Unix(t, 0).UTC().AppendFormat(b, "2 January 2006 15:04")
		used += 5
		t -= int64(60 * (2 + r.IntN(34)))
	}
	return b
}
