package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tidings/cache"
	"tidings/internal/dumpgen"
	"tidings/loader"
	"tidings/model"
)

// BenchmarkLiveArchive measures issue 12's live budgets on the archive
// (100,000 dumps, or $TIDINGS_BENCH_N) started warm from the parse cache,
// watching a second folder that new dumps are written into: how long one
// new dump takes to be on screen (write to frame, through the watcher and
// its settling time), and, for a burst of 1,000 dumps, how long they take
// to be in and the longest any message's Update and View took meanwhile,
// a key being pressed every 10 ms: no key waits longer than that. Run it
// with -benchtime 1x; it needs a cold start first, to write the cache.
func BenchmarkLiveArchive(b *testing.B) {
	dir, err := dumpgen.BenchArchive()
	if err != nil {
		b.Fatal(err)
	}
	extra, cacheDir := b.TempDir(), b.TempDir()
	open := func() *driver {
		return startDriver(b, 200, 50, func(o *Options) {
			o.Source = loader.Source{Paths: []string{dir, extra}}
			o.Cache = cache.Cache{Dir: cacheDir}
			o.Watch = true
		})
	}
	cold := open()
	cold.until("the cache is written", cold.cacheWritten)
	cold.m.Close()
	cold.store.Close()

	d := open()
	defer d.store.Close()
	defer d.m.Close()
	if !d.m.lib.Articles[0].TextOnDisk {
		b.Fatal("the second start did not come from the cache")
	}
	d.until("the watch is set up", func() bool { return d.m.watch.ready })
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// One dump.
		start := time.Now()
		writeDump(b, filepath.Join(extra, "2099-01-01", fmt.Sprintf("one-%d.txt", i)),
			dumpText(fmt.Sprintf("Lighthouse keeper %d named by the council", i), fmt.Sprintf("Keeper side story %d", i)))
		// The cursor keeps its story and its line, so the new day comes in
		// above it, out of view: the status bar says so at once.
		d.until("the new dump is in", func() bool { return strings.Contains(d.screen(), "2 new stories") })
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "one-dump-ms")
		d.keys("g")
		d.requireScreenContains(fmt.Sprintf("Lighthouse keeper %d named", i))

		// A burst of 1,000, keys pressed meanwhile.
		start = time.Now()
		for k := range 1000 {
			writeDump(b, filepath.Join(extra, fmt.Sprintf("2099-01-%02d", 2+i), fmt.Sprintf("%04d.txt", k)),
				dumpText(fmt.Sprintf("Burst story %d of round %d", k, i), fmt.Sprintf("Burst side story %d of round %d", k, i)))
		}
		var worst time.Duration
		tick := time.NewTicker(10 * time.Millisecond)
		keys := []string{"j", "k"}
		in := func() bool {
			return d.m.lib.ByID(model.StoryID(fmt.Sprintf("Burst story 999 of round %d", i), "", "")) != nil && !d.m.search.indexing
		}
		deadline := time.After(2 * time.Minute)
		for n := 0; !in(); n++ {
			select {
			case msg := <-d.msgs:
				t0 := time.Now()
				d.process(msg)
				_ = d.m.View()
				worst = max(worst, time.Since(t0))
			case <-tick.C:
				t0 := time.Now()
				d.send(keyPress(keys[n%2]))
				_ = d.m.View()
				worst = max(worst, time.Since(t0))
			case <-deadline:
				b.Fatalf("the burst is not in after 2 minutes:\n%s", d.screen())
			}
		}
		tick.Stop()
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "burst-in-ms")
		b.ReportMetric(float64(worst.Microseconds())/1000, "worst-update-ms")
	}
}
