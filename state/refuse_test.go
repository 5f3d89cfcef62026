package state

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// folderState describes every file in dir, contents included, so that a
// test can tell that nothing in the folder changed or was added.
func folderState(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		info, err := os.Lstat(path)
		if err != nil {
			t.Fatal(err)
		}
		desc := info.Mode().String()
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			desc += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		out[e.Name()] = desc
	}
	return out
}

func sameFolderState(t *testing.T, when string, before, after map[string]string) {
	t.Helper()
	for name, desc := range after {
		if b, ok := before[name]; !ok {
			t.Errorf("%s: %s was created", when, name)
		} else if b != desc {
			t.Errorf("%s: %s was changed", when, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			t.Errorf("%s: %s was removed", when, name)
		}
	}
}

// makeDB writes an SQLite file by running statements on it.
func makeDB(tb testing.TB, path string, statements ...string) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	for _, statement := range statements {
		if _, err := db.Exec(statement); err != nil {
			tb.Fatalf("%s: %v", statement, err)
		}
	}
}

// Written out rather than taken from migrations: this is what files of each
// version hold, whatever the code says later.
const (
	marksV1 = `CREATE TABLE marks (
		id TEXT NOT NULL PRIMARY KEY,
		read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
		read_changed_at INTEGER
	) WITHOUT ROWID`
	marksV2 = `CREATE TABLE marks (
		id TEXT NOT NULL PRIMARY KEY,
		read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
		read_changed_at INTEGER,
		starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
		star_changed_at INTEGER
	) WITHOUT ROWID`
)

// openWithin runs Open, failing the test if it does not return in time: a
// refusal must be quick, not the end of a wait for a lock or a retry.
func openWithin(t *testing.T, limit time.Duration, path string) (*Store, error) {
	t.Helper()
	type result struct {
		s   *Store
		err error
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		s, err := Open(path)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		if elapsed := time.Since(start); elapsed > limit {
			t.Errorf("Open took %v, more than %v", elapsed, limit)
		}
		return r.s, r.err
	case <-time.After(limit + 10*time.Second):
		t.Fatalf("Open did not return within %v", limit+10*time.Second)
		return nil, nil
	}
}

// checkRefused opens a file that must be refused with kind and a message
// saying want, and checks that the folder holding it is as it was, after
// Open and after a whole memory-only session with OpenOrMemory.
func checkRefused(t *testing.T, path string, kind error, want string) {
	t.Helper()
	dir := filepath.Dir(path)
	before := folderState(t, dir)
	s, err := openWithin(t, 5*time.Second, path)
	if err == nil {
		s.Close()
		t.Fatalf("Open accepted the file")
	}
	if !errors.Is(err, kind) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
		t.Errorf("Open: %v\nwant %v saying %q and naming the file", err, kind, want)
	}
	sameFolderState(t, "after Open", before, folderState(t, dir))

	memory, warning := OpenOrMemory(path)
	if memory.Persistent() || !strings.Contains(warning, want) || !strings.Contains(warning, "will not be saved") {
		t.Errorf("OpenOrMemory: persistent %v, warning %q", memory.Persistent(), warning)
	}
	memory.Apply(Change{ID: "aaaa", Kind: Read})
	if marks := mustMarks(t, memory); !marks["aaaa"].Read {
		t.Errorf("marks do not work in memory: %v", marks)
	}
	if err := memory.Close(); err != nil {
		t.Error(err)
	}
	sameFolderState(t, "after a session in memory", before, folderState(t, dir))
}

// Issue 9, items 1, 2 and 4: files that SQLite opens but tidings must not
// use are refused at once, found out through a look that changes nothing:
// no journal mode switched, no -wal or -shm file left behind.
func TestRefusedDatabasesAreLeftAsTheyWere(t *testing.T) {
	wal := "PRAGMA journal_mode = WAL"
	cases := []struct {
		name       string
		statements []string
		kind       error
		want       string
	}{
		{"negative schema version", []string{marksV2, "PRAGMA user_version = -5"},
			ErrCorrupt, "not a tidings state file"},
		{"negative schema version, WAL", []string{wal, marksV2, "PRAGMA user_version = -5"},
			ErrCorrupt, "not a tidings state file"},
		{"lowest schema version", []string{marksV2, "PRAGMA user_version = -2147483648"},
			ErrCorrupt, "not a tidings state file"},
		{"marks of another shape at version 2", []string{"CREATE TABLE marks (id INTEGER, note TEXT)", "PRAGMA user_version = 2"},
			ErrCorrupt, "marks table"},
		{"marks of another shape at version 2, WAL", []string{wal, "CREATE TABLE marks (id INTEGER, note TEXT)", "PRAGMA user_version = 2"},
			ErrCorrupt, "marks table"},
		{"marks without a key", []string{
			"CREATE TABLE marks (id TEXT, read INTEGER, read_changed_at INTEGER, starred INTEGER, star_changed_at INTEGER)",
			"PRAGMA user_version = 2"},
			ErrCorrupt, "marks table"},
		{"marks of version 1 at version 2", []string{marksV1, "PRAGMA user_version = 2"},
			ErrCorrupt, "marks table"},
		{"marks of version 2 at version 1", []string{marksV2, "PRAGMA user_version = 1"},
			ErrCorrupt, "marks table"},
		{"version 1 with a column named like one of version 2", []string{
			`CREATE TABLE marks (id TEXT NOT NULL PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0,
				read_changed_at INTEGER, star_changed_at TEXT) WITHOUT ROWID`,
			"PRAGMA user_version = 1"},
			ErrCorrupt, "marks table"},
		{"marks is a view", []string{"CREATE VIEW marks AS SELECT 1 AS id", "PRAGMA user_version = 2"},
			ErrCorrupt, "marks table"},
		{"another program's database, WAL", []string{wal, "CREATE TABLE recipes (name TEXT)"},
			ErrCorrupt, "tables tidings did not make"},
		{"newer schema, WAL", []string{wal, marksV2, "PRAGMA user_version = 4"},
			ErrNewerSchema, "newer tidings"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			makeDB(t, path, c.statements...)
			checkRefused(t, path, c.kind, c.want)
		})
	}
}

// A symbolic link to a good state file is followed, like any path.
func TestSymbolicLinkToStateFileIsUsed(t *testing.T) {
	s, target := openTemp(t)
	s.Apply(Change{ID: "aaaa", Kind: Read, At: t0})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	again, err := Open(link)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if marks := mustMarks(t, again); !marks["aaaa"].Read {
		t.Errorf("marks through the link: %v", marks)
	}
}

// What the folder held before a session that opened the file and worked
// normally must not matter either: a good file in WAL mode is opened, and
// after Close nothing is left beside it.
func TestCleanCloseLeavesOnlyTheFile(t *testing.T) {
	s, path := openTemp(t)
	s.Apply(Change{ID: "aaaa", Kind: Read, At: t0})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := again.Close(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != "state.db" {
		t.Errorf("folder holds %v after a clean close", names)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("-wal left: %v", err)
	}
}

// Issue 19: the write probe of a tidings killed while opening the state is
// removed by a later open, once an hour old; a fresh one is left to its
// maker.
func TestStaleWriteProbesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, ".tidings-write-test-111")
	fresh := filepath.Join(dir, ".tidings-write-test-222")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, long, long)
	s, err := Open(filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("a probe two hours old is still there: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a fresh probe was removed: %v", err)
	}
}
