package loader

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tidings/model"
)

// An author's page lists the author's stories under the author's name:
//
//	Mara Quillon
//	Storm warnings issued for the coast. Tue 3 Jun Tue 3 Jun Tue 3 Jun 2025 at 9:15am
//	Ferry fares to rise in July. Mon 2 Jun Mon 2 Jun 2025
//	Load more
//
// Each line is a story's summary followed by its date, which the site
// prints several times (the year, and the time when there is one, only on
// the last). Such a page is read as a listing whose tag names the author;
// without at least two such lines the name is an article's headline.

// minAuthorEntries is how many dated lines make a name an author's page.
const minAuthorEntries = 2

// listedDate is the date of a story on an author's page. Year 0: the page
// did not give one.
type listedDate struct {
	year, day, hour, minute int
	month                   time.Month
	clock                   bool // hour and minute were given
}

// at places the date in time, as live-blog stamps are placed: the page's
// wall clock written as UTC, midnight when no time was given. Without a year
// it is taken in the year of the save, as a dateline is; zero when neither
// is known.
func (d listedDate) at(saved time.Time) time.Time {
	var t time.Time
	if d.year != 0 {
		t = time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC)
	} else if t = dayNearSave(d.month, d.day, saved); t.IsZero() {
		return t
	}
	if d.clock {
		t = t.Add(time.Duration(d.hour)*time.Hour + time.Duration(d.minute)*time.Minute)
	}
	return t
}

// parseAuthorPage reads the page as an author's listing when its first line
// (lines[nameAt]) is a person's name and every other line is a dated story
// summary, a date alone (dating the undated summary just above it), or page
// furniture ("Load more"). It reports false, having changed nothing, for
// any other page.
func (p *page) parseAuthorPage(nameAt int) (*model.Dump, bool) {
	name := p.lines[nameAt]
	if !isPersonName(name) {
		return nil, false
	}
	var stories []*rawStory
	pending := "" // a summary waiting for the date on its own line below it
	last := lastTextLine(p.lines)
	for i, l := range p.lines[nameAt+1:] {
		if l == "" || isListFurniture(l) {
			continue
		}
		summary, date, written, ok := cutListedDate(l)
		if !ok && nameAt+1+i == last {
			// The save may be cut off anywhere in its last line.
			if s, cut := p.cutOffStory(l, pending); cut {
				pending = ""
				if s != nil {
					stories = append(stories, s)
				}
				continue
			}
		}
		switch {
		case !ok && pending != "":
			return nil, false
		case !ok:
			pending = l
			continue
		case summary == "" && pending == "":
			return nil, false // a date with nothing to date
		case summary == "":
			summary, pending = pending, ""
		case pending != "":
			return nil, false
		}
		if s := p.listedStory(summary, date, written); s != nil {
			stories = append(stories, s)
		}
	}
	if pending != "" || len(stories) < minAuthorEntries {
		return nil, false
	}
	p.related = stories
	return &model.Dump{Layout: model.LayoutListing, Tag: "Stories by " + name}, true
}

// cutOffStory reads the last line of an author's page saved cut off: a
// summary with its date cut short ("… Fri 3 Jan Fri 3 Ja"), dated by the
// repetitions that are whole; a date alone cut short under its summary
// (pending); or a summary cut before its date, which is dropped. cut is false
// for a line under a pending summary that is no date begun: then the page is
// no author's page.
func (p *page) cutOffStory(l, pending string) (s *rawStory, cut bool) {
	summary, date, written, ok := cutTruncatedDate(l)
	switch {
	case ok && summary == "" && pending != "":
		return p.listedStory(pending, date, written), true
	case ok && summary != "" && pending == "":
		return p.listedStory(summary, date, written), true
	case pending != "" && onlyDateFragments(l):
		return nil, true // the date under the summary is unreadable: both go
	case pending == "":
		return nil, true
	}
	return nil, false
}

// cutTruncatedDate is cutListedDate for a line cut off inside its date:
// whole repetitions of the date followed by the start of one more (words
// that begin a weekday, a day, a month, a year or a time), perhaps none.
// One whole repetition is enough here.
func cutTruncatedDate(l string) (summary string, date listedDate, written string, ok bool) {
	rest := strings.TrimRight(l, " ,")
	for range 6 {
		if summary, date, written, ok = cutListedDateRepeated(rest, 1); ok {
			return summary, date, written, true
		}
		i := strings.LastIndexByte(rest, ' ')
		word := rest[i+1:]
		if !isDateFragment(word) {
			// glued: "Fri 3 JanFri 3 Ja" ends in the start of a weekday
			j := strings.LastIndexFunc(word, unicode.IsUpper)
			if j <= 0 || !isDateFragment(word[j:]) {
				return "", listedDate{}, "", false
			}
			rest = strings.TrimRight(rest[:i+1+j], " ,")
			continue
		}
		if i < 0 {
			return "", listedDate{}, "", false
		}
		rest = strings.TrimRight(rest[:i], " ,")
	}
	return "", listedDate{}, "", false
}

