package cache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"
	"unsafe"

	"tidings/index"
	"tidings/internal/codec"
	"tidings/loader"
	"tidings/model"
	"tidings/similar"
)

// A snapshot is what the parse cache keeps of a library: the folders that
// were opened, the library (its articles, pages with their files' stamps,
// and the files skipped), the articles' links, the filter index, the
// similar-stories model, and each page's stories as the parser gave them
// (without their text), from which the library takes in changed files as
// a load would. Text stays in the files. Each part is a section of its
// own, written by the type it holds (see internal/codec).

// formatVersion changes whenever the layout does, or what the parsers
// make of a file or the library of its pages (a snapshot holds their
// answers); a snapshot of any other version is not read, so an older or
// newer tidings rebuilds the cache instead of misreading it or answering
// as the old code did. (15: a reader that applied a change could write
// an article's text page other than a load's, see model.remake.)
const formatVersion = 15

const magic = "tidings parse cache\n"

// Snapshot is what writeSnapshot saves and readSnapshot restores.
type Snapshot struct {
	Roots []string // the canonical forms of what was opened
	// Written is when the snapshot was written: a file whose times are
	// that late may have changed within the same tick of its clock
	// without its stamp showing it, and is read again ("racily clean",
	// as git's index says).
	Written    time.Time
	Library    *model.Library
	Index      *index.Index
	Similarity *similar.Similarity // nil when it was not built
}

// Parts chooses what readSnapshot reads beside the library's articles,
// pages and skipped files.
type Parts uint8

const (
	Links      Parts = 1 << iota // the articles' links
	Index                        // the filter index
	Similarity                   // the similar-stories model
	Copies                       // each page's stories, for taking in changes
	All        = Links | Index | Similarity | Copies
)

// writeSnapshot writes s to f, which must be a new file. The library must
// not change while it runs.
func writeSnapshot(f *os.File, s *Snapshot) error {
	if !codec.LittleEndian {
		return errBigEndian
	}
	lib := s.Library
	sections := []func(*codec.Writer){
		func(w *codec.Writer) {
			w.String(magic)
			w.Uint(formatVersion)
			w.Uint(uint64(len(s.Roots)))
			for _, r := range s.Roots {
				w.String(r)
			}
			w.Time(s.Written)
		},
		lib.EncodeLibrary,
		lib.EncodeLinks,
		func(w *codec.Writer) { alignNext(f, w) },
		s.Index.Encode,
		func(w *codec.Writer) { similar.Encode(w, s.Similarity) },
		func(w *codec.Writer) {
			if s.Similarity != nil {
				similar.EncodeArrays(w, s.Similarity)
			}
		},
	}
	copies, offsets := lib.CopySections()
	sections = append(sections, copies, offsets)
	for _, body := range sections {
		if err := codec.WriteSection(f, body); err != nil {
			return err
		}
	}
	return nil
}

// alignNext writes, as the payload of a section of its own, the zeros
// that make the next section's payload start on 8 bytes in the file: the
// filter index's, whose arrays are read where they lie in a map of it
// (see index.DecodeFrom). f is where the payload goes, past its header.
func alignNext(f *os.File, w *codec.Writer) {
	at, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		w.Fail(err)
		return
	}
	w.Bytes(make([]byte, (8-(at+12)%8)%8))
}

var (
	errBigEndian    = errors.New("the parse cache is only kept on little-endian machines")
	errOtherVersion = fmt.Errorf("%w: another version", codec.ErrDamaged)
)

