package ui

import (
	"math/bits"
	"slices"
	"sort"
	"unsafe"

	"tidings/index"
	"tidings/model"
)

// The list's rows are not written out: a filter keystroke would write a
// million of them. Each story has a place, its position in the groups'
// order (listRanks); the stories shown are a bitset over places, and row
// i is found from the headings (one per group with a story shown, with
// how many stories are shown above it) and the count of places shown
// before each word of the bitset. A layout is then one pass over the
// matches, in article order, setting a bit and two counters each: no
// row to write, and no read out of order but the bit.

// listRanks numbers the stories in the order the groups list them.
type listRanks struct {
	of      *listGroup // the groups numbered (their first), and how many
	groups  int
	n       int     // the number of articles
	rank    []int32 // by article index: its place, or -1 in no group
	byPlace []int32 // by place: the article
	start   []int32 // by group: the place of its first story
}

func (r *listRanks) update(groups []listGroup, n int) {
	if len(groups) > 0 && r.of == unsafe.SliceData(groups) && r.groups == len(groups) && r.n == n {
		return
	}
	r.of, r.groups, r.n = unsafe.SliceData(groups), len(groups), n
	r.rank = slices.Grow(r.rank[:0], n)[:n]
	for i := range r.rank {
		r.rank[i] = -1
	}
	// Sized once: grown by appending, a million stories' list would leave
	// its smaller arrays behind as garbage while a warm start's check runs.
	places := 0
	for gi := range groups {
		places += len(groups[gi].idx)
	}
	r.start, r.byPlace = slices.Grow(r.start[:0], len(groups)), slices.Grow(r.byPlace[:0], places)
	for gi := range groups {
		r.start = append(r.start, int32(len(r.byPlace)))
		for _, i := range groups[gi].idx {
			if int(i) < n {
				r.rank[i] = int32(len(r.byPlace))
			}
			r.byPlace = append(r.byPlace, i)
		}
	}
}

// rebuild lays out the rows for the groups and the view, keeping the cursor
// on the same story when it is still shown. The view shows the stories of
// candidates (nil: every story) that keep keeps (nil: every one).
func (l *storyList) rebuild(groups []listGroup, order model.Order, articles []*model.Article, candidates index.Bitset, keep func(int32) bool) {
	var current *model.Article
	oldCursor := l.cursor
	screenRow := l.cursor - l.offset // kept, so that rows added above do not move it
	if l.cursor < l.nrows {
		current = l.artAt(l.cursor)
	}
	l.groups, l.articles, l.order = groups, articles, order
	clear(l.groupTotal)
	clear(l.groupUnread)
	l.layOut(groups, candidates, keep)
	cursor := -1
	if current != nil && int(current.Index) < len(articles) && articles[current.Index] == current {
		cursor = l.rowOf(int(current.Index))
	}
	if cursor < 0 && current != nil {
		// The story left the view: stay near where it was.
		cursor = l.nearestStory(min(oldCursor, l.nrows-1))
	}
	if cursor < 0 {
		cursor = l.nextStory(-1, 1)
	}
	l.cursor = max(cursor, 0)
	l.offset = l.cursor - screenRow
	l.scrollToCursor()
}

// layOut marks the places shown and counts each group's stories, then
// places the headings.
func (l *storyList) layOut(groups []listGroup, candidates index.Bitset, keep func(int32) bool) {
	r := &l.ranks
	r.update(groups, len(l.articles))
	words := (len(r.byPlace) + 63) / 64
	l.shown, l.unreadShown = resized(l.shown, words), resized(l.unreadShown, words)
	read, shown, unreadShown, rank := l.mk.read, l.shown, l.unreadShown, r.rank
	if candidates != nil && keep == nil {
		// The commonest layout, a filter's words alone: its own loop,
		// which the compiler keeps tighter than the general one below.
		for w, word := range candidates[:min(len(candidates), (len(rank)+63)/64)] {
			for ; word != 0; word &= word - 1 {
				i := w<<6 + bits.TrailingZeros64(word)
				if i >= len(rank) || rank[i] < 0 {
					continue
				}
				p := rank[i]
				shown[p>>6] |= 1 << (p & 63)
				unreadShown[p>>6] |= (1 &^ asBit(read[i])) << (p & 63)
			}
		}
	} else {
		// No candidates is every story.
		nw := (len(rank) + 63) / 64
		if candidates != nil {
			nw = min(nw, len(candidates))
		}
		for w := range nw {
			word := ^uint64(0)
			if candidates != nil {
				word = candidates[w]
			}
			for ; word != 0; word &= word - 1 {
				i := w<<6 + bits.TrailingZeros64(word)
				if i >= len(rank) || rank[i] < 0 || keep != nil && !keep(int32(i)) {
					continue
				}
				p := rank[i]
				shown[p>>6] |= 1 << (p & 63)
				unreadShown[p>>6] |= (1 &^ asBit(read[i])) << (p & 63)
			}
		}
	}
	l.before = resized(l.before, len(shown))
	count := int32(0)
	for w, word := range shown {
		l.before[w] = count
		count += int32(bits.OnesCount64(word))
	}
	l.headers, l.headGroup, l.headFirst = l.headers[:0], l.headGroup[:0], l.headFirst[:0]
	l.total, l.unread = 0, 0
	l.nrows = 0
	if int(count)*sparseShare < len(groups) {
		// Few stories shown among many groups (sorted by source, say):
		// the groups of the stories, not every group.
		for w, word := range shown {
			for ; word != 0; word &= word - 1 {
				p := int32(w<<6 + bits.TrailingZeros64(word))
				g, _ := slices.BinarySearch(r.start, p+1)
				if h := len(l.headGroup); h == 0 || l.headGroup[h-1] != int32(g-1) {
					l.addHeading(g-1, countRange(shown, int(r.start[g-1]), r.end(g-1)))
				}
			}
		}
		return
	}
	for g := range groups {
		if total := countRange(shown, int(r.start[g]), r.end(g)); total > 0 {
			l.addHeading(g, total)
		}
	}
}

