package loader

import (
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeUTF16 turns a file that starts with a UTF-16 byte-order mark into
// UTF-8 (without the mark); other files are returned as they are. ok is
// false when the code units are not text: many unpaired surrogates,
// controls or private-use characters, as in a binary file that happens to
// start with the same two bytes.
func decodeUTF16(data []byte) (text []byte, ok bool) {
	if len(data) < 2 {
		return data, true
	}
	var order binary.ByteOrder
	switch {
	case data[0] == 0xff && data[1] == 0xfe:
		order = binary.LittleEndian
	case data[0] == 0xfe && data[1] == 0xff:
		order = binary.BigEndian
	default:
		return data, true
	}
	body := data[2:]
	out := make([]byte, 0, len(body)+len(body)/2+utf8.UTFMax)
	units, bad := 0, 0
	for i := 0; i+1 < len(body); i += 2 {
		units++
		r := rune(order.Uint16(body[i:]))
		if utf16.IsSurrogate(r) {
			pair := utf8.RuneError
			if i+3 < len(body) {
				pair = utf16.DecodeRune(r, rune(order.Uint16(body[i+2:])))
			}
			if pair == utf8.RuneError {
				bad++
			} else {
				i += 2
			}
			r = pair
		} else if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v' && r != 0x1b ||
			r >= 0xe000 && r <= 0xf8ff {
			bad++
		}
		out = utf8.AppendRune(out, r)
	}
	if len(body)%2 == 1 { // a save cut in the middle of a code unit
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	// Text has next to none of these; random bytes make one in eight.
	return out, bad*20 <= units
}
