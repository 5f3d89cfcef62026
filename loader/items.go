package loader

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"tidings/model"
)

// item is one story read from a file of another format than a dump,
// before its id and save day are settled.
type item struct {
	headline, source, author, url string
	published                     time.Time
	paragraphs                    []string
	format                        model.TextFormat
	tags                          []string // as tagList makes them
	removed                       []model.Removal
}

// storiesDump makes the dump of a file of another format: one item is a
// clipping (the page's main story); several are a collection, whose items
// are not linked to one another. Each is saved on the file's day (its
// folder's date, else its modification time: as for dumps) unless the
// file says when it was saved (clipped), and published when it says.
func storiesDump(path string, size int64, hints SaveHints, format string, items []item, clipped time.Time) *model.Dump {
	d := &model.Dump{Format: format, Layout: model.LayoutCollection}
	d.Path, d.Size, d.ModTime = path, size, model.StampTime(hints.ModTime)
	d.SavedAt, d.SavedAtEstimate, d.Day, _ = (&page{}).saveTime(hints)
	if !clipped.IsZero() && hints.FolderDate.IsZero() {
		loc := hints.Location
		if loc == nil {
			loc = time.Local
		}
		d.SavedAt, d.SavedAtEstimate = clipped.In(loc), false
		d.Day = d.SavedAt.Format(time.DateOnly)
	}
	stories := make([]*model.Story, 0, len(items))
	for _, it := range items {
		if s := it.story(); s != nil {
			stories = append(stories, s)
		}
	}
	if format == formatMarkdown || format == formatHTML || format == formatEML || format == formatMaildir {
		d.Layout = model.LayoutClipping
		if len(stories) > 0 {
			d.Main = stories[0]
		}
		d.Related = []*model.Story{}
		return d
	}
	d.Related = stories
	return d
}

// story settles an item's headline (its text's opening when it has none)
// and id, by the normalisation dumps use, so that the same article from a
// feed and from a dump is one story.
func (it item) story() *model.Story {
	headline := cleanText(it.headline)
	if headline == "" && len(it.paragraphs) > 0 {
		headline = openingWords(cleanText(it.paragraphs[0]), 80)
	}
	if headline == "" {
		return nil
	}
	if utf8.RuneCountInString(headline) > maxHeadlineRunes {
		headline = openingWords(headline, maxHeadlineRunes)
	}
	first := ""
	if len(it.paragraphs) > 0 {
		first = it.paragraphs[0]
	}
	source := cleanText(it.source)
	s := &model.Story{
		ID:          model.StoryID(headline, source, first),
		Headline:    headline,
		PublishedAt: model.MomentOf(it.published),
		Format:      it.format,
		Text:        &model.StoryText{Paragraphs: it.paragraphs, Removed: it.removed},
		Meta:        &model.StoryMeta{Author: cleanText(it.author), URL: cleanURL(it.url), Tags: it.tags},
	}
	s.SetSource(source)
	return s
}

// Tags a file gives are kept within these bounds: no clipping or feed item
// needs more, and a hostile file gets no further.
const (
	maxTags     = 32
	maxTagRunes = 64
)

// tagList reads tags as clippers and feeds write them: one a value, or
// several in one, separated by commas or written as hashtags ("#budget
// #tax"); the "#" is dropped, each tag kept once whatever its case.
func tagList(values ...string) []string {
	var out []string
	add := func(t string) {
		t = cleanText(strings.TrimLeft(strings.TrimSpace(t), "#"))
		if t == "" || len(out) >= maxTags {
			return
		}
		if utf8.RuneCountInString(t) > maxTagRunes {
			t = openingWords(t, maxTagRunes)
		}
		if !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, t) }) {
			out = append(out, t)
		}
	}
	for _, v := range values {
		for piece := range strings.SplitSeq(v, ",") {
			words := strings.Fields(piece)
			hashtags := len(words) > 1
			for _, w := range words {
				hashtags = hashtags && strings.HasPrefix(w, "#")
			}
			if !hashtags {
				add(piece)
				continue
			}
			for _, w := range words {
				add(w)
			}
		}
	}
	return out
}

// cleanText makes a one-line field (a title, a name) safe and tidy: any
// run of white space, line breaks included, is one space.
func cleanText(s string) string {
	if hasOddSpace(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	return CleanLine(s)
}

// hasOddSpace reports white space other than single blanks: two blanks,
// a tab, a line break, a no-break or any other Unicode space. Paragraphs
// are long and nearly always plain: two blanks are one byte search, and
// the rest is looked at eight bytes at a time while they are ASCII with no
// control, and a rune at a time only where a space's first byte stands.
func hasOddSpace(s string) bool {
	if strings.Contains(s, "  ") {
		return true
	}
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			w := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))
			const high, low = 0x8080808080808080, 0x0101010101010101
			if w&high|(w-0x20*low)&^w&high == 0 {
				i += 8
				continue
			}
		}
		switch c := s[i]; {
		case c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return true
		case c == 0xc2, c == 0xe1, c == 0xe2, c == 0xe3:
			// The lead bytes of U+0085, U+00A0, U+1680, U+2000-U+205F and
			// U+3000, every space beyond ASCII.
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return true
			}
			i += size
		default:
			i++
		}
	}
	return false
}

// cleanURL keeps a URL only when it is a web address: nothing else is
// worth handing to a browser.
func cleanURL(s string) string {
	s = CleanLine(s)
	if strings.ContainsAny(s, " <>\"") {
		return ""
	}
	lower := strings.ToLower(s)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return ""
	}
	return s
}

// openingWords cuts text to at most n runes at a word's end, marking the cut.
func openingWords(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, count := s, 0
	for i := range s {
		if count == n {
			cut = s[:i]
			break
		}
		count++
	}
	if sp := strings.LastIndexByte(cut, ' '); sp > len(cut)/2 {
		cut = cut[:sp]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// textParagraphs splits plain text (a mail's text part, a JSON Feed's
// content_text) into paragraphs at blank lines; the lines of one paragraph,
// wrapped by the sender, are joined.
func textParagraphs(s string) []string {
	var out []string
	for block := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p := cleanText(block); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// notStories is the reason a file of a known format gave no story.
func notStories(what string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrNotDump, fmt.Sprintf(what, args...))
}
