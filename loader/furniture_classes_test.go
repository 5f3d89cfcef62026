package loader

import (
	"strings"
	"testing"
)

// The sentences of the article around the furniture; they must stay.
const (
	before = "The ferry will run twice a week."
	after  = "Fares stay the same for the summer."
)

// checkSentenceFurniture puts each variant, a whole sentence of furniture,
// where pages put it: alone on a line, opening a paragraph, ending one,
// glued to the sentence before it without a space, and (for classes whose
// words are matched in any case) in capitals and in lower case. Each time
// the article's sentences stay, and what was cut is recorded with its class.
func checkSentenceFurniture(t *testing.T, class string, anyCase bool, variants []string) {
	t.Helper()
	if len(variants) < 10 {
		t.Fatalf("%s: %d variants, want at least ten", class, len(variants))
	}
	for _, v := range variants {
		forms := []string{v}
		if anyCase {
			forms = append(forms, strings.ToUpper(v), strings.ToLower(v))
		}
		for _, f := range forms {
			sentence := f
			if !strings.ContainsAny(f[len(f)-1:], ".!?") {
				sentence = f + "."
			}
			for _, c := range []furnitureCase{
				{f, ""},
				{sentence + " " + after, after},
				{before + " " + f, before},
				{before + " " + sentence + " " + after + " " + f, before + " " + sentence + " " + after},
			} {
				var rec removals
				got := cleanFurniture(c.in, &rec)
				if got != c.want {
					t.Errorf("%s: %q\n got %q\nwant %q", class, c.in, got, c.want)
					continue
				}
				if len(rec) == 0 || rec[len(rec)-1].Class != class {
					t.Errorf("%s: %q recorded %+v", class, c.in, rec)
				}
			}
		}
	}
}

func TestFurnitureClassPaywall(t *testing.T) {
	checkSentenceFurniture(t, classPaywall, true, []string{
		"Subscribe today for unlimited access.",
		"Subscribe now to keep reading",
		"Register for free to keep reading.",
		"Start your free trial today.",
		"Claim your 14-day free trial now",
		"Try it free for 30 days.",
		"Already a subscriber? Log in.",
		"Already have an account? Sign in here",
		"This article is exclusive to subscribers.",
		"This story is for premium members only.",
		"You've read 3 of your 5 free articles this month.",
		"You have reached your limit of free stories",
		"Unlock full digital access for £1 a week.",
		"Get unlimited access to the Portmere Gazette.",
		"Create a free account to continue reading.",
		"To continue reading, subscribe.",
		"Become a subscriber today!",
		"Subscriber-only article",
		"Want to keep reading? Subscribe now.",
	})
}

func TestFurnitureClassButtons(t *testing.T) {
	checkSentenceFurniture(t, classButtons, true, []string{
		"View Comments (12)",
		"Show all 40 comments",
		"Jump to comments",
		"Comments (3)",
		"12 comments",
		"Share this article",
		"Share on WhatsApp.",
		"Share via e-mail",
		"Email this story to a friend",
		"Print this page",
		"Save for later",
		"Copy link to story",
		"Copy the Article Link",
		"Link copied to clipboard!",
		"Leave a comment",
		"Join the conversation",
		"Follow us on Instagram",
		"Gift this article",
		"Tweet this",
	})
}

func TestFurnitureClassNewsletter(t *testing.T) {
	checkSentenceFurniture(t, classNewsletter, true, []string{
		"Get the Morning Brief in your inbox.",
		"Sign up for our daily newsletter.",
		"Sign up to the Harbour Briefing",
		"Enter your email address",
		"Your email address",
		"Sign up",
		"Thank you for signing up!",
		"Thanks for subscribing.",
		"By signing up, you agree to our Terms of Use and Privacy Policy.",
		"Terms of Use | Newsletters",
		"Privacy Policy · Cookie Policy",
		"Want the best of the Gazette in your inbox?",
		"You're now subscribed to Harbour Notes.",
		"Subscribe to our weekly newsletter for more.",
	})
}

func TestFurnitureClassAdChoices(t *testing.T) {
	checkSentenceFurniture(t, classAdChoices, true, []string{
		"Hear more about your privacy options at podcastco.example/privacy.",
		"Learn more about your ad choices.",
		"Visit megaphone.example/adchoices",
		"See omnystudio.example/listener for privacy information.",
		"For privacy information, see acast.example/privacy.",
		"Find out more about your data choices at example.org",
		"Listen on Apple Podcasts",
		"Subscribe wherever you get your podcasts.",
		"Follow the show on Spotify.",
		"Listen to this article (4 min)",
		"5 min listen",
		"This episode is brought to you by Harbour Mutual.",
	})
}

