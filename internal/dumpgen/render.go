package dumpgen

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Salts separate the random streams, so that a file's layout choices and a
// story's text never share draws.
const (
	saltFile  = 0xF11E
	saltStory = 0x5704
)

var chromeArticle = [...]string{
	"Hashtags",
	"Try Our AI Features",
	"Explore what Daily8 AI can do for you:",
	"Comments",
	"No comments yet...",
	"Related Articles",
}

const (
	debrisLine = "&w=3840&q=100)"
	maxCached  = 4096
)

// worker renders files. It owns its buffers and its story-text cache, so
// workers share nothing but the read-only plan.
type worker struct {
	p     *plan
	dir   string
	seed  int64
	fsrc  *rand.PCG
	fr    *rand.Rand
	ssrc  *rand.PCG
	sg    textGen
	buf   []byte
	tmp   []byte
	scr   []byte
	cache map[int32][]byte
}

func newWorker(p *plan, dir string, seed int64) *worker {
	w := &worker{p: p, dir: dir, seed: seed, cache: make(map[int32][]byte)}
	w.fsrc = rand.NewPCG(0, 0)
	w.fr = rand.New(w.fsrc)
	w.ssrc = rand.NewPCG(0, 0)
	w.sg = textGen{r: rand.New(w.ssrc)}
	return w
}

// body returns the story's text, paragraphs separated by '\n'. Popular
// stories recur on many pages, so their text is generated once per worker;
// the cache changes speed only, never output.
func (w *worker) body(id int32) []byte {
	if b, ok := w.cache[id]; ok {
		return b
	}
	w.ssrc.Seed(mix(w.seed, saltStory), uint64(id))
	s := &w.p.stories[id]
	if !s.pooled {
		w.tmp = w.text(w.tmp[:0], s)
		return w.tmp
	}
	b := w.text(make([]byte, 0, 8192), s)
	if len(w.cache) >= maxCached {
		clear(w.cache)
	}
	w.cache[id] = b
	return b
}

// text appends the story's body: a planted event's version, or the
// story's prose, with a distractor's paragraph when it has one.
func (w *worker) text(b []byte, s *story) []byte {
	if s.event > 0 {
		return w.sg.eventBody(b, s, &w.p.events[s.event-1])
	}
	b, w.scr = w.sg.storyBody(b, s, w.scr)
	if s.distract > 0 {
		b = w.sg.distraction(b, &w.p.events[s.distract-1])
	}
	if w.p.siteLines && !s.live {
		b = w.sg.siteLines(b, s)
	}
	return b
}

// blanks draws how many blank lines separate related blocks: mostly one or
// two, sometimes none or three.
func (w *worker) blanks(logo bool) int {
	u := w.fr.IntN(100)
	if logo {
		// the second layout follows every line with a blank line more strictly
		switch {
		case u < 3:
			return 0
		case u < 83:
			return 1
		case u < 97:
			return 2
		}
		return 3
	}
	switch {
	case u < 5:
		return 0
	case u < 60:
		return 1
	case u < 95:
		return 2
	}
	return 3
}

func appendNL(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, '\n')
	}
	return b
}

// age writes when the story was published relative to the page's save time,
// now and then as an absolute date, more often for old stories.
func (w *worker) age(b []byte, pub, save int64) []byte {
	secs := save - pub
	if p := w.fr.IntN(100); p < 3 || (secs > 7*86400 && p < 50) {
		return appendDate(b, pub)
	}
	return appendAge(b, secs)
}

// oneLine appends the body with its paragraph breaks lost, as related
// articles show it.
func oneLine(b, body []byte) []byte {
	start := len(b)
	b = append(b, body...)
	for i := start; i < len(b); i++ {
		if b[i] == '\n' {
			b[i] = ' '
		}
	}
	return b
}

// truncated appends the first paragraphs of body, as a save cut short.
func (w *worker) truncated(b, body []byte) []byte {
	lines := 1
	for _, c := range body {
		if c == '\n' {
			lines++
		}
	}
	keep := 1 + w.fr.IntN(lines)
	for i, c := range body {
		if c == '\n' {
			keep--
			if keep == 0 {
				return append(b, body[:i]...)
			}
		}
	}
	return append(b, body...)
}

func (w *worker) render(i int) (int, error) {
	p := w.p
	f := &p.files[i]
	day := &p.days[f.day]
	w.fsrc.Seed(mix(w.seed, saltFile), uint64(i))
	id := w.fr.Uint64()

	b := w.buf[:0]
	switch f.layout {
	case layoutArticle:
		b = w.article(b, f)
	case layoutLogo:
		b = w.logo(b, f)
	default:
		b = w.listing(b, f)
	}
	for len(b) > 0 && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	w.buf = b

	name := make([]byte, 0, 48)
	name = append(name, day.name...)
	name = append(name, os.PathSeparator)
	seq := strconv.Itoa(int(f.seq))
	for k := len(seq); k < day.width; k++ {
		name = append(name, '0')
	}
	name = append(name, seq...)
	name = append(name, '_')
	const hexdigits = "0123456789abcdef"
	for sh := 60; sh >= 0; sh -= 4 {
		name = append(name, hexdigits[(id>>sh)&0xf])
	}
	name = append(name, ".txt"...)
	path := filepath.Join(w.dir, string(name))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return 0, err
	}
	t := time.Unix(f.save, 0)
	if err := os.Chtimes(path, t, t); err != nil {
		return 0, err
	}
	return len(b), nil
}

