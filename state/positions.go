package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Position is where the reader was in a set of opened folders: the view
// (all, unread, starred), the story under the cursor, and the stories
// that came after it, so that the reader can go to the first of them
// still there when that story is gone.
type Position struct {
	View  string
	Story string
	After []string
}

type savedPosition struct {
	folders string
	Position
	at time.Time
}

// maxAfter bounds the stories kept after the one under the cursor: enough
// for a morning's reading removed from under it.
const maxAfter = 50

// FoldersKey names a set of opened folders for SavePosition and Position:
// their canonical forms (loader.Roots), as the parse cache names them, so
// that `clips` and `clips/` are one set.
func FoldersKey(roots []string) string { return strings.Join(roots, "\n") }

// SavePosition enqueues where the reader is, for the writer to save with
// the marks; it returns at once. A position still waiting is replaced
// rather than queued behind, so moving the cursor fast costs one write.
func (s *Store) SavePosition(folders string, p Position) {
	if len(p.After) > maxAfter {
		p.After = p.After[:maxAfter]
	}
	saved := &savedPosition{folders: folders, Position: p, at: time.Now().UTC().Truncate(time.Millisecond)}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.lastSeq++
	if n := len(s.pending); n > 0 && s.pending[n-1].pos != nil && s.pending[n-1].pos.folders == folders {
		s.pending[n-1] = queuedChange{seq: s.lastSeq, pos: saved}
	} else {
		s.pending = append(s.pending, queuedChange{seq: s.lastSeq, pos: saved})
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func writePosition(ctx context.Context, tx *sql.Tx, p *savedPosition) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO positions (folders, view, story, after, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)
		ON CONFLICT (folders) DO UPDATE SET view = excluded.view, story = excluded.story, after = excluded.after,
			saved_at = excluded.saved_at`,
		p.folders, p.View, p.Story, strings.Join(p.After, " "), p.at.UnixMilli())
	return err
}

// Position is where the reader was last in these folders; ok is false when
// it never was.
func (s *Store) Position(folders string) (p Position, ok bool, err error) {
	if err := s.Flush(); err != nil {
		return Position{}, false, err
	}
	var after string
	err = s.db.QueryRowContext(context.Background(),
		"SELECT view, story, after FROM positions WHERE folders = ?1", folders).Scan(&p.View, &p.Story, &after)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Position{}, false, nil
	case err != nil:
		return Position{}, false, fmt.Errorf("reading where the reader was from %s: %w", s.path, plainError(err))
	}
	p.After = strings.Fields(after)
	return p, true, nil
}
