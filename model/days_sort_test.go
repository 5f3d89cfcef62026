package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSortNewestFirst: the days' sort with its keys taken out once gives
// the order of the plain comparison: newest first, then headline, then ID,
// times alike to the nanosecond or a second apart, published or only
// saved.
func TestSortNewestFirst(t *testing.T) {
	compare := func(a, b *Article) int {
		if c := b.When().Compare(a.When()); c != 0 {
			return c
		}
		if c := strings.Compare(a.Headline, b.Headline); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	for round := range 50 {
		var articles []*Article
		for i := range r.IntN(300) {
			a := &Article{Story: Story{ID: fmt.Sprintf("%04d-%d", r.IntN(10000), i), Headline: []string{"Ferry", "Quay", "Lighthouse"}[r.IntN(3)]}}
			at := base.Add(time.Duration(r.IntN(5))*time.Second + time.Duration(r.IntN(3))*time.Nanosecond)
			if r.IntN(4) == 0 {
				at = at.Add(-time.Duration(r.IntN(1e6)) * time.Hour) // before 1970 too
			}
			if r.IntN(2) == 0 {
				a.PublishedAt = MomentOf(at.In(time.FixedZone("", 3600*r.IntN(5))))
			} else {
				a.SavedAt = MomentOf(at)
			}
			articles = append(articles, a)
		}
		want := slices.Clone(articles)
		slices.SortStableFunc(want, compare)
		sortNewestFirst(articles, nil)
		if !slices.Equal(articles, want) {
			t.Fatalf("round %d: the sort differs from the comparison's", round)
		}
	}
}
