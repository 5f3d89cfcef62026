package similar_test

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"tidings/internal/dumpgen"
	"tidings/loader"
	"tidings/model"
	"tidings/similar"
)

// The similarity benchmarks run over a library loaded from the generated
// corpus the other archive benchmarks use: 100,000 dumps (set
// TIDINGS_BENCH_N for another size), made once and kept in
// dumpgen.BenchRoot().

var dumpLibrary struct {
	once sync.Once
	lib  *model.Library
	sim  *similar.Similarity
}

func loadDumps(tb testing.TB, dir string) *model.Library {
	tb.Helper()
	lib := model.NewLibrary()
	loader.Load(context.Background(), loader.Source{Paths: []string{dir}}, loader.Options{Location: time.UTC}, func(batch []loader.Result, _ loader.Progress) {
		for _, r := range batch {
			if r.Err != nil {
				tb.Errorf("%s: %v", r.Path, r.Err)
				continue
			}
			lib.Add(r.Dump)
		}
	})
	return lib
}

func benchDumps(b *testing.B) (*model.Library, *similar.Similarity) {
	dumpLibrary.once.Do(func() {
		dir, err := dumpgen.BenchArchive()
		if err != nil {
			b.Fatal(err)
		}
		dumpLibrary.lib = loadDumps(b, dir)
		dumpLibrary.sim = similar.BuildSimilarity(dumpLibrary.lib.Articles)
	})
	return dumpLibrary.lib, dumpLibrary.sim
}

// BenchmarkSimilarBuild builds the structure over the whole library and
// reports its size.
func BenchmarkSimilarBuild(b *testing.B) {
	lib, _ := benchDumps(b)
	for b.Loop() {
		similar.BuildSimilarity(lib.Articles)
	}
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	sim := similar.BuildSimilarity(lib.Articles)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(sim.Bytes())/(1<<20), "struct-MB")
	runtime.KeepAlive(sim)
	b.ReportMetric(float64(len(lib.Articles)), "articles")
}

// BenchmarkSimilarFor asks for the 10 most similar stories of one story
// after another, spread over the library, and reports the median and 99th
// percentile of one call.
func BenchmarkSimilarFor(b *testing.B) {
	lib, sim := benchDumps(b)
	arts := lib.Articles
	times := make([]time.Duration, 0, 4096)
	step := max(1, len(arts)/997)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		a := arts[i%len(arts)]
		i += step
		start := time.Now()
		sim.For(a, 10)
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(len(arts)), "articles")
}
