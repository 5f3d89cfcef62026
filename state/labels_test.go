package state

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustLabels(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	labels, err := s.Labels()
	if err != nil {
		t.Fatal(err)
	}
	return labels
}

func TestParseLabel(t *testing.T) {
	for word, want := range map[string]string{"brief": "brief", "Follow-up": "follow-up", "to_read2": "to_read2", "éco": "éco"} {
		if got, ok := ParseLabel(word); !ok || got != want {
			t.Errorf("ParseLabel(%q) = %q, %v; want %q", word, got, ok, want)
		}
	}
	for _, word := range []string{"", "two words", "a:b", "#tag", "x\x1b[31m", strings.Repeat("a", MaxLabelLength+1), "a,b"} {
		if got, ok := ParseLabel(word); ok {
			t.Errorf("ParseLabel(%q) accepted as %q", word, got)
		}
	}
}

func TestLabelsApplyAndRead(t *testing.T) {
	storeKinds(t, func(t *testing.T, s *Store) {
		s.Apply(
			Change{ID: "aaaaaaaaaaaaaaaa", Kind: Label, Label: "brief"},
			Change{ID: "aaaaaaaaaaaaaaaa", Kind: Label, Label: "follow-up"},
			Change{ID: "bbbbbbbbbbbbbbbb", Kind: Label, Label: "brief"},
			Change{ID: "bbbbbbbbbbbbbbbb", Kind: Unlabel, Label: "brief"},
			Change{ID: "cccccccccccccccc", Kind: Read},
		)
		want := map[string][]string{"aaaaaaaaaaaaaaaa": {"brief", "follow-up"}}
		if got := mustLabels(t, s); !reflect.DeepEqual(got, want) {
			t.Fatalf("labels %v, want %v", got, want)
		}
		if m := mustMarks(t, s); len(m) != 1 || !m["cccccccccccccccc"].Read {
			t.Fatalf("labels changed the marks: %v", m)
		}
	})
}

