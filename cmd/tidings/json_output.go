package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"

	"tidings/loader"
)

// writeJSON prints v indented, as scripts and people both read it, with
// every rune a terminal would obey escaped: JSON output is often read on a
// terminal, and a file name must reach a script exactly, so it is escaped
// rather than cleaned.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeUnsafe(buf.Bytes()))
	return err
}

// escapeUnsafe escapes, in encoded JSON, what encoding/json leaves raw: DEL,
// C1 controls, bidi controls and byte-order marks (it escapes C0 controls,
// U+2028 and U+2029 itself). Such runes only occur inside strings, since
// the rest of JSON is ASCII, so their \u escapes keep the JSON valid.
func escapeUnsafe(b []byte) []byte {
	i := bytes.IndexFunc(b, func(r rune) bool { return r >= 0x7f })
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+64)
	out = append(out, b[:i]...)
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x7f && loader.IsUnsafeRune(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
