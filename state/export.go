package state

import (
	"bufio"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
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
	// Labels, those taken off too, with their times, for import to merge
	// as it merges marks. A tidings from before labels ignores the field
	// (encoding/json skips names it does not know), so an export still
	// imports there, without its labels.
	Labels []exportedLabel `json:"labels,omitempty"`
}

// Export writes all marks as JSON lines, sorted by ID so that two exports
// of the same state can be compared with diff.
func (s *Store) Export(w io.Writer) error {
	marks, err := s.Marks()
	if err != nil {
		return err
	}
	labels, err := s.exportedLabels()
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(marks))
	for id := range marks {
		ids = append(ids, id)
	}
	for id := range labels {
		if _, ok := marks[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	buffered := bufio.NewWriter(w)
	encoder := json.NewEncoder(buffered)
	encoder.SetEscapeHTML(false)
	for _, id := range ids {
		m := marks[id]
		if err := encoder.Encode(exportedMark{
			ID:            id,
			Read:          m.Read,
			ReadChangedAt: formatTime(m.ReadChangedAt),
			Starred:       m.Starred,
			StarChangedAt: formatTime(m.StarChangedAt),
			Labels:        labels[id],
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

// ImportCounts says what an import did: marks for stories the state did
// not know, marks that changed a story's (a newer change won), and marks
// that changed nothing (older than, or the same as, what was kept).
type ImportCounts struct {
	New, Changed, Unchanged int
	// Labels counts the labels that changed a story's: set, or taken off,
	// by a newer change.
	Labels int
}

// Total is the number of marks imported.
func (c ImportCounts) Total() int { return c.New + c.Changed + c.Unchanged }

// String is "0 new, 3 unchanged", or "1 new, 2 changed, 0 unchanged".
func (c ImportCounts) String() string {
	text := fmt.Sprintf("%d new, %d unchanged", c.New, c.Unchanged)
	if c.Changed > 0 {
		text = fmt.Sprintf("%d new, %d changed, %d unchanged", c.New, c.Changed, c.Unchanged)
	}
	if c.Labels > 0 {
		text += fmt.Sprintf("; %d label%s changed", c.Labels, map[bool]string{true: "", false: "s"}[c.Labels == 1])
	}
	return text
}

// Import merges marks in the format Export writes. For each story and each
// field (read, starred) the change with the newer time wins; a value without
// a time only counts for a story the state does not know yet. Either every
// line is imported or, if any line is bad, none is: the error (an
// *ImportError) lists the bad lines by number. Ids are checked and
// folded as `tidings mark` does (ParseID).
func (s *Store) Import(r io.Reader) (ImportCounts, error) {
	incoming, err := parseImport(r)
	if err != nil {
		return ImportCounts{}, err
	}
	// Marks applied before the import are older than anything in it from
	// this session's point of view; letting them land first keeps them
	// from overwriting newer imported values afterwards.
	if err := s.Flush(); err != nil {
		return ImportCounts{}, err
	}
	var counts ImportCounts
	err = retryWhileBusy(openBusyBudget, nil, func() (err error) {
		counts, err = s.merge(incoming)
		return err
	})
	if err != nil {
		return ImportCounts{}, fmt.Errorf("cannot save imported marks to %s: %w", s.path, plainError(err))
	}
	return counts, nil
}

// importedMark is a Mark as Import holds it until the merge, under half
// a Mark's size: an import of a million marks holds a million of them.
type importedMark struct {
	id             [8]byte
	readAt, starAt int64 // Unix milliseconds, or noTime
	read, starred  bool
	labels         []importedLabel
}

// noTime stands for a field never changed (a zero time.Time).
const noTime = math.MinInt64

func compact(m Mark) importedMark {
	im := importedMark{read: m.Read, starred: m.Starred, readAt: noTime, starAt: noTime}
	hex.Decode(im.id[:], []byte(m.ID)) // ParseID let only 16 hexadecimal digits through
	if !m.ReadChangedAt.IsZero() {
		im.readAt = m.ReadChangedAt.UnixMilli()
	}
	if !m.StarChangedAt.IsZero() {
		im.starAt = m.StarChangedAt.UnixMilli()
	}
	return im
}

func (im importedMark) mark() Mark {
	m := Mark{ID: hex.EncodeToString(im.id[:]), Read: im.read, Starred: im.starred}
	if im.readAt != noTime {
		m.ReadChangedAt = time.UnixMilli(im.readAt).UTC()
	}
	if im.starAt != noTime {
		m.StarChangedAt = time.UnixMilli(im.starAt).UTC()
	}
	return m
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
			excluded.star_changed_at, star_changed_at)
	WHERE excluded.read_changed_at > coalesce(read_changed_at, excluded.read_changed_at - 1)
		OR excluded.star_changed_at > coalesce(star_changed_at, excluded.star_changed_at - 1)`

// merge merges in one transaction, so that the reader never sees half an
// import and a failed import changes nothing.
func (s *Store) merge(incoming []importedMark) (ImportCounts, error) {
	var counts ImportCounts
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE, see connParams
	if err != nil {
		return counts, err
	}
	defer tx.Rollback()
	// Rows before and after tell the new marks from the changed ones: the
	// transaction is IMMEDIATE, so no one else writes in between.
	countRows := func() (n int, err error) {
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM marks`).Scan(&n)
		return n, err
	}
	before, err := countRows()
	if err != nil {
		return counts, err
	}
	stmt, err := tx.PrepareContext(ctx, mergeMark)
	if err != nil {
		return counts, err
	}
	affected := 0
	for _, im := range incoming {
		if !im.read && !im.starred && im.readAt == noTime && im.starAt == noTime {
			// The line of a story with labels only: a mark that changes
			// nothing would still add a row, and be counted as new.
			continue
		}
		m := im.mark()
		result, err := stmt.ExecContext(ctx, m.ID, m.Read, millisOrNull(m.ReadChangedAt), m.Starred, millisOrNull(m.StarChangedAt))
		if err != nil {
			return counts, err
		}
		// The update's WHERE leaves alone a row no newer change reaches,
		// which then counts no row.
		n, err := result.RowsAffected()
		if err != nil {
			return counts, err
		}
		affected += int(n)
	}
	after, err := countRows()
	if err != nil {
		return counts, err
	}
	counts = ImportCounts{New: after - before, Changed: affected - (after - before), Unchanged: len(incoming) - affected}
	if counts.Labels, err = mergeLabels(ctx, tx, incoming); err != nil {
		return ImportCounts{}, err
	}
	return counts, tx.Commit()
}

func millisOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}
