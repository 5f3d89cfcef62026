package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/model"
)

// storyMarkdown turns a story's text into markdown for glamour: its
// paragraphs, or its live-blog entries as timestamped sections. Text from a
// dump is escaped so that it is shown as written, never read as markup.
func storyMarkdown(a model.Body) string {
	var b strings.Builder
	if len(a.Entries) > 0 {
		for _, e := range a.Entries {
			// A bold line rather than a heading: glamour prints heading
			// markers ("### ") literally in its dark and light styles.
			b.WriteString("**")
			switch {
			case !e.Time.IsZero() && e.Author != "":
				b.WriteString(e.Time.Format("15:04 · 2 Jan") + " · " + escapeMarkdown(e.Author))
			case !e.Time.IsZero():
				b.WriteString(e.Time.Format("15:04 · 2 Jan"))
			default:
				b.WriteString("More")
			}
			b.WriteString("**\n\n")
			b.WriteString(escapeMarkdown(e.Text))
			b.WriteString("\n\n")
		}
		return b.String()
	}
	if len(a.Paragraphs) == 0 {
		return "*This page holds no text for the story, only its headline.*\n"
	}
	for _, p := range a.Paragraphs {
		b.WriteString(escapeMarkdown(p))
		b.WriteString("\n\n")
	}
	return b.String()
}

