package dumpgen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

type genFile struct {
	rel   string
	data  []byte
	mtime time.Time
}

func generate(t *testing.T, opts Options) (string, Stats, []genFile) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	st, err := Generate(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	var files []genFile
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		f := genFile{rel: filepath.ToSlash(rel), mtime: info.ModTime()}
		if !d.IsDir() {
			if f.data, err = os.ReadFile(path); err != nil {
				return err
			}
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, st, files
}

func TestDeterministic(t *testing.T) {
	opts := Options{N: 700, Seed: 42, Days: 2}
	_, st1, a := generate(t, opts)
	// one worker instead of several must not change the output
	prev := runtime.GOMAXPROCS(1)
	_, st2, b := generate(t, opts)
	runtime.GOMAXPROCS(prev)
	if st1 != st2 {
		t.Fatalf("stats differ: %+v vs %+v", st1, st2)
	}
	if len(a) != len(b) {
		t.Fatalf("%d vs %d entries", len(a), len(b))
	}
	for i := range a {
		if a[i].rel != b[i].rel || !bytes.Equal(a[i].data, b[i].data) || !a[i].mtime.Equal(b[i].mtime) {
			t.Fatalf("entry %d differs: %s (%v) vs %s (%v)", i, a[i].rel, a[i].mtime, b[i].rel, b[i].mtime)
		}
	}

	_, _, c := generate(t, Options{N: 700, Seed: 43, Days: 2})
	same := 0
	for i := range min(len(a), len(c)) {
		if a[i].rel == c[i].rel || bytes.Equal(a[i].data, c[i].data) {
			same++
		}
	}
	if same > 2 { // the two day folders share names
		t.Errorf("seed 43 repeats %d entries of seed 42", same)
	}
}

func TestRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, Options{N: 3}); err == nil {
		t.Fatal("Generate wrote into a non-empty folder")
	}
}

func TestSmallCounts(t *testing.T) {
	for _, n := range []int{0, 1, 2, 5} {
		_, st, files := generate(t, Options{N: n, Seed: 1, Days: 3})
		got := 0
		for _, f := range files {
			if f.data != nil {
				got++
			}
		}
		if st.Files != n || got != n {
			t.Errorf("N=%d: stats %+v, %d files on disk", n, st, got)
		}
	}
}

func TestAppendAge(t *testing.T) {
	const m, h, d = 60, 3600, 86400
	cases := []struct {
		secs int64
		want string
	}{
		{0, "a few seconds ago"}, {44, "a few seconds ago"}, {45, "a minute ago"},
		{89, "a minute ago"}, {90, "2 minutes ago"}, {29 * m, "29 minutes ago"},
		{44 * m, "44 minutes ago"}, {45 * m, "an hour ago"}, {89 * m, "an hour ago"},
		{90 * m, "2 hours ago"}, {4 * h, "4 hours ago"}, {21 * h, "21 hours ago"},
		{22 * h, "a day ago"}, {35 * h, "a day ago"}, {36 * h, "2 days ago"},
		{6 * d, "6 days ago"}, {25 * d, "25 days ago"}, {26 * d, "a month ago"},
		{45 * d, "a month ago"}, {46 * d, "2 months ago"}, {90 * d, "3 months ago"},
		{319 * d, "10 months ago"}, {320 * d, "a year ago"}, {547 * d, "a year ago"},
		{548 * d, "2 years ago"},
	}
	for _, c := range cases {
		if got := string(appendAge(nil, c.secs)); got != c.want {
			t.Errorf("%ds: got %q, want %q", c.secs, got, c.want)
		}
	}
}

var (
	dayRe    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	nameRe   = regexp.MustCompile(`^(\d{3,})_[0-9a-f]{16}\.txt$`)
	ageRe    = regexp.MustCompile(`^(a few seconds ago|a minute ago|\d+ minutes ago|an hour ago|\d+ hours ago|a day ago|\d+ days ago|a month ago|\d+ months ago|a year ago|\d+ years ago|\d\d-\d\d-\d{4})$`)
	datelnRe = regexp.MustCompile(`^[\p{Lu} ]+, [A-Z][a-z]+ \d{1,2} \([^)]+\) - `)
)

var chromeLines = map[string]bool{
	"Hashtags": true, "Try Our AI Features": true, "Explore what Daily8 AI can do for you:": true,
	"Comments": true, "No comments yet...": true, "Related Articles": true,
}

