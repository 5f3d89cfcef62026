// Command dumpgen writes a synthetic daily-dump tree for benchmarks:
//
//	go run ./cmd/dumpgen -n 100000 -out /tmp/dg100k [-seed 1] [-days 0] [-events 0] [-mixed]
//
// -mixed turns five files in six into the other formats tidings opens
// (clippings, pages, feeds, mail), for the mixed-folder benchmark.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"tidings/internal/dumpgen"
	"tidings/internal/dumpgen/mixed"
)

func main() {
	n := flag.Int("n", 1000, "number of files")
	out := flag.String("out", "", "output folder (created; must be empty)")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same tree")
	days := flag.Int("days", 0, "number of day folders (0: about one per 3,000 files)")
	events := flag.Int("events", 0, "plant this many events, each written up by 2-3 outlets on unlinked pages (0: none, the usual output)")
	siteLines := flag.Bool("site-lines", false, "end stories with lines their site prints under every story, and now and then a wire paragraph many outlets repeat")
	mix := flag.Bool("mixed", false, "turn five files in six into Markdown clippings, saved pages, feeds, messages and mboxes")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || *events < 0 {
		fmt.Fprintln(os.Stderr, "usage: dumpgen -n N -out DIR [-seed S] [-days D] [-events E] [-mixed]")
		os.Exit(2)
	}
	start := time.Now()
	st, err := dumpgen.Generate(*out, dumpgen.Options{N: *n, Seed: *seed, Days: *days, Events: *events, SiteLines: *siteLines})
	if err != nil {
		fmt.Fprintln(os.Stderr, "dumpgen:", err)
		os.Exit(1)
	}
	if *mix {
		counts, err := mixed.Mix(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "dumpgen:", err)
			os.Exit(1)
		}
		fmt.Printf("formats: %v\n", counts)
	}
	elapsed := time.Since(start)
	fmt.Printf("files:   %d\n", st.Files)
	fmt.Printf("bytes:   %d (%.1f MiB, average %d per file)\n", st.Bytes, float64(st.Bytes)/(1<<20), st.Bytes/int64(max(1, st.Files)))
	fmt.Printf("stories: %d distinct\n", st.Stories)
	if st.Events > 0 {
		fmt.Printf("events:  %d planted, told by %d stories\n", st.Events, st.Versions)
	}
	fmt.Printf("elapsed: %s\n", elapsed.Round(time.Millisecond))
}
