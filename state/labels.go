package state

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLabelLength is the longest label, in characters: a word to file a
// story under, short enough to show on its row.
const MaxLabelLength = 32

// ParseLabel checks a word as a label (letters, digits, '-' and '_', at
// most MaxLabelLength of them) and folds it to lower case, so that "Brief"
// and "brief" are one label, as label:brief finds both.
func ParseLabel(word string) (string, bool) {
	label := strings.ToLower(word)
	if !validLabel(label) {
		return "", false
	}
	return label, true
}

// LabelRule says what ParseLabel accepts, for messages.
const LabelRule = "a label is a word of letters, digits, - and _ (at most 32)"

func validLabel(label string) bool {
	if label == "" || utf8.RuneCountInString(label) > MaxLabelLength || label != strings.ToLower(label) {
		return false
	}
	for _, r := range label {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// upsertLabel sets one label of one story; a label taken off stays as a
// row with present = 0 and its time, so that an import or another process
// can tell it from one never set.
const upsertLabel = `INSERT INTO labels (id, label, present, changed_at) VALUES (?1, ?2, ?3, ?4)
	ON CONFLICT (id, label) DO UPDATE SET present = excluded.present, changed_at = excluded.changed_at`

// Labels returns the labels on each story, sorted, including every change
// applied before the call (it waits for them to be saved). Stories with
// none are left out.
func (s *Store) Labels() (map[string][]string, error) {
	if err := s.Flush(); err != nil {
		return nil, err
	}
	labels := map[string][]string{}
	err := s.eachLabel(true, func(id, label string, _ bool, _ int64) {
		labels[id] = append(labels[id], label)
	})
	if err != nil {
		return nil, fmt.Errorf("reading labels from %s: %w", s.path, plainError(err))
	}
	return labels, nil
}

// eachLabel calls f for each label row, by story and label, those taken
// off too unless onlyPresent.
func (s *Store) eachLabel(onlyPresent bool, f func(id, label string, present bool, at int64)) error {
	query := "SELECT id, label, present, changed_at FROM labels WHERE typeof(id) = 'text' AND typeof(label) = 'text'"
	if onlyPresent {
		query += " AND present = 1"
	}
	rows, err := s.db.QueryContext(context.Background(), query+" ORDER BY id, label")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, label string
		var present bool
		var at int64
		if err := rows.Scan(&id, &label, &present, &at); err != nil {
			return err
		}
		f(id, label, present, at)
	}
	return rows.Err()
}

// copyLabels copies the labels and positions of an attached file ("file")
// into a memory-only store's database, for a file that can only be read.
func copyLabels(ctx context.Context, conn *sql.Conn) error {
	for _, statement := range []string{
		"DELETE FROM main.labels",
		"DELETE FROM main.positions",
		"INSERT INTO main.labels SELECT id, label, present IS 1, changed_at FROM file.labels WHERE typeof(changed_at) = 'integer'",
		"INSERT INTO main.positions SELECT folders, view, story, after, saved_at FROM file.positions",
	} {
		if _, err := conn.ExecContext(ctx, statement); err != nil {
			return err
		}
	}
	return nil
}
