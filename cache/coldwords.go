package cache

import (
	"strings"

	"tidings/index"
	"tidings/similar"
	"tidings/words"
)

// wordCutter cuts a cold load's texts into words once for both indexes:
// the similar-stories model's terms (words.Scanner.ScanTerm) are the
// filter's words (Scan) but for a number written with thousands
// separators, one term and several words, which are cut again for the
// filter. Each word is numbered once, in the vocabulary the two streams
// share.
type wordCutter struct {
	sc, sub words.Scanner
}

// cut takes in a job's text: the filter's words of the headline, source,
// paragraphs and live-blog entries (author and text), and, when the job
// is a copy's text, the model's terms of the headline, paragraphs and
// entries' text, in that order.
func (w *wordCutter) cut(ix *index.Stream, sim *similar.Stream, j textJob) {
	vocab := ix.Vocabulary()
	both := func(text string, headline bool) {
		w.sc.Reset(text)
		covered := 0 // the filter's words of text before this are taken
		for w.sc.ScanTerm() {
			num, _ := vocab.Scanned(&w.sc)
			at := w.sc.Start()
			if j.similar {
				sim.Term(num, text, at, headline)
			}
			if at < covered {
				continue
			}
			written := w.sc.Written()
			if !strings.Contains(written, ",") {
				ix.Word(num)
				continue
			}
			// A number with separators: the filter's words are the
			// scanner's from its start on, to the end of the one that
			// reaches past it (an apostrophe may join more to it).
			w.sub.Reset(text[at:])
			for w.sub.Scan() {
				n, _ := vocab.Scanned(&w.sub)
				ix.Word(n)
				if end := w.sub.Start() + len(w.sub.Written()); end >= len(written) {
					covered = at + end
					break
				}
			}
		}
	}
	only := func(text string) {
		w.sc.Reset(text)
		for w.sc.Scan() {
			num, _ := vocab.Scanned(&w.sc)
			ix.Word(num)
		}
	}
	both(j.headline, true)
	only(j.source)
	for _, p := range j.body.Paragraphs {
		both(p, false)
	}
	for _, e := range j.body.Entries {
		only(e.Author)
		both(e.Text, false)
	}
	ix.Done(j.i, index.Text{Headline: j.headline, Source: j.source, Body: j.body})
	if j.similar {
		sim.Done(j.i, j.headline != "")
	}
}
