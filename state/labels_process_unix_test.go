//go:build unix

package state

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// labelAndHang labels a story, says so, and waits to be killed.
func labelAndHang(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	s.Apply(Change{ID: killedStoryID, Kind: Label, Label: "brief"})
	fmt.Println("applied")
	time.Sleep(time.Hour) // until killed
}

// labelMany is one of two processes labelling at once: role "A" labels
// stories 0-299 "brief"; role "B" labels 150-449 "follow-up" (the same
// stories as A for 150-299, another label) and takes "brief" off 400-449,
// which A never labelled, and marks 0-99 read.
func labelMany(path, role, startAtMillis string) {
	compete(path, startAtMillis, func(apply func(Change)) {
		switch role {
		case "A":
			for i := range 300 {
				apply(Change{ID: storyID(i), Kind: Label, Label: "brief"})
			}
		case "B":
			for i := 150; i < 450; i++ {
				apply(Change{ID: storyID(i), Kind: Label, Label: "follow-up"})
				if i >= 400 {
					apply(Change{ID: storyID(i), Kind: Unlabel, Label: "brief"})
				}
			}
			for i := range 100 {
				apply(Change{ID: storyID(i), Kind: Read})
			}
		}
	})
}

// A label, like a mark, survives the process being killed a second after
// it was applied.
func TestLabelSurvivesKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	child := helperCommand(t, "label-and-hang", path)
	startAndWaitForLine(t, child, "applied")
	time.Sleep(time.Second)
	killAndWait(t, child)

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := mustLabels(t, s)[killedStoryID]; !reflect.DeepEqual(got, []string{"brief"}) {
		t.Fatalf("after SIGKILL the story's labels are %v, want [brief]", got)
	}
}

// Two processes labelling (and marking) the same stories at once lose
// nothing and see no error.
func TestTwoProcessesLabellingAtOnceLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fresh", "state.db")
	startAt := time.Now().Add(500 * time.Millisecond).UnixMilli()
	var outputs [2]bytes.Buffer
	var cmds [2]*exec.Cmd
	for i, role := range []string{"A", "B"} {
		c := helperCommand(t, "label-many", path, helperRoleEnv+"="+role, helperStartEnv+"="+strconv.FormatInt(startAt, 10))
		c.Stdout, c.Stderr = &outputs[i], &outputs[i]
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[i] = c
	}
	for i, c := range cmds {
		err := c.Wait()
		if out := outputs[i].String(); err != nil || !strings.HasPrefix(out, "ok ") {
			t.Errorf("process %d: %v, said %q", i, err, out)
		}
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	labels := mustLabels(t, s)
	marks := mustMarks(t, s)
	for i := range 500 {
		var want []string
		if i < 300 {
			want = append(want, "brief")
		}
		if i >= 150 && i < 450 {
			want = append(want, "follow-up")
		}
		if got := labels[storyID(i)]; !reflect.DeepEqual(got, want) {
			t.Errorf("story %d: labels %v, want %v", i, got, want)
		}
		if marks[storyID(i)].Read != (i < 100) {
			t.Errorf("story %d: read %v", i, marks[storyID(i)].Read)
		}
	}
}
