package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tidings/model"
)

// relatedDumps writes three pages: an article whose related list holds two
// stories, a listing that shows one of them again beside another story,
// and an article from another outlet on the same event as the first,
// which no page shows with it.
func relatedDumps(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"000_0000000000000001.txt": "Shoigu arrives in Pyongyang for treaty talks\n" +
			"PYONGYANG, March 3 (Coastline Wire) - Shoigu landed in Pyongyang on Tuesday to discuss the treaty.\n" +
			"The treaty would be the first since 1961, Shoigu told reporters in Pyongyang.\n" +
			"Related Articles\n\n" +
			"Valley Courier\n3 hours ago\n- Valley Courier\nOrchard growers count losses after frost\nGrowers in the upper valley said the frost hit hard.\n\n" +
			"Northern Ledger\nan hour ago\n- Northern Ledger\nTram line extension opens to crowds\nThe first trams ran on time this morning.\n",
		"001_0000000000000002.txt": "logo\n#\nLatest news with #Ports\n\n" +
			"Harbour pontoons reopen after storm checks\nHarbour pontoons reopen after storm checks\n\nEsker Wire\n\ntime2 hours ago\n\n  • Esker Wire\nHarbour pontoons reopen after storm checks\n\nThe pontoons reopened on Monday after checks.\n\n" +
			"Orchard growers count losses after frost\nOrchard growers count losses after frost\n\nValley Courier\n\ntime3 hours ago\n\n  • Valley Courier\nOrchard growers count losses after frost\n\nGrowers in the upper valley said the frost hit hard.\n",
		"002_0000000000000003.txt": "Pyongyang welcomes Shoigu as treaty nears\n" +
			"PYONGYANG, March 4 (Meridian Press Agency) - Crowds lined the road as Shoigu drove into Pyongyang; a treaty is expected within days.\n" +
			"Shoigu said the treaty talks in Pyongyang were going well.\n" +
			"Related Articles\n\n" +
			"Radio Kestrel\n2 hours ago\n- Radio Kestrel\nCouncil budget heads to vote\nThe council votes on its budget tonight.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func idOf(headline string) string { return model.StoryID(headline, "", "") }

func TestRelatedJSON(t *testing.T) {
	dir := relatedDumps(t)
	shoigu := idOf("Shoigu arrives in Pyongyang for treaty talks")
	r := runForTest("related", "--json", shoigu, dir)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	var out jsonRelated
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if out.Story.ID != shoigu || out.Story.Headline != "Shoigu arrives in Pyongyang for treaty talks" || out.Story.Source != "Coastline Wire" || out.Story.Day == "" {
		t.Errorf("story %+v", out.Story)
	}
	var linked []string
	for _, l := range out.Linked {
		linked = append(linked, l.Headline+":"+l.How)
	}
	if want := []string{"Orchard growers count losses after frost:main", "Tram line extension opens to crowds:main"}; !slices.Equal(linked, want) {
		t.Errorf("linked %q, want %q", linked, want)
	}
	if len(out.Similar) == 0 || out.Similar[0].Headline != "Pyongyang welcomes Shoigu as treaty nears" {
		t.Fatalf("similar %+v", out.Similar)
	}
	top := out.Similar[0]
	if !top.SameEvent || top.Score <= 0 || top.Score > 1 || top.Source != "Meridian Press Agency" || !slices.Contains(top.Terms, "Shoigu") {
		t.Errorf("similar %+v: want the other outlet's version, same event, naming Shoigu", top)
	}
	for _, field := range []string{`"story"`, `"linked"`, `"similar"`, `"how"`, `"tag"`, `"score"`, `"terms"`, `"day"`, `"source"`} {
		if !strings.Contains(r.stdout, field) {
			t.Errorf("no %s in the JSON", field)
		}
	}

	// A story of both a page and a listing: main, same-page and listing
	// links, the listing's with its tag.
	r = runForTest("related", "--json", idOf("Orchard growers count losses after frost"), dir)
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	out = jsonRelated{}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	linked = nil
	for _, l := range out.Linked {
		linked = append(linked, l.Headline+":"+l.How)
		if l.How != "listing" && l.Tag != "" || l.How == "listing" && l.Tag != "#Ports" {
			t.Errorf("link %+v: tag", l)
		}
	}
	want := []string{"Shoigu arrives in Pyongyang for treaty talks:main", "Tram line extension opens to crowds:same-page", "Harbour pontoons reopen after storm checks:listing"}
	if !slices.Equal(linked, want) {
		t.Errorf("linked %q, want %q", linked, want)
	}
}

func TestRelatedText(t *testing.T) {
	dir := relatedDumps(t)
	r := runForTest("related", idOf("Tram line extension opens to crowds"), dir)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	for _, want := range []string{
		"Tram line extension opens to crowds",
		"shown with it (2):",
		"main", "Shoigu arrives in Pyongyang for treaty talks",
		"same-page", "Orchard growers count losses after frost",
		"similar (",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runForTest("related", idOf("Orchard growers count losses after frost"), dir)
	if !strings.Contains(r.stdout, "listing #Ports") || !strings.Contains(r.stdout, "Harbour pontoons reopen after storm checks") {
		t.Errorf("the listing link is not shown with its tag:\n%s", r.stdout)
	}
	r = runForTest("related", dir, idOf("Shoigu arrives in Pyongyang for treaty talks"))
	if r.code != 2 {
		t.Errorf("path before the id: %+v, want a usage error", r)
	}
}

func TestRelatedExitStatus(t *testing.T) {
	dir := relatedDumps(t)
	t.Setenv("TIDINGS_DUMPS", dir) // the default when no path is given
	for _, c := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"related", "--help"}, 0, "usage: tidings related [--json] [--no-cache] ID [PATH...]", ""},
		{[]string{"help", "related"}, 0, "usage: tidings related", ""},
		{[]string{"related"}, 2, "", "usage: tidings related"},
		{[]string{"related", idOf("x y z")}, 1, "", "tidings related: no story " + idOf("x y z") + " in " + dir},
		{[]string{"related", "--jsn", idOf("x y z"), dir}, 2, "", "tidings related: unknown flag: --jsn\nusage: tidings related"},
		{[]string{"related", "story", dir}, 2, "", `"story" is not a story id`},
		{[]string{"related", "00000000000000ff", dir}, 1, "", "tidings related: no story 00000000000000ff in " + dir},
		{[]string{"related", "00000000000000ff", filepath.Join(dir, "missing")}, 1, "", "no dumps in"},
	} {
		r := runForTest(c.args...)
		if r.code != c.code || !strings.Contains(r.stdout, c.stdout) || !strings.Contains(r.stderr, c.stderr) || (c.stderr == "" && r.stderr != "") {
			t.Errorf("tidings %s: %+v; want exit %d, stdout with %q, stderr with %q", strings.Join(c.args, " "), r, c.code, c.stdout, c.stderr)
		}
	}
}

// Issue 18, item 15: a story without a source shows none, as in the
// reader, not a "?".
func TestRelatedLeavesAMissingSourceOut(t *testing.T) {
	inRepoRoot(t)
	r := runForTest("related", "fb987b302f49a538", "testdata/dumps/2025-03-04")
	first, _, _ := strings.Cut(r.stdout, "\n")
	if want := "fb987b302f49a538  2025-03-04  " + strings.Repeat(" ", 20) + "  Live updates"; r.code != 0 || first != want {
		t.Errorf("the story's line: %q, want %q (%+v)", first, want, r)
	}
	if strings.Contains(r.stdout, "?") {
		t.Errorf("a ? in:\n%s", r.stdout)
	}
}
