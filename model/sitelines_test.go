package model

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tidings/internal/codec"
)

// Headlines that share no word of four letters or more with one another.
var unrelatedHeadlines = []string{
	"Orchard growers count frost losses", "Quarry road resurfaced before winter", "Choir wins regional prize",
	"Lifeboat crew trains volunteers", "Bandstand roof repaired by carpenters", "Market stalls return downtown",
	"Library extends evening hours", "Tram depot gets solar panels", "Allotment plots double in size",
	"Swimming baths reopen after repairs",
}

const tipLine = "Tips go to the desk at any hour, day or night."

// own is a story's own paragraph, which no other story has.
func own(i int) string { return fmt.Sprintf("The story's own paragraph, number %d.", i) }

// sitePage is an article page of one story: its headline, source, day
// and paragraphs, n-th in walk order.
func sitePage(n int, source, day, headline string, paragraphs ...string) *Dump {
	key := fmt.Sprintf("/clips/%s/p%03d.txt", day, n)
	s := new(Story{ID: StoryID(headline, source, ""), Headline: headline, Text: &StoryText{Paragraphs: paragraphs}}.WithSource(source))
	return &Dump{FileRef: FileRef{Key: key, Path: key, Order: fmt.Sprintf("%03d", n), Stamp: Stamp{Size: 100}},
		Layout: LayoutArticle, SavedAt: saved, Day: day, Main: s}
}

func libraryOf(dumps ...*Dump) *Library {
	l := NewLibrary()
	for _, d := range dumps {
		l.Add(d)
	}
	return l
}

// shownText is what the reader shows of the article with the headline.
func shownText(t *testing.T, l *Library, headline, source string) (shown, hidden []string) {
	t.Helper()
	a := l.ByID(StoryID(headline, source, ""))
	if a == nil {
		t.Fatalf("no article %q", headline)
	}
	src := l.BodyOf(a)
	body, err := src.Read()
	if err != nil {
		t.Fatal(err)
	}
	b, hidden := src.WithoutSiteLines(body)
	return b.Paragraphs, hidden
}

// days alternates two save days, or keeps to one.
func days(i int, two bool) string {
	if two && i%2 == 1 {
		return "2025-07-29"
	}
	return "2025-07-28"
}

// A line in five unrelated stories of a source, over two days, is the
// site's; one story fewer, one day fewer, or a longer line is not; and
// each case holds in many variants of where the line is and how it is
// written.
func TestSiteLinesAreLearnedConservatively(t *testing.T) {
	long := "The port authority, founded in 1911, runs four harbours along the coast and employs some 1,200 people, most of them in the dredging, pilotage and maintenance crews it keeps on call."
	for _, c := range []struct {
		name    string
		stories int
		twoDays bool
		line    func(i int) string
		learned bool
	}{
		{"five stories, two days", 5, true, func(int) string { return tipLine }, true},
		{"ten stories, two days", 10, true, func(int) string { return tipLine }, true},
		{"four stories", 4, true, func(int) string { return tipLine }, false},
		{"five stories, one day", 5, false, func(int) string { return tipLine }, false},
		{"spaces at the ends", 6, true, func(i int) string { return strings.Repeat(" ", i%3) + tipLine + strings.Repeat(" ", i%2) }, true},
		{"other case in one", 5, true, func(i int) string {
			if i == 2 {
				return strings.ToUpper(tipLine)
			}
			return tipLine
		}, false},
		{"one word changed in one", 5, true, func(i int) string {
			if i == 4 {
				return strings.Replace(tipLine, "desk", "newsroom", 1)
			}
			return tipLine
		}, false},
		{"a long background paragraph (wire copy)", 10, true, func(int) string { return long }, false},
		{"thirty words", 6, true, func(int) string {
			return strings.TrimSuffix(strings.Repeat("Send word to us ", 8), " ") + " today, tomorrow"
		}, false},
		{"a one-word line", 6, true, func(int) string { return "Tipline." }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var dumps []*Dump
			for i := range c.stories {
				dumps = append(dumps, sitePage(i, "Esker Wire", days(i, c.twoDays), unrelatedHeadlines[i],
					"The story's own first paragraph, which is long enough to be nobody's furniture at all, number "+fmt.Sprint(i)+".",
					c.line(i)))
			}
			l := libraryOf(dumps...)
			if got := l.SiteLines().Len() > 0; got != c.learned {
				t.Fatalf("learned %v (%q), want %v", got, l.SiteLines().Lines(), c.learned)
			}
			shown, hidden := shownText(t, l, unrelatedHeadlines[0], "Esker Wire")
			if c.learned && (len(shown) != 1 || len(hidden) != 1) {
				t.Errorf("shown %q, hidden %q", shown, hidden)
			}
			if !c.learned && len(hidden) != 0 {
				t.Errorf("hidden %q", hidden)
			}
		})
	}
}

