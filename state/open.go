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
	"syscall"
	"time"
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
// newer tidings, a damaged or unreadable file, anything that is not a
// regular file, or a missing file in a folder it cannot write; in all those
// cases the file and its folder are left exactly as they were.
//
// A file tidings may read but not write is opened read-only: its marks are
// there, new ones are kept in memory, Persistent reports false and NotSaved
// says why.
//
// Checks that can be done without SQLite come first, then a read-only look
// through SQLite: a read-write connection may modify the file even when
// nothing is written through it (it switches the journal mode, and the last
// connection to close checkpoints the WAL into the file), which must not
// happen to a file we refuse.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("no state file given")
	}
	absPath, err := filepath.Abs(path)
	if err != nil {
		return nil, &OpenError{Path: path, Kind: ErrUnreadable, Reason: err.Error(), Err: err}
	}
	dir := filepath.Dir(absPath)
	exists, err := checkFileType(path)
	if err != nil {
		return nil, err
	}
	if !exists {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, &OpenError{Path: path, Kind: ErrUnwritable, Reason: "cannot create its folder: " + plainError(err).Error(), Err: err}
		}
		if err := checkWritable(path, dir, false); err != nil {
			return nil, err
		}
		return openReadWrite(path, absPath)
	}
	wal, err := checkHeader(path)
	if err != nil {
		return nil, err
	}
	version, err := probeReadOnly(path, absPath, wal)
	if err != nil {
		return nil, busyAsOpenError(path, err)
	}
	if err := checkWritable(path, dir, true); err != nil {
		return openReadOnly(path, absPath, wal, version, err)
	}
	return openReadWrite(path, absPath)
}

func busyAsOpenError(path string, err error) error {
	var busy errBusyTooLong
	if errors.As(err, &busy) {
		return &OpenError{Path: path, Kind: ErrBusy, Reason: busy.Error(), Err: err}
	}
	return err
}

// checkFileType refuses anything but a regular file (following symbolic
// links) before anything opens it: opening a FIFO waits for a writer that
// never comes. A path through a file, as if it were a folder, is taken as
// missing, so that creating its folder says what is wrong.
func checkFileType(path string) (exists bool, err error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		return false, nil
	case err != nil:
		return false, &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	case !info.Mode().IsRegular():
		return false, notRegular(path, info.Mode())
	}
	return true, nil
}

func notRegular(path string, mode fs.FileMode) error {
	reason := "it is not a regular file"
	switch {
	case mode.IsDir():
		reason += " but a folder"
	case mode&fs.ModeNamedPipe != 0:
		reason += " but a named pipe"
	case mode&fs.ModeSocket != 0:
		reason += " but a socket"
	case mode&fs.ModeDevice != 0:
		reason += " but a device"
	}
	return &OpenError{Path: path, Kind: ErrCorrupt, Reason: reason}
}

// checkHeader rejects files that are not SQLite databases, and databases
// whose header already shows a schema tidings does not write, without
// letting SQLite open them at all. wal reports whether the file is in WAL
// mode.
func checkHeader(path string) (wal bool, err error) {
	// O_NONBLOCK: should the file have been swapped for a FIFO since it was
	// looked at, opening it must not wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false, &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	}
	if !info.Mode().IsRegular() {
		return false, notRegular(path, info.Mode())
	}
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	switch {
	case n == 0 && (err == io.EOF):
		// SQLite treats an empty file as an empty database; so do we.
		return false, nil
	case err == io.ErrUnexpectedEOF:
		return false, &OpenError{Path: path, Kind: ErrCorrupt, Reason: fmt.Sprintf("only %d bytes long", n)}
	case err != nil:
		return false, &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	case !bytes.Equal(header[:len(sqliteMagic)], []byte(sqliteMagic)):
		return false, &OpenError{Path: path, Kind: ErrCorrupt, Reason: "it is not an SQLite database"}
	}
	// The header's user_version can be stale when a WAL holds newer
	// commits; probeReadOnly has the final word, this only answers early.
	if err := checkVersion(path, int(int32(binary.BigEndian.Uint32(header[60:64])))); err != nil {
		return false, err
	}
	// Bytes 18 and 19 are the versions needed to write and to read the
	// file: 2 in WAL mode.
	return header[18] == 2 || header[19] == 2, nil
}