// escapeMarkdown writes s so that glamour shows it as written, never as
// formatting: every character CommonMark or glamour's extensions
// (strikethrough, tables, autolinks) could read as markup is written as a
// numeric character reference ("&#38;"), which the parser turns back into
// that one character of text. Backslash escapes are not enough: glamour
// prints some of them ("\&", "\~", "\=") with their backslash.
func escapeMarkdown(s string) string {
	if !strings.ContainsAny(s, markdownInline) && !strings.ContainsAny(s[:min(len(s), 10)], markdownLineStart+".)") &&
		!strings.Contains(s, "www.") && !strings.Contains(s, "WWW.") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte(unescapedAfter, s[i+1]) >= 0:
			// glamour unescapes the text again after reading references:
			// "\*" would lose its backslash unless it is doubled.
			b.WriteString("&#92;&#92;")
		case strings.IndexByte(markdownInline, c) >= 0,
			i == 0 && strings.IndexByte(markdownLineStart, c) >= 0,
			(c == '.' || c == ')') && allDigitsPrefix(s[:i]),         // "1." would start an ordered list
			c == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www"): // "www.example.org" would be a link
			b.WriteString("&#")
			b.WriteString(strconv.Itoa(int(c)))
			b.WriteByte(';')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// markdownInline is what is markup anywhere in a line: emphasis, code,
// links and images, raw HTML and entities, tables, strikethrough, and the
// ":" and "@" of autolinked addresses; markdownLineStart what is markup at
// its start (lists, headings, quotes, setext underlines).
const (
	markdownInline    = "\\`*_[]<>#|~!&:@"
	markdownLineStart = "-+=>"
	// unescapedAfter are the characters after which glamour drops a
	// backslash of the text (found by rendering each).
	unescapedAfter = "\\!#()*+-.<>[]_`{|}"
)

func allDigitsPrefix(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// renderKey identifies one rendering: a story wrapped at a width, in a
// style, laid out for a pane width.
type renderKey struct {
	id    string
	width int
	pane  int
	style string
	// site is the site lines learned when it was rendered (a change to the
	// files may learn others), and allSite whether they were shown.
	site    *model.SiteView
	allSite bool
}

type renderedMsg struct {
	key     renderKey
	lines   []string // each exactly key.pane cells wide
	err     error
	skipped bool // superseded before its turn came
}

// renderer owns glamour. A TermRenderer is not safe for concurrent use, so
// one goroutine does every rendering, one request at a time, keeping a
// renderer per width and style. A preview that the cursor has already left
// is skipped rather than rendered.
type renderer struct {
	requests chan renderJob
	latest   atomic.Uint64
	done     chan struct{} // closed by close: the worker and waiting commands end
	stop     sync.Once
	// styleJSON is the style file's content, read and checked by New
	// (loadTheme), for the "file:" style
	styleJSON []byte
}

type renderJob struct {
	key renderKey
	// text is the story's, read here from its dump when it is not in
	// memory: the reading is part of the work kept off Update.
	text  model.BodySource
	gen   uint64 // 0: always render (an opened story), else a preview
	reply chan renderedMsg
	// siteKey is the key that shows or hides site lines, named under
	// the text when it has any.
	siteKey string
}

func newRenderer(styleJSON []byte) *renderer {
	r := &renderer{requests: make(chan renderJob, 64), done: make(chan struct{}), styleJSON: styleJSON}
	go r.loop()
	return r
}

// close ends the worker; commands waiting for it return no message.
func (r *renderer) close() { r.stop.Do(func() { close(r.done) }) }

func (r *renderer) loop() {
	type styleWidth struct {
		style string
		width int
	}
	cache := map[styleWidth]*glamour.TermRenderer{}
	for {
		var job renderJob
		select {
		case job = <-r.requests:
		case <-r.done:
			return
		}
		if job.gen != 0 && job.gen < r.latest.Load() {
			job.reply <- renderedMsg{key: job.key, skipped: true}
			continue
		}
		sw := styleWidth{job.key.style, job.key.width}
		tr := cache[sw]
		if tr == nil {
			var err error
			style := glamour.WithStandardStyle(job.key.style)
			if strings.HasPrefix(job.key.style, "file:") {
				style = glamour.WithStylesFromJSONBytes(r.styleJSON)
			}
			tr, err = glamour.NewTermRenderer(style, glamour.WithWordWrap(job.key.width))
			if err != nil {
				job.reply <- renderedMsg{key: job.key, err: err}
				continue
			}
			if len(cache) > 8 {
				clear(cache)
			}
			cache[sw] = tr
		}
		body, err := job.text.Read()
		if err != nil {
			job.reply <- renderedMsg{key: job.key, err: err}
			continue
		}
		shown, hidden := job.text.WithoutSiteLines(body)
		if !job.key.allSite {
			body = shown
		}
		md := storyMarkdown(body)
		if job.text.Format() == model.TextMarkdown {
			md = clippingMarkdown(body) // a clipping's own Markdown, rendered as such
		}
		md += siteLinesNote(len(hidden), job.key.allSite, job.siteKey)
		out, err := tr.Render(md)
		job.reply <- renderedMsg{key: job.key, lines: fitLines(strings.Trim(out, "\n"), job.key.pane), err: err}
	}
}

// siteLinesNote says, under the text, how many lines learned as the
// site's were hidden (or are shown), and the key that shows (or hides)
// them; nothing when there are none.
func siteLinesNote(n int, shown bool, key string) string {
	if n == 0 {
		return ""
	}
	lines := "site line"
	if n > 1 {
		lines = "site lines"
	}
	if shown {
		return fmt.Sprintf("\n\n*%d %s shown · %s hides them*\n", n, lines, escapeMarkdown(key))
	}
	return fmt.Sprintf("\n\n*%d %s hidden · %s shows them*\n", n, lines, escapeMarkdown(key))
}

// render returns a command that renders in the background. Previews carry
// a generation so that only the newest one is worth rendering.
func (r *renderer) render(key renderKey, text model.BodySource, preview bool, siteKey string) tea.Cmd {
	var gen uint64
	if preview {
		gen = r.latest.Add(1)
	}
	return func() tea.Msg {
		reply := make(chan renderedMsg, 1)
		select {
		case r.requests <- renderJob{key: key, text: text, gen: gen, reply: reply, siteKey: siteKey}:
		case <-r.done:
			return nil
		}
		select {
		case msg := <-reply:
			return msg
		case <-r.done:
			return nil
		}
	}
}

// fitLines splits a rendering into lines of exactly width cells, here in the
// renderer's goroutine, so that neither Update nor View measures text.
func fitLines(s string, width int) []string {
	return fitVisible(strings.Split(s, "\n"), width)
}

// cellWidth is ansi.StringWidth with a shortcut for the common case of
// styled ASCII text, where the width is the length without escape
// sequences; grapheme segmentation is only needed beyond ASCII.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ansi.StringWidth(s)
		}
	}
	if strings.IndexByte(s, 0x1b) < 0 {
		return len(s)
	}
	return len(ansi.Strip(s))
}

// renderCache keeps recent renderings; Update owns it.
type renderCache struct {
	entries map[renderKey][]string
	order   []renderKey
	limit   int
}

func newRenderCache(limit int) *renderCache {
	return &renderCache{entries: map[renderKey][]string{}, limit: limit}
}

func (c *renderCache) get(k renderKey) ([]string, bool) {
	s, ok := c.entries[k]
	return s, ok
}

// forgetStory drops the renderings of a story, whose dump changed.
func (c *renderCache) forgetStory(id string) {
	for k := range c.entries {
		if k.id == id {
			delete(c.entries, k)
		}
	}
	c.order = slices.DeleteFunc(c.order, func(k renderKey) bool { return k.id == id })
}

func (c *renderCache) put(k renderKey, s []string) {
	if _, ok := c.entries[k]; !ok {
		c.order = append(c.order, k)
	}
	c.entries[k] = s
	for len(c.order) > c.limit {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}
