package main

import (
	"bufio"
	"errors"
	"io"
	"syscall"
)

// checkedWriter is every command's stdout: buffered, since list and
// inspect print a line at a time, and keeping the first write error, so
// that each command need not check each of its writes for the command to
// know, at the end, that its output did not all arrive (see app.finish).
// Once a write failed, later ones are dropped: the rest of the output has
// nowhere to go.
type checkedWriter struct {
	w   io.Writer
	buf *bufio.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.buf == nil {
		c.buf = bufio.NewWriterSize(errorKeeper{c}, 1<<16)
	}
	n, err := c.buf.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// flush writes what is buffered, as the reader does before its screen
// opens, and returns the first error any write met.
func (c *checkedWriter) flush() error {
	if c.buf != nil && c.err == nil {
		if err := c.buf.Flush(); err != nil && c.err == nil {
			c.err = err
		}
	}
	return c.err
}

// errorKeeper is the writer under the buffer, which keeps the error of a
// write the buffer made on its own.
type errorKeeper struct{ c *checkedWriter }

func (k errorKeeper) Write(p []byte) (int, error) {
	n, err := k.c.w.Write(p)
	if err != nil && k.c.err == nil {
		k.c.err = err
	}
	return n, err
}

// isClosedPipe reports a write to a pipe whose reader is gone (`tidings
// list | head`). For the process's own stdout the Go runtime ends the
// program with SIGPIPE before the error is seen; this is for the rest.
func isClosedPipe(err error) bool { return errors.Is(err, syscall.EPIPE) }
