// Package words cuts text into words by model.NormalizeText's rules, for
// the filter index and the similar-stories model alike.
package words

import (
	"unicode"
	"unicode/utf8"
)

// Scanner cuts text into words by NormalizeText's rules: a word is a run
// of letters and digits, lower-cased, in which apostrophes (straight or
// curly) are dropped rather than cutting it, so "Council's" is "councils".
// Most words of running text are already lower-case ASCII; those are left
// where they are in the text (s[lo:hi]) instead of being copied, and only
// the others are folded into buf. Neither allocates per word.
type Scanner struct {
	s      string
	i      int
	lo, hi int // the word in s; for a folded word, s[lo:i] is the word as written
	buf    []byte
	folded bool // the word is in buf rather than s[lo:hi]
}

func (sc *Scanner) Reset(s string) { sc.s, sc.i = s, 0 }

func (sc *Scanner) Word() string {
	if sc.folded {
		return string(sc.buf)
	}
	return sc.s[sc.lo:sc.hi]
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// isWordRune is a letter or digit, or one of the signs kept in words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '£' || r == '€'
}

// How the scanner treats a byte; every byte of a multi-byte rune is
// byteHigh, and the rune is decoded to tell.
const (
	byteSep   = iota // ASCII that is not part of words
	byteLower        // a-z and 0-9, which words keep as they are
	byteUpper        // A-Z
	byteApos         // ', dropped inside words
	byteHigh
)

var byteClass = func() (c [256]uint8) {
	for b := range c {
		switch {
		case 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '$' || b == '%':
			c[b] = byteLower
		case 'A' <= b && b <= 'Z':
			c[b] = byteUpper
		case b == '\'':
			c[b] = byteApos
		case b >= utf8.RuneSelf:
			c[b] = byteHigh
		}
	}
	return c
}()

// Scan moves to the next word, reporting false at the end of the text.
func (sc *Scanner) Scan() bool {
	s, i := sc.s, sc.i
	for i < len(s) {
		switch byteClass[s[i]] {
		case byteLower:
			lo := i
			for i++; i < len(s) && byteClass[s[i]] == byteLower; i++ {
			}
			if i == len(s) || byteClass[s[i]] == byteSep {
				sc.lo, sc.hi, sc.i, sc.folded = lo, i, i, false
				return true
			}
			sc.buf = append(sc.buf[:0], s[lo:i]...)
			sc.lo = lo
			sc.fold(i)
			return true
		case byteUpper:
			sc.buf = sc.buf[:0]
			sc.lo = i
			sc.fold(i)
			return true
		case byteHigh:
			r, size := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				sc.buf = sc.buf[:0]
				sc.lo = i
				sc.fold(i)
				return true
			}
			i += size
		default:
			i++
		}
	}
	sc.i = i
	return false
}

// fold continues the word from s[i:] into buf, lower-casing it, up to the
// first character that is neither a letter, a digit nor an apostrophe. It
// is only called at or after a letter or digit, so the word is not empty.
func (sc *Scanner) fold(i int) {
	s := sc.s
	for i < len(s) {
		c := s[i]
		switch byteClass[c] {
		case byteLower:
			sc.buf = append(sc.buf, c)
		case byteUpper:
			sc.buf = append(sc.buf, c+'a'-'A')
		case byteApos:
		case byteHigh:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case isWordRune(r):
				sc.buf = utf8.AppendRune(sc.buf, unicode.ToLower(r))
			case !isApostrophe(r):
				sc.i, sc.folded = i, true
				return
			}
			i += size
			continue
		default:
			sc.i, sc.folded = i, true
			return
		}
		i++
	}
	sc.i, sc.folded = i, true
}

// ScanTerm scans the next word as similarity counts words: as the filter
// does, but a number written with thousands separators is one word
// ("61,598"), not two ("61", "598"), whose last group would tie it to
// every other number ending alike.
func (sc *Scanner) ScanTerm() bool {
	if !sc.Scan() {
		return false
	}
	if !sc.folded && sc.hi-sc.lo <= 3 && allDigits(sc.s[sc.lo:sc.hi]) {
		s, hi := sc.s, sc.hi
		for hi+4 <= len(s) && s[hi] == ',' && allDigits(s[hi+1:hi+4]) &&
			(hi+4 == len(s) || byteClass[s[hi+4]] == byteSep || byteClass[s[hi+4]] == byteApos) {
			hi += 4
		}
		sc.hi, sc.i = hi, hi
	}
	return true
}

func allDigits(w string) bool {
	for i := range len(w) {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// Lookup finds the word scanned in m, without copying it.
func Lookup[V any](m map[string]V, sc *Scanner) (V, bool) {
	if sc.folded {
		v, ok := m[string(sc.buf)]
		return v, ok
	}
	v, ok := m[sc.s[sc.lo:sc.hi]]
	return v, ok
}

// Is reports whether the word scanned is w.
func (sc *Scanner) Is(w string) bool {
	if sc.folded {
		return string(sc.buf) == w
	}
	return sc.s[sc.lo:sc.hi] == w
}

// Written is the word scanned as the text writes it.
func (sc *Scanner) Written() string {
	if sc.folded {
		return sc.s[sc.lo:sc.i]
	}
	return sc.s[sc.lo:sc.hi]
}

// Start is where the word scanned begins in the text.
func (sc *Scanner) Start() int { return sc.lo }

// Folded reports whether the word scanned was folded into Bytes rather
// than lying in the text as it is (Plain).
func (sc *Scanner) Folded() bool { return sc.folded }

// Bytes is a folded word; valid until the next Scan.
func (sc *Scanner) Bytes() []byte { return sc.buf }

// Plain is a word that needed no folding, where it lies in the text.
func (sc *Scanner) Plain() string { return sc.s[sc.lo:sc.hi] }
