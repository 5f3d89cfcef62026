package loader

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tidings/model"
)

// parseFixture parses a file of testdata/formats as a load would.
func parseFixture(t *testing.T, rel string) *model.Dump {
	t.Helper()
	path := filepath.Join("..", "testdata", "formats", rel)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	hints := SaveHints{FolderDate: folderDate(path), ModTime: time.Date(2025, 3, 5, 8, 0, 0, 0, time.UTC), Location: time.UTC}
	d, err := Parse(path, data, hints)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return d
}

func storiesOf(d *model.Dump) []*model.Story {
	if d.Main != nil {
		return append([]*model.Story{d.Main}, d.Related...)
	}
	return d.Related
}

type wantStory struct {
	headline, source, author, url string
	published                     string // RFC 3339, "" for none
	paragraphs                    int
	first                         string // the first paragraph's opening
}

// TestEveryFormatFixture reads each invented file of testdata/formats: its
// detected format and layout, and each story's fields.
func TestEveryFormatFixture(t *testing.T) {
	for _, c := range []struct {
		file, format string
		layout       model.Layout
		text         model.TextFormat
		want         []wantStory
	}{
		{"2025-03-03/obsidian_web_clipper.md", "markdown", model.LayoutClipping, model.TextMarkdown, []wantStory{
			{"Tidal turbines to power Kelloway Bay's new terminal", "coastlinewire.example", "Mara Lindqvist", "https://www.coastlinewire.example/energy/tidal-turbines-kelloway", "2025-03-02T00:00:00Z", 5, "Two tidal turbines anchored off **Kelloway Bay**"}}},
		{"2025-03-03/markdownload.md", "markdown", model.LayoutClipping, model.TextMarkdown, []wantStory{
			{"Orchard growers count losses after frost", "valleycourier.example", "Ines Calloway", "https://valleycourier.example/2025/03/03/orchard-frost/", "", 4, "Growers in the upper valley"}}},
		{"2025-03-03/readlater_export.markdown", "markdown", model.LayoutClipping, model.TextMarkdown, []wantStory{
			{"Saltbridge library extends opening hours", "Saltbridge Herald", "", "https://saltbridgeherald.example/news/library-hours", "2025-03-02T17:05:00Z", 2, "The central library"}}},
		{"2025-03-03/esker_wire_wordpress.xml", "rss", model.LayoutCollection, model.TextPlain, []wantStory{
			{"Portmere council approves new lifeboat station", "Esker Wire – Coast", "Tomas Whitlow", "https://eskerwire.example/coast/2025/03/03/portmere-lifeboat-station/", "2025-03-03T09:41:00Z", 4, "PORTMERE, March 3 (Esker Wire) – Portmere city council"},
			{"Dunmarrow pier reopens after repairs", "Esker Wire – Coast", "Ana Ruiz", "https://eskerwire.example/coast/2025/03/02/dunmarrow-pier/", "2025-03-02T16:20:00Z", 2, "The pier at Dunmarrow reopened on Sunday after six weeks of repairs to its storm-damaged decking."}}},
		{"2025-03-03/harbour_fm_handrolled.rss", "rss", model.LayoutCollection, model.TextPlain, []wantStory{
			{"Café owners welcome ferry timetable & new stop", "Harbour FM News", "Priya Okonedo", "http://harbourfm.example/news/1201", "2025-03-03T08:05:00Z", 2, "Café owners on the quay said the new timetable would bring more trade."},
			{"Road closed at Gull Steps", "Harbour FM News", "", "http://harbourfm.example/news/1202", "2025-03-03T07:30:00Z", 1, "The coast road is closed"},
			{"Weather: gales expected along the coast from Tuesday night, with gusts of up to…", "Harbour FM News", "", "http://harbourfm.example/news/1203", "2025-03-04T06:00:00Z", 1, "Weather: gales"}}},
		{"2025-03-03/valley_courier.rdf", "rdf", model.LayoutCollection, model.TextPlain, []wantStory{
			{"Orchard growers count losses after frost", "Valley Courier", "Ines Calloway", "https://valleycourier.example/2025/03/03/orchard-frost/", "2025-03-03T06:12:00+01:00", 1, "Growers in the upper valley"},
			{"Bus route 14 to run on Sundays", "Valley Courier", "", "https://valleycourier.example/2025/03/03/bus-route/", "2025-03-03T10:00:00Z", 3, "Route 14 will run on Sundays from April."}}},
		{"2025-03-04/northern_ledger_hugo.atom", "atom", model.LayoutCollection, model.TextPlain, []wantStory{
			{"Tram line extension: first trams run on time", "Northern Ledger", "Ana Ruiz", "https://northernledger.example/2025/03/tram-extension/", "2025-03-04T07:15:00Z", 2, "The first trams"},
			{"Council publishes winter gritting report", "Northern Ledger", "", "https://northernledger.example/2025/03/gritting/", "2025-03-03T18:00:00Z", 2, "The council spread 4,000 tonnes of grit this winter, a third more"}}},
		{"2025-03-04/saltbridge_herald.json", "jsonfeed", model.LayoutCollection, model.TextPlain, []wantStory{
			{"Saltbridge library extends opening hours", "Saltbridge Herald", "Lena Marsh", "https://saltbridgeherald.example/news/library-hours", "2025-03-02T17:05:00Z", 3, "The central library"},
			{"Estuary bird count finds more avocets", "Saltbridge Herald", "Joel Fairweather", "https://saltbridgeherald.example/news/estuary-count", "2025-03-04T06:30:00Z", 2, "Volunteers counted 212 avocets"}}},
		{"2025-03-04/kelloway_gazette_saved.html", "html", model.LayoutClipping, model.TextPlain, []wantStory{
			{"Harbour authority approves night ferries", "Kelloway Gazette", "Rhiannon Vell", "https://kellowaygazette.example/news/2025/03/04/night-ferries-approved", "2025-03-04T06:45:00Z", -1, "The harbour authority approved a night ferry service"}}},
		{"2025-03-04/singlefile_save.htm", "html", model.LayoutClipping, model.TextPlain, []wantStory{
			{"Council publishes winter gritting report", "Northern Ledger", "", "https://northernledger.example/2025/03/gritting/", "", -1, "The council spread 4,000 tonnes"}}},
		{"2025-03-04/tidewatch_newsletter.eml", "eml", model.LayoutClipping, model.TextPlain, []wantStory{
			{"Avocets return in record numbers 🐦", "Tidewatch – Estuary Notes", "", "", "2025-03-04T07:00:05Z", 4, "The week on the estuary"}}},
		{"2025-03-03/quayside_digest_latin1.eml", "eml", model.LayoutClipping, model.TextPlain, []wantStory{
			{"Quayside digest: café licences renewed", "Quayside Traders' Digest", "", "", "2025-03-03T18:30:00Z", 2, "All six cafés on the quay have had their licences renewed for the season, the harbour office said."}}},
		{"2025-03-04/briefings.mbox", "mbox", model.LayoutCollection, model.TextPlain, []wantStory{
			{"Ferry timetable changes from Monday", "Harbour FM Bulletins", "", "", "2025-03-02T19:00:00Z", 2, "The early ferry"},
			{"Spring fair stalls: bookings open", "Ombry Valley Cider Club", "", "", "2025-03-03T08:15:00+01:00", 1, "Stall bookings for the spring fair on April 12 are open. From now until March 20 members book first."},
			{"Morning briefing: night ferries approved", "news@kellowaygazette.example", "", "", "2025-03-04T06:00:00Z", 2, "The harbour authority"}}},
		{"Maildir/cur/1741071600.M1P4242.home,S=812:2,S", "maildir", model.LayoutClipping, model.TextPlain, []wantStory{
			{"Lifeboat station: what the plans show", "Portmere Post", "", "", "2025-03-03T20:10:00Z", 2, "The plans for the new lifeboat station"}}},
		{"Maildir/new/1741078800.M2P4242.home", "maildir", model.LayoutClipping, model.TextPlain, []wantStory{
			{"Letters: the library's new hours", "Saltbridge Herald", "", "", "2025-03-04T09:00:00Z", 1, "Readers write"}}},
	} {
		t.Run(c.file, func(t *testing.T) {
			d := parseFixture(t, c.file)
			if d.Format != c.format || d.Layout != c.layout {
				t.Errorf("format %q layout %q, want %q %q", d.Format, d.Layout, c.format, c.layout)
			}
			got := storiesOf(d)
			if len(got) != len(c.want) {
				t.Fatalf("%d stories, want %d: %v", len(got), len(c.want), headlines(got))
			}
			for i, w := range c.want {
				s := got[i]
				published := ""
				if !s.PublishedAt.IsZero() {
					published = s.PublishedAt.Format(time.RFC3339)
				}
				if s.Headline != w.headline || s.Source() != w.source || s.Author() != w.author || s.URL() != w.url || published != w.published {
					t.Errorf("story %d:\n got %q [%q] by %q <%s> %s\nwant %q [%q] by %q <%s> %s", i,
						s.Headline, s.Source(), s.Author(), s.URL(), published, w.headline, w.source, w.author, w.url, w.published)
				}
				if w.paragraphs >= 0 && len(s.Paragraphs()) != w.paragraphs {
					t.Errorf("story %d: %d paragraphs, want %d: %q", i, len(s.Paragraphs()), w.paragraphs, s.Paragraphs())
				}
				if len(s.Paragraphs()) == 0 || !strings.HasPrefix(s.Paragraphs()[0], w.first) {
					t.Errorf("story %d opens %q, want %q", i, s.Paragraphs(), w.first)
				}
				if s.Format != c.text {
					t.Errorf("story %d: text format %q, want %q", i, s.Format, c.text)
				}
				if s.ID != model.StoryID(s.Headline, s.Source(), s.Paragraphs()[0]) {
					t.Errorf("story %d: id %s is not StoryID's", i, s.ID)
				}
			}
		})
	}
}

