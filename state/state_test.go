package state

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tidings/internal/testkit"

	"github.com/adrg/xdg"
)

var t0 = time.Date(2025, 7, 28, 9, 30, 0, 123_000_000, time.UTC)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func mustMarks(t *testing.T, s *Store) map[string]Mark {
	t.Helper()
	marks, err := s.Marks()
	if err != nil {
		t.Fatal(err)
	}
	return marks
}

func mustFlush(t *testing.T, s *Store) {
	t.Helper()
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// storeKinds runs a test on a file-backed store and on a memory-only one,
// which must behave alike.
func storeKinds(t *testing.T, test func(t *testing.T, s *Store)) {
	t.Run("file", func(t *testing.T) {
		s, _ := openTemp(t)
		test(t, s)
	})
	t.Run("memory", func(t *testing.T) {
		s := NewMemory("nowhere")
		t.Cleanup(func() { s.Close() })
		test(t, s)
	})
}

func TestResolvePathPrecedence(t *testing.T) {
	t.Cleanup(xdg.Reload) // runs after Setenv restored the variables
	stateHome := t.TempDir()
	t.Setenv("XDG_STATE_HOME", stateHome)
	t.Setenv(EnvPath, "")
	xdg.Reload()

	got, err := ResolvePath("")
	if want := filepath.Join(stateHome, "tidings", "state.db"); err != nil || got != want {
		t.Errorf("default: got %q, %v; want %q", got, err, want)
	}
	fromEnv := filepath.Join(t.TempDir(), "env.db")
	t.Setenv(EnvPath, fromEnv)
	if got, err := ResolvePath(""); err != nil || got != fromEnv {
		t.Errorf("env: got %q, %v; want %q", got, err, fromEnv)
	}
	fromFlag := filepath.Join(t.TempDir(), "flag.db")
	if got, err := ResolvePath(fromFlag); err != nil || got != fromFlag {
		t.Errorf("flag over env: got %q, %v; want %q", got, err, fromFlag)
	}
	t.Chdir(t.TempDir())
	wd, _ := os.Getwd()
	if got, err := ResolvePath("relative.db"); err != nil || got != filepath.Join(wd, "relative.db") {
		t.Errorf("relative flag: got %q, %v; want it made absolute", got, err)
	}
}

func TestApplyThenMarks(t *testing.T) {
	storeKinds(t, func(t *testing.T, s *Store) {
		local := time.FixedZone("CEST", 2*60*60)
		s.Apply(
			Change{ID: "aaaa", Kind: Read, At: t0.In(local)},
			Change{ID: "bbbb", Kind: Star, At: t0.Add(time.Second)},
			Change{ID: "aaaa", Kind: Star, At: t0.Add(2 * time.Second)},
			Change{ID: "aaaa", Kind: Unread, At: t0.Add(3 * time.Second).Add(456 * time.Microsecond)},
			Change{ID: "", Kind: Read}, // dropped
		)
		seq := s.Apply(Change{ID: "cccc", Kind: Read})
		if seq != 5 {
			t.Errorf("sequence %d, want 5 (one per change kept)", seq)
		}
		marks := mustMarks(t, s)
		want := map[string]Mark{
			"aaaa": {ID: "aaaa", Read: false, ReadChangedAt: t0.Add(3 * time.Second),
				Starred: true, StarChangedAt: t0.Add(2 * time.Second)},
			"bbbb": {ID: "bbbb", Starred: true, StarChangedAt: t0.Add(time.Second)},
		}
		for id, w := range want {
			if got := marks[id]; got != w {
				t.Errorf("%s:\n got %+v\nwant %+v", id, got, w)
			}
		}
		c := marks["cccc"]
		if !c.Read || time.Since(c.ReadChangedAt) > time.Minute || c.ReadChangedAt.Location() != time.UTC {
			t.Errorf("change without time should be stamped now, in UTC: %+v", c)
		}
		if len(marks) != 3 {
			t.Errorf("got %d marks, want 3: %v", len(marks), marks)
		}
	})
}

func TestMarksSurviveReopen(t *testing.T) {
	s, path := openTemp(t)
	s.Apply(Change{ID: "aaaa", Kind: Read, At: t0}, Change{ID: "bbbb", Kind: Star, At: t0})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	marks := mustMarks(t, again)
	if !marks["aaaa"].Read || !marks["bbbb"].Starred || !marks["aaaa"].ReadChangedAt.Equal(t0) {
		t.Errorf("marks after reopening: %v", marks)
	}
}

func TestEventsSayWhenSaved(t *testing.T) {
	s, path := openTemp(t)
	seq := s.Apply(Change{ID: "aaaa", Kind: Read})
	select {
	case event := <-s.Events():
		if event.Err != nil || event.Saved < seq {
			t.Fatalf("event %+v, want Saved >= %d without error", event, seq)
		}
	case <-time.After(time.Second):
		t.Fatal("no event within a second of Apply")
	}
	// "Saved" must mean another connection can see it: it is committed.
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var read bool
	if err := other.QueryRow("SELECT read FROM marks WHERE id = 'aaaa'").Scan(&read); err != nil || !read {
		t.Fatalf("after the Saved event the mark is not in the file: %v, %v", read, err)
	}
}

func TestEventsCoalesceInsteadOfBlocking(t *testing.T) {
	s, _ := openTemp(t)
	var last uint64
	for i := range 50 {
		last = s.Apply(Change{ID: fmt.Sprint(i), Kind: Read})
		mustFlush(t, s) // one batch each, so 50 events are produced unread
	}
	select {
	case event := <-s.Events():
		if event.Saved != last || event.Err != nil {
			t.Errorf("waiting event %+v, want the latest Saved %d", event, last)
		}
	default:
		t.Fatal("no event waiting")
	}
	select {
	case event := <-s.Events():
		t.Errorf("a second event %+v was queued; only the newest should wait", event)
	default:
	}
}

func TestCloseSavesQueueAndClosesEvents(t *testing.T) {
	s, path := openTemp(t)
	for i := range 1000 {
		s.Apply(Change{ID: fmt.Sprintf("%04d", i), Kind: Star, At: t0})
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for range s.Events() { // must end: Close closes the channel
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if seq := s.Apply(Change{ID: "late", Kind: Read}); seq != 1000 {
		t.Errorf("Apply after Close gave sequence %d, want it ignored (1000)", seq)
	}
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if marks := mustMarks(t, again); len(marks) != 1000 {
		t.Errorf("%d marks saved by Close, want 1000", len(marks))
	}
}

// Apply is called from the UI goroutine: it must not wait even while
// another process holds the write lock, and that process's lock must not
// surface as an error once it lets go.
func TestApplyDoesNotWaitForLockedFile(t *testing.T) {
	defer func(saved time.Duration) { busyTimeout = saved }(busyTimeout)
	busyTimeout = 20 * time.Millisecond // so that our retries, not SQLite's wait, bridge the lock
	s, path := openTemp(t)

	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	locker, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	if _, err := locker.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	// Apply queues: all of them return while the lock is still held, which
	// they could not if any waited for the file.
	var last uint64
	testkit.Within(t, "1000 Apply calls while the file is locked", func() {
		for i := range 1000 {
			last = s.Apply(Change{ID: fmt.Sprint(i), Kind: Read})
		}
	})
	time.Sleep(500 * time.Millisecond) // many busy retries
	if _, err := locker.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for {
		select {
		case event := <-s.Events():
			if event.Err != nil {
				t.Fatalf("a lock held for half a second reached the user: %v", event.Err)
			}
			if event.Saved == last {
				return
			}
		case <-deadline:
			t.Fatal("marks not saved after the lock was released")
		}
	}
}

// A save that fails for a reason other than a lock is reported, kept and
// retried; Flush says so instead of hanging.
func TestFailedSaveIsReportedAndRetried(t *testing.T) {
	s, path := openTemp(t)
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec("ALTER TABLE marks RENAME TO hidden"); err != nil {
		t.Fatal(err)
	}
	seq := s.Apply(Change{ID: "aaaa", Kind: Read, At: t0})
	err = s.Flush()
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("Flush while saving fails: %v; want an error naming the file", err)
	}
	event := <-s.Events()
	if event.Err == nil || event.Saved >= seq {
		t.Fatalf("event %+v, want an error and the change not saved", event)
	}
	if _, err := other.Exec("ALTER TABLE hidden RENAME TO marks"); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for event.Saved < seq {
		select {
		case event = <-s.Events():
		case <-deadline:
			t.Fatal("change not saved after the cause of the failure went away")
		}
	}
	if event.Err != nil {
		t.Errorf("event after recovery still carries %v", event.Err)
	}
	if marks := mustMarks(t, s); !marks["aaaa"].Read {
		t.Errorf("mark lost across the failed attempt: %v", marks)
	}
}

func TestCloseGivesUpOnFailingSaveAndSaysSo(t *testing.T) {
	defer func(saved time.Duration) { closeRetryBudget = saved }(closeRetryBudget)
	closeRetryBudget = 300 * time.Millisecond
	s, path := openTemp(t)
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec("DROP TABLE marks"); err != nil {
		t.Fatal(err)
	}
	s.Apply(Change{ID: "aaaa", Kind: Read}, Change{ID: "bbbb", Kind: Read})
	err = s.Close()
	if err == nil || !strings.Contains(err.Error(), "2 marks were not saved") || !strings.Contains(err.Error(), path) {
		t.Errorf("Close: %v; want it to say 2 marks were lost and where", err)
	}
}

func TestMemoryStoreKeepsTheSameAPI(t *testing.T) {
	memory := NewMemory("somewhere")
	if memory.Persistent() {
		t.Error("memory store says it is persistent")
	}
	memory.Apply(Change{ID: "aaaa", Kind: Read})
	if err := memory.Flush(); err != nil {
		t.Errorf("Flush on memory store: %v", err)
	}
	select {
	case event := <-memory.Events():
		t.Errorf("memory store sent %+v; nothing was saved", event)
	default:
	}
	if err := memory.Close(); err != nil {
		t.Error(err)
	}
	if _, open := <-memory.Events(); open {
		t.Error("Events not closed by Close")
	}
	file, _ := openTemp(t)
	if !file.Persistent() {
		t.Error("a store opened on a usable path should be persistent")
	}
}

// Each memory-only store is a database of its own, and keeps its marks for
// as long as it is open, however idle.
func TestMemoryStoresAreSeparate(t *testing.T) {
	one, two := NewMemory("one"), NewMemory("two")
	defer one.Close()
	defer two.Close()
	one.Apply(Change{ID: "aaaa", Kind: Read, At: t0})
	two.Apply(Change{ID: "bbbb", Kind: Star, At: t0})
	for i := range 3 {
		if _, err := one.Import(strings.NewReader(`{"id":"cccc","read":true}`)); err != nil {
			t.Fatal(err)
		}
		m1, m2 := mustMarks(t, one), mustMarks(t, two)
		if len(m1) != 2 || !m1["aaaa"].Read || !m1["cccc"].Read || len(m2) != 1 || !m2["bbbb"].Starred {
			t.Fatalf("round %d: one has %v, two has %v", i, m1, m2)
		}
	}
}

// (c) A damaged file is reported, left byte for byte as it was, and the
// session goes on in memory.
func TestCorruptFileRunsInMemoryAndIsLeftAlone(t *testing.T) {
	validFile := func(t *testing.T) string {
		s, path := openTemp(t)
		for i := range 300 {
			s.Apply(Change{ID: fmt.Sprintf("%016x", i), Kind: Read, At: t0})
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	cases := map[string]func(t *testing.T) string{
		"garbage over the header": func(t *testing.T) string {
			path := validFile(t)
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, 100), 0); err != nil {
				t.Fatal(err)
			}
			return path
		},
		"garbage over a data page": func(t *testing.T) string {
			path := validFile(t)
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, 4096), 4096); err != nil {
				t.Fatal(err)
			}
			return path
		},
		"random bytes": func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "state.db")
			random := make([]byte, 8192)
			for i := range random {
				random[i] = byte(i*7919 + i/13)
			}
			if err := os.WriteFile(path, random, 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		},
		"cut short": func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "state.db")
			if err := os.WriteFile(path, []byte(sqliteMagic+"and then nothing"), 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		},
		"another program's database": func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "state.db")
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE recipes (name TEXT)"); err != nil {
				t.Fatal(err)
			}
			return path
		},
	}
	for name, makeFile := range cases {
		t.Run(name, func(t *testing.T) {
			path := makeFile(t)
			before := readFile(t, path)

			_, err := Open(path)
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("Open: %v; want ErrCorrupt", err)
			}
			s, warning := OpenOrMemory(path)
			if s.Persistent() {
				t.Fatal("OpenOrMemory returned a file store for a damaged file")
			}
			for _, want := range []string{path, "damaged", "leaving it as it is", "will not be saved"} {
				if !strings.Contains(warning, want) {
					t.Errorf("warning %q does not say %q", warning, want)
				}
			}
			s.Apply(Change{ID: "aaaa", Kind: Star, At: t0})
			if marks := mustMarks(t, s); !marks["aaaa"].Starred {
				t.Errorf("marks do not work in memory: %v", marks)
			}
			if err := s.Close(); err != nil {
				t.Error(err)
			}
			if after := readFile(t, path); !bytes.Equal(before, after) {
				t.Error("the damaged file was modified")
			}
		})
	}
}

