package state

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The kinds of OpenError; test with errors.Is.
var (
	ErrNewerSchema = errors.New("written by a newer tidings")
	ErrCorrupt     = errors.New("damaged or not a tidings state file")
	ErrUnreadable  = errors.New("cannot be read")
	ErrUnwritable  = errors.New("cannot be written")
	// ErrBusy: other processes held the file's lock for longer than we wait.
	ErrBusy = errors.New("kept busy by another program")
)

// OpenError says why a state file cannot be used. Its message is meant for
// the user as is.
type OpenError struct {
	Path string
	// Kind is ErrNewerSchema, ErrCorrupt, ErrUnreadable, ErrUnwritable or
	// ErrBusy.
	Kind error
	// Schema is the version found in the file, for ErrNewerSchema.
	Schema int
	// Reason says in plain words what went wrong, when Kind alone does not.
	Reason string
	Err    error
}

func (e *OpenError) Error() string {
	switch e.Kind {
	case ErrNewerSchema:
		return fmt.Sprintf("state file %s was written by a newer tidings (schema %d, this one knows %d); not touching it",
			e.Path, e.Schema, SchemaVersion)
	case ErrCorrupt:
		return fmt.Sprintf("state file %s is damaged or is not a tidings state file (%s); leaving it as it is", e.Path, e.Reason)
	case ErrUnreadable:
		return fmt.Sprintf("cannot read state file %s: %s", e.Path, e.Reason)
	case ErrBusy:
		return fmt.Sprintf("cannot use state file %s: %s", e.Path, e.Reason)
	default:
		return fmt.Sprintf("cannot save to state file %s: %s", e.Path, e.Reason)
	}
}

func (e *OpenError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// busyTimeout is how long SQLite itself waits for another process's write
// transaction; ours retry on top of it (see retryWhileBusy). A variable so
// that tests can reach the retry path quickly.
var busyTimeout = 5 * time.Second

// openBusyBudget bounds how long Open waits for other processes; beyond it
// the user is better served by a message than by a frozen start-up.
const openBusyBudget = 30 * time.Second

const sqliteMagic = "SQLite format 3\x00"

// Open opens the state file, creating it and its folder when missing and
// bringing its schema up to date. It returns an *OpenError for a file from a
// newer tidings, a damaged or unreadable file, or a folder it cannot write;
// in all those cases the file is left exactly as it was.
//
// Checks that can be done without SQLite come first, then a read-only look
// through SQLite: a read-write connection may modify the file even when
// nothing is written through it (the last connection to close checkpoints
// the WAL into the file), which must not happen to a file we refuse.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("no state file given")
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, &OpenError{Path: path, Kind: ErrUnwritable, Reason: "cannot create its folder: " + plainError(err).Error(), Err: err}
	}
	exists, err := checkHeader(path)
	if err != nil {
		return nil, err
	}
	if err := checkWritable(path, dir, exists); err != nil {
		return nil, err
	}
	absPath, err := filepath.Abs(path)
	if err != nil {
		return nil, &OpenError{Path: path, Kind: ErrUnreadable, Reason: err.Error(), Err: err}
	}
	if exists {
		if err := probeReadOnly(path, absPath); err != nil {
			return nil, busyAsOpenError(path, err)
		}
	}
	db, err := openReadWrite(path, absPath)
	if err != nil {
		return nil, busyAsOpenError(path, err)
	}
	return newStore(path, db, true), nil
}

func busyAsOpenError(path string, err error) error {
	var busy errBusyTooLong
	if errors.As(err, &busy) {
		return &OpenError{Path: path, Kind: ErrBusy, Reason: busy.Error(), Err: err}
	}
	return err
}