func TestFurnitureClassAffiliate(t *testing.T) {
	checkSentenceFurniture(t, classAffiliate, true, []string{
		"We may earn a commission when you buy through links on our site.",
		"This article contains affiliate links.",
		"Some links in this article are affiliate links",
		"If you buy something through our links, we may earn a commission.",
		"When you purchase through links on our site, we may earn an affiliate commission.",
		"As an Amazon Associate we earn from qualifying purchases.",
		"Our writers choose products independently; we may receive a share of sales.",
		"The links in this guide are affiliate links.",
		"Links on this page may earn us a commission.",
		"We are paid a fee if you buy through these links.",
		"You may find affiliate links in this guide",
	})
}

func TestFurnitureClassPromotionSentences(t *testing.T) {
	checkSentenceFurniture(t, classPromotion, true, []string{
		"Read more",
		"Read more ›",
		"Read more »",
		"Read the full story here",
		"Read the full article",
		"See more",
		"Click here to read more",
		"Continue reading",
		"Keep reading →",
		"More stories from Tarrow",
		"Read next",
	})
}

func TestFurnitureClassPromotionLabels(t *testing.T) {
	labels := []string{
		"READ MORE: Tarrow ferry fares to rise in April",
		"Read more: Dunmarrow pier lights back on",
		"MORE FROM THE GAZETTE: Pier lights back on",
		"Also read: Lifeboat crew honoured for storm rescue",
		"You may also like: Kelloway tram stop renamed",
		"Don't miss: Regatta moves to August",
		"Related: Harbour wall repairs start",
		"Read more on this story: Gull Steps closed",
		"Most popular: Night ferry returns",
		"WATCH: Lifeboat launch at dawn",
		"Recommended: Ferry timetable for the summer",
	}
	for _, l := range labels {
		for _, c := range []furnitureCase{
			{l, ""},
			{before + " " + l, before},
			{before + " " + l + " " + "The council said repairs cost less.", before + " The council said repairs cost less."},
			{before + " | " + l, before},
		} {
			var rec removals
			if got := cleanFurniture(c.in, &rec); got != c.want {
				t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
			} else if len(rec) != 1 || rec[0].Class != classPromotion {
				t.Errorf("%q recorded %+v", c.in, rec)
			}
		}
	}
}

func TestFurnitureClassLinkLabels(t *testing.T) {
	labels := []string{
		"opens in new tab", "opens in a new tab", "Opens in a new window", "opens new window", "opens a new tab",
		"open in new tab", "opens in new browser window", "OPENS IN NEW TAB", "link opens in new window", "opens new tab",
	}
	for _, lab := range labels {
		for _, c := range []furnitureCase{
			{lab, ""},
			{"Shares of Example Mills (EXM.L), " + lab + ", rose 4% on Monday.", "Shares of Example Mills (EXM.L) rose 4% on Monday."},
			{"The figures are in the council's budget, " + lab, "The figures are in the council's budget"},
			{"The figures are in the council's budget, " + lab + ".", "The figures are in the council's budget."},
			{"Read the minutes (" + lab + ") before the meeting.", "Read the minutes before the meeting."},
			{"The report - " + lab + " - runs to 80 pages.", "The report runs to 80 pages."},
			{"The report (" + lab + ")", "The report"},
		} {
			var rec removals
			if got := cleanFurniture(c.in, &rec); got != c.want {
				t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
			} else if len(rec) != 1 || rec[0].Class != classLinkLabel {
				t.Errorf("%q recorded %+v", c.in, rec)
			}
		}
	}
}

func TestFurnitureClassAdMarkers(t *testing.T) {
	glued := []string{"advertisement", "Advertisement", "ADVERTISEMENT", "sponsored", "Sponsored", "SPONSORED",
		"advertising", "Sponsored content", "promoted", "paid content", "partner content", "advert"}
	for _, m := range glued {
		for _, c := range []furnitureCase{
			{m, ""},
			{"The boat is due on Friday, he said." + m + "The council met at noon.", "The boat is due on Friday, he said. The council met at noon."},
			{"“The boat is due,” he said.”" + m + "The council met.", "“The boat is due,” he said.” The council met."},
			{"The boat is due on Friday!" + m + "The council met.", "The boat is due on Friday! The council met."},
			{m + "The council met at noon.", "The council met at noon."},
			{"The council met at noon." + m, "The council met at noon."},
			{"The council met at noon. " + m, "The council met at noon."},
			{m + ": The council met at noon.", "The council met at noon."},
		} {
			var rec removals
			if got := cleanFurniture(c.in, &rec); got != c.want {
				t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
			} else if len(rec) != 1 || rec[0].Class != classAdMarker {
				t.Errorf("%q recorded %+v", c.in, rec)
			}
		}
	}
	checkSentenceFurniture(t, classAdMarker, true, []string{
		"Advertisement", "Sponsored", "Advertising", "Ad", "Paid content", "Promoted", "Advertising feature",
		"Story continues below advertisement", "Article continues after this ad", "Content continues below advert",
		"Partner content",
	})
	for _, kept := range []string{
		"The advertisement campaign cost £2m.", "A sponsored walk raised £500.", "He saw the advertisementThat was it.",
		"The club was promoted.", "the team were promoted", "Advertising revenue fell.", "ADVERTISING REVENUE FELL",
		"Sponsored by the council, the walk raised £500.", "Ad hoc meetings will continue.",
	} {
		if got := stripFurniture(kept); got != kept {
			t.Errorf("%q became %q", kept, got)
		}
	}
}

