package index

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"tidings/model"
)

// Numbers in a query are matched against numbers in the text as written,
// not against the words the index holds: the word scanner follows
// model.NormalizeText (which ids are built from) and so cuts "14.9%" into
// "14" and "9%", where a query for 9% would find it. A numeric term is
// looked up in the index by its first digits, which every story holding it
// has a word beginning with, and then confirmed in the text, as a phrase is.

// numericTerm is a query word that is a number: digits with decimal or
// thousands separators, an optional currency sign before and per cent
// after.
var numericTerm = regexp.MustCompile(`^[$£€]?[0-9][0-9.,]*%?$`)

// spacedPercent is a number with a space before its per cent sign ("9 %"),
// which is the same number as "9%".
var spacedPercent = regexp.MustCompile(`([0-9])[ \x{00A0}\x{202F}]+%`)

// numberTerm reads a query word as a number with a per cent sign or a
// separator, which is confirmed in the text: ok is false for any other
// word. A separator typed last is dropped ("9." while typing "9.5"). A
// whole number alone ("9", "2025") is left to the index, as a word
// beginning: confirming it would read the text of every story with a
// year in it, and it finds what it always found (14.9 for 9 among them).
func numberTerm(w string) (string, bool) {
	w = strings.TrimRight(w, ".,")
	return w, numericTerm.MatchString(w) && strings.ContainsAny(w, "%.,")
}

// leadDigits is the part of a numeric term every story holding it has a
// word beginning with: its currency sign and first run of digits.
func leadDigits(term string) string {
	end := strings.IndexFunc(term, func(r rune) bool { return r == '.' || r == ',' || r == '%' })
	if end < 0 {
		return term
	}
	return term[:end]
}

// numberMatches reports whether a number of the text (as numbersIn reads
// it) is what a numeric query term asks for: the same currency sign or
// none, and the text's number beginning with the term's as a word begins
// with a typed prefix. A term with a per cent sign is a whole number.
func numberMatches(term, number string) bool {
	if strings.HasSuffix(term, "%") {
		return term == number
	}
	return strings.HasPrefix(number, term)
}

// hasNumber reports whether the text holds a number the term matches.
func hasNumber(text, term string) bool {
	found := false
	numbersIn(text, func(n string) bool {
		found = numberMatches(term, n)
		return !found
	})
	return found
}

// numbersIn calls yield with each number of the text as written: the
// currency sign before it, its digits with the separators between them,
// and a per cent sign after it (a space before the sign is dropped). A
// number begins where no letter, digit or separator after a digit comes
// before it, so "14.9%" is one number and not "9%" too. yield returns
// false to stop.
func numbersIn(text string, yield func(string) bool) {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || !numberStarts(text, i) {
			continue
		}
		b.Reset()
		if r, size := utf8.DecodeLastRuneInString(text[:i]); size > 0 && strings.ContainsRune("$£€", r) {
			b.WriteRune(r)
		}
		j := i + 1
		for j < len(text) && (isDigit(text[j]) || (text[j] == '.' || text[j] == ',') && j+1 < len(text) && isDigit(text[j+1])) {
			j++
		}
		b.WriteString(text[i:j])
		k := j
		for k < len(text) {
			r, size := utf8.DecodeRuneInString(text[k:])
			if r != ' ' && r != '\u00a0' && r != '\u202f' {
				break
			}
			k += size
		}
		if k < len(text) && text[k] == '%' {
			b.WriteByte('%')
		}
		if !yield(b.String()) {
			return
		}
		i = j - 1
	}
}

// numberStarts reports whether a number may begin at text[i], a digit:
// not inside a word ("A380"), nor after a number's separator ("14.9").
func numberStarts(text string, i int) bool {
	r, size := utf8.DecodeLastRuneInString(text[:i])
	switch {
	case size == 0:
		return true
	case r == '.' || r == ',':
		return i-size == 0 || !isDigit(text[i-size-1])
	case r == '$' || r == '£' || r == '€':
		// a currency sign inside a word ("US$9") still begins a number
		return true
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// hasNumbers reports whether every numeric term of the query is in the
// article's headline, source or text; the text is read only when the
// headline and source do not settle it.
func hasNumbers(a *model.Article, terms []string, body func() model.Body) bool {
	var text *model.Body
	for _, term := range terms {
		if hasNumber(a.Headline, term) || hasNumber(a.Source(), term) {
			continue
		}
		if text == nil {
			b := body()
			text = &b
		}
		if !bodyHasNumber(*text, term) {
			return false
		}
	}
	return true
}

func bodyHasNumber(body model.Body, term string) bool {
	for _, p := range body.Paragraphs {
		if hasNumber(p, term) {
			return true
		}
	}
	for _, e := range body.Entries {
		if hasNumber(e.Text, term) || hasNumber(e.Author, term) {
			return true
		}
	}
	return false
}
