package loader

import (
	"errors"
	"fmt"

	"tidings/model"
)

// errFileTooLarge is what errTooLarge wraps: a file too large to read at
// once, which only an mbox (streamed) may be.
var errFileTooLarge = errors.New("larger than the limit")

func errTooLarge(size int64) error {
	return fmt.Errorf("file is %d MiB, larger than the %d MiB limit%w", size>>20, MaxFileSize>>20, silent{errFileTooLarge})
}

// silent wraps an error for errors.Is without adding to the message.
type silent struct{ err error }

func (s silent) Error() string { return "" }
func (s silent) Unwrap() error { return s.err }

// parseSafely runs the parser so that a bug it meets in one strange file is
// reported against that file instead of taking the whole program down;
// explain records what is removed from the text.
func parseSafely(path string, data []byte, hints SaveHints, explain bool) (d *model.Dump, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("internal parser error (please report): %v", r)
		}
	}()
	return parse(path, data, hints, explain)
}