// checkHeader rejects files that are not SQLite databases, and databases
// whose header already shows a newer schema, without letting SQLite open
// them at all.
func checkHeader(path string) (exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	}
	if !info.Mode().IsRegular() {
		return false, &OpenError{Path: path, Kind: ErrCorrupt, Reason: "it is not a regular file"}
	}
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	switch {
	case n == 0 && (err == io.EOF):
		// SQLite treats an empty file as an empty database; so do we.
		return true, nil
	case err == io.ErrUnexpectedEOF:
		return false, &OpenError{Path: path, Kind: ErrCorrupt, Reason: fmt.Sprintf("only %d bytes long", n)}
	case err != nil:
		return false, &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	case !bytes.Equal(header[:len(sqliteMagic)], []byte(sqliteMagic)):
		return false, &OpenError{Path: path, Kind: ErrCorrupt, Reason: "it is not an SQLite database"}
	}
	// The header's user_version can be stale when a WAL holds newer
	// commits; probeReadOnly has the final word, this only answers early.
	if v := int(int32(binary.BigEndian.Uint32(header[60:64]))); v > SchemaVersion {
		return false, &OpenError{Path: path, Kind: ErrNewerSchema, Schema: v}
	}
	return true, nil
}

// checkWritable finds out up front whether the folder and file take writes,
// because SQLite would otherwise open a read-only file silently and only
// fail at the first save, long after the user was told marks are saved.
func checkWritable(path, dir string, exists bool) error {
	probe, err := os.CreateTemp(dir, ".tidings-write-test-*")
	if err != nil {
		return &OpenError{Path: path, Kind: ErrUnwritable,
			Reason: fmt.Sprintf("its folder %s does not take new files (%v)", dir, plainError(err)), Err: err}
	}
	probe.Close()
	os.Remove(probe.Name())
	if exists {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return &OpenError{Path: path, Kind: ErrUnwritable, Reason: plainError(err).Error(), Err: err}
		}
		f.Close()
	}
	return nil
}

// dsn builds an SQLite URI for an absolute path; the URI form is needed for
// mode=ro, and escaping keeps '?' or '#' in a path from being taken as
// parameters.
func dsn(absPath string, params url.Values) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(absPath), RawQuery: params.Encode()}
	return u.String()
}

func connParams() url.Values {
	return url.Values{
		"_pragma": {
			"busy_timeout(" + strconv.FormatInt(busyTimeout.Milliseconds(), 10) + ")",
			// FULL syncs the WAL at every commit: a mark the UI showed as
			// saved survives a power cut, not only a crash. Batching keeps
			// the cost to one sync per batch.
			"synchronous(FULL)",
			// Reading pages through a memory map rather than read calls
			// takes a good part off start-up (see BenchmarkMarks100k).
			// SQLite writes through ordinary calls all the same, and the
			// file never shrinks under the map: nothing here vacuums.
			"mmap_size(268435456)",
		},
		// Taking the write lock at BEGIN makes SQLite wait on the busy
		// timeout there, instead of failing at the first write when two
		// processes' transactions would otherwise deadlock.
		"_txlock": {"immediate"},
	}
}