// TestSavedPageWithoutFurniture: readability keeps the article's
// paragraphs and drops the cookie banner, navigation, share bar,
// newsletter box, comments, "most read" and footer; links are words.
func TestSavedPageWithoutFurniture(t *testing.T) {
	d := parseFixture(t, "2025-03-04/kelloway_gazette_saved.html")
	text := strings.Join(d.Main.Paragraphs(), "\n")
	for _, want := range []string{
		"The harbour authority approved a night ferry service between Portmere and Kelloway Bay on Tuesday",
		"“We will finally get home before breakfast,” said nurse Ada Pryce.",
		"The first night crossing is planned for the first week of June, subject to sea trials.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the article lacks %q:\n%s", want, text)
		}
	}
	for _, furniture := range []string{"cookie", "Accept all", "Subscribe", "Share on", "Copy link", "About time too", "Will bikes", "Most read", "All rights reserved", "Home", "<", "href"} {
		if strings.Contains(text, furniture) {
			t.Errorf("furniture %q kept:\n%s", furniture, text)
		}
	}
}

// TestNewsletterTakesTheHTMLPart: the HTML alternative (base64) is read
// over the text one, inline images and their cid: links leave no trace.
func TestNewsletterTakesTheHTMLPart(t *testing.T) {
	d := parseFixture(t, "2025-03-04/tidewatch_newsletter.eml")
	text := strings.Join(d.Main.Paragraphs(), "\n")
	for _, want := range []string{"The week on the estuary", "Bring binoculars — and read the guide first.", "Next week: the spring tides"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	// The footer's links are furniture: cut, and said by inspect.
	for _, not := range []string{"cid:", "PNG", "=E2", "THE WEEK ON THE ESTUARY", "td{", "View this email in your browser", "Unsubscribe"} {
		if strings.Contains(text, not) {
			t.Errorf("holds %q:\n%s", not, text)
		}
	}
	if len(d.Main.Removed()) != 2 || d.Main.Removed()[0].Class != classNewsletterFooter {
		t.Errorf("removed %v, want the two footer links", d.Main.Removed())
	}
}

// TestUnwantedMarkdownStaysSkipped: notes and READMEs are not clippings.
func TestUnwantedMarkdownStaysSkipped(t *testing.T) {
	for file, reason := range map[string]string{
		"2025-03-03/notes_only_tags.md": "not a dump: Markdown whose front matter names neither a title nor a URL",
		"2025-03-03/README.md":          "not a dump: looks like Markdown",
	} {
		path := filepath.Join("..", "testdata", "formats", file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(path, data, SaveHints{}); err == nil || err.Error() != reason {
			t.Errorf("%s: %v, want %q", file, err, reason)
		}
	}
}

// TestFilesOfManyStoriesTakeTheFilesDay: a feed's items are saved on its
// folder's day, or on its modification time's, whatever their dates.
func TestFilesOfManyStoriesTakeTheFilesDay(t *testing.T) {
	d := parseFixture(t, "2025-03-03/valley_courier.rdf")
	if d.Day != "2025-03-03" {
		t.Errorf("day %q, want the folder's", d.Day)
	}
	data, _ := os.ReadFile("../testdata/formats/2025-03-04/saltbridge_herald.json")
	mod := time.Date(2025, 3, 9, 10, 30, 0, 0, time.UTC)
	d, err := Parse("flat/feed.json", data, SaveHints{ModTime: mod, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if d.Day != "2025-03-09" || !d.SavedAt.Equal(mod) || d.SavedAtEstimate {
		t.Errorf("saved %v %q (estimate %v), want the modification time", d.SavedAt, d.Day, d.SavedAtEstimate)
	}
	// A clipping that says when it was clipped is saved then, when no
	// folder names a day.
	data, _ = os.ReadFile("../testdata/formats/2025-03-03/readlater_export.markdown")
	d, err = Parse("flat/clip.md", data, SaveHints{ModTime: mod, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if d.Day != "2025-03-03" || d.SavedAt.Format(time.RFC3339) != "2025-03-03T07:30:00Z" {
		t.Errorf("clipping saved %v %q, want its date_saved", d.SavedAt, d.Day)
	}
}

// TestFeedAndDumpAreOneStory: a feed item and a dump page of the same
// article merge: one story on both files, the fuller text (the feed's four
// paragraphs over the dump's three), the feed's exact time over the dump's
// day, the feed's URL; the feed's items are not linked to one another.
func TestFeedAndDumpAreOneStory(t *testing.T) {
	dumpData, err := os.ReadFile("../testdata/dumps/2025-03-03/article_basic.txt")
	if err != nil {
		t.Fatal(err)
	}
	dump, err := Parse("article_basic.txt", dumpData, SaveHints{FolderDate: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	feed := parseFixture(t, "2025-03-03/esker_wire_wordpress.xml")
	dump.Key, dump.Order = "/dumps/article_basic.txt", "1"
	feed.Key, feed.Order = "/feeds/esker_wire_wordpress.xml", "2"
	lib := model.NewLibrary()
	lib.Add(dump)
	lib.Add(feed)
	a := lib.ByID(dump.Main.ID)
	if a == nil || len(lib.Articles) != len(dump.Related)+1+1 {
		t.Fatalf("%d articles, want the dump's and one more from the feed", len(lib.Articles))
	}
	if len(a.Pages()) != 2 || a.Pages()[0].Path != "article_basic.txt" || !strings.HasSuffix(a.Pages()[1].Path, "esker_wire_wordpress.xml") {
		t.Errorf("pages %v, want the dump and the feed", a.Pages())
	}
	if len(a.Paragraphs()) != 4 || a.PublishedAt.Format(time.RFC3339) != "2025-03-03T09:41:00Z" {
		t.Errorf("%d paragraphs, published %v; want the feed's 4 and its 09:41", len(a.Paragraphs()), a.PublishedAt)
	}
	if a.URL() == "" || a.Source() != "Esker Wire – Coast" && a.Source() != "Esker Wire" {
		t.Errorf("url %q source %q", a.URL(), a.Source())
	}
	other := lib.ByID(feed.Related[1].ID)
	if len(a.Links()) != len(dump.Related) || len(other.Links()) != 0 {
		t.Errorf("a feed's items are linked: %d links (the dump's %d) / %v", len(a.Links()), len(dump.Related), other.Links())
	}
}

// TestBodyReadAgainFromEveryFormat: an article whose text was left on
// disk (as one read back from the cache) gets it again from its file,
// whatever the file's format.
func TestBodyReadAgainFromEveryFormat(t *testing.T) {
	formats := map[string]bool{}
	for _, res := range LoadAll(context.Background(), Source{Paths: []string{"../testdata/formats"}}, Options{Location: time.UTC}) {
		d, path := res.Dump, res.Path
		if d == nil {
			continue // the files that are skipped
		}
		formats[d.Format] = true
		lib := model.NewLibrary()
		lib.Dumps = Dumps{Location: time.UTC}
		lib.Add(d)
		for _, a := range lib.Articles {
			want := slices.Clone(a.Paragraphs())
			a.SetText(nil, a.Entries(), nil)
			a.TextOnDisk = true
			src := lib.BodyOf(a)
			body, err := src.Read()
			if err != nil || !slices.Equal(body.Paragraphs, want) {
				t.Errorf("%s: %s read again: %q, %v; want %q", path, a.Headline, body.Paragraphs, err, want)
			}
			if src.Format() != a.Format {
				t.Errorf("%s: format %q, want %q", path, src.Format(), a.Format)
			}
		}
	}
	for _, f := range []string{"markdown", "html", "rss", "rdf", "atom", "jsonfeed", "eml", "mbox", "maildir"} {
		if !formats[f] {
			t.Errorf("no fixture of format %s", f)
		}
	}
}
