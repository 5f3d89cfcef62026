package cache

import (
	"tidings/index"
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
	// loop) neither waits for it nor reads a file.
	jobs    []textJob
	queue   chan []textJob
	drained chan struct{}
	built   bool
	index   *index.Index
	model   *similar.Similarity
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
// Dumps (which must be set).
func NewCold(lib *model.Library) *Cold {
	lib.LeaveText()
	vocab := &words.Numbers{}
	c := &Cold{Library: lib, ix: index.NewStream(vocab), sim: similar.NewStream(vocab),
		queue: make(chan []textJob, 4), drained: make(chan struct{})}
	go c.cut()
	return c
}

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
	if len(c.jobs) > 0 {
		c.queue <- c.jobs
		c.jobs = nil
	}
}

// took takes in what a page did to an article: its text (s, from the page)
// or only its source.
func (c *Cold) took(a *model.Article, s *model.Story) {
	for len(c.sources) <= a.Index {
		c.sources = append(c.sources, "")
	}
	job := textJob{i: a.Index, headline: a.Headline, source: a.Source}
	switch {
	case s != nil:
		job.body, job.similar = model.Body{Paragraphs: s.Paragraphs, Entries: s.Entries}, true
	case c.sources[a.Index] == a.Source:
		return
	default:
		// The text is an earlier page's, which is no longer in hand.
		src := c.Library.BodyOf(a)
		job.read = &src
	}
	c.sources[a.Index] = a.Source
	c.jobs = append(c.jobs, job)
}

// cut takes the texts in, in the order they came, until the queue is
// closed.
func (c *Cold) cut() {
	defer close(c.drained)
	var w wordCutter
	for jobs := range c.queue {
		for _, j := range jobs {
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
	if !c.built {
		c.built = true
		close(c.queue)
	}
}

// Finish builds the filter index and the similar-stories model of the
// library loaded, once; the library must not change meanwhile.
func (c *Cold) Finish() (*index.Index, *similar.Similarity) {
	if c.built {
		return c.index, c.model
	}
	c.built = true
	close(c.queue)
	<-c.drained
	lib := c.Library
	if c.applied {
		c.index = (*index.Index)(nil).Update(len(lib.Articles), index.PendingOf(lib, lib.Articles))
		c.model = similar.TextsOf(lib).Build()
	} else {
		c.index = c.ix.Build(len(lib.Articles))
		c.model = c.sim.Build(lib.Articles)
	}
	c.ix, c.sim, c.sources = nil, nil, nil
	return c.index, c.model
}
