package similar

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words do not all say as much of what a story is about. A rare word
// already weighs more by its idf; beside that, a word the story writes
// with a capital in mid-sentence is a name (a person, a place, a body:
// "Quillon", "Tarrow", "Harbour Board") and weighs nameWeight times as
// much, and a common verb or filler of news prose ("revealed", "despite",
// "hold") weighs plainWeight times as much, since in a small library it
// may be rare enough for its idf to count.
const (
	nameWeight  = 1.5
	plainWeight = 0.35
)

// capitalisedMidSentence reports whether the word written at text[at:]
// begins with a capital and is not the first word of a sentence (nor of
// the text): a name, not a capital the grammar asks for. A word in capitals
// throughout is taken as a name too (an acronym, "NHS"), but not in a text
// written in capitals.
func capitalisedMidSentence(text string, at int) bool {
	r, _ := utf8.DecodeRuneInString(text[at:])
	if !unicode.IsUpper(r) {
		return false
	}
	before := strings.TrimRightFunc(text[:at], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("(—–-", r)
	})
	if before == "" {
		return false
	}
	// A quotation opens a sentence; a bracket or a dash does not.
	last, _ := utf8.DecodeLastRuneInString(before)
	return !strings.ContainsRune(".!?:;…\"'“‘«", last)
}

// plainWords are common verbs and fillers of news prose that the stop
// words leave in: they say little of what a story is about.
var plainWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`according added adding announced asked back became become becomes
		began begin believe believed called calls came come comes continue continued decided despite
		did done even expected face faced feel felt find found gave give given gives going gone good
		great held help hold holds including keep kept know known late later least left less let lot
		made make makes making many much need needed never often part people place put really recent
		recently revealed run said saw say see seen set show showed shown still take taken takes
		taking though thought took tried try turn turned use used using want wanted way well went
		whether without work worked yet already although another away big came certain clear close
		early end ended far full high including large little long look looked lower major move moved
		near number old open plan plans point possible previous public reported report reports rest
		right saying second several side small start started statement three top want whole within`) {
		m[w] = struct{}{}
	}
	return m
}()

// wordWeight is how much a word weighs beside its idf, as the story
// writes it: name is whether it wrote it as a name at least once.
func wordWeight(w string, name bool) float32 {
	switch {
	case name:
		return nameWeight
	case isPlain(w):
		return plainWeight
	}
	return 1
}

func isPlain(w string) bool {
	_, ok := plainWords[w]
	return ok
}
