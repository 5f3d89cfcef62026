package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// exportedLabel is a label of a story in `tidings state export`: set or
// taken off, and when, so that import keeps the newer of two changes.
type exportedLabel struct {
	Name      string `json:"name"`
	Set       bool   `json:"set"`
	ChangedAt string `json:"changed_at"`
}

// labelsShape says what a line's labels must look like.
const labelsShape = `"labels" must be a list of {"name": LABEL, "set": true or false, "changed_at": RFC 3339 time}`

// importedLabel is an exportedLabel read and checked.
type importedLabel struct {
	name string
	set  bool
	at   int64 // Unix milliseconds
}

// exportedLabels is every label row, by story, for Export.
func (s *Store) exportedLabels() (map[string][]exportedLabel, error) {
	out := map[string][]exportedLabel{}
	err := s.eachLabel(false, func(id, label string, present bool, at int64) {
		out[id] = append(out[id], exportedLabel{Name: label, Set: present, ChangedAt: formatTime(time.UnixMilli(at))})
	})
	if err != nil {
		return nil, fmt.Errorf("reading labels from %s: %w", s.path, plainError(err))
	}
	return out, nil
}

func parseLabels(labels []exportedLabel) ([]importedLabel, error) {
	if len(labels) == 0 {
		return nil, nil
	}
	out := make([]importedLabel, 0, len(labels))
	for _, l := range labels {
		name, ok := ParseLabel(l.Name)
		if !ok {
			return nil, fmt.Errorf("label %q: %s", l.Name, LabelRule)
		}
		at, err := parseTime("changed_at", l.ChangedAt)
		if err != nil {
			return nil, fmt.Errorf("label %q: %w", l.Name, err)
		}
		if at.IsZero() {
			return nil, fmt.Errorf("label %q has no changed_at", l.Name)
		}
		out = append(out, importedLabel{name: name, set: l.Set, at: at.UnixMilli()})
	}
	return out, nil
}

// mergeLabel keeps the newer change of a story's label.
const mergeLabel = `INSERT INTO labels (id, label, present, changed_at) VALUES (?1, ?2, ?3, ?4)
	ON CONFLICT (id, label) DO UPDATE SET present = excluded.present, changed_at = excluded.changed_at
	WHERE excluded.changed_at > changed_at`

// mergeLabels merges the labels of the imported marks in the import's
// transaction, and counts the labels that changed the state.
func mergeLabels(ctx context.Context, tx *sql.Tx, incoming []importedMark) (changed int, err error) {
	var stmt *sql.Stmt
	for _, im := range incoming {
		for _, l := range im.labels {
			if stmt == nil {
				if stmt, err = tx.PrepareContext(ctx, mergeLabel); err != nil {
					return 0, err
				}
			}
			result, err := stmt.ExecContext(ctx, im.mark().ID, l.name, l.set, l.at)
			if err != nil {
				return 0, err
			}
			n, err := result.RowsAffected()
			if err != nil {
				return 0, err
			}
			changed += int(n)
		}
	}
	return changed, nil
}

var errNoLabelsTable = errors.New("its labels or positions table is missing")
