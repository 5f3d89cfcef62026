package dumpgen

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Token classes of the sentence templates. Templates keep the invented
// vocabulary in a roughly English word order, which makes the text look like
// prose to a human reader and gives a parser realistic word lengths.
const (
	tDet = iota
	tDetPl
	tAdj
	tNoun
	tNounPl
	tVPast
	tV3
	tVBase
	tPrep
	tPlace
	tName // first name and surname: two tokens
	tSurname
	tNum
	tPercent // "12 percent": two tokens
	tAux
	tConj
	tAdv
	tRole
	tOfficials
	tInst
	tComma // glued to the previous token
	tLit   // literal word, from lits
)

type template struct {
	classes []uint8
	lits    []string // one per tLit, in order
}

var templates = parseTemplates([]string{
	"D A N Vp D N P L",
	"Nm , D R P D N , 'said 'that D N X Vb D A N",
	"Os P L Vp # Ns P D N",
	"D N X Av Vb Dp Ns C D A N Vp",
	"P D N , Dp Ns P L Vp Av",
	"Sn Vp 'that D N Vp P % P D N",
	"Dp A Ns Vp P L , Sn 'said",
	"Ns P D N X Vb P # Ns",
	"D N P L Vp D A N P D N",
	"Av , Dp Ns Vp D N",
	"D R P D I , Nm , Vp D N",
	"D I Vp D A N P L",
	"Os 'said D N P D N Vp P #",
	"Dp Ns Vp Av P D A N",
})

func parseTemplates(src []string) []template {
	codes := map[string]uint8{
		"D": tDet, "Dp": tDetPl, "A": tAdj, "N": tNoun, "Ns": tNounPl, "Vp": tVPast, "V3": tV3,
		"Vb": tVBase, "P": tPrep, "L": tPlace, "Nm": tName, "Sn": tSurname,
		"#": tNum, "%": tPercent, "X": tAux, "C": tConj, "Av": tAdv, "R": tRole,
		"Os": tOfficials, "I": tInst, ",": tComma,
	}
	out := make([]template, 0, len(src))
	for _, s := range src {
		var t template
		for _, f := range strings.Fields(s) {
			if strings.HasPrefix(f, "'") {
				t.classes = append(t.classes, tLit)
				t.lits = append(t.lits, f[1:])
				continue
			}
			c, ok := codes[f]
			if !ok {
				panic("dumpgen: bad template code " + f)
			}
			t.classes = append(t.classes, c)
		}
		out = append(out, t)
	}
	return out
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// textGen appends generated text to byte slices. All randomness comes from r,
// so a text is a pure function of the seed r was given.
type textGen struct {
	r *rand.Rand
}

// word appends one word, with a separating space unless it starts the
// buffer's line, and upper-cases its first letter when cap is set.
func appendWord(b []byte, w string, capFirst bool) []byte {
	if n := len(b); n > 0 && b[n-1] != '\n' && !(n >= 3 && b[n-3] == 0xE2 && b[n-2] == 0x80 && b[n-1] == 0x9C) { // not after an opening quote
		b = append(b, ' ')
	}
	start := len(b)
	b = append(b, w...)
	if capFirst && b[start] >= 'a' && b[start] <= 'z' {
		b[start] -= 'a' - 'A'
	}
	return b
}

func tokens(s string) int { return strings.Count(s, " ") + 1 }

func (g *textGen) number(b []byte) []byte {
	r := g.r
	if n := len(b); n > 0 && b[n-1] != '\n' {
		b = append(b, ' ')
	}
	switch r.IntN(6) {
	case 0:
		return strconv.AppendInt(b, int64(2+r.IntN(9)), 10)
	case 1:
		return strconv.AppendInt(b, int64(1990+r.IntN(36)), 10)
	case 2:
		b = strconv.AppendInt(b, int64(1+r.IntN(99)), 10)
		b = append(b, ',')
		return append(b, []byte{byte('0' + r.IntN(10)), byte('0' + r.IntN(10)), '0'}...)
	default:
		return strconv.AppendInt(b, int64(10+r.IntN(990)), 10)
	}
}

// paragraph appends exactly n whitespace-separated tokens of prose, so the
// caller controls paragraph and body lengths precisely.
func (g *textGen) paragraph(b []byte, n int) []byte {
	r := g.r
	rem := n
	for rem > 0 {
		quote := rem >= 14 && r.IntN(16) == 0
		limit := rem
		if quote {
			b = appendSpaceIfNeeded(b)
			b = append(b, "“"...)
			limit -= 3 // "said First Last"
		}
		capNext := true
		used := 0
		for {
			tp := &templates[r.IntN(len(templates))]
			b, used, capNext = g.clause(b, tp, limit-used, capNext, used)
			if used >= limit {
				break
			}
			if limit-used > 6 && r.IntN(4) == 0 {
				b = append(b, ',')
				b = appendWord(b, pick(r, conjunctions), false)
				used++
				continue
			}
			break
		}
		rem -= used
		if n := len(b); b[n-1] == ',' {
			b = b[:n-1]
		}
		if quote {
			b = append(b, ",” said"...)
			b = appendWord(b, pick(r, firstNames), false)
			b = appendWord(b, pick(r, surnames), false)
			rem -= 3
		}
		b = append(b, '.')
	}
	return b
}

func appendSpaceIfNeeded(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] != '\n' {
		b = append(b, ' ')
	}
	return b
}

