package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func schemaVersion(ctx context.Context, q querier) (int, error) {
	var version int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	return version, err
}

// marksColumns[v] are the columns of the marks table at schema version v;
// the id is its primary key.
var marksColumns = [SchemaVersion + 1][]string{
	1: {"id", "read", "read_changed_at"},
	2: {"id", "read", "read_changed_at", "starred", "star_changed_at"},
	3: {"id", "read", "read_changed_at", "starred", "star_changed_at"},
}

// checkSchemaShape refuses a database that is not ours, so that migrating
// never adds our tables to somebody else's file, and a marks table that our
// SQL would fail on (after start-up, and after retrying), and reads every
// page so that damage shows now too.
func checkSchemaShape(ctx context.Context, q querier, version int) error {
	var objects, marksTables int
	err := q.QueryRowContext(ctx,
		"SELECT count(*), count(CASE WHEN type = 'table' AND name = 'marks' THEN 1 END) FROM sqlite_schema").
		Scan(&objects, &marksTables)
	if err != nil {
		return err
	}
	if version == 0 && objects > 0 {
		return &OpenError{Kind: ErrCorrupt, Reason: "it holds tables tidings did not make"}
	}
	if version > 0 && marksTables == 0 {
		return &OpenError{Kind: ErrCorrupt, Reason: "its marks table is missing"}
	}
	if version >= 3 {
		var tables int
		err := q.QueryRowContext(ctx,
			"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('labels', 'positions')").Scan(&tables)
		if err != nil {
			return err
		}
		if tables != 2 {
			return &OpenError{Kind: ErrCorrupt, Reason: errNoLabelsTable.Error()}
		}
	}
	if version > 0 {
		columns, err := marksTableColumns(ctx, q)
		if err != nil {
			return err
		}
		if want := strings.Join(marksColumns[version], ", ") + " (key id)"; columns != want {
			return &OpenError{Kind: ErrCorrupt, Reason: fmt.Sprintf(
				"its marks table has columns %s where schema %d has %s", columns, version, want)}
		}
	}
	var result string
	if err := q.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		// The report is made for SQLite developers and spans lines; one
		// line of it is enough to show this is not a tidings problem.
		result = strings.TrimSpace(strings.TrimPrefix(result, "*** in database main ***"))
		result, _, _ = strings.Cut(result, "\n")
		return &OpenError{Kind: ErrCorrupt, Reason: "SQLite's check says: " + result}
	}
	return nil
}

// marksTableColumns describes the marks table as checkSchemaShape compares
// it: the column names in order, then the primary key.
func marksTableColumns(ctx context.Context, q querier) (string, error) {
	rows, err := q.QueryContext(ctx, "SELECT name, pk FROM pragma_table_info('marks') ORDER BY cid")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var names, key []string
	for rows.Next() {
		var name string
		var pk int
		if err := rows.Scan(&name, &pk); err != nil {
			return "", err
		}
		names = append(names, name)
		if pk > 0 {
			key = append(key, name)
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	// Names come from the file: quoting keeps a strange one from passing
	// for part of the list.
	for i, name := range names {
		if strings.ContainsAny(name, ", ()") || name == "" {
			names[i] = strconv.Quote(name)
		}
	}
	if len(key) == 0 {
		key = []string{"none"}
	}
	return strings.Join(names, ", ") + " (key " + strings.Join(key, ", ") + ")", nil
}

// migrations[i] brings a database from schema version i to i+1. Entries are
// never edited once released: files in the wild went through them. Times are
// Unix milliseconds, UTC; a NULL time means the field was never changed. The
// DDL holds no SQL comments because ALTER TABLE ADD COLUMN splices the new
// column into the stored CREATE text, where a trailing comment would swallow
// it.
var migrations = [...][]string{
	// 1: read marks.
	{`CREATE TABLE marks (
		id TEXT NOT NULL PRIMARY KEY,
		read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
		read_changed_at INTEGER
	) WITHOUT ROWID`},
	// 2: stars.
	{
		`ALTER TABLE marks ADD COLUMN starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1))`,
		`ALTER TABLE marks ADD COLUMN star_changed_at INTEGER`,
	},
	// 3: labels, kept with present = 0 once taken off so that an import
	// can tell a newer removal from an older label; and where the reader
	// was, per set of opened folders.
	{
		`CREATE TABLE labels (
			id TEXT NOT NULL,
			label TEXT NOT NULL,
			present INTEGER NOT NULL CHECK (present IN (0, 1)),
			changed_at INTEGER NOT NULL,
			PRIMARY KEY (id, label)
		) WITHOUT ROWID`,
		`CREATE TABLE positions (
			folders TEXT NOT NULL PRIMARY KEY,
			view TEXT NOT NULL,
			story TEXT NOT NULL,
			after TEXT NOT NULL,
			saved_at INTEGER NOT NULL
		) WITHOUT ROWID`,
	},
}

// SchemaVersion is the schema this tidings writes, kept in PRAGMA
// user_version.
const SchemaVersion = len(migrations)

// migrate runs all pending migrations in one transaction, so a file is
// always at a version some tidings knows, never half-way.
func migrate(ctx context.Context, path string, db *sql.DB) error {
	version, err := schemaVersion(ctx, db)
	if err != nil {
		return classifyOpenError(path, err, ErrUnreadable)
	}
	if err := checkVersion(path, version); err != nil {
		return err
	}
	if version == SchemaVersion {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE, see connParams
	if err != nil {
		return classifyOpenError(path, err, ErrUnwritable)
	}
	defer tx.Rollback()
	// Another process may have migrated while we waited for the lock.
	if version, err = schemaVersion(ctx, tx); err != nil {
		return classifyOpenError(path, err, ErrUnreadable)
	}
	if err := checkVersion(path, version); err != nil {
		return err
	}
	if version == SchemaVersion {
		return nil
	}
	if err := checkSchemaShape(ctx, tx, version); err != nil {
		var openErr *OpenError
		if errors.As(err, &openErr) {
			openErr.Path = path
			return openErr
		}
		return classifyOpenError(path, err, ErrUnreadable)
	}
	for v := version; v < SchemaVersion; v++ {
		for _, statement := range migrations[v] {
			if _, err := tx.ExecContext(ctx, statement); err != nil {
				return &OpenError{Path: path, Kind: ErrUnwritable,
					Reason: fmt.Sprintf("upgrading it from schema %d to %d failed: %v", v, v+1, plainError(err)), Err: err}
			}
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion)); err != nil {
		return classifyOpenError(path, err, ErrUnwritable)
	}
	if err := tx.Commit(); err != nil {
		return classifyOpenError(path, err, ErrUnwritable)
	}
	return nil
}