func TestLabelsSurviveReopenAndReadOnlyOpen(t *testing.T) {
	s, path := openTemp(t)
	s.Apply(Change{ID: "aaaaaaaaaaaaaaaa", Kind: Label, Label: "brief"})
	s.SavePosition("/clips", Position{View: "unread", Story: "aaaaaaaaaaaaaaaa", After: []string{"bbbbbbbbbbbbbbbb"}})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := mustLabels(t, again); !reflect.DeepEqual(got["aaaaaaaaaaaaaaaa"], []string{"brief"}) {
		t.Fatalf("after reopening, labels %v", got)
	}
	p, ok, err := again.Position("/clips")
	if err != nil || !ok || p.View != "unread" || p.Story != "aaaaaaaaaaaaaaaa" || !reflect.DeepEqual(p.After, []string{"bbbbbbbbbbbbbbbb"}) {
		t.Fatalf("position %+v, %v, %v", p, ok, err)
	}
	if _, ok, _ := again.Position("/elsewhere"); ok {
		t.Fatal("a position for folders never opened")
	}

	// A file that may only be read keeps its labels and position in memory.
	readOnly, err := openReadOnly(path, path, true, SchemaVersion, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer readOnly.Close()
	if got := mustLabels(t, readOnly); !reflect.DeepEqual(got["aaaaaaaaaaaaaaaa"], []string{"brief"}) {
		t.Fatalf("read-only copy: labels %v", got)
	}
	if _, ok, _ := readOnly.Position("/clips"); !ok {
		t.Fatal("read-only copy lost the position")
	}
}

func TestPositionsCoalesceAndKeepTheLatest(t *testing.T) {
	storeKinds(t, func(t *testing.T, s *Store) {
		for i := range 100 {
			s.SavePosition("/a", Position{View: "all", Story: storyID(i)})
		}
		s.SavePosition("/b", Position{View: "starred", Story: storyID(7), After: make([]string, 80)})
		p, _, err := s.Position("/a")
		if err != nil || p.Story != storyID(99) {
			t.Fatalf("position %+v, %v; want the last story saved", p, err)
		}
		if p, _, _ := s.Position("/b"); p.View != "starred" || len(p.After) != 0 {
			// 80 empty ids are stored as spaces, which read back as none.
			t.Fatalf("position of /b: %+v", p)
		}
	})
}

func TestLabelsExportImportNewerWins(t *testing.T) {
	storeKinds(t, func(t *testing.T, s *Store) {
		s.Apply(
			Change{ID: "aaaaaaaaaaaaaaaa", Kind: Label, Label: "brief", At: t0},
			Change{ID: "aaaaaaaaaaaaaaaa", Kind: Label, Label: "old", At: t0},
			Change{ID: "aaaaaaaaaaaaaaaa", Kind: Unlabel, Label: "old", At: t0.Add(time.Minute)},
			Change{ID: "bbbbbbbbbbbbbbbb", Kind: Star, At: t0},
		)
		var exported bytes.Buffer
		if err := s.Export(&exported); err != nil {
			t.Fatal(err)
		}
		want := `{"id":"aaaaaaaaaaaaaaaa","read":false,"starred":false,"labels":[{"name":"brief","set":true,"changed_at":"2025-07-28T09:30:00.123Z"},{"name":"old","set":false,"changed_at":"2025-07-28T09:31:00.123Z"}]}
{"id":"bbbbbbbbbbbbbbbb","read":false,"starred":true,"star_changed_at":"2025-07-28T09:30:00.123Z"}
`
		if exported.String() != want {
			t.Fatalf("export:\n%s\nwant:\n%s", exported.String(), want)
		}

		other := NewMemory("other")
		defer other.Close()
		other.Apply(
			Change{ID: "aaaaaaaaaaaaaaaa", Kind: Unlabel, Label: "brief", At: t0.Add(-time.Hour)}, // older: loses
			Change{ID: "aaaaaaaaaaaaaaaa", Kind: Label, Label: "old", At: t0.Add(time.Hour)},      // newer: stays
		)
		counts, err := other.Import(bytes.NewReader(exported.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if counts.Labels != 1 || !strings.Contains(counts.String(), "1 label changed") {
			t.Errorf("counts %+v (%s), want the one newer label counted", counts, counts)
		}
		if got := mustLabels(t, other); !reflect.DeepEqual(got["aaaaaaaaaaaaaaaa"], []string{"brief", "old"}) {
			t.Fatalf("after import: %v", got)
		}
	})
}

func TestImportRefusesBadLabels(t *testing.T) {
	s := NewMemory("x")
	defer s.Close()
	input := `{"id":"aaaaaaaaaaaaaaaa","labels":[{"name":"two words","set":true,"changed_at":"2025-07-28T09:30:00Z"}]}
{"id":"aaaaaaaaaaaaaaaa","labels":[{"name":"ok","set":true}]}
{"id":"aaaaaaaaaaaaaaaa","labels":"brief"}
`
	_, err := s.Import(strings.NewReader(input))
	for _, want := range []string{`line 1: label "two words": a label is`, `line 2: label "ok" has no changed_at`, `line 3: "labels" must be a list`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

// schema2Mark is exportedMark as tidings wrote and read it before labels
// (schema 2), copied here because that tidings is released and will not
// change: its import decoded each line into this with encoding/json's
// defaults, which skip unknown names. An export from this tidings must
// decode there to the same marks, its labels left out.
type schema2Mark struct {
	ID            string `json:"id"`
	Read          bool   `json:"read"`
	ReadChangedAt string `json:"read_changed_at,omitempty"`
	Starred       bool   `json:"starred"`
	StarChangedAt string `json:"star_changed_at,omitempty"`
}

func TestExportWithLabelsImportsIntoTheTidingsBeforeLabels(t *testing.T) {
	s := NewMemory("x")
	defer s.Close()
	s.Apply(
		Change{ID: "aaaaaaaaaaaaaaaa", Kind: Read, At: t0},
		Change{ID: "aaaaaaaaaaaaaaaa", Kind: Label, Label: "brief", At: t0},
		Change{ID: "bbbbbbbbbbbbbbbb", Kind: Label, Label: "brief", At: t0},
	)
	var exported bytes.Buffer
	if err := s.Export(&exported); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(exported.String()), "\n")
	want := []schema2Mark{
		{ID: "aaaaaaaaaaaaaaaa", Read: true, ReadChangedAt: "2025-07-28T09:30:00.123Z"},
		{ID: "bbbbbbbbbbbbbbbb"}, // labels only: an unread story, as it was there
	}
	for i, line := range lines {
		var old schema2Mark
		decoder := json.NewDecoder(strings.NewReader(line))
		if err := decoder.Decode(&old); err != nil || decoder.More() {
			t.Fatalf("line %d %s: %v", i+1, line, err)
		}
		if old != want[i] {
			t.Errorf("line %d reads there as %+v, want %+v", i+1, old, want[i])
		}
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines", len(lines))
	}
}

func TestFileOfSchema3WithoutLabelsTableIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	makeDB(t, path, marksV2, "PRAGMA user_version = 3")
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "labels or positions table is missing") {
		t.Fatalf("Open: %v", err)
	}
}
