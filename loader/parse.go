package loader

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"tidings/model"
)

// SaveHints are what the file system says about when a page was saved. The
// file itself does not say.
type SaveHints struct {
	FolderDate time.Time // a YYYY-MM-DD folder the file lies in; zero if none
	ModTime    time.Time // the file's modification time; zero if unknown
	Location   *time.Location
}

// ErrNotDump and its wrappings name why a file was not loaded.
var ErrNotDump = errors.New("not a dump")

const maxHeadlineRunes = 400

// Parse reads one file of any format tidings opens, as detection names
// it (detect.go): a dump, a clipping, a saved page, a feed, a message or
// an mbox. It is the one entry point, for loads and for reading a story's
// text again. data is owned by the parser afterwards: the stories it
// returns may share its memory.
func Parse(path string, data []byte, hints SaveHints) (*model.Dump, error) {
	return parse(path, data, hints, false)
}

// parse is Parse; explain records the furniture cut from each story.
func parse(path string, data []byte, hints SaveHints, explain bool) (*model.Dump, error) {
	size := int64(len(data))
	data, ok := decodeUTF16(data)
	if !ok {
		return nil, fmt.Errorf("%w: binary content (starts like UTF-16 text, but is not)", ErrNotDump)
	}
	format := detect(path, data)
	switch format {
	case formatMarkdown:
		return parseFrontMatterClipping(path, size, unsafe.String(unsafe.SliceData(data), len(data)), hints)
	case formatHTML:
		return parseHTMLPage(path, size, data, hints)
	case formatRSS, formatRDF, formatAtom, formatJSONFeed:
		return parseFeedFile(path, size, format, data, hints)
	case formatEML, formatMaildir:
		it, err := parseMessage(data)
		if err != nil {
			return nil, notStories("%v", err)
		}
		return storiesDump(path, size, hints, format, []item{it}, time.Time{}), nil
	case formatMbox:
		return parseMboxBytes(path, size, data, hints)
	}
	d, err := parseDump(path, size, data, hints, explain)
	if ext := strings.ToLower(filepath.Ext(path)); err == nil && (ext == ".md" || ext == ".markdown") {
		// Prose in a Markdown file is a note, not a clipping.
		return nil, fmt.Errorf("%w: looks like Markdown (no front matter)", ErrNotDump)
	}
	return d, err
}

func parseDump(path string, size int64, data []byte, hints SaveHints, explain bool) (*model.Dump, error) {
	if isBlank(data) {
		return nil, emptyFile(data)
	}
	if looksBinary(data) {
		return nil, fmt.Errorf("%w: binary content (control bytes or invalid UTF-8)", ErrNotDump)
	}
	text := unsafe.String(unsafe.SliceData(data), len(data))
	text = strings.TrimPrefix(text, "\uFEFF")
	lines := splitLines(text)

	first := firstTextLine(lines, 0)
	if first < 0 {
		return nil, emptyFile(data)
	}
	if kind := otherFormat(lines, first, text); kind != "" {
		return nil, fmt.Errorf("%w: looks like %s", ErrNotDump, kind)
	}

	p := page{lines: lines, explain: explain}
	var d *model.Dump
	if lines[first] == "logo" {
		d = p.parseLogo(first + 1)
	} else {
		first = skipImageDebris(lines, first)
		if n := utf8.RuneCountInString(lines[first]); n > maxHeadlineRunes {
			return nil, fmt.Errorf("%w: the first line is %d characters long, too long for a headline", ErrNotDump, n)
		}
		var ok bool
		if d, ok = p.parseAuthorPage(first); !ok {
			d = p.parseArticle(first)
		}
	}
	if p.main == nil && len(p.related) == 0 {
		if d.Layout == model.LayoutListing {
			return nil, fmt.Errorf("%w: a listing page with no stories", ErrNotDump)
		}
		return nil, fmt.Errorf("%w: no headline after the logo line", ErrNotDump)
	}
	d.Path = path
	d.Size = size
	d.ModTime = model.StampTime(hints.ModTime)
	d.Format = formatDump
	p.finish(d, hints)
	return d, nil
}