// An updated story keeps its paragraphs under a new headline, time after
// time and day after day: its short paragraphs are its own, not the
// site's, since its headlines name the same things (or the paragraphs
// name what the headline does).
func TestAnUpdatedStoryKeepsItsParagraphs(t *testing.T) {
	versions := []string{
		"Storm closes Tarrow harbour", "Tarrow harbour stays shut as storm lingers", "Storm damage counted in Tarrow",
		"Tarrow harbour to reopen after the storm", "Clean-up begins at Tarrow harbour", "Tarrow harbour reopens",
	}
	kept := []string{
		"Residents were told to stay indoors.",   // shares no word with any headline
		"The harbour master gave no date.",       // shares "harbour" with most
		"Ferries to the islands were cancelled.", // shares none
		"Coastguard crews stood by through the night.",
	}
	var dumps []*Dump
	for i, h := range versions {
		dumps = append(dumps, sitePage(i, "Esker Wire", days(i, true), h, kept...))
	}
	// The site's own line, under unrelated stories, is learned beside it.
	for i := range 5 {
		dumps = append(dumps, sitePage(10+i, "Esker Wire", days(i, true), unrelatedHeadlines[i], own(i), tipLine))
	}
	l := libraryOf(dumps...)
	if n := l.SiteLines().Len(); n != 1 {
		t.Fatalf("%d lines learned, want the tip line alone: %q", n, l.SiteLines().Lines())
	}
	for _, h := range versions {
		if shown, hidden := shownText(t, l, h, "Esker Wire"); len(hidden) != 0 || !slices.Equal(shown, kept) {
			t.Errorf("%q: shown %q, hidden %q", h, shown, hidden)
		}
	}
}

// Over three sources or more, a line is every site's: hidden in a fourth
// source's story too. In two sources, each with fewer than five stories,
// it is nobody's.
func TestSiteLinesOverSources(t *testing.T) {
	share := "Share your pictures with our readers by mail."
	build := func(fourth bool, sources ...string) *Library {
		var dumps []*Dump
		for i := range 6 {
			dumps = append(dumps, sitePage(i, sources[i%len(sources)], days(i, true), unrelatedHeadlines[i], own(i), share))
		}
		if fourth {
			dumps = append(dumps, sitePage(9, "Dunmarrow Mail", "2025-07-30", unrelatedHeadlines[9], own(9), share))
		}
		return libraryOf(dumps...)
	}
	l := build(true, "Esker Wire", "Harbour FM News", "Saltbridge Herald")
	if got := l.SiteLines().Lines(); len(got) != 1 || !strings.HasSuffix(got[0], " *") {
		t.Fatalf("over three sources: %q, want one line for every site", got)
	}
	if _, hidden := shownText(t, l, unrelatedHeadlines[9], "Dunmarrow Mail"); len(hidden) != 1 {
		t.Errorf("a fourth source's copy keeps the line: hidden %q", hidden)
	}
	if l := build(false, "Esker Wire", "Harbour FM News"); l.SiteLines().Len() != 0 {
		t.Errorf("two sources of three stories each: learned %q", l.SiteLines().Lines())
	}
}

// A learned line that names what a story's headline names is that
// story's own there, and stays.
func TestALearnedLineStaysUnderAHeadlineThatNamesIt(t *testing.T) {
	var dumps []*Dump
	for i := range 6 {
		dumps = append(dumps, sitePage(i, "Esker Wire", days(i, true), unrelatedHeadlines[i], own(i), tipLine))
	}
	dumps = append(dumps, sitePage(20, "Esker Wire", "2025-07-30", "Night desk tips: how the newsroom works", own(20), tipLine))
	l := libraryOf(dumps...)
	if l.SiteLines().Len() != 1 {
		t.Fatalf("learned %q", l.SiteLines().Lines())
	}
	if _, hidden := shownText(t, l, "Night desk tips: how the newsroom works", "Esker Wire"); len(hidden) != 0 {
		t.Errorf("hidden under a headline naming it: %q", hidden)
	}
}