// (d) A folder that cannot be created. This works as root too, unlike
// chmod (see TestReadOnlyFolderRunsInMemory).
func TestUncreatableFolderRunsInMemory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(file, "tidings", "state.db")
	_, err := Open(path)
	if !errors.Is(err, ErrUnwritable) {
		t.Errorf("Open: %v; want ErrUnwritable", err)
	}
	s, warning := OpenOrMemory(path)
	defer s.Close()
	if s.Persistent() || !strings.Contains(warning, path) || !strings.Contains(warning, "will not be saved") {
		t.Errorf("persistent %v, warning %q", s.Persistent(), warning)
	}
	s.Apply(Change{ID: "aaaa", Kind: Read})
	if marks := mustMarks(t, s); !marks["aaaa"].Read {
		t.Errorf("marks do not work in memory: %v", marks)
	}
}

func folderRefusesWrites(dir string) bool {
	f, err := os.CreateTemp(dir, "probe")
	if err != nil {
		return true
	}
	f.Close()
	os.Remove(f.Name())
	return false
}

// openOrMemoryReport is what the "open-or-memory" helper process prints:
// whether Open took the file, what the store holds after a new mark, and
// what it exports.
func openOrMemoryReport(path string) string {
	opened, openErr := Open(path)
	if openErr == nil {
		opened.Close()
	}
	s, warning := OpenOrMemory(path)
	defer s.Close()
	s.Apply(Change{ID: "bbbb", Kind: Star})
	marks, err := s.Marks()
	var exported bytes.Buffer
	exportErr := s.Export(&exported)
	return fmt.Sprintf("open-err=%v persistent=%v marks-in-memory=%d aaaa-read=%v exported=%d export-err=%v err=%v warning=%s",
		openErr, s.Persistent(), len(marks), marks["aaaa"].Read, strings.Count(exported.String(), "\n"), exportErr, err, warning)
}

