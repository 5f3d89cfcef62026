package cache

import (
	"cmp"
	"sync"

	"tidings/index"
	"tidings/internal/spill"
	"tidings/loader"
	"tidings/model"
	"tidings/similar"
	"tidings/words"
)

// Cold is a cold load that builds the filter index and the similar-stories
// model as its pages are added, from each story's text while its dump is
// in hand, so that the library keeps no text: it is read back from the
// dumps when a story is shown, as after a start from the cache. The peak
// memory of a cold start is then what the indexes keep of each text (its
// words, once), not the text. An article whose text a later page replaces
// (a richer copy) is taken in again; one whose source a later page names
// is read back from its file. Not safe for concurrent use.
type Cold struct {
	Library *model.Library
	ix      *index.Stream
	sim     *similar.Stream
	// sources are, by article, the source its text was indexed with.
	sources []string
	// applied is set when a page was applied as a change (a file met
	// twice, or out of walk order): the indexes are then built from the
	// files at the end.
	applied bool
	// The texts are cut into words on a goroutine of their own, batch by
	// batch in order, so that the pages' merging (the reader's update
	// loop) does not read a file. behind says it may fall behind the
	// load without holding it up (see NewCold).
	jobs    []textJob
	behind  bool
	mu      sync.Mutex
	cond    *sync.Cond
	pending []heldBatch
	// held is the bytes of text pending holds: behind, the cutting waits
	// until they reach coldHeld, so that the load has the cores first.
	held  int
	texts heldTexts // where a load behind holds them
	// lost is set when held texts could not be read back: Finish then
	// builds the indexes from the files (set by cut before drained).
	lost    bool
	closed  bool
	drained chan struct{}
	built   bool
	index   *index.Index
	model   *similar.Similarity
	dir     string // where the spill files go
	// release lets go of the memory limit the load holds (see Done).
	release func()
}

// textJob is a text to take in: article i's, from its copy in hand (body),
// or read back from its files (read).
type textJob struct {
	i                int
	headline, source string
	body             model.Body
	read             *model.BodySource
	similar          bool // the similar-stories model takes it too
}

// NewCold starts a cold load into lib, whose text is read back with its
// Dumps (which must be set). Cutting the texts into words costs about
// two thirds of what parsing them does, on one goroutine: unless behind
// is set, Add waits while a few batches' texts are still to be cut, so
// that the load holds no more text than that, and it takes as long as the
// cutting. With behind set (the reader, whose list should be whole as soon
// as the files are parsed), Add never waits, and the texts still to be
// cut are copied out of their files' buffers: they wait, leaving the
// cores to the parsing, until they hold coldHeld bytes, when the cutting
// starts taking the oldest; what is left is cut once the load is done, as
// the indexes were built after the load when the library kept the text.
//
// What the streams keep of each text until the indexes are built, and the
// pages' copies shelved (together about half of what a load would hold),
// go to files of their own in dir (see spill.New; the cache's folder, where
// the cache takes as much), removed as they are made.
func NewCold(lib *model.Library, behind bool, dir string) *Cold {
	lib.LeaveText()
	lib.ShelveIn(spill.New(dir))
	vocab := &words.Numbers{}
	c := &Cold{Library: lib, ix: index.NewStream(vocab, spill.New(dir)), sim: similar.NewStream(vocab, spill.New(dir)),
		behind: behind, drained: make(chan struct{}), texts: heldTexts{dir: spill.Dir(dir)}, dir: dir}
	c.cond = sync.NewCond(&c.mu)
	c.release = HoldColdMemory()
	go c.cut()
	return c
}

// Done ends the load's hold on the runtime's memory limit (see
// HoldColdMemory), once the cache is written after Finish, or the load
// given up (Stop).
func (c *Cold) Done() { c.release() }

// coldBacklog is how many batches Add lets wait to be cut, unless behind.
const coldBacklog = 4

// coldHeld is how much text a load behind holds before it is cut: the
// cutting takes a core from the parsing, so a folder whose text is less
// is parsed about as fast as if it were kept whole and cut once the list
// is, and a bigger one holds this much, not its text. At 100,000 dumps
// 512 MiB kept the reader's list within some 15% of its time before the
// stream for a third less memory; 128 MiB halved the memory but made the
// list half as slow again (docs/performance.md). (A variable for the
// tests, which cut as they load.)
var coldHeld = 512 << 20

// Add adds a batch of the load's results, in walk order, as loader.AddTo
// does.
func (c *Cold) Add(results []loader.Result) {
	lib := c.Library
	for _, r := range results {
		if r.Err != nil {
			if lib.PageByKey(r.Key) != nil {
				c.applied = true
			}
			lib.Skip(model.Skipped{FileRef: r.FileRef, Reason: r.Err.Error()})
			continue
		}
		if !lib.AddEach(r.Dump, c.took) {
			c.applied = true
		}
	}
	if len(c.jobs) == 0 {
		return
	}
	batch := heldBatch{jobs: c.jobs, bytes: textBytes(c.jobs)}
	if c.behind {
		var ok bool
		if batch.spot, ok = c.texts.hold(c.jobs); !ok {
			for k := range c.jobs {
				c.jobs[k].body = cloneBody(c.jobs[k].body)
			}
		}
	}
	c.mu.Lock()
	for !c.behind && len(c.pending) >= coldBacklog {
		c.cond.Wait()
	}
	c.pending = append(c.pending, batch)
	c.held += batch.bytes
	c.cond.Broadcast()
	c.mu.Unlock()
	c.jobs = nil
}

