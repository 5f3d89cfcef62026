package loader

import (
	"strings"
	"testing"
)

// A page whose <title> puts an empty site name after the separator (a
// template with no site name set) gives the headline without the dangling
// separator; a separator inside the headline stays.
func TestSavedPageTitleWithoutItsDanglingSeparator(t *testing.T) {
	body := `<body><main><article><h1>%s</h1><p>The council approved the station on Monday after a long debate about its cost and its place on the quay.</p><p>Work starts in the spring and the station opens next year, the council said.</p></article></main></body></html>`
	for title, want := range map[string]string{
		"Lifeboat station approved | ":        "Lifeboat station approved",
		"Lifeboat station approved |":         "Lifeboat station approved",
		"Lifeboat station approved - ":        "Lifeboat station approved",
		"Lifeboat station approved — ":        "Lifeboat station approved",
		"Lifeboat station approved":           "Lifeboat station approved",
		"Ferries: a late boat at last":        "Ferries: a late boat at last",
		"Council vote – lifeboat station win": "Council vote – lifeboat station win",
	} {
		page := "<!DOCTYPE html><html><head><title>" + title + "</title></head>" + strings.Replace(body, "%s", want, 1)
		d, err := parseAs(t, "page.html", []byte(page))
		if err != nil {
			t.Fatalf("%q: %v", title, err)
		}
		if d.Main.Headline != want {
			t.Errorf("title %q: headline %q, want %q", title, d.Main.Headline, want)
		}
	}
}