// (e) A file made by the first version keeps its marks through the
// migration to the current schema.
func TestMigrationFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	// Written out rather than taken from migrations[0]: this is what files
	// of version 1 hold, whatever the code says later.
	for _, statement := range []string{
		`CREATE TABLE marks (
			id TEXT NOT NULL PRIMARY KEY,
			read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
			read_changed_at INTEGER
		) WITHOUT ROWID`,
		fmt.Sprintf(`INSERT INTO marks VALUES ('aaaa', 1, %d), ('bbbb', 0, %d)`, t0.UnixMilli(), t0.Add(time.Hour).UnixMilli()),
		`PRAGMA user_version = 1`,
	} {
		if _, err := db.Exec(statement); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	marks := mustMarks(t, s)
	want := map[string]Mark{
		"aaaa": {ID: "aaaa", Read: true, ReadChangedAt: t0},
		"bbbb": {ID: "bbbb", Read: false, ReadChangedAt: t0.Add(time.Hour)},
	}
	for id, w := range want {
		if marks[id] != w {
			t.Errorf("%s after migration: %+v, want %+v", id, marks[id], w)
		}
	}
	s.Apply(Change{ID: "aaaa", Kind: Star, At: t0})
	if !mustMarks(t, s)["aaaa"].Starred {
		t.Error("cannot star after migration")
	}
	s.Close()
	if version := userVersion(t, path); version != SchemaVersion {
		t.Errorf("user_version %d after migration, want %d", version, SchemaVersion)
	}
}

