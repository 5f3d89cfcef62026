package cache

import (
	"encoding/binary"
	"os"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"tidings/model"
)

// heldTexts keeps the texts a load behind holds until they are cut (see
// coldHeld) in files, a batch's texts together, rather than in the heap:
// they are read back once, in the order written, when the batch is cut.
// The files are removed as they are made, and each is closed (its space
// freed) once every batch in it is cut, so that the disk holds about
// coldHeld, not the archive's text. Written on the load's goroutine, let
// go on the cutting's.
type heldTexts struct {
	dir   string
	mu    sync.Mutex
	files []*heldFile // open, the last being written
	buf   []byte
}

// heldFile is one file of held texts.
type heldFile struct {
	f    *os.File
	size int64 // written
	cut  int64 // of size, cut and let go
	full bool  // no more is written to it
}

// heldBatch is a batch of texts to cut, the bytes of text it holds, and
// where they are held when not in the jobs.
type heldBatch struct {
	jobs  []textJob
	bytes int
	spot  heldSpot
}

// heldSpot is where a batch's texts are held; n is 0 for a batch held in
// memory.
type heldSpot struct {
	file *heldFile
	at   int64
	n    int
}

// heldFileSize is how much is written to one file before the next.
const heldFileSize = 64 << 20

// hold writes the texts of jobs to a file and lets them go from jobs;
// it reports false, leaving them, when that cannot be done.
func (h *heldTexts) hold(jobs []textJob) (heldSpot, bool) {
	h.buf = h.buf[:0]
	for _, j := range jobs {
		h.buf = binary.AppendUvarint(h.buf, uint64(len(j.body.Paragraphs)))
		for _, p := range j.body.Paragraphs {
			h.buf = appendString(h.buf, p)
		}
		h.buf = binary.AppendUvarint(h.buf, uint64(len(j.body.Entries)))
		for _, e := range j.body.Entries {
			h.buf = appendString(appendString(h.buf, e.Author), e.Text)
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.files) == 0 || h.files[len(h.files)-1].full {
		f, err := os.CreateTemp(h.dir, ".tidings-held-*")
		if err != nil {
			return heldSpot{}, false
		}
		if os.Remove(f.Name()) != nil {
			f.Close()
			os.Remove(f.Name())
			return heldSpot{}, false
		}
		h.files = append(h.files, &heldFile{f: f})
	}
	last := h.files[len(h.files)-1]
	if _, err := last.f.WriteAt(h.buf, last.size); err != nil {
		last.full = true
		h.letGo(last)
		return heldSpot{}, false
	}
	spot := heldSpot{file: last, at: last.size, n: len(h.buf)}
	last.size += int64(len(h.buf))
	last.full = last.size >= heldFileSize
	for k := range jobs {
		jobs[k].body = model.Body{}
	}
	return spot, true
}

// appendString appends s with its length.
func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// readHeld gives the jobs the texts held at spot back, in buf (which it
// returns, grown): valid until buf is used again. A file that cannot be
// read gives the jobs no text (see cut).
func readHeld(spot heldSpot, jobs []textJob, buf []byte) ([]byte, error) {
	if cap(buf) < spot.n {
		buf = make([]byte, spot.n)
	}
	buf = buf[:spot.n]
	if _, err := spot.file.f.ReadAt(buf, spot.at); err != nil {
		return buf, err
	}
	rest := buf
	count := func() int {
		v, k := binary.Uvarint(rest)
		if k <= 0 || v > uint64(len(rest)) {
			rest = nil
			return 0
		}
		rest = rest[k:]
		return int(v)
	}
	text := func() string {
		n := count()
		if n == 0 || n > len(rest) {
			return ""
		}
		s := unsafe.String(&rest[0], n)
		rest = rest[n:]
		return s
	}
	for k := range jobs {
		b := model.Body{Paragraphs: make([]string, count())}
		for i := range b.Paragraphs {
			b.Paragraphs[i] = text()
		}
		if n := count(); n > 0 {
			b.Entries = make([]model.Entry, n)
			for i := range b.Entries {
				b.Entries[i].Author = text()
				b.Entries[i].Text = text()
			}
		}
		if len(b.Paragraphs) == 0 {
			b.Paragraphs = nil
		}
		jobs[k].body = b
	}
	return buf, nil
}

// cutHeld lets the texts held at spot go, once cut.
func (h *heldTexts) cutHeld(spot heldSpot) {
	if spot.n == 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	spot.file.cut += int64(spot.n)
	h.letGo(spot.file)
}

// letGo closes a file no more is written to once all it holds is cut.
func (h *heldTexts) letGo(f *heldFile) {
	if !f.full || f.cut < f.size {
		return
	}
	f.f.Close()
	h.files = slices.DeleteFunc(h.files, func(g *heldFile) bool { return g == f })
}

// closeAll closes the files once no more is written or read.
func (h *heldTexts) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, f := range h.files {
		f.f.Close()
	}
	h.files = nil
}

// cloneBody copies a text out of its file's buffer.
func cloneBody(b model.Body) model.Body {
	out := model.Body{Paragraphs: make([]string, len(b.Paragraphs))}
	for i, p := range b.Paragraphs {
		out.Paragraphs[i] = strings.Clone(p)
	}
	if len(b.Entries) > 0 {
		out.Entries = make([]model.Entry, len(b.Entries))
		for i, e := range b.Entries {
			out.Entries[i] = model.Entry{Author: strings.Clone(e.Author), Time: e.Time, Text: strings.Clone(e.Text)}
		}
	}
	return out
}
