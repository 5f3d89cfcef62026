// Package state keeps the reader's marks on stories (read, starred) in a
// SQLite file that survives crashes and is shared safely with other tidings
// processes, such as scripts running `tidings mark` while the reader is open.
//
// The UI never waits on the disk: Apply only enqueues, and a single writer
// goroutine commits what is queued, in order, reporting progress on Events.
package state

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/adrg/xdg"
)

// EnvPath names the environment variable that chooses the state file when no
// --state flag is given.
const EnvPath = "TIDINGS_STATE"

// ResolvePath picks the state file: the --state flag, else $TIDINGS_STATE,
// else $XDG_STATE_HOME/tidings/state.db. The result is absolute so that
// messages name the file unambiguously whatever the working folder.
func ResolvePath(flagValue string) (string, error) {
	path := flagValue
	if path == "" {
		path = os.Getenv(EnvPath)
	}
	if path == "" {
		// With neither variable, adrg/xdg says /.local/state: nobody's.
		if xdg.StateHome == "" || os.Getenv("XDG_STATE_HOME") == "" && os.Getenv("HOME") == "" {
			return "", fmt.Errorf("cannot tell where to keep the state file: set $HOME, $XDG_STATE_HOME or $%s, or pass --state", EnvPath)
		}
		path = filepath.Join(xdg.StateHome, "tidings", "state.db")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("state file %s: %w", path, err)
	}
	return abs, nil
}

// Mark is what the reader decided about one story. A zero ReadChangedAt or
// StarChangedAt means that field was never changed. Times are UTC with
// millisecond precision, the precision they are stored with.
type Mark struct {
	ID            string
	Read          bool
	ReadChangedAt time.Time
	Starred       bool
	StarChangedAt time.Time
}

// ParseID checks a word against the form of the ids tidings prints (see
// model.StoryID: FNV-64a as 16 hexadecimal digits) and folds capitals,
// since people copy ids through tools that change case. A mark for
// anything else could never match a story, so `tidings mark` and Import
// both refuse it rather than store it.
func ParseID(word string) (string, bool) {
	if len(word) != 16 {
		return "", false
	}
	for _, c := range []byte(word) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return "", false
		}
	}
	return strings.ToLower(word), true
}

// Kind is what a Change does to a story.
type Kind int

const (
	Read Kind = iota + 1 // zero is left out so that a forgotten Kind is caught
	Unread
	Star
	Unstar
	// Label and Unlabel put Change.Label on a story and take it off.
	Label
	Unlabel
)

