package dumpgen

import (
	"bytes"
	"sync"
	"time"
)

// Story is one planned story as the dumps tell it: the text that
// Generate would write for it, without the pages around it.
type Story struct {
	Headline  string
	Source    string
	Published time.Time
	// Body holds the paragraphs, separated by '\n'.
	Body []byte
}

// Planned is the plan of an archive whose stories are told on demand,
// without writing a file: a benchmark can model an archive of a million
// stories from their text alone, keeping none of it.
type Planned struct {
	p       *plan
	seed    int64
	workers sync.Pool
}

// Plan plans opts as Generate does.
func Plan(opts Options) *Planned {
	pl := &Planned{seed: opts.Seed}
	if opts.N > 0 {
		pl.p = makePlan(opts)
	} else {
		pl.p = &plan{}
	}
	return pl
}

// Len is the number of planned stories.
func (pl *Planned) Len() int { return len(pl.p.stories) }

// Story tells story i, 0 <= i < Len(), as every file that shows it does.
// It may be called from several goroutines at once.
func (pl *Planned) Story(i int) Story {
	w, _ := pl.workers.Get().(*worker)
	if w == nil {
		w = newWorker(pl.p, "", pl.seed)
	}
	defer pl.workers.Put(w)
	s := &pl.p.stories[i]
	return Story{
		Headline:  s.headline,
		Source:    outlets[s.source].name,
		Published: time.Unix(s.pub, 0).UTC(),
		Body:      bytes.Clone(w.body(int32(i))),
	}
}
