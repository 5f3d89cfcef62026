package loader

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tidings/model"
)

var monthsByName = func() map[string]time.Month {
	m := make(map[string]time.Month, 24)
	for mo := time.January; mo <= time.December; mo++ {
		m[mo.String()] = mo
		m[mo.String()[:3]] = mo
	}
	return m
}()

// stamp is one "Author Name3 March 2025 07:42" found in a live-blog body.
type stamp struct {
	authorStart, end int
	author           string
	at               time.Time
}

// splitLiveBlog splits a body in which a live blog's entries were glued
// together: each entry's text is followed by its author's name and a
// timestamp stuck to the name without a space. It returns nil when the body
// holds no such timestamp. Scanning for the colon of "HH:MM" first keeps this
// cheap on the long single-line bodies that are not live blogs.
func splitLiveBlog(body string) []model.Entry {
	var stamps []stamp
	for from := 0; ; {
		i := strings.IndexByte(body[from:], ':')
		if i < 0 {
			break
		}
		i += from
		from = i + 1
		if st, ok := stampAt(body, i); ok {
			if len(stamps) > 0 && st.authorStart < stamps[len(stamps)-1].end {
				continue
			}
			stamps = append(stamps, st)
		}
	}
	if len(stamps) == 0 {
		return nil
	}
	entries := make([]model.Entry, 0, len(stamps)+1)
	prev := 0
	for _, st := range stamps {
		entries = append(entries, model.Entry{
			Author: st.author,
			Time:   st.at,
			Text:   strings.TrimSpace(body[prev:st.authorStart]),
		})
		prev = st.end
	}
	if rest := strings.TrimSpace(body[prev:]); rest != "" {
		entries = append(entries, model.Entry{Text: rest})
	}
	return entries
}

// stampAt checks whether the colon at body[colon] is the "HH:MM" of a
// "<Author>D Month YYYY HH:MM" stamp, reading backwards from it.
func stampAt(body string, colon int) (stamp, bool) {
	var st stamp
	if colon+3 > len(body) || !isDigit(body[colon+1]) || !isDigit(body[colon+2]) {
		return st, false
	}
	if colon+3 < len(body) && isDigit(body[colon+3]) {
		return st, false
	}
	p := colon
	hourStart := p
	for hourStart > 0 && p-hourStart < 2 && isDigit(body[hourStart-1]) {
		hourStart--
	}
	if hourStart == p || hourStart < 6 || body[hourStart-1] != ' ' {
		return st, false
	}
	yearEnd := hourStart - 1
	yearStart := yearEnd - 4
	if yearStart < 0 || !allDigits(body[yearStart:yearEnd]) || yearStart < 1 || body[yearStart-1] != ' ' {
		return st, false
	}
	monthEnd := yearStart - 1
	monthStart := monthEnd
	for monthStart > 0 && isASCIILetter(body[monthStart-1]) {
		monthStart--
	}
	month, ok := monthsByName[body[monthStart:monthEnd]]
	if !ok || monthStart < 2 || body[monthStart-1] != ' ' {
		return st, false
	}
	dayEnd := monthStart - 1
	dayStart := dayEnd
	for dayStart > 0 && dayEnd-dayStart < 2 && isDigit(body[dayStart-1]) {
		dayStart--
	}
	if dayStart == dayEnd {
		return st, false
	}
	day := atoiSmall(body[dayStart:dayEnd])
	year := atoiSmall(body[yearStart:yearEnd])
	hour := atoiSmall(body[hourStart:colon])
	minute := atoiSmall(body[colon+1 : colon+3])
	if day < 1 || day > 31 || hour > 23 || minute > 59 {
		return st, false
	}
	st.at = time.Date(year, month, day, hour, minute, 0, 0, time.UTC)
	st.end = colon + 3
	st.authorStart, st.author = gluedAuthor(body, dayStart)
	// Without a name glued to it, a date and time is just part of a
	// sentence ("meets on 3 March 2025 14:00"), not an entry's stamp.
	return st, st.author != ""
}

// gluedAuthor reads the author's name that ends at end, glued to the day
// number: its last word, and the word before when it is capitalised too
// (given name and surname). A stamp without a glued name has no author.
func gluedAuthor(body string, end int) (int, string) {
	start := wordStart(body, end)
	if start == end {
		return end, ""
	}
	if r, _ := utf8.DecodeRuneInString(body[start:]); !unicode.IsUpper(r) {
		return end, ""
	}
	if start >= 2 && body[start-1] == ' ' {
		prev := wordStart(body, start-1)
		if r, _ := utf8.DecodeRuneInString(body[prev:]); prev < start-1 && unicode.IsUpper(r) {
			start = prev
		}
	}
	return start, body[start:end]
}

// wordStart walks back from end over the letters of a name (with its
// apostrophes, hyphens and dots).
func wordStart(s string, end int) int {
	i := end
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' && r != '.' {
			break
		}
		i -= size
	}
	return i
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func atoiSmall(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
