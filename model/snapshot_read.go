package model

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"strings"
	"time"
)

// ReadSnapshot reads the snapshot in the file named. The library it
// returns has its articles' text on disk (see BodyOf), and its similarity
// model keeps the file open to read its arrays from. parts says what is
// read beside the library's pages and articles. Anything
// malformed, of another version, or that does not add up is reported as
// damage; it never panics.
func ReadSnapshot(name string, parts SnapshotParts) (s *Snapshot, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	keep := false
	defer func() {
		if recover() != nil {
			s, err = nil, errDamaged
		}
		if !keep || err != nil {
			f.Close()
		}
	}()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !littleEndian {
		return nil, fmt.Errorf("the parse cache is only kept on little-endian machines")
	}
	br := bufio.NewReaderSize(f, 1<<20)
	size := info.Size()
	left := size
	next := func(read func(*sectionReader)) error {
		if err != nil {
			return err
		}
		sec, e := openSection(br, left)
		if e != nil {
			err = e
			return err
		}
		left -= 12 + int64(len(sec.b))
		read(sec)
		err = sec.close()
		return err
	}
	s = &Snapshot{}
	next(func(r *sectionReader) {
		if r.string() != snapshotMagic {
			r.fail()
			return
		}
		if v := r.uint(); v != snapshotVersion {
			r.err = fmt.Errorf("%w: format version %d, not %d", errOtherVersion, v, snapshotVersion)
			return
		}
		s.Roots = make([]string, r.count(1))
		for i := range s.Roots {
			s.Roots[i] = strings.Clone(r.string())
		}
		s.Files = make([]FileStamp, r.count(3))
		for i := range s.Files {
			s.Files[i] = FileStamp{Path: r.string(), Size: r.int(), ModTime: r.time(), Reason: r.string()}
		}
	})
	skip := func() {
		if err == nil {
			err = skipSection(br)
		}
	}
	lib := NewLibrary()
	var tagIDs []uint32
	next(func(r *sectionReader) { tagIDs = readLibrary(r, lib) })
	if parts&SnapshotLinks != 0 {
		next(func(r *sectionReader) { readLinks(r, lib, tagIDs) })
	} else {
		skip()
	}
	if parts&SnapshotIndex != 0 {
		next(func(r *sectionReader) { s.Index = readIndex(r, len(lib.Articles)) })
	} else {
		skip()
	}
	if parts&SnapshotSimilarity == 0 {
		skip()
		skip()
	} else if next(func(r *sectionReader) { s.Similarity = readSimilarity(r, lib.Articles) }); err == nil {
		var d *simDisk
		d, err = streamSimArrays(br, f, size-left)
		if err == nil {
			left -= 12 + d.size()
			if s.Similarity != nil {
				s.Similarity.disk = d
				if !s.Similarity.valid() {
					err = errDamaged
				}
				keep = true
			}
		}
	}
	if parts&SnapshotCopies != 0 {
		next(func(r *sectionReader) { s.Copies = readCopies(r, len(lib.Pages)) })
	}
	if err != nil {
		return nil, err
	}
	s.Library = lib
	return s, nil
}

var errOtherVersion = fmt.Errorf("%w: another version", errDamaged)

