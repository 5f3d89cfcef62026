package similar_test

import (
	"bytes"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"tidings/internal/dumpgen"
	"tidings/model"
	"tidings/similar"
)

// The similar-stories model over an archive too big to load: the stories
// of the corpus of TIDINGS_BENCH_N dumps (default 100,000, which hold
// 114,000 stories; a million hold 1.14 million) as dumpgen plans them,
// their text told again whenever it is asked for, no file written or
// parsed and no text kept.

var generated struct {
	once     sync.Once
	plan     *dumpgen.Planned
	articles []*model.Article
	sim      *similar.Similarity
	build    time.Duration
}

func generatedModel(b *testing.B) (*dumpgen.Planned, []*model.Article, *similar.Similarity) {
	generated.once.Do(func() {
		files := 100_000
		if v := os.Getenv("TIDINGS_BENCH_N"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				b.Fatalf("TIDINGS_BENCH_N=%q: want a number of dumps", v)
			}
			files = n
		}
		pl := dumpgen.Plan(dumpgen.Options{N: files, Seed: 1}) // as dumpgen.Cached makes the corpus
		arts := make([]*model.Article, pl.Len())
		for i := range arts {
			s := pl.Story(i)
			arts[i] = &model.Article{Index: int32(i), Story: model.Story{
				ID:          model.StoryID(s.Headline, s.Source, ""),
				Headline:    s.Headline,
				PublishedAt: model.MomentOf(s.Published),
			}.WithSource(s.Source)}
		}
		start := time.Now()
		generated.sim = similar.BuildSimilarityFrom(arts, func(i int) (string, model.Body) {
			return arts[i].Headline, paragraphsOf(pl.Story(i).Body)
		})
		generated.build = time.Since(start)
		generated.plan, generated.articles = pl, arts
	})
	return generated.plan, generated.articles, generated.sim
}

func paragraphsOf(b []byte) model.Body {
	var body model.Body
	for p := range bytes.SplitSeq(b, []byte{'\n'}) {
		if len(p) > 0 {
			body.Paragraphs = append(body.Paragraphs, string(p))
		}
	}
	return body
}

// BenchmarkSimilarForGenerated asks for the 10 most similar stories of one
// story after another, spread over the model, as the reading pane does,
// and reports the median and 99th percentile of one call.
func BenchmarkSimilarForGenerated(b *testing.B) {
	pl, arts, sim := generatedModel(b)
	times := make([]time.Duration, 0, 4096)
	step := max(1, len(arts)/997)
	i, found := 0, 0
	for b.Loop() {
		a := arts[i%len(arts)]
		i += step
		b.StopTimer()
		body := paragraphsOf(pl.Story(int(a.Index)).Body)
		b.StartTimer()
		start := time.Now()
		if len(sim.ForText(a, body, 10)) > 0 {
			found++
		}
		times = append(times, time.Since(start))
	}
	if found == 0 {
		b.Fatal("no story had a similar one")
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(len(arts)), "articles")
	b.ReportMetric(generated.build.Seconds(), "build-s")
	b.ReportMetric(float64(sim.Bytes())/(1<<20), "struct-MB")
}
