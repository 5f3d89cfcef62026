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

// benchCorpus returns a folder of n generated dumps, made once and kept.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir, err := dumpgen.Cached(dumpgen.BenchRoot(), n)
	if err != nil {
		b.Fatal(err)
	}
	return dir
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
