package ui

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"tidings/index"
	"tidings/model"
)

// BenchmarkListRebuild lays the list out again, as each filter keystroke
// does, over 100,000 and a million stories in 365 days, for a query that matches all,
// half, one in twenty and one in a thousand of them.
func BenchmarkListRebuild(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		arts, days, mk := listOfStories(n, 365, model.BySaved)
		rng := rand.New(rand.NewPCG(1, 2))
		for _, every := range []int{1, 2, 20, 1000} {
			matches := make(index.Bitset, (n+63)/64)
			for i := range n {
				if rng.IntN(every) == 0 {
					matches[i/64] |= 1 << (i % 64)
				}
			}
			var keep func(int32) bool // the filter's words alone
			b.Run(fmt.Sprintf("stories=%d/matching=1in%d", n, every), func(b *testing.B) {
				l := newStoryList(&Context{}, mk)
				l.SetSize(200, 50)
				for b.Loop() {
					l.rebuild(days, model.BySaved, arts, matches, keep)
				}
			})
		}
	}
}

// BenchmarkListRebuildManyGroups lays out few matches among a hundred
// thousand groups, as sorted by source in a big archive: the groups of
// the matches are looked up, not every group counted.
func BenchmarkListRebuildManyGroups(b *testing.B) {
	n := 1_000_000
	arts, groups, mk := listOfStories(n, 100_000, model.BySource)
	matches := make(index.Bitset, (n+63)/64)
	for i := 0; i < n; i += 1000 {
		matches[i/64] |= 1 << (i % 64)
	}
	l := newStoryList(&Context{}, mk)
	l.SetSize(200, 50)
	for b.Loop() {
		l.rebuild(groups, model.BySource, arts, matches, nil)
	}
}

// listOfStories is n stories spread evenly over groups groups, in order,
// none read.
func listOfStories(n, groups int, order model.Order) ([]*model.Article, []listGroup, *marks) {
	arts := make([]*model.Article, n)
	list := make([]listGroup, groups)
	for g := range list {
		list[g] = listGroup{key: fmt.Sprint(g), order: order}
	}
	for i := range arts {
		arts[i] = &model.Article{Index: int32(i)}
		g := &list[i*groups/n]
		g.idx = append(g.idx, int32(i))
	}
	return arts, list, &marks{read: make([]bool, n), starred: make([]bool, n)}
}
