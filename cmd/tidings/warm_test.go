package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 17: a folder opened by any form of its path is one folder with one
// cache: each form's start after the first reads no file again, and its
// answers (related stories with their similar ones included) are those of
// a cold load.
func TestPathFormsShareOneCache(t *testing.T) {
	cacheDir := withCacheHome(t)
	dir := commandCorpus(t)
	link := filepath.Join(t.TempDir(), "clips")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, dir)
	if err != nil {
		t.Fatal(err)
	}
	days, _ := filepath.Glob(filepath.Join(dir, "*"))
	// A story with similar stories (only a planted event's versions have
	// them), so that the answers compared include them.
	var id string
	var want cmdResult
	for _, candidate := range listedIDs(t, dir) {
		want = runForTest("related", "--no-cache", "--json", candidate, dir)
		if strings.Contains(want.stdout, `"similar": [`) && !strings.Contains(want.stdout, `"similar": []`) {
			id = candidate
			break
		}
	}
	if id == "" {
		t.Fatal("no story has similar stories to compare")
	}
	for _, form := range []string{dir, dir + "/", rel, days[0] + "/..", link} {
		got := runForTest("related", "--json", id, form)
		if got.stdout != want.stdout || got.code != 0 {
			t.Errorf("related opened as %q:\n%s\nwant:\n%s", form, got.stdout, want.stdout)
		}
		if entries, _ := os.ReadDir(cacheDir); len(entries) != 1 {
			t.Errorf("opened as %q: %d cache files, want 1", form, len(entries))
		}
	}
}

// listedIDs are the ids of the stories list prints, in its order.
func listedIDs(t *testing.T, dir string) []string {
	t.Helper()
	var ids []string
	for _, line := range strings.Split(runForTest("list", "--no-cache", dir).stdout, "\n") {
		if f := strings.Fields(line); len(f) >= 2 && len(f[1]) == 16 {
			ids = append(ids, f[1])
		}
	}
	if len(ids) == 0 {
		t.Fatal("no story listed")
	}
	return ids
}

// list --query is the reader's filter for scripts: the same stories, warm
// or cold, with is: conditions read from the state.
func TestListQuery(t *testing.T) {
	withCacheHome(t)
	dir := commandCorpus(t)
	state := filepath.Join(t.TempDir(), "state.db")
	all := runForTest("list", "--no-cache", "--state", state, dir)
	var harbour []string
	for _, line := range strings.Split(strings.TrimSpace(all.stdout), "\n") {
		if strings.Contains(strings.ToLower(line), "harbour") {
			harbour = append(harbour, line)
		}
	}
	for _, cached := range []bool{false, true, true} {
		args := []string{"list", "--state", state, "--query", "harbour"}
		if !cached {
			args = append(args, "--no-cache")
		}
		got := runForTest(append(args, dir)...)
		if got.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, got.code, got.stderr)
		}
		lines := strings.Split(strings.TrimSpace(got.stdout), "\n")
		// Every story whose row names the harbour is found; the filter
		// also finds it in the text, so there may be more.
		for _, h := range harbour {
			if !strings.Contains(got.stdout, h) {
				t.Errorf("%v: %q not found", args, h)
			}
		}
		if len(lines) == 0 || len(lines) >= len(strings.Split(all.stdout, "\n")) {
			t.Errorf("%v: %d lines: the query filtered nothing", args, len(lines))
		}
	}
	first := listedIDs(t, dir)[0]
	if r := runForTest("mark", "read", "--state", state, first); r.code != 0 {
		t.Fatalf("mark: %+v", r)
	}
	read := runForTest("list", "--state", state, "--query", "is:read", dir)
	if lines := strings.Split(strings.TrimSpace(read.stdout), "\n"); len(lines) != 1 || !strings.Contains(lines[0], first) {
		t.Errorf("is:read lists %q, want only %s", read.stdout, first)
	}
	if r := runForTest("list", "--query", "day:nonsense", dir); r.code != 2 || !strings.Contains(r.stderr, "--query") {
		t.Errorf("a query that cannot be read: %+v", r)
	}
}