// clause appends the template's tokens, stopping when budget runs out; the
// last token of a cut template is a noun so sentences do not end on "the".
func (g *textGen) clause(b []byte, tp *template, budget int, capNext bool, used int) ([]byte, int, bool) {
	r := g.r
	lit := 0
	aPos := -1
	for _, c := range tp.classes {
		left := budget
		if left <= 0 {
			break
		}
		if c == tComma {
			if n := len(b); n > 0 && b[n-1] != ',' && b[n-1] != '\n' && !capNext {
				b = append(b, ',')
			}
			continue
		}
		if left == 1 && c != tNoun && c != tNounPl && c != tPlace && c != tSurname && c != tNum {
			c = tNoun
		}
		var w string
		switch c {
		case tDet:
			w = pick(r, determiners)
		case tDetPl:
			w = pick(r, determinersPl)
		case tAdj:
			w = pick(r, adjs)
		case tNoun:
			w = pick(r, nouns)
		case tNounPl:
			w = pick(r, nounsPl)
		case tVPast:
			w = pick(r, verbsPast)
		case tV3:
			w = pick(r, verbs3)
		case tVBase:
			w = pick(r, verbsBase)
		case tPrep:
			w = pick(r, prepositions)
		case tPlace:
			w = pick(r, places)
		case tName:
			if left >= 2 {
				b = appendWord(b, pick(r, firstNames), false)
				b = appendWord(b, pick(r, surnames), false)
				budget -= 2
				used += 2
				capNext = false
				continue
			}
			w = pick(r, surnames)
		case tSurname:
			w = pick(r, surnames)
		case tNum:
			b = g.number(b)
			budget--
			used++
			capNext = false
			continue
		case tPercent:
			b = g.number(b)
			budget--
			used++
			capNext = false
			if left >= 2 {
				b = appendWord(b, "percent", false)
				budget--
				used++
			}
			continue
		case tAux:
			w = pick(r, auxiliaries)
		case tConj:
			w = pick(r, conjunctions)
		case tAdv:
			w = pick(r, adverbs)
		case tRole:
			w = pick(r, roles)
		case tOfficials:
			w = pick(r, officials)
			if !capNext {
				w = strings.ToLower(w)
			}
		case tInst:
			w = pick(r, institutions)
		case tLit:
			w = tp.lits[lit]
			lit++
		}
		if k := tokens(w); k > left {
			w = pick(r, nouns)
		}
		if aPos >= 0 && strings.IndexByte("aeiou", w[0]) >= 0 {
			b = slices.Insert(b, aPos+1, 'n') // "a" before a vowel reads "an"
		}
		aPos = -1
		b = appendWord(b, w, capNext)
		if c == tDet && w == "a" {
			aPos = len(b) - 1
		}
		k := tokens(w)
		budget -= k
		used += k
		capNext = false
	}
	return b, used, capNext
}