// checkVersion refuses a schema version tidings never wrote: a newer one,
// or one below zero, which only another program could have set.
func checkVersion(path string, version int) error {
	switch {
	case version > SchemaVersion:
		return &OpenError{Path: path, Kind: ErrNewerSchema, Schema: version}
	case version < 0:
		return &OpenError{Path: path, Kind: ErrCorrupt, Reason: fmt.Sprintf("its schema version is %d", version)}
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
func probeReadOnly(path, absPath string, wal bool) (version int, err error) {
	err = readThrough(absPath, wal, func(params url.Values) error {
		version, err = probeOnce(path, absPath, params)
		return err
	})
	return version, err
}

func probeOnce(path, absPath string, readOnly url.Values) (version int, err error) {
	params := connParams()
	for key, values := range readOnly {
		params[key] = values
	}
	db, err := sql.Open("sqlite", dsn(absPath, params))
	if err != nil {
		return 0, &OpenError{Path: path, Kind: ErrUnreadable, Reason: plainError(err).Error(), Err: err}
	}
	defer db.Close()
	err = retryWhileBusy(openBusyBudget, nil, func() error {
		ctx := context.Background()
		conn, err := db.Conn(ctx)
		if err != nil {
			return classifyOpenError(path, err, ErrUnreadable)
		}
		defer conn.Close()
		if version, err = schemaVersion(ctx, conn); err != nil {
			return classifyOpenError(path, err, ErrUnreadable)
		}
		if err := checkVersion(path, version); err != nil {
			return err
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
	return version, err
}

// readThrough runs attempt with the URI parameters of a read-only
// connection to the file.
//
// Even a read-only connection creates a -wal and a -shm file beside a file
// in WAL mode, and leaves them there. When no -wal file exists, everything
// is in the main file and it can be read as immutable, which creates
// nothing; that holds only if no other process wrote meanwhile, so if the
// file changed or a -wal appeared, it is read again the ordinary way (the
// other process has made those files by then).
func readThrough(absPath string, wal bool, attempt func(params url.Values) error) error {
	params := url.Values{"mode": {"ro"}}
	if !wal || fileExists(absPath+"-wal") {
		return attempt(params)
	}
	before, _ := os.Stat(absPath)
	immutable := url.Values{"mode": {"ro"}, "immutable": {"1"}}
	err := attempt(immutable)
	after, statErr := os.Stat(absPath)
	if statErr != nil || !unchanged(before, after) || fileExists(absPath+"-wal") {
		err = attempt(params)
	}
	return err
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// unchanged tells whether two looks at a file saw the same contents, as
// far as the file system says.
func unchanged(before, after fs.FileInfo) bool {
	return before != nil && os.SameFile(before, after) && before.Size() == after.Size() &&
		before.ModTime().Equal(after.ModTime())
}

// openReadWrite opens a file that passed the checks, or creates it.
func openReadWrite(path, absPath string) (*Store, error) {
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
		return nil, busyAsOpenError(path, err)
	}
	return newStore(path, db, true), nil
}

// openReadOnly serves a file that may be read but not written: its marks
// are copied into a memory-only store, which says why it does not save.
func openReadOnly(path, absPath string, wal bool, version int, unwritable error) (*Store, error) {
	db, err := openMemory()
	if err != nil {
		return nil, &OpenError{Path: path, Kind: ErrUnreadable, Reason: "cannot make a database in memory: " + err.Error(), Err: err}
	}
	if version > 0 {
		// As readMarks reads them: a flag is set only when it is 1, and a
		// row whose id is not text is no story's.
		columns := "id, read IS 1, read_changed_at, starred IS 1, star_changed_at FROM file.marks WHERE typeof(id) = 'text'"
		if version == 1 {
			columns = "id, read IS 1, read_changed_at, 0, NULL FROM file.marks WHERE typeof(id) = 'text'"
		}
		// ATTACH copies inside SQLite, at a fraction of the cost of
		// reading the rows into Go and inserting them again.
		err := readThrough(absPath, wal, func(params url.Values) error {
			return retryWhileBusy(openBusyBudget, nil, func() error {
				ctx := context.Background()
				conn, err := db.Conn(ctx)
				if err != nil {
					return err
				}
				defer conn.Close()
				if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS file", dsn(absPath, params)); err != nil {
					return err
				}
				defer conn.ExecContext(ctx, "DETACH DATABASE file")
				if _, err := conn.ExecContext(ctx, "DELETE FROM main.marks"); err != nil {
					return err
				}
				if _, err = conn.ExecContext(ctx, "INSERT INTO main.marks SELECT "+columns); err != nil || version < 3 {
					return err
				}
				return copyLabels(ctx, conn)
			})
		})
		if err != nil {
			db.Close()
			return nil, busyAsOpenError(path, classifyOpenError(path, err, ErrUnreadable))
		}
	}
	s := newStore(path, db, false)
	s.notSaved = unwritable
	return s, nil
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
