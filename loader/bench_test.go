package loader

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"tidings/internal/dumpgen"
	"tidings/model"
)

// benchCorpus generates n dumps once per process in a temporary folder
// kept between runs (set TIDINGS_BENCH_DIR to choose where).
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	root := os.Getenv("TIDINGS_BENCH_DIR")
	if root == "" {
		root = filepath.Join(os.TempDir(), "tidings-bench")
	}
	dir := filepath.Join(root, "dumps-"+itoa(n))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	if _, err := dumpgen.Generate(dir, dumpgen.Options{N: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644)
	return dir
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

var parseInput struct {
	once  sync.Once
	files [][]byte
	bytes int64
}

// BenchmarkParse measures the parser alone, on 1,000 generated dumps held
// in memory.
func BenchmarkParse(b *testing.B) {
	dir := benchCorpus(b, 1000)
	parseInput.once.Do(func() {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && filepath.Ext(path) == ".txt" {
				data, _ := os.ReadFile(path)
				parseInput.files = append(parseInput.files, data)
				parseInput.bytes += int64(len(data))
			}
			return nil
		})
	})
	hints := SaveHints{FolderDate: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Location: time.UTC}
	b.SetBytes(parseInput.bytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range parseInput.files {
			if _, err := Parse("x", f, hints); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func benchmarkLoad(b *testing.B, n int) {
	dir := benchCorpus(b, n)
	b.ReportAllocs()
	var files int
	var bytes int64
	for b.Loop() {
		lib := model.NewLibrary()
		Load(context.Background(), Source{Paths: []string{dir}}, Options{}, func(batch []Result, p Progress) {
			for _, r := range batch {
				if r.Dump != nil {
					lib.Add(r.Dump)
				}
			}
			files, bytes = p.Done, p.Bytes
		})
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(bytes)*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}

// BenchmarkLoad1k, 10k and 100k load generated dumps from disk into a
// library, on all cores. The 100k corpus is about 3.7 GB.
func BenchmarkLoad1k(b *testing.B)   { benchmarkLoad(b, 1000) }
func BenchmarkLoad10k(b *testing.B)  { benchmarkLoad(b, 10000) }
func BenchmarkLoad100k(b *testing.B) { benchmarkLoad(b, 100000) }
