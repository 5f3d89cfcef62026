package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"tidings/state"
)

func runCommand(args ...string) stateCmdResult {
	var stdout, stderr bytes.Buffer
	code := run(args, nil, &stdout, &stderr)
	return stateCmdResult{code, stdout.String(), stderr.String()}
}

func TestLabelCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	for _, step := range []struct {
		args   []string
		code   int
		stdout string
	}{
		{[]string{"label", "list", "--state", path}, 0, ""},
		{[]string{"label", "add", "--state", path, "Brief", idA, idB, strings.ToUpper(idA)}, 0, "2 stories labelled brief\n"},
		{[]string{"label", "add", "--state", path, "follow-up", idB}, 0, "1 story labelled follow-up\n"},
		{[]string{"label", "add", "--state", path, "brief", idB, idC}, 0, "1 story labelled brief (1 had it already)\n"},
		{[]string{"label", "remove", "--state", path, "brief", idA, idC}, 0, "label brief taken off 2 stories\n"},
		{[]string{"label", "remove", "--state", path, "brief", idA, idC}, 0, "label brief was on none of them: nothing changed\n"},
		{[]string{"label", "remove", "--state", path, "nosuch", idA}, 0, "label nosuch was on none of them: nothing changed\n"},
		{[]string{"label", "remove", "--state", path, "follow-up", idA, idB}, 0, "label follow-up taken off 1 story (1 did not have it)\n"},
		{[]string{"label", "add", "--state", path, "follow-up", idB}, 0, "1 story labelled follow-up\n"},
		{[]string{"label", "add", "--state", path, "no:colons", idA}, 2, ""},
		{[]string{"label", "add", "--state", path, "brief", idA, "zz"}, 2, ""},
		{[]string{"label", "list", "--state", path}, 0, "brief      1\nfollow-up  1\n"},
	} {
		r := runCommand(step.args...)
		if r.code != step.code || r.code == 0 && r.stdout != step.stdout || r.code != 0 && r.stderr == "" {
			t.Errorf("%q: %+v, want exit %d and %q", step.args, r, step.code, step.stdout)
		}
	}
	s, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	labels, err := s.Labels()
	s.Close()
	if want := map[string][]string{idB: {"brief", "follow-up"}}; err != nil || !reflect.DeepEqual(labels, want) {
		t.Fatalf("labels %v (%v), want %v: a refused command must change nothing", labels, err, want)
	}
}

func TestListLabelsSearchesAndOrders(t *testing.T) {
	inRepoRoot(t)
	path := filepath.Join(t.TempDir(), "state.db")
	dumps := "testdata/dumps/2025-03-04"
	const salt, live = "980936e72688d1af", "fb987b302f49a538"
	if r := runCommand("label", "add", "--state", path, "brief", salt, live); r.code != 0 {
		t.Fatal(r)
	}
	runCommand("mark", "--state", path, "read", salt)
	cfg := writeConfig(t, "[searches]\nbrief = 'label:brief is:unread'\n")

	listed := func(args ...string) []jsonListed {
		t.Helper()
		r := runCommand(append([]string{"list", "--json", "--state", path, "--config", cfg, dumps}, args...)...)
		var out []jsonListed
		if err := json.Unmarshal([]byte(r.stdout), &out); r.code != 0 || err != nil {
			t.Fatalf("list %q: %+v %v", args, r, err)
		}
		return out
	}
	ids := func(l []jsonListed) (out []string) {
		for _, s := range l {
			out = append(out, s.ID)
		}
		return out
	}
	if got := ids(listed("--query", "label:brief")); !reflect.DeepEqual(got, []string{salt, live}) && !reflect.DeepEqual(got, []string{live, salt}) {
		t.Errorf("label:brief lists %v", got)
	}
	if got := ids(listed("--search", "brief")); !reflect.DeepEqual(got, []string{live}) {
		t.Errorf("--search brief (label:brief is:unread) lists %v", got)
	}
	if got := ids(listed("--search", "brief", "--query", "salt")); len(got) != 0 {
		t.Errorf("--search with --query narrows both ways: %v", got)
	}
	// export takes a saved search as list does.
	r := runCommand("export", "--format", "json", "--state", path, "--config", cfg, "--search", "brief", dumps)
	var brief exportedBrief
	if err := json.Unmarshal([]byte(r.stdout), &brief); r.code != 0 || err != nil {
		t.Fatalf("export --search brief: %+v %v", r, err)
	}
	var exported []string
	for _, d := range brief.Days {
		for _, e := range d.Events {
			for _, s := range e.Stories {
				exported = append(exported, s.ID)
			}
		}
	}
	if brief.Stories != 1 || !slices.Contains(exported, live) || !strings.Contains(brief.Title, "label:brief is:unread") {
		t.Errorf("export --search brief: %d stories %v (%q), want %s", brief.Stories, exported, brief.Title, live)
	}
	if r := runCommand("export", "--config", cfg, "--search", "breif", dumps); r.code != 2 || !strings.Contains(r.stderr, `--search: no saved search named "breif"`) {
		t.Errorf("export --search breif: %+v", r)
	}
	all := listed()
	for _, l := range all {
		want := []string{}
		if l.ID == live || l.ID == salt {
			want = []string{"brief"}
		}
		if !reflect.DeepEqual(l.Labels, want) {
			t.Errorf("%s has labels %v, want %v", l.ID, l.Labels, want)
		}
	}
	published := listed("--sort", "published")
	if len(published) != len(all) {
		t.Fatalf("--sort published lists %d of %d", len(published), len(all))
	}
	seenUndated := false
	for i, l := range published {
		if l.PublishedAt == nil {
			seenUndated = true
		} else if seenUndated || i > 0 && published[i-1].PublishedAt != nil && *published[i-1].PublishedAt < *l.PublishedAt {
			t.Fatalf("--sort published: %s out of order", l.ID)
		}
	}
	bySource := listed("--sort", "source")
	for i := 1; i < len(bySource); i++ {
		a, b := bySource[i-1].Source, bySource[i].Source
		if b != "" && (a == "" || strings.ToLower(a) > strings.ToLower(b)) {
			t.Fatalf("--sort source: %q before %q", a, b)
		}
	}
	if r := runCommand("list", "--sort", "newest", dumps); r.code != 2 || !strings.Contains(r.stderr, "use saved") {
		t.Errorf("--sort newest: %+v", r)
	}
}

// label add and remove complete the label's name from those in use.
func TestLabelNamesComplete(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	if offered, _ := complete(t, "label", "add", "--state", path, ""); len(offered) != 0 {
		t.Fatalf("no state file: offered %q", offered)
	}
	runCommand("label", "add", "--state", path, "brief", idA)
	runCommand("label", "add", "--state", path, "follow-up", idB)
	runCommand("label", "add", "--state", path, "briefing", idB)
	offered, directive := complete(t, "label", "remove", "--state", path, "bri")
	if !reflect.DeepEqual(offered, []string{"brief", "briefing"}) || directive != ":4" {
		t.Fatalf("offered %q %s", offered, directive)
	}
	if offered, _ := complete(t, "label", "add", "--state", path, "brief", ""); len(offered) != 0 {
		t.Fatalf("an id offered %q", offered)
	}
}
