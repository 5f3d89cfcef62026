package ui

import (
	"testing"

	"charm.land/glamour/v2"
)

// FuzzThemeJSON: whatever a style file holds, checking it and rendering a
// story with a style that passed never panics.
func FuzzThemeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"document": {"color": "#ff0000"}}`,
		`{"heading": {"prefix": "## ", "bold": true}, "strong": {"color": "200"}}`,
		`{"document": {"margin": 4000000000}}`,
		`{"code_block": {"chroma": {"text": {"color": "#zzz"}}}}`,
		`{"list": {"level_indent": -5}}`,
		`[]`, `null`, `{`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if checkThemeJSON(data) != nil {
			return
		}
		tr, err := glamour.NewTermRenderer(glamour.WithStylesFromJSONBytes(data), glamour.WithWordWrap(40))
		if err != nil {
			t.Fatalf("checked, then refused: %v", err)
		}
		tr.Render("# Quay\n\nThe **quay** opened on Monday.\n\n- one\n- two\n\n`code`\n")
	})
}
