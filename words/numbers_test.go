package words

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNumbersAgreeWithAMap: words short and long, folded and not, get the
// numbers a map handing out numbers in order of first meeting gives, as
// the table grows many times over.
func TestNumbersAgreeWithAMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var text strings.Builder
	for range 60000 {
		n := r.IntN(12000)
		switch r.IntN(5) {
		case 0:
			fmt.Fprintf(&text, "Word%d ", n) // folded
		case 1:
			fmt.Fprintf(&text, "averylongwordindeed%dx ", n%300) // over 16 bytes
		default:
			fmt.Fprintf(&text, "w%d ", n)
		}
	}
	var nums Numbers
	want := map[string]uint32{}
	var sc Scanner
	sc.Reset(text.String())
	for sc.Scan() {
		w := sc.Word()
		got, isNew := nums.Scanned(&sc)
		num, seen := want[w]
		if !seen {
			num = uint32(len(want))
			want[strings.Clone(w)] = num
		}
		if got != num || isNew == seen || nums.Word(got) != w {
			t.Fatalf("%q: number %d (new %v, word %q), want %d (new %v)", w, got, isNew, nums.Word(got), num, !seen)
		}
	}
	if nums.Len() != len(want) || len(want) < 10000 {
		t.Fatalf("%d words numbered, want %d (and many)", nums.Len(), len(want))
	}
}
