package index

import (
	"encoding/binary"
	"runtime"
	"slices"
	"sync"

	"tidings/internal/spill"
	"tidings/words"
)

// Stream builds an index from texts handed over one at a time, as a cold
// load parses them, instead of from every article's text held to the end:
// what the index needs of a text is kept (its words, each once, and its
// length, which shards are cut by), not the text, and an article whose
// text changes (a later copy is richer, or names the source) is taken in
// again. The index it builds is the one BuildIndex builds over the last
// text of each article, in the same shards. It is not safe for concurrent
// use.
type Stream struct {
	words *words.Numbers // every word met, shared with other streams
	// docs holds, by article, the numbers of its words as varints, in the
	// order first met: words are numbered as first met in the archive, so
	// the common ones, most of a text's, take a byte or two (sorting them
	// to keep differences cost more time than the bytes it saved); in a
	// file of their own, or in memory (see NewStream).
	docs *spill.Records
	size []int32 // by article: its text's length (see textSize)
	seen []bool  // by word number, while a text is read
	nums []uint32
	sc   words.Scanner
	buf  []byte
}

// NewStream returns an empty Stream that numbers words in vocab and keeps
// what it takes of each text in docs (in memory when nil).
func NewStream(vocab *words.Numbers, docs *spill.Records) *Stream {
	if docs == nil {
		docs = spill.InMemory()
	}
	return &Stream{words: vocab, docs: docs}
}

// Set takes in the text of article i, in place of any text it had.
func (st *Stream) Set(i int, t Text) {
	indexedText(t, func(text string) {
		st.sc.Reset(text)
		for st.sc.Scan() {
			w, _ := st.words.Scanned(&st.sc)
			st.Word(w)
		}
	})
	st.Done(i, t)
}

// Word takes in a word of the text being read, by its number; Set cuts
// texts into words, and a caller that cuts them for other uses too hands
// them over here, then calls Done.
func (st *Stream) Word(w uint32) {
	for int(w) >= len(st.seen) {
		st.seen = append(st.seen, false)
	}
	if !st.seen[w] {
		st.seen[w] = true
		st.nums = append(st.nums, w)
	}
}

// Done ends the text of article i, whose words came through Word: t is
// the text, for its length.
func (st *Stream) Done(i int, t Text) {
	st.buf = st.buf[:0]
	for _, w := range st.nums {
		st.seen[w] = false
		st.buf = binary.AppendUvarint(st.buf, uint64(w))
	}
	st.nums = st.nums[:0]
	for len(st.size) <= i {
		st.size = append(st.size, 0)
	}
	st.docs.Put(i, st.buf)
	st.size[i] = int32(textSize(t))
}

// Build builds the index over the first n articles, from the texts set,
// in the shards BuildIndex cuts, workers of them at once (all the cores
// when 0: each shard being built costs about 2 KB an article); an article
// given none has no words. The stream is let go of: it is not to be used
// again. It fails only when what it kept cannot be read back from its
// file.
func (st *Stream) Build(n, workers int) (*Index, error) {
	shards, err := st.build(n, workers, nil)
	if err != nil {
		return nil, err
	}
	return &Index{n: n, shards: shards}, nil
}

// build builds the shards of the first n articles (see Build), each
// handed to done, when set, as it is made (from any goroutine), and kept
// in the result only without done. The stream is let go of.
func (st *Stream) build(n, workers int, done func(s int, sh *shard)) ([]*shard, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	cuts := st.cuts(n)
	st.docs.Seal()
	var mu sync.Mutex
	var failed error
	shards := buildCut(cuts, workers, func(lo, hi int) *shard {
		docs := st.docs.Reader()
		sh := buildShardWith(lo, hi, func(b *shardBuilder, i int, bit uint64) {
			doc, err := docs.Get(i)
			if err != nil {
				mu.Lock()
				failed = err
				mu.Unlock()
				return
			}
			for len(doc) > 0 {
				w, k := binary.Uvarint(doc)
				doc = doc[k:]
				b.addWord(bit, st.words.Word(uint32(w)))
			}
		})
		if done == nil {
			return sh
		}
		s, _ := slices.BinarySearch(cuts, lo)
		done(s, sh)
		return nil
	})
	st.docs.Close()
	*st = Stream{}
	return shards, failed
}

// cuts are where the shards of the first n articles start, and n (see
// cutsBy).
func (st *Stream) cuts(n int) []int {
	return cutsBy(n, min(runtime.GOMAXPROCS(0), n/smallShard), func(i int) int {
		if i < len(st.size) {
			return int(st.size[i])
		}
		return 0
	})
}

// Vocabulary is the numbering of the words the stream takes in.
func (st *Stream) Vocabulary() *words.Numbers { return st.words }

// Close lets what the stream kept go, for a stream not built.
func (st *Stream) Close() {
	if st.docs != nil {
		st.docs.Close()
	}
}
