package loader

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"unsafe"

	"golang.org/x/net/html/charset"
)

// Newsletters in mail form: one message (an .eml file, a Maildir's
// cur/ or new/ file, each message of an mbox). The standard library reads
// headers, encoded words, multipart bodies and quoted-printable; base64
// is decoded here, and charsets through golang.org/x/text (by way of
// x/net/html/charset, which names them as mail and the web do).

// maxMIMEDepth and maxMIMEParts bound how far a message's parts are
// searched: newsletters nest three deep at most (mixed, related,
// alternative).
const (
	maxMIMEDepth = 10
	maxMIMEParts = 500
)

var wordDecoder = &mime.WordDecoder{CharsetReader: charset.NewReaderLabel}

// parseMessage reads one message into a story: the subject its headline,
// the sender's display name (or the list's name) its source, Date its
// time, the HTML part (else the text part) its text.
func parseMessage(data []byte) (item, error) {
	msg, err := mail.ReadMessage(bufio.NewReader(bytes.NewReader(data)))
	if err != nil {
		return item{}, fmt.Errorf("a mail message whose headers cannot be read (%v)", err)
	}
	h := msg.Header
	it := item{}
	it.headline, _ = wordDecoder.DecodeHeader(h.Get("Subject"))
	if it.headline == "" {
		it.headline = h.Get("Subject")
	}
	it.source = senderName(h)
	if t, err := h.Date(); err == nil {
		it.published = t
	} else if t, ok := statedTime(h.Get("Date")); ok {
		it.published = t
	}
	it.url = listURL(h.Get("List-Post"), h.Get("Archived-At"))
	parts := 0
	htmlText, plainText := bestParts(mail.Header(h), msg.Body, 0, &parts)
	switch {
	case strings.TrimSpace(htmlText) != "":
		it.paragraphs = htmlParagraphs(htmlText)
	default:
		it.paragraphs = textParagraphs(plainText)
	}
	it.paragraphs = stripNewsletterFooter(it.paragraphs, &it.removed)
	return it, nil
}

// senderName is the From display name, else the List-Id's name, else the
// From address.
func senderName(h mail.Header) string {
	parser := mail.AddressParser{WordDecoder: wordDecoder}
	from, err := parser.Parse(h.Get("From"))
	if err == nil && from.Name != "" {
		return from.Name
	}
	if id := h.Get("List-Id"); id != "" {
		id, _ = wordDecoder.DecodeHeader(id)
		name, _, _ := strings.Cut(id, "<")
		if name = strings.Trim(strings.TrimSpace(name), `"`); name != "" {
			return name
		}
		return strings.Trim(strings.TrimSpace(id), "<>")
	}
	if err == nil {
		return from.Address
	}
	return ""
}

// listURL is the web copy of the message when its headers give one.
func listURL(values ...string) string {
	for _, v := range values {
		v = strings.TrimSpace(v)
		v = strings.TrimSuffix(strings.TrimPrefix(v, "<"), ">")
		if u := cleanURL(v); u != "" {
			return u
		}
	}
	return ""
}

type headerGetter interface{ Get(string) string }

// bestParts finds the first HTML and the first plain-text part that are
// not attachments, decoded to UTF-8.
func bestParts(h headerGetter, body io.Reader, depth int, parts *int) (htmlText, plainText string) {
	*parts++
	if depth > maxMIMEDepth || *parts > maxMIMEParts {
		return "", ""
	}
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		mediaType, params = "text/plain", map[string]string{}
	}
	if disp, _, _ := mime.ParseMediaType(h.Get("Content-Disposition")); disp == "attachment" {
		return "", ""
	}
	switch {
	case strings.HasPrefix(mediaType, "multipart/"):
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextPart() // decodes quoted-printable itself
			if err != nil {
				break
			}
			ht, pt := bestParts(p.Header, p, depth+1, parts)
			if htmlText == "" {
				htmlText = ht
			}
			if plainText == "" {
				plainText = pt
			}
			if htmlText != "" {
				break
			}
		}
		return htmlText, plainText
	case mediaType == "text/html", mediaType == "text/plain":
		text := decodePart(h, body, params["charset"])
		if mediaType == "text/html" {
			return text, ""
		}
		return "", text
	}
	return "", ""
}

// decodePart undoes the transfer encoding and the charset.
func decodePart(h headerGetter, body io.Reader, cs string) string {
	var data []byte
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "base64":
		// Read whole and decoded in one call: a newsletter's HTML is
		// mostly base64, and the streaming decoder's filtering of line
		// breaks cost more than the rest of the message.
		data = decodeBase64Lines(readPart(body))
	case "quoted-printable":
		data = readPart(quotedprintable.NewReader(body))
	default:
		data = readPart(body)
	}
	if cs != "" && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
		if r, err := charset.NewReaderLabel(cs, bytes.NewReader(data)); err == nil {
			data = readPart(r)
		}
	}
	return unsafe.String(unsafe.SliceData(data), len(data)) // data is not used again
}

// readPart reads a part to its end (no further than the size limit),
// in a buffer that grows in large steps: parts are a few kilobytes.
func readPart(r io.Reader) []byte {
	var b bytes.Buffer
	b.Grow(16 << 10)
	b.ReadFrom(io.LimitReader(r, MaxFileSize))
	return b.Bytes()
}

// decodeBase64Lines decodes a part's base64, passing over what is not
// base64 (line breaks, spaces, stray characters some senders leave) and
// reading padding or its absence alike; what follows a fault is lost, as
// the streaming decoder loses it.
func decodeBase64Lines(raw []byte) []byte {
	// The decoder passes over line breaks itself: a well-made part needs
	// no filtering.
	out := make([]byte, base64.StdEncoding.DecodedLen(len(raw)))
	if n, err := base64.StdEncoding.Decode(out, raw); err == nil {
		return out[:n]
	}
	j := 0
	for _, c := range raw {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=' {
			raw[j] = c
			j++
		}
	}
	src := raw[:j]
	// Padding inside (parts joined after their padding) ends the text, as
	// it ends the streaming decoder's.
	if k := bytes.IndexByte(src, '='); k >= 0 {
		src = src[:k]
	}
	if n := base64.RawStdEncoding.DecodedLen(len(src)); n <= cap(out) {
		out = out[:n]
	} else {
		out = make([]byte, n)
	}
	n, _ := base64.RawStdEncoding.Decode(out, src)
	return out[:n]
}
