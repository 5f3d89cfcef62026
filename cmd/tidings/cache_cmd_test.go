package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"tidings/internal/testkit"
)

// commandCorpus is a small generated archive with similar stories.
func commandCorpus(t *testing.T) string { return testkit.Corpus(t, 150, 3, 8, 3) }

// withCacheHome points the commands at a cache folder of the test's own.
func withCacheHome(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	return filepath.Join(home, "tidings")
}

// Issue 12: every command prints the same from the cache as from the
// dumps, byte for byte, and the cache can be cleared and turned off.
func TestCommandsFromTheCacheEqualCold(t *testing.T) {
	cacheDir := withCacheHome(t)
	dir := commandCorpus(t)
	state := filepath.Join(t.TempDir(), "state.db")

	noCache := runForTest("list", "--no-cache", "--json", "--state", state, dir)
	if entries, _ := os.ReadDir(cacheDir); len(entries) != 0 {
		t.Fatalf("--no-cache wrote the cache: %v", entries)
	}
	cold := runForTest("list", "--json", "--state", state, dir)
	if entries, _ := os.ReadDir(cacheDir); len(entries) != 1 {
		t.Fatalf("a cold list wrote %d cache files, want 1", len(entries))
	}
	warm := runForTest("list", "--json", "--state", state, dir)
	if cold.code != 0 || warm != cold || noCache != cold {
		t.Errorf("list --json differs: cold %d bytes, warm %d, no cache %d", len(cold.stdout), len(warm.stdout), len(noCache.stdout))
	}
	if r := runForTest("list", "--state", state, dir); r != runForTest("list", "--no-cache", "--state", state, dir) {
		t.Error("list differs from the cache")
	}

	// related: every story of the first day, links and similar stories.
	ids := 0
	for _, line := range strings.Split(runForTest("list", "--state", state, dir).stdout, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || ids >= 25 {
			continue
		}
		ids++
		want := runForTest("related", "--no-cache", "--json", f[1], dir)
		if got := runForTest("related", "--json", f[1], dir); got != want {
			t.Errorf("related %s from the cache:\n%s\nwant:\n%s", f[1], got.stdout, want.stdout)
		}
	}
	if ids == 0 {
		t.Fatal("no stories listed")
	}

	if r := runForTest("cache", "dir"); r.code != 0 || strings.TrimSpace(r.stdout) != cacheDir {
		t.Errorf("cache dir: %+v, want %s", r, cacheDir)
	}
	if r := runForTest("cache", "clear"); r.code != 0 || !strings.Contains(r.stdout, "removed 1 cache file") {
		t.Errorf("cache clear: %+v", r)
	}
	if entries, _ := os.ReadDir(cacheDir); len(entries) != 0 {
		t.Errorf("left after clear: %v", entries)
	}
	if r := runForTest("cache", "wipe"); r.code != 2 || !strings.Contains(r.stderr, "usage: tidings cache") {
		t.Errorf("cache wipe: %+v", r)
	}
}

// Issue 12: two tidings writing the cache at once leave a whole one.
func TestTwoProcessesWriteTheCacheAtOnce(t *testing.T) {
	cacheDir := withCacheHome(t)
	dir := commandCorpus(t)
	want := runForTest("list", "--no-cache", "--json", dir).stdout
	var wg sync.WaitGroup
	outs := make([]string, 4)
	for i := range outs {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0], "list", "--json", dir)
			cmd.Env = append(os.Environ(), runMainEnv+"=1", "XDG_CACHE_HOME="+filepath.Dir(cacheDir))
			var stdout bytes.Buffer
			cmd.Stdout = &stdout
			if err := cmd.Run(); err != nil {
				t.Error(err)
			}
			outs[i] = stdout.String()
		})
	}
	wg.Wait()
	for i, out := range outs {
		if out != want {
			t.Errorf("process %d printed another list", i)
		}
	}
	names, _ := filepath.Glob(filepath.Join(cacheDir, "*"))
	if len(names) != 1 || !strings.HasSuffix(names[0], ".cache") {
		t.Fatalf("cache folder holds %v, want one snapshot", names)
	}
	if got := runForTest("list", "--json", dir).stdout; got != want {
		t.Error("the cache the processes left gives another list")
	}
}
