package ui

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"tidings/index"
	"tidings/internal/testkit"
	"tidings/loader"
	"tidings/model"
	"tidings/state"
)

// The list laid out from the matches (few, or many without a branch per
// story) is the list a walk asking of every story lays out: the same rows, headings, counts and cursor, whatever the
// groups' order, stories in no group, matches older than the archive or a
// rule beyond the matches.
func TestListLayoutsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		n := 1 + rng.IntN(400)
		arts := make([]*model.Article, n)
		for i := range arts {
			arts[i] = &model.Article{Index: i}
		}
		perm := rng.Perm(n)
		var groups []listGroup
		for len(perm) > 0 {
			k := min(len(perm), 1+rng.IntN(40))
			g := listGroup{key: fmt.Sprint(len(groups)), order: model.BySaved}
			for _, i := range perm[:k] {
				if rng.IntN(20) > 0 { // now and then a story in no group
					g.idx = append(g.idx, int32(i))
				}
			}
			groups = append(groups, g)
			perm = perm[k:]
		}
		mk := &marks{read: make([]bool, n), starred: make([]bool, n)}
		for i := range n {
			mk.read[i] = rng.IntN(3) == 0
		}
		matched := n
		if rng.IntN(4) == 0 {
			matched = rng.IntN(n + 1) // the index answered before the last stories came
		}
		candidates := make(index.Bitset, (matched+63)/64)
		every := 1 + rng.IntN(200)
		for i := range matched {
			if rng.IntN(every) == 0 {
				candidates[i/64] |= 1 << (i % 64)
			}
		}
		var keep func(int32) bool
		if rng.IntN(2) == 0 {
			keep = func(i int32) bool { return !mk.read[i] }
		}
		few, all := newStoryList(&Context{}, mk), newStoryList(&Context{}, mk)
		for _, l := range []*storyList{few, all} {
			l.SetSize(80, 20)
		}
		few.rebuild(groups, model.BySaved, arts, candidates, keep)
		// The walk that asks of every story.
		all.rebuild(groups, model.BySaved, arts, nil, func(i int32) bool {
			return int(i)/64 < len(candidates) && candidates.Has(int(i)) && (keep == nil || keep(i))
		})
		if !slices.Equal(few.rows, all.rows) || !slices.Equal(few.headers, all.headers) ||
			few.total != all.total || few.unread != all.unread ||
			!maps.Equal(few.groupTotal, all.groupTotal) || !maps.Equal(few.groupUnread, all.groupUnread) {
			t.Fatalf("round %d (%d stories, 1 in %d matching, keep %v): laid out from the matches %v / %v, %d (%d unread); by a walk %v / %v, %d (%d unread)",
				round, n, every, keep != nil, few.rows, few.headers, few.total, few.unread, all.rows, all.headers, all.total, all.unread)
		}
		for i := range few.rows {
			if few.artAt(i) != all.artAt(i) || few.groupAt(i) != all.groupAt(i) {
				t.Fatalf("round %d: row %d differs", round, i)
			}
		}
	}
}

// While files load, an order that is dear to make is made again only now
// and then; the last batch still lays out every story in it.
func TestACostlyOrderIsWholeOnceLoaded(t *testing.T) {
	dir := testkit.Corpus(t, 600, 3, 0, 5)
	for _, order := range []model.Order{model.ByPublished, model.BySource} {
		store, err := state.Open(filepath.Join(t.TempDir(), "state.db"))
		if err != nil {
			t.Fatal(err)
		}
		cfg := DefaultConfig()
		cfg.Sort = order
		d := &driver{t: t, msgs: make(chan tea.Msg, 64), store: store, limit: waitLimit, m: New(Options{
			Source: loader.Source{Paths: []string{dir}}, Config: cfg, NoColor: true,
			OpenStore: func() (MarkStore, string) { return store, "" },
		})}
		d.run(d.m.Init())
		d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		d.until("the first stories", func() bool { return d.m.ld.shownFirst })
		placed := d.m.ld.orderArticles
		d.m.ld.groupCost = time.Hour // as dear as can be: made again only by the last batch
		d.waitLoaded()
		if placed == len(d.m.lib.Articles) {
			t.Fatalf("%v: the first batch held every story; the test needs more batches", order)
		}
		shown := 0
		for _, a := range d.m.lib.Articles {
			if !a.Gone() {
				shown++
			}
		}
		if d.m.list.total != shown {
			t.Errorf("%v: the list shows %d stories once loaded, the library has %d", order, d.m.list.total, shown)
		}
		d.m.Close()
		store.Close()
	}
}
