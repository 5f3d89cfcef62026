package loader

import (
	"bytes"
	"slices"
	"testing"
)

// TestDecodeBase64Lines: line breaks, spaces and stray characters are
// passed over, padding or none is read alike, and a fault keeps what came
// before it.
func TestDecodeBase64Lines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"PHA+Y2Fmw6k8L3A+", "<p>café</p>"},
		{"PHA+Y2Fm\r\nw6k8L3A+\r\n", "<p>café</p>"},
		{" PHA+ Y2Fm\tw6k8 L3A+ ", "<p>café</p>"},
		{"PHA+Y2Fmw6k8L3A", "<p>café</p"},
		{"YQ==", "a"},
		{"YQ", "a"},
		{"YWI=", "ab"},
		{"YQ==YWI=", "a"},
		{"YW*Jj!", "abc"},
		{"", ""},
		{"Y", ""},
	} {
		if got := string(decodeBase64Lines([]byte(c.in))); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzSplitMbox: an mbox read whole gives the messages the stream gives.
func FuzzSplitMbox(f *testing.F) {
	var b bytes.Buffer
	mboxOf(&b, 3)
	f.Add(b.Bytes())
	f.Add([]byte("From x\n\nFrom y\nSubject: a\n\n>>From z\nFrom w\n"))
	f.Add([]byte("junk\nFrom a\r\nX: 1\r\n\r\n>From b\r\n\r\nFrom c\n>From d"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var streamed, split []string
		readMbox(bytes.NewReader(data), func(msg []byte) { streamed = append(streamed, string(msg)) })
		splitMbox(data, func(msg []byte) { split = append(split, string(msg)) })
		if !slices.Equal(streamed, split) {
			t.Fatalf("%q: streamed %q, split %q", data, streamed, split)
		}
	})
}
