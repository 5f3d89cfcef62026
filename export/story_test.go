package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidings/model"
)

func article(headline, source, day string) *model.Article {
	saved, _ := time.Parse(time.DateOnly, day)
	a := &model.Article{Story: model.Story{ID: "0123456789abcdef", Headline: headline}.WithSource(source),
		SavedAt: model.MomentOf(saved.Add(9 * time.Hour))}
	a.SetDay(day)
	return a
}

func TestCitation(t *testing.T) {
	a := article("Harbour pilots vote to strike", "Esker Wire", "2025-03-04")
	if got, want := Citation(a), "“Harbour pilots vote to strike” — Esker Wire, 4 Mar 2025"; got != want {
		t.Errorf("citation %q, want %q", got, want)
	}
	a.PublishedAt = model.MomentOf(time.Date(2025, 3, 3, 16, 0, 0, 0, time.UTC))
	a.PublishedPrecision = model.PrecisionHour
	if got, want := Citation(a), "“Harbour pilots vote to strike” — Esker Wire, 3 Mar 2025"; got != want {
		t.Errorf("citation with a publication day %q, want %q", got, want)
	}
	a.PublishedPrecision = model.PrecisionMonth // a month names no day: the save day does
	if got := Citation(a); !strings.HasSuffix(got, ", 4 Mar 2025") {
		t.Errorf("citation with a month only %q", got)
	}
	b := article("Ferry \x1b[31mtimetable\x1b[0m changes", "", "")
	if got, want := Citation(b), "“Ferry timetable changes”"; got != want {
		t.Errorf("citation without source or day %q, want %q", got, want)
	}
}

func TestFileName(t *testing.T) {
	for headline, want := range map[string]string{
		"Harbour pilots vote to strike":        "2025-03-04-harbour-pilots-vote-to-strike.md",
		"Café owners: “We’re staying open!”":   "2025-03-04-cafe-owners-we-re-staying-open.md",
		"../../etc/passwd":                     "2025-03-04-etc-passwd.md",
		"£9m deal — 5% rise":                   "2025-03-04-9m-deal-5-rise.md",
		"Σεισμός στην Κρήτη":                   "2025-03-04-σεισμος-στην-κρητη.md",
		"???":                                  "2025-03-04-story-0123456789abcdef.md",
		strings.Repeat("word ", 30):            "2025-03-04-" + strings.TrimSuffix(strings.Repeat("word-", 12), "-") + ".md",
		strings.Repeat("x", 200):               "2025-03-04-" + strings.Repeat("x", 60) + ".md",
		"Live: council \x1b]0;title\x07 votes": "2025-03-04-live-council-0-title-votes.md",
	} {
		if got := FileName(article(headline, "", "2025-03-04")); got != want {
			t.Errorf("FileName(%q) = %q, want %q", headline, got, want)
		}
	}
}

// Saving never writes over a file: the same story saved three times is
// three files, and a file already there under the name is left as it was.
func TestSaveNeverOverwrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "exports", "new")
	a := article("Harbour pilots vote to strike", "Esker Wire", "2025-03-04")
	body := model.Body{Paragraphs: []string{"Pilots voted on Monday."}}
	var paths []string
	for range 3 {
		p, err := Save(dir, a, body)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Base(p))
	}
	want := []string{"2025-03-04-harbour-pilots-vote-to-strike.md", "2025-03-04-harbour-pilots-vote-to-strike-2.md", "2025-03-04-harbour-pilots-vote-to-strike-3.md"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("saved as %q, want %q", paths, want)
	}
	mine := filepath.Join(dir, "2025-03-04-harbour-pilots-vote-to-strike-4.md")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Save(dir, a, body)
	if err != nil || filepath.Base(p) != "2025-03-04-harbour-pilots-vote-to-strike-5.md" {
		t.Errorf("saved as %q (%v), want -5 past the file there", p, err)
	}
	if data, _ := os.ReadFile(mine); string(data) != "mine" {
		t.Errorf("a file there was overwritten: %q", data)
	}
	data, _ := os.ReadFile(p)
	if !strings.HasPrefix(string(data), "# Harbour pilots vote to strike\n\n*Esker Wire · saved Tue 4 Mar 2025 09:00*\n\nPilots voted on Monday.\n") {
		t.Errorf("saved text:\n%s", data)
	}
}

func TestSaveIntoAFileFails(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(file, nil, 0o644)
	if _, err := Save(file, article("A", "", "2025-03-04"), model.Body{}); err == nil {
		t.Error("saving into a file that is not a folder succeeded")
	}
}

// Plain text reads as written in Markdown: nothing in it becomes
// emphasis, a link, a heading, a list or HTML, and no escape sequence
// reaches the document.
func TestMarkdownKeepsTextAsText(t *testing.T) {
	a := article("*Breaking* <b>news</b> & [more](x)", "Esker #Wire", "2025-03-04")
	a.SetMeta("https://example.org/a", a.Author(), a.Tags())
	body := model.Body{Paragraphs: []string{
		"# not a heading", "- not a list", "1. not a list", "Plain text stays plain.",
		"A <script>alert(1)</script> tag & an `inline` one, _under_ and ~strike~.", "Colour \x1b[31mred\x1b[0m here.",
	}}
	got := Markdown(a, body)
	want := "# \\*Breaking\\* \\<b\\>news\\</b\\> \\& \\[more\\](x)\n\n" +
		"*Esker \\#Wire · saved Tue 4 Mar 2025 09:00*\n\n<https://example.org/a>\n\n" +
		"\\# not a heading\n\n\\- not a list\n\n1\\. not a list\n\nPlain text stays plain.\n\n" +
		"A \\<script\\>alert(1)\\</script\\> tag \\& an \\`inline\\` one, \\_under\\_ and \\~strike\\~.\n\nColour red here.\n\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	a.Format = model.TextMarkdown
	if got := Markdown(a, model.Body{Paragraphs: []string{"**bold** as the clipping wrote it"}}); !strings.Contains(got, "\n**bold** as the clipping wrote it\n") {
		t.Errorf("a clipping's Markdown was not kept:\n%s", got)
	}
	if got := Markdown(a, model.Body{}); !strings.Contains(got, "holds no text") {
		t.Errorf("a story without text:\n%s", got)
	}
}

// Dates says what the reading pane says, doubt about the save day included,
// so that an export and the pane never disagree.
func TestDates(t *testing.T) {
	a := article("Harbour pilots vote to strike", "Esker Wire", "2025-03-04")
	if got, want := Dates(a), "saved Tue 4 Mar 2025 09:00"; got != want {
		t.Errorf("saved only: %q, want %q", got, want)
	}
	a.SavedAtEstimate = true
	a.PublishedAt = model.MomentOf(time.Date(2025, 3, 3, 16, 0, 0, 0, time.UTC))
	a.PublishedPrecision = model.PrecisionDay
	if got, want := Dates(a), "saved Tue 4 Mar 2025 · published about 3 Mar 2025"; got != want {
		t.Errorf("an estimated save and a day: %q, want %q", got, want)
	}
	a.PublishedAt = model.MomentOf(time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC))
	if got, want := Dates(a), "saved Tue 4 Mar 2025 (uncertain: the page is dated later) · published about 6 Mar 2025"; got != want {
		t.Errorf("a page dated after its save day: %q, want %q", got, want)
	}
	if got := Dates(&model.Article{}); got != "" {
		t.Errorf("no dates: %q", got)
	}
}