// probeReadOnly reads the schema version and sanity of an existing file
// through a read-only connection, which cannot change the file.
func probeReadOnly(path, absPath string) error {
	params := connParams()
	params.Set("mode", "ro")
	db, err := sql.Open("sqlite", dsn(absPath, params))
	if err != nil {
		return &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	}
	defer db.Close()
	return retryWhileBusy(openBusyBudget, nil, func() error {
		ctx := context.Background()
		conn, err := db.Conn(ctx)
		if err != nil {
			return classifyOpenError(path, err, ErrUnreadable)
		}
		defer conn.Close()
		version, err := schemaVersion(ctx, conn)
		if err != nil {
			return classifyOpenError(path, err, ErrUnreadable)
		}
		if version > SchemaVersion {
			return &OpenError{Path: path, Kind: ErrNewerSchema, Schema: version}
		}
		if err := checkSchemaShape(ctx, conn, version); err != nil {
			var openErr *OpenError
			if errors.As(err, &openErr) {
				openErr.Path = path
				return openErr
			}
			return classifyOpenError(path, err, ErrUnreadable)
		}
		return nil
	})
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func schemaVersion(ctx context.Context, q querier) (int, error) {
	var version int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	return version, err
}

// checkSchemaShape refuses a database that is not ours, so that migrating
// never adds our tables to somebody else's file, and reads every page so
// that damage shows now rather than after start-up.
func checkSchemaShape(ctx context.Context, q querier, version int) error {
	var objects, marksTables int
	err := q.QueryRowContext(ctx,
		"SELECT count(*), count(CASE WHEN type = 'table' AND name = 'marks' THEN 1 END) FROM sqlite_schema").
		Scan(&objects, &marksTables)
	if err != nil {
		return err
	}
	if version == 0 && objects > 0 {
		return &OpenError{Kind: ErrCorrupt, Reason: "it holds tables tidings did not make"}
	}
	if version > 0 && marksTables == 0 {
		return &OpenError{Kind: ErrCorrupt, Reason: "its marks table is missing"}
	}
	var result string
	if err := q.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		// The report is made for SQLite developers and spans lines; one
		// line of it is enough to show this is not a tidings problem.
		result = strings.TrimSpace(strings.TrimPrefix(result, "*** in database main ***"))
		result, _, _ = strings.Cut(result, "\n")
		return &OpenError{Kind: ErrCorrupt, Reason: "SQLite's check says: " + result}
	}
	return nil
}

