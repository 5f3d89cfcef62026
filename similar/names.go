package similar

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"tidings/model"
	"tidings/words"
)

// A name is what a story is about only with the words around it: two
// stories of one town ("Great Tarrow harbour gets new fuel pump", "Great
// Tarrow shop extends opening hours") share its name and nothing else
// that matters, and names weigh more (nameWeight), so the name alone may
// score them as high as two write-ups of one event. So a match is scored
// again, once the few best are found: what its heaviest shared name (the
// words of one name written together, "Great Tarrow") adds is held to at
// most nameShare times what the rest of the match adds, and a same event
// needs sameEventRest from that rest: another name, or words that are no
// names.
const (
	// nameShare: the heaviest name may add at most three times what the
	// rest adds. Over dumpgen's planted events (a person, a place and
	// what happened, in a few words) a version's person weighs up to
	// 3.7 times the rest of its match (0.441 against 0.119), and at 3 all
	// versions still score 0.475 and up; a name with nothing beside it
	// scores nothing.
	nameShare = 3.0
	// sameEventRest is what the match must add beside its heaviest name
	// for a same event, in sameEventTerms terms at least: the versions of
	// the planted events add 0.119 and up (another name and what
	// happened), two stories of one place or one person
	// (TestNameAloneIsNoSameEvent) next to nothing, or a word or two
	// ("Great Tarrow harbour gets new fuel pump", "Great Tarrow lifeboat
	// gets new engine").
	sameEventRest  = 0.1
	sameEventTerms = 2
	// rescoreFactor is how many more candidates than asked for are
	// scored again: the rescoring only lowers scores, so a story just
	// below the k best may rise above one that shared a name alone.
	rescoreFactor = 4
)

// nameGroups numbers, for each of terms (sorted by number), the name the
// story writes it in (from 1; 0 for a word it never writes as a name), as
// the build decides what a name is (capitalisedMidSentence in the body: a
// headline's capitals may be its style); the capitalised words written
// next to a name ("Great" before "Tarrow") are of the same name.
func (s *Similarity) nameGroups(body model.Body, terms []uint32) []int {
	group := make([]int, len(terms))
	// The union of the terms' groups, by index in terms, as they are found
	// in runs of capitalised words.
	parent := make([]int, len(terms))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	named := make([]bool, len(terms))
	var sc words.Scanner
	var run []int // indexes in terms of the run of capitals so far
	runNamed, prevEnd := false, -1
	flush := func() {
		if runNamed {
			for _, k := range run {
				named[k] = true
				parent[find(k)] = find(run[0])
			}
		}
		run, runNamed = run[:0], false
	}
	eachText("", body, func(text string, headline bool) {
		if headline {
			return
		}
		sc.Reset(text)
		prevEnd = -1
		for sc.ScanTerm() {
			at := sc.Start()
			r, _ := utf8.DecodeRuneInString(text[at:])
			if !unicode.IsUpper(r) || (prevEnd >= 0 && strings.TrimSpace(text[prevEnd:at]) != "") {
				flush()
			}
			prevEnd = at + len(sc.Written())
			if !unicode.IsUpper(r) {
				continue
			}
			runNamed = runNamed || capitalisedMidSentence(text, at)
			if t, ok := slices.BinarySearch(s.terms, sc.Word()); ok {
				if k, ok := slices.BinarySearch(terms, uint32(t)); ok {
					run = append(run, k)
				}
			}
		}
		flush()
	})
	ids := map[int]int{}
	for k := range terms {
		if !named[k] {
			continue
		}
		r := find(k)
		if ids[r] == 0 {
			ids[r] = len(ids) + 1
		}
		group[k] = ids[r]
	}
	return group
}

// split is the score of the match of x with article y, in two parts: what
// the heaviest name of x (by groups, see nameGroups) they share adds, and
// what the rest adds, and how many terms the rest has.
func (s *Similarity) split(xTerms []uint32, xW []float32, groups []int, y int) (name, rest float32, restTerms int, ok bool) {
	yTerms, yW, ok := s.vector(y)
	if !ok {
		return 0, 0, 0, false
	}
	byName := map[int]float32{}
	byNameTerms := map[int]int{}
	shared := 0
	total := float32(0)
	for i, j := 0, 0; i < len(xTerms) && j < len(yTerms); {
		switch ti, tj := xTerms[i], yTerms[j]; {
		case ti < tj:
			i++
		case ti > tj:
			j++
		default:
			c := xW[i] * yW[j]
			total += c
			shared++
			if g := groups[i]; g > 0 {
				byName[g] += c
				byNameTerms[g]++
			}
			i, j = i+1, j+1
		}
	}
	heaviest := 0
	for g, c := range byName {
		if c > name || (c == name && g < heaviest) {
			name, heaviest = c, g
		}
	}
	return name, total - name, shared - byNameTerms[heaviest], true
}

// rescored is a match's score with its heaviest name's share held (see
// nameShare).
func rescored(name, rest float32) float32 {
	return rest + min(name, nameShare*rest)
}
