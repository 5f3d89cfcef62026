package loader

import (
	"fmt"

	"tidings/model"
)

func errTooLarge(size int64) error {
	return fmt.Errorf("file is %d MiB, larger than the %d MiB limit", size>>20, MaxFileSize>>20)
}

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