// took takes in what a page did to an article: its text (s, from the page)
// or only its source.
func (c *Cold) took(a *model.Article, s *model.Story) {
	for len(c.sources) <= int(a.Index) {
		c.sources = append(c.sources, "")
	}
	source := a.Source()
	job := textJob{i: int(a.Index), headline: a.Headline, source: source}
	switch {
	case s != nil:
		// (Behind, Add takes the text out of its file's buffer.)
		job.body, job.similar = s.Body(), true
	case c.sources[a.Index] == source:
		return
	default:
		// The text is an earlier page's, which is no longer in hand.
		src := c.Library.BodyOf(a)
		job.read = &src
	}
	c.sources[a.Index] = source
	c.jobs = append(c.jobs, job)
}

// cut takes the texts in, in the order they came, until the queue is
// closed.
func (c *Cold) cut() {
	defer close(c.drained)
	var w wordCutter
	var buf []byte // the batch's texts read back
	for {
		c.mu.Lock()
		for (len(c.pending) == 0 || c.behind && c.held < coldHeld) && !c.closed {
			c.cond.Wait()
		}
		if len(c.pending) == 0 {
			c.mu.Unlock()
			return
		}
		batch := c.pending[0]
		c.pending[0] = heldBatch{}
		c.pending = c.pending[1:]
		c.held -= batch.bytes
		c.cond.Broadcast()
		c.mu.Unlock()
		if c.lost {
			continue
		}
		if batch.spot.n > 0 {
			var err error
			buf, err = readHeld(batch.spot, batch.jobs, buf)
			c.texts.cutHeld(batch.spot)
			if err != nil {
				// Finish builds both indexes from the dumps instead.
				c.lost = true
				continue
			}
		}
		for _, j := range batch.jobs {
			if j.read != nil {
				// A file that cannot be read leaves the headline and
				// source, as index.Update does.
				j.body, _ = j.read.Read()
			}
			w.cut(c.ix, c.sim, j)
		}
	}
}

// Stop lets the goroutine that takes the texts in go, for a load given up;
// Finish is not to be called after.
func (c *Cold) Stop() {
	c.Done()
	if !c.built {
		c.built = true
		c.close()
		go func() {
			<-c.drained
			c.texts.closeAll()
			c.ix.Close()
			c.sim.Close()
		}()
	}
}

// close says no more batches come.
func (c *Cold) close() {
	c.mu.Lock()
	c.closed = true
	c.cond.Broadcast()
	c.mu.Unlock()
}

// textBytes is the length of the texts jobs hold.
func textBytes(jobs []textJob) int {
	n := 0
	for _, j := range jobs {
		for _, p := range j.body.Paragraphs {
			n += len(p)
		}
		for _, e := range j.body.Entries {
			n += len(e.Text)
		}
	}
	return n
}

// WriteLinks writes the library's links to a file in the spill folder
// (see model.Library.WriteLinks), once the load is done and before Finish,
// for the library to read them from there (ReadLinksFrom) while the
// indexes are built and the cache is written: the links are what the
// library holds most of, and a story's are read in a moment. It only reads
// the library. Nil when they could not be written: they stay in memory.
func (c *Cold) WriteLinks() *model.LinksFile {
	f := spill.File(c.dir)
	if f == nil {
		return nil
	}
	lf, err := c.Library.WriteLinks(f)
	if err != nil {
		f.Close()
		return nil
	}
	return lf
}

// Finish builds the filter index and the similar-stories model of the
// library loaded, once; the library must not change meanwhile.
func (c *Cold) Finish() (*index.Index, *similar.Similarity) {
	if c.built {
		return c.index, c.model
	}
	c.built = true
	c.close()
	<-c.drained
	lib := c.Library
	var err, ixErr error
	c.texts.closeAll()
	if !c.applied && !c.lost {
		// The filter index is built a shard at a time beside the model,
		// rather than its shards on all the cores before it: the shards
		// being built were the peak of a cold start's memory. Both go to
		// files as they are made (see buildIndex, similar.Stream.Build).
		var wg sync.WaitGroup
		wg.Go(func() { c.index, ixErr = buildIndex(c.ix, len(lib.Articles), c.dir) })
		c.model, err = c.sim.Build(lib.Articles)
		wg.Wait()
		err = cmp.Or(err, ixErr)
	}
	c.ix.Close()
	c.sim.Close()
	c.ix, c.sim, c.sources = nil, nil, nil
	if c.applied || c.lost || err != nil {
		// Changes were applied, or what the streams kept could not be
		// read back: the texts are read from the files again.
		c.index = (*index.Index)(nil).Update(len(lib.Articles), index.PendingOf(lib, lib.Articles))
		c.model = similar.TextsOf(lib).Build()
	}
	return c.index, c.model
}
