package loader

import (
	"fmt"
	"testing"
)

// TestCleanLineRemovesEveryBidiControl: a bidi control left in a headline
// or a file name can reorder what the terminal shows (issue 9, item 12).
func TestCleanLineRemovesEveryBidiControl(t *testing.T) {
	bidi := []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069}
	for _, r := range bidi {
		in := fmt.Sprintf("left%cright", r)
		if got := CleanLine(in); got != "leftright" {
			t.Errorf("CleanLine(%q) = %q: U+%04X kept", in, got, r)
		}
	}
}

// TestCleanLineOddWhitespaceSeparatesWords: vertical tabs and form feeds
// stand between words; removing them would glue the words (issue 9, item 15).
func TestCleanLineOddWhitespaceSeparatesWords(t *testing.T) {
	for in, want := range map[string]string{
		"one\vtwo":               "one two",
		"one\ftwo":               "one two",
		"one\v\x1b[1mtwo\x1b[0m": "one two",
		"one\ftwo\x07":           "one two",
	} {
		if got := CleanLine(in); got != want {
			t.Errorf("CleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}
