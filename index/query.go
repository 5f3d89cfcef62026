package index

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"tidings/model"
	"tidings/words"
)

// Query is a parsed filter. Plain words must each begin a word of the story
// (headline, source, text); the other forms narrow that down:
//
//	"exact phrase"   these words, one after another (a word may be
//	                 possessive, "ferry's"; the last may be partly typed)
//	-word            no word of the story begins with it
//	source:reuters   the source's name contains it
//	#Budget          tagged so by its file (front matter, feed category),
//	tag:budget       or listed on a hashtag page whose tag contains it;
//	                 tag: is the same, and also finds an author's page's tag
//	day:2025-06-24   saved that day; day:today, day:yesterday,
//	                 day:-7.. (the last seven days), day:2025-06-01..2025-06-30
//	is:unread        unread stories (is:read, is:starred, is:unstarred too)
//	label:brief      labelled "brief" (the whole label, in any case)
//
// The is: and label: conditions are about the reader's marks, which the
// reader keeps and checks (see Labels); the rest Find answers.
type Query struct {
	Words   []string   // prefixes that must each begin a word
	Phrases [][]string // runs of whole words that must appear in order
	// Numbers are numeric terms as typed ("9%", "4.9", "$1,900"), which
	// must begin a number of the text as written (see numbersIn); their
	// first digits are among Words for the index.
	Numbers []string
	Exclude []string // prefixes no word may begin with
	Sources []string // normalized pieces of the source's name
	Tags    []string // normalized pieces of a story's or a listing's tag
	DayFrom string   // "YYYY-MM-DD" or "" for no bound
	DayTo   string
	Read    *bool // is:read / is:unread; nil for either
	Starred *bool
	// Labels must each be on the story, lower case as labels are kept.
	Labels []string
	// Problems are parts of the query that could not be read, said to the
	// user rather than silently matching nothing.
	Problems []string
	// Text gives an article's text for phrases to be looked for in, when
	// it is not in memory (a library restored from the cache); nil uses
	// the articles' own. An article whose text cannot be read has no
	// phrase.
	Text func(a *model.Article) (model.Body, error)
	// Facets, when set, are the articles' days and sources as they are
	// now, which the day: and source: conditions are checked in.
	Facets *Facets
}

// Empty reports a query that filters nothing.
func (q *Query) Empty() bool {
	return len(q.Words) == 0 && len(q.Phrases) == 0 && len(q.Numbers) == 0 && len(q.Exclude) == 0 && len(q.Sources) == 0 &&
		len(q.Tags) == 0 && q.DayFrom == "" && q.DayTo == "" && q.Read == nil && q.Starred == nil && len(q.Labels) == 0
}

// Indexed reports whether the query has anything for Find to answer, as
// opposed to is: conditions alone.
func (q *Query) Indexed() bool {
	return len(q.Words) > 0 || len(q.Phrases) > 0 || len(q.Exclude) > 0 || len(q.Sources) > 0 ||
		len(q.Tags) > 0 || q.DayFrom != "" || q.DayTo != ""
}

// Highlight is the words to mark in what the query matched.
func (q *Query) Highlight() []string {
	out := append([]string(nil), q.Words...)
	for _, p := range q.Phrases {
		out = append(out, p...)
	}
	return out
}

// ParseQuery reads a filter as typed; today is the day "day:today" means.
func ParseQuery(s string, today time.Time) Query {
	var q Query
	for _, tok := range splitQuery(spacedPercent.ReplaceAllString(s, "$1%")) {
		if n, ok := numberTerm(strings.TrimSpace(tok.text)); ok && tok.quoted {
			q.addNumber(n)
			continue
		}
		if tok.quoted {
			if words := filterWords(tok.text); len(words) > 0 {
				q.Phrases = append(q.Phrases, words)
			}
			continue
		}
		t := strings.TrimSuffix(tok.text, `"`)
		field, value, hasField := strings.Cut(t, ":")
		operator := hasField && slices.Contains([]string{"source", "day", "is", "tag", "label"}, strings.ToLower(field))
		switch {
		case operator && value == "":
			// an operator still being typed: nothing yet
		case strings.HasPrefix(t, "-") && len(t) > 1:
			q.Exclude = append(q.Exclude, filterWords(t[1:])...)
		case strings.HasPrefix(t, "#") && len(t) > 1, hasField && value != "" && strings.EqualFold(field, "tag"):
			if !hasField {
				value = t[1:]
			}
			if n := model.NormalizeText(value); n != "" {
				q.Tags = append(q.Tags, n)
			}
		case hasField && value != "" && strings.EqualFold(field, "source"):
			if n := model.NormalizeText(value); n != "" {
				q.Sources = append(q.Sources, n)
			}
		case hasField && value != "" && strings.EqualFold(field, "day"):
			if !q.parseDays(strings.ToLower(value), today) {
				q.Problems = append(q.Problems, "day:"+value+" (use day:2025-06-24, day:today, day:-7..)")
			}
		case hasField && value != "" && strings.EqualFold(field, "label"):
			q.Labels = append(q.Labels, strings.ToLower(value))
		case hasField && value != "" && strings.EqualFold(field, "is"):
			yes, no := true, false
			switch strings.ToLower(value) {
			case "unread":
				q.Read = &no
			case "read":
				q.Read = &yes
			case "starred":
				q.Starred = &yes
			case "unstarred":
				q.Starred = &no
			default:
				q.Problems = append(q.Problems, "is:"+value+" (use is:unread, is:read, is:starred, is:unstarred)")
			}
		default:
			if n, ok := numberTerm(t); ok {
				q.addNumber(n)
				continue
			}
			q.Words = append(q.Words, filterWords(t)...)
		}
	}
	return q
}

