package similar

import (
	"encoding/binary"
	"runtime"
	"sync"

	"tidings/internal/spill"
	"tidings/model"
	"tidings/words"
)

// Stream builds the model from texts handed over one at a time, as a cold
// load parses them, instead of reading every article's text twice at the
// end: what the model needs of a text is kept (its words, how often each
// counts and whether the body writes it as a name), not the text, and an
// article whose text changes (a later copy is richer) is counted again.
// The model it builds is the one BuildSimilarity builds over the last text
// of each article. It is not safe for concurrent use.
type Stream struct {
	words *words.Numbers // every word met, shared with other streams
	term  []bool         // by word number: it may be a term (simWord)
	// docs holds, by article, its words in the order first met, each as
	// varints: its number, then its count (a headline's occurrence counts
	// headlineWeight) shifted left once, with the low bit set for a name;
	// in a file of their own, or in memory (see NewStream).
	docs *spill.Records
	live []bool // by article: it has a headline (see BuildSimilarityFrom)
	// at is, by word number, 1 + its place in counts while a text is read.
	at     []int32
	counts []wordCount
	sc     words.Scanner
	buf    []byte
}

type wordCount struct {
	word  uint32
	count uint32
	name  bool
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
func (st *Stream) Set(i int, headline string, body model.Body) {
	eachText(headline, body, func(text string, headline bool) {
		st.sc.Reset(text)
		for st.sc.ScanTerm() {
			w, _ := st.words.Scanned(&st.sc)
			st.Term(w, text, st.sc.Start(), headline)
		}
	})
	st.Done(i, headline != "")
}

// Term takes in a word of the text being read, as ScanTerm cuts it, by
// its number, where it is in text, which is the headline or not; Set cuts
// texts into words, and a caller that cuts them for other uses too hands
// them over here, then calls Done.
func (st *Stream) Term(w uint32, text string, at int, headline bool) {
	for int(w) >= len(st.term) {
		st.term = append(st.term, simWord(st.words.Word(uint32(len(st.term)))))
		st.at = append(st.at, 0)
	}
	if !st.term[w] {
		return
	}
	k := st.at[w]
	if k == 0 {
		st.counts = append(st.counts, wordCount{word: w})
		k = int32(len(st.counts))
		st.at[w] = k
	}
	c := &st.counts[k-1]
	if headline {
		c.count += headlineWeight
	} else {
		c.count++
		if !c.name && capitalisedMidSentence(text, at) {
			c.name = true
		}
	}
}

// Done ends the text of article i, whose words came through Term; live
// says it has a headline.
func (st *Stream) Done(i int, live bool) {
	st.buf = st.buf[:0]
	for _, c := range st.counts {
		st.at[c.word] = 0
		v := uint64(c.count) << 1
		if c.name {
			v |= 1
		}
		st.buf = binary.AppendUvarint(binary.AppendUvarint(st.buf, uint64(c.word)), v)
	}
	st.counts = st.counts[:0]
	for len(st.live) <= i {
		st.live = append(st.live, false)
	}
	st.docs.Put(i, st.buf)
	st.live[i] = live
}

// eachWord calls f with each word of article i's text, in the order first
// met, as docs reads it.
func eachWord(docs *spill.Reader, i int, f func(word uint32, count uint32, name bool)) error {
	doc, err := docs.Get(i)
	for len(doc) > 0 {
		w, n := binary.Uvarint(doc)
		v, m := binary.Uvarint(doc[n:])
		doc = doc[n+m:]
		f(uint32(w), uint32(v>>1), v&1 != 0)
	}
	return err
}

// Build builds the model over articles, which must be a library's
// Articles, from the texts set; an article given none has no words. The
// stream's counts are let go of as the model is built: it is not to be
// used again. When its counts are kept in a file, the model's big arrays
// are laid out in another beside it, where the model reads them as one
// read back from the cache does (see fileLayout), rather than in memory.
// It fails only when what it kept cannot be read back from its file, or
// the arrays cannot be written to theirs.
func (st *Stream) Build(articles []*model.Article) (*Similarity, error) {
	defer st.docs.Close()
	n := len(articles)
	s := &Similarity{articles: articles, vecOff: make([]uint32, n+1)}
	dfOf := make([]int32, len(st.term))
	shown := 0
	st.docs.Seal()
	docs := st.docs.Reader()
	for i := range min(n, len(st.live)) {
		if st.live[i] {
			shown++
		}
		if err := eachWord(docs, i, func(w, _ uint32, _ bool) { dfOf[w]++ }); err != nil {
			return nil, err
		}
	}
	docs = nil
	df := make(map[string]int32, len(st.term))
	for w, d := range dfOf {
		if d > 0 {
			df[st.words.Word(uint32(w))] = d
		}
	}
	dfOf = nil
	ids, idf := s.choose(df, shown)
	df = nil
	termOf := make([]int32, len(st.term)) // by word number: its term's, or -1
	for w := range termOf {
		termOf[w] = -1
		if t, ok := ids[st.words.Word(uint32(w))]; ok {
			termOf[w] = int32(t)
		}
	}
	st.words, st.term, ids = nil, nil, nil

	var mu sync.Mutex
	var parts []part
	var failed error
	// Counts kept in a file: the model's arrays go to one too (see
	// fileLayout).
	var lay *fileLayout
	if f := st.docs.NewFile(); f != nil {
		lay = newFileLayout(f, s)
	}
	scratch := make([][]float32, runtime.GOMAXPROCS(0))
	readers := make([]*spill.Reader, len(scratch))
	inChunks(n, func(w, lo, hi int) {
		tf := scratch[w]
		if tf == nil {
			tf = make([]float32, len(s.terms))
			scratch[w] = tf
			readers[w] = st.docs.Reader()
		}
		p := part{lo: lo}
		var touched []uint32
		names := map[uint32]bool{}
		isName := func(t uint32) bool { return names[t] }
		for i := lo; i < hi; i++ {
			touched = touched[:0]
			clear(names)
			err := eachWord(readers[w], i, func(word, count uint32, name bool) {
				t := termOf[word]
				if t < 0 {
					return
				}
				touched = append(touched, uint32(t))
				tf[t] = float32(count)
				if name {
					names[uint32(t)] = true
				}
			})
			if err != nil {
				mu.Lock()
				failed = err
				mu.Unlock()
			}
			s.weigh(&p, touched, tf, isName, idf)
		}
		mu.Lock()
		if lay != nil {
			lay.add(p)
		} else {
			parts = append(parts, p)
		}
		mu.Unlock()
	})
	if lay != nil {
		if failed == nil {
			failed = lay.finish()
		}
		if failed != nil {
			lay.f.Close()
		}
	}
	if failed != nil {
		return nil, failed
	}
	if lay == nil {
		s.layOut(parts)
	}
	return s, nil
}

// Close lets what the stream kept go, for a stream not built.
func (st *Stream) Close() { st.docs.Close() }