func readLibrary(r *sectionReader, lib *Library) []uint32 {
	tagIDs := make([]uint32, r.count(1))
	for i := range tagIDs {
		tagIDs[i] = tags.id(strings.Clone(r.string()))
	}
	type articlePages struct {
		text  int // page number, 0 for none
		pages []int
	}
	n := r.count(10)
	lib.byID = make(map[string]*Article, n)
	lib.Articles = make([]*Article, n)
	all := make([]Article, n)
	refs := make([]articlePages, n)
	for i := range all {
		a := &all[i]
		a.Index = i
		a.ID = r.string()
		a.Headline = r.string()
		a.Source = r.string()
		a.Age = r.string()
		a.PublishedAt = r.time()
		a.textBytes = int(r.uint())
		a.TextBytes = a.textBytes
		a.TextOnDisk = true
		a.Day = r.string()
		a.SavedAt = r.time()
		a.SavedAtEstimate = r.bool()
		a.fromMain = r.bool()
		a.agePrec = time.Duration(r.int())
		a.gone = r.bool()
		refs[i].text = int(r.uint())
		refs[i].pages = make([]int, r.count(1))
		for k := range refs[i].pages {
			refs[i].pages[k] = int(r.uint())
		}
		lib.Articles[i] = a
		lib.byID[a.ID] = a
	}
	pages := make([]Page, r.count(8))
	lib.byPath = make(map[string]*Page, len(pages))
	lib.Pages = make([]*Page, len(pages))
	for i := range pages {
		p := &pages[i]
		p.number = i + 1
		p.Path = r.string()
		p.Layout = Layout(r.string())
		p.SavedAt = r.time()
		p.SavedAtEstimate = r.bool()
		p.Day = r.string()
		p.Size = r.int()
		p.ModTime = r.time()
		p.Tag = r.string()
		if main := r.below(n + 1); main > 0 {
			p.Main = lib.Articles[main-1]
		}
		p.Related = make([]*Article, r.count(1))
		for k := range p.Related {
			p.Related[k] = lib.Articles[r.below(n)]
		}
		lib.Pages[i] = p
		lib.byPath[p.Path] = p
		lib.Bytes += p.Size
	}
	lib.pagesAdded = len(pages)
	page := func(no int) *Page {
		if no < 1 || no > len(pages) {
			r.fail()
			return nil
		}
		return &pages[no-1]
	}
	for i, a := range lib.Articles {
		if refs[i].text != 0 {
			a.textPage = page(refs[i].text)
		}
		a.Pages = make([]*Page, len(refs[i].pages))
		for k, no := range refs[i].pages {
			a.Pages[k] = page(no)
		}
		if !a.gone {
			lib.addToDay(a)
		}
	}
	return tagIDs
}

func readLinks(r *sectionReader, lib *Library, tagIDs []uint32) {
	n := len(lib.Articles)
	counts, to, kind := readArray[uint32](r), readArray[uint32](r), readArray[uint32](r)
	if r.err != nil || len(counts) != n || len(to) != len(kind) {
		r.fail()
		return
	}
	// The links of every article share one array, cut after.
	links := make([]Link, len(to))
	for i, t := range to {
		how, tag := LinkKind(kind[i]&0xff), kind[i]>>8
		if int(t) >= n || how < LinkMain || how > LinkListing || int(tag) >= len(tagIDs) {
			r.fail()
			return
		}
		links[i] = Link{To: lib.Articles[t], How: how, tag: tagIDs[tag]}
	}
	at := 0
	for i, a := range lib.Articles {
		k := int(counts[i])
		if k > len(links)-at {
			r.fail()
			return
		}
		a.Links = links[at : at+k : at+k]
		at += k
		// linkSet is made by link when a page is added; most restored
		// libraries add none, or few.
	}
	if at != len(links) {
		r.fail()
	}
}

func readIndex(r *sectionReader, articles int) *Index {
	n := r.uint()
	if n != uint64(articles) {
		r.fail()
		return nil
	}
	ix := &Index{n: articles, shards: make([]*shard, r.count(6))}
	for i := range ix.shards {
		sh := &shard{lo: int(r.uint()), hi: int(r.uint())}
		sh.words = r.string()
		sh.ends = readArray[uint32](r)
		sh.post = readArray[uint32](r)
		sh.ids = readArray[uint16](r)
		sh.dense = readArray[int32](r)
		sh.bits = readArray[uint64](r)
		if r.err != nil || !sh.valid(articles) {
			r.fail()
			return nil
		}
		ix.shards[i] = sh
	}
	return ix
}

// valid checks that every reference in a shard read from the cache is in
// bounds, so that matching cannot run off an array.
func (sh *shard) valid(articles int) bool {
	if sh.lo < 0 || sh.lo%64 != 0 || sh.hi < sh.lo || sh.hi > articles || sh.hi-sh.lo > maxShard {
		return false
	}
	words := len(sh.ends)
	if len(sh.post) != words+1 || len(sh.dense) != words {
		return false
	}
	prevEnd, prevPost := uint32(0), uint32(0)
	dense := 0
	for w := range words {
		if sh.ends[w] < prevEnd || sh.post[w+1] < prevPost || sh.dense[w] < -1 {
			return false
		}
		prevEnd, prevPost = sh.ends[w], sh.post[w+1]
		if sh.dense[w] >= 0 {
			dense++
		}
	}
	if int(prevEnd) > len(sh.words) || int(prevPost) > len(sh.ids) || sh.post[0] != 0 {
		return false
	}
	for _, d := range sh.dense {
		if int(d) >= dense {
			return false
		}
	}
	if len(sh.bits) != dense*nwords(sh.hi-sh.lo) {
		return false
	}
	span := sh.hi - sh.lo
	for _, id := range sh.ids {
		if int(id) >= span {
			return false
		}
	}
	return true
}

