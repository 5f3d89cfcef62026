package state

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// FuzzImport feeds Import arbitrary input. It must end, refuse with the bad
// lines by number or import every mark, and the marks the store then holds
// must follow the rule, applied line by line: a story new to the store is
// taken as it is, then per field the change with the newer time wins. What
// Export writes of them must import to the same marks.
func FuzzImport(f *testing.F) {
	for _, seed := range []string{
		"",
		"\n\n",
		`{"id":"aaaaaaaaaaaaaaaa","read":true,"read_changed_at":"2025-07-28T10:30:00.123Z","starred":true,"star_changed_at":"2025-07-28T09:30:01.623Z"}` + "\n" +
			`{"id":"BBBBBBBBBBBBBBBB","read":true,"read_changed_at":"2025-07-28T09:30:00.123Z","starred":false}` + "\n",
		`{"id":"aaaaaaaaaaaaaaaa","read":true,"read_changed_at":"2025-07-28T10:30:00Z"}` + "\n" +
			`{"id":"aaaaaaaaaaaaaaaa","read":false,"read_changed_at":"2025-07-28T09:30:00Z","starred":true}` + "\n" +
			`{"id":"aaaaaaaaaaaaaaaa","read":false,"read_changed_at":"2025-07-28T11:30:00+02:00"}`,
		"\uFEFF" + `{"id":"bom","starred":true,"star_changed_at":"0001-01-01T00:00:00Z"}` + "\r\n",
		`{"id":"x","read":"yes"}` + "\n" + `{"read":true}` + "\n" + `not json` + "\n" + `{"id":"y"}`,
		`{"id":"x"} {"id":"y"}`,
		`{"id":"t","read_changed_at":"1969-12-31T23:59:59.999999999-23:59"}`,
		`[1,2]` + "\n" + `"id"` + "\n" + `{"id":1}`,
		"\x00\xff\xfe{",
		`{"id":"aaaaaaaaaaaaaaaa","read":false,"starred":false,"labels":[{"name":"brief","set":true,"changed_at":"2025-07-28T09:30:00.123Z"},{"name":"old","set":false,"changed_at":"2025-07-28T09:31:00Z"}]}` + "\n" +
			`{"id":"aaaaaaaaaaaaaaaa","labels":[{"name":"Brief","set":false,"changed_at":"2025-07-28T10:30:00Z"}]}`,
		`{"id":"aaaaaaaaaaaaaaaa","labels":[{"name":"a b","set":true}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		marks, err := parseImport(bytes.NewReader(data))
		if err != nil {
			var importErr *ImportError
			if !errors.As(err, &importErr) || len(importErr.Lines) == 0 {
				t.Fatalf("error %v is not an *ImportError listing lines", err)
			}
			for i, line := range importErr.Lines {
				if line.Line < 1 || i > 0 && line.Line <= importErr.Lines[i-1].Line {
					t.Fatalf("line numbers out of order: %v", importErr.Lines)
				}
			}
			return
		}
		want := map[string]Mark{}
		for _, im := range marks {
			m := im.mark()
			if m.ID == "" {
				t.Fatalf("mark without an id: %+v", m)
			}
			for _, at := range []time.Time{m.ReadChangedAt, m.StarChangedAt} {
				if at.Location() != time.UTC || at.Nanosecond()%int(time.Millisecond) != 0 {
					t.Fatalf("time %v is not UTC in milliseconds", at)
				}
			}
			current, known := want[m.ID]
			if !known && m == (Mark{ID: m.ID}) {
				continue // a line of labels only: no mark to keep
			}
			want[m.ID] = mergeRule(current, known, m)
		}

		s := NewMemory("fuzz")
		defer s.Close()
		n, err := s.Import(bytes.NewReader(data))
		if err != nil || n.Total() != len(marks) {
			t.Fatalf("Import: %d, %v; parsed %d marks", n, err, len(marks))
		}
		got := mustMarks(t, s)
		sameMarks(t, "after import", got, want)
		// Labels: per story and label, the first seen, then a newer change.
		wantLabels := map[string]importedLabel{}
		for _, im := range marks {
			for _, l := range im.labels {
				k := im.mark().ID + " " + l.name
				if cur, ok := wantLabels[k]; !ok || l.at > cur.at {
					wantLabels[k] = l
				}
			}
		}
		gotLabels := map[string]importedLabel{}
		err = s.eachLabel(false, func(id, label string, present bool, at int64) {
			gotLabels[id+" "+label] = importedLabel{name: label, set: present, at: at}
		})
		if err != nil || !reflect.DeepEqual(gotLabels, wantLabels) {
			t.Fatalf("labels after import: %v (%v), want %v", gotLabels, err, wantLabels)
		}

		var exported bytes.Buffer
		if err := s.Export(&exported); err != nil {
			t.Fatal(err)
		}
		again, err := parseImport(&exported)
		if err != nil {
			t.Fatalf("the export does not import: %v\n%s", err, exported.String())
		}
		reimported := map[string]Mark{}
		relabelled := map[string]importedLabel{}
		for _, im := range again {
			if m := im.mark(); m != (Mark{ID: m.ID}) { // not a line of labels only
				reimported[m.ID] = m
			}
			for _, l := range im.labels {
				relabelled[im.mark().ID+" "+l.name] = l
			}
		}
		sameMarks(t, "exported and read back", reimported, got)
		if !reflect.DeepEqual(relabelled, gotLabels) {
			t.Fatalf("labels exported and read back: %v, want %v", relabelled, gotLabels)
		}
	})
}

// mergeRule is Import's rule, written out in Go as the oracle of the SQL.
func mergeRule(current Mark, known bool, incoming Mark) Mark {
	if !known {
		return incoming
	}
	newer := func(incoming, current time.Time) bool {
		return !incoming.IsZero() && (current.IsZero() || incoming.After(current))
	}
	if newer(incoming.ReadChangedAt, current.ReadChangedAt) {
		current.Read, current.ReadChangedAt = incoming.Read, incoming.ReadChangedAt
	}
	if newer(incoming.StarChangedAt, current.StarChangedAt) {
		current.Starred, current.StarChangedAt = incoming.Starred, incoming.StarChangedAt
	}
	return current
}

func sameMarks(t *testing.T, when string, got, want map[string]Mark) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d marks, want %d", when, len(got), len(want))
	}
	for id, w := range want {
		g, ok := got[id]
		if !ok || g.ID != w.ID || g.Read != w.Read || g.Starred != w.Starred ||
			!g.ReadChangedAt.Equal(w.ReadChangedAt) || !g.StarChangedAt.Equal(w.StarChangedAt) {
			t.Fatalf("%s: %q is %+v, want %+v", when, id, g, w)
		}
	}
}

// FuzzOpen opens arbitrary and damaged state files. Open must end, and
// either refuse the file with an *OpenError and leave its folder exactly as
// it was, or give a store that reads, takes a mark and closes.
func FuzzOpen(f *testing.F) {
	for _, seed := range fuzzOpenSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "state.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		before := folderState(t, dir)

		type result struct {
			s   *Store
			err error
		}
		done := make(chan result, 1)
		go func() {
			s, err := Open(path)
			done <- result{s, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("Open did not return within 20 s")
		}
		if r.err != nil {
			var openErr *OpenError
			if !errors.As(r.err, &openErr) {
				t.Fatalf("Open: %v is not an *OpenError", r.err)
			}
			if !strings.Contains(r.err.Error(), path) {
				t.Errorf("Open: %v does not name the file", r.err)
			}
			sameFolderState(t, "after a refusal", before, folderState(t, dir))
			return
		}
		s := r.s
		if !s.Persistent() {
			t.Fatalf("Open gave a store that does not save, for a file it may write: %v", s.NotSaved())
		}
		s.Apply(Change{ID: "fuzz", Kind: Star, At: t0})
		marks, err := s.Marks()
		if err != nil {
			s.Close()
			t.Fatalf("Open accepted the file, then Marks failed: %v", err)
		}
		if !marks["fuzz"].Starred {
			t.Errorf("the new mark is missing: %v", marks["fuzz"])
		}
		if err := s.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
	})
}

// fuzzOpenSeeds makes small state files of every kind Open meets: current
// and first-version files with marks, an empty file and database, WAL and
// rollback mode, another program's database, a newer one. Pages of 512
// bytes keep them small enough for the fuzzer to mutate well.
func fuzzOpenSeeds(f *testing.F) [][]byte {
	f.Helper()
	marks := fmt.Sprintf(`INSERT INTO marks VALUES ('0123456789abcdef', 1, %d, 1, %d), ('fedcba9876543210', 0, NULL, 1, %d)`,
		t0.UnixMilli(), t0.UnixMilli(), t0.Add(time.Hour).UnixMilli())
	small := "PRAGMA page_size = 512"
	wal := "PRAGMA journal_mode = WAL"
	kinds := [][]string{
		{small, marksV2, marks, "PRAGMA user_version = 2"},
		{small, wal, marksV2, marks, "PRAGMA user_version = 2"},
		{small, marksV1, `INSERT INTO marks VALUES ('aaaa', 1, 1753695000123)`, "PRAGMA user_version = 1"},
		{small, "VACUUM"},
		{small, "CREATE TABLE recipes (name TEXT)"},
		{small, marksV2, "PRAGMA user_version = 4"},
		{small, marksV2, "CREATE INDEX starred ON marks (starred)", marks, "PRAGMA user_version = 2"},
	}
	var seeds [][]byte
	for i, statements := range kinds {
		path := filepath.Join(f.TempDir(), fmt.Sprintf("seed%d.db", i))
		makeDB(f, path, statements...)
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	return append(seeds, nil, []byte(sqliteMagic), bytes.Repeat([]byte{0xA5}, 600))
}
