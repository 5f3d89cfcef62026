package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// screenBuffer collects what the reader draws, safely across goroutines.
type screenBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *screenBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *screenBuffer) contains(s string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Contains(b.buf.String(), s)
}

// runReader runs the reader on paths in a terminal of its own, waits for
// the screen to show want, types q, and returns the exit status.
func runReader(t *testing.T, want string, paths ...string) int {
	t.Helper()
	dir := t.TempDir()
	args := append([]string{"--state", filepath.Join(dir, "state.db"), "--config", filepath.Join(dir, "none.toml")}, paths...)
	in, typed := io.Pipe()
	screen := &screenBuffer{}
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- runTUI(args, screen, &stderr, tea.WithInput(in), tea.WithOutput(screen), tea.WithWindowSize(80, 24))
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !screen.contains(want) {
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q", want)
		}
		time.Sleep(20 * time.Millisecond)
	}
	typed.Write([]byte("q"))
	select {
	case code := <-done:
		return code
	case <-time.After(10 * time.Second):
		t.Fatal("q did not quit")
	}
	return -1
}

func TestReaderExitStatus(t *testing.T) {
	if code := runReader(t, "No dumps loaded", t.TempDir()); code != 1 {
		t.Errorf("nothing loaded: exit %d, want 1", code)
	}
	if code := runReader(t, "unread / ", "../../samples/dumps"); code != 0 {
		t.Errorf("samples loaded: exit %d, want 0", code)
	}
}

func TestLightBackgroundFromCOLORFGBG(t *testing.T) {
	for value, light := range map[string]bool{
		"0;15": true, "0;7": true, "0;default;15": true, "15;0": false, "7;8": false,
		"": false, "15": false, "0;bright": false,
	} {
		if got := lightBackground(value); got != light {
			t.Errorf("COLORFGBG=%q: light %v, want %v", value, got, light)
		}
	}
}
