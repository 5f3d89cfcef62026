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

// parseMbox makes one story of each message of a stream.
func parseMbox(path string, size int64, r io.Reader, hints SaveHints) (*model.Dump, error) {
	return mboxDump(path, size, hints, func(each func([]byte)) (int, error) { return readMbox(r, each) })
}

// parseMboxBytes is parseMbox for a file read whole: its messages are cut
// out of it where they lie, not copied line by line.
func parseMboxBytes(path string, size int64, data []byte, hints SaveHints) (*model.Dump, error) {
	return mboxDump(path, size, hints, func(each func([]byte)) (int, error) { splitMbox(data, each); return 0, nil })
}

func mboxDump(path string, size int64, hints SaveHints, messages func(each func(msg []byte)) (tooLong int, err error)) (*model.Dump, error) {
	var items []item
	bad := 0
	tooLong, err := messages(func(msg []byte) {
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

// splitMbox calls each with every message of an mbox held in memory (no
// longer than MaxFileSize, so no message is too long), as readMbox reads
// them: a message is a subslice of data unless ">From " lines in it are
// unquoted, in a copy.
func splitMbox(data []byte, each func(msg []byte)) {
	start, quoted := -1, false
	var unquoted []byte
	emit := func(end int) {
		if start < 0 {
			return
		}
		msg := data[start:end]
		if quoted {
			unquoted = unquoted[:0]
			for len(msg) > 0 {
				line, rest, found := bytes.Cut(msg, []byte("\n"))
				if isQuotedFrom(line) {
					line = line[1:]
				}
				unquoted = append(unquoted, line...)
				if found {
					unquoted = append(unquoted, '\n')
				}
				msg = rest
			}
			msg = unquoted
		}
		each(msg)
	}
	blank := true
	for pos := 0; pos < len(data); {
		end := bytes.IndexByte(data[pos:], '\n')
		next := len(data)
		if end >= 0 {
			next = pos + end + 1
		}
		line := data[pos:next]
		switch {
		case blank && bytes.HasPrefix(line, []byte("From ")):
			emit(pos)
			start, quoted = next, false
		case start >= 0 && line[0] == '>' && isQuotedFrom(line):
			quoted = true
		}
		blank = len(bytes.TrimRight(line, "\r\n")) == 0
		pos = next
	}
	emit(len(data))
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
