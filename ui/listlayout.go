package ui

import (
	"math/bits"
	"slices"
	"unsafe"

	"tidings/index"
	"tidings/model"
)

// artAt is the story of row i, nil on a heading.
func (l *storyList) artAt(i int) *model.Article {
	if r := l.rows[i]; r >= 0 {
		return l.articles[r]
	}
	return nil
}

// groupAt is the group row i is in: the heading's, or the one above it.
func (l *storyList) groupAt(i int) *listGroup {
	at, found := slices.BinarySearch(l.headers, i)
	if !found {
		at--
	}
	if at < 0 {
		return nil
	}
	return &l.groups[^l.rows[l.headers[at]]]
}

// listRanks numbers the stories in the order the groups list them, so
// that a filter matching few stories lays them out from its matches
// alone, in the time of the matches, not of the archive.
type listRanks struct {
	of     *listGroup // the groups numbered (their first), and how many
	groups int
	n      int     // the number of articles
	rank   []int32 // by article index: its place, or -1 in no group
	start  []int32 // by group: the place of its first story
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
	r.start = r.start[:0]
	at := int32(0)
	for gi := range groups {
		r.start = append(r.start, at)
		for _, i := range groups[gi].idx {
			if int(i) < n {
				r.rank[i] = at
			}
			at++
		}
	}
}

// sparseShare is the share of the archive below which a filter's matches
// are laid out from the matches: sorting m places costs about what
// walking 32m stories does.
const sparseShare = 32

// rebuild lays out the rows for the groups and the view, keeping the cursor
// on the same story when it is still shown. The view shows the stories of
// candidates (nil: every story) that keep keeps (nil: every one); few
// candidates are laid out from themselves, without a walk of the archive.
func (l *storyList) rebuild(groups []listGroup, order model.Order, articles []*model.Article, candidates index.Bitset, keep func(int32) bool) {
	var current *model.Article
	oldCursor := l.cursor
	screenRow := l.cursor - l.offset // kept, so that rows added above do not move it
	if l.cursor < len(l.rows) {
		current = l.artAt(l.cursor)
	}
	l.rows = l.rows[:0]
	l.headers = l.headers[:0]
	l.groups, l.articles, l.order = groups, articles, order
	clear(l.groupTotal)
	clear(l.groupUnread)
	if n := (len(articles) + 63) / 64; cap(l.shown) >= n {
		l.shown = l.shown[:n]
		clear(l.shown)
	} else {
		l.shown = make(index.Bitset, n)
	}
	l.total, l.unread = 0, 0
	if candidates != nil && candidates.Count()*sparseShare < len(articles) {
		l.layOutFew(groups, candidates, keep)
	} else {
		l.layOutAll(groups, candidates, keep)
	}
	cursor := -1
	if current != nil && current.Index < len(articles) && articles[current.Index] == current && l.shown.Has(current.Index) {
		cursor = l.rowOf(current.Index)
	}
	if cursor < 0 && current != nil {
		// The story left the view: stay near where it was.
		cursor = l.nearestStory(min(oldCursor, len(l.rows)-1))
	}
	if cursor < 0 {
		cursor = l.nextStory(-1, 1)
	}
	l.cursor = max(cursor, 0)
	l.offset = l.cursor - screenRow
	l.scrollToCursor()
}

// layOutAll walks every group's stories. Without keep, a story's row is
// written whether it is kept or not and only counted when it is: no
// branch to mispredict per story, whose cost dominates a walk of a million.
func (l *storyList) layOutAll(groups []listGroup, candidates index.Bitset, keep func(int32) bool) {
	if keep != nil {
		l.layOutKept(groups, candidates, keep)
		return
	}
	if need := len(l.shown); candidates != nil && len(candidates) < need {
		// Stories came after the index answered: none of them match.
		candidates = append(slices.Clip(candidates), make(index.Bitset, need-len(candidates))...)
	}
	read, shown := l.mk.read, l.shown
	rows := l.rows
	for gi := range groups {
		d := &groups[gi]
		head := len(rows)
		rows = slices.Grow(rows, 1+len(d.idx))[:head+1+len(d.idx)]
		k, unread := head+1, 0
		for _, i := range d.idx {
			in := uint64(1)
			if candidates != nil {
				in = candidates[i>>6] >> (i & 63) & 1
			}
			rows[k] = i
			k += int(in)
			unread += int(in &^ asBit(read[i]))
			shown[i>>6] |= in << (i & 63)
		}
		if k == head+1 {
			rows = rows[:head]
			continue
		}
		rows[head] = ^int32(gi)
		rows = rows[:k]
		l.headers = append(l.headers, head)
		l.count(d, k-head-1, unread)
	}
	l.rows = rows
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

// layOutKept walks every group's stories, asking keep of each candidate.
func (l *storyList) layOutKept(groups []listGroup, candidates index.Bitset, keep func(int32) bool) {
	read := l.mk.read
	for gi := range groups {
		d := &groups[gi]
		headerAt := len(l.rows)
		total, unread := 0, 0
		for _, i := range d.idx {
			if candidates != nil && !(int(i)/64 < len(candidates) && candidates.Has(int(i))) || !keep(i) {
				continue
			}
			if len(l.rows) == headerAt {
				l.headers = append(l.headers, len(l.rows))
				l.rows = append(l.rows, ^int32(gi))
			}
			l.rows = append(l.rows, i)
			l.shown[i/64] |= 1 << (i % 64)
			total++
			if !read[i] {
				unread++
			}
		}
		l.count(d, total, unread)
	}
}

// layOutFew places the kept candidates by their rank.
func (l *storyList) layOutFew(groups []listGroup, candidates index.Bitset, keep func(int32) bool) {
	l.ranks.update(groups, len(l.articles))
	rank := l.ranks.rank
	places := make([]int32, 0, 64)
	for w, word := range candidates {
		for word != 0 {
			i := int32(w*64 + bits.TrailingZeros64(word))
			word &= word - 1
			if int(i) < len(rank) && rank[i] >= 0 && (keep == nil || keep(i)) {
				places = append(places, rank[i])
			}
		}
	}
	slices.Sort(places)
	read := l.mk.read
	gi, total, unread := -1, 0, 0
	for _, p := range places {
		g, _ := slices.BinarySearch(l.ranks.start, p+1)
		g-- // the last group starting at or before p
		if g != gi {
			if gi >= 0 {
				l.count(&groups[gi], total, unread)
			}
			gi, total, unread = g, 0, 0
			l.headers = append(l.headers, len(l.rows))
			l.rows = append(l.rows, ^int32(g))
		}
		i := groups[g].idx[p-l.ranks.start[g]]
		l.rows = append(l.rows, i)
		l.shown[i/64] |= 1 << (i % 64)
		total++
		if !read[i] {
			unread++
		}
	}
	if gi >= 0 {
		l.count(&groups[gi], total, unread)
	}
}

func (l *storyList) count(d *listGroup, total, unread int) {
	if total > 0 {
		l.groupTotal[d.key], l.groupUnread[d.key] = total, unread
	}
	l.total += total
	l.unread += unread
}

// rowOf is the row of a shown story, or -1.
func (l *storyList) rowOf(index int) int {
	for i, r := range l.rows {
		if r == int32(index) {
			return i
		}
	}
	return -1
}
