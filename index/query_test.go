package index

import (
	"slices"
	"testing"
	"tidings/internal/testkit"
	"tidings/model"
	"time"
)

func TestParseQuery(t *testing.T) {
	today := time.Date(2025, 6, 24, 10, 0, 0, 0, time.UTC)
	q := ParseQuery(`harb -storm "night ferries" source:Esker day:-7.. is:unread is:starred £9`, today)
	if !slices.Equal(q.Words, []string{"harb", "£9"}) || !slices.Equal(q.Exclude, []string{"storm"}) {
		t.Fatalf("words %q, exclude %q", q.Words, q.Exclude)
	}
	if len(q.Phrases) != 1 || !slices.Equal(q.Phrases[0], []string{"night", "ferries"}) {
		t.Fatalf("phrases %q", q.Phrases)
	}
	if !slices.Equal(q.Sources, []string{"esker"}) || q.DayFrom != "2025-06-17" || q.DayTo != "" {
		t.Fatalf("sources %q, days %q..%q", q.Sources, q.DayFrom, q.DayTo)
	}
	if q.Read == nil || *q.Read || q.Starred == nil || !*q.Starred {
		t.Fatal("is:unread is:starred not read")
	}
	for value, want := range map[string][2]string{
		"day:today":                  {"2025-06-24", "2025-06-24"},
		"day:yesterday":              {"2025-06-23", "2025-06-23"},
		"day:2025-06-01..2025-06-30": {"2025-06-01", "2025-06-30"},
		"day:..2025-06-01":           {"", "2025-06-01"},
		"DAY:2025-06-02":             {"2025-06-02", "2025-06-02"},
	} {
		q := ParseQuery(value, today)
		if q.DayFrom != want[0] || q.DayTo != want[1] || len(q.Problems) > 0 {
			t.Errorf("%s: %q..%q %q", value, q.DayFrom, q.DayTo, q.Problems)
		}
	}
	for _, bad := range []string{"day:soon", "day:..", "is:maybe"} {
		if q := ParseQuery(bad, today); len(q.Problems) != 1 {
			t.Errorf("%s: problems %q", bad, q.Problems)
		}
	}
	if q := ParseQuery(`  "unclosed phrase`, today); len(q.Phrases) != 1 || len(q.Phrases[0]) != 2 {
		t.Errorf("unclosed quote: %q", q.Phrases)
	}
	if q := ParseQuery(" - \"\" source: ", today); !q.Empty() {
		t.Errorf("a query of empty operators filters: %+v", q)
	}
}

func TestFindWithOperators(t *testing.T) {
	arts := testkit.Articles(
		model.Story{Headline: "Night ferries approved", Text: &model.StoryText{Paragraphs: []string{"Tickets cost £9 each."}}}.WithSource("Esker Wire"),
		model.Story{Headline: "Ferries at night", Text: &model.StoryText{Paragraphs: []string{"A storm in the 90s."}}}.WithSource("Portmere Gazette"),
		model.Story{Headline: "Storm closes harbour", Text: &model.StoryText{Paragraphs: []string{"Fares rise 5%."}}}.WithSource("Esker Wire"),
		model.Story{Headline: "Harbour fees", Text: &model.StoryText{Paragraphs: []string{"Fees rise by $9 and 5 percent."}}}.WithSource("Wire24"),
	)
	days := []string{"2025-06-20", "2025-06-23", "2025-06-24", "2025-06-24"}
	for i, a := range arts {
		a.SetDay(days[i])
	}
	ix := BuildIndex(arts, 1)
	today := time.Date(2025, 6, 24, 10, 0, 0, 0, time.UTC)
	for query, want := range map[string][]int{
		`"night ferries"`:           {0},
		`ferries night`:             {0, 1},
		`harbour -storm`:            {3},
		`source:esker`:              {0, 2},
		`source:"esker wire"`:       {0, 2},
		`source:wire`:               {0, 2, 3},
		`day:today`:                 {2, 3},
		`day:-1..`:                  {1, 2, 3},
		`day:..2025-06-20`:          {0},
		`£9`:                        {0},
		`9`:                         {1}, // 90s, but not £9
		`90`:                        {1},
		`5%`:                        {2},
		`$9`:                        {3},
		`harbour source:wire24`:     {3},
		`"closes harbour" day:-0..`: {2},
	} {
		q := ParseQuery(query, today)
		m := ix.Find(arts, &q)
		if m == nil {
			t.Errorf("%s: no filter", query)
			continue
		}
		if got := members(m.Set, len(arts)); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
	}
	q := ParseQuery("is:unread", today)
	if ix.Find(arts, &q) != nil {
		t.Error("is: alone is for the reader, not the index")
	}
	q = ParseQuery("label:Brief label:follow-up", today)
	if ix.Find(arts, &q) != nil || q.Empty() || !slices.Equal(q.Labels, []string{"brief", "follow-up"}) {
		t.Errorf("label: is for the reader, in lower case: %+v", q.Labels)
	}
	if !q.HasLabels([]string{"follow-up", "brief", "x"}) || q.HasLabels([]string{"brief"}) || q.HasLabels(nil) {
		t.Error("HasLabels does not ask for every label of the query")
	}
	if q = ParseQuery("label:", today); !q.Empty() {
		t.Error("label: still being typed filters")
	}
}