func openReadWrite(path, absPath string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(absPath, connParams()))
	if err != nil {
		return nil, &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	}
	// One connection for the writer, one for a Marks, Export or Import
	// running meanwhile; more would only contend for the same locks.
	db.SetMaxOpenConns(2)
	db.SetMaxIdleConns(2)
	err = retryWhileBusy(openBusyBudget, nil, func() error {
		ctx := context.Background()
		// WAL lets the reader start up while a script writes, and makes a
		// commit a single append. It is a property of the file, so once is
		// enough; on a file system without shared memory SQLite stays in
		// rollback mode, which is slower but as safe.
		if _, err := db.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
			return classifyOpenError(path, err, ErrUnwritable)
		}
		return migrate(ctx, path, db)
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openMemory makes the database of a memory-only store, with the schema and
// SQL of a file, so that both kinds of store work alike.
func openMemory() (*sql.DB, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	// Every connection to ":memory:" is a database of its own: the one
	// connection must serve everything and never be let go.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	if err := migrate(context.Background(), ":memory:", db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// migrations[i] brings a database from schema version i to i+1. Entries are
// never edited once released: files in the wild went through them. Times are
// Unix milliseconds, UTC; a NULL time means the field was never changed. The
// DDL holds no SQL comments because ALTER TABLE ADD COLUMN splices the new
// column into the stored CREATE text, where a trailing comment would swallow
// it.
var migrations = [...][]string{
	// 1: read marks.
	{`CREATE TABLE marks (
		id TEXT NOT NULL PRIMARY KEY,
		read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
		read_changed_at INTEGER
	) WITHOUT ROWID`},
	// 2: stars.
	{
		`ALTER TABLE marks ADD COLUMN starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1))`,
		`ALTER TABLE marks ADD COLUMN star_changed_at INTEGER`,
	},
}

// SchemaVersion is the schema this tidings writes, kept in PRAGMA
// user_version.
const SchemaVersion = len(migrations)

// migrate runs all pending migrations in one transaction, so a file is
// always at a version some tidings knows, never half-way.
func migrate(ctx context.Context, path string, db *sql.DB) error {
	version, err := schemaVersion(ctx, db)
	if err != nil {
		return classifyOpenError(path, err, ErrUnreadable)
	}
	if version > SchemaVersion {
		return &OpenError{Path: path, Kind: ErrNewerSchema, Schema: version}
	}
	if version == SchemaVersion {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE, see connParams
	if err != nil {
		return classifyOpenError(path, err, ErrUnwritable)
	}
	defer tx.Rollback()
	// Another process may have migrated while we waited for the lock.
	if version, err = schemaVersion(ctx, tx); err != nil {
		return classifyOpenError(path, err, ErrUnreadable)
	}
	if version > SchemaVersion {
		return &OpenError{Path: path, Kind: ErrNewerSchema, Schema: version}
	}
	if version == SchemaVersion {
		return nil
	}
	if err := checkSchemaShape(ctx, tx, version); err != nil {
		var openErr *OpenError
		if errors.As(err, &openErr) {
			openErr.Path = path
			return openErr
		}
		return classifyOpenError(path, err, ErrUnreadable)
	}
	for v := version; v < SchemaVersion; v++ {
		for _, statement := range migrations[v] {
			if _, err := tx.ExecContext(ctx, statement); err != nil {
				return &OpenError{Path: path, Kind: ErrUnwritable,
					Reason: fmt.Sprintf("upgrading it from schema %d to %d failed: %v", v, v+1, plainError(err)), Err: err}
			}
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion)); err != nil {
		return classifyOpenError(path, err, ErrUnwritable)
	}
	if err := tx.Commit(); err != nil {
		return classifyOpenError(path, err, ErrUnwritable)
	}
	return nil
}

// classifyOpenError turns an SQLite error into an OpenError, keeping busy
// errors as they are so that retryWhileBusy sees them.
func classifyOpenError(path string, err error, fallback error) error {
	if isBusy(err) {
		return err
	}
	var openErr *OpenError
	if errors.As(err, &openErr) {
		return err
	}
	kind := fallback
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT:
		kind = ErrCorrupt
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL:
		kind = ErrUnwritable
	case sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		kind = ErrUnreadable
	}
	return &OpenError{Path: path, Kind: kind, Reason: plainError(err).Error(), Err: err}
}

func sqliteCode(err error) int {
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) {
		return sqliteErr.Code() & 0xff // extended codes carry the primary code in the low byte
	}
	return 0
}

func isBusy(err error) bool {
	code := sqliteCode(err)
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}

// errBusyTooLong replaces SQLite's "database is locked", which tells the user
// neither which file nor what to do.
type errBusyTooLong struct {
	waited time.Duration
}

func (e errBusyTooLong) Error() string {
	return fmt.Sprintf("it was kept busy by another program (waited %s)", e.waited.Round(100*time.Millisecond))
}

func (e errBusyTooLong) Is(target error) bool { return target == ErrBusy }

// retryWhileBusy runs attempt until it returns something other than a busy
// error, backing off between tries, for at most budget. stop, when not nil,
// cuts the wait short (returning the busy error as errBusyTooLong).
func retryWhileBusy(budget time.Duration, stop <-chan struct{}, attempt func() error) error {
	start := time.Now()
	delay := 10 * time.Millisecond
	for {
		err := attempt()
		if !isBusy(err) {
			return err
		}
		if time.Since(start)+delay > budget {
			return errBusyTooLong{waited: time.Since(start)}
		}
		select {
		case <-time.After(delay):
		case <-stop:
			return errBusyTooLong{waited: time.Since(start)}
		}
		delay = min(delay*2, time.Second)
	}
}

// plainError strips the wrapping that makes errors hard to read for users:
// "open /x/y: permission denied" is reduced to "permission denied" when the
// caller already names the file, and SQLite's "(5) (SQLITE_BUSY)" codes go.
func plainError(err error) error {
	if err == nil {
		return nil
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		var errno syscall.Errno
		if errors.As(pathErr.Err, &errno) {
			return errno
		}
		return pathErr.Err
	}
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) {
		msg := sqliteErr.Error()
		if i := strings.Index(msg, " ("); i > 0 {
			msg = msg[:i]
		}
		return errors.New(msg)
	}
	return err
}
