package similar

import (
	"fmt"
	"strings"
	"testing"

	"tidings/model"
)

// Different happenings in one place, or with one person: each shares the
// place's or the person's name with the others and nothing else that
// matters. {N} is the name, written mid-sentence in the body.
var oneNameHappenings = []struct{ headline, body string }{
	{"{N} shop extends opening hours", "The grocer on the quay at {N} will now open until nine on weekdays. Customers had asked for later hours, its owner explained."},
	{"{N} harbour gets new fuel pump", "Boats calling at {N} can refuel from a pump fitted on the east pier. The old pump had leaked diesel for months."},
	{"{N} lifeboat gets new engine", "The volunteer crew at {N} fitted an engine to their lifeboat. Trials off the headland went well, the coxswain reported."},
	{"{N} school wins robotics prize", "Pupils taught at {N} built a robot that sorts recycling. Judges praised its gripper and its tidy wiring."},
	{"{N} ferry queue app launched", "Travellers leaving {N} can check the ferry queue on their phones. The app counts cars waiting at the ramp."},
	{"Storm strips slates from {N} chapel", "Gales overnight tore slates from the chapel roof at {N}. Volunteers covered the hole with tarpaulin."},
	{"{N} bakery wins sourdough award", "A loaf baked at {N} took the gold medal for sourdough. The baker credits a starter kept alive for twenty summers."},
	{"Council repaints {N} bus shelters", "Every bus shelter around {N} is getting fresh green paint. Painters began at the station stop."},
}

// The people, who do different things in stories of their own.
var onePersonHappenings = []struct{ headline, body string }{
	{"{N} opens pottery gallery", "The potter {N} opened a gallery of glazed bowls in a converted barn. Visitors queued for the kiln demonstration."},
	{"{N} wins dinghy race", "Sailing solo, {N} crossed the line first in the autumn dinghy race. The wind dropped near the final buoy."},
	{"{N} fined for parking on verge", "Magistrates fined {N} forty pounds for leaving a van on the verge. Neighbours had complained about tyre ruts."},
	{"{N} publishes memoir of lighthouse years", "Readers meet the keepers through the memoir {N} wrote about lighthouse years. Chapters recall fog signals and supply boats."},
	{"{N} elected chair of allotment society", "Members voted {N} chair of the allotment society. Water butts and slug pellets top the agenda."},
}

var (
	testPlaces  = []string{"Great Tarrow", "Portmere", "Lower Esker", "Kilbride Sound", "Marrow Bay", "Ferrisham"}
	testPeople  = []string{"Edda Quillon", "Tomas Vantry", "Ruth Okafor", "Ansel Dray"}
	testOutlets = []string{"Tarrow Islander", "Esker Wire", "Valley Courier", "Northern Ledger", "The Lantern"}
)

// One event, written up by outlets of their own: each version says what
// happened in words of its own, sharing the event's words with the others.
var testEvents = [][]struct{ headline, body string }{
	{
		{"Fire destroys sawmill at Portmere", "A fire broke out overnight at the sawmill near Portmere and destroyed its timber stock. Firefighters from three stations fought the blaze until dawn; nobody was hurt."},
		{"Portmere sawmill blaze: timber stock lost", "Firefighters spent the night at the Portmere sawmill, where a blaze consumed the timber stock. The owner thanked the three stations that answered the call."},
		{"No injuries as sawmill burns near Portmere", "The blaze at the sawmill outside Portmere is out. Firefighters said the timber stock was lost but every worker got clear."},
	},
	{
		{"Edda Quillon named harbour master", "The harbour board appointed Edda Quillon harbour master after a vote on Monday. Quillon, a former trawler skipper, takes charge of moorings and dredging."},
		{"Former skipper Quillon to run harbour", "Trawler skipper turned manager Edda Quillon will run the harbour, the harbour board decided. Quillon promised to clear the dredging backlog."},
	},
	{
		{"Kilbride Sound causeway closed after landslip", "A landslip buried the causeway road to Kilbride Sound under mud and boulders. Engineers expect the causeway to stay closed while they shore up the bank."},
		{"Landslip shuts causeway to Kilbride Sound", "Mud and boulders from a landslip closed the causeway at Kilbride Sound. Engineers are shoring up the bank, and islanders face a long detour."},
		{"Islanders face detour as landslip blocks causeway", "Kilbride Sound islanders must detour after a landslip blocked the causeway with boulders. Engineers began shoring the bank at first light."},
	},
	{
		{"Tomas Vantry recovers stolen lifeboat bell", "Diver Tomas Vantry found the stolen lifeboat bell in the shallows below the pier. Vantry handed the brass bell to the crew, who had offered a reward."},
		{"Stolen brass bell back with lifeboat crew", "The brass bell stolen from the lifeboat station is back after diver Tomas Vantry spotted it in the shallows. Vantry declined the reward."},
	},
}

