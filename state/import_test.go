package state

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Issue 19, item 10: import takes the ids mark takes, folded as mark folds
// them, and refuses the rest with the line.
func TestImportChecksIdsAsMarkDoes(t *testing.T) {
	for _, c := range []struct{ name, id string }{
		{"too short", "zz"},
		{"5,000 characters", strings.Repeat("a", 5000)},
		{"not hexadecimal", "0123456789abcdeg"},
		{"17 digits", "0123456789abcdef0"},
	} {
		s := NewMemory("nowhere")
		input := `{"id":"0123456789abcdef","read":true}` + "\n" + `{"id":"` + c.id + `","read":true}` + "\n"
		n, err := s.Import(strings.NewReader(input))
		if err == nil || n != (ImportCounts{}) || !strings.Contains(err.Error(), `line 2: "id" is not a story id`) {
			t.Errorf("%s: %v, %v", c.name, n, err)
		}
		if len(err.Error()) > 200 {
			t.Errorf("%s: the message quotes the id: %d bytes", c.name, len(err.Error()))
		}
		if marks := mustMarks(t, s); len(marks) != 0 {
			t.Errorf("%s: imported %v", c.name, marks)
		}
		s.Close()
	}

	// An uppercase id is the story mark would mark: one row, not two.
	storeKinds(t, func(t *testing.T, s *Store) {
		id, ok := ParseID("0123456789ABCDEF")
		if !ok || id != "0123456789abcdef" {
			t.Fatalf("ParseID: %q, %v", id, ok)
		}
		s.Apply(Change{ID: id, Kind: Read, At: t0})
		input := fmt.Sprintf(`{"id":"0123456789ABCDEF","starred":true,"star_changed_at":%q}`, formatTime(t0))
		n, err := s.Import(strings.NewReader(input))
		if err != nil || n != (ImportCounts{Changed: 1}) {
			t.Fatalf("Import: %v, %v", n, err)
		}
		marks := mustMarks(t, s)
		if len(marks) != 1 || !marks[id].Read || !marks[id].Starred {
			t.Errorf("marks: %v", marks)
		}
	})
}

// Issue 19, item 10: an input of more marks than any export stops at the
// first line past the limit, without reading on to the byte limit.
func TestImportStopsAtTheMarksLimit(t *testing.T) {
	defer func(saved int) { maxImportMarks = saved }(maxImportMarks)
	maxImportMarks = 1000
	lines := &countingReader{r: &repeating{line: []byte(`{"id":"0123456789abcdef","read":true}` + "\n")}}
	s := NewMemory("nowhere")
	defer s.Close()
	n, err := s.Import(lines)
	if n != (ImportCounts{}) || err == nil || !strings.Contains(err.Error(), "line 1001: more than 1000 marks") {
		t.Errorf("Import: %v, %v", n, err)
	}
	// bufio.Scanner reads ahead up to its buffer.
	if lines.n > 1001*40+64<<10 {
		t.Errorf("read %d bytes for 1001 lines", lines.n)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// The counts when one import holds a story twice: the first line is new,
// a later newer one changes it, the same line again changes nothing.
func TestImportCountsAStoryTwice(t *testing.T) {
	storeKinds(t, func(t *testing.T, s *Store) {
		input := `{"id":"0123456789abcdef","read":true,"read_changed_at":"2025-07-28T09:30:00Z"}
{"id":"0123456789ABCDEF","read":false,"read_changed_at":"2025-07-28T10:30:00Z"}
{"id":"0123456789abcdef","read":false,"read_changed_at":"2025-07-28T10:30:00Z"}
`
		n, err := s.Import(strings.NewReader(input))
		if err != nil || n != (ImportCounts{New: 1, Changed: 1, Unchanged: 1}) {
			t.Fatalf("Import: %v, %v", n, err)
		}
		if marks := mustMarks(t, s); len(marks) != 1 || marks["0123456789abcdef"].Read {
			t.Errorf("marks: %v", marks)
		}
	})
}

// A store's own export imported back changes nothing and says so: a story
// with labels but no read or star mark (its line carries read and starred
// false, without times) is not a new mark.
func TestImportOfItsOwnExportChangesNothing(t *testing.T) {
	storeKinds(t, func(t *testing.T, s *Store) {
		s.Apply(
			Change{ID: "aaaaaaaaaaaaaaaa", Kind: Read, At: t0},
			Change{ID: "aaaaaaaaaaaaaaaa", Kind: Label, Label: "brief", At: t0},
			Change{ID: "bbbbbbbbbbbbbbbb", Kind: Label, Label: "brief", At: t0},
		)
		var exported bytes.Buffer
		if err := s.Export(&exported); err != nil {
			t.Fatal(err)
		}
		n, err := s.Import(&exported)
		if err != nil || n != (ImportCounts{Unchanged: 2}) {
			t.Fatalf("Import: %+v (%s), %v; want 0 new, 2 unchanged", n, n, err)
		}
		if marks := mustMarks(t, s); len(marks) != 1 || !marks["aaaaaaaaaaaaaaaa"].Read {
			t.Errorf("marks: %v", marks)
		}
	})
}

func TestImportCountsSayOneLabel(t *testing.T) {
	if got := (ImportCounts{Unchanged: 1, Labels: 1}).String(); got != "0 new, 1 unchanged; 1 label changed" {
		t.Errorf("%q", got)
	}
}
