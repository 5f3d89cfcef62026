//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// outputCommands are invocations of every command that writes to stdout.
func outputCommands(t *testing.T) [][]string {
	state := filepath.Join(t.TempDir(), "state.db")
	if r := runForTest("mark", "read", "--state", state, "980936e72688d1af"); r.code != 0 {
		t.Fatalf("mark: %+v", r)
	}
	return [][]string{
		{"list", "../../testdata/dumps/2025-03-04"}, {"list", "--json", "../../testdata/dumps/2025-03-04"},
		{"inspect", "../../testdata/dumps/2025-03-04"}, {"inspect", "--json", "../../testdata/dumps/2025-03-04"},
		{"related", "980936e72688d1af", "../../testdata/dumps/2025-03-04"}, {"related", "--json", "980936e72688d1af", "../../testdata/dumps/2025-03-04"},
		{"config", "--config", filepath.Join(t.TempDir(), "none.toml")}, {"state", "export", "--state", state},
		{"cache", "dir"}, {"version"}, {"--help"}, {"list", "--help"}, {"completion", "bash"},
		{"mark", "star", "--state", state, "980936e72688d1af"},
	}
}

// Issue 19, item 4: output that cannot be written (a full disk) is said on
// stderr and fails the command, where it exited 0 with a partial output.
func TestOutputIntoAFullDevice(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	for _, args := range outputCommands(t) {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), runMainEnv+"=1")
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = full, &stderr
		cmd.Run()
		name := "tidings " + strings.Join(args, " ")
		if code := cmd.ProcessState.ExitCode(); code != 1 {
			t.Errorf("%s > /dev/full: exit %d, want 1; stderr %q", name, code, stderr.String())
		}
		if !strings.Contains(stderr.String(), ": writing the output: write /dev/stdout: no space left on device\n") {
			t.Errorf("%s > /dev/full: stderr %q does not say what failed", name, stderr.String())
		}
	}
}

// A closed pipe (`tidings list | head -1`) stays silent: the process ends
// on SIGPIPE as a Go program writing to it does, and in-process the status
// is 1 with nothing on stderr.
func TestOutputIntoAClosedPipe(t *testing.T) {
	for _, args := range outputCommands(t) {
		name := "tidings " + strings.Join(args, " ")
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), runMainEnv+"=1")
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = w, &stderr
		cmd.Run()
		w.Close()
		status, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !status.Signaled() || status.Signal() != syscall.SIGPIPE || stderr.Len() != 0 {
			t.Errorf("%s | (closed): %v, stderr %q; want the end by SIGPIPE, silent", name, cmd.ProcessState, stderr.String())
		}

		r, w, err = os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		var inStderr bytes.Buffer
		code := run(args, nil, w, &inStderr)
		w.Close()
		if code != 1 || inStderr.Len() != 0 {
			t.Errorf("%s in-process into a closed pipe: exit %d, stderr %q; want 1, silent", name, code, inStderr.String())
		}
	}
}
