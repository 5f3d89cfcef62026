package main

import (
	"bytes"
	"slices"
	"testing"
)

// writeListedJSON must print what writeJSON prints, for any text a dump
// may hold: quotes, backslashes, control bytes, HTML, invalid UTF-8, line
// and paragraph separators, bidi controls and C1 codes.
func TestListedJSONIsWriteJSON(t *testing.T) {
	published := "2025-07-28T09:10:00Z"
	tricky := []string{"", "plain", `say "hi" \ there`, "tab\there\nnew\rline\x00\x01\x1f", "<b>&amp;</b>",
		"bad \xff\xfe utf8", "sep \u2028 \u2029", "bidi \u202e evil \u2066", "c1 \u0085 \u009b[31m", "del \x7f", "emoji 🗞️ é"}
	for _, n := range []int{0, 1, len(tricky)} {
		var listed []jsonListed
		for i, s := range tricky[:n] {
			l := jsonListed{ID: s, Day: s, Source: s, Headline: s, Read: i%2 == 0, Starred: i%3 == 0, Labels: []string{}}
			if i%3 == 1 {
				l.Labels = []string{"brief", s}
			}
			if i%2 == 1 {
				l.PublishedAt = &published
			}
			listed = append(listed, l)
		}
		if listed == nil {
			listed = []jsonListed{}
		}
		var want, got bytes.Buffer
		if err := writeJSON(&want, listed); err != nil {
			t.Fatal(err)
		}
		if err := writeListedJSON(&got, slices.Values(listed)); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d stories:\n got %q\nwant %q", n, got.String(), want.String())
		}
	}
}
