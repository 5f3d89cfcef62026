package state

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// exportedMark is one line of `tidings state export`. Times carry
// milliseconds (RFC 3339 allows fractions) because import compares them to
// decide which change is newer.
type exportedMark struct {
	ID            string `json:"id"`
	Read          bool   `json:"read"`
	ReadChangedAt string `json:"read_changed_at,omitempty"`
	Starred       bool   `json:"starred"`
	StarChangedAt string `json:"star_changed_at,omitempty"`
}

// Export writes all marks as JSON lines, sorted by ID so that two exports
// of the same state can be compared with diff.
func (s *Store) Export(w io.Writer) error {
	marks, err := s.Marks()
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(marks))
	for id := range marks {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	buffered := bufio.NewWriter(w)
	encoder := json.NewEncoder(buffered)
	encoder.SetEscapeHTML(false)
	for _, id := range ids {
		m := marks[id]
		if err := encoder.Encode(exportedMark{
			ID:            m.ID,
			Read:          m.Read,
			ReadChangedAt: formatTime(m.ReadChangedAt),
			Starred:       m.Starred,
			StarChangedAt: formatTime(m.StarChangedAt),
		}); err != nil {
			return err
		}
	}
	return buffered.Flush()
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// LineError is a line of an import that could not be understood.
type LineError struct {
	Line int
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// ImportError lists the bad lines of an import; nothing was imported. When
// Stopped, the last line is the one at which reading stopped, and lines
// after it were not looked at.
type ImportError struct {
	Lines   []LineError
	Stopped bool
}

// maxListedLines keeps the message readable when a wrong file is imported.
const maxListedLines = 5

func (e *ImportError) Error() string {
	lines := e.Lines
	var last *LineError
	if e.Stopped && len(lines) > 0 {
		last, lines = &lines[len(lines)-1], lines[:len(lines)-1]
	}
	var parts []string
	for i, line := range lines {
		if i == maxListedLines {
			parts = append(parts, fmt.Sprintf("and %d more bad lines", len(lines)-i))
			break
		}
		parts = append(parts, line.Error())
	}
	if last != nil {
		parts = append(parts, last.Error())
	}
	return strings.Join(parts, "; ")
}

// Limits on what Import reads, far above any export, so that a wrong file
// (a disk image, /dev/urandom) ends the import quickly instead of being
// read into memory whole:
//   - maxLineBytes on a line: a real one holds an ID and two times;
//   - maxImportBytes on the whole input: an export of 100,000 marks is
//     about 15 MB;
//   - maxBadLines of lines that are JSON but not marks: the message lists a
//     few anyway.
//
// Reading also stops at the first line that is not JSON at all.
const (
	maxLineBytes = 1 << 20
	maxBadLines  = 100
)

// maxImportBytes is a variable so that tests can reach it quickly.
var maxImportBytes int64 = 1 << 30

// Import merges marks in the format Export writes. For each story and each
// field (read, starred) the change with the newer time wins; a value without
// a time only counts for a story the state does not know yet. Either every
// line is imported or, if any line is bad, none is: the error (an
// *ImportError) lists the bad lines by number. n is the number of lines
// imported.
func (s *Store) Import(r io.Reader) (n int, err error) {
	incoming, err := parseImport(r)
	if err != nil {
		return 0, err
	}
	// Marks applied before the import are older than anything in it from
	// this session's point of view; letting them land first keeps them
	// from overwriting newer imported values afterwards.
	if err := s.Flush(); err != nil {
		return 0, err
	}
	err = retryWhileBusy(openBusyBudget, nil, func() error { return s.merge(incoming) })
	if err != nil {
		return 0, fmt.Errorf("cannot save imported marks to %s: %w", s.path, plainError(err))
	}
	return len(incoming), nil
}

func parseImport(r io.Reader) ([]Mark, error) {
	limited := &io.LimitedReader{R: r, N: maxImportBytes + 1}
	scanner := bufio.NewScanner(limited)
	scanner.Buffer(make([]byte, 0, 64*1024), maxLineBytes)
	var marks []Mark
	var bad []LineError
	stopped := false
	stop := func(line int, err error) {
		bad = append(bad, LineError{Line: line, Err: fmt.Errorf("%w; stopped reading there", err)})
		stopped = true
	}
	lineNumber := 0
	for scanner.Scan() {
		lineNumber++
		if limited.N <= 0 {
			stop(lineNumber, fmt.Errorf("the input goes on past %d MiB, more than any export", maxImportBytes>>20))
			break
		}
		line := scanner.Bytes()
		if lineNumber == 1 {
			// Some editors start files with a byte-order mark.
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if !json.Valid(line) {
			stop(lineNumber, notJSON(line))
			break
		}
		m, err := parseLine(line)
		if err != nil {
			if len(bad) == maxBadLines-1 {
				stop(lineNumber, fmt.Errorf("%w; %d bad lines", err, maxBadLines))
				break
			}
			bad = append(bad, LineError{Line: lineNumber, Err: err})
			continue
		}
		marks = append(marks, m)
	}
	if err := scanner.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("longer than %d bytes", maxLineBytes)
		}
		stop(lineNumber+1, err)
	}
	if len(bad) > 0 {
		return nil, &ImportError{Lines: bad, Stopped: stopped}
	}
	return marks, nil
}

// notJSON explains a line that is not JSON in json's words, which name the
// offending character.
func notJSON(line []byte) error {
	var v any
	err := json.Unmarshal(line, &v)
	if err == nil {
		err = errors.New("unexpected end")
	}
	return fmt.Errorf("not valid JSON (%v)", err)
}

func parseLine(line []byte) (Mark, error) {
	var record exportedMark
	decoder := json.NewDecoder(bytes.NewReader(line))
	if err := decoder.Decode(&record); err != nil {
		// json's own messages name Go types, which mean nothing to someone
		// fixing a file by hand.
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field == "id":
			return Mark{}, errors.New(`"id" must be a string`)
		case errors.As(err, &typeErr) && (typeErr.Field == "read" || typeErr.Field == "starred"):
			return Mark{}, fmt.Errorf("%q must be true or false", typeErr.Field)
		case errors.As(err, &typeErr) && typeErr.Field != "":
			return Mark{}, fmt.Errorf("%q must be an RFC 3339 time in quotes", typeErr.Field)
		case errors.As(err, &typeErr):
			return Mark{}, errors.New("not a JSON object")
		}
		return Mark{}, fmt.Errorf("not valid JSON (%v)", err)
	}
	if decoder.More() {
		return Mark{}, errors.New("more than one JSON value on the line")
	}
	if record.ID == "" {
		return Mark{}, errors.New(`no "id"`)
	}
	m := Mark{ID: record.ID, Read: record.Read, Starred: record.Starred}
	var err error
	if m.ReadChangedAt, err = parseTime("read_changed_at", record.ReadChangedAt); err != nil {
		return Mark{}, err
	}
	if m.StarChangedAt, err = parseTime("star_changed_at", record.StarChangedAt); err != nil {
		return Mark{}, err
	}
	return m, nil
}

