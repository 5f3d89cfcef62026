//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runMainEnv makes the test binary run main instead of the tests, so that
// process-level tests exercise the real command, exit status and all.
const runMainEnv = "TIDINGS_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
	}
	// go build, which a test runs, keeps its cache under XDG_CACHE_HOME
	// too: it keeps the one it had rather than building every package
	// again into the tests' folder.
	if os.Getenv("GOCACHE") == "" {
		if user, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(user, "go-build"))
		}
	}
	// Its settings file is under XDG_CONFIG_HOME, which changes below.
	if os.Getenv("GOENV") == "" {
		if user, err := os.UserConfigDir(); err == nil {
			os.Setenv("GOENV", filepath.Join(user, "go", "env"))
		}
	}
	// Commands write the parse cache: the tests keep theirs out of the
	// user's, one folder for the whole run (subprocesses inherit it).
	dir, err := os.MkdirTemp("", "tidings-test-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	// Nor does a test read or write the user's marks or settings.
	for _, v := range []string{"XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"} {
		os.Setenv(v, filepath.Join(dir, v))
	}
	os.Unsetenv("TIDINGS_STATE")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestCommandsFinishWithSpecialFiles: a named pipe, a socket and a link to
// /dev/zero in a dump folder, or given by name, hung `inspect` and `list`
// forever or read without end; each command must finish promptly, name each
// with its reason and print the dump beside them (issue 9, items 5, 6, 9).
func TestCommandsFinishWithSpecialFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Harbour authority approves night ferries\nThe authority said so.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	given := filepath.Join(t.TempDir(), "given.txt")
	for _, fifo := range []string{filepath.Join(dir, "fifo.txt"), given} {
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")); err != nil {
		t.Fatal(err)
	}
	special := []string{filepath.Join(dir, "fifo.txt"), filepath.Join(dir, "zero.txt"), given, "/dev/zero"}
	if l, err := net.Listen("unix", filepath.Join(dir, "sock.txt")); err == nil {
		defer l.Close()
		special = append(special, filepath.Join(dir, "sock.txt"))
	}
	stateDir := t.TempDir()
	for _, cmdArgs := range [][]string{{"inspect"}, {"inspect", "--json"}, {"list"}, {"list", "--json"}} {
		name := strings.Join(cmdArgs, " ")
		args := append(cmdArgs, dir, given, "/dev/zero")
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		cmd := exec.CommandContext(ctx, os.Args[0], args...)
		cmd.Env = append(os.Environ(), runMainEnv+"=1", "TIDINGS_STATE="+filepath.Join(stateDir, "state.db"), "XDG_STATE_HOME="+stateDir)
		cmd.WaitDelay = time.Second
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			t.Fatalf("%s did not finish: a hang\nstderr: %s", name, stderr.String())
		}
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("%s: %v", name, err)
		}
		if code := cmd.ProcessState.ExitCode(); code != 0 {
			t.Errorf("%s: exit %d with one dump loaded; stderr: %s", name, code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "Harbour authority approves night ferries") {
			t.Errorf("%s: the dump beside them is not shown: %q", name, stdout.String())
		}
		for _, path := range special {
			if cmdArgs[0] == "list" && path == filepath.Join(dir, "zero.txt") {
				// A link to /dev/zero, which is opened too: the library
				// knows a file by what it is, and says it once.
				continue
			}
			if !strings.Contains(stderr.String(), "tidings: skipped "+path+": not a regular file") {
				t.Errorf("%s: %s is not reported as not a regular file; stderr: %s", name, path, stderr.String())
			}
		}
	}
}
