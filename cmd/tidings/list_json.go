package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"iter"
)

// writeListedJSON prints the stories as writeJSON would, byte for byte,
// without reflection or a second pass to indent: `list --json` prints
// every story of the archive, and on a big one this is most of its time.
// Each string is still quoted by encoding/json, so escaping cannot drift.
// The stories are written as listed gives them, none kept: at a million
// they took some 300 MB, at a cold start's peak.
func writeListedJSON(w io.Writer, listed iter.Seq[jsonListed]) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var quoted bytes.Buffer
	enc := json.NewEncoder(&quoted)
	enc.SetEscapeHTML(false)
	var line []byte
	field := func(name string, value any, last bool) error {
		quoted.Reset()
		if err := enc.Encode(value); err != nil {
			return err
		}
		line = append(line[:0], "    \""...)
		line = append(line, name...)
		line = append(line, "\": "...)
		line = append(line, bytes.TrimSuffix(quoted.Bytes(), []byte("\n"))...)
		if !last {
			line = append(line, ',')
		}
		line = append(line, '\n')
		_, err := bw.Write(escapeUnsafe(line))
		return err
	}
	// An array as writeJSON indents it: "[]" when empty, else a label a
	// line.
	labelsField := func(labels []string) error {
		if len(labels) == 0 {
			_, err := bw.WriteString("    \"labels\": []\n")
			return err
		}
		bw.WriteString("    \"labels\": [\n")
		for i, label := range labels {
			quoted.Reset()
			if err := enc.Encode(label); err != nil {
				return err
			}
			line = append(line[:0], "      "...)
			line = append(line, bytes.TrimSuffix(quoted.Bytes(), []byte("\n"))...)
			if i < len(labels)-1 {
				line = append(line, ',')
			}
			line = append(line, '\n')
			if _, err := bw.Write(escapeUnsafe(line)); err != nil {
				return err
			}
		}
		_, err := bw.WriteString("    ]\n")
		return err
	}
	n := 0
	for l := range listed {
		if n == 0 {
			bw.WriteString("[\n")
		} else {
			bw.WriteString("  },\n")
		}
		n++
		bw.WriteString("  {\n")
		for _, err := range []error{
			field("id", l.ID, false),
			field("day", l.Day, false),
			field("source", l.Source, false),
			field("headline", l.Headline, false),
			field("published_at", l.PublishedAt, false),
			field("published_precision", l.Precision, false),
			field("read", l.Read, false),
			field("starred", l.Starred, false),
			labelsField(l.Labels),
		} {
			if err != nil {
				return err
			}
		}
	}
	if n == 0 {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("  }\n]\n")
	}
	return bw.Flush()
}