// TestNameAloneIsNoSameEvent: stories of different happenings that share a
// place's or a person's name and nothing else are not the same event, nor
// similar; the versions of one event by different outlets, which share
// names and what happened, are the same event.
func TestNameAloneIsNoSameEvent(t *testing.T) {
	var stories []model.Story
	type story struct{ name, what string }
	var about []story
	add := func(s model.Story, name, what string) {
		stories = append(stories, s)
		about = append(about, story{name, what})
	}
	n := 0
	for _, p := range testPlaces {
		for _, h := range oneNameHappenings {
			add(model.Story{Headline: strings.ReplaceAll(h.headline, "{N}", p), Text: &model.StoryText{Paragraphs: []string{strings.ReplaceAll(h.body, "{N}", p)}}}.WithSource(testOutlets[n%len(testOutlets)]), p, h.headline)
			n++
		}
	}
	for _, who := range testPeople {
		for _, h := range onePersonHappenings {
			add(model.Story{Headline: strings.ReplaceAll(h.headline, "{N}", who), Text: &model.StoryText{Paragraphs: []string{strings.ReplaceAll(h.body, "{N}", who)}}}.WithSource(testOutlets[n%len(testOutlets)]), who, h.headline)
			n++
		}
	}
	for e, ev := range testEvents {
		for v, version := range ev {
			add(model.Story{Headline: version.headline, Text: &model.StoryText{Paragraphs: []string{version.body}}}.WithSource(testOutlets[(e+v)%len(testOutlets)]), "", fmt.Sprint("event ", e))
		}
	}
	arts := simCorpus(stories...)
	s := BuildSimilarity(arts)
	var sameName, events, found int
	for i := range stories {
		for _, g := range s.For(arts[i], 5) {
			j := int(g.To.Index)
			if j >= len(stories) {
				continue // filler
			}
			switch {
			case about[i].what == about[j].what:
			case about[i].name != "" && about[i].name == about[j].name:
				sameName++
				t.Errorf("%q (%s) lists %q (%s) at %.3f, same event %v, on the name %q alone (terms %q)",
					stories[i].Headline, stories[i].Source(), stories[j].Headline, stories[j].Source(), g.Score, g.SameEvent, about[i].name, g.Terms)
			case g.SameEvent:
				t.Errorf("%q taken for the same event as %q (%.3f, %q)", stories[i].Headline, stories[j].Headline, g.Score, g.Terms)
			}
		}
	}
	for i := range stories {
		if !strings.HasPrefix(about[i].what, "event ") {
			continue
		}
		got := s.For(arts[i], 5)
		for j := range stories {
			if j == i || about[j].what != about[i].what {
				continue
			}
			events++
			ok := false
			for _, g := range got {
				if g.To == arts[j] {
					ok = g.SameEvent
					if !ok {
						t.Errorf("%q and %q: listed at %.3f, not as the same event (terms %q)", stories[i].Headline, stories[j].Headline, g.Score, g.Terms)
					}
				}
			}
			if ok {
				found++
			} else {
				t.Errorf("%q does not find %q as the same event: %+v", stories[i].Headline, stories[j].Headline, got)
			}
		}
	}
	t.Logf("%d stories of a shared name listed for another; %d of %d versions of events found as the same event", sameName, found, events)
}
