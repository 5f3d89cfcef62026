//go:build unix

package state

import (
	"bufio"
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests run the test binary again as a child process, with
// helperJobEnv saying what the child does (see TestHelperProcess): only real
// processes can be killed mid-way or compete for the file's locks.
const (
	helperJobEnv   = "TIDINGS_STATE_TEST_JOB"
	helperPathEnv  = "TIDINGS_STATE_TEST_PATH"
	helperRoleEnv  = "TIDINGS_STATE_TEST_ROLE"
	helperStartEnv = "TIDINGS_STATE_TEST_START"
)

const killedStoryID = "0123456789abcdef"

func TestHelperProcess(t *testing.T) {
	job := os.Getenv(helperJobEnv)
	if job == "" {
		t.Skip("runs only as a child of the process tests")
	}
	path := os.Getenv(helperPathEnv)
	switch job {
	case "apply-and-hang":
		s, err := Open(path)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		s.Apply(Change{ID: killedStoryID, Kind: Read})
		fmt.Println("applied")
		time.Sleep(time.Hour) // until killed
	case "apply-many":
		applyMany(path, os.Getenv(helperRoleEnv), os.Getenv(helperStartEnv))
	case "label-and-hang":
		labelAndHang(path)
	case "label-many":
		labelMany(path, os.Getenv(helperRoleEnv), os.Getenv(helperStartEnv))
	case "write-newer-schema-and-hang":
		// No checkpoint, so the new version is only in the WAL when the
		// process dies: the main file's header still says the old one.
		db, err := sql.Open("sqlite", path+"?_pragma=wal_autocheckpoint(0)")
		if err == nil {
			_, err = db.Exec("PRAGMA user_version = 99")
		}
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("written")
		time.Sleep(time.Hour) // until killed
	case "open-or-memory":
		fmt.Println(openOrMemoryReport(path))
	default:
		fmt.Println("unknown job", job)
		os.Exit(2)
	}
	os.Exit(0)
}

func storyID(i int) string { return fmt.Sprintf("%016x", i) }

// applyMany is one of the two competing processes. Role "A" marks stories
// 0-499 read; role "B" stars 250-749 (the other field of the same rows as
// A for 250-499) and marks 400-599 read (the same field as A for 400-499).
func applyMany(path, role, startAtMillis string) {
	compete(path, startAtMillis, func(apply func(Change)) {
		switch role {
		case "A":
			for i := range 500 {
				apply(Change{ID: storyID(i), Kind: Read})
			}
		case "B":
			for i := 250; i < 750; i++ {
				apply(Change{ID: storyID(i), Kind: Star})
				if i >= 400 && i < 600 {
					apply(Change{ID: storyID(i), Kind: Read})
				}
			}
		}
	})
}

// compete opens the store at path at the moment startAtMillis says (so
// that two processes compete from the first write), applies what changes
// gives it in many small batches, closes the store, and prints "ok N" or
// the errors its events and its close reported.
func compete(path, startAtMillis string, changes func(apply func(Change))) {
	startAt, _ := strconv.ParseInt(startAtMillis, 10, 64)
	time.Sleep(time.Until(time.UnixMilli(startAt)))
	s, err := Open(path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	var eventErrs []error
	listened := make(chan struct{})
	go func() {
		defer close(listened)
		for event := range s.Events() {
			if event.Err != nil {
				eventErrs = append(eventErrs, event.Err)
			}
		}
	}()
	applied := 0
	changes(func(c Change) {
		s.Apply(c)
		applied++
		if applied%10 == 0 {
			time.Sleep(time.Millisecond) // many small batches rather than one big one
		}
	})
	closeErr := s.Close()
	<-listened
	if err := errors.Join(append(eventErrs, closeErr)...); err != nil {
		fmt.Println("error:", strings.ReplaceAll(err.Error(), "\n", " | "))
		os.Exit(1)
	}
	fmt.Println("ok", applied)
}

func helperCommand(t *testing.T, job, path string, extraEnv ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperJobEnv+"="+job, helperPathEnv+"="+path)
	cmd.Env = append(cmd.Env, extraEnv...)
	return cmd
}

// startAndWaitForLine starts cmd and returns once it printed want.
func startAndWaitForLine(t *testing.T, cmd *exec.Cmd, want string) {
	t.Helper()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			lines <- scanner.Text()
		}
		close(lines)
	}()
	select {
	case line, ok := <-lines:
		if !ok || line != want {
			t.Fatalf("child said %q (closed %v), want %q; stderr: %s", line, !ok, want, stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("child did not say %q within a minute", want)
	}
	go func() {
		for range lines { // keep the pipe drained
		}
	}()
}

func killAndWait(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// (a) Once Apply returned (and the UI showed the mark), a second is enough
// for it to survive the process being killed outright.
func TestMarkSurvivesKillOneSecondAfterApply(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	child := helperCommand(t, "apply-and-hang", path)
	startAndWaitForLine(t, child, "applied")
	time.Sleep(time.Second)
	killAndWait(t, child)

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mark := mustMarks(t, s)[killedStoryID]
	if !mark.Read || time.Since(mark.ReadChangedAt) > time.Minute {
		t.Errorf("after SIGKILL the mark is %+v, want read just now", mark)
	}
}

// (b) Two processes marking at once, on the same and on different stories:
// every mark of both is there and neither saw an error.
func TestTwoProcessesMarkingAtOnceLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fresh", "state.db") // both race to create it, too
	startAt := time.Now().Add(500 * time.Millisecond).UnixMilli()
	var outputs [2]bytes.Buffer
	var children [2]*exec.Cmd
	for i, role := range []string{"A", "B"} {
		children[i] = helperCommand(t, "apply-many", path,
			helperRoleEnv+"="+role, helperStartEnv+"="+strconv.FormatInt(startAt, 10))
		children[i].Stdout = &outputs[i]
		children[i].Stderr = &outputs[i]
		if err := children[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, child := range children {
		err := child.Wait()
		output := outputs[i].String()
		if err != nil || !strings.HasPrefix(output, "ok ") || strings.Contains(output, "locked") {
			t.Errorf("process %d: %v, said %q", i, err, output)
		}
	}

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	marks := mustMarks(t, s)
	for i := range 800 {
		m := marks[storyID(i)]
		wantRead := i < 600
		wantStarred := i >= 250 && i < 750
		if m.Read != wantRead || m.Starred != wantStarred {
			t.Errorf("story %d: read %v starred %v, want read %v starred %v", i, m.Read, m.Starred, wantRead, wantStarred)
		}
	}
	if len(marks) != 750 {
		t.Errorf("%d marks, want 750", len(marks))
	}
}

// (f, continued) A newer tidings that died before checkpointing leaves its
// schema version only in the WAL. Opening read-write would checkpoint it into
// the main file on close; the read-only probe must catch it first.
func TestNewerSchemaOnlyInWALIsRefusedWithoutCheckpoint(t *testing.T) {
	s, path := openTemp(t)
	s.Apply(Change{ID: "aaaa", Kind: Read, At: t0})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	child := helperCommand(t, "write-newer-schema-and-hang", path)
	startAndWaitForLine(t, child, "written")
	killAndWait(t, child)

	mainBefore, walBefore := readFile(t, path), readFile(t, path+"-wal")
	if len(walBefore) == 0 {
		t.Fatal("the child left no WAL; the test would prove nothing")
	}
	_, err := Open(path)
	var openErr *OpenError
	if !errors.As(err, &openErr) || openErr.Kind != ErrNewerSchema || openErr.Schema != 99 {
		t.Fatalf("Open: %v; want ErrNewerSchema with schema 99", err)
	}
	if !bytes.Equal(mainBefore, readFile(t, path)) {
		t.Error("the main file was modified (checkpointed?)")
	}
	if !bytes.Equal(walBefore, readFile(t, path+"-wal")) {
		t.Error("the WAL was modified")
	}
}

// (d) A state file tidings may read but not write (issue 9, item 3): its
// marks are shown and exported, new ones are kept in memory with a warning
// saying why, and nothing in the folder changes. As root, chmod does not
// stop writes, so the checks run in a child process as user nobody.
func TestReadOnlyStateFileIsReadInMemory(t *testing.T) {
	cases := []struct {
		name string
		// prepare makes dir read-only for nobody in its own way.
		prepare func(t *testing.T, dir, path string)
		want    string
	}{
		{"read-only folder", func(t *testing.T, dir, path string) {
			chmod(t, dir, 0o555)
		}, "does not take new files"},
		{"read-only file", func(t *testing.T, dir, path string) {
			chmod(t, dir, 0o777) // nobody may create files here, not write this one
			chmod(t, path, 0o444)
		}, "permission denied"},
		{"read-only folder after a crash", func(t *testing.T, dir, path string) {
			// A writer killed before its last checkpoint leaves marks
			// only in the -wal, and the -shm beside it.
			child := helperCommand(t, "apply-and-hang", path)
			startAndWaitForLine(t, child, "applied")
			time.Sleep(time.Second)
			killAndWait(t, child)
			if !fileExists(path + "-wal") {
				t.Fatal("the child left no -wal; the case would prove nothing")
			}
			for _, name := range []string{path, path + "-wal", path + "-shm"} {
				chmod(t, name, 0o644)
			}
			chmod(t, dir, 0o555)
		}, "does not take new files"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(worldReadableTempDir(t), "state")
			path := filepath.Join(dir, "state.db")
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			s.Apply(Change{ID: "aaaa", Kind: Read, At: t0})
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			c.prepare(t, dir, path)
			t.Cleanup(func() { os.Chmod(dir, 0o755) })
			before := folderState(t, dir)

			var report string
			if folderRefusesWrites(dir) {
				report = openOrMemoryReport(path)
			} else {
				report = runUnprivileged(t, "open-or-memory", path)
			}
			t.Log(report)
			wantMarks, wantExported := "marks-in-memory=2", "exported=2"
			if c.name == "read-only folder after a crash" {
				wantMarks, wantExported = "marks-in-memory=3", "exported=3" // and the child's
			}
			for _, want := range []string{"open-err=<nil>", "persistent=false", "aaaa-read=true", wantMarks, wantExported,
				"export-err=<nil>", path, c.want, "will not be saved"} {
				if !strings.Contains(report, want) {
					t.Errorf("report %q does not say %q", report, want)
				}
			}
			sameFolderState(t, "after the session", before, folderState(t, dir))
		})
	}
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// worldReadableTempDir is a temporary folder an unprivileged user can enter.
func worldReadableTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runUnprivileged runs a helper job as user "nobody" (65534), for the checks
// that permissions cannot make as root. It skips the test when the switch is
// impossible (not root, or no permission to change user).
func runUnprivileged(t *testing.T, job, path string) string {
	t.Helper()
	const why = "chmod 0555 does not stop this process writing (it runs as root or with CAP_DAC_OVERRIDE), and "
	if os.Geteuid() != 0 {
		t.Skipf(why+"only root can run a child as another user (euid %d)", os.Geteuid())
	}
	self, err := os.Executable()
	if err != nil {
		t.Skipf(why+"cannot find the test binary to re-run: %v", err)
	}
	// The binary is copied to where "nobody" may run it: the go tool
	// builds it in a folder only root can enter.
	binary := filepath.Join(worldReadableTempDir(t), "state.test")
	if err := copyFile(self, binary, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := helperCommand(t, job, path)
	cmd.Path, cmd.Args[0] = binary, binary
	cmd.Dir = filepath.Dir(binary)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	output, err := cmd.CombinedOutput()
	if err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			t.Skipf(why+"cannot start a process as nobody: %v", err)
		}
		t.Fatalf("helper as nobody: %v: %s", err, output)
	}
	return string(output)
}

func copyFile(from, to string, mode os.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