// Migrations run in one transaction: one that fails part-way leaves the
// version (and the data) as they were.
func TestFailedMigrationChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	makeDB(t, path, marksV1, `INSERT INTO marks (id, read) VALUES ('aaaa', 1)`, `PRAGMA user_version = 1`)
	// No file passing the checks makes a released migration fail, so one
	// that fails after its first statement stands in for, say, a full disk.
	saved := migrations[1]
	defer func() { migrations[1] = saved }()
	migrations[1] = append(slices.Clip(saved), "SELECT no_such_column FROM marks")

	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "from schema 1 to 2") {
		t.Fatalf("Open: %v; want the migration to fail", err)
	}
	if version := userVersion(t, path); version != 1 {
		t.Errorf("user_version %d after a failed migration, want 1", version)
	}
	var columns int
	db, _ := sql.Open("sqlite", path)
	defer db.Close()
	if err := db.QueryRow("SELECT count(*) FROM pragma_table_info('marks')").Scan(&columns); err != nil || columns != 3 {
		t.Errorf("marks has %d columns (%v), want the 3 it had", columns, err)
	}
}

// marksColumns, which the checks compare files with, must say what the
// migrations make.
func TestMarksColumnsFollowMigrations(t *testing.T) {
	for version := 1; version <= SchemaVersion; version++ {
		db, err := sql.Open("sqlite", ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		for _, step := range migrations[:version] {
			for _, statement := range step {
				if _, err := db.Exec(statement); err != nil {
					t.Fatal(err)
				}
			}
		}
		got, err := marksTableColumns(context.Background(), db)
		db.Close()
		if want := strings.Join(marksColumns[version], ", ") + " (key id)"; err != nil || got != want {
			t.Errorf("schema %d: migrations make %q (%v), marksColumns says %q", version, got, err, want)
		}
	}
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	return version
}

// (f) A file from a newer tidings is refused and not touched.
func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, statement := range []string{
		`PRAGMA journal_mode = WAL`,
		`CREATE TABLE marks (id TEXT PRIMARY KEY, read INTEGER, future_field BLOB)`,
		`INSERT INTO marks VALUES ('aaaa', 1, x'00')`,
		`PRAGMA user_version = 99`,
	} {
		if _, err := db.Exec(statement); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	before := readFile(t, path)

	_, err = Open(path)
	var openErr *OpenError
	if !errors.Is(err, ErrNewerSchema) || !errors.As(err, &openErr) || openErr.Schema != 99 {
		t.Fatalf("Open: %#v; want ErrNewerSchema with schema 99", err)
	}
	want := fmt.Sprintf("state file %s was written by a newer tidings (schema 99, this one knows %d); not touching it", path, SchemaVersion)
	if err.Error() != want {
		t.Errorf("message\n %q\nwant\n %q", err, want)
	}
	s, warning := OpenOrMemory(path)
	if s.Persistent() || !strings.Contains(warning, want) {
		t.Errorf("OpenOrMemory: persistent %v, warning %q", s.Persistent(), warning)
	}
	s.Apply(Change{ID: "bbbb", Kind: Read})
	s.Close()
	if !bytes.Equal(before, readFile(t, path)) {
		t.Error("the newer file was modified")
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	storeKinds(t, func(t *testing.T, s *Store) {
		s.Apply(
			Change{ID: "bbbb", Kind: Read, At: t0},
			Change{ID: "aaaa", Kind: Star, At: t0.Add(1500 * time.Millisecond)},
			Change{ID: "aaaa", Kind: Read, At: t0.Add(time.Hour)},
			Change{ID: "cccc", Kind: Read, At: t0},
			Change{ID: "cccc", Kind: Unread, At: t0.Add(time.Minute)},
		)
		var exported bytes.Buffer
		if err := s.Export(&exported); err != nil {
			t.Fatal(err)
		}
		wantLines := `{"id":"aaaa","read":true,"read_changed_at":"2025-07-28T10:30:00.123Z","starred":true,"star_changed_at":"2025-07-28T09:30:01.623Z"}
{"id":"bbbb","read":true,"read_changed_at":"2025-07-28T09:30:00.123Z","starred":false}
{"id":"cccc","read":false,"read_changed_at":"2025-07-28T09:31:00.123Z","starred":false}
`
		if exported.String() != wantLines {
			t.Errorf("export:\n%s\nwant:\n%s", exported.String(), wantLines)
		}
		fresh, _ := openTemp(t)
		n, err := fresh.Import(bytes.NewReader(exported.Bytes()))
		if err != nil || n != 3 {
			t.Fatalf("Import: %d, %v", n, err)
		}
		original, imported := mustMarks(t, s), mustMarks(t, fresh)
		if fmt.Sprint(original) != fmt.Sprint(imported) {
			t.Errorf("after round trip:\n got %v\nwant %v", imported, original)
		}
	})
}

func TestImportKeepsNewerChangePerField(t *testing.T) {
	storeKinds(t, func(t *testing.T, s *Store) {
		s.Apply(
			Change{ID: "mixed", Kind: Read, At: t0.Add(time.Hour)}, // newer than the import
			Change{ID: "mixed", Kind: Star, At: t0},                // older than the import
			Change{ID: "same-time", Kind: Read, At: t0},
		)
		input := `{"id":"mixed","read":false,"read_changed_at":"2025-07-28T09:30:00.123Z","starred":false,"star_changed_at":"2025-07-28T12:00:00Z"}

{"id":"same-time","read":false,"read_changed_at":"2025-07-28T09:30:00.123Z"}
{"id":"new","read":true,"starred":true,"star_changed_at":"2025-07-28T11:30:00+02:00"}
`
		n, err := s.Import(strings.NewReader(input))
		if err != nil || n != 3 {
			t.Fatalf("Import: %d, %v", n, err)
		}
		marks := mustMarks(t, s)
		want := map[string]Mark{
			"mixed": {ID: "mixed", Read: true, ReadChangedAt: t0.Add(time.Hour),
				Starred: false, StarChangedAt: time.Date(2025, 7, 28, 12, 0, 0, 0, time.UTC)},
			"same-time": {ID: "same-time", Read: true, ReadChangedAt: t0}, // a tie keeps what we have
			"new":       {ID: "new", Read: true, Starred: true, StarChangedAt: time.Date(2025, 7, 28, 9, 30, 0, 0, time.UTC)},
		}
		for id, w := range want {
			if marks[id] != w {
				t.Errorf("%s:\n got %+v\nwant %+v", id, marks[id], w)
			}
		}
	})
}

func TestImportReportsBadLinesAndImportsNothing(t *testing.T) {
	storeKinds(t, func(t *testing.T, s *Store) {
		input := `{"id":"good","read":true,"read_changed_at":"2025-07-28T09:30:00Z"}
{"id":"bad-time","read":true,"read_changed_at":"yesterday"}
{"read":true}
{"id":"good2","read":"yes"}
not json at all
{"read":true}
`
		n, err := s.Import(strings.NewReader(input))
		var importErr *ImportError
		if n != 0 || !errors.As(err, &importErr) {
			t.Fatalf("Import: %d, %v; want an *ImportError", n, err)
		}
		var lines []int
		for _, line := range importErr.Lines {
			lines = append(lines, line.Line)
		}
		// Reading stops at the line that is not JSON at all: what follows
		// is unlikely to be marks either.
		if fmt.Sprint(lines) != "[2 3 4 5]" {
			t.Errorf("bad lines %v, want [2 3 4 5]; error: %v", lines, err)
		}
		for _, want := range []string{
			`line 2: read_changed_at "yesterday" is not an RFC 3339 time`,
			`line 3: no "id"`,
			`line 4: "read" must be true or false`,
			`line 5: not valid JSON`,
			`stopped reading there`,
		} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
		if marks := mustMarks(t, s); len(marks) != 0 {
			t.Errorf("a bad import imported %v", marks)
		}
	})
}

// Issue 9, item 8: a file that is not marks at all, however big, ends the
// import quickly at the first line that is not JSON, or at a line or an
// input too long for any export, with the line number.
func TestImportStopsEarlyOnInputThatIsNotMarks(t *testing.T) {
	defer func(saved int64) { maxImportBytes = saved }(maxImportBytes)
	endless := func(line string) io.Reader {
		return io.MultiReader(strings.NewReader(`{"id":"first","read":true}`+"\n"), &repeating{line: []byte(line)})
	}
	cases := []struct {
		name  string
		input func(t *testing.T) io.Reader
		want  string
	}{
		{"random bytes", func(t *testing.T) io.Reader {
			f, err := os.Open("/dev/urandom")
			if err != nil {
				t.Skipf("no /dev/urandom: %v", err)
			}
			t.Cleanup(func() { f.Close() })
			return f
		}, "line 1: not valid JSON"},
		{"zero bytes", func(t *testing.T) io.Reader {
			f, err := os.Open("/dev/zero")
			if err != nil {
				t.Skipf("no /dev/zero: %v", err)
			}
			t.Cleanup(func() { f.Close() })
			return f
		}, "line 1: longer than 1048576 bytes"},
		{"endless garbage after a good line", func(*testing.T) io.Reader { return endless("\x00\x01garbage\n") },
			"line 2: not valid JSON"},
		{"endless lines without an id", func(*testing.T) io.Reader { return endless(`{"read":true}` + "\n") },
			fmt.Sprintf("line %d: no \"id\"", maxBadLines+1)},
		{"endless good lines", func(*testing.T) io.Reader {
			maxImportBytes = 1 << 20
			return endless(`{"id":"aaaa","read":true}` + "\n")
		}, "input goes on past 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := NewMemory("nowhere")
			defer s.Close()
			input := c.input(t)
			start := time.Now()
			n, err := s.Import(input)
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if n != 0 || err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Import: %d, %v; want an error saying %q", n, err, c.want)
			}
			if marks := mustMarks(t, s); len(marks) != 0 {
				t.Errorf("imported %d marks", len(marks))
			}
		})
	}
}