func readSimilarity(r *sectionReader, articles []*Article) *Similarity {
	if !r.bool() {
		return nil
	}
	n := int(r.uint())
	if n > len(articles) {
		r.fail()
		return nil
	}
	s := &Similarity{articles: articles[:n:n]}
	s.vecOff = readArray[uint32](r)
	s.postOff = readArray[uint32](r)
	s.terms = make([]string, r.count(1))
	for i := range s.terms {
		s.terms[i] = r.string()
	}
	if r.err != nil {
		return nil
	}
	return s
}

// streamSimArrays checks the section of the similarity model's arrays,
// which lies in f from offset at, reading it through without keeping it,
// and notes where each array is.
func streamSimArrays(br *bufio.Reader, f *os.File, at int64) (*simDisk, error) {
	var head [12]byte
	if _, err := io.ReadFull(br, head[:]); err != nil {
		return nil, errDamaged
	}
	n := binary.LittleEndian.Uint64(head[:8])
	crc := crc32.New(castagnoli)
	var lengths [4]uint64
	if n > 0 {
		var lb [32]byte
		if n < 32 {
			return nil, errDamaged
		}
		if _, err := io.ReadFull(br, lb[:]); err != nil {
			return nil, errDamaged
		}
		crc.Write(lb[:])
		total := uint64(32)
		for i := range lengths {
			lengths[i] = binary.LittleEndian.Uint64(lb[8*i:])
			if lengths[i] > math.MaxUint32 {
				return nil, errDamaged
			}
			total += 4 * lengths[i]
		}
		if total != n || lengths[0] != lengths[1] || lengths[2] != lengths[3] {
			return nil, errDamaged
		}
		if _, err := io.CopyN(crc, br, int64(n-32)); err != nil {
			return nil, errDamaged
		}
	}
	if crc.Sum32() != binary.LittleEndian.Uint32(head[8:]) {
		return nil, errDamaged
	}
	d := newSimDisk(f)
	d.vecLen, d.postLen = uint32(lengths[0]), uint32(lengths[2])
	d.vecTerm = at + 12 + 32
	d.vecW = d.vecTerm + 4*int64(lengths[0])
	d.postDoc = d.vecW + 4*int64(lengths[1])
	d.postW = d.postDoc + 4*int64(lengths[2])
	return d, nil
}

func (d *simDisk) size() int64 {
	if d.vecLen == 0 && d.postLen == 0 {
		return 0
	}
	return 32 + 8*int64(d.vecLen) + 8*int64(d.postLen)
}

// valid checks the offsets of a restored model against the arrays they
// point into; the arrays' values are checked as they are read.
func (s *Similarity) valid() bool {
	vecLen, postLen := len(s.vecTerm), len(s.postDoc)
	if s.disk != nil {
		vecLen, postLen = int(s.disk.vecLen), int(s.disk.postLen)
	}
	if len(s.vecOff) != len(s.articles)+1 || len(s.postOff) != len(s.terms)+1 {
		return false
	}
	ascending := func(off []uint32, limit int) bool {
		if off[0] != 0 || int(off[len(off)-1]) != limit {
			return false
		}
		for i := 1; i < len(off); i++ {
			if off[i] < off[i-1] {
				return false
			}
		}
		return true
	}
	return ascending(s.vecOff, vecLen) && ascending(s.postOff, postLen)
}

func readCopies(r *sectionReader, pages int) [][]*Story {
	if r.uint() != uint64(pages) {
		r.fail()
		return nil
	}
	out := make([][]*Story, pages)
	for i := range out {
		out[i] = make([]*Story, r.count(1))
		for k := range out[i] {
			if !r.bool() {
				continue
			}
			s := &Story{ID: r.string(), Headline: r.string(), Source: r.string(), Age: r.string(), PublishedAt: r.time(), TextOnDisk: true}
			s.TextBytes = int(r.uint())
			out[i][k] = s
		}
	}
	return out
}
