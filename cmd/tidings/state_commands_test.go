package main

import (
	"bytes"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"tidings/internal/testkit"
	"tidings/state"
)

// Story ids as tidings prints them: 16 hexadecimal digits.
const (
	idA = "00000000000000aa"
	idB = "00000000000000bb"
	idC = "00000000000000cc"
)

type stateCmdResult struct {
	code           int
	stdout, stderr string
}

func runMarkForTest(args ...string) stateCmdResult {
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"mark"}, args...), nil, &stdout, &stderr)
	return stateCmdResult{code, stdout.String(), stderr.String()}
}

func runStateForTest(stdin string, args ...string) stateCmdResult {
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"state"}, args...), strings.NewReader(stdin), &stdout, &stderr)
	return stateCmdResult{code, stdout.String(), stderr.String()}
}

func stateCmdMarks(t *testing.T, path string) map[string]state.Mark {
	t.Helper()
	s, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	marks, err := s.Marks()
	if err != nil {
		t.Fatal(err)
	}
	return marks
}

func TestRunMarkWritesMarks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	if r := runMarkForTest("read", "--state", path, idA, idB); r.code != 0 || r.stdout != "2 stories marked read\n" || r.stderr != "" {
		t.Fatalf("mark read: %+v", r)
	}
	if r := runMarkForTest("--state", path, "star", idB); r.code != 0 || r.stdout != "1 story starred\n" {
		t.Fatalf("mark star with the flag first: %+v", r)
	}
	// Capitals are folded, and an id given twice is one story.
	if r := runMarkForTest("unread", strings.ToUpper(idA), "--state="+path, idA); r.code != 0 || r.stdout != "1 story marked unread\n" {
		t.Fatalf("mark unread with the flag last: %+v", r)
	}
	marks := stateCmdMarks(t, path)
	if a, b := marks[idA], marks[idB]; a.Read || a.ReadChangedAt.IsZero() || !b.Read || !b.Starred {
		t.Errorf("marks: %+v", marks)
	}
}

func TestRunMarkUsesTidingsStateVariable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "from-env.db")
	t.Setenv(state.EnvPath, path)
	if r := runMarkForTest("star", idC); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if !stateCmdMarks(t, path)[idC].Starred {
		t.Error("mark did not go to $TIDINGS_STATE")
	}
}

func TestRunMarkUsageErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	for name, args := range map[string][]string{
		"nothing":        {},
		"no ids":         {"read", "--state", path},
		"unknown action": {"archive", "--state", path, idA},
		"unknown flag":   {"read", "--stat", path, idA},
		"empty id":       {"read", "--state", path, ""},
	} {
		r := runMarkForTest(args...)
		if r.code != 2 || !strings.Contains(r.stderr, "usage: tidings mark") && !strings.Contains(r.stderr, `"" is not a story id`) {
			t.Errorf("%s: %+v; want exit 2 with usage", name, r)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a usage error created the state file")
	}
}

func TestRunMarkRefusesNewerStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 7"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r := runMarkForTest("read", "--state", path, idA)
	want := "tidings mark: state file " + path + " was written by a newer tidings (schema 7, this one knows " + strconv.Itoa(state.SchemaVersion) + "); not touching it\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("%+v\nwant stderr %q", r, want)
	}
}

func TestRunMarkUnwritableFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(file, "state.db")
	r := runMarkForTest("read", "--state", path, idA)
	if r.code != 1 || !strings.Contains(r.stderr, path) || !strings.Contains(r.stderr, "not a directory") {
		t.Errorf("%+v; want exit 1 naming the file and the reason", r)
	}
}