func parseTime(field, value string) (time.Time, error) {
	if value == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, value)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not an RFC 3339 time", field, value)
	}
	t = t.UTC().Truncate(time.Millisecond)
	// Export writes times in UTC, and RFC 3339 has four-digit years: a time
	// that leaves them once moved to UTC could be imported but not
	// exported again.
	if year := t.Year(); year < 1 || year > 9999 {
		return time.Time{}, fmt.Errorf("%s %q is outside the years 0001 to 9999 in UTC", field, value)
	}
	return t, nil
}

const mergeMark = `INSERT INTO marks (id, read, read_changed_at, starred, star_changed_at)
	VALUES (?1, ?2, ?3, ?4, ?5)
	ON CONFLICT (id) DO UPDATE SET
		read = iif(excluded.read_changed_at > coalesce(read_changed_at, excluded.read_changed_at - 1),
			excluded.read, read),
		read_changed_at = iif(excluded.read_changed_at > coalesce(read_changed_at, excluded.read_changed_at - 1),
			excluded.read_changed_at, read_changed_at),
		starred = iif(excluded.star_changed_at > coalesce(star_changed_at, excluded.star_changed_at - 1),
			excluded.starred, starred),
		star_changed_at = iif(excluded.star_changed_at > coalesce(star_changed_at, excluded.star_changed_at - 1),
			excluded.star_changed_at, star_changed_at)`

// merge merges in one transaction, so that the reader never sees half an
// import and a failed import changes nothing.
func (s *Store) merge(incoming []Mark) error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE, see connParams
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, mergeMark)
	if err != nil {
		return err
	}
	for _, m := range incoming {
		if _, err := stmt.ExecContext(ctx, m.ID, m.Read, millisOrNull(m.ReadChangedAt), m.Starred, millisOrNull(m.StarChangedAt)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func millisOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}
