package dumpgen

// With Options.SiteLines, stories end the way real sites end them: with
// lines the site prints under every story (the archive teaches tidings
// that they are the site's), and now and then with a background paragraph
// of wire copy that many outlets repeat word for word, which is long and
// must stay the story's.

// siteLineFormats are what a site prints under its stories, its name at
// %s; none uses the words of the furniture tidings knows by class.
var siteLineFormats = [...]struct{ before, after string }{
	{"Tips go to the ", " desk at any hour, day or night."},
	{"", " is an independent newsroom funded by its readers."},
}

// WireParagraphs are background paragraphs that agencies repeat word for
// word under stories of every outlet; each is longer than a site line.
var WireParagraphs = []string{
	"The coastal authority, formed in 1911 from four harbour boards, runs the ports of the region and employs some 1,200 people, most of them in its dredging, pilotage and maintenance crews, which are kept on call through the winter.",
	"Inflation in the region has slowed for five months in a row after peaking in the spring, according to figures from the statistics office, though food and fuel prices remain well above where they stood two years ago.",
	"The island ferries carried almost two million passengers last year, a record, and the operator has said it will need at least three new vessels before the end of the decade to keep up with demand from residents and visitors.",
	"Under the rules agreed by the regional assembly in 2019, any plan that changes the use of protected coastal land must be published for eight weeks of public comment before councillors are allowed to vote on it.",
}

// SiteLinesOf are the lines a source prints under its stories when
// Options.SiteLines is set.
func SiteLinesOf(source string) []string {
	out := make([]string, len(siteLineFormats))
	for i, f := range siteLineFormats {
		out[i] = f.before + source + f.after
	}
	return out
}

// siteLines appends, after a story's text, a wire paragraph now and then,
// and its source's site lines, each in most stories.
func (g *textGen) siteLines(b []byte, s *story) []byte {
	r := g.r
	if r.IntN(100) < 12 {
		b = append(b, '\n')
		b = append(b, WireParagraphs[r.IntN(len(WireParagraphs))]...)
	}
	src := outlets[s.source].name
	for i, f := range siteLineFormats {
		if r.IntN(100) < 70-30*i {
			b = append(b, '\n')
			b = append(b, f.before...)
			b = append(b, src...)
			b = append(b, f.after...)
		}
	}
	return b
}