// repeating reads its line again and again, for ever.
type repeating struct {
	line []byte
	at   int
}

func (r *repeating) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		copied := copy(p[n:], r.line[r.at:])
		n += copied
		r.at = (r.at + copied) % len(r.line)
	}
	return n, nil
}

// Issue 9, item 13: an export saved by an editor that starts files with a
// UTF-8 byte-order mark imports all the same.
func TestImportAcceptsByteOrderMark(t *testing.T) {
	s := NewMemory("nowhere")
	defer s.Close()
	input := "\uFEFF" + `{"id":"aaaa","read":true,"read_changed_at":"2025-07-28T09:30:00.123Z"}` + "\r\n" +
		`{"id":"bbbb","starred":true}` + "\r\n"
	if n, err := s.Import(strings.NewReader(input)); n != 2 || err != nil {
		t.Fatalf("Import: %d, %v", n, err)
	}
	if marks := mustMarks(t, s); !marks["aaaa"].Read || !marks["aaaa"].ReadChangedAt.Equal(t0) || !marks["bbbb"].Starred {
		t.Errorf("marks %v", marks)
	}
	// Only at the start of the input: elsewhere it is not JSON.
	_, err := s.Import(strings.NewReader(`{"id":"cccc","read":true}` + "\n\uFEFF" + `{"id":"dddd","read":true}`))
	if err == nil || !strings.Contains(err.Error(), "line 2: not valid JSON") {
		t.Errorf("a mark in the middle: %v", err)
	}
}

