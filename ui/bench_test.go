package ui

import (
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"

	"tidings/cache"
	"tidings/index"
	"tidings/internal/dumpgen"
	"tidings/loader"
	"tidings/model"
)

// The benchmarks here measure the reader at archive scale: a model that has
// loaded 100,000 generated dumps (set TIDINGS_BENCH_N for another size; and
// TIDINGS_BENCH_CACHE to a parse cache folder to start it from that),
// driven through Update and View as the program drives it. Key benchmarks
// report the median and 99th percentile of single key presses.

var archive struct {
	once sync.Once
	d    *driver
}

func archiveModel(b *testing.B) *driver {
	archive.once.Do(func() {
		dir, err := dumpgen.BenchArchive()
		if err != nil {
			b.Fatal(err)
		}
		archive.d = startDriver(b, 200, 50, func(o *Options) {
			o.Source = loader.Source{Paths: []string{dir}}
			// scripts/bench.sh starts it from the parse cache it wrote, as
			// a reader opened every day is.
			if c := os.Getenv("TIDINGS_BENCH_CACHE"); c != "" {
				o.Cache = cache.Cache{Dir: c}
			}
		})
	})
	archive.d.t = b
	return archive.d
}

// pressKeys times Update and View for each key press of a cycle.
func pressKeys(b *testing.B, d *driver, keys []tea.KeyPressMsg) {
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		_, cmd := d.m.Update(keys[i%len(keys)])
		_ = d.m.View()
		times = append(times, time.Since(start))
		b.StopTimer()
		d.run(cmd)
		drain(d)
		b.StartTimer()
	}
	reportPercentiles(b, times)
}

// drain handles the messages already waiting, such as renders finishing.
func drain(d *driver) {
	for {
		select {
		case msg := <-d.msgs:
			d.process(msg)
		default:
			return
		}
	}
}

func reportPercentiles(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	at := func(q float64) float64 { return float64(times[int(q*float64(len(times)-1))].Nanoseconds()) }
	b.ReportMetric(at(0.50), "p50-ns")
	b.ReportMetric(at(0.99), "p99-ns")
}

func BenchmarkCursorMove(b *testing.B) {
	d := archiveModel(b)
	d.m.layout.focus = focusList
	keys := []tea.KeyPressMsg{}
	for range 50 {
		keys = append(keys, keyPress("down"))
	}
	for range 50 {
		keys = append(keys, keyPress("up"))
	}
	pressKeys(b, d, keys)
}

func BenchmarkToggleRead(b *testing.B) {
	d := archiveModel(b)
	d.m.layout.focus = focusList
	pressKeys(b, d, []tea.KeyPressMsg{keyPress("m")})
}

// BenchmarkOpenRendered opens stories whose rendering is already cached:
// two stories, opened in turn from the list.
func BenchmarkOpenRendered(b *testing.B) {
	d := archiveModel(b)
	d.m.layout.focus = focusList
	d.m.list.top()
	first := d.m.list.selected()
	d.m.list.move(1)
	second := d.m.list.selected()
	for _, a := range []*model.Article{first, second} { // warm the cache
		d.m.open(a)
		d.run(d.m.refreshReader(false))
		d.settle()
	}
	open := func(a *model.Article) tea.KeyPressMsg {
		d.m.layout.focus = focusList
		d.m.list.selectArticle(a)
		return keyPress("enter")
	}
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		msg := open([]*model.Article{first, second}[i%2])
		b.StartTimer()
		start := time.Now()
		d.m.Update(msg)
		_ = d.m.View()
		times = append(times, time.Since(start))
		if d.m.reader.rendering() {
			b.Fatal("the story was not served from the cache")
		}
	}
	reportPercentiles(b, times)
}

func BenchmarkHistoryStep(b *testing.B) {
	d := archiveModel(b)
	d.m.layout.focus = focusList
	d.m.list.top()
	a := d.m.list.selected()
	d.m.open(a)
	d.settle()
	if len(a.Related()) == 0 {
		b.Skip("the first story has no related story")
	}
	d.run(d.m.open(a.Related()[0]))
	d.settle()
	pressKeys(b, d, []tea.KeyPressMsg{keyPress("backspace"), keyPress("]")})
}

