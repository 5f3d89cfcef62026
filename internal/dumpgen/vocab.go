package dumpgen

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The vocabulary is an invented language: English glue words (articles,
// prepositions, common verbs) around invented nouns, adjectives, places and
// surnames, so the text reads like news without copying any. It is built
// once from a fixed seed, independent of Options.Seed, so every seed writes
// in the same "language" and only the stories differ.

// outlet is a news source. Agencies appear in datelines of their own copy;
// a sign-off, when set, ends every body the outlet publishes.
type outlet struct {
	name    string
	agency  bool
	signoff string
}

var (
	nouns     []string // invented, lower case
	nounsPl   []string // plural of nouns[i]
	adjs      []string // invented, lower case
	places    []string // invented, title case, one or two words
	placesUp  []string // upper case for datelines
	surnames  []string
	outlets   []outlet
	outletCum []float64 // cumulative popularity for weighted picks
	topics    []string  // hashtag names, CamelCase without '#'

	// capitalised copies for sentence starts
	nounsCap, adjsCap []string
)

var firstNames = []string{
	"Ana", "Tomas", "Lena", "Marek", "Ines", "Jonas", "Clara", "Pavel", "Nora",
	"Elias", "Maja", "Oskar", "Vera", "Daniel", "Sofia", "Karim", "Lea", "Ivo",
	"Rosa", "Milan", "Alma", "Teo", "Hana", "Victor", "Elin", "Bruno", "Mira",
	"Felix", "Yara", "Adam", "Zoë", "Søren", "José", "Åsa", "Iñaki", "Chloé",
	"Björn", "Noémie", "Łukasz", "Dario", "Greta", "Omar", "Petra", "Sami",
	"Tilde", "Ruben", "Amara", "Nils", "Leona", "Kofi", "Esra", "Matteo",
	"Ilse", "Jun", "Priya", "Tobias", "Wanda", "Yusuf", "Edda", "Goran",
}

var (
	determiners   = []string{"the", "the", "the", "the", "a", "its", "their", "this", "that", "every", "one"}
	determinersPl = []string{"the", "the", "the", "their", "its", "some", "several", "many", "these", "two", "three"}
	prepositions  = []string{
		"in", "in", "on", "at", "for", "from", "with", "after", "before", "near",
		"over", "under", "across", "against", "during", "without", "about", "into",
		"toward", "behind", "beyond", "despite",
	}
	verbsPast = []string{
		"approved", "delayed", "rejected", "opened", "announced", "confirmed",
		"reported", "warned", "expected", "halted", "extended", "cut", "raised",
		"blocked", "named", "unveiled", "questioned", "sought", "won", "lost",
		"faced", "signed", "cleared", "backed", "launched", "closed", "ordered",
		"reviewed", "reached", "doubled", "postponed", "resumed", "suspended",
		"welcomed", "criticised", "defended", "restored", "moved", "dropped",
	}
	verbs3 = []string{
		"approves", "delays", "rejects", "opens", "announces", "confirms",
		"warns", "halts", "extends", "cuts", "raises", "blocks", "names",
		"unveils", "probes", "seeks", "wins", "loses", "faces", "signs", "clears",
		"backs", "launches", "closes", "orders", "reviews", "weighs", "doubles",
		"postpones", "resumes", "suspends", "welcomes", "defends", "restores",
	}
	verbsBase = []string{
		"approve", "delay", "reject", "open", "announce", "confirm", "halt",
		"extend", "cut", "raise", "block", "name", "unveil", "review", "seek",
		"win", "lose", "face", "sign", "clear", "back", "launch", "close",
		"order", "reach", "double", "postpone", "resume", "suspend", "restore",
	}
	auxiliaries  = []string{"will", "would", "could", "may", "might", "must", "should", "cannot"}
	conjunctions = []string{"and", "and", "but", "while", "although", "because", "as", "when", "since"}
	adverbs      = []string{"also", "still", "already", "now", "later", "again", "recently", "quietly", "finally", "largely"}
	roles        = []string{
		"minister", "spokesperson", "mayor", "director", "chair", "secretary",
		"governor", "analyst", "economist", "spokesman", "spokeswoman", "head",
		"official", "commissioner", "prosecutor", "captain", "coach", "professor",
	}
	officials = []string{
		"Officials", "Residents", "Analysts", "Police", "Investors", "Farmers",
		"Workers", "Doctors", "Teachers", "Lawmakers", "Fans", "Traders",
	}
	institutions = []string{
		"council", "court", "ministry", "union", "board", "port authority",
		"regulator", "police", "parliament", "hospital", "university", "league",
		"club", "assembly", "tribunal", "senate", "cabinet", "utility",
	}
	categories = []string{
		"News", "World", "Business", "Sport", "Politics", "Health", "Science",
		"Culture", "Technology", "Local", "Opinion", "Travel",
	}
	captionKinds = []string{"Pictures:", "Watch:", "Video:", "In pictures:", "Map:"}
	teaserLeads  = []string{"READ MORE:", "RELATED:", "WATCH:", "", "", ""}
	kvKeys       = []string{"Venue", "Tickets", "Date", "Where", "Contact", "Cost", "Opening hours", "Route", "Capacity"}
	liveSuffixes = []string{": live updates", ": live", " – latest", ": as it happened", " live: latest news"}
	genericHeads = []string{"Live updates", "Live coverage", "Morning briefing", "The week in pictures", "Letters to the editor", "Weather forecast"}
	months       = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// Named outlets come first so they are the most popular; the doc's example
// names are reused on purpose, and "Wire24" ends in digits to exercise the
// glued source+date trap of the second layout ("Wire2408-05-2025").
var fixedOutlets = []outlet{
	{name: "Coastline Wire", agency: true},
	{name: "Valley Courier"},
	{name: "Northern Ledger"},
	{name: "Wire24", agency: true},
	{name: "Daily Meridian", signoff: "DM"},
	{name: "Meridian Press Agency", agency: true},
	{name: "Continental News Service", agency: true},
	{name: "The Evening Lantern"},
	{name: "Harbour Press", agency: true},
	{name: "Eastgate Observer", signoff: "EO"},
	{name: "Radio Kestrel"},
	{name: "News7"},
}

var (
	commonNouns = []string{
		"plan", "vote", "road", "budget", "strike", "fire", "flood", "bridge",
		"school", "tax", "deal", "price", "report", "court", "crowd", "harbour",
		"market", "season", "match", "ferry", "railway", "station", "storm",
		"harvest", "contract", "festival", "hospital", "factory", "election",
		"inquiry", "permit", "tunnel", "reservoir", "museum", "stadium", "levy",
		"grant", "tariff", "wage", "loan", "fleet", "route", "border", "district",
		"village", "river", "coast", "valley", "forest", "airport", "library",
		"ruling", "proposal", "review", "survey", "audit", "protest", "ceremony",
		"league", "final", "record", "drought", "outbreak", "shortage", "merger",
		"pension", "scheme", "service", "network", "licence", "ban", "fund",
		"project", "statement", "decision", "meeting", "summit", "campaign",
		"agreement", "dispute", "season", "bill", "law", "rule", "fine", "trial",
	}
	commonAdjs = []string{
		"new", "local", "former", "major", "regional", "public", "national",
		"early", "late", "key", "small", "large", "rural", "coastal", "northern",
		"southern", "eastern", "western", "annual", "joint", "rare", "fresh",
		"second", "final", "temporary", "private", "urgent", "long-awaited",
	}
	onsets = []string{"b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "w", "z", "sh", "th", "bl", "kr", "fl", "j", ""}
	nuclei = []string{"a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "ei", "y"}
	codas  = []string{"", "", "", "n", "r", "l", "s", "t", "nd", "rk", "st", "m", "x", "ck", "ng"}
)

const vocabSeed = 0x7469_6469_6e67_7321 // "tidings!"

func init() { buildVocab() }

func buildVocab() {
	r := rand.New(rand.NewPCG(vocabSeed, 1))
	seen := map[string]bool{}
	word := func(minSyl, maxSyl int, suffixes []string) string {
		for {
			var b strings.Builder
			n := minSyl + r.IntN(maxSyl-minSyl+1)
			for i := 0; i < n; i++ {
				b.WriteString(onsets[r.IntN(len(onsets))])
				b.WriteString(nuclei[r.IntN(len(nuclei))])
				if i == n-1 || r.IntN(4) == 0 {
					b.WriteString(codas[r.IntN(len(codas))])
				}
			}
			if len(suffixes) > 0 {
				b.WriteString(suffixes[r.IntN(len(suffixes))])
			}
			w := b.String()
			if len(w) < 3 || len(w) > 14 || seen[w] {
				continue
			}
			seen[w] = true
			return w
		}
	}
	for i := 0; i < 2400; i++ {
		w := word(1, 2, []string{"", "", "", "", "", "", "", "ion", "ment", "ery", "age", "ance", "ship"})
		nouns = append(nouns, w)
		nounsPl = append(nounsPl, plural(w))
	}
	for i := 0; i < 700; i++ {
		adjs = append(adjs, word(1, 2, []string{"al", "ic", "ous", "ish", "ive", "ent", "ary"}))
	}
	for i := 0; i < 320; i++ {
		p := title(word(1, 2, []string{"mere", "ford", "ton", "haven", "burg", "ia", "port", "wick", "dale", "ova", "ec", "by"}))
		switch r.IntN(12) {
		case 0:
			p = "New " + p
		case 1:
			p = "Port " + p
		case 2:
			p = "San " + p
		}
		places = append(places, p)
		placesUp = append(placesUp, strings.ToUpper(p))
	}
	for i := 0; i < 450; i++ {
		surnames = append(surnames, title(word(1, 2, []string{"", "son", "ez", "ova", "ski", "ard", "elli", "berg", "ić", "sen", "ou", "é"})))
	}
	for _, w := range nouns {
		nounsCap = append(nounsCap, title(w))
	}
	for _, w := range adjs {
		adjsCap = append(adjsCap, title(w))
	}
	// Common English nouns and adjectives, repeated so that about a third
	// of the content words are familiar: pure invented text is hard to read
	// when checking output by eye. Capitalised copies (used for hashtags)
	// stay invented.
	for range 8 {
		for _, w := range commonNouns {
			nouns = append(nouns, w)
			nounsPl = append(nounsPl, plural(w))
		}
	}
	for range 4 {
		adjs = append(adjs, commonAdjs...)
	}

	outlets = append(outlets, fixedOutlets...)
	have := map[string]bool{}
	for _, o := range outlets {
		have[o.name] = true
	}
	kinds := []string{"Courier", "Ledger", "Herald", "Post", "Gazette", "Times", "Chronicle", "Observer", "Tribune", "Review", "Sentinel", "Mail", "Dispatch", "Bulletin", "Echo", "Today", "Online", "24"}
	for len(outlets) < 90 {
		var name string
		switch r.IntN(5) {
		case 0:
			name = "The " + places[r.IntN(len(places))] + " " + kinds[r.IntN(len(kinds))]
		case 1:
			name = adjsCap[r.IntN(len(adjsCap))] + " " + kinds[r.IntN(len(kinds))]
		case 2:
			name = places[r.IntN(len(places))] + " Wire"
		default:
			name = places[r.IntN(len(places))] + " " + kinds[r.IntN(len(kinds))]
		}
		if strings.HasSuffix(name, " 24") {
			name = strings.TrimSuffix(name, " 24") + "24"
		}
		if have[name] {
			continue
		}
		have[name] = true
		outlets = append(outlets, outlet{name: name, agency: strings.HasSuffix(name, " Wire")})
	}
	// Zipf-like popularity: a handful of outlets publish most stories.
	total := 0.0
	for i := range outlets {
		total += 1 / float64(i+2)
		outletCum = append(outletCum, total)
	}

	seenTag := map[string]bool{}
	for len(topics) < 120 {
		var t string
		switch r.IntN(3) {
		case 0:
			t = strings.ReplaceAll(places[r.IntN(len(places))], " ", "")
		case 1:
			t = nounsCap[r.IntN(len(nounsCap))] + nounsCap[r.IntN(len(nounsCap))]
		default:
			t = adjsCap[r.IntN(len(adjsCap))] + nounsCap[r.IntN(len(nounsCap))]
		}
		if !seenTag[t] {
			seenTag[t] = true
			topics = append(topics, t)
		}
	}
}

func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "sh"), strings.HasSuffix(w, "ch"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func title(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}