func (k Kind) String() string {
	switch k {
	case Read:
		return "read"
	case Unread:
		return "unread"
	case Star:
		return "star"
	case Unstar:
		return "unstar"
	case Label:
		return "label"
	case Unlabel:
		return "unlabel"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind is the inverse of Kind.String for the marks (read, unread,
// star, unstar), for `tidings mark`.
func ParseKind(s string) (Kind, bool) {
	for _, k := range []Kind{Read, Unread, Star, Unstar} {
		if k.String() == s {
			return k, true
		}
	}
	return 0, false
}

// Change is one user action. A zero At means "now" (the time Apply is called).
type Change struct {
	ID   string
	Kind Kind
	At   time.Time
	// Label is the label a Label or Unlabel change is about, as
	// ParseLabel returns it.
	Label string
}

// Event reports the writer's progress. Saved is the highest sequence number
// (as returned by Apply) that is durable on disk; every change with a
// sequence number up to it is saved. Err is set when the latest attempt to
// save failed; the writer keeps the changes and tries again.
type Event struct {
	Saved uint64
	Err   error
}

// Store holds the marks in a SQLite database: the state file (see Open) or,
// when the file cannot be used, one in memory (see OpenOrMemory), which
// works the same way but is lost on exit. Its methods are safe for
// concurrent use.
type Store struct {
	path       string
	db         *sql.DB
	persistent bool
	// notSaved says why a store opened on a file does not save to it.
	notSaved error

	mu sync.Mutex
	// progress is broadcast whenever durable, failures or writerExited
	// change, so that Flush can wait without polling.
	progress *sync.Cond
	pending  []queuedChange // enqueued, not yet taken by the writer
	lastSeq  uint64
	durable  uint64
	// failures counts failed save attempts, so that a Flush can tell that
	// an attempt failed while it was waiting.
	failures     uint64
	lastErr      error
	closed       bool
	writerExited bool
	// unsavedErr says what was lost when Close gave up on the queue.
	unsavedErr error

	closeOnce sync.Once
	closeErr  error

	wake       chan struct{} // capacity 1: "the queue is not empty"
	closing    chan struct{} // closed by Close
	writerDone chan struct{}
	events     chan Event
}

type queuedChange struct {
	Change
	seq uint64
	pos *savedPosition // instead of the Change, for SavePosition
}

// Path is the state file this store was opened for, also for a memory-only
// store that could not use it.
func (s *Store) Path() string { return s.path }

// Persistent reports whether marks are saved to disk. A memory-only store
// forgets them on exit.
func (s *Store) Persistent() bool { return s.persistent }

// NotSaved says why a store that Open made for a file it could read but not
// write does not save: an *OpenError of kind ErrUnwritable. It is nil for
// other stores, also for NewMemory's, whose caller knows why.
func (s *Store) NotSaved() error { return s.notSaved }

// Warning is what to tell the user about marks not being saved, naming the
// file and the reason; empty when NotSaved is nil.
func (s *Store) Warning() string {
	if s.notSaved == nil {
		return ""
	}
	return fmt.Sprintf("%v. Its marks are shown, but marks will not be saved this session.", s.notSaved)
}

// Events delivers progress of the writer. The channel holds at most one
// event: when the reader falls behind, a newer event replaces the waiting one
// (its Saved is never lower), so the writer never waits for the reader. It is
// closed by Close. A memory-only store sends nothing: nothing is ever saved.
func (s *Store) Events() <-chan Event { return s.events }

func newStore(path string, db *sql.DB, persistent bool) *Store {
	s := &Store{
		path:       path,
		db:         db,
		persistent: persistent,
		wake:       make(chan struct{}, 1),
		closing:    make(chan struct{}),
		writerDone: make(chan struct{}),
		events:     make(chan Event, 1),
	}
	s.progress = sync.NewCond(&s.mu)
	go s.runWriter()
	return s
}

// NewMemory returns a store that keeps marks only in memory. path is only
// reported by Path.
func NewMemory(path string) *Store {
	db, err := openMemory()
	if err != nil {
		// Nothing but a broken SQLite build fails to make an empty
		// database in memory; no caller could carry on without a store.
		panic(fmt.Sprintf("state: cannot make a database in memory: %v", err))
	}
	return newStore(path, db, false)
}

// OpenOrMemory opens the state file and never fails: when the file cannot be
// used, it returns a memory-only store and a warning for the user naming the
// file and the reason. The file is then left exactly as it was. A file that
// can only be read gives a store holding its marks, with a warning too.
func OpenOrMemory(path string) (s *Store, warning string) {
	s, err := Open(path)
	if err == nil {
		return s, s.Warning()
	}
	return NewMemory(path), fmt.Sprintf("%v. Marks will not be saved this session.", err)
}

// Apply enqueues changes and returns at once with the sequence number of the
// last one; Events reports when it is saved. Changes are applied in the order
// given, after those of earlier calls. A change without an ID is dropped:
// there is no story to attach it to. Changes applied after Close are dropped.
func (s *Store) Apply(changes ...Change) uint64 {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return s.lastSeq
	}
	for _, c := range changes {
		if c.Kind < Read || c.Kind > Unlabel {
			panic(fmt.Sprintf("state: Apply with unknown %v for story %q", c.Kind, c.ID))
		}
		if (c.Kind == Label || c.Kind == Unlabel) && !validLabel(c.Label) {
			panic(fmt.Sprintf("state: Apply with label %q, which ParseLabel refuses", c.Label))
		}
		if c.ID == "" {
			continue
		}
		if c.At.IsZero() {
			c.At = now
		}
		// The file keeps milliseconds; a time with more would compare
		// as newer than itself read back.
		c.At = c.At.UTC().Truncate(time.Millisecond)
		s.lastSeq++
		s.pending = append(s.pending, queuedChange{Change: c, seq: s.lastSeq})
	}
	select {
	case s.wake <- struct{}{}:
	default: // the writer is already due to look at the queue
	}
	return s.lastSeq
}

// Flush waits until every change enqueued before the call is durable. If an
// attempt to save fails meanwhile it returns that error; the changes stay
// queued and the writer keeps trying. For a memory-only store "durable"
// means in its database (see Persistent).
func (s *Store) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	target, failuresBefore := s.lastSeq, s.failures
	for s.durable < target {
		if s.failures != failuresBefore {
			return s.lastErr // it names the file and the reason
		}
		if s.writerExited {
			if s.unsavedErr != nil {
				return s.unsavedErr
			}
			return fmt.Errorf("state file %s: store is closed", s.path)
		}
		s.progress.Wait()
	}
	return nil
}

// Marks returns all marks, keyed by story ID, including every change applied
// before the call (it waits for them to be saved).
func (s *Store) Marks() (map[string]Mark, error) {
	if err := s.Flush(); err != nil {
		return nil, err
	}
	marks, err := s.readMarks()
	if err != nil {
		return nil, fmt.Errorf("reading marks from %s: %w", s.path, plainError(err))
	}
	return marks, nil
}

// Close saves everything enqueued and closes the file. If changes cannot be
// saved (after retrying for a while), the error says how many were lost.
// Calling Close again returns the same result.
func (s *Store) Close() error {
	s.closeOnce.Do(s.closeNow)
	return s.closeErr
}

func (s *Store) closeNow() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()

	close(s.closing)
	<-s.writerDone
	var errs []error
	s.mu.Lock()
	if s.unsavedErr != nil {
		errs = append(errs, s.unsavedErr)
	}
	s.mu.Unlock()
	if err := s.db.Close(); err != nil {
		errs = append(errs, fmt.Errorf("closing state file %s: %w", s.path, plainError(err)))
	}
	close(s.events)
	s.closeErr = errors.Join(errs...)
}