// A phrase matches across a possessive and a partly typed last word.
func TestFindPhrasesAsTyped(t *testing.T) {
	arts := testkit.Articles(
		model.Story{Headline: "Night ferry's late run cancelled", Text: &model.StoryText{Paragraphs: []string{"Harbour pilots said no."}}},
		model.Story{Headline: "Inflation at 14.9% in March", Text: &model.StoryText{Paragraphs: []string{"Up from 1,9 points."}}},
		model.Story{Headline: "Fares rise 9% in April", Text: &model.StoryText{Paragraphs: []string{"The night ferries’ crews agreed."}}},
		model.Story{Headline: "Rates at 9.5%", Text: &model.StoryText{Paragraphs: []string{"A ferry at night."}}},
		model.Story{Headline: "Cats food drive", Text: &model.StoryText{Paragraphs: []string{"The harbour pier reopened."}}},
	)
	ix := BuildIndex(arts, 1)
	today := time.Date(2025, 6, 24, 10, 0, 0, 0, time.UTC)
	for query, want := range map[string][]int{
		`"night ferry"`:          {0},
		`"night ferry's late"`:   {0},
		`"ferry late run"`:       {0},
		`"harbour pil"`:          {0},
		`"harbour pi"`:           {0, 4},
		`"night ferries crews"`:  {2},
		`"cat food"`:             {},
		`"rise 9%"`:              {2},
		`"night ferry" -pilots`:  {},
		`"late run" "harbour p"`: {0},
	} {
		q := ParseQuery(query, today)
		m := ix.Find(arts, &q)
		if m == nil {
			t.Errorf("%s: no filter", query)
			continue
		}
		if got := members(m.Set, len(arts)); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
	}
}

// Hashtags are searchable: "#Budget" and "tag:budget" find the stories of a
// listing whose tag holds it, and an author's page's tag is found too.
func TestFindTags(t *testing.T) {
	arts := testkit.Articles(
		model.Story{Headline: "Budget vote on Tuesday"},
		model.Story{Headline: "Ferry fares rise"},
		model.Story{Headline: "Harbour budget cut"},
	)
	arts[0].SetPages([]*model.Page{listing("#Budget2025")})
	arts[1].SetPages([]*model.Page{listing("#TarrowFerry"), listing("Stories by Mara Quillon")})
	arts[2].SetPages([]*model.Page{{}})
	ix := BuildIndex(arts, 1)
	today := time.Date(2025, 6, 24, 10, 0, 0, 0, time.UTC)
	for query, want := range map[string][]int{
		`#Budget`:             {0},
		`#budget2025`:         {0},
		`tag:budget`:          {0},
		`tag:ferry fares`:     {1},
		`tag:quillon`:         {1},
		`#TarrowFerry budget`: {},
		`budget`:              {0, 2},
	} {
		q := ParseQuery(query, today)
		m := ix.Find(arts, &q)
		if m == nil {
			t.Errorf("%s: no filter", query)
			continue
		}
		if got := members(m.Set, len(arts)); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
	}
}

// A story's own tags (a clipping's front matter, a feed's categories) are
// found as listings' hashtags are.
func TestFindStoryTags(t *testing.T) {
	arts := testkit.Articles(
		model.Story{Headline: "Tidal turbines for the terminal", Meta: &model.StoryMeta{Tags: []string{"clippings", "Tidal power"}}},
		model.Story{Headline: "Portmere lifeboat station", Meta: &model.StoryMeta{Tags: []string{"Portmere"}}},
		model.Story{Headline: "Clippings of the week"},
	)
	arts[1].SetPages([]*model.Page{listing("#Budget2025")})
	ix := BuildIndex(arts, 1)
	today := time.Date(2025, 6, 24, 10, 0, 0, 0, time.UTC)
	for query, want := range map[string][]int{
		`#clippings`:             {0},
		`tag:clippings`:          {0},
		`tag:tidal`:              {0},
		`#portmere`:              {1},
		`#portmere #budget`:      {1},
		`#portmere #clippings`:   {},
		`clippings`:              {2},
		`tag:"tidal power"`:      {0},
		`-lifeboat tag:portmere`: {},
	} {
		q := ParseQuery(query, today)
		m := ix.Find(arts, &q)
		if m == nil {
			t.Errorf("%s: no filter", query)
			continue
		}
		if got := members(m.Set, len(arts)); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
	}
}

// listing is a listing's page with the tag.
func listing(tag string) *model.Page {
	p := &model.Page{Layout: model.LayoutListing}
	p.SetTag(tag)
	return p
}
