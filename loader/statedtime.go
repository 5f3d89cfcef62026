package loader

import (
	"net/mail"
	"strings"
	"time"
)

// statedTime reads a date a file states: a feed item's pubDate or updated,
// a message's Date, a clipping's published. RFC 822/1123 and RFC 3339 as
// written, and the variants generators get wrong: no weekday or a wrong
// one, a one-digit day, a full month or weekday name, a zone name or none,
// a space for the "T", a bare date. A date with no zone is read as UTC.
func statedTime(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i] // "2025-03-03T09:14 (UTC +00:00)", "… +0000 (GMT)"
	}
	if s == "" || len(s) > 80 {
		return time.Time{}, false
	}
	// RFC 3339 starts with the year, RFC 822 with a weekday or the day of
	// the month: the other is not tried first in vain.
	if len(s) >= 5 && s[4] == '-' {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t, true
		}
	}
	if t, err := mail.ParseDate(s); err == nil {
		return t, true
	}
	// A weekday that does not match the date, or is misspelt, is dropped:
	// the date is what counts.
	if i := strings.IndexByte(s, ','); i > 0 && i < 12 {
		if t, err := mail.ParseDate(strings.TrimSpace(s[i+1:])); err == nil {
			return t, true
		}
		s = strings.TrimSpace(s[i+1:])
	}
	for _, layout := range statedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var statedLayouts = []string{
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2 Jan 2006 15:04:05 MST",
	"2 January 2006 15:04:05 -0700",
	"2 January 2006 15:04:05 MST",
	"2 January 2006 15:04",
	"2 January 2006",
	"2 Jan 2006",
	"January 2, 2006 15:04:05",
	"January 2, 2006",
	"Jan 2, 2006",
	"02 Jan 06 15:04 -0700",
	"2006/01/02 15:04:05",
	"2006/01/02",
}
