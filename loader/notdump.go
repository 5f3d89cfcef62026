package loader

import "strings"

// Folders of clippings hold other files too: notes, source code, go.mod,
// Markdown, JSON. Only files whose content looks like a dump become
// stories. A dump starts with a headline (or "logo") and goes on in lines
// of prose; a truncated save may be only a headline and a few body lines,
// and a plain text file of prose is taken for one. What is recognised here
// is refused with the reason "not a dump: looks like <kind>".

// otherFormat names the kind of file when the text is not a dump, judged
// from its first line (lines[first]) and its first lines; "" when it may be
// one. It looks at no more than the first 60 lines.
func otherFormat(lines []string, first int, text string) string {
	l := lines[first]
	if kind := firstLineKind(l, lines[first:], text); kind != "" {
		return kind
	}
	return codeByLines(lines[first:])
}

func firstLineKind(l string, lines []string, text string) string {
	switch {
	case strings.HasPrefix(l, "%PDF"):
		return "a PDF document"
	case strings.HasPrefix(l, "#!"):
		return "a script"
	case strings.HasPrefix(l, "<!--"):
		return "HTML or XML (starts with a comment)"
	case strings.HasPrefix(l, "<") && strings.Contains(l, ">"):
		return "HTML or XML"
	case strings.HasPrefix(l, "//"), strings.HasPrefix(l, "/*"):
		if hasLineWithPrefix(lines, "package ") {
			return "Go source"
		}
		return "source code (starts with a comment)"
	case strings.HasPrefix(l, "package "):
		return "Go source"
	case strings.HasPrefix(l, "module "):
		return "a go.mod file"
	case isGoSumLine(l):
		return "a go.sum file"
	case strings.HasPrefix(l, "#"):
		if isPythonStart(l, lines) {
			return "Python source"
		}
		if strings.HasPrefix(l, "# ") || strings.HasPrefix(l, "##") {
			return "Markdown"
		}
	case strings.HasPrefix(l, "{"):
		return "JSON"
	case strings.HasPrefix(l, "["):
		if len(l) == 1 || strings.ContainsRune("{[\"]0123456789-", rune(l[1])) {
			return "JSON"
		}
		if strings.HasSuffix(l, "]") && !strings.Contains(l, " ") {
			return "an INI or TOML file" // "[section]"
		}
		// "[Updated] Ferry fares rise" is a headline.
	case l == "---":
		return "YAML or Markdown front matter"
	case l == "```" || strings.HasPrefix(l, "```"):
		return "Markdown"
	case isPythonStart(l, lines):
		return "Python source"
	case isCSVHeader(l, lines):
		return "CSV"
	}
	// A whole file wrapped in braces is JSON however it starts.
	trimmed := strings.TrimSpace(text)
	if strings.HasPrefix(trimmed, "{") && strings.HasSuffix(trimmed, "}") {
		return "JSON"
	}
	return ""
}

func hasLineWithPrefix(lines []string, prefix string) bool {
	for i, l := range lines {
		if i >= 60 {
			break
		}
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// isGoSumLine recognises "example.com/mod v1.2.3/go.mod h1:abc…=".
func isGoSumLine(l string) bool {
	if !strings.Contains(l, " h1:") {
		return false
	}
	f := strings.Fields(l)
	return len(f) == 3 && strings.HasPrefix(f[1], "v") && strings.HasPrefix(f[2], "h1:")
}

// isPythonStart: a first line of Python, or a "#" comment above one.
func isPythonStart(l string, lines []string) bool {
	if pythonLine(l) {
		return true
	}
	if !strings.HasPrefix(l, "#") {
		return false
	}
	for i, l := range lines {
		if i >= 20 {
			break
		}
		if l != "" && !strings.HasPrefix(l, "#") {
			return pythonLine(l)
		}
	}
	return false
}

func pythonLine(l string) bool {
	switch {
	case strings.HasPrefix(l, "import ") && !strings.Contains(l, ". "),
		strings.HasPrefix(l, "from ") && strings.Contains(l, " import "),
		strings.HasPrefix(l, "def ") && strings.HasSuffix(l, ":"),
		strings.HasPrefix(l, "class ") && strings.HasSuffix(l, ":"),
		strings.HasPrefix(l, `"""`):
		return true
	}
	return false
}

// codeByLines recognises source code and Markdown whatever their first line:
// among the first 60 non-blank lines, many end like statements and blocks
// ("{", "}", ";", "):"), or open a code fence or a table row. Prose, page
// chrome and related blocks end with words and full stops.
func codeByLines(lines []string) string {
	seen, code, markdown := 0, 0, 0
	for _, l := range lines {
		if seen >= 60 {
			break
		}
		if l == "" {
			continue
		}
		seen++
		switch {
		case strings.HasPrefix(l, "```"), strings.HasPrefix(l, "|") && strings.HasSuffix(l, "|"):
			markdown++
		case strings.HasSuffix(l, "{"), strings.HasSuffix(l, "}"), strings.HasSuffix(l, ";"),
			strings.HasSuffix(l, "):"), strings.HasSuffix(l, "("), l == ")", strings.HasSuffix(l, "},"):
			code++
		}
	}
	switch {
	case seen == 0:
		return ""
	case code >= 3 && code*4 >= seen:
		return "source code"
	case markdown >= 2 && markdown*5 >= seen:
		return "Markdown"
	}
	return ""
}

// isCSVHeader recognises a header row ("date,source,headline": commas and no
// spaces, which no headline is) with rows of as many commas below it.
func isCSVHeader(l string, lines []string) bool {
	n := strings.Count(l, ",")
	if n < 2 || strings.ContainsRune(l, ' ') {
		return false
	}
	rows := 0
	for i, row := range lines[1:] {
		if i >= 20 {
			break
		}
		if row != "" && strings.Count(row, ",") >= n {
			rows++
		}
	}
	return rows >= 1
}
