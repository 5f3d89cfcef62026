package loader

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"tidings/model"
)

// An mbox is read as a stream, message by message, so that a file of any
// size costs one message's memory at a time (and its stories): each
// message is at most MaxFileSize; a longer one is passed over. Messages
// start at a "From " line at the file's start or after a blank line;
// ">From " lines (mboxrd and mboxo quoting) lose one ">".

// readMbox calls each with every message's bytes, which are reused after
// it returns. It reports how many messages were too long to read.
func readMbox(r io.Reader, each func(msg []byte)) (tooLong int, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var msg []byte
	started, skipping, blank := false, false, true
	flush := func() {
		if started && !skipping {
			each(msg)
		}
		msg = msg[:0]
	}
	var line []byte
	for {
		line = line[:0]
		lineLen := 0
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			lineLen += len(chunk)
			if len(line)+len(chunk) <= MaxFileSize {
				line = append(line, chunk...)
			} else if len(line) < 64 {
				line = append(line, chunk[:min(len(chunk), 64)]...) // enough to see a "From "
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if lineLen == 0 && err != nil {
			break
		}
		long := lineLen > len(line)
		switch {
		case blank && bytes.HasPrefix(line, []byte("From ")):
			flush()
			started, skipping = true, false
		case !started || skipping:
		case long || len(msg)+len(line) > MaxFileSize:
			skipping = true
			tooLong++
		default:
			if isQuotedFrom(line) {
				line = line[1:]
			}
			msg = append(msg, line...)
		}
		blank = !long && len(bytes.TrimRight(line, "\r\n")) == 0
		if err != nil {
			break
		}
	}
	if err := eofOr(br); err != nil {
		return tooLong, err
	}
	flush()
	return tooLong, nil
}

// eofOr reports a read error other than the end of the file.
func eofOr(br *bufio.Reader) error {
	if _, err := br.Peek(1); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

func isQuotedFrom(line []byte) bool {
	i := 0
	for i < len(line) && line[i] == '>' {
		i++
	}
	return i > 0 && bytes.HasPrefix(line[i:], []byte("From "))
}

// parseMbox makes one story of each message.
func parseMbox(path string, size int64, r io.Reader, hints SaveHints) (*model.Dump, error) {
	var items []item
	bad := 0
	tooLong, err := readMbox(r, func(msg []byte) {
		it, err := parseMessage(msg)
		if err != nil {
			bad++
			return
		}
		items = append(items, it)
	})
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		if bad+tooLong > 0 {
			return nil, notStories("an mbox none of whose %d messages can be read", bad+tooLong)
		}
		return nil, notStories("an mbox with no messages")
	}
	return storiesDump(path, size, hints, formatMbox, items, time.Time{}), nil
}

// parseLargeMbox streams an mbox too large to read at once; ok is false
// when the file is not one.
func parseLargeMbox(path string, hints SaveHints) (d *model.Dump, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, ok, err = nil, true, fmt.Errorf("internal parser error (please report): %v", r)
		}
	}()
	f, err := os.OpenFile(path, os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return nil, false, err
	}
	head := make([]byte, detectHead)
	n, _ := io.ReadFull(f, head)
	if detect(path, head[:n]) != formatMbox {
		return nil, false, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, true, err
	}
	d, err = parseMbox(path, info.Size(), f, hints)
	return d, true, err
}