// BenchmarkFilterKeystroke types queries letter by letter over the whole
// archive; each press must show the results of exactly that query.
func BenchmarkFilterKeystroke(b *testing.B) {
	d := archiveModel(b)
	d.until("the index is built", func() bool { return d.m.search.index != nil && d.m.search.facets != nil })
	d.m.layout.focus = focusList // in the reading pane, / finds in the story
	// Plain words, then a query with each operator.
	queries := []string{"harbour", "the", "council vote", "ferry night", "a",
		`"the council"`, "harbour -storm", "source:coastline wire", "day:-30.. council",
		"is:unread harbour", "£9", "source:wire24 day:2025-01-01.. the"}
	var keys []tea.KeyPressMsg
	for _, q := range queries {
		keys = append(keys, keyPress("/"))
		for _, r := range q {
			keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		keys = append(keys, keyPress("esc"))
	}
	times := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := keys[i%len(keys)]
		start, startCPU := time.Now(), threadCPU()
		_, cmd := d.m.Update(k)
		_ = d.m.View()
		elapsed, elapsedCPU := time.Since(start), threadCPU()-startCPU
		if d.m.filter.active && k.Text != "" && k.Text != "/" {
			times = append(times, elapsed)
			cpu = append(cpu, elapsedCPU)
			b.StopTimer()
			// A phrase is checked in a command after the key; the key
			// itself only starts it. (Checking it here too would read every
			// story's text, and its garbage would be collected during the
			// keys timed.)
			if q := index.ParseQuery(d.m.filter.query, d.m.opts.Now()); q.Read == nil && !q.Slow() {
				if want := d.m.search.index.Find(d.m.lib.Articles, &q); want != nil && want.Count != d.m.list.total {
					b.Fatalf("query %q: list shows %d stories, the index %d", d.m.filter.query, d.m.list.total, want.Count)
				}
			}
			b.StartTimer()
		}
		b.StopTimer()
		d.run(cmd)
		drain(d)
		b.StartTimer()
	}
	if b.N >= 10 && len(times) == 0 { // b.N is 1 on the framework's first, probing run
		b.Fatal("no keystroke reached the filter")
	}
	reportPercentiles(b, times)
	if len(cpu) > 0 && slices.Max(cpu) > 0 {
		// The key's own CPU time, which the machine's other work does
		// not lengthen (the collector's assists are counted in it).
		slices.Sort(cpu)
		b.ReportMetric(float64(cpu[(len(cpu)-1)*99/100].Nanoseconds()), "p99-cpu-ns")
	}
}

// longStory is a 5,000-word story in markdown, as the reader builds it.
func longStory() *model.Article {
	rng := rand.New(rand.NewPCG(7, 7))
	words := strings.Fields("the harbour council ferry night vote island crossing storm tram line growers frost lantern festival coast authority trial crew union budget")
	var paras []string
	for p := 0; p < 50; p++ {
		var sb strings.Builder
		for w := 0; w < 100; w++ {
			if w > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(words[rng.IntN(len(words))])
		}
		sb.WriteByte('.')
		paras = append(paras, sb.String())
	}
	return &model.Article{Story: model.Story{ID: "bench-long", Headline: "A long story", Text: &model.StoryText{Paragraphs: paras}}}
}

// BenchmarkGlamourOnly is glamour's own time on the 5,000-word story, the
// yardstick for BenchmarkFirstRender.
func BenchmarkGlamourOnly(b *testing.B) {
	md := storyMarkdown(model.Body{Paragraphs: longStory().Paragraphs()})
	tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(100))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := tr.Render(md); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstRender opens the 5,000-word story with nothing cached, from
// the key press until its rendering is on screen.
func BenchmarkFirstRender(b *testing.B) {
	a := longStory()
	m := New(Options{NoColor: false, Now: time.Now})
	defer m.Close()
	m.ctx.Dark = true
	m.resize(200, 50)
	for b.Loop() {
		m.rendering.cache = newRenderCache(4)
		m.reader.show(a, 0)
		msg := m.refreshReader(false)()
		m.Update(msg)
		_ = m.View()
		if m.reader.rendering() {
			b.Fatal("not rendered")
		}
	}
}
