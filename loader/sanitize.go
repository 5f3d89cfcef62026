package loader

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
)

// CleanLine makes one line of text (from a dump, or a file name shown to
// the user) safe to draw: escape sequences and control characters are
// removed so that nothing from a file can drive the terminal, invalid UTF-8
// becomes U+FFFD, tabs, vertical tabs and form feeds become spaces, and the
// result is trimmed. Most lines are plain text, so the common case returns
// the input without allocating.
func CleanLine(s string) string {
	if isClean(s) {
		return strings.TrimSpace(s)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsRune(s, 0x1b) || strings.ContainsFunc(s, isC1) {
		// x/ansi knows every sequence shape (CSI, OSC, DCS, APC...) and
		// their terminators; leftovers of broken sequences fall to the
		// control-character filter below.
		s = ansi.Strip(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case isOddSpace(r):
			b.WriteByte(' ')
		case IsUnsafeRune(r):
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// isClean reports, in one pass, that a line is valid UTF-8 with nothing to
// remove or replace: the case of nearly every line, which then costs no
// allocation.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		// Eight bytes at a time while they are printable ASCII, which is
		// most of any line, even one with a few curly quotes.
		if i+8 <= len(s) {
			w := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))
			const high, low = 0x8080808080808080, 0x0101010101010101
			below20 := (w - 0x20*low) & ^w & high
			del := ((w ^ 0x7f*low) - low) & ^(w ^ 0x7f*low) & high
			if w&high|below20|del == 0 {
				i += 8
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || IsUnsafeRune(r) || isOddSpace(r) {
			return false
		}
		i += size
	}
	return true
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

// isOddSpace reports the characters shown as a plain space: tabs, which
// would jump columns, vertical tabs and form feeds, which stand between
// words (dropping them would glue the words), line and paragraph
// separators, no-break spaces.
func isOddSpace(r rune) bool {
	switch r {
	case '\t', '\v', '\f', '\u2028', '\u2029', '\u00a0':
		return true
	}
	return false
}

// IsUnsafeRune reports the runes that must never reach a terminal or that
// would silently reorder or hide what is drawn: C0 and C1 controls, DEL,
// every bidirectional control Unicode defines (marks, embeddings, overrides
// and isolates), and stray byte-order marks. CleanLine removes them; output
// that must keep them, such as JSON, escapes them.
func IsUnsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xfeff:
		return true
	}
	return false
}

// looksBinary reports whether a file's start is not text: NUL bytes, control
// bytes or invalid UTF-8 in more than a small share of it. A few such bytes in
// an otherwise textual dump are tolerated (and cleaned); a binary file is
// reported, not shown.
func looksBinary(data []byte) bool {
	sample := data
	if len(sample) > 8<<10 {
		sample = sample[:8<<10]
	}
	if len(sample) == 0 {
		return false
	}
	bad := 0
	for i := 0; i < len(sample); {
		c := sample[i]
		if c < 0x80 {
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
				bad++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size == 1 {
			// A rune cut by the sample's end is not evidence of binary.
			if len(sample)-i >= utf8.UTFMax {
				bad++
			}
		}
		i += size
	}
	return bad*10 > len(sample)
}
