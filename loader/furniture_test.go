package loader

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// furnitureCase is a line as a page may carry it and what should remain.
type furnitureCase struct{ in, want string }

func checkFurniture(t *testing.T, cases []furnitureCase) {
	t.Helper()
	for _, c := range cases {
		if got := stripFurniture(c.in); got != c.want {
			t.Errorf("stripFurniture(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestFurniturePaywall(t *testing.T) {
	checkFurniture(t, []furnitureCase{
		{"Subscribe today for unlimited access", ""},
		{"Subscribe now to keep reading every story from the coast.", ""},
		{"Start your free trial", ""},
		{"Start your 30-day free trial today.", ""},
		{"You can only trial once", ""},
		{"Already a subscriber? Log in", ""},
		{"This article is only available to subscribers.", ""},
		{"The ferry will run twice a week. Subscribe today for unlimited access", "The ferry will run twice a week."},
		{"Subscribe today for unlimited access. The ferry will run twice a week.", "The ferry will run twice a week."},
		{"Unlock unlimited access to the Portmere Gazette. You can only trial once.", ""},
		{"Sign up to our free morning newsletter for the day's top stories.", ""},
	})
}

func TestFurnitureCommentsAndSharing(t *testing.T) {
	checkFurniture(t, []furnitureCase{
		{"View Comments (12)", ""},
		{"View comments", ""},
		{"Comments (3)", ""},
		{"Share this article", ""},
		{"Share on WhatsApp", ""},
		{"Copy link to story", ""},
		{"Link copied to clipboard", ""},
		{"Share via Email", ""},
		{"Leave a comment", ""},
		{"The quay reopens on Friday. Share this article", "The quay reopens on Friday."},
		{"The quay reopens on Friday. View Comments (4)", "The quay reopens on Friday."},
		{"Share this article. Copy link to story. The quay reopens on Friday.", "The quay reopens on Friday."},
	})
}

func TestFurnitureLinkLabels(t *testing.T) {
	checkFurniture(t, []furnitureCase{
		{"(opens in a new window)", ""},
		{"Opens new tab", ""},
		{"The full report (opens in a new window) runs to 80 pages.", "The full report runs to 80 pages."},
		{"Read the harbour board's minutes (opens new tab).", "Read the harbour board's minutes."},
		{"The figures are in the council's budget, opens new tab", "The figures are in the council's budget"},
	})
}

func TestFurniturePromotions(t *testing.T) {
	checkFurniture(t, []furnitureCase{
		{"READ MORE: Tarrow ferry fares to rise in April", ""},
		{"RELATED: Lifeboat crew honoured for storm rescue", ""},
		{"MORE: Kelloway tram stop named after shipwright", ""},
		{"Read more: Dunmarrow pier lights back on", ""},
		{"Read next: Gull Steps closed until further notice", ""},
		{"The pier lights were switched on at dusk. READ MORE: Dunmarrow rowing club wins grant",
			"The pier lights were switched on at dusk."},
		// A body that lost its line breaks: the headline stops where the
		// next sentence of the article starts.
		{"The pier reopened. READ MORE: Rowing club wins council grant The council said repairs cost less than planned.",
			"The pier reopened. The council said repairs cost less than planned."},
		// Nothing tells where this headline ends: it stays rather than
		// take part of the next sentence with it.
		{"The pier reopened. READ MORE: Rowing club wins council grant Repairs cost less than planned.",
			"The pier reopened. READ MORE: Rowing club wins council grant Repairs cost less than planned."},
	})
}

func TestFurnitureCredits(t *testing.T) {
	checkFurniture(t, []furnitureCase{
		{"(Picture: Jane Doe/Coast Pictures)", ""},
		{"Photograph: Esker Wire", ""},
		{"Credit: Tomas Reyes/Esker Wire", ""},
		{"Lifeboat volunteers haul the boat up the slipway (Picture: Jane Doe/Coast Pictures)",
			"Lifeboat volunteers haul the boat up the slipway"},
		{"Lifeboat volunteers haul the boat up the slipway. Photograph: Esker Wire",
			"Lifeboat volunteers haul the boat up the slipway."},
		// "Caption | Credit: …" is a caption: it goes with its credit.
		{"Lifeboat volunteers at the slipway | Credit: Tomas Reyes", ""},
		{"The boat was launched at noon. Lifeboat volunteers at the slipway | Credit:", "The boat was launched at noon."},
		{"The crew trained on Sunday. Volunteers launch the new boat at dawn Video: Sam Ray",
			"The crew trained on Sunday."},
		{"Volunteers launch the new boat at dawn Video: Sam Ray", ""},
	})
}

func TestFurnitureShopButtons(t *testing.T) {
	checkFurniture(t, []furnitureCase{
		{"£12.50 Buy now", ""},
		{"$19 Shop", ""},
		{"€24,99 Buy now", ""},
		{"Buy now", ""},
		{"Buy now for £35 at Tarrow Woollens", ""},
		{"The wool comes from Tarrow sheep. £35 Buy now", "The wool comes from Tarrow sheep."},
		{"A lighthouse-keeper's jumper in Tarrow wool £35 Shop now", "A lighthouse-keeper's jumper in Tarrow wool"},
	})
}

func TestFurnitureAffiliateDisclaimers(t *testing.T) {
	checkFurniture(t, []furnitureCase{
		{"We may earn a commission when you buy through links on our site.", ""},
		{"This article contains affiliate links.", ""},
		{"The best rain jackets for the coast path. We may earn a commission when you buy through links in this article.",
			"The best rain jackets for the coast path."},
	})
}

func TestFurnitureGluedAdvertisement(t *testing.T) {
	checkFurniture(t, []furnitureCase{
		{"Work starts on the far side of the bridge.advertisement", "Work starts on the far side of the bridge."},
		{"advertisementThe minister said the work would take a year.", "The minister said the work would take a year."},
		{"Work starts on the far side of the bridge. Advertisement", "Work starts on the far side of the bridge."},
	})
}

// Sentences that only mention the words furniture is made of are text.
func TestFurnitureKeepsOrdinarySentences(t *testing.T) {
	for _, l := range []string{
		"The advertisement campaign cost £2m.",
		"The advertisement campaign cost £2m",
		"He shared the photo credit with her.",
		"Readers can subscribe to the newsletter at the library.",
		"Subscribers to the ferry pass pay £5 a month.",
		"Share prices in the harbour company fell.",
		"The council will buy now-empty shops on Quay Street.",
		"Comments from residents will be read at the meeting.",
		"She said the trial would start in June.",
		"The bakery sells a loaf for £2 and a cake for £12.50.",
		"Photo: the harbour at dawn, taken by a reader",
		"Pictures: the rowing club's wheelbarrow chain along the parade",
		"Date: Saturday 26 April",
		"Start: 19:30, Fenn Park",
		"PORTMERE, March 3 (Esker Wire) - The harbour authority approved night ferries.",
		"More than 200 people applied (see page 4).",
		"He paid for the advertisement",
		"Related projects include a new slipway.",
		"We may open the pier earlier, the council said.",
		"The museum opens in a new building in May.",
		"Copy editors at the Gazette voted to strike.",
		"Tickets: none needed",
		"Sign up sheets for the regatta are at the harbour office.",
		"Leave a light on for the ferry, the poster says.",
		"Buy local, the traders' association urged.",
		"Share this with your neighbours, the council said.",
	} {
		if got := stripFurniture(l); got != l {
			t.Errorf("stripFurniture(%q) = %q, want it unchanged", l, got)
		}
	}
}

func TestPaywalledPageHasNoParagraphs(t *testing.T) {
	d := mustParse(t, "Ferry fares to rise in April\nSubscribe today for unlimited access\nStart your free trial\nYou can only trial once\nHashtags\nComments\nNo comments yet...\nRelated Articles\n")
	if d.Main == nil || len(d.Main.Paragraphs()) != 0 {
		t.Fatalf("paragraphs %q, want none", d.Main.Paragraphs())
	}
}

func TestFurnitureInParagraphsAndEntries(t *testing.T) {
	d := mustParse(t, strings.Join([]string{
		"Pier lights switched back on",
		"DUNMARROW, March 3 (Esker Wire) - The pier lights came back on at dusk (Picture: Jane Doe/Coast Pictures).",
		"Share this article",
		"READ MORE: Dunmarrow rowing club wins council grant",
		"The repairs cost less than planned.advertisement",
		"Related Articles",
		"",
		"Harbour FM News",
		"3 hours ago",
		"- Harbour FM News",
		"Storm clean-up: live updates",
		"Volunteers cleared the parade. Share this article Nadia Fenwick3 March 2025 12:45 The bakery is handing out coffee. Jonas Abara3 March 2025 11:30",
	}, "\n"))
	want := []string{
		"DUNMARROW, March 3 (Esker Wire) - The pier lights came back on at dusk.",
		"The repairs cost less than planned.",
	}
	if got := d.Main.Paragraphs(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs %q, want %q", got, want)
	}
	entries := d.Related[0].Entries()
	if len(entries) != 2 || entries[0].Text != "Volunteers cleared the parade." {
		t.Errorf("entries %+v", entries)
	}
}

// FuzzStripFurniture: any line, however odd, comes back no longer than it
// went in, as valid UTF-8 when it was, and nothing panics.
func FuzzStripFurniture(f *testing.F) {
	for _, s := range []string{
		"Subscribe today for unlimited access", "View Comments (12)", "(opens in a new window)",
		"The pier reopened. READ MORE: Rowing club wins council grant The council said so.",
		"Boats at dawn | Credit:", "Crowds at dawn Video: Sam Ray", "£12.50 Buy now", "bridge.advertisement",
		"advertisementThe minister", "We may earn a commission.", "x (Picture: A/B", ": :( (( )) |:",
		"Read more:", "Photograph:", "a.advertisement", "“Quote.” Share this article",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		out := stripFurniture(line)
		if len(out) > len(line) {
			t.Fatalf("%q grew to %q", line, out)
		}
		if utf8.ValidString(line) && !utf8.ValidString(out) {
			t.Fatalf("%q became invalid UTF-8: %q", line, out)
		}
	})
}

func TestFurnitureGluedAdvertisementInsideALine(t *testing.T) {
	for in, want := range map[string]string{
		"A vote at the station.advertisementThe boat is due on Friday.": "A vote at the station. The boat is due on Friday.",
		"It rained.AdvertisementThen it stopped.":                       "It rained. Then it stopped.",
		"The advertisement campaign cost £2m.":                          "The advertisement campaign cost £2m.",
		"He saw the advertisementThat was it.":                          "He saw the advertisementThat was it.",
	} {
		if got := stripFurniture(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