// A zero Kind is a Change someone forgot to fill in; saving it as anything
// would record a decision the reader never made.
func TestApplyPanicsOnUnknownKind(t *testing.T) {
	s := NewMemory("nowhere")
	defer s.Close()
	defer func() {
		if recover() == nil {
			t.Error("Apply accepted a Change without a Kind")
		}
	}()
	s.Apply(Change{ID: "aaaa"})
}

// A read-only file of the first version is copied with its marks, and
// without stars. (The whole read-only path is tested as user nobody in
// TestReadOnlyStateFileIsReadInMemory; this is the copy alone.)
func TestReadOnlyCopyOfSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	makeDB(t, path, marksV1, fmt.Sprintf(`INSERT INTO marks VALUES ('aaaa', 1, %d)`, t0.UnixMilli()), `PRAGMA user_version = 1`)
	before := folderState(t, filepath.Dir(path))
	unwritable := &OpenError{Path: path, Kind: ErrUnwritable, Reason: "a test says so"}
	s, err := openReadOnly(path, path, false, 1, unwritable)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if marks := mustMarks(t, s); len(marks) != 1 || marks["aaaa"] != (Mark{ID: "aaaa", Read: true, ReadChangedAt: t0}) {
		t.Errorf("marks %v", marks)
	}
	if s.Persistent() || !errors.Is(s.NotSaved(), ErrUnwritable) || !strings.Contains(s.Warning(), "a test says so") {
		t.Errorf("persistent %v, not saved %v, warning %q", s.Persistent(), s.NotSaved(), s.Warning())
	}
	sameFolderState(t, "after reading", before, folderState(t, filepath.Dir(path)))
}