// headline appends a sentence-case headline. Headlines of different stories
// must differ, which the planner checks; the combinations are many enough
// that retries are rare.
func (g *textGen) headline(b []byte) []byte {
	r := g.r
	start := len(b)
	w := func(s string) { b = appendWord(b, s, false) }
	switch r.IntN(11) {
	case 0:
		w(pick(r, places))
		w(pick(r, institutions))
		w(pick(r, verbs3))
		w(pick(r, adjs))
		w(pick(r, nouns))
	case 1:
		w(pick(r, places))
		w(pick(r, institutions))
		w(pick(r, verbs3))
		w(pick(r, nouns))
		w(pick(r, nounsPl))
	case 2:
		w(pick(r, firstNames))
		w(pick(r, surnames))
		w(pick(r, verbs3))
		w(pick(r, adjs))
		w(pick(r, nouns))
		w(pick(r, prepositions))
		w(pick(r, places))
	case 3:
		w(pick(r, adjs))
		w(pick(r, nouns))
		w(pick(r, verbsPast))
		w(pick(r, prepositions))
		w(pick(r, places))
	case 4:
		w(pick(r, places))
		w("to")
		w(pick(r, verbsBase))
		w(pick(r, nouns))
		w(pick(r, nounsPl))
		w("by")
		b = strconv.AppendInt(append(b, ' '), int64(2026+r.IntN(10)), 10)
	case 5:
		w(pick(r, nounsPl))
		w(pick(r, verbsPast))
		w("as")
		w(pick(r, places))
		w(pick(r, institutions))
		w(pick(r, verbs3))
		w(pick(r, nouns))
	case 6:
		b = strconv.AppendInt(appendSpaceIfNeeded(b), int64(3+r.IntN(400)), 10)
		w(pick(r, nounsPl))
		w(pick(r, verbsPast))
		w("after")
		w(pick(r, nouns))
		w(pick(r, nouns))
		w("in")
		w(pick(r, places))
	case 7:
		w("what")
		w("the")
		w(pick(r, nouns))
		w(pick(r, nouns))
		w("means")
		w("for")
		w(pick(r, places))
	case 8:
		w(pick(r, places))
		w(pick(r, nouns) + ":")
		w(pick(r, institutions))
		w(pick(r, verbs3))
		w(pick(r, adjs))
		w(pick(r, nouns))
	case 9:
		w(pick(r, surnames))
		w(pick(r, verbs3))
		w(pick(r, nouns))
		w("as")
		w(pick(r, places))
		w(pick(r, nounsPl))
		w(pick(r, verbsPast))
	default:
		w(pick(r, officials))
		w("in")
		w(pick(r, places))
		w(pick(r, verbsPast))
		w(pick(r, adjs))
		w(pick(r, nouns))
	}
	if b[start] == ' ' {
		start++
	}
	if c := b[start]; c >= 'a' && c <= 'z' {
		b[start] -= 'a' - 'A'
	}
	return b
}

// appendAge writes a relative age the way moment.js's fromNow() does, with
// its default thresholds and rounding.
func appendAge(b []byte, secs int64) []byte {
	if secs < 0 {
		secs = 0
	}
	s := float64(secs)
	minutes := math.Round(s / 60)
	hours := math.Round(s / 3600)
	days := math.Round(s / 86400)
	monthsF := s / 86400 * 4800 / 146097
	mo := math.Round(monthsF)
	years := math.Round(monthsF / 12)
	n := func(v float64, unit string) []byte {
		b = strconv.AppendInt(b, int64(v), 10)
		b = append(b, ' ')
		b = append(b, unit...)
		return append(b, " ago"...)
	}
	switch {
	case secs <= 44:
		return append(b, "a few seconds ago"...)
	case minutes <= 1:
		return append(b, "a minute ago"...)
	case minutes < 45:
		return n(minutes, "minutes")
	case hours <= 1:
		return append(b, "an hour ago"...)
	case hours < 22:
		return n(hours, "hours")
	case days <= 1:
		return append(b, "a day ago"...)
	case days < 26:
		return n(days, "days")
	case mo <= 1:
		return append(b, "a month ago"...)
	case mo < 11:
		return n(mo, "months")
	case years <= 1:
		return append(b, "a year ago"...)
	}
	return n(years, "years")
}

func appendDate(b []byte, unix int64) []byte {
	return time.Unix(unix, 0).UTC().AppendFormat(b, "02-01-2006")
}