// The lines learned are a function of the pages: removing a page that
// made a line the site's unlearns it, adding it back learns it again,
// and a library read back from its encoding (a warm start) goes on from
// the same counts as a cold load.
func TestSiteLinesFollowThePages(t *testing.T) {
	var dumps []*Dump
	for i := range 5 {
		dumps = append(dumps, sitePage(i, "Esker Wire", days(i, true), unrelatedHeadlines[i], own(i), tipLine))
	}
	l := libraryOf(dumps...)
	if l.SiteLines().Len() != 1 {
		t.Fatalf("learned %q", l.SiteLines().Lines())
	}
	l.Apply(Changes{Removed: []string{dumps[3].Key}})
	if l.SiteLines().Len() != 0 {
		t.Fatalf("four stories left, still learned %q", l.SiteLines().Lines())
	}
	l.Apply(Changes{Pages: []*Dump{dumps[3]}})
	if l.SiteLines().Len() != 1 {
		t.Fatal("added back, not learned again")
	}
	// A changed page whose line is gone unlearns it too.
	changed := *dumps[1]
	changed.Main = new(Story{ID: dumps[1].Main.ID, Headline: dumps[1].Main.Headline, Text: &StoryText{Paragraphs: []string{own(1)}}}.WithSource("Esker Wire"))
	l.Apply(Changes{Pages: []*Dump{&changed}})
	if l.SiteLines().Len() != 0 {
		t.Fatal("a page changed to drop the line left it learned")
	}
	l.Apply(Changes{Pages: []*Dump{dumps[1]}})

	warm := roundTrip(t, l)
	if !slices.Equal(warm.SiteLines().Lines(), l.SiteLines().Lines()) {
		t.Fatalf("read back: %q, want %q", warm.SiteLines().Lines(), l.SiteLines().Lines())
	}
	// The warm library takes a removal from the copies it reads back.
	warm.Apply(Changes{Removed: []string{dumps[0].Key}})
	cold := libraryOf(dumps[1:]...)
	if warm.SiteLines().Len() != 0 || cold.SiteLines().Len() != 0 {
		t.Errorf("after a removal: warm %q, cold %q", warm.SiteLines().Lines(), cold.SiteLines().Lines())
	}
	warm.Apply(Changes{Pages: []*Dump{dumps[0], sitePage(7, "Esker Wire", "2025-07-31", unrelatedHeadlines[7], tipLine)}})
	cold = libraryOf(append(slices.Clone(dumps), sitePage(7, "Esker Wire", "2025-07-31", unrelatedHeadlines[7], tipLine))...)
	if !slices.Equal(warm.SiteLines().Lines(), cold.SiteLines().Lines()) || cold.SiteLines().Len() != 1 {
		t.Errorf("warm %q, cold %q", warm.SiteLines().Lines(), cold.SiteLines().Lines())
	}
}

// roundTrip encodes a library as the cache does and reads it back as a
// warm start does, from the file's bytes as mapped: its copies and its
// site lines' counts left there until a change needs them.
func roundTrip(t *testing.T, l *Library) *Library {
	t.Helper()
	warm, _ := roundTripFile(t, l)
	return warm
}

// roundTripFile is roundTrip, and the file read back, which the library
// goes on reading (its copies, its counts).
func roundTripFile(t *testing.T, l *Library) (*Library, *snapshotFile) {
	t.Helper()
	copies, offsets := l.CopySections()
	f := &snapshotFile{data: sectionsOf(t, l.EncodeLibrary, copies, offsets)}
	var at [3]int64 // where each section's payload starts
	var readers [3]*codec.Reader
	for i, from := 0, int64(0); i < 3; i++ {
		sec, n, err := codec.MapSection(f.data, from, func(from, to int64) {})
		if err != nil {
			t.Fatal(err)
		}
		at[i], readers[i] = from+12, sec
		from += n
	}
	warm := DecodeLibrary(readers[0])
	if err := readers[0].Close(); err != nil {
		t.Fatal(err)
	}
	f.copiesAt = at[1]
	f.offsets = warm.DecodeCopyOffsets(readers[2], int64(readers[1].Size()))
	if err := readers[2].Close(); err != nil {
		t.Fatal(err)
	}
	warm.KeepCopiesIn(f)
	return warm, f
}

// sectionsOf writes sections to a file and reads the file back.
func sectionsOf(t *testing.T, bodies ...func(*codec.Writer)) []byte {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "sections"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, b := range bodies {
		if err := codec.WriteSection(f, b); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// snapshotFile is a file of sections as roundTrip wrote it, read as the
// cache reads its snapshot (see cache.storedCopies).
type snapshotFile struct {
	data     []byte
	copiesAt int64
	offsets  []uint32
}

func (f *snapshotFile) PageCopies(i int) ([]byte, error) {
	from, to := f.copiesAt+int64(f.offsets[i]), f.copiesAt+int64(f.offsets[i+1])
	if to > int64(len(f.data)) {
		return nil, io.ErrUnexpectedEOF // cut short
	}
	return f.data[from:to], nil
}

func (f *snapshotFile) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 || off > int64(len(f.data)) {
		return 0, io.EOF
	}
	n := copy(b, f.data[off:])
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}
