package loader

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// xmlScanner reads a feed's markup as encoding/xml's Decoder does with
// Strict off and HTML entities known (the same tokens for every document
// the strict decoder accepts: FuzzXMLScanner checks it), at a small part
// of its cost: the decoder copies the file a byte at a time through an
// interface, while a feed is mostly long runs of content text and CDATA,
// which are found here with a byte search and only unescaped when the
// parser keeps them. Where the decoder would stop at a fault a feed in the
// wild holds, the scanner goes on: a stray end tag is passed over, a "<"
// that opens no tag is text. Entities a doctype declares are never
// expanded (the internal subset is skipped), so a billion-laughs file stays
// a few bytes of "&lol9;".
type xmlScanner struct {
	data []byte
	pos  int

	// The token read by next: an element's name (its namespace resolved
	// as encoding/xml resolves it) and attributes for xmlStart and
	// xmlEnd; the text for xmlText, raw until text() unescapes it.
	name  xml.Name
	attrs []xml.Attr
	raw   []byte
	cdata bool

	open     []openElement
	bindings []nsBinding
	closing  int  // end tokens still owed to elements a mismatched end tag closes
	selfEnd  bool // a "<x/>" was just started: its end comes next
	unescBuf []byte
}

type xmlToken int

const (
	xmlEOF xmlToken = iota
	xmlStart
	xmlEnd
	xmlText
)

type openElement struct {
	qname    string // as written, prefix included, for matching its end tag
	name     xml.Name
	bindings int // len(bindings) before the element's own declarations
}

type nsBinding struct{ prefix, uri string }

var errXMLEOF = errors.New("unexpected end of file in markup")

// newXMLScanner reads data, decoded first from the character set its XML
// declaration names (the file was turned from UTF-16 already, if it was).
func newXMLScanner(data []byte) (*xmlScanner, error) {
	if enc := declaredEncoding(data); enc != "" {
		r, err := charset.NewReaderLabel(enc, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if data, err = io.ReadAll(io.LimitReader(r, 4*MaxFileSize)); err != nil {
			return nil, err
		}
	}
	return &xmlScanner{data: data}, nil
}

// next reads the next token; at the end it returns xmlEOF with a nil error
// when every element was closed, else errXMLEOF.
func (z *xmlScanner) next() (xmlToken, error) {
	if z.selfEnd {
		z.selfEnd = false
		return z.pop(), nil
	}
	if z.closing > 0 {
		z.closing--
		return z.pop(), nil
	}
	for z.pos < len(z.data) {
		if z.data[z.pos] != '<' {
			return z.text(), nil
		}
		s := z.data[z.pos:]
		switch {
		case bytes.HasPrefix(s, []byte("<!--")):
			if !z.skipPast("-->", 4) {
				return xmlEOF, errXMLEOF
			}
		case bytes.HasPrefix(s, []byte("<![CDATA[")):
			end := bytes.Index(s[9:], []byte("]]>"))
			if end < 0 {
				return xmlEOF, errXMLEOF
			}
			z.raw, z.cdata = s[9:9+end], true
			z.pos += 9 + end + 3
			return xmlText, nil
		case bytes.HasPrefix(s, []byte("<?")):
			if !z.skipPast("?>", 2) {
				return xmlEOF, errXMLEOF
			}
		case bytes.HasPrefix(s, []byte("<!")):
			if !z.skipDeclaration() {
				return xmlEOF, errXMLEOF
			}
		case len(s) > 1 && s[1] == '/':
			if tok, ok, err := z.endTag(); err != nil || ok {
				return tok, err
			}
		case len(s) > 1 && isNameStart(s[1]):
			return z.startTag()
		default:
			return z.text(), nil // a "<" that opens nothing
		}
	}
	if len(z.open) > 0 {
		return xmlEOF, errXMLEOF
	}
	return xmlEOF, nil
}

// text reads character data up to the next "<" that opens markup.
func (z *xmlScanner) text() xmlToken {
	start := z.pos
	i := z.pos + 1
	for {
		j := bytes.IndexByte(z.data[i:], '<')
		if j < 0 {
			i = len(z.data)
			break
		}
		i += j
		if i+1 < len(z.data) && (isNameStart(z.data[i+1]) || z.data[i+1] == '/' || z.data[i+1] == '!' || z.data[i+1] == '?') {
			break
		}
		i++
	}
	z.raw, z.cdata, z.pos = z.data[start:i], false, i
	return xmlText
}

// textBytes is the current text token's characters, entities replaced.
// The bytes are the scanner's: valid until the next call.
func (z *xmlScanner) textBytes() []byte {
	if z.cdata || bytes.IndexByte(z.raw, '&') < 0 {
		return z.raw
	}
	z.unescBuf = appendUnescaped(z.unescBuf[:0], z.raw)
	return z.unescBuf
}

func (z *xmlScanner) skipPast(end string, from int) bool {
	i := bytes.Index(z.data[z.pos+from:], []byte(end))
	if i < 0 {
		z.pos = len(z.data)
		return false
	}
	z.pos += from + i + len(end)
	return true
}

// skipDeclaration passes a doctype, with its internal subset (where
// entities are declared: quoted strings and comments in it may hold "]"
// and ">"), or any other "<!" declaration.
func (z *xmlScanner) skipDeclaration() bool {
	i := z.pos + 2
	depth := 0
	for i < len(z.data) {
		switch c := z.data[i]; c {
		case '"', '\'':
			j := bytes.IndexByte(z.data[i+1:], c)
			if j < 0 {
				return false
			}
			i += j + 2
			continue
		case '[':
			depth++
		case ']':
			depth = max(0, depth-1)
		case '<':
			if bytes.HasPrefix(z.data[i:], []byte("<!--")) {
				j := bytes.Index(z.data[i+4:], []byte("-->"))
				if j < 0 {
					return false
				}
				i += 4 + j + 3
				continue
			}
		case '>':
			if depth == 0 {
				z.pos = i + 1
				return true
			}
		}
		i++
	}
	z.pos = len(z.data)
	return false
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= utf8.RuneSelf
}

func isNameByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.'
}

