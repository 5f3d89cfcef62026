package similar

import (
	"testing"

	"tidings/model"
)

func TestCapitalisedMidSentence(t *testing.T) {
	for text, want := range map[string]bool{
		"The vote in Tarrow was close.":           true, // "Tarrow"
		"Tarrow voted on Tuesday.":                false,
		"It rained. Tarrow voted.":                false,
		"Was it close? Tarrow said no.":           false,
		"He said: Tarrow would vote.":             false,
		`The mayor said "Tarrow will vote".`:      false, // a quotation opens a sentence
		"The mayor (Tarrow's own) spoke.":         true,  // a bracket or a dash needs no capital
		"The vote — Tarrow's first — passed.":     true,
		"(Tarrow voted.)":                         false,
		"Staff at the NHS trust agreed.":          true,
		"Ministers met Ms Quillon, then Tarrow.":  true,
		"the vote in tarrow was close.":           false,
		"A vote; Tarrow abstained.":               false,
		"Votes in Ærøskøbing were counted.":       true,
		"The islanders of Ærø… Ærøskøbing voted.": false,
	} {
		at := -1
		for _, name := range []string{"Tarrow", "tarrow", "NHS", "Quillon", "Ærøskøbing"} {
			if i := lastIndex(text, name); i >= 0 && i > at {
				at = i
			}
		}
		if got := capitalisedMidSentence(text, at); got != want {
			t.Errorf("%q at %d: %v, want %v", text, at, got, want)
		}
	}
}

func lastIndex(s, sub string) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// A name shared by two stories ties them more than common verbs shared by
// two others, though each pair shares as many words, equally rare.
func TestNamesWeighMoreThanCommonVerbs(t *testing.T) {
	arts := simCorpus(
		model.Story{Headline: "Council weighs the orchard budget", Text: &model.StoryText{Paragraphs: []string{
			"The council met Mara Quillon on Tuesday about Kestrelmoor orchards.",
			"Officials revealed little, despite a hold on the budget."}}},
		model.Story{Headline: "Ferry timetable changes for winter", Text: &model.StoryText{Paragraphs: []string{
			"The ferry operator spoke to Mara Quillon about Kestrelmoor sailings."}}},
		model.Story{Headline: "Market stalls return to the square", Text: &model.StoryText{Paragraphs: []string{
			"Traders revealed plans, despite a hold on permits."}}},
		model.Story{Headline: "Choir wins regional prize", Text: &model.StoryText{Paragraphs: []string{
			"The choir revealed its programme despite a hold on rehearsals."}}},
		model.Story{Headline: "Quarry road resurfaced", Text: &model.StoryText{Paragraphs: []string{
			"Crews worked near Kestrelmoor; Mara Quillon thanked them."}}},
	)
	s := BuildSimilarity(arts)
	score := func(to *model.Article) float64 {
		for _, g := range s.ForText(arts[0], model.Body{Paragraphs: arts[0].Paragraphs()}, len(arts)) {
			if g.To == to {
				return g.Score
			}
		}
		return 0
	}
	name, verbs := score(arts[1]), score(arts[2])
	if name <= verbs {
		t.Errorf("a shared name scores %.3f, shared common verbs %.3f", name, verbs)
	}
	var ids []string
	for _, g := range s.For(arts[0], 5) {
		ids = append(ids, g.To.Headline)
		if g.To == arts[2] || g.To == arts[3] {
			t.Errorf("listed %q for sharing revealed, despite and hold (%.3f)", g.To.Headline, g.Score)
		}
	}
	if len(ids) == 0 || (ids[0] != arts[1].Headline && ids[0] != arts[4].Headline) {
		t.Errorf("the stories naming Mara Quillon at Kestrelmoor are not first: %q", ids)
	}
}

func TestWordWeight(t *testing.T) {
	for _, c := range []struct {
		w    string
		name bool
		want float32
	}{
		{"quillon", true, nameWeight}, {"quillon", false, 1}, {"revealed", false, plainWeight},
		{"despite", false, plainWeight}, {"hold", false, plainWeight}, {"kestrelmoor", false, 1},
		{"held", true, nameWeight}, // "Held" mid-sentence is as written: a name ("Held Street")
	} {
		if got := wordWeight(c.w, c.name); got != c.want {
			t.Errorf("%s (name %v): %v, want %v", c.w, c.name, got, c.want)
		}
	}
}