func TestFurnitureClassCaptions(t *testing.T) {
	for _, c := range []furnitureCase{
		{"Picture: Volunteers on the river bank at dawn…", ""},
		{"Photo: Lifeboat crew at the slipway", ""},
		{"Caption: The new ferry leaves Portmere", ""},
		{"Picture: Volunteers on the river bank. " + after, after},
		{"Volunteers clear the bank | Photo: Jane Doe/Coast Pictures", ""},
		{"Volunteers clear the bank| Photo: Jane Doe", ""},
		{"Volunteers clear the bank |Photo: Jane Doe", ""},
		{before + " Volunteers clear the bank | Photo: Jane Doe", before},
		{before + " (Photo by Jane Doe)", before},
		{"The pier lights came on (Photo by Jane Doe) at dusk.", "The pier lights came on at dusk."},
		{"Photo by Jane Doe/Esker Wire", ""},
		{before + " Photo by Jane Doe/Esker Wire", before},
		{"Image courtesy of Tarrow Council", ""},
		{before + " Image courtesy of Tarrow Council.", before},
		{"Photograph: Esker Wire", ""},
		{before + " Photo credit: Jane Doe", before},
		{"Credit: Tomas Reyes/Esker Wire", ""},
		{"(Picture: Jane Doe/Coast Pictures)", ""},
		{before + " Volunteers launch the boat Video: Sam Ray", before},
		{"Image source: Tarrow Council", ""},
	} {
		var rec removals
		if got := cleanFurniture(c.in, &rec); got != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
		} else if len(rec) == 0 || rec[0].Class != classCaption {
			t.Errorf("%q recorded %+v", c.in, rec)
		}
	}
}

// Sentences that use the words furniture is made of are text.
func TestFurnitureClassesKeepText(t *testing.T) {
	for _, l := range []string{
		"Register for the regatta at the harbour office.",
		"Become a member of the rowing club by writing to the secretary.",
		"Members voted to accept the offer.",
		"Premium bonds are popular in Tarrow.",
		"Follow the signs to the ferry.",
		"Print works reopen in June.",
		"Save the pier campaign raised £5,000.",
		"Send help, the mayor said.",
		"Email Dr Osei at the clinic.",
		"Listen to the sea at dawn.",
		"The privacy policy of the council changed.",
		"Thanks for coming, she said.",
		"Enter the castle by the east gate.",
		"By signing up early, residents save £5.",
		"Get well soon, the card said.",
		"You have reached the end of the line, the guard said.",
		"Photos from the regatta are on page 4.",
		"The photo by the harbour won a prize.",
		"More than 200 people applied: the hall was full.",
		"Watch the tide, the harbour master warned.",
		"The museum opens in a new building in May.",
		"It opens, new timetables say, at nine.",
		"Join us for the regatta this month.",
		"Start the engines, the captain said.",
		"Try the new bakery on Quay Street.",
		"This story is about the harbour's members.",
		"Read the minutes before the meeting.",
		"The commission we set up will report in May.",
		"Sign the petition at the library.",
		"Subscribers to the ferry pass pay £5 a month.",
	} {
		if got := stripFurniture(l); got != l {
			t.Errorf("stripFurniture(%q) = %q, want it unchanged", l, got)
		}
	}
}

// A page whose whole text is furniture of any class has no paragraphs.
func TestWholeTextOfFurnitureIsNoText(t *testing.T) {
	for _, body := range [][]string{
		{"Subscribe today for unlimited access", "Already a subscriber? Log in", "View Comments (12)"},
		{"Get the Morning Brief in your inbox", "Enter your email address", "Sign up", "Terms of Use | Newsletters"},
		{"Hear more about your privacy options at podcastco.example/privacy.", "Listen on Apple Podcasts"},
		{"Picture: Volunteers on the river bank…", "Photo by Jane Doe/Esker Wire"},
		{"ADVERTISEMENT", "Story continues below advertisement", "Copy the Article Link"},
		{"We may earn a commission when you buy through links on our site.", "Read more ›"},
	} {
		d := mustParse(t, "Ferry fares to rise in April\n"+strings.Join(body, "\n")+"\nHashtags\nRelated Articles\n")
		if d.Main == nil || len(d.Main.Paragraphs()) != 0 {
			t.Errorf("%q: paragraphs %q, want none", body, d.Main.Paragraphs())
		}
	}
}

// The furniture patterns are compiled when first asked; every one of them
// must compile, not only those a test's sentences reach.
func TestEveryFurniturePatternCompiles(t *testing.T) {
	n := len(furnitureByPrice)
	for _, k := range furnitureByPrice {
		k.re()
	}
	for _, ks := range furnitureByWord {
		for _, k := range ks {
			k.re()
			n++
		}
	}
	if n < 40 {
		t.Fatalf("only %d patterns", n)
	}
}
