package similar

import (
	"encoding/binary"
	"runtime"
	"strings"
	"sync"

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
	ids   map[string]uint32 // every word met, numbered as met
	words []string
	// docs holds, by article, its words in the order first met, each as
	// varints: its number, then its count (a headline's occurrence counts
	// headlineWeight) shifted left once, with the low bit set for a name.
	docs [][]byte
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

// NewStream returns an empty Stream.
func NewStream() *Stream { return &Stream{ids: map[string]uint32{}} }

// Set takes in the text of article i, in place of any text it had.
func (st *Stream) Set(i int, headline string, body model.Body) {
	st.counts = st.counts[:0]
	eachText(headline, body, func(text string, headline bool) {
		add := uint32(1)
		if headline {
			add = headlineWeight
		}
		st.sc.Reset(text)
		for st.sc.ScanTerm() {
			w, ok := words.Lookup(st.ids, &st.sc)
			if !ok {
				word := st.sc.Word()
				if !simWord(word) {
					continue
				}
				w = uint32(len(st.words))
				word = strings.Clone(word)
				st.words = append(st.words, word)
				st.ids[word] = w
				st.at = append(st.at, 0)
			}
			k := st.at[w]
			if k == 0 {
				st.counts = append(st.counts, wordCount{word: w})
				k = int32(len(st.counts))
				st.at[w] = k
			}
			c := &st.counts[k-1]
			c.count += add
			if !headline && !c.name && capitalisedMidSentence(text, st.sc.Start()) {
				c.name = true
			}
		}
	})
	st.buf = st.buf[:0]
	for _, c := range st.counts {
		st.at[c.word] = 0
		v := uint64(c.count) << 1
		if c.name {
			v |= 1
		}
		st.buf = binary.AppendUvarint(binary.AppendUvarint(st.buf, uint64(c.word)), v)
	}
	for len(st.docs) <= i {
		st.docs = append(st.docs, nil)
		st.live = append(st.live, false)
	}
	st.docs[i] = append(st.docs[i][:0:0], st.buf...)
	st.live[i] = headline != ""
}

// eachWord calls f with each word of article i's text, in the order first
// met.
func (st *Stream) eachWord(i int, f func(word uint32, count uint32, name bool)) {
	if i >= len(st.docs) {
		return
	}
	doc := st.docs[i]
	for len(doc) > 0 {
		w, n := binary.Uvarint(doc)
		v, m := binary.Uvarint(doc[n:])
		doc = doc[n+m:]
		f(uint32(w), uint32(v>>1), v&1 != 0)
	}
}

// Build builds the model over articles, which must be a library's
// Articles, from the texts set; an article given none has no words. The
// stream's counts are let go of as the model is built: it is not to be
// used again.
func (st *Stream) Build(articles []*model.Article) *Similarity {
	n := len(articles)
	s := &Similarity{articles: articles, vecOff: make([]uint32, n+1)}
	dfOf := make([]int32, len(st.words))
	shown := 0
	for i := range min(n, len(st.docs)) {
		if st.live[i] {
			shown++
		}
		st.eachWord(i, func(w, _ uint32, _ bool) { dfOf[w]++ })
	}
	df := make(map[string]int32, len(st.words))
	for w, d := range dfOf {
		if d > 0 {
			df[st.words[w]] = d
		}
	}
	dfOf = nil
	ids, idf := s.choose(df, shown)
	df = nil
	termOf := make([]int32, len(st.words)) // by word number: its term's, or -1
	for w, word := range st.words {
		termOf[w] = -1
		if t, ok := ids[word]; ok {
			termOf[w] = int32(t)
		}
	}
	st.ids, st.words, ids = nil, nil, nil

	var mu sync.Mutex
	var parts []part
	scratch := make([][]float32, runtime.GOMAXPROCS(0))
	inChunks(n, func(w, lo, hi int) {
		tf := scratch[w]
		if tf == nil {
			tf = make([]float32, len(s.terms))
			scratch[w] = tf
		}
		p := part{lo: lo}
		var touched []uint32
		names := map[uint32]bool{}
		isName := func(t uint32) bool { return names[t] }
		for i := lo; i < hi; i++ {
			touched = touched[:0]
			clear(names)
			st.eachWord(i, func(word, count uint32, name bool) {
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
			s.weigh(&p, touched, tf, isName, idf)
		}
		mu.Lock()
		parts = append(parts, p)
		mu.Unlock()
	})
	st.docs = nil
	s.layOut(parts)
	return s
}
