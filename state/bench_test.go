package state

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// fillMarks writes n marks straight into the file, much faster than through
// Apply, so that benchmarks spend their set-up time on what they measure.
func fillMarks(tb testing.TB, s *Store, n int) {
	tb.Helper()
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO marks (id, read, read_changed_at, starred, star_changed_at) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	base := time.Date(2025, 7, 28, 9, 0, 0, 0, time.UTC).UnixMilli()
	for i := range n {
		var starAt any
		if i%7 == 0 {
			starAt = base + int64(i)
		}
		if _, err := stmt.ExecContext(ctx, fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15), i%3 != 0, base+int64(i), i%7 == 0, starAt); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// closedFileWithMarks makes a state file holding n marks and closes it, as
// a clean exit leaves it: no WAL.
func closedFileWithMarks(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "state.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	fillMarks(b, s, n)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkMarks100k measures what start-up waits for: reading 100,000
// marks from a file that, as after a clean exit, has no WAL left.
func BenchmarkMarks100k(b *testing.B) {
	path := closedFileWithMarks(b, 100_000)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cpuBefore, haveCPU := processCPUTime()
	for b.Loop() {
		marks, err := s.Marks()
		if err != nil {
			b.Fatal(err)
		}
		if len(marks) != 100_000 {
			b.Fatalf("got %d marks", len(marks))
		}
	}
	if cpuAfter, _ := processCPUTime(); haveCPU {
		b.ReportMetric(float64(cpuAfter-cpuBefore)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

func BenchmarkOpen100k(b *testing.B) {
	path := closedFileWithMarks(b, 100_000)
	for b.Loop() {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
