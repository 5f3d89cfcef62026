package loader

import (
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"tidings/model"
)

func mustParse(t *testing.T, text string) *model.Dump {
	t.Helper()
	d, err := Parse("test.txt", []byte(text), SaveHints{FolderDate: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), Location: time.UTC})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d
}

func headlines(stories []*model.Story) []string {
	var out []string
	for _, s := range stories {
		out = append(out, s.Source()+" | "+s.Headline)
	}
	return out
}

func TestParseAge(t *testing.T) {
	cases := map[string]time.Duration{
		"a few seconds ago": 0,
		"a minute ago":      time.Minute,
		"29 minutes ago":    29 * time.Minute,
		"an hour ago":       time.Hour,
		"4 hours ago":       4 * time.Hour,
		"a day ago":         24 * time.Hour,
		"6 days ago":        6 * 24 * time.Hour,
	}
	saved := time.Date(2025, 3, 3, 12, 0, 0, 0, time.UTC)
	for in, want := range cases {
		got := parseAge(in)
		if got.kind != ageRelative || !got.before(saved).Equal(saved.Add(-want)) {
			t.Errorf("parseAge(%q) = %+v, want relative %v", in, got, want)
		}
	}
	for in, want := range map[string]time.Time{
		"a month ago":  time.Date(2025, 2, 3, 12, 0, 0, 0, time.UTC),
		"3 months ago": time.Date(2024, 12, 3, 12, 0, 0, 0, time.UTC),
		"2 years ago":  time.Date(2023, 3, 3, 12, 0, 0, 0, time.UTC),
	} {
		if got := parseAge(in).before(saved); !got.Equal(want) {
			t.Errorf("parseAge(%q) counts back to %v, want %v", in, got, want)
		}
	}
	if got := parseAge("28-07-2025"); got.kind != ageDate || !got.date.Equal(time.Date(2025, 7, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("parseAge(date) = %+v", got)
	}
	for _, bad := range []string{"", "yesterday", "31-02-2025", "ago", "many hours ago", "3 fortnights ago"} {
		if got := parseAge(bad); got.kind != ageNone {
			t.Errorf("parseAge(%q) = %+v, want none", bad, got)
		}
	}
}

func TestSplitGluedAge(t *testing.T) {
	cases := []struct{ in, name, age string }{
		{"Coastline Wire3 hours ago", "Coastline Wire", "3 hours ago"},
		{"Wire2408-05-2025", "Wire24", "08-05-2025"},
		{"Valley Courieran hour ago", "Valley Courier", "an hour ago"},
		{"Valley Couriera day ago", "Valley Courier", "a day ago"},
		{"The Lanterna few seconds ago", "The Lantern", "a few seconds ago"},
		{"Wire243 hours ago", "Wire24", "3 hours ago"},
		{"Radio 429 minutes ago", "Radio 4", "29 minutes ago"},
		{"Wire2412 hours ago", "Wire24", "12 hours ago"},
	}
	for _, c := range cases {
		name, age, ok := splitGluedAge(c.in)
		if !ok || name != c.name || age != c.age {
			t.Errorf("splitGluedAge(%q) = %q, %q, %v; want %q, %q", c.in, name, age, ok, c.name, c.age)
		}
	}
	if _, _, ok := splitGluedAge("PORTMERE, March 3 (Coastline Wire) - The authority said"); ok {
		t.Error("a body line was taken for a source line")
	}
}

func TestCleanLine(t *testing.T) {
	cases := map[string]string{
		"plain text":                                       "plain text",
		"\x1b[31mred\x1b[0m text":                          "red text",
		"copy \x1b]52;c;aGVsbG8=\x07me":                    "copy me",
		"\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\": "link",
		"bell\x07 and back\x08space":                       "bell and backspace",
		"move\x1b[2J\x1b[Hcursor":                          "movecursor",
		"nul\x00byte":                                      "nulbyte",
		"bad \xff utf8":                                    "bad \uFFFD utf8",
		"tab\there":                                        "tab here",
		"c1 \u009b31m csi":                                 "c1 31m csi",
		"rtl \u202eevil":                                   "rtl evil",
		"  spaced  ":                                       "spaced",
	}
	for in, want := range cases {
		if got := CleanLine(in); got != want {
			t.Errorf("CleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}

const articlePage = `
Harbour authority approves night ferries
PORTMERE, March 3 (Coastline Wire) - The authority approved ferries.
The first crossings start in April.
- a bullet that is not a related anchor
Hashtags
Try Our AI Features
Explore what Daily8 AI can do for you:
Comments
No comments yet...
Related Articles
%s
Valley Courier
3 hours ago
- Valley Courier
Orchard growers count losses after frost
Growers said the frost hit late.%s
Northern Ledger
an hour ago
- Northern Ledger
Tram line extension opens on time
The first trams ran on time.`

func TestRelatedBlocksToleratesBlankLines(t *testing.T) {
	for blanks := 0; blanks <= 3; blanks++ {
		sep := strings.Repeat("\n", blanks)
		d := mustParse(t, strings.Replace(strings.Replace(articlePage, "%s", sep, 1), "%s", sep, 1))
		got := headlines(d.Related)
		want := []string{"Valley Courier | Orchard growers count losses after frost", "Northern Ledger | Tram line extension opens on time"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d blank lines: related = %q", blanks, got)
		}
		if d.Main.Source() != "Coastline Wire" || len(d.Main.Paragraphs()) != 3 {
			t.Errorf("%d blank lines: main = %+v", blanks, d.Main)
		}
		if d.Related[0].Age() != "3 hours ago" || d.Related[0].Paragraphs()[0] != "Growers said the frost hit late." {
			t.Errorf("%d blank lines: first related = %+v", blanks, d.Related[0])
		}
	}
}

func TestRelatedBlockWithoutAgeOrBody(t *testing.T) {
	d := mustParse(t, "Headline of the page here\nBody.\nRelated Articles\nValley Courier\n- Valley Courier\nNo age here at all\n\nNorthern Ledger\nan hour ago\n- Northern Ledger\nNo body here at all")
	got := headlines(d.Related)
	if len(got) != 2 || d.Related[0].Age() != "" || len(d.Related[1].Paragraphs()) != 0 {
		t.Fatalf("related = %q %+v", got, d.Related)
	}
}

func TestLiveBlogSplit(t *testing.T) {
	body := "The first trams ran on time this morning. Ana Ruiz3 March 2025 07:42 Crowds gathered at the depot. Ana Ruiz3 March 2025 07:15 Pictures: the opening ceremony Ana Ruiz3 March 2025 06:58"
	entries := splitLiveBlog(body)
	if len(entries) != 3 {
		t.Fatalf("entries = %+v", entries)
	}
	if entries[0].Author != "Ana Ruiz" || entries[0].Text != "The first trams ran on time this morning." ||
		!entries[0].Time.Equal(time.Date(2025, 3, 3, 7, 42, 0, 0, time.UTC)) {
		t.Errorf("first entry = %+v", entries[0])
	}
	if entries[2].Text != "Pictures: the opening ceremony" {
		t.Errorf("caption entry = %+v", entries[2])
	}
	for _, plain := range []string{"Key: value lines and 10:30 times are not entries.", "The council will meet on 3 March 2025 14:00 at the hall."} {
		if splitLiveBlog(plain) != nil {
			t.Errorf("ordinary text was split: %q", plain)
		}
	}
}

func TestLogoLayout(t *testing.T) {
	text := "logo\nHarbour authority approves night ferries\n\nHarbour authority approves night ferries\n\nCoastline Wire3 hours ago\nNews\nShow all 7\nPORTMERE, March 3 (Coastline Wire) - The authority said.\nOrange background\nTry Our AI Features\n\nComments\n\nRelated Articles\n\nOrchard growers count losses after frost\nOrchard growers count losses after frost\n\nValley Courier\n\ntime3 hours ago\n\n  • Farming\n  • Valley Courier\nOrchard growers count losses after frost\n\nGrowers said the frost.\n\nSecond story of the list\nSecond story of the list\n\nWire24\n\ntime08-05-2025\n\n  • Wire24\nSecond story of the list\n\nBody two."
	d := mustParse(t, text)
	if d.Layout != model.LayoutArticleLogo || d.Main.Source() != "Coastline Wire" || d.Main.Age() != "3 hours ago" {
		t.Fatalf("main = %+v", d.Main)
	}
	if len(d.Main.Paragraphs()) != 1 {
		t.Errorf("paragraphs = %q", d.Main.Paragraphs())
	}
	got := headlines(d.Related)
	if len(got) != 2 || got[0] != "Valley Courier | Orchard growers count losses after frost" || got[1] != "Wire24 | Second story of the list" {
		t.Errorf("related = %q", got)
	}
	if d.Related[1].Age() != "08-05-2025" || d.Related[1].Paragraphs()[0] != "Body two." {
		t.Errorf("second related = %+v", d.Related[1])
	}
}

func TestRejectsNonDumps(t *testing.T) {
	for name, text := range map[string]string{
		"empty":  "",
		"blank":  "\n\n  \n",
		"json":   `{"a": 1}`,
		"html":   "<!doctype html>\n<html></html>",
		"binary": "\x00\x01\x02\x03\x04\x05\x06\x07\x00\x00\x00\x00",
	} {
		if _, err := Parse(name, []byte(text), SaveHints{}); err == nil {
			t.Errorf("%s: parsed as a dump", name)
		}
	}
}

func TestSameStorySameID(t *testing.T) {
	main := mustParse(t, "Harbour authority approves night ferries\nThe authority said so, without a dateline.")
	related := mustParse(t, "Another page entirely here\nBody.\nRelated Articles\nCoastline Wire\n3 hours ago\n- Coastline Wire\nHarbour Authority approves night ferries\nThe authority said so.")
	if main.Main.ID != related.Related[0].ID {
		t.Errorf("ids differ: %s %s", main.Main.ID, related.Related[0].ID)
	}
	a := model.StoryID("Live updates", "Valley Courier", "x")
	b := model.StoryID("Live updates", "Northern Ledger", "x")
	if a == b {
		t.Error("generic headlines from two sources collide")
	}
}

func TestSplitLinesLoneCRIsALineEnd(t *testing.T) {
	got := splitLines("a\r\nb\rc\n\rd\r\r\ne\r")
	want := []string{"a", "b", "c", "", "d", "", "e", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("splitLines = %q, want %q", got, want)
	}
}

// TestParseCROnlyLineEndings: files from old Macs end lines with CR alone;
// they parse as the same page as LF and CRLF files (issue 9, item 14).
func TestParseCROnlyLineEndings(t *testing.T) {
	lf := strings.Replace(strings.Replace(articlePage, "%s", "\n", 1), "%s", "\n\n", 1)
	want := mustParse(t, lf)
	for name, text := range map[string]string{
		"CR":   strings.ReplaceAll(lf, "\n", "\r"),
		"CRLF": strings.ReplaceAll(lf, "\n", "\r\n"),
	} {
		got := mustParse(t, text)
		if got.Main.Headline != want.Main.Headline || len(got.Main.Paragraphs()) != len(want.Main.Paragraphs()) ||
			strings.Join(headlines(got.Related), "\n") != strings.Join(headlines(want.Related), "\n") {
			t.Errorf("%s endings: main %q (%d paragraphs), related %q", name, got.Main.Headline, len(got.Main.Paragraphs()), headlines(got.Related))
		}
	}
}

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xff, 0xfe}
	if bigEndian {
		out = []byte{0xfe, 0xff}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// TestParseUTF16WithBOM: Windows tools save UTF-16 with a byte-order mark;
// such a file is a dump like any other, not "binary content" (issue 9,
// item 16).
func TestParseUTF16WithBOM(t *testing.T) {
	text := "Ferry crossing 🚢 approved\r\nPORTMERE, March 3 (Coastline Wire) - The authority approved ferries.\r\nRelated Articles\r\nValley Courier\r\n3 hours ago\r\n- Valley Courier\r\nOrchard growers count losses\r\nGrowers said."
	for _, bigEndian := range []bool{false, true} {
		d, err := Parse("utf16.txt", utf16Bytes(text, bigEndian), SaveHints{Location: time.UTC})
		if err != nil {
			t.Fatalf("big endian %v: %v", bigEndian, err)
		}
		if d.Main.Headline != "Ferry crossing 🚢 approved" || d.Main.Source() != "Coastline Wire" ||
			len(d.Related) != 1 || d.Related[0].Headline != "Orchard growers count losses" {
			t.Errorf("big endian %v: main %+v, related %q", bigEndian, d.Main, headlines(d.Related))
		}
	}
	// A cut last code unit and a lone surrogate are replaced, not fatal.
	broken := append(utf16Bytes("Headline of a cut file\nBody text", false), 0x00, 0xd8, 'x') // lone high surrogate, then half a unit
	d, err := Parse("cut.txt", broken, SaveHints{Location: time.UTC})
	if err != nil {
		t.Fatalf("cut UTF-16: %v", err)
	}
	if d.Main.Headline != "Headline of a cut file" {
		t.Errorf("cut UTF-16: headline %q", d.Main.Headline)
	}
	// A binary file that happens to start like a UTF-16 BOM is still binary.
	noise := []byte{0xff, 0xfe}
	x := uint32(1)
	for range 4096 {
		x = x*1664525 + 1013904223
		noise = append(noise, byte(x>>24))
	}
	if _, err := Parse("noise.bin", noise, SaveHints{}); err == nil || !strings.Contains(err.Error(), "binary") {
		t.Errorf("noise after a UTF-16 BOM: %v", err)
	}
}

func TestParseIgnoresUTF8BOM(t *testing.T) {
	for _, text := range []string{"\ufeffA headline after a BOM\nBody.", "\ufeffA headline after a BOM\r\nBody.", "\ufeff\nA headline after a BOM\nBody."} {
		d := mustParse(t, text)
		if d.Main.Headline != "A headline after a BOM" {
			t.Errorf("%q: headline %q", text, d.Main.Headline)
		}
	}
}

// A hashtag listing's tag is the hashtag as the page writes it.
func TestListingTag(t *testing.T) {
	item := "\nFerry fares to rise\nFerry fares to rise\n\nEsker Wire\n\ntime2 hours ago\n\n  • Esker Wire\nFerry fares to rise\n\nFares rise in July.\n"
	for text, want := range map[string]string{
		"logo\n#\nLatest news with #TarrowFerry\n" + item: "#TarrowFerry",
		"logo\nLatest news with #Esker Cup\n" + item:      "#Esker Cup",
		"logo\n#\n" + item: "",
	} {
		d := mustParse(t, text)
		if d.Layout != model.LayoutListing || d.Tag != want || len(d.Related) != 1 {
			t.Errorf("%s, tag %q, %d stories; want a listing tagged %q with one story", d.Layout, d.Tag, len(d.Related), want)
		}
	}
	if d := mustParse(t, "Ferry fares to rise\nFares rise in July.\n"); d.Tag != "" {
		t.Errorf("an article tagged %q", d.Tag)
	}
}
