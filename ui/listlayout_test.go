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

// The list laid out from its places is the list a plain walk of the
// groups makes: the same rows, headings, counts, cursor moves and lookups,
// whatever the groups' order, stories in no group, matches older than the
// archive or a rule beyond the matches.
func TestListLayoutsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		arts, groups, mk, candidates, keep := randomList(rng)
		n := len(arts)
		// The plain walk: rows as story indexes and ^group for headings.
		var rows []int32
		var headers []int
		total, unread := 0, 0
		groupTotal, groupUnread := map[string]int{}, map[string]int{}
		for gi, g := range groups {
			head := len(rows)
			for _, i := range g.idx {
				if candidates != nil && !(int(i)/64 < len(candidates) && candidates.Has(int(i))) || keep != nil && !keep(i) {
					continue
				}
				if len(rows) == head {
					headers = append(headers, head)
					rows = append(rows, ^int32(gi))
				}
				rows = append(rows, i)
				total++
				groupTotal[g.key]++
				if !mk.read[i] {
					unread++
					groupUnread[g.key]++
				} else if _, ok := groupUnread[g.key]; !ok {
					groupUnread[g.key] = 0
				}
			}
		}

		l := newStoryList(&Context{}, mk)
		l.SetSize(80, 20)
		l.rebuild(groups, model.BySaved, arts, candidates, keep)
		if l.nrows != len(rows) || !slices.Equal(l.headers, headers) || l.total != total || l.unread != unread ||
			!maps.Equal(l.groupTotal, groupTotal) || !maps.Equal(l.groupUnread, groupUnread) {
			t.Fatalf("round %d (%d stories, keep %v): %d rows, headings %v, %d (%d unread); want %d rows %v, headings %v, %d (%d unread)",
				round, n, keep != nil, l.nrows, l.headers, l.total, l.unread, len(rows), rows, headers, total, unread)
		}
		rowOf := map[int]int{}
		var all []*model.Article
		for i, r := range rows {
			got := l.artAt(i)
			switch {
			case r < 0 && (got != nil || l.groupAt(i) != &groups[^r]):
				t.Fatalf("round %d: row %d is a heading of group %d, got story %v", round, i, ^r, got)
			case r >= 0 && got != arts[r]:
				t.Fatalf("round %d: row %d is story %d, got %v", round, i, r, got)
			case r >= 0:
				rowOf[int(r)] = i
				all = append(all, arts[r])
			}
			if l.isHeading(i) != (r < 0) {
				t.Fatalf("round %d: row %d said a heading %v", round, i, l.isHeading(i))
			}
		}
		for i := range n {
			want, ok := rowOf[i]
			if !ok {
				want = -1
			}
			if got := l.rowOf(i); got != want || l.isShown(i) != ok {
				t.Fatalf("round %d: story %d is at row %d (shown %v), want %d", round, i, got, l.isShown(i), want)
			}
		}
		if got := l.stories(nil); !slices.Equal(got, all) {
			t.Fatalf("round %d: the stories shown are %d, want %d", round, len(got), len(all))
		}
		for _, h := range headers {
			g := &groups[^rows[h]]
			var want []*model.Article
			for _, r := range rows[h+1:] {
				if r < 0 {
					break
				}
				want = append(want, arts[r])
			}
			if got := l.stories(g); !slices.Equal(got, want) {
				t.Fatalf("round %d: group %s shows %d stories, want %d", round, g.key, len(got), len(want))
			}
		}
		// Next unread, both ways, from every story.
		for i, r := range rows {
			if r < 0 {
				continue
			}
			l.cursor = i
			for _, dir := range []int{1, -1} {
				want := -1
				for j := i + dir; j >= 0 && j < len(rows); j += dir {
					if rows[j] >= 0 && !mk.read[rows[j]] {
						want = j
						break
					}
				}
				if got := l.findUnread(dir); got != want {
					t.Fatalf("round %d: the next unread from row %d going %d is %d, want %d", round, i, dir, got, want)
				}
			}
		}
	}
}

// One list laid out again and again (other groups, more stories in the
// same groups, other matches, a rule) shows what a list laid out once
// does, and keeps the cursor on its story while that story is shown.
func TestAListLaidOutAgainEqualsAFreshOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	arts, groups, mk, candidates, keep := randomList(rng)
	l := newStoryList(&Context{}, mk)
	l.SetSize(80, 20)
	for round := range 2000 {
		switch rng.IntN(3) {
		case 0:
			arts, groups, mk, candidates, keep = randomList(rng)
			l.mk = mk
		case 1:
			// More stories, in no group yet, as while files load.
			for range 1 + rng.IntN(20) {
				arts = append(arts, &model.Article{Index: int32(len(arts))})
				mk.read, mk.starred = append(mk.read, false), append(mk.starred, false)
			}
		}
		if rng.IntN(2) == 0 {
			_, _, _, candidates, keep = randomList(rng)
			if keep != nil {
				keep = func(i int32) bool { return !mk.read[i] }
			}
		}
		var at *model.Article
		if l.nrows > 0 {
			l.cursor = l.nearestStory(rng.IntN(l.nrows))
			at = l.selected()
		}
		l.rebuild(groups, model.BySaved, arts, candidates, keep)
		fresh := newStoryList(&Context{}, mk)
		fresh.SetSize(80, 20)
		fresh.rebuild(groups, model.BySaved, arts, candidates, keep)
		if l.nrows != fresh.nrows || !slices.Equal(l.headers, fresh.headers) || l.total != fresh.total || l.unread != fresh.unread ||
			!maps.Equal(l.groupTotal, fresh.groupTotal) || !maps.Equal(l.groupUnread, fresh.groupUnread) {
			t.Fatalf("round %d: laid out again %d rows %v, fresh %d rows %v", round, l.nrows, l.headers, fresh.nrows, fresh.headers)
		}
		for i := range l.nrows {
			if l.artAt(i) != fresh.artAt(i) || l.groupAt(i) != fresh.groupAt(i) {
				t.Fatalf("round %d: row %d differs", round, i)
			}
		}
		if at != nil && int(at.Index) < len(arts) && arts[at.Index] == at && fresh.rowOf(int(at.Index)) >= 0 && l.selected() != at {
			t.Fatalf("round %d: the cursor left its story, which is still shown", round)
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

// randomList is a library laid out in groups in any order, with empty
// groups, stories in no group, read marks, matches (nil now and then;
// older than the last stories now and then) and a rule beyond them.
func randomList(rng *rand.Rand) ([]*model.Article, []listGroup, *marks, index.Bitset, func(int32) bool) {
	n := 1 + rng.IntN(400)
	arts := make([]*model.Article, n)
	for i := range arts {
		arts[i] = &model.Article{Index: int32(i)}
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
		if rng.IntN(10) == 0 { // a group with no story
			groups = append(groups, listGroup{key: fmt.Sprint(len(groups)), order: model.BySaved})
		}
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
	if rng.IntN(8) == 0 {
		candidates = nil // every story
	}
	var keep func(int32) bool
	if rng.IntN(2) == 0 {
		keep = func(i int32) bool { return !mk.read[i] }
	}

	return arts, groups, mk, candidates, keep
}