func TestRunStateExportImport(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "from.db"), filepath.Join(dir, "to.db")
	runMarkForTest("read", "--state", from, idA, idB)
	runMarkForTest("star", "--state", from, idB)

	exported := runStateForTest("", "export", "--state", from)
	if exported.code != 0 || strings.Count(exported.stdout, "\n") != 2 ||
		!strings.HasPrefix(exported.stdout, `{"id":"00000000000000aa","read":true,"read_changed_at":"`) {
		t.Fatalf("export: %+v", exported)
	}

	imported := runStateForTest(exported.stdout, "import", "--state", to, "-")
	if imported.code != 0 || imported.stdout != "imported 2 marks from standard input into "+to+": 2 new, 0 unchanged\n" {
		t.Fatalf("import from stdin: %+v", imported)
	}
	// Issue 18, item 14: the same marks again change nothing, and it says so.
	imported = runStateForTest(exported.stdout, "import", "--state", to, "-")
	if imported.code != 0 || imported.stdout != "imported 2 marks from standard input into "+to+": 0 new, 2 unchanged\n" {
		t.Fatalf("the same import again: %+v", imported)
	}
	again := runStateForTest("", "--state", to, "export")
	if again.stdout != exported.stdout {
		t.Errorf("export after import:\n%s\nwant:\n%s", again.stdout, exported.stdout)
	}

	file := filepath.Join(dir, "marks.jsonl")
	if err := os.WriteFile(file, []byte(exported.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runStateForTest("", "import", file, "--state", to); r.code != 0 || !strings.Contains(r.stdout, "from "+file) {
		t.Errorf("import from a file: %+v", r)
	}
}

func TestRunStateExportOfMissingFileCreatesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none", "state.db")
	if r := runStateForTest("", "export", "--state", path); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("%+v", r)
	}
	if _, err := os.Stat(filepath.Dir(path)); err == nil {
		t.Error("export created the state folder")
	}
}

func TestRunStateImportFailures(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"id\":\""+idA+"\",\"read\":true}\n{\"id\":\""+idB+"\",\"read\":maybe}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runStateForTest("", "import", "--state", path, bad)
	if r.code != 1 || !strings.Contains(r.stderr, "tidings state import: "+bad+": line 2: ") ||
		!strings.Contains(r.stderr, "nothing was imported") {
		t.Errorf("bad line: %+v", r)
	}
	missing := filepath.Join(dir, "missing.jsonl")
	r = runStateForTest("", "import", "--state", path, missing)
	if r.code != 1 || !strings.Contains(r.stderr, missing) || !strings.Contains(r.stderr, "no such file") {
		t.Errorf("missing file: %+v", r)
	}
	if marks := stateCmdMarks(t, path); len(marks) != 0 {
		t.Errorf("failed imports left marks: %v", marks)
	}
}

func TestRunStateUsageErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"nothing":            {},
		"unknown subcommand": {"backup"},
		"export with a file": {"export", "out.jsonl"},
		"import without one": {"import"},
		"import with two":    {"import", "a", "b"},
		"unknown flag":       {"export", "--verbose"},
	} {
		if r := runStateForTest("", args...); r.code != 2 || !strings.Contains(r.stderr, "usage: tidings state") {
			t.Errorf("%s: %+v; want exit 2 with usage", name, r)
		}
	}
}

// Issue 9, item 7: --state naming a FIFO, or a link to one, is refused by
// every command at once.
func TestStateCommandsRefuseAFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	// mkfifo(1) rather than syscall.Mkfifo keeps this file building
	// where there are no FIFOs.
	if out, err := exec.Command("mkfifo", fifo).CombinedOutput(); err != nil {
		t.Skipf("cannot make a FIFO here: %v %s", err, out)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, link} {
		var results = map[string]stateCmdResult{}
		testkit.Within(t, "mark", func() { results["mark"] = runMarkForTest("read", "--state", path, idA) })
		testkit.Within(t, "state export", func() { results["export"] = runStateForTest("", "export", "--state", path) })
		testkit.Within(t, "state import", func() {
			results["import"] = runStateForTest(`{"id":"aaaa","read":true}`, "import", "--state", path, "-")
		})
		testkit.Within(t, "list", func() {
			var stdout, stderr bytes.Buffer
			code := run([]string{"list", "--state", path, "../../samples/dumps"}, nil, &stdout, &stderr)
			results["list"] = stateCmdResult{code, stdout.String(), stderr.String()}
		})
		for name, r := range results {
			if !strings.Contains(r.stderr, "not a regular file") || !strings.Contains(r.stderr, path) {
				t.Errorf("%s --state %s: %+v; want it to say the path is not a regular file", name, path, r)
			}
			if name != "list" && r.code != 1 {
				t.Errorf("%s: exit %d, want 1", name, r.code)
			}
		}
	}
}