// readSnapshot reads the snapshot in f, mapped into memory (see
// fileMap): the sections it decodes are read where they lie and copied
// out, the rest passed over or checked a stretch at a time, so that the
// process holds what it decoded, not the file. The library it returns has
// its articles' text on disk (see model.Library.BodyOf), and its
// similarity model keeps f open to read its arrays from; otherwise f is
// closed. Anything malformed, of another version, that does not add up,
// or a file cut short while it is read is reported as damage; it never
// panics.
func readSnapshot(f *os.File, size int64, parts Parts) (s *Snapshot, err error) {
	keep := false
	keepMap := false // the filter index holds it
	var fm *fileMap
	var linksFile *os.File // the links' descriptor, closed if the read fails
	// A read of the map past the end of a file cut short meanwhile
	// faults: a panic here, not the end of the program.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			s, err = nil, faultError(p)
		}
		if !keepMap || err != nil {
			fm.close()
		}
		if !keep || err != nil {
			f.Close()
		}
		if err != nil && linksFile != nil {
			linksFile.Close()
		}
	}()
	if !codec.LittleEndian {
		return nil, errBigEndian
	}
	if fm, err = mapFile(f, size); err != nil {
		return nil, err
	}
	if whileMapped != nil {
		whileMapped()
	}
	at := int64(0) // where the next section starts
	open := func() *codec.Reader {
		if err != nil {
			return nil
		}
		if err = checkNoHole(fm.b, f, at); err != nil {
			return nil
		}
		sec, n, e := codec.MapSection(fm.b, at, fm.release)
		if e != nil {
			err = e
			return nil
		}
		at += n
		return sec
	}
	next := func(read func(*codec.Reader)) error {
		if sec := open(); sec != nil {
			read(sec)
			err = sec.Close()
		}
		return err
	}
	skip := func() {
		if err == nil {
			var n int64
			n, err = codec.MappedLength(fm.b, at)
			at += n
		}
	}
	s = &Snapshot{}
	next(func(r *codec.Reader) {
		if r.String() != magic {
			r.Fail()
			return
		}
		if v := r.Uint(); v != formatVersion {
			r.Refuse(fmt.Errorf("%w: format version %d, not %d", errOtherVersion, v, formatVersion))
			return
		}
		s.Roots = make([]string, r.Count(1))
		for i := range s.Roots {
			s.Roots[i] = r.String()
		}
		s.Written = r.Time()
	})
	var lib *model.Library
	next(func(r *codec.Reader) { lib = model.DecodeLibrary(r) })
	if err == nil {
		lib.CleanStored(loader.CleanLine)
	}
	if parts&Links != 0 && err == nil {
		// The links stay in the file, read a story's when it is shown,
		// through a descriptor of their own (see storedCopies).
		var dup *os.File
		if dup, err = duplicate(f); err == nil {
			next(func(r *codec.Reader) { lib.DecodeLinks(r, dup) })
			if err != nil {
				dup.Close()
			} else {
				linksFile = dup
			}
		}
	} else {
		skip()
	}
	skip() // the zeros before the index (alignNext)
	if parts&Index != 0 && err == nil {
		keepMap = readIndex(fm, open, at, len(lib.Articles), s, &err)
	} else {
		skip()
	}
	if parts&Similarity == 0 {
		skip()
		skip()
	} else if next(func(r *codec.Reader) { s.Similarity = similar.Decode(r, lib.Articles) }); err == nil {
		if s.Similarity == nil {
			skip()
		} else if _, err = f.Seek(at, io.SeekStart); err == nil {
			// The model's arrays stay in the file, read as it asks; they
			// are checked through a buffer of 256 KiB, which is garbage
			// as soon as they are, and part of the reader's peak (see
			// ui/memory.go) until collected.
			var n int64
			n, err = s.Similarity.AttachArrays(bufio.NewReaderSize(f, 256<<10), f, at)
			at += n
			keep = err == nil
		}
	}
	if parts&Copies != 0 && err == nil {
		// The pages' copies stay in the file, read a page at a time when a
		// change needs them: most of a long archive never changes. Their
		// section is checked here, not read.
		copiesAt := at + 12
		if sec := open(); sec != nil {
			n := int64(sec.Size())
			var offsets []uint32
			next(func(r *codec.Reader) { offsets = lib.DecodeCopyOffsets(r, n) })
			if err == nil {
				var dup *os.File
				if dup, err = duplicate(f); err == nil {
					lib.KeepCopiesIn(&storedCopies{f: dup, at: copiesAt, offsets: offsets})
				}
			}
		}
	}
	if err == nil {
		// A file cut short where what was read holds zeros anyway (the
		// rest of its last page reads as zeros, and faults no more).
		if info, e := f.Stat(); e != nil || info.Size() != size {
			err = errChanged
		}
	}
	if err != nil {
		return nil, err
	}
	s.Library = lib
	return s, nil
}

// readIndex decodes the filter index of the section at offset at of fm,
// opened (checked) by open, where it lies: its arrays stay in the map,
// which it then holds (the result says so), read under fault protection
// (see index.HoldMap). A payload that does not start on 8 bytes is
// copied by the decoder, and a file read into memory (no map) is copied
// here, so that the index does not hold the whole file. The pages the
// decoder read are handed back: a query reads again those it needs.
func readIndex(fm *fileMap, open func() *codec.Reader, at int64, articles int, s *Snapshot, err *error) (holdsMap bool) {
	sec := open()
	if sec == nil {
		return false
	}
	from := at + 12
	payload := fm.b[from : from+int64(sec.Size()) : from+int64(sec.Size())]
	if fm.unmap == nil {
		payload = bytes.Clone(payload)
	}
	if s.Index, *err = index.DecodeFrom(payload, articles); *err != nil {
		return false
	}
	fm.release(from, from+int64(len(payload)))
	if fm.unmap == nil || len(payload) == 0 || uintptr(unsafe.Pointer(&payload[0]))%8 != 0 {
		return false
	}
	s.Index.HoldMap(fm.close)
	return true
}

// storedCopies reads a page's copies where they lie in the snapshot file,
// through a descriptor of its own that stays open for as long as the
// library lives (a snapshot written over it meanwhile replaces the name,
// not this file).
type storedCopies struct {
	f       *os.File
	at      int64 // the copies section's payload, in the file
	offsets []uint32
}

// ReadAt reads the snapshot file (the site lines' counts a library left
// in it).
func (c *storedCopies) ReadAt(b []byte, off int64) (int, error) { return c.f.ReadAt(b, off) }

func (c *storedCopies) PageCopies(i int) ([]byte, error) {
	if i < 0 || i+1 >= len(c.offsets) {
		return nil, codec.ErrDamaged
	}
	b := make([]byte, c.offsets[i+1]-c.offsets[i])
	if _, err := c.f.ReadAt(b, c.at+int64(c.offsets[i])); err != nil {
		return nil, err
	}
	return b, nil
}

// bigSection is the payload length from which a section is checked for
// holes before it is read.
const bigSection = 1 << 20

// checkNoHole refuses, before it is read, a big section that claims bytes
// the file does not hold: tidings writes every byte of a cache, so a hole
// (a sparse file's) inside a section is damage, however its length checks
// out against the file's size, and reading gigabytes of nothing to find
// so takes time. at is where the section starts in f, mapped as b.
func checkNoHole(b []byte, f *os.File, at int64) error {
	if at < 0 || int64(len(b))-at < 12 {
		return nil // too short: MapSection says so
	}
	n := int64(binary.LittleEndian.Uint64(b[at:]))
	if n < bigSection || n < 0 {
		return nil
	}
	if hole, ok := nextHole(f, at+12); ok && hole < at+12+n {
		return fmt.Errorf("%w: a section of %d bytes over a hole in the file", codec.ErrDamaged, n)
	}
	return nil
}