// sparseShare is how many groups to a story shown make a layout look up
// the stories' groups rather than count every group's.
const sparseShare = 8

// addHeading puts group g's heading and its total stories shown after
// the rows so far.
func (l *storyList) addHeading(g, total int) {
	r := &l.ranks
	l.headers = append(l.headers, l.nrows)
	l.headGroup = append(l.headGroup, int32(g))
	l.headFirst = append(l.headFirst, int32(l.total))
	l.nrows += 1 + total
	l.count(&l.groups[g], total, countRange(l.unreadShown, int(r.start[g]), r.end(g)))
}

// end is the place after group g's last story.
func (r *listRanks) end(g int) int {
	if g+1 < len(r.start) {
		return int(r.start[g+1])
	}
	return len(r.byPlace)
}

// countRange counts the bits of b in [from, to).
func countRange(b index.Bitset, from, to int) int {
	if from >= to {
		return 0
	}
	lo, hi := from>>6, (to-1)>>6
	first, last := ^uint64(0)<<(from&63), ^uint64(0)>>(63-(to-1)&63)
	if lo == hi {
		return bits.OnesCount64(b[lo] & first & last)
	}
	n := bits.OnesCount64(b[lo]&first) + bits.OnesCount64(b[hi]&last)
	for _, w := range b[lo+1 : hi] {
		n += bits.OnesCount64(w)
	}
	return n
}

// resized is s with n elements, all zero.
func resized[T any](s []T, n int) []T {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

// asBit is 1 for true: written so that the compiler sets it without a
// branch.
func asBit(b bool) uint64 {
	var x uint64
	if b {
		x = 1
	}
	return x
}

func (l *storyList) count(d *listGroup, total, unread int) {
	if total > 0 {
		l.groupTotal[d.key], l.groupUnread[d.key] = total, unread
	}
	l.total += total
	l.unread += unread
}

// headingAt is the heading (an index in headers) of row i: its own, or
// the one above it; -1 above the first.
func (l *storyList) headingAt(i int) int {
	h, found := slices.BinarySearch(l.headers, i)
	if !found {
		h--
	}
	return h
}

// isHeading reports whether row i is a heading.
func (l *storyList) isHeading(i int) bool {
	_, found := slices.BinarySearch(l.headers, i)
	return found
}

// artAt is the story of row i, nil on a heading.
func (l *storyList) artAt(i int) *model.Article {
	h := l.headingAt(i)
	if h < 0 || i < 0 || i >= l.nrows || l.headers[h] == i {
		return nil
	}
	k := int(l.headFirst[h]) + i - l.headers[h] - 1
	return l.articles[l.ranks.byPlace[l.placeOfShown(k)]]
}

// groupAt is the group row i is in: the heading's, or the one above it.
func (l *storyList) groupAt(i int) *listGroup {
	if h := l.headingAt(i); h >= 0 {
		return &l.groups[l.headGroup[h]]
	}
	return nil
}

// placeOfShown is the place of the k-th story shown, from 0.
func (l *storyList) placeOfShown(k int) int {
	w := sort.Search(len(l.before), func(w int) bool { return int(l.before[w]) > k }) - 1
	word := l.shown[w]
	for range k - int(l.before[w]) {
		word &= word - 1
	}
	return w<<6 + bits.TrailingZeros64(word)
}

// isShown reports whether the story of an article index is in the rows.
func (l *storyList) isShown(index int) bool {
	if index < 0 || index >= len(l.ranks.rank) {
		return false
	}
	p := l.ranks.rank[index]
	return p >= 0 && l.shown.Has(int(p))
}

// rowOf is the row of a shown story, or -1.
func (l *storyList) rowOf(index int) int {
	if !l.isShown(index) {
		return -1
	}
	p := int(l.ranks.rank[index])
	g, _ := slices.BinarySearch(l.ranks.start, int32(p)+1)
	h, _ := slices.BinarySearch(l.headGroup, int32(g-1)) // the last group starting at or before p
	k := int(l.before[p>>6]) + bits.OnesCount64(l.shown[p>>6]&(1<<(p&63)-1))
	return l.headers[h] + 1 + k - int(l.headFirst[h])
}

// storiesFrom calls f with each story shown after the one at place p in
// direction dir (p -1 or past the end starts at an end), in the list's
// order, until it returns false.
func (l *storyList) storiesFrom(p, dir int, f func(a *model.Article) bool) {
	for p += dir; p >= 0 && p < len(l.ranks.byPlace); p += dir {
		if w := l.shown[p>>6]; w == 0 {
			// Skip the word: to its last place going down, its first going up.
			if dir > 0 {
				p |= 63
			} else {
				p &^= 63
			}
			continue
		}
		if l.shown.Has(p) && !f(l.articles[l.ranks.byPlace[p]]) {
			return
		}
	}
}
