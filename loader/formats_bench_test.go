package loader_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tidings/internal/dumpgen"
	"tidings/internal/dumpgen/mixed"
	"tidings/loader"
	"tidings/model"
)

// The parsers of each format, measured on the files of that format in the
// mixed benchmark folder (`dumpgen -mixed`, as scripts/bench.sh makes it),
// held in memory: what each costs a byte, apart from the disk.

const mixedBenchN = 10000

func mixedCorpus(b *testing.B) string {
	b.Helper()
	dir, err := mixed.Cached(dumpgen.BenchRoot(), mixedBenchN)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

type benchFile struct {
	path string
	data []byte
}

var mixedFiles struct {
	once   sync.Once
	byExt  map[string][]benchFile
	loadOK error
}

func filesOf(b *testing.B, exts ...string) []benchFile {
	dir := mixedCorpus(b)
	mixedFiles.once.Do(func() {
		mixedFiles.byExt = map[string][]benchFile{}
		mixedFiles.loadOK = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
				return err
			}
			data, err := os.ReadFile(path)
			ext := strings.TrimPrefix(filepath.Ext(path), ".")
			mixedFiles.byExt[ext] = append(mixedFiles.byExt[ext], benchFile{path, data})
			return err
		})
	})
	if mixedFiles.loadOK != nil {
		b.Fatal(mixedFiles.loadOK)
	}
	var out []benchFile
	for _, ext := range exts {
		out = append(out, mixedFiles.byExt[ext]...)
	}
	if len(out) == 0 {
		b.Fatalf("no .%s files in %s", exts, dir)
	}
	return out
}

func benchmarkFormat(b *testing.B, exts ...string) {
	files := filesOf(b, exts...)
	var size int64
	for _, f := range files {
		size += int64(len(f.data))
	}
	hints := loader.SaveHints{FolderDate: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Location: time.UTC}
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, f := range files {
			// Parse may keep the bytes: each run parses a copy, as a load
			// parses the bytes it read.
			if _, err := loader.Parse(f.path, append([]byte(nil), f.data...), hints); err != nil {
				b.Fatalf("%s: %v", f.path, err)
			}
		}
	}
	b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time (all cores, the garbage collector's
// included) spent per run since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

func BenchmarkFormatDump(b *testing.B)     { benchmarkFormat(b, "txt") }
func BenchmarkFormatMarkdown(b *testing.B) { benchmarkFormat(b, "md") }
func BenchmarkFormatHTMLPage(b *testing.B) { benchmarkFormat(b, "html") }
func BenchmarkFormatRSS(b *testing.B)      { benchmarkFormat(b, "xml") }
func BenchmarkFormatAtom(b *testing.B)     { benchmarkFormat(b, "atom") }
func BenchmarkFormatJSONFeed(b *testing.B) { benchmarkFormat(b, "json") }
func BenchmarkFormatEML(b *testing.B)      { benchmarkFormat(b, "eml") }
func BenchmarkFormatMbox(b *testing.B)     { benchmarkFormat(b, "mbox") }

// BenchmarkLoadMixed loads the whole mixed folder from disk into a library
// on all cores, as `tidings list --no-cache` does.
func BenchmarkLoadMixed(b *testing.B) {
	dir := mixedCorpus(b)
	b.ReportAllocs()
	var files int
	cpu := cpuTime()
	for b.Loop() {
		lib := model.NewLibrary()
		loader.Load(context.Background(), loader.Source{Paths: []string{dir}}, loader.Options{Location: time.UTC}, func(batch []loader.Result, p loader.Progress) {
			loader.AddTo(lib, batch)
			files = p.Done
		})
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	reportCPU(b, cpu)
}
