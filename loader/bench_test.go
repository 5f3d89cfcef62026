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

// BenchmarkWalk100k walks the 100,000 generated dumps as a warm start's
// check does, alone and with a namer that knows every file (as the
// library's pages do), whose names the walk then makes no strings for:
// B/op is the garbage the check's walk makes.
func BenchmarkWalk100k(b *testing.B) {
	dir := benchCorpus(b, 100000)
	known := map[string]model.FileRef{}
	Walk([]string{dir}, func(f Found) { known[f.Key] = f.FileRef })
	named := func(key []byte) (model.FileRef, bool) {
		r, ok := known[string(key)]
		return r, ok
	}
	for _, bc := range []struct {
		name  string
		named Namer
	}{{"alone", nil}, {"named", named}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			files := 0
			for b.Loop() {
				files = 0
				WalkNamed([]string{dir}, bc.named, func(Found) { files++ })
			}
			b.ReportMetric(float64(files), "files")
		})
	}
}
