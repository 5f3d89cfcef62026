package loader

// XML's text: the encoding a declaration names, and the entities and
// character references the feed scanner replaces in the text it keeps.

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// declaredEncoding is the encoding an XML declaration names, "" for UTF-8
// (or UTF-16, which decodeUTF16 has made UTF-8 by now).
func declaredEncoding(data []byte) string {
	s := bytes.TrimPrefix(data, []byte("\uFEFF"))
	s = bytes.TrimLeft(s, " \t\r\n")
	if !bytes.HasPrefix(s, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(s, []byte("?>"))
	if end < 0 {
		return ""
	}
	enc := procInstParam(string(s[5:end]), "encoding")
	switch l := strings.ToLower(enc); {
	case l == "", l == "utf-8", l == "utf8", strings.HasPrefix(l, "utf-16"):
		return ""
	}
	return enc
}

// procInstParam reads name="value" (or 'value') out of a processing
// instruction's content.
func procInstParam(s, name string) string {
	for {
		i := strings.Index(s, name)
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i+len(name):], " \t\r\n")
		if v, ok := strings.CutPrefix(s, "="); ok {
			v = strings.TrimLeft(v, " \t\r\n")
			if v != "" && (v[0] == '"' || v[0] == '\'') {
				if end := strings.IndexByte(v[1:], v[0]); end >= 0 {
					return v[1 : 1+end]
				}
			}
			return ""
		}
	}
}

// appendUnescaped replaces XML's five entities, HTML's named ones and
// character references, as encoding/xml's lenient mode does; anything
// else after "&" stays as written.
func appendUnescaped(dst, s []byte) []byte {
	for {
		i := bytes.IndexByte(s, '&')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		semi := bytes.IndexByte(s[:min(len(s), 40)], ';')
		if semi < 2 {
			dst = append(dst, '&')
			s = s[1:]
			continue
		}
		if r, ok := entityValue(s[1:semi]); ok {
			dst = append(dst, r...)
			s = s[semi+1:]
			continue
		}
		dst = append(dst, '&')
		s = s[1:]
	}
}

// entityValue is the text an entity's name (between "&" and ";") stands for.
func entityValue(name []byte) (string, bool) {
	if name[0] == '#' {
		var r rune
		var ok bool
		if len(name) > 2 && (name[1] == 'x' || name[1] == 'X') {
			r, ok = parseCharRef(name[2:], 16)
		} else {
			r, ok = parseCharRef(name[1:], 10)
		}
		if !ok || !xmlChar(r) {
			return "", false
		}
		return string(r), true
	}
	switch string(name) {
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "amp":
		return "&", true
	case "apos":
		return "'", true
	case "quot":
		return `"`, true
	}
	v, ok := xml.HTMLEntity[string(name)]
	return v, ok
}

func parseCharRef(digits []byte, base int) (rune, bool) {
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, false
		}
		r = r*rune(base) + d
	}
	return r, true
}

// xmlChar is XML's Char production, as encoding/xml checks references.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
