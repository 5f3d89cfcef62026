package model

// LinkKind says how two stories were shown together.
type LinkKind uint8

const (
	LinkMain     LinkKind = iota + 1 // one was the main story of a page that showed the other
	LinkSamePage                     // both were in the related list of one page
	LinkListing                      // both were on one hashtag listing page
)

// String is the kind's name in `tidings related --json`: "main",
// "same-page" or "listing".
func (k LinkKind) String() string {
	switch k {
	case LinkMain:
		return "main"
	case LinkSamePage:
		return "same-page"
	case LinkListing:
		return "listing"
	}
	return "unknown"
}

// Link is one story an article was shown with. An article links another
// once, however many pages showed them together, by the strongest way it
// was: main over same-page over listing (a smaller LinkKind is stronger);
// of two listings, the first that gave a tag names it.
type Link struct {
	To  *Article
	How LinkKind
	// Tag is, for a listing link, the listing's hashtag as shown
	// ("#Budget"); "" when the loader did not give it.
	Tag string
}

// pageNeighbours caps the links among the stories of one page's list: a
// list of up to 2*pageNeighbours+1 stories (every real page) links all its
// pairs; a longer one links each story to the pageNeighbours before and
// after it in the page's order, so that a page of n stories costs O(n)
// links rather than O(n²).
const pageNeighbours = 25

// pageLinkBudget bounds the pairs one page's list links, past real pages.
const pageLinkBudget = 50_000

// linkSetFrom is the number of links from which an article keeps linkSet.
const linkSetFrom = 64

// link records that from was shown with to, in the way how; a link already
// there is kept in its place and made stronger if how is.
func link(from, to *Article, how LinkKind, tag string) {
	i := from.linkIndex(to)
	if i >= 0 {
		l := &from.Links[i]
		if how < l.How || (how == l.How && l.Tag == "" && tag != "") {
			l.How, l.Tag = how, tag
		}
		return
	}
	if from.linkSet != nil {
		from.linkSet[to] = int32(len(from.Links))
	} else if len(from.Links) >= linkSetFrom {
		from.linkSet = make(map[*Article]int32, 2*len(from.Links))
		for k, l := range from.Links {
			from.linkSet[l.To] = int32(k)
		}
		from.linkSet[to] = int32(len(from.Links))
	}
	from.Links = append(from.Links, Link{To: to, How: how, Tag: tag})
	from.Related = append(from.Related, to)
}

// linkIndex is the position of the link to to in Links, or -1. Short lists
// are scanned, which is quicker than a map and costs no memory.
func (a *Article) linkIndex(to *Article) int {
	if a.linkSet != nil {
		if i, ok := a.linkSet[to]; ok {
			return int(i)
		}
		return -1
	}
	for i, r := range a.Related {
		if r == to {
			return i
		}
	}
	return -1
}

// linkPage links the stories of a page's list to one another, both ways,
// within the cap of pageNeighbours.
func linkPage(list []*Article, how LinkKind, tag string) {
	reach := pageNeighbours
	if len(list) <= 2*pageNeighbours+1 {
		reach = len(list)
	}
	// A page no site makes (thousands of blocks, from a broken save or
	// on purpose) links each story to fewer neighbours, down to one, so
	// that the links of one page stay within pageLinkBudget and adding it
	// takes milliseconds, not the reader's keys for a second.
	if len(list) > pageLinkBudget/pageNeighbours {
		reach = max(1, pageLinkBudget/len(list))
	}
	for i, a := range list {
		for _, b := range list[i+1 : min(len(list), i+1+reach)] {
			link(a, b, how, tag)
			link(b, a, how, tag)
		}
	}
}
