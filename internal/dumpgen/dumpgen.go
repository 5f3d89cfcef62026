// Package dumpgen writes synthetic clipping dumps (see
// shared/docs/dump-format.md) for benchmarks and tests: folders of pages in
// both layouts plus hashtag listings, sharing stories the way real daily
// dumps do. All text is invented.
//
// The output is a pure function of Options: the same N, Seed, Days and Events give
// byte-identical files with the same names and modification times, however
// many workers write them.
package dumpgen

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Options control what Generate writes.
type Options struct {
	N    int   // number of files
	Seed int64 // same seed, same tree
	Days int   // number of day folders; 0 = about one per 3,000 files
	// Events plants that many events, each written up by two or three
	// outlets on different pages (see events.go); 0 plants none and leaves
	// the output as it always was.
	Events int
	// SiteLines ends stories with lines their site prints under every
	// story, and now and then a wire paragraph many outlets repeat (see
	// sitelines.go); false leaves the output as it always was.
	SiteLines bool
}

// Stats describe a generated tree.
type Stats struct {
	Files   int
	Bytes   int64
	Stories int // distinct stories shown across all files
	Events  int // planted events
	// Versions is how many stories tell the planted events.
	Versions int
}

// Generate writes opts.N dump files into dir, one folder per day
// (YYYY-MM-DD, from 2025-03-01). dir is created if needed and must be empty,
// so the tree it holds afterwards is exactly the generated one.
func Generate(dir string, opts Options) (Stats, error) {
	if opts.N < 0 {
		return Stats{}, fmt.Errorf("dumpgen: negative file count %d", opts.N)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, err
	}
	if empty, err := isEmpty(dir); err != nil {
		return Stats{}, err
	} else if !empty {
		return Stats{}, fmt.Errorf("dumpgen: %s is not empty", dir)
	}
	if opts.N == 0 {
		return Stats{}, nil
	}

	p := makePlan(opts)
	for d := range p.days {
		if err := os.Mkdir(filepath.Join(dir, p.days[d].name), 0o755); err != nil {
			return Stats{}, err
		}
	}

	// Workers claim small runs of consecutive files, which keeps each on one
	// day at a time and so makes its story cache effective.
	const chunk = 32
	var (
		next     atomic.Int64
		bytes    atomic.Int64
		failed   atomic.Bool
		errOnce  sync.Once
		firstErr error
		wg       sync.WaitGroup
	)
	workers := max(1, min(runtime.GOMAXPROCS(0), (opts.N+chunk-1)/chunk))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(p, dir, opts.Seed)
			var local int64
			defer func() { bytes.Add(local) }()
			for !failed.Load() {
				start := int(next.Add(chunk)) - chunk
				if start >= opts.N {
					return
				}
				for i := start; i < min(start+chunk, opts.N); i++ {
					n, err := w.render(i)
					if err != nil {
						errOnce.Do(func() { firstErr = err })
						failed.Store(true)
						return
					}
					local += int64(n)
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return Stats{}, firstErr
	}

	// Writing files touched the folders' times; give them the last save of
	// their day, so the whole tree is reproducible.
	for d := range p.days {
		day := &p.days[d]
		t := time.Unix(p.files[day.first+day.n-1].save, 0)
		if err := os.Chtimes(filepath.Join(dir, day.name), t, t); err != nil {
			return Stats{}, err
		}
	}
	st := Stats{Files: opts.N, Bytes: bytes.Load(), Stories: p.distinct, Events: len(p.events)}
	for _, ev := range p.events {
		st.Versions += len(ev.versions)
	}
	return st, nil
}

func isEmpty(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return false, err
}