// isDateFragment reports a word that may be the start of a part of a
// listed date: a weekday's or month's name begun, a number, "at", a time.
func isDateFragment(w string) bool {
	if w == "" {
		return false
	}
	if dateFragment.MatchString(w) {
		return true
	}
	lw := strings.ToLower(strings.TrimRight(w, ".,"))
	if lw == "" || !isASCIILetter(lw[0]) {
		return false
	}
	if strings.HasPrefix("at", lw) {
		return true
	}
	for _, name := range dateWords {
		if strings.HasPrefix(name, lw) {
			return true
		}
	}
	return false
}

var (
	dateFragment = regexp.MustCompile(`^\d{1,4}(?:[:.]\d{0,2})?(?:[ap]\.?m?\.?)?,?$`)
	dateWords    = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
		"february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
)

// onlyDateFragments reports a line made of the start of a date alone.
func onlyDateFragments(l string) bool {
	words := strings.Fields(l)
	for _, w := range words {
		if !isDateFragment(w) {
			return false
		}
	}
	return len(words) > 0
}

func lastTextLine(lines []string) int {
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i] != "" {
			return i
		}
	}
	return -1
}

// listedStory makes a story of a summary: its first sentence is the
// headline, the rest of it (rarely any) one paragraph.
func (p *page) listedStory(summary string, date listedDate, written string) *rawStory {
	var removed removals
	rec := &removed
	if !p.explain {
		rec = nil
	}
	summary = cleanFurniture(summary, rec)
	if summary == "" {
		return nil
	}
	headline, rest := summary, ""
	if end := summarySentenceEnd(summary); end > 0 {
		headline, rest = summary[:end], strings.TrimSpace(summary[end:])
	}
	if strings.HasSuffix(headline, ".") && !strings.HasSuffix(headline, "..") {
		headline = strings.TrimSuffix(headline, ".")
	}
	if !hasWord(headline) { // ". More to come": keep the summary whole
		headline, rest = summary, ""
		if !hasWord(headline) {
			return nil
		}
	}
	s := &rawStory{headline: headline, age: written, listed: &date, removed: removed}
	if rest != "" {
		s.body = []string{rest}
	}
	return s
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// summarySentenceEnd is where the first of several sentences of a summary
// ends (after its punctuation and closing quote); 0 when it holds one
// sentence. A full stop after a title ("Dr.") or an initial ("J.") ends no
// sentence, nor does one before a lower-case word.
func summarySentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		end, ok := sentenceBreak(s, i)
		if !ok {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[end+1:])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune("\"“‘'", next) {
			continue
		}
		if s[i] == '.' {
			word := s[wordStart(s, i):i]
			if utf8.RuneCountInString(word) == 1 || titles[word] {
				continue
			}
		}
		return end
	}
	return 0
}

var titles = setOf("Dr", "Mr", "Mrs", "Ms", "Mx", "St", "Prof", "Rev", "Sgt", "Capt", "Gen", "Col", "Lt", "Cllr", "No", "Nos", "Mt", "Ft", "vs")

// isPersonName reports a line that may be a person's name: two to four
// capitalised words ("Mara Quillon", "Tomas Ekwueme-Hart", "J. R. Osei"),
// perhaps with a lower-case particle between them ("Ana de Vries"), and no
// digits or sentence punctuation.
func isPersonName(l string) bool {
	if len(l) > 60 {
		return false
	}
	words, capitalised := 0, 0
	last := ""
	for rest := l; rest != ""; {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		if w == "" {
			continue
		}
		words++
		if nameParticles[w] && words > 1 {
			last = w
			continue
		}
		if !isNameWord(w) {
			return false
		}
		capitalised++
		last = w
	}
	// A particle ends no name: "Ana Berg van" is none.
	return words <= 5 && capitalised >= 2 && capitalised <= 4 && !nameParticles[last]
}

var nameParticles = setOf("de", "del", "della", "der", "den", "di", "da", "dos", "du", "la", "le", "van", "von", "bin", "ibn", "al", "ten", "ter", "y")

// isNameWord: a capital and letters, apostrophes or hyphens ("O'Rourke",
// "Ekwueme-Hart"), or an initial with its full stop ("J.").
func isNameWord(w string) bool {
	first, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(first) {
		return false
	}
	rest := w[size:]
	if rest == "." {
		return true
	}
	for _, r := range rest {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' {
			return false
		}
	}
	return true
}