// addNumber adds a numeric term, and its first digits as a word for the
// index to narrow the stories down by.
func (q *Query) addNumber(n string) {
	q.Numbers = append(q.Numbers, n)
	q.Words = append(q.Words, filterWords(leadDigits(n))...)
}

type queryToken struct {
	text   string
	quoted bool
}

// splitQuery cuts a query at spaces, keeping "quoted phrases" whole; an
// unclosed quote runs to the end.
func splitQuery(s string) []queryToken {
	var out []queryToken
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				out = append(out, queryToken{s[1:], true})
				break
			}
			out = append(out, queryToken{s[1 : 1+end], true})
			s = s[2+end:]
			continue
		}
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		if at := strings.Index(s[:end], `:"`); at >= 0 { // source:"esker wire"
			if close := strings.IndexByte(s[at+2:], '"'); close >= 0 {
				end = at + 3 + close
			} else {
				end = len(s)
			}
		}
		out = append(out, queryToken{strings.Replace(s[:end], `:"`, ":", 1), false})
		s = s[end:]
	}
	return out
}

// filterWords cuts text into words as the index does.
func filterWords(s string) []string {
	var sc words.Scanner
	var out []string
	sc.Reset(s)
	for sc.Scan() {
		out = append(out, sc.Word())
	}
	return out
}

// parseDays reads the value of day:; it reports false for one it cannot.
func (q *Query) parseDays(v string, today time.Time) bool {
	from, to, isRange := strings.Cut(v, "..")
	if !isRange {
		d, ok := parseDay(v, today)
		q.DayFrom, q.DayTo = d, d
		return ok
	}
	ok := true
	if from != "" {
		q.DayFrom, ok = parseDay(from, today)
	}
	if to != "" {
		var ok2 bool
		q.DayTo, ok2 = parseDay(to, today)
		ok = ok && ok2
	}
	return ok && (from != "" || to != "")
}

// parseDay reads one day: a date, today, yesterday, or -N days ago.
func parseDay(v string, today time.Time) (string, bool) {
	switch v {
	case "today":
		return today.Format(time.DateOnly), true
	case "yesterday":
		return today.AddDate(0, 0, -1).Format(time.DateOnly), true
	}
	if n, err := strconv.Atoi(v); err == nil && n <= 0 {
		return today.AddDate(0, 0, n).Format(time.DateOnly), true
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t.Format(time.DateOnly), true
	}
	return "", false
}

// hasPhrase reports whether the words of p follow one another somewhere in
// one piece of the article's text. A word of the text may be the phrase's
// word made possessive ("ferry's" for "ferry"), and the last word of the
// phrase may be typed in part ("harbour pil" finds "harbour pilots").
func hasPhrase(headline, source string, body model.Body, p []string) bool {
	var sc words.Scanner
	var text string
	matches := func(k int) bool {
		w := sc.Word()
		if isDigit(p[k][0]) && (k == 0 || !isDigit(p[k-1][len(p[k-1])-1])) && !numberStarts(text, sc.Start()) {
			return false // "9%" is not the end of "14.9%"
		}
		return w == p[k] || k == len(p)-1 && strings.HasPrefix(w, p[k]) ||
			len(w) == len(p[k])+1 && w[len(w)-1] == 's' && strings.HasPrefix(w, p[k]) && possessive(sc.Written())
	}
	in := func(t string) bool {
		text = t
		sc.Reset(text)
		at := 0
		for sc.Scan() {
			switch {
			case matches(at):
				at++
			case matches(0):
				at = 1
			default:
				at = 0
			}
			if at == len(p) {
				return true
			}
		}
		return false
	}
	if in(headline) || in(source) {
		return true
	}
	for _, para := range body.Paragraphs {
		if in(para) {
			return true
		}
	}
	for _, e := range body.Entries {
		if in(e.Text) || in(e.Author) {
			return true
		}
	}
	return false
}

// possessive reports a word written with "'s" or "’s" at its end.
func possessive(written string) bool {
	return strings.HasSuffix(written, "'s") || strings.HasSuffix(written, "’s") ||
		strings.HasSuffix(written, "'S") || strings.HasSuffix(written, "’S")
}

// hasTag reports whether the article has a tag containing tag
// (normalized), its own (a clipping's front matter, a feed's categories)
// or a listing page's: "#Budget" and "tag:budget" find "#Budget2025".
func hasTag(a *model.Article, tag string) bool {
	for _, t := range a.Tags() {
		if strings.Contains(model.NormalizeText(t), tag) {
			return true
		}
	}
	for i := range a.PageCount() {
		if t := a.PageAt(i).Tag(); t != "" && strings.Contains(model.NormalizeText(t), tag) {
			return true
		}
	}
	return false
}

// HasLabels reports whether a story's labels (sorted or not) hold every
// label the query asks for.
func (q *Query) HasLabels(labels []string) bool {
	for _, want := range q.Labels {
		if !slices.Contains(labels, want) {
			return false
		}
	}
	return true
}