// readName reads a name at z.pos (which isNameStart).
func (z *xmlScanner) readName() string {
	start := z.pos
	for z.pos < len(z.data) && isNameByte(z.data[z.pos]) {
		z.pos++
	}
	return string(z.data[start:z.pos])
}

func (z *xmlScanner) skipSpace() {
	for z.pos < len(z.data) {
		switch z.data[z.pos] {
		case ' ', '\t', '\r', '\n':
			z.pos++
		default:
			return
		}
	}
}

// startTag reads "<name attr="value" ...>" or "<name .../>".
func (z *xmlScanner) startTag() (xmlToken, error) {
	z.pos++
	qname := z.readName()
	z.attrs = z.attrs[:0]
	el := openElement{qname: qname, bindings: len(z.bindings)}
	for {
		z.skipSpace()
		if z.pos >= len(z.data) {
			return xmlEOF, errXMLEOF
		}
		switch c := z.data[z.pos]; {
		case c == '>':
			z.pos++
		case c == '/' && z.pos+1 < len(z.data) && z.data[z.pos+1] == '>':
			z.pos += 2
			z.selfEnd = true
		case isNameStart(c):
			z.readAttr()
			continue
		default:
			z.pos++ // a stray character: passed over, as a lenient reader does
			continue
		}
		break
	}
	for i := range z.attrs {
		a := &z.attrs[i]
		switch {
		case a.Name.Space == "xmlns":
			z.bindings = append(z.bindings, nsBinding{a.Name.Local, a.Value})
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			z.bindings = append(z.bindings, nsBinding{"", a.Value})
		}
	}
	for i := range z.attrs {
		if a := &z.attrs[i]; a.Name.Space != "" && a.Name.Space != "xmlns" {
			a.Name.Space = z.resolve(a.Name.Space)
		}
	}
	el.name = splitName(qname)
	el.name.Space = z.resolve(el.name.Space)
	z.open = append(z.open, el)
	z.name = el.name
	return xmlStart, nil
}

// readAttr reads name="value", name='value', name=value or a bare name
// (whose value is its name, as encoding/xml's lenient mode has it).
func (z *xmlScanner) readAttr() {
	name := splitName(z.readName())
	z.skipSpace()
	value := name.Local
	if z.pos < len(z.data) && z.data[z.pos] == '=' {
		z.pos++
		z.skipSpace()
		value = ""
		if z.pos < len(z.data) {
			if q := z.data[z.pos]; q == '"' || q == '\'' {
				end := bytes.IndexByte(z.data[z.pos+1:], q)
				if end < 0 {
					end = len(z.data) - z.pos - 1
				}
				value = string(appendUnescaped(nil, z.data[z.pos+1:z.pos+1+end]))
				z.pos = min(len(z.data), z.pos+end+2)
			} else {
				start := z.pos
				for z.pos < len(z.data) && !bytes.ContainsRune([]byte(" \t\r\n>"), rune(z.data[z.pos])) &&
					!(z.data[z.pos] == '/' && z.pos+1 < len(z.data) && z.data[z.pos+1] == '>') {
					z.pos++
				}
				value = string(appendUnescaped(nil, z.data[start:z.pos]))
			}
		}
	}
	z.attrs = append(z.attrs, xml.Attr{Name: name, Value: value})
}

// splitName splits "prefix:local" at its first colon, as encoding/xml does.
func splitName(s string) xml.Name {
	if i := strings.IndexByte(s, ':'); i >= 1 && i <= len(s)-2 {
		return xml.Name{Space: s[:i], Local: s[i+1:]}
	}
	return xml.Name{Local: s}
}

// resolve turns a prefix ("" for none) into the namespace declared for it
// in scope; an undeclared prefix stays itself.
func (z *xmlScanner) resolve(prefix string) string {
	if prefix == "xml" {
		return "http://www.w3.org/XML/1998/namespace"
	}
	for i := len(z.bindings) - 1; i >= 0; i-- {
		if z.bindings[i].prefix == prefix {
			return z.bindings[i].uri
		}
	}
	return prefix
}

// endTag reads "</name>". An end tag that closes an element further out
// closes the ones inside it first, one token each; one that closes
// nothing open is passed over (ok false).
func (z *xmlScanner) endTag() (tok xmlToken, ok bool, err error) {
	z.pos += 2
	qname := ""
	if z.pos < len(z.data) && isNameStart(z.data[z.pos]) {
		qname = z.readName()
	}
	gt := bytes.IndexByte(z.data[z.pos:], '>')
	if gt < 0 {
		z.pos = len(z.data)
		return xmlEOF, false, errXMLEOF
	}
	z.pos += gt + 1
	for i := len(z.open) - 1; i >= 0; i-- {
		if z.open[i].qname == qname {
			z.closing = len(z.open) - 1 - i
			return z.pop(), true, nil
		}
	}
	return xmlEOF, false, nil
}

// pop closes the innermost element, making it the current token.
func (z *xmlScanner) pop() xmlToken {
	el := z.open[len(z.open)-1]
	z.open = z.open[:len(z.open)-1]
	z.bindings = z.bindings[:el.bindings]
	z.name = el.name
	return xmlEnd
}