// emptyFile says whether a file without text has no bytes at all or
// only blank lines: "empty" for a file of blank lines sends a person to
// look for a failed save, or at a file that is not the one they see.
func emptyFile(data []byte) error {
	if len(data) == 0 {
		return fmt.Errorf("%w: the file is empty", ErrNotDump)
	}
	return fmt.Errorf("%w: the file holds only blank lines", ErrNotDump)
}

func isBlank(data []byte) bool {
	for _, c := range data {
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}

// splitLines splits on LF, CRLF and a lone CR (old Mac files, which would
// otherwise be one long line) and cleans every line.
func splitLines(text string) []string {
	// Nearly every file has no CR, or only CRLF: the search for LF alone is
	// the fast one.
	hasCR := strings.IndexByte(text, '\r') >= 0
	n := strings.Count(text, "\n")
	if hasCR {
		n = max(n, strings.Count(text, "\r"))
	}
	lines := make([]string, 0, n+1)
	for {
		var i int
		if hasCR {
			i = strings.IndexAny(text, "\r\n")
		} else {
			i = strings.IndexByte(text, '\n')
		}
		if i < 0 {
			return append(lines, CleanLine(text))
		}
		lines = append(lines, CleanLine(text[:i]))
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
	}
}

func firstTextLine(lines []string, from int) int {
	for i := from; i < len(lines); i++ {
		if lines[i] != "" {
			return i
		}
	}
	return -1
}

// skipImageDebris passes over lines left from an image URL before the
// headline ("&w=3840&q=100)"): no spaces, and URL punctuation.
func skipImageDebris(lines []string, first int) int {
	for i := first; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			continue
		}
		if strings.ContainsRune(l, ' ') || !strings.ContainsAny(l, "=&/") {
			return i
		}
		if next := firstTextLine(lines, i+1); next < 0 {
			return i // nothing else: keep it rather than lose the file
		}
	}
	return first
}

// page is a file being parsed: its cleaned lines and the stories found so
// far, before times and ids are settled.
type page struct {
	lines   []string
	explain bool // record what is removed (see removals)
	main    *rawStory
	related []*rawStory
	// dateline month and day of the main story, when it has one
	datelineMonth time.Month
	datelineDay   int
}

type rawStory struct {
	headline, source, age string
	body                  []string
	entries               []model.Entry
	parsedAge             parsedAge
	listed                *listedDate // the date an author's page gives it
	removed               removals    // when the page is explained
}

// rec is where the furniture cut from s is recorded: nowhere unless the
// page is explained.
func (p *page) rec(s *rawStory) *removals {
	if !p.explain {
		return nil
	}
	return &s.removed
}

// Chrome lines belong to the aggregator's page, never to a story.
func isChrome(l string) bool {
	switch l {
	case "Hashtags", "Try Our AI Features", "Comments", "No comments yet...", "Related Articles":
		return true
	}
	return strings.HasPrefix(l, "Explore what ") && strings.HasSuffix(l, " can do for you:")
}

// isNoise reports lines that interrupt story text on the page but are not
// part of it.
func isNoise(l string) bool {
	if len(l) > len("orange background") {
		return false
	}
	switch strings.ToLower(l) {
	case "advertisement", "read more", "orange background":
		return true
	}
	return isGalleryLine(l)
}

// noiseClass names what a noise line is, for `inspect`.
func noiseClass(l string) string {
	switch strings.ToLower(l) {
	case "advertisement":
		return classAdMarker
	case "read more":
		return classPromotion
	}
	return "page"
}

var galleryLine = regexp.MustCompile(`^Show all \d+$`)

func isGalleryLine(l string) bool {
	return strings.HasPrefix(l, "Show all ") && galleryLine.MatchString(l)
}

// paragraphs keeps the lines that are story text, without the site
// furniture glued into them (see furniture.go). A body that held only
// furniture (a paywalled page) has no paragraphs.
func paragraphs(lines []string, rec *removals) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if l == "" {
			continue
		}
		if isNoise(l) {
			rec.add(noiseClass(l), l)
			continue
		}
		if l = cleanFurniture(l, rec); l != "" {
			out = append(out, l)
		}
	}
	return out
}
