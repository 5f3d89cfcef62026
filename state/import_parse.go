package state

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Reading an export back: its lines, their limits and the errors that
// name them.

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
// (a disk image, /dev/urandom, an export concatenated with itself a
// hundred times) ends the import at the first line past one of them,
// quickly and in little memory, instead of being read whole:
//   - maxLineBytes on a line: a real one holds an ID and two times, about
//     100 bytes;
//   - maxImportMarks on the marks: an export of 100,000 marks is about 10 MB;
//   - maxImportBytes on the whole input, for lines padded out to the
//     line limit;
//   - maxBadLines of lines that are JSON but not marks: the message lists a
//     few anyway.
//
// Reading also stops at the first line that is not JSON at all.
const (
	maxLineBytes = 64 << 10
	maxBadLines  = 100
)

// maxImportBytes and maxImportMarks are variables so that tests can reach
// them quickly.
var (
	maxImportBytes int64 = 1 << 30
	maxImportMarks       = 1_000_000
)

func parseImport(r io.Reader) ([]importedMark, error) {
	limited := &io.LimitedReader{R: r, N: maxImportBytes + 1}
	scanner := bufio.NewScanner(limited)
	scanner.Buffer(make([]byte, 0, 64*1024), maxLineBytes)
	var marks []importedMark
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
		if len(marks) == maxImportMarks {
			stop(lineNumber, fmt.Errorf("more than %d marks, more than any export", maxImportMarks))
			break
		}
		m, labels, err := parseLine(line)
		// Whether the line is JSON at all is asked only of a line that is
		// not a mark: asking every line would read each twice.
		if err != nil && !json.Valid(line) {
			stop(lineNumber, notJSON(line))
			break
		}
		if err != nil {
			if len(bad) == maxBadLines-1 {
				stop(lineNumber, fmt.Errorf("%w; %d bad lines", err, maxBadLines))
				break
			}
			bad = append(bad, LineError{Line: lineNumber, Err: err})
			continue
		}
		im := compact(m)
		im.labels = labels
		marks = append(marks, im)
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

func parseLine(line []byte) (Mark, []importedLabel, error) {
	m, record, err := parseRecord(line)
	if err != nil {
		return Mark{}, nil, err
	}
	labels, err := parseLabels(record.Labels)
	if err != nil {
		return Mark{}, nil, err
	}
	return m, labels, nil
}

func parseRecord(line []byte) (Mark, exportedMark, error) {
	var record exportedMark
	decoder := json.NewDecoder(bytes.NewReader(line))
	if err := decoder.Decode(&record); err != nil {
		// json's own messages name Go types, which mean nothing to someone
		// fixing a file by hand.
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field == "id":
			return Mark{}, exportedMark{}, errors.New(`"id" must be a string`)
		case errors.As(err, &typeErr) && (typeErr.Field == "read" || typeErr.Field == "starred"):
			return Mark{}, exportedMark{}, fmt.Errorf("%q must be true or false", typeErr.Field)
		case errors.As(err, &typeErr) && strings.HasPrefix(typeErr.Field, "labels"):
			return Mark{}, exportedMark{}, errors.New(labelsShape)
		case errors.As(err, &typeErr) && typeErr.Field != "":
			return Mark{}, exportedMark{}, fmt.Errorf("%q must be an RFC 3339 time in quotes", typeErr.Field)
		case errors.As(err, &typeErr):
			return Mark{}, exportedMark{}, errors.New("not a JSON object")
		}
		return Mark{}, exportedMark{}, fmt.Errorf("not valid JSON (%v)", err)
	}
	if decoder.More() {
		return Mark{}, exportedMark{}, errors.New("more than one JSON value on the line")
	}
	if record.ID == "" {
		return Mark{}, exportedMark{}, errors.New(`no "id"`)
	}
	id, ok := ParseID(record.ID)
	if !ok {
		return Mark{}, exportedMark{}, errors.New(`"id" is not a story id: ids are 16 hexadecimal digits, as tidings list prints them`)
	}
	m := Mark{ID: id, Read: record.Read, Starred: record.Starred}
	var err error
	if m.ReadChangedAt, err = parseTime("read_changed_at", record.ReadChangedAt); err != nil {
		return Mark{}, exportedMark{}, err
	}
	if m.StarChangedAt, err = parseTime("star_changed_at", record.StarChangedAt); err != nil {
		return Mark{}, exportedMark{}, err
	}
	return m, record, nil
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
