package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"tidings/internal/testkit"
)

type exportedBrief struct {
	Title   string `json:"title"`
	Stories int    `json:"stories"`
	Days    []struct {
		Day    string `json:"day"`
		Events []struct {
			Stories []struct {
				ID         string   `json:"id"`
				Source     string   `json:"source"`
				Paragraphs []string `json:"paragraphs"`
			} `json:"stories"`
		} `json:"events"`
	} `json:"days"`
}

// export lists what list lists, each story once with its text, grouped by
// day and by event: the other outlets' versions `related` calls the same
// event go with the story.
func TestExportGroupsByDayAndEvent(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dumps := testkit.Corpus(t, 80, 3, 6, 21)
	state := filepath.Join(t.TempDir(), "state.db")
	r := runForTest("export", "--format", "json", "--state", state, dumps)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var brief exportedBrief
	if err := json.Unmarshal([]byte(r.stdout), &brief); err != nil {
		t.Fatal(err)
	}
	var listed []jsonListed
	l := runForTest("list", "--json", "--state", state, dumps)
	if err := json.Unmarshal([]byte(l.stdout), &listed); err != nil {
		t.Fatal(err)
	}
	var ids, want []string
	event := map[string]int{}
	events, grouped, withText := 0, 0, 0
	for _, d := range brief.Days {
		for _, ev := range d.Events {
			events++
			if len(ev.Stories) > 1 {
				grouped++
			}
			for _, s := range ev.Stories {
				ids = append(ids, s.ID)
				event[s.ID] = events
				if len(s.Paragraphs) > 0 {
					withText++
				}
			}
		}
	}
	for _, s := range listed {
		want = append(want, s.ID)
	}
	slices.Sort(ids)
	slices.Sort(want)
	if brief.Stories != len(listed) || !slices.Equal(ids, want) {
		t.Fatalf("export has %d stories (%d ids), list %d", brief.Stories, len(ids), len(listed))
	}
	if withText < len(ids)*4/5 { // stories only ever listed have no text
		t.Errorf("%d of %d stories with their text", withText, len(ids))
	}
	if grouped == 0 {
		t.Fatal("no event holds two outlets' versions: the corpus plants some")
	}
	// Every same-event story `related` names is in the story's event.
	checked := 0
	for _, s := range listed[:40] {
		var rel jsonRelated
		if err := json.Unmarshal([]byte(runForTest("related", "--json", s.ID, dumps).stdout), &rel); err != nil {
			t.Fatal(err)
		}
		for _, sim := range rel.Similar {
			if sim.SameEvent {
				checked++
				if event[sim.ID] != event[s.ID] {
					t.Errorf("%s and its same-event version %s are in different events", s.ID, sim.ID)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no same-event pair was checked")
	}
	t.Logf("%d stories, %d events, %d of several outlets; %d same-event pairs checked", len(ids), events, grouped, checked)
}

// The HTML brief of hostile text is well formed: a title, contents linking
// every story, one article per story, and the text as text.
func TestExportHTMLOfHostileText(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "2025-03-04")
	os.MkdirAll(dir, 0o755)
	hostile := `<script>alert("x")</script> & 'quoted' "words"`
	dumps := map[string]string{
		"a.txt": "Budget " + hostile + "\nPORTMERE, March 3 (Esker Wire) - Text with \x1b[31mcolour\x1b[0m and \x1b]0;a title\x07 and <b>tags</b> & more.\n" +
			"Related Articles\n\nTarrow Islander\n2 hours ago\n- Tarrow Islander\nIsland bus <em>to</em> run on Sundays\nThe bus will run on Sundays & holidays.\n",
		"b.txt": "Harbour pontoons reopen\nPORTMERE, March 3 (Esker Wire) - The pontoons reopened.\n",
	}
	for name, text := range dumps {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "brief.html")
	r := runForTest("export", "--out", out, "--state", filepath.Join(t.TempDir(), "s.db"), dir)
	if r.code != 0 || r.stdout != "wrote 3 stories (3 events, 1 day) to "+out+"\n" {
		t.Fatalf("exit %d: %q %q", r.code, r.stdout, r.stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(page), "\x1b\x07") {
		t.Error("an escape sequence reached the page")
	}
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	var title, body string
	var walk func(n *html.Node, inNav bool)
	walk = func(n *html.Node, inNav bool) {
		if n.Type == html.ElementNode {
			count[n.Data]++
			switch {
			case n.Data == "title":
				title = nodeText(n)
			case n.Data == "nav":
				inNav = true
			case n.Data == "a" && inNav:
				count["contents link"]++
			case n.Data == "body":
				body = nodeText(n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inNav)
		}
	}
	walk(doc, false)
	if title != "tidings brief" || count["article"] != 3 || count["contents link"] != 3 || count["nav"] != 1 || count["style"] != 1 {
		t.Errorf("title %q, elements %v", title, count)
	}
	if count["script"] != 0 || count["b"] != 0 || count["em"] != 0 {
		t.Errorf("the text became elements: %v", count)
	}
	for _, want := range []string{"Budget " + hostile, "Text with colour and  and <b>tags</b> & more.", "Island bus <em>to</em> run on Sundays"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page's text lacks %q:\n%s", want, body)
		}
	}
}

func TestExportChoices(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	state := filepath.Join(t.TempDir(), "s.db")
	// The query is the filter's: the same stories as list --query.
	r := runForTest("export", "--format", "json", "--query", "storm", "--state", state)
	var brief exportedBrief
	if err := json.Unmarshal([]byte(r.stdout), &brief); r.code != 0 || err != nil {
		t.Fatalf("exit %d, %v: %s", r.code, err, r.stderr)
	}
	var listed []jsonListed
	json.Unmarshal([]byte(runForTest("list", "--json", "--query", "storm", "--state", state).stdout), &listed)
	if brief.Stories == 0 || brief.Stories != len(listed) || brief.Title != "tidings brief: storm" {
		t.Errorf("export --query storm: %d stories (%q), list: %d", brief.Stories, brief.Title, len(listed))
	}
	for args, want := range map[string]string{
		"export --format pdf":       "tidings export: --format \"pdf\": one of md, html, json\n",
		"export --query day:banana": "tidings export: --query: ",
	} {
		r := runForTest(strings.Fields(args)...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, want) {
			t.Errorf("%s: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	// The format follows --out's extension; a folder that is not there
	// fails, naming the file.
	out := filepath.Join(t.TempDir(), "brief.json")
	if r := runForTest("export", "--out", out, "--state", state); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(out); !json.Valid(data) {
		t.Errorf("brief.json is not JSON:\n%.200s", data)
	}
	bad := filepath.Join(t.TempDir(), "nosuch", "brief.md")
	if r := runForTest("export", "--out", bad, "--state", state); r.code != 1 || !strings.Contains(r.stderr, bad) {
		t.Errorf("into a missing folder: exit %d, %q", r.code, r.stderr)
	}
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}