// page is what a minimal test parser makes of a generated file.
type page struct {
	layout   uint8
	headline string
	source   string // layout 2 only, when the line is present
	body     []string
	chrome   bool
	related  []block
}

type block struct{ source, age, headline, body string }

func parsePage(t *testing.T, name string, data []byte) page {
	lines := strings.Split(string(data), "\n")
	var p page
	if lines[0] == "logo" {
		if len(lines) > 1 && lines[1] == "#" {
			p.layout = layoutListing
			if !strings.HasPrefix(lines[2], "Latest news with #") {
				t.Errorf("%s: listing line 3 is %q", name, lines[2])
			}
			p.related = logoBlocks(t, name, lines[3:])
			return p
		}
		p.layout = layoutLogo
		p.headline = lines[1]
		if lines[2] != "" || lines[3] != p.headline || lines[4] != "" {
			t.Errorf("%s: second layout head %q", name, lines[:5])
		}
		i := 5
		// The glued "Wire243 minutes ago" is ambiguous on its own; the test
		// knows the outlets, so it takes the longest known name that fits.
		for _, o := range outlets {
			if rest, ok := strings.CutPrefix(lines[i], o.name); ok && ageRe.MatchString(rest) && len(o.name) > len(p.source) {
				p.source = o.name
			}
		}
		if p.source != "" {
			i++
		}
		for ; i < len(lines); i++ {
			l := lines[i]
			if slices.Contains(categories, l) || strings.HasPrefix(l, "Show all ") {
				continue
			}
			if l == "Orange background" || chromeLines[l] {
				p.chrome = true
				break
			}
			p.body = append(p.body, l)
		}
		p.related = logoBlocks(t, name, lines[i:])
		return p
	}

	p.layout = layoutArticle
	i := 0
	for i < len(lines) && (lines[i] == "" || lines[i] == debrisLine) {
		i++
	}
	p.headline = lines[i]
	for i++; i < len(lines); i++ {
		if chromeLines[lines[i]] {
			p.chrome = true
			break
		}
		if lines[i] != "" {
			p.body = append(p.body, lines[i])
		}
	}
	// the "- Source" line, two below the source, anchors each block
	for ; i+3 < len(lines); i++ {
		src := lines[i]
		if src == "" || lines[i+2] != "- "+src {
			continue
		}
		b := block{source: src, age: lines[i+1], headline: lines[i+3]}
		if i+4 < len(lines) && !(i+6 < len(lines) && lines[i+6] == "- "+lines[i+4]) {
			b.body = lines[i+4]
		}
		p.related = append(p.related, b)
		i += 3
	}
	return p
}

func logoBlocks(t *testing.T, name string, lines []string) []block {
	var out []block
	for i := 0; i+7 < len(lines); i++ {
		h := lines[i]
		if h == "" || lines[i+1] != h || lines[i+2] != "" || lines[i+4] != "" || !strings.HasPrefix(lines[i+5], "time") {
			continue
		}
		b := block{headline: h, source: lines[i+3], age: strings.TrimPrefix(lines[i+5], "time")}
		j := i + 7
		for j < len(lines) && strings.HasPrefix(lines[j], "  • ") {
			j++
		}
		if lines[j-1] != "  • "+b.source || j >= len(lines) || lines[j] != h {
			t.Errorf("%s: malformed block %q", name, lines[i:min(j+1, len(lines))])
			continue
		}
		// a missing body lets the next block's doubled headline follow
		if j+2 < len(lines) && lines[j+1] == "" && !(j+3 < len(lines) && lines[j+3] == lines[j+2]) {
			b.body = lines[j+2]
		}
		out = append(out, b)
		i = j
	}
	return out
}

func words(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' '
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// liveGlued reports whether s holds a live-blog stamp glued to a name, as in
// "Ana Ruiz3 March 2025 07:42" (a regexp is too slow over 100 MB).
func liveGlued(s string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], " 2025 ")
		if i < 0 {
			return false
		}
		i += off
		off = i + 1
		before := s[:i]
		sp := strings.LastIndexByte(before, ' ')
		if sp < 0 || !slices.Contains(months, before[sp+1:]) {
			continue
		}
		j := sp
		for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
			j--
		}
		if j < sp && sp-j <= 2 && j > 0 && s[j-1] != ' ' {
			return true
		}
	}
}