// Issue 9, item 1: a negative schema version is another program's file.
func TestStateCommandsRefuseNegativeSchemaVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = -5"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]stateCmdResult{
		"mark":   runMarkForTest("read", "--state", path, idA),
		"export": runStateForTest("", "export", "--state", path),
		"import": runStateForTest(`{"id":"aaaa","read":true}`, "import", "--state", path, "-"),
	} {
		if r.code != 1 || !strings.Contains(r.stderr, "not a tidings state file") {
			t.Errorf("%s: %+v; want exit 1 saying it is not a tidings state file", name, r)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file was modified")
	}
}

// Issue 9, items 8 and 13: importing a file that is not marks ends at once
// with the line at fault; an export saved with a byte-order mark imports.
func TestRunStateImportOfWrongAndBOMFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	if _, err := os.Stat("/dev/urandom"); err == nil {
		var r stateCmdResult
		testkit.Within(t, "state import /dev/urandom", func() { r = runStateForTest("", "import", "--state", path, "/dev/urandom") })
		if r.code != 1 || !strings.Contains(r.stderr, "/dev/urandom: line 1: not valid JSON") || !strings.Contains(r.stderr, "nothing was imported") {
			t.Errorf("import /dev/urandom: %+v", r)
		}
	}
	bom := filepath.Join(dir, "bom.jsonl")
	if err := os.WriteFile(bom, []byte("\uFEFF{\"id\":\""+idA+"\",\"read\":true}\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runStateForTest("", "import", "--state", path, bom); r.code != 0 || !strings.Contains(r.stdout, "imported 1 mark from") {
		t.Errorf("import with a BOM: %+v", r)
	}
	if !stateCmdMarks(t, path)[idA].Read {
		t.Error("the mark after the BOM was not imported")
	}
}

// Issue 13: a word that cannot be a story id is refused by name before the
// state file is touched, and nothing of the command is marked.
func TestRunMarkRefusesMalformedIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	for _, bad := range []string{"aaaa", idA + "0", "0000000000000g00", "\x1b[2J" + idA[4:], " " + idA[1:], "00000000-0000-aa"} {
		r := runMarkForTest("read", "--state", path, idA, bad)
		if r.code != 2 || !strings.Contains(r.stderr, strconv.Quote(bad)+" is not a story id") || r.stdout != "" {
			t.Errorf("mark read %q: %+v; want exit 2 naming the id", bad, r)
		}
		requireNothingRaw(t, "stderr", r.stderr)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a malformed id created the state file")
	}
}

// Issue 19, item 10: state import takes the ids mark takes and no others,
// folding capitals as mark does, so that an imported mark applies.
func TestStateImportChecksIdsAsMarkDoes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	for _, id := range []string{"zz", strings.Repeat("a", 5000), "0123456789abcdeg"} {
		r := runStateForTest(`{"id":"`+id+`","read":true}`+"\n", "import", "--state", path, "-")
		if r.code != 1 || !strings.Contains(r.stderr, `line 1: "id" is not a story id`) || len(r.stderr) > 300 {
			t.Errorf("import of id %.20q: %+v", id, r)
		}
		if mr := runMarkForTest("read", "--state", path, id); mr.code != 2 {
			t.Errorf("mark of id %.20q: %+v; the two should agree", id, mr)
		}
	}
	if marks := stateCmdMarks(t, path); len(marks) != 0 {
		t.Errorf("refused ids left marks: %v", marks)
	}
	if r := runMarkForTest("read", "--state", path, strings.ToUpper(idA)); r.code != 0 {
		t.Fatalf("mark: %+v", r)
	}
	r := runStateForTest(`{"id":"`+strings.ToUpper(idA)+`","starred":true,"star_changed_at":"2025-03-04T10:00:00Z"}`+"\n", "import", "--state", path, "-")
	if r.code != 0 || !strings.HasSuffix(r.stdout, ": 0 new, 1 changed, 0 unchanged\n") {
		t.Errorf("import of an uppercase id: %+v", r)
	}
	if marks := stateCmdMarks(t, path); len(marks) != 1 || !marks[idA].Read || !marks[idA].Starred {
		t.Errorf("marks: %v; want one story, read and starred", marks)
	}
}
