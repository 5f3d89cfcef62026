package dumpgen

import (
	"fmt"
	"os"
	"path/filepath"
)

// BenchRoot is where benchmarks keep generated corpora between runs:
// $TIDINGS_BENCH_DIR, else tidings-bench in the temporary folder.
func BenchRoot() string {
	if root := os.Getenv("TIDINGS_BENCH_DIR"); root != "" {
		return root
	}
	return filepath.Join(os.TempDir(), "tidings-bench")
}

// Cached returns root/dumps-N holding N dumps (seed 1), generating them the
// first time. A ".complete" file marks a finished corpus, so that an
// interrupted generation is redone rather than measured; scripts/bench.sh
// shares the same folders.
func Cached(root string, n int) (string, error) {
	dir := filepath.Join(root, fmt.Sprintf("dumps-%d", n))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if _, err := Generate(dir, Options{N: n, Seed: 1}); err != nil {
		return "", err
	}
	return dir, os.WriteFile(done, nil, 0o644)
}

// BenchArchive is the corpus the archive-scale benchmarks measure: 100,000
// dumps, or $TIDINGS_BENCH_N, cached under BenchRoot.
func BenchArchive() (string, error) {
	n := 100000
	if v := os.Getenv("TIDINGS_BENCH_N"); v != "" {
		if _, err := fmt.Sscan(v, &n); err != nil {
			return "", fmt.Errorf("TIDINGS_BENCH_N=%q: %v", v, err)
		}
	}
	return Cached(BenchRoot(), n)
}
