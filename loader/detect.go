package loader

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
)

// The file formats detection names; they are `inspect --json`'s "format".
const (
	formatDump     = "dump"
	formatMarkdown = "markdown" // a clipping with front matter
	formatHTML     = "html"     // a saved web page
	formatRSS      = "rss"      // RSS 0.9x and 2.0
	formatRDF      = "rdf"      // RSS 1.0
	formatAtom     = "atom"
	formatJSONFeed = "jsonfeed"
	formatEML      = "eml"     // one mail message
	formatMaildir  = "maildir" // one message in a Maildir's cur/ or new/
	formatMbox     = "mbox"
)

// detectHead is how much of a file detection looks at.
const detectHead = 16 << 10

// detect names a file's format by its content first, its extension
// second; "" for anything else, which the dump parser then judges (and
// refuses with a reason when it is no dump either).
func detect(path string, data []byte) string {
	head := data[:min(len(data), detectHead)]
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	head = bytes.TrimLeft(head, " \t\r\n")
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case len(head) == 0:
		return ""
	case hasFrontMatter(head):
		return formatMarkdown
	case head[0] == '<':
		if f := markupRoot(head); f != "" {
			return f
		}
	case head[0] == '{':
		if jsonFeedVersion.Match(head) {
			return formatJSONFeed
		}
	case bytes.HasPrefix(head, []byte("From ")):
		if _, rest, ok := bytes.Cut(head, []byte("\n")); ok && looksLikeMailHeaders(rest) {
			return formatMbox
		}
	case looksLikeMailHeaders(head):
		return mailFormat(path)
	}
	switch ext {
	case ".html", ".htm", ".xhtml":
		return formatHTML
	case ".eml":
		return formatEML
	case ".mbox":
		return formatMbox
	}
	return ""
}

var jsonFeedVersion = regexp.MustCompile(`"version"\s*:\s*"https?://jsonfeed\.org/version/`)

// mailFormat tells a Maildir's message from a lone .eml by its folder.
func mailFormat(path string) string {
	switch filepath.Base(filepath.Dir(path)) {
	case "cur", "new":
		return formatMaildir
	}
	return formatEML
}

// hasFrontMatter: a first line of exactly "---".
func hasFrontMatter(head []byte) bool {
	rest, ok := bytes.CutPrefix(head, []byte("---"))
	return ok && (bytes.HasPrefix(rest, []byte("\n")) || bytes.HasPrefix(rest, []byte("\r\n")))
}

// markupRoot names the format of an XML or HTML file from its root
// element, passing over the XML declaration, comments, processing
// instructions and a doctype (with its internal subset, where entity
// bombs are declared: they are skipped here, and encoding/xml never
// expands them).
func markupRoot(head []byte) string {
	s := head
	for {
		s = bytes.TrimLeft(s, " \t\r\n")
		switch {
		case bytes.HasPrefix(s, []byte("<?")):
			s = bytesAfter(s, "?>")
		case bytes.HasPrefix(s, []byte("<!--")):
			s = bytesAfter(s, "-->")
		case bytes.HasPrefix(s, []byte("<!")):
			decl := s[:min(len(s), 64)]
			if bytes.Contains(bytes.ToLower(decl), []byte("doctype html")) {
				return formatHTML
			}
			end := bytes.IndexByte(s, '>')
			if open := bytes.IndexByte(s, '['); open >= 0 && (end < 0 || open < end) {
				s = bytesAfter(s, "]")
			}
			s = bytesAfter(s, ">")
		case bytes.HasPrefix(s, []byte("<")):
			name := s[1:]
			if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
				name = name[:i]
			}
			local := strings.ToLower(string(name))
			if i := strings.IndexByte(local, ':'); i >= 0 {
				local = local[i+1:]
			}
			switch local {
			case "rss":
				return formatRSS
			case "rdf":
				return formatRDF
			case "feed":
				return formatAtom
			case "html", "head", "body":
				return formatHTML
			}
			return ""
		default:
			return ""
		}
	}
}

func bytesAfter(s []byte, sep string) []byte {
	if i := bytes.Index(s, []byte(sep)); i >= 0 {
		return s[i+len(sep):]
	}
	return nil
}

// mailHeaders are the header names that say a file is a message.
var mailHeaders = map[string]bool{
	"from": true, "subject": true, "date": true, "to": true, "message-id": true,
	"mime-version": true, "received": true, "return-path": true, "delivered-to": true,
	"content-type": true, "list-id": true, "reply-to": true,
}

// looksLikeMailHeaders: the text opens with a header block, every line a
// "Name: value" or a continuation up to a blank line (or the sample's
// end), and at least two of the block's names are a message's, one of
// them From, Subject or Received. A headline such as "Update: ferries
// resume" is followed by prose, never by a second header.
func looksLikeMailHeaders(head []byte) bool {
	known, key := 0, false
	for i := 0; i < 200 && len(head) > 0; i++ {
		line, rest, found := bytes.Cut(head, []byte("\n"))
		if !found && len(rest) == 0 && i > 0 && len(head) == len(line) {
			// The sample may end mid-line; what came before decides.
			break
		}
		head = rest
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if i == 0 {
				return false
			}
			continue
		}
		name, _, ok := bytes.Cut(line, []byte(":"))
		if !ok || len(name) == 0 || !isHeaderName(name) {
			return false
		}
		n := strings.ToLower(string(name))
		if mailHeaders[n] {
			known++
		}
		if n == "from" || n == "subject" || n == "received" {
			key = true
		}
	}
	return known >= 2 && key
}

func isHeaderName(b []byte) bool {
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
