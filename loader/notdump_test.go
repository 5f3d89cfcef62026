package loader

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestOnlyDumpsBecomeStories(t *testing.T) {
	hints := SaveHints{FolderDate: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), Location: time.UTC}
	for _, c := range []struct{ name, text, kind string }{
		{"main.go", "// Package main is a tool.\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(1)\n}\n", "Go source"},
		{"doc.go", "/*\nA package comment.\n*/\npackage tool\n", "Go source"},
		{"lib.go", "package tool\n\nfunc f() int { return 1 }\n", "Go source"},
		{"go.mod", "module example.com/tool\n\ngo 1.26\n", "a go.mod file"},
		{"go.sum", "example.com/dep v1.2.3 h1:abcdefghijklmnop=\nexample.com/dep v1.2.3/go.mod h1:qrstuvwxyz=\n", "a go.sum file"},
		{"tool.py", "import sys\n\n\ndef main():\n    print(sys.argv)\n", "Python source"},
		{"tool2.py", "# A small tool.\nfrom os import path\n", "Python source"},
		{"run.sh", "#!/bin/sh\necho hi\n", "a script"},
		{"README.md", "# Clippings\n\nNotes about the folder.\n", "Markdown"},
		{"NOTES.md", "## Week 10\n\nFerries.\n", "Markdown"},
		{"fenced.md", "```\ncode\n```\n", "Markdown"},
		{"data.json", "{\n  \"a\": 1,\n", "JSON"}, // truncated JSON too
		{"list.json", "[1, 2, 3]\n", "JSON"},
		{"objs.json", "[\n  {\"a\": 1}\n]\n", "JSON"},
		{"conf.ini", "[section]\nkey = value\n", "an INI or TOML file"},
		{"page.xml", "<!-- saved page -->\n<catalogue></catalogue>\n", "HTML or XML (starts with a comment)"},
		{"front.md", "---\ntags: [x]\n", "YAML or Markdown front matter (no closing \"---\" line)"},
		{"prose.md", "Things to read later\nThe piece about the lifeboat station.\n", "Markdown (no front matter)"},
		{"saved.csv", "date,source,headline\n2025-03-03,Esker Wire,\"Harbour wall, to be raised\"\n", "CSV"},
		{"code.c", "Some header text\nint main(void) {\n  return 0;\n}\nstatic int x;\nint y;\n", "source code"},
	} {
		_, err := Parse(c.name, []byte(c.text), hints)
		if !errors.Is(err, ErrNotDump) || !strings.HasSuffix(err.Error(), "looks like "+c.kind) {
			t.Errorf("%s: error %v, want not a dump: looks like %s", c.name, err, c.kind)
		}
	}
}

// An empty file and one of blank lines (spaces, tabs, a byte-order mark,
// control characters cleaned away) are each named for what they hold.
func TestEmptyAndBlankFilesAreToldApart(t *testing.T) {
	for text, want := range map[string]string{
		"":                      "not a dump: the file is empty",
		"\n\n  \n\t\n":          "not a dump: the file holds only blank lines",
		"\uFEFF\n\n":            "not a dump: the file holds only blank lines",
		"\r\n\x1b[0m\r\n  \r\n": "not a dump: the file holds only blank lines",
	} {
		_, err := Parse("x.txt", []byte(text), SaveHints{})
		if err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %s", text, err, want)
		}
	}
}

// A truncated save (a headline and body lines, no page furniture) and a
// plain note of prose may be dumps; headlines starting with "[" too.
func TestPossibleDumpsAreKept(t *testing.T) {
	for name, text := range map[string]string{
		"truncated.txt": "Ferry fares to rise in April\nTARROW, March 3 (Esker Wire) - Fares will rise by a tenth.\n",
		"note.txt":      "Things to read later\nThe piece about the lifeboat station.\nAsk Ida about the slipway.\n",
		"updated.txt":   "[Updated] Harbour wall repairs start\nWork began on Monday.\n",
		"headline.txt":  "Lifeboat station opens",
	} {
		d := mustParse(t, text)
		if d.Main == nil {
			t.Errorf("%s: no main story", name)
		}
	}
}