// listFurniture is the paging of a list ("Load more", "Older stories",
// "Page 2 of 5").
var listFurniture = regexp.MustCompile(`(?i)^(?:(?:load|show|see|view) more(?: (?:stories|articles|posts|news))?|(?:older|newer|more|previous|next) (?:stories|articles|posts|page)|page \d+(?: of \d+)?|next|previous|older|newer)$`)

// isListFurniture reports a line of an author's page that is not a story:
// paging, the aggregator's chrome and noise, or site furniture alone.
func isListFurniture(l string) bool {
	if isNoise(l) || isChrome(l) {
		return true
	}
	if len(l) <= len("show more articles") && listFurniture.MatchString(l) {
		return true
	}
	return stripFurniture(l) == ""
}

// The date an author's page prints after each summary: a day, perhaps
// after its weekday, repeated ("Tue 3 Jun Tue 3 Jun Tue 3 Jun 2025"); the
// year may follow any repetition, and the time ("at 9:15am") the last.
var (
	weekdayNames = `(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
	monthNames   = `(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)`
	// listedDay is the last repetition of the date in what it is matched
	// against: weekday, day, month, year.
	listedDay = regexp.MustCompile(`(?:(` + weekdayNames + `)\.?,?\s*)?(\d{1,2})\s+(` + monthNames + `)\.?(?:,?\s+(\d{4}))?,?\s*$`)
	// listedClock is a time of day ending the line: "at 9:15am", "21:15".
	listedClock = regexp.MustCompile(`(?:,?\s+at)?\s+(\d{1,2})[:.](\d{2})\s*((?i:am|pm|a\.m\.|p\.m\.))?\s*$`)
)

// cutListedDate splits a line of an author's page into the summary and the
// date repeated after it. ok is false unless the line ends in the same day
// and month printed at least twice; the summary is "" for a date alone.
// written is the date once, as the page gives it ("Tue 3 Jun 2025 at
// 9:15am").
func cutListedDate(l string) (summary string, date listedDate, written string, ok bool) {
	return cutListedDateRepeated(l, 2)
}

// cutListedDateRepeated is cutListedDate asking for at least least
// repetitions (least).
func cutListedDateRepeated(l string, least int) (summary string, date listedDate, written string, ok bool) {
	rest := l
	end := len(l)
	if m := listedClock.FindStringSubmatchIndex(rest); m != nil {
		h, mi := atoiSmall(rest[m[2]:m[3]]), atoiSmall(rest[m[4]:m[5]])
		suffix := ""
		if m[6] >= 0 {
			suffix = strings.ToLower(strings.ReplaceAll(rest[m[6]:m[7]], ".", ""))
		}
		switch {
		case mi > 59, suffix == "" && h > 23, suffix != "" && (h < 1 || h > 12):
			return "", date, "", false
		case suffix == "am" && h == 12:
			h = 0
		case suffix == "pm" && h != 12:
			h += 12
		}
		date.hour, date.minute, date.clock = h, mi, true
		rest = rest[:m[0]]
	}
	repeats := 0
	writtenFrom := -1
	for {
		m := listedDay.FindStringSubmatchIndex(rest)
		if m == nil {
			break
		}
		// The day's digits start a word, unless a weekday stands before
		// them: "2023 Jun" is no "23 Jun".
		if m[2] < 0 && m[4] > 0 && !isSpaceOrPunct(rest[m[4]-1]) {
			break
		}
		day := atoiSmall(rest[m[4]:m[5]])
		month := monthsByName[rest[m[6]:m[7]]]
		if month == 0 { // "Sept"
			month = time.September
		}
		year := 0
		if m[8] >= 0 {
			year = atoiSmall(rest[m[8]:m[9]])
		}
		if repeats == 0 {
			date.day, date.month, date.year = day, month, year
			writtenFrom = m[0]
		} else if day != date.day || month != date.month || (year != 0 && date.year != 0 && year != date.year) {
			break
		} else if date.year == 0 {
			date.year = year
		}
		repeats++
		rest = rest[:m[0]]
	}
	if repeats < least || date.day < 1 || date.day > daysIn(date.month, date.year) {
		return "", listedDate{}, "", false
	}
	written = strings.Join(strings.Fields(l[writtenFrom:end]), " ")
	return strings.TrimSpace(rest), date, written, true
}

func isSpaceOrPunct(c byte) bool {
	return c == ' ' || c == ',' || c == '.' || c == ';' || c == '|' || c == '-' || c == '(' || c == ')'
}

// daysIn is the length of the month; February has 29 days when the year is
// not known.
func daysIn(m time.Month, year int) int {
	if year == 0 {
		year = 2024
	}
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
