package state

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

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
	return &OpenError{Path: path, Kind: kind, Reason: describe(path, err), Err: err}
}

// isPermanent tells errors that retrying within the time a user waits will
// not mend: a full disk, a failing one, a file turned read-only or damaged
// under us. A busy file is not one of them; other errors (a table another
// program dropped, say) may be mended by another process.
func isPermanent(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CORRUPT,
		sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}

// describe is plainError's message, with the likely cause added when SQLite
// reports a full disk or an I/O error and the file's disk has next to no
// space left: creating the -shm file on a full disk is "disk I/O error".
func describe(path string, err error) string {
	msg := plainError(err).Error()
	if code := sqliteCode(err); code == sqlite3.SQLITE_FULL || code == sqlite3.SQLITE_IOERR {
		if free, ok := freeSpace(filepath.Dir(path)); ok && free < 1<<20 {
			if code == sqlite3.SQLITE_FULL {
				return fmt.Sprintf("its disk is full (%d KiB free)", free>>10)
			}
			msg += fmt.Sprintf(", most likely because its disk is full (%d KiB free)", free>>10)
		}
	}
	return msg
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
