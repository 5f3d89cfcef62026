package testkit

import (
	"testing"
	"time"

	"tidings/internal/dumpgen"
)

// Hang is how long a call may take before a test calls it a hang: far
// beyond any real run, so that a loaded machine (or the race detector)
// never fails a test that would pass, while a call that blocks for good
// still ends the test with a message rather than at go test's timeout.
const Hang = 20 * time.Second

// Within runs f and fails the test, naming what, if f has not returned
// within Hang.
func Within(t testing.TB, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(Hang):
		t.Fatalf("%s did not return: a hang", what)
	}
}

// WaitFor polls cond until it holds, and fails the test, naming what, if
// it has not within Hang.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(Hang)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", Hang, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Corpus generates an invented archive of n dumps over days days, with
// events planted (so that similar stories exist), in a folder of its own,
// and returns the folder.
func Corpus(t testing.TB, n, days, events int, seed int64) string {
	t.Helper()
	dir := t.TempDir() + "/dumps"
	if _, err := dumpgen.Generate(dir, dumpgen.Options{N: n, Seed: seed, Days: days, Events: events}); err != nil {
		t.Fatal(err)
	}
	return dir
}
