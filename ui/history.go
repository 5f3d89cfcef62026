package ui

import "tidings/model"

// historyEntry is a story the reader had open and how far down it was.
type historyEntry struct {
	art    *model.Article
	offset int
}

// history is the reading pane's browser-like trail of opened stories. The
// pane may show a preview instead of the story last opened (the list's
// cursor passing over stories in a split screen); previews never enter
// history, and the opened story keeps the place it was left at.
type history struct {
	back, forward []historyEntry
	opened        *model.Article // history's present
	openedOffset  int            // its place while a preview is shown
}

// placeOfOpened is where the opened story was left: the pane's offset when
// the pane shows it, else where it was when a preview replaced it.
func (h *history) placeOfOpened(showing *model.Article, offset int) int {
	if showing == h.opened {
		return offset
	}
	return h.openedOffset
}

// leave notes the opened story's place as a preview replaces it.
func (h *history) leave(showing *model.Article, offset int) {
	if showing != nil && showing == h.opened {
		h.openedOffset = offset
	}
}

// adopt makes a previewed story the present when the reader acts from it
// (opens a related story from it, or steps back): it was being read, so
// back must be able to return to it, at its place.
func (h *history) adopt(showing *model.Article, offset int) {
	if showing == nil || showing == h.opened {
		return
	}
	if h.opened != nil {
		h.back = append(h.back, historyEntry{h.opened, h.openedOffset})
	}
	h.forward = h.forward[:0]
	h.opened, h.openedOffset = showing, offset
}

// visit makes a the present; the story it replaces goes on the back stack
// and the forward stack is dropped, as in a browser.
func (h *history) visit(a, showing *model.Article, offset int) {
	if showing != a {
		h.adopt(showing, offset)
	}
	if h.opened != nil && h.opened != a {
		h.back = append(h.back, historyEntry{h.opened, h.placeOfOpened(showing, offset)})
		h.forward = h.forward[:0]
	}
	h.opened = a
}

// step moves one entry back (dir < 0) or forward and returns the entry to
// show; ok is false when there is no step to take.
func (h *history) step(dir int, showing *model.Article, offset int) (next historyEntry, ok bool) {
	if dir < 0 {
		h.adopt(showing, offset) // forward can then come back to the preview
	}
	from, to := &h.back, &h.forward
	if dir > 0 {
		from, to = to, from
	}
	if len(*from) == 0 {
		return historyEntry{}, false
	}
	next = (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	if h.opened != nil {
		*to = append(*to, historyEntry{h.opened, h.placeOfOpened(showing, offset)})
	}
	h.opened = next.art
	return next, true
}
