package state

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"time"
)

// writerBusyBudget is how long the writer waits for another process's lock
// before reporting on Events that saving is held up; it keeps trying after.
const writerBusyBudget = 10 * time.Second

// closeRetryBudget bounds how long Close keeps retrying a failing save, so
// that quitting never hangs on a broken disk.
var closeRetryBudget = 15 * time.Second

// runWriter is the only goroutine writing marks. It takes whatever is queued
// as one batch and commits it in one transaction, so a burst of marks costs
// one disk sync. A failed batch is kept and retried with the changes queued
// since appended, which preserves order.
func (s *Store) runWriter() {
	defer func() {
		s.mu.Lock()
		s.writerExited = true
		s.progress.Broadcast()
		s.mu.Unlock()
		close(s.writerDone)
	}()
	var batch []queuedChange
	var retryDelay time.Duration
	var closingSince time.Time
	for {
		s.mu.Lock()
		batch = append(batch, s.pending...)
		s.pending = s.pending[:0]
		closed := s.closed
		s.mu.Unlock()

		if len(batch) == 0 {
			if closed {
				return
			}
			select {
			case <-s.wake:
			case <-s.closing:
			}
			continue
		}

		var stop <-chan struct{}
		if !closed {
			// While open, Close must be able to interrupt a long wait for
			// the lock; once closing, the wait is bounded by the budget.
			stop = s.closing
		}
		err := retryWhileBusy(writerBusyBudget, stop, func() error { return s.writeBatch(batch) })
		permanent := isPermanent(err)
		if err != nil {
			err = fmt.Errorf("cannot save marks to %s: %s", s.path, describe(s.path, err))
		}

		s.mu.Lock()
		if err == nil {
			s.durable = batch[len(batch)-1].seq
			s.lastErr = nil
		} else {
			s.failures++
			s.lastErr = err
		}
		// Emitting before waking Flush means that once Flush returns, the
		// event saying so is already there for the UI. emit never blocks,
		// so holding the lock for it is harmless.
		s.emit(Event{Saved: s.durable, Err: err})
		s.progress.Broadcast()
		s.mu.Unlock()

		if err == nil {
			batch = batch[:0]
			retryDelay = 0
			continue
		}
		if closed {
			if closingSince.IsZero() {
				closingSince = time.Now()
			}
			// A full disk or a failing one will not mend while the user
			// waits for the program to end.
			if permanent || time.Since(closingSince) >= closeRetryBudget {
				s.mu.Lock()
				s.unsavedErr = fmt.Errorf("%d marks were not saved: %w", len(batch)+len(s.pending), err)
				s.mu.Unlock()
				return
			}
		}
		retryDelay = min(max(2*retryDelay, 100*time.Millisecond), 5*time.Second)
		if closed {
			time.Sleep(min(retryDelay, closeRetryBudget-time.Since(closingSince)))
			continue
		}
		select {
		case <-time.After(retryDelay):
		case <-s.closing:
		}
	}
}

// emit sends without ever blocking: when the reader has not taken the
// previous event, the two are merged into one carrying the newer state.
// Only the writer sends, so after taking the waiting event out there is
// room for the merged one.
func (s *Store) emit(event Event) {
	if !s.persistent {
		return // a memory-only store saves nothing, so it says nothing
	}
	select {
	case s.events <- event:
		return
	default:
	}
	select {
	case waiting := <-s.events:
		event.Saved = max(event.Saved, waiting.Saved)
	default:
	}
	s.events <- event
}

const (
	upsertRead = `INSERT INTO marks (id, read, read_changed_at) VALUES (?1, ?2, ?3)
		ON CONFLICT (id) DO UPDATE SET read = excluded.read, read_changed_at = excluded.read_changed_at`
	upsertStar = `INSERT INTO marks (id, starred, star_changed_at) VALUES (?1, ?2, ?3)
		ON CONFLICT (id) DO UPDATE SET starred = excluded.starred, star_changed_at = excluded.star_changed_at`
)

// writeBatch touches only the field each change is about, so marks made by
// another process on the other field of the same story survive.
func (s *Store) writeBatch(batch []queuedChange) error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE, see connParams
	if err != nil {
		return err
	}
	defer tx.Rollback()
	readStmt, err := tx.PrepareContext(ctx, upsertRead)
	if err != nil {
		return err
	}
	starStmt, err := tx.PrepareContext(ctx, upsertStar)
	if err != nil {
		return err
	}
	labelStmt, err := tx.PrepareContext(ctx, upsertLabel)
	if err != nil {
		return err
	}
	for _, c := range batch {
		if c.pos != nil {
			if err := writePosition(ctx, tx, c.pos); err != nil {
				return err
			}
			continue
		}
		stmt, on := readStmt, c.Kind == Read
		args := []any{c.ID}
		switch c.Kind {
		case Star, Unstar:
			stmt, on = starStmt, c.Kind == Star
		case Label, Unlabel:
			stmt, on = labelStmt, c.Kind == Label
			args = append(args, c.Label)
		}
		if _, err := stmt.ExecContext(ctx, append(args, on, c.At.UnixMilli())...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// readMarks is tuned for start-up with 100,000 marks, where each cost below
// is a sizeable share of the wait:
//   - it talks to the driver directly: database/sql's Scan locks and converts
//     per value;
//   - a second goroutine fills the map while SQLite reads the next rows.
//
// Tried and found no faster: packing columns together in SQL (the expression
// costs what the column saved), and reading halves of the table on two
// connections at once (the SQLite calls contend on shared locks).
func (s *Store) readMarks() (map[string]Mark, error) {
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var count int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM marks").Scan(&count); err != nil {
		return nil, err
	}
	marks := make(map[string]Mark, count)
	chunks := make(chan []Mark, 8)
	filled := make(chan struct{})
	go func() {
		defer close(filled)
		for chunk := range chunks {
			for _, m := range chunk {
				marks[m.ID] = m
			}
		}
	}()
	err = conn.Raw(func(driverConn any) error {
		defer close(chunks)
		return sendMarks(ctx, driverConn, chunks)
	})
	<-filled
	if err != nil {
		return nil, err
	}
	return marks, nil
}

func sendMarks(ctx context.Context, driverConn any, chunks chan<- []Mark) error {
	queryer, ok := driverConn.(driver.QueryerContext)
	if !ok {
		return fmt.Errorf("SQLite driver %T cannot run queries directly", driverConn)
	}
	rows, err := queryer.QueryContext(ctx,
		"SELECT id, read, read_changed_at, starred, star_changed_at FROM marks", nil)
	if err != nil {
		return err
	}
	defer rows.Close()
	const chunkSize = 4096
	chunk := make([]Mark, 0, chunkSize)
	row := make([]driver.Value, 5)
	for {
		err := rows.Next(row)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		id, ok := row[0].(string)
		if !ok {
			// Not written by tidings (damage that SQLite's check does
			// not see, or another program): no story has such an id, and
			// failing would hide every other mark.
			continue
		}
		chunk = append(chunk, Mark{
			ID:            id,
			Read:          row[1] == int64(1),
			ReadChangedAt: timeFromMillis(row[2]),
			Starred:       row[3] == int64(1),
			StarChangedAt: timeFromMillis(row[4]),
		})
		if len(chunk) == chunkSize {
			chunks <- chunk
			chunk = make([]Mark, 0, chunkSize)
		}
	}
	chunks <- chunk
	return nil
}

// timeFromMillis reads a time column; NULL (nil) is the zero time.
func timeFromMillis(value driver.Value) time.Time {
	ms, ok := value.(int64)
	if !ok {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}
