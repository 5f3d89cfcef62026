package loader

import (
	"testing"
	"unicode"
)

// TestHasOddSpace: the quick look agrees with a rune by rune one.
func TestHasOddSpace(t *testing.T) {
	slow := func(s string) bool {
		prev := rune(0)
		for _, r := range s {
			if unicode.IsSpace(r) && (r != ' ' || prev == ' ') {
				return true
			}
			prev = r
		}
		return false
	}
	spaces := []string{" ", "  ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u200b", "\u201c", "\u00e9", "\xe2", "\xc2"}
	for _, sp := range spaces {
		for _, pad := range []string{"", "a", "abcdefg", "abcdefghijklmnop", "ab“cd”efghijkl"} {
			for _, s := range []string{pad + sp, sp + pad, pad + sp + pad, pad + " " + sp + pad} {
				if got, want := hasOddSpace(s), slow(s); got != want {
					t.Errorf("hasOddSpace(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}