// Issue 9, item 18, where no disk can be filled: a database at its size
// limit fails like a full disk (SQLITE_FULL), which Close does not retry.
func TestFullDatabaseFailsFast(t *testing.T) {
	s := NewMemory("nowhere")
	var pages int
	if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+1)); err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		s.Apply(Change{ID: fmt.Sprintf("%0200d", i), Kind: Read})
	}
	if err := s.Flush(); err == nil || !strings.Contains(err.Error(), "database or disk is full") {
		t.Errorf("Flush: %v; want a full database", err)
	}
	start := time.Now()
	err := s.Close()
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("Close took %v", elapsed)
	}
	// How many fit before the page limit depends on how the writer
	// batched them, so any number of lost marks will do, said.
	if err == nil || !strings.Contains(err.Error(), "full") || !regexp.MustCompile(`\b\d+ marks were not saved`).MatchString(err.Error()) {
		t.Errorf("Close: %v; want it to say the marks were lost to a full database", err)
	}
}

func TestPermanentErrors(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, statement := range []string{"CREATE TABLE t (x)", "PRAGMA max_page_count = 2"} {
		if _, err := db.Exec(statement); err != nil {
			t.Fatal(err)
		}
	}
	_, full := db.Exec("INSERT INTO t SELECT zeroblob(100000)")
	_, logic := db.Exec("SELECT * FROM no_such_table")
	for _, c := range []struct {
		err  error
		want bool
	}{{full, true}, {logic, false}, {nil, false}, {errBusyTooLong{}, false}, {errors.New("other"), false}} {
		if got := isPermanent(c.err); got != c.want {
			t.Errorf("isPermanent(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// Rows no tidings wrote (an id that is not text, a flag that is neither 0
// nor 1) do not stop the other marks from being read, from a file tidings
// writes or one it may only read.
func TestMarksOfOtherProgramsRowsAreSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	makeDB(t, path,
		`CREATE TABLE marks (id TEXT NOT NULL PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0,
			read_changed_at INTEGER, starred INTEGER NOT NULL DEFAULT 0, star_changed_at INTEGER)`,
		fmt.Sprintf(`INSERT INTO marks VALUES ('good', 1, %d, 0, NULL), (x'00ff', 1, NULL, 1, NULL), ('two', 2, NULL, 0, NULL)`, t0.UnixMilli()),
		`PRAGMA user_version = 2`)
	want := map[string]Mark{"good": {ID: "good", Read: true, ReadChangedAt: t0}, "two": {ID: "two"}}
	readOnly, err := openReadOnly(path, path, false, 2, &OpenError{Path: path, Kind: ErrUnwritable})
	if err != nil {
		t.Fatal(err)
	}
	defer readOnly.Close()
	sameMarks(t, "read-only", mustMarks(t, readOnly), want)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sameMarks(t, "read-write", mustMarks(t, s), want)
}

// Found by FuzzImport: a time whose year leaves 0001-9999 once moved to UTC
// was imported, and then exported as something no import reads.
func TestImportRefusesTimesOutsideFourDigitYears(t *testing.T) {
	s := NewMemory("nowhere")
	defer s.Close()
	for _, value := range []string{"0000-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00"} {
		_, err := s.Import(strings.NewReader(`{"id":"aaaa","read":true,"read_changed_at":"` + value + `"}`))
		if err == nil || !strings.Contains(err.Error(), "outside the years 0001 to 9999") {
			t.Errorf("%s: %v", value, err)
		}
	}
	for _, value := range []string{"0001-01-01T01:00:00+01:00", "9999-12-31T23:59:59.999Z"} {
		if _, err := s.Import(strings.NewReader(`{"id":"aaaa","read":true,"read_changed_at":"` + value + `"}`)); err != nil {
			t.Errorf("%s: %v", value, err)
		}
	}
}