func (w *worker) article(b []byte, f *filePlan) []byte {
	r := w.fr
	p := w.p
	if r.IntN(100) == 0 {
		b = append(b, debrisLine...)
		b = append(b, '\n')
	}
	if r.IntN(20) == 0 {
		b = appendNL(b, 1+r.IntN(2))
	}
	s := &p.stories[f.main]
	b = append(b, s.headline...)
	b = append(b, '\n')
	if f.trunc {
		return w.truncated(b, w.body(f.main))
	}
	b = append(b, w.body(f.main)...)
	b = append(b, '\n')
	if r.IntN(5) == 0 {
		b = append(b, '\n')
	}
	for k, line := range chromeArticle {
		if r.IntN(1000) < 30 && (k < len(chromeArticle)-1 || r.IntN(6) == 0) {
			continue // chrome lines go missing; the divider only rarely
		}
		b = append(b, line...)
		b = append(b, '\n')
	}
	for k, id := range p.rel[f.relOff : f.relOff+int32(f.relLen)] {
		if k == 0 {
			b = appendNL(b, min(1, w.blanks(false)))
		} else {
			b = appendNL(b, w.blanks(false))
		}
		rs := &p.stories[id]
		src := outlets[rs.source].name
		b = append(b, src...)
		b = append(b, '\n')
		b = w.age(b, rs.pub, f.save)
		b = append(b, "\n- "...)
		b = append(b, src...)
		b = append(b, '\n')
		b = append(b, rs.headline...)
		b = append(b, '\n')
		if r.IntN(200) != 0 { // a body is sometimes missing
			b = oneLine(b, w.body(id))
			b = append(b, '\n')
		}
	}
	return b
}

// logoBlock writes a related block or listing item of the second layout.
func (w *worker) logoBlock(b []byte, id int32, save int64) []byte {
	r := w.fr
	rs := &w.p.stories[id]
	src := outlets[rs.source].name
	b = append(b, rs.headline...)
	b = append(b, '\n')
	b = append(b, rs.headline...)
	b = append(b, "\n\n"...)
	b = append(b, src...)
	b = append(b, "\n\ntime"...)
	b = w.age(b, rs.pub, save)
	b = append(b, "\n\n"...)
	if r.IntN(3) == 0 {
		b = append(b, "  • "...)
		b = append(b, categories[r.IntN(len(categories))]...)
		b = append(b, '\n')
	}
	b = append(b, "  • "...)
	b = append(b, src...)
	b = append(b, '\n')
	b = append(b, rs.headline...)
	b = append(b, '\n')
	if r.IntN(200) != 0 {
		b = append(b, '\n')
		b = oneLine(b, w.body(id))
		b = append(b, '\n')
	}
	return b
}

func (w *worker) logo(b []byte, f *filePlan) []byte {
	r := w.fr
	p := w.p
	s := &p.stories[f.main]
	b = append(b, "logo\n"...)
	b = append(b, s.headline...)
	b = append(b, "\n\n"...)
	b = append(b, s.headline...)
	b = append(b, "\n\n"...)
	if r.IntN(100) < 92 {
		b = append(b, outlets[s.source].name...)
		b = w.age(b, s.pub, f.save)
		b = append(b, '\n')
	}
	if r.IntN(4) == 0 {
		b = append(b, categories[r.IntN(len(categories))]...)
		b = append(b, '\n')
	}
	if r.IntN(12) == 0 {
		b = append(b, "Show all "...)
		b = strconv.AppendInt(b, int64(3+r.IntN(13)), 10)
		b = append(b, '\n')
	}
	if f.trunc {
		return w.truncated(b, w.body(f.main))
	}
	b = append(b, w.body(f.main)...)
	b = append(b, '\n')
	if r.IntN(4) == 0 {
		b = append(b, "Orange background\n"...)
	}
	for k, line := range chromeArticle[1:] {
		if r.IntN(1000) < 30 && (k < len(chromeArticle)-2 || r.IntN(6) == 0) {
			continue
		}
		b = append(b, line...)
		b = append(b, "\n\n"...)
	}
	for k, id := range p.rel[f.relOff : f.relOff+int32(f.relLen)] {
		if k > 0 {
			b = appendNL(b, w.blanks(true))
		}
		b = w.logoBlock(b, id, f.save)
	}
	return b
}

func (w *worker) listing(b []byte, f *filePlan) []byte {
	p := w.p
	b = append(b, "logo\n#\nLatest news with #"...)
	b = append(b, topics[f.tag]...)
	b = append(b, "\n\n"...)
	for k, id := range p.rel[f.relOff : f.relOff+int32(f.relLen)] {
		if k > 0 {
			b = appendNL(b, w.blanks(true))
		}
		b = w.logoBlock(b, id, f.save)
	}
	return b
}