func TestTree(t *testing.T) {
	const n = 3000
	_, st, files := generate(t, Options{N: n, Seed: 7, Days: 2})

	var (
		total      int64
		nfiles     int
		layouts    [3]int
		pages      = map[string]page{}
		saved      = map[string]time.Time{}
		days       []string
		lastSeq    = map[string]int{}
		width      = map[string]int{}
		relCount   int
		relPages   int
		liveBodies int
		datelines  int
	)
	for _, f := range files {
		if f.data == nil {
			if !dayRe.MatchString(f.rel) {
				t.Errorf("folder %q", f.rel)
			}
			days = append(days, f.rel)
			continue
		}
		nfiles++
		total += int64(len(f.data))
		day, name := filepath.Split(f.rel)
		day = strings.TrimSuffix(day, "/")
		m := nameRe.FindStringSubmatch(name)
		if m == nil {
			t.Fatalf("file name %q", f.rel)
		}
		if w, ok := width[day]; ok && w != len(m[1]) {
			t.Errorf("%s: sequence width changes within the day", f.rel)
		}
		width[day] = len(m[1])
		seq := 0
		for _, c := range m[1] {
			seq = seq*10 + int(c-'0')
		}
		if last, ok := lastSeq[day]; (ok && seq != last+1) || (!ok && seq != 0) {
			t.Errorf("%s: sequence %d after %d", f.rel, seq, lastSeq[day])
		}
		lastSeq[day] = seq
		dayStart, err := time.Parse("2006-01-02", day)
		if err != nil {
			t.Fatal(err)
		}
		if f.mtime.Before(dayStart) || !f.mtime.Before(dayStart.AddDate(0, 0, 1)) {
			t.Errorf("%s: mtime %v outside its day", f.rel, f.mtime)
		}
		saved[f.rel] = f.mtime

		if !utf8.Valid(f.data) {
			t.Errorf("%s: invalid UTF-8", f.rel)
		}
		if bytes.ContainsAny(f.data, "\r\x00\t") || bytes.HasSuffix(f.data, []byte("\n")) {
			t.Errorf("%s: CR, NUL, tab or trailing newline", f.rel)
		}
		p := parsePage(t, f.rel, f.data)
		if len(f.data) > 160_000 || (len(f.data) < 1500 && p.chrome) {
			t.Errorf("%s: %d bytes", f.rel, len(f.data))
		}
		pages[f.rel] = p
		layouts[p.layout]++
		if p.layout != layoutListing {
			w := 0
			for _, l := range p.body {
				w += words(l)
				if words(l) > 120 {
					t.Errorf("%s: paragraph of %d words", f.rel, words(l))
				}
			}
			if p.chrome && (w < 300 || w > 1500) {
				t.Errorf("%s: main body of %d words", f.rel, w)
			}
			if datelnRe.MatchString(p.body[0]) {
				datelines++
			}
			if len(p.related) > 10 {
				t.Errorf("%s: %d related articles", f.rel, len(p.related))
			}
			relCount += len(p.related)
			relPages++
		}
		for _, b := range p.related {
			if !ageRe.MatchString(b.age) {
				t.Errorf("%s: age %q", f.rel, b.age)
			}
			if b.body == "" {
				continue
			}
			if w := words(b.body); w < 300 || w > 1500 {
				t.Errorf("%s: related body of %d words: %.80q", f.rel, w, b.body)
			}
			if liveGlued(b.body) {
				liveBodies++
			}
		}
	}

	if nfiles != n || st.Files != n || st.Bytes != total {
		t.Errorf("stats %+v, on disk %d files, %d bytes", st, nfiles, total)
	}
	if !slices.Equal(days, []string{"2025-03-01", "2025-03-02"}) {
		t.Errorf("day folders %v", days)
	}
	frac := func(k int) float64 { return float64(k) / float64(n) }
	if a, l, h := frac(layouts[layoutArticle]), frac(layouts[layoutLogo]), frac(layouts[layoutListing]); a < 0.65 || a > 0.75 || l < 0.21 || l > 0.29 || h < 0.03 || h > 0.07 {
		t.Errorf("layout mix %.3f / %.3f / %.3f", a, l, h)
	}
	if avg := float64(relCount) / float64(relPages); avg < 4.5 || avg > 7.5 {
		t.Errorf("%.2f related articles per page", avg)
	}
	if f := float64(datelines) / float64(relPages); f < 0.75 || f > 0.95 {
		t.Errorf("%.2f of main stories open with a dateline", f)
	}
	if f := float64(liveBodies) / float64(relCount); f < 0.01 || f > 0.06 {
		t.Errorf("%.3f of related articles are live blogs", f)
	}

	// Sharing: popular stories recur with the same text, and some stories
	// are the main story of one page and related on another.
	type key struct{ source, headline string }
	seen := map[key]int{}
	bodyOf := map[key]string{}
	sourceOf := map[string]string{}
	generic := func(h string) bool { return slices.Contains(genericHeads, h) }
	for name, p := range pages {
		for _, b := range p.related {
			k := key{b.source, b.headline}
			seen[k]++
			if b.body != "" {
				if prev, ok := bodyOf[k]; ok && prev != b.body {
					t.Errorf("%s: %q has two different bodies", name, b.headline)
				}
				bodyOf[k] = b.body
			}
			if generic(b.headline) {
				continue
			}
			if s, ok := sourceOf[b.headline]; ok && s != b.source {
				t.Errorf("headline %q from both %q and %q", b.headline, s, b.source)
			}
			sourceOf[b.headline] = b.source
		}
	}
	maxSeen := 0
	for _, c := range seen {
		maxSeen = max(maxSeen, c)
	}
	if maxSeen < 20 {
		t.Errorf("most shown story appears only %d times", maxSeen)
	}
	crossed := 0
	for name, p := range pages {
		if p.layout == layoutListing || !p.chrome {
			continue
		}
		src, ok := sourceOf[p.headline]
		if !ok {
			continue
		}
		crossed++
		if p.source != "" && p.source != src {
			t.Errorf("%s: main story %q from %q, related from %q", name, p.headline, p.source, src)
		}
		if body, ok := bodyOf[key{src, p.headline}]; ok && body != strings.Join(p.body, " ") {
			t.Errorf("%s: main story %q differs from its related copy", name, p.headline)
		}
	}
	if crossed < n/20 {
		t.Errorf("only %d main stories also appear as related", crossed)
	}
	// Main stories of the first layout have no source line, so they count
	// by headline unless they also appear as related.
	distinct := map[string]bool{}
	for _, p := range pages {
		for _, b := range p.related {
			distinct[b.source+"\x00"+b.headline] = true
		}
	}
	for _, p := range pages {
		if _, ok := sourceOf[p.headline]; !ok && p.layout != layoutListing {
			distinct[p.headline] = true
		}
	}
	if got := len(distinct); got < st.Stories*95/100 || got > st.Stories {
		t.Errorf("parsed about %d distinct stories, stats say %d", got, st.Stories)
	}
	t.Logf("%d files, %d bytes (avg %d), %d stories; layouts %v; %.2f related/page; max shown %d; %d main-and-related",
		nfiles, total, total/int64(nfiles), st.Stories, layouts, float64(relCount)/float64(relPages), maxSeen, crossed)
}

func TestVocabulary(t *testing.T) {
	if len(nouns) < 2000 || len(adjs) < 500 || len(places) < 300 || len(surnames) < 400 || len(outlets) < 50 {
		t.Errorf("vocabulary too small: %d nouns, %d adjectives, %d places, %d surnames, %d outlets",
			len(nouns), len(adjs), len(places), len(surnames), len(outlets))
	}
	for _, list := range [][]string{nouns, adjs, places, surnames, topics, firstNames} {
		for _, w := range list {
			if !utf8.ValidString(w) || w == "" || strings.ContainsAny(w, "\n\t") {
				t.Errorf("bad word %q", w)
			}
		}
	}
}

func BenchmarkRender(b *testing.B) {
	p := makePlan(Options{N: 3000, Seed: 1})
	w := newWorker(p, b.TempDir(), 1)
	var n int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := &p.files[i%len(p.files)]
		w.buf = w.buf[:0]
		switch f.layout {
		case layoutArticle:
			w.buf = w.article(w.buf, f)
		case layoutLogo:
			w.buf = w.logo(w.buf, f)
		default:
			w.buf = w.listing(w.buf, f)
		}
		n += int64(len(w.buf))
	}
	b.SetBytes(n / int64(b.N))
}
