package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func linkStory(id string) *Story { return &Story{ID: id, Headline: id} }

// describeLinks writes an article's links as "to:how[:tag]", in order, and
// checks that Related holds the same articles in the same order.
func describeLinks(t *testing.T, l *Library, a *Article) string {
	t.Helper()
	var out []string
	for i, lk := range a.Links() {
		s := lk.To.Headline + ":" + lk.How.String()
		if l.TagOf(lk) != "" {
			s += ":" + l.TagOf(lk)
		}
		out = append(out, s)
		if i >= len(a.Related()) || a.Related()[i] != lk.To {
			t.Errorf("%s: Related[%d] is not Links[%d].To", a.Headline, i, i)
		}
	}
	if len(a.Related()) != len(a.Links()) {
		t.Errorf("%s: %d related, %d links", a.Headline, len(a.Related()), len(a.Links()))
	}
	return strings.Join(out, " ")
}

func listing(path, tag string, stories ...*Story) *Dump {
	d := page(path, "2025-07-28", saved, nil, stories...)
	d.Tag = tag
	return d
}

// Each way of being shown together gives its kind: the main story and a
// related one "main", two related stories of one page "same-page", two
// stories of a listing "listing" with the listing's tag.
func TestLinkKinds(t *testing.T) {
	l := NewLibrary()
	l.Add(page("p", "2025-07-28", saved, linkStory("m"), linkStory("a"), linkStory("b")))
	l.Add(listing("l", "#Budget", linkStory("x"), linkStory("y"), linkStory("z")))
	want := map[string]string{
		"m": "a:main b:main",
		"a": "m:main b:same-page",
		"b": "m:main a:same-page",
		"x": "y:listing:#Budget z:listing:#Budget",
		"y": "x:listing:#Budget z:listing:#Budget",
		"z": "x:listing:#Budget y:listing:#Budget",
	}
	for id, w := range want {
		if got := describeLinks(t, l, l.ByID(id)); got != w {
			t.Errorf("%s links %q, want %q", id, got, w)
		}
	}
	if l.Pages[1].Tag() != "#Budget" {
		t.Errorf("listing page tag %q", l.Pages[1].Tag())
	}
}

// Stories shown together on several pages are linked once, by the
// strongest way (main over same-page over listing), in the place the first
// page put the link; a weaker way seen later changes nothing, and a
// listing's tag is the first one given.
func TestLinkStrongestKindOnce(t *testing.T) {
	l := NewLibrary()
	l.Add(listing("l1", "", linkStory("a"), linkStory("b"), linkStory("c")))
	l.Add(listing("l2", "#Ports", linkStory("a"), linkStory("b"), linkStory("c")))
	l.Add(listing("l3", "#Later", linkStory("b"), linkStory("c")))
	l.Add(page("p1", "2025-07-28", saved, linkStory("m"), linkStory("a"), linkStory("b")))
	l.Add(page("p2", "2025-07-28", saved, linkStory("a"), linkStory("c"), linkStory("b")))
	l.Add(listing("l4", "#Weak", linkStory("a"), linkStory("b"), linkStory("c"), linkStory("m")))
	l.Add(page("p3", "2025-07-28", saved, linkStory("z"), linkStory("m"), linkStory("a"), linkStory("m")))
	want := map[string]string{
		// a-b: listing, then same-page on p1, then main on p2
		// a-c: listing, then main on p2
		// a-m: main on p1, same-page on p3 does not weaken it
		"a": "b:main c:main m:main z:main",
		// b-c: listing (#Ports: l1 gave no tag), then same-page on p2
		"b": "a:main c:same-page m:main",
		"c": "a:main b:same-page m:listing:#Weak",
		"m": "a:main b:main c:listing:#Weak z:main",
		"z": "m:main a:main",
	}
	for id, w := range want {
		if got := describeLinks(t, l, l.ByID(id)); got != w {
			t.Errorf("%s links %q, want %q", id, got, w)
		}
	}
	l2 := NewLibrary()
	l2.Add(listing("l1", "", linkStory("a"), linkStory("b")))
	l2.Add(listing("l2", "#Ports", linkStory("b"), linkStory("a")))
	l2.Add(listing("l3", "#Later", linkStory("a"), linkStory("b")))
	if got := describeLinks(t, l2, l2.ByID("a")); got != "b:listing:#Ports" {
		t.Errorf("a links %q, want the first tag given", got)
	}
}

// A listing longer than 2*pageNeighbours+1 stories links each story to the
// pageNeighbours before and after it only; the links stay symmetric and
// each once, also past linkSetFrom, where the set takes over from the scan.
func TestLinkLongListingCapped(t *testing.T) {
	n := 4*pageNeighbours + 7
	var stories []*Story
	for i := range n {
		stories = append(stories, linkStory(fmt.Sprintf("s%03d", i)))
	}
	l := NewLibrary()
	l.Add(listing("l", "#Long", stories...))
	l.Add(listing("l-again", "#Long", stories...))
	for i, s := range stories {
		a := l.ByID(s.ID)
		var want []string
		for j := max(0, i-pageNeighbours); j <= min(n-1, i+pageNeighbours); j++ {
			if j != i {
				want = append(want, stories[j].ID)
			}
		}
		got := headlines(a.Related())
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("%s linked to %v, want %v", s.ID, got, want)
		}
		for _, lk := range a.Links() {
			if lk.How != LinkListing || l.TagOf(lk) != "#Long" {
				t.Fatalf("%s: link %s %v %q", s.ID, lk.To.ID, lk.How, l.TagOf(lk))
			}
		}
	}
	// A short list links every pair.
	l = NewLibrary()
	l.Add(page("p", "2025-07-28", saved, linkStory("m"), stories[:2*pageNeighbours+1]...))
	if got := len(l.ByID(stories[0].ID).Links()); got != 2*pageNeighbours+1 {
		t.Errorf("first story of a full page has %d links, want %d", got, 2*pageNeighbours+1)
	}
}

func TestLinkKindString(t *testing.T) {
	for k, w := range map[LinkKind]string{LinkMain: "main", LinkSamePage: "same-page", LinkListing: "listing", 0: "unknown"} {
		if k.String() != w {
			t.Errorf("%d: %q, want %q", k, k.String(), w)
		}
	}
}

// A page far longer than any site makes links each story to few
// neighbours, so that its links stay within pageLinkBudget.
func TestHugeListsStayWithinTheLinkBudget(t *testing.T) {
	for _, n := range []int{pageLinkBudget / pageNeighbours, 10_000, 100_000} {
		list := make([]*Article, n)
		for i := range list {
			list[i] = &Article{Index: int32(i)}
		}
		linkPage(list, LinkSamePage, 0, link)
		total := 0
		for _, a := range list {
			total += len(a.Links())
		}
		// At least a chain; at most the budget, or the chain when that is
		// longer (one neighbour each side is the least).
		if pairs := total / 2; pairs > max(pageLinkBudget, n-1)+pageNeighbours*pageNeighbours || pairs < n-1 {
			t.Errorf("%d stories: %d pairs linked, want between %d and %d", n, pairs, n-1, max(pageLinkBudget, n-1))
		}
	}
}
