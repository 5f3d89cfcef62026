package dumpgen

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Planted events measure the finding of similar stories: with
// Options.Events set, that many events are each written up by two or three
// outlets, as the main story of pages on different days (different pages
// when there is one day), in different words around the same person, place,
// figure and matter. No page shows two versions of one event, so only their
// text ties them. Distractors mention an event's person (and now and then
// its place) in unrelated stories.
//
// Events are planned from a random stream of their own after the rest of
// the plan, so Options.Events = 0 writes exactly what it wrote before
// events existed, and setting it changes only the pages they are put on and
// the distractors' bodies.

const saltEvents = 0xE7E7

// eventPlan is one planted event: what every version shares.
type eventPlan struct {
	first, surname string
	place          string
	figure         int
	matter         [2]int // indexes in nouns
	inst           string
	versions       []int32 // story ids
}

// Event is a planted event as the generated dumps show it.
type Event struct {
	Headlines []string // one per version, as written
	Sources   []string // the outlet of each version
}

// PlantedEvents returns the events Generate plants for opts, in the order
// planned; none when opts.Events is 0.
func PlantedEvents(opts Options) []Event {
	if opts.N <= 0 || opts.Events <= 0 {
		return nil
	}
	p := makePlan(opts)
	out := make([]Event, len(p.events))
	for e, ev := range p.events {
		for _, id := range ev.versions {
			s := &p.stories[id]
			out[e].Headlines = append(out[e].Headlines, s.headline)
			out[e].Sources = append(out[e].Sources, outlets[s.source].name)
		}
	}
	return out
}

// inventedSurname makes a surname that no other text of the generator
// uses, so that an event's person is named in its versions and its
// distractors only.
func inventedSurname(r *rand.Rand, taken map[string]bool) string {
	for {
		var b strings.Builder
		for i := range 2 + r.IntN(2) {
			b.WriteString(onsets[r.IntN(len(onsets))])
			b.WriteString(nuclei[r.IntN(len(nuclei))])
			if i > 0 && r.IntN(2) == 0 {
				b.WriteString(codas[r.IntN(len(codas))])
			}
		}
		w := title(b.String() + pick(r, []string{"ov", "ski", "ani", "ard", "enko", "ez", "berg", "ou"}))
		if len(w) >= 5 && !taken[strings.ToLower(w)] {
			taken[strings.ToLower(w)] = true
			return w
		}
	}
}

// plantEvents plans opts.Events events on the files planned so far.
func (pl *planner) plantEvents(opts Options) {
	p := pl.p
	r := rand.New(rand.NewPCG(mix(opts.Seed, saltEvents), mix(opts.Seed, saltEvents+1)))
	taken := map[string]bool{}
	for _, list := range [][]string{nouns, adjs, places, surnames, firstNames} {
		for _, w := range list {
			taken[strings.ToLower(w)] = true
		}
	}
	usedFile := map[int]bool{}
	nd := len(p.days)
	storiesBefore := int32(len(p.stories))
	for range opts.Events {
		ev := eventPlan{
			first:   pick(r, firstNames),
			surname: inventedSurname(r, taken),
			place:   pick(r, places),
			figure:  1000 + r.IntN(90000),
			matter:  [2]int{r.IntN(2400), r.IntN(2400)},
			inst:    pick(r, institutions),
		}
		e := int32(len(p.events) + 1)
		d0 := r.IntN(nd)
		var sources []uint16
		for v := range 2 + r.IntN(2) {
			day := &p.days[(d0+v)%nd]
			file := -1
			for range 64 {
				i := day.first + r.IntN(day.n)
				if f := &p.files[i]; !usedFile[i] && f.layout != layoutListing && !f.trunc {
					file = i
					break
				}
			}
			if file < 0 {
				continue
			}
			src := uint16(r.IntN(len(outlets)))
			for containsSource(sources, src) {
				src = uint16(r.IntN(len(outlets)))
			}
			f := &p.files[file]
			s := story{pub: f.save - 1800 - r.Int64N(5*3600), source: src, topic: uint16(r.IntN(len(topics))), weight: 1, event: e}
			for tries := 0; s.headline == ""; tries++ {
				h := eventHeadline(r, &ev, v+tries)
				if _, dup := pl.heads[h]; !dup {
					pl.heads[h] = struct{}{}
					s.headline = h
				}
			}
			usedFile[file] = true
			sources = append(sources, src)
			p.stories = append(p.stories, s)
			id := int32(len(p.stories) - 1)
			f.main = id
			ev.versions = append(ev.versions, id)
		}
		// Two to four unrelated stories name the same person.
		for range 2 + r.IntN(3) {
			for range 16 {
				id := r.Int32N(storiesBefore)
				if s := &p.stories[id]; !s.live && s.distract == 0 && s.event == 0 {
					s.distract = e
					break
				}
			}
		}
		p.events = append(p.events, ev)
	}
}

func containsSource(list []uint16, s uint16) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func withComma(n int) string {
	s := strconv.Itoa(n)
	if len(s) > 3 {
		s = s[:len(s)-3] + "," + s[len(s)-3:]
	}
	return s
}

// eventHeadline words an event's headline in the k-th of several ways.
func eventHeadline(r *rand.Rand, ev *eventPlan, k int) string {
	n0, n1 := nouns[ev.matter[0]], nounsPl[ev.matter[1]]
	var h string
	switch k % 5 {
	case 0:
		h = ev.surname + " " + pick(r, verbs3) + " " + n0 + " in " + ev.place
	case 1:
		h = ev.place + " " + ev.inst + " " + pick(r, verbs3) + " " + n0 + " as " + ev.surname + " " + pick(r, verbsPast) + " " + n1
	case 2:
		h = withComma(ev.figure) + " " + n1 + " at stake as " + ev.place + " " + pick(r, verbs3) + " " + n0
	case 3:
		h = ev.first + " " + ev.surname + "'s " + n0 + " " + pick(r, verbsPast) + " " + pick(r, prepositions) + " " + ev.place
	default:
		h = "What " + ev.surname + "'s " + n0 + " means for " + ev.place + " " + n1
	}
	return title(h)
}

// eventSentence appends one sentence stating the event's facts, in one of
// several wordings.
func (g *textGen) eventSentence(b []byte, ev *eventPlan) []byte {
	r := g.r
	n0, n1 := nouns[ev.matter[0]], nounsPl[ev.matter[1]]
	fig := withComma(ev.figure)
	var words []string
	switch r.IntN(7) {
	case 0:
		words = []string{ev.first, ev.surname, "said", "the", n0, "in", ev.place, "would", pick(r, verbsBase), fig, n1 + "."}
	case 1:
		words = []string{ev.surname + ",", "the", pick(r, roles), "of", "the", ev.place, ev.inst + ",", pick(r, verbsPast), "the", n0 + "."}
	case 2:
		words = []string{"About", fig, n1, "were", pick(r, verbsPast), "in", ev.place + ",", ev.surname, "said."}
	case 3:
		words = []string{"The", n0, pick(r, verbsPast), "after", ev.surname, pick(r, verbsPast), "the", n1, pick(r, prepositions), ev.place + "."}
	case 4:
		words = []string{"“The", n0, "is", pick(r, adjs) + ",”", "said", ev.surname + "."}
	case 5:
		words = []string{pick(r, officials), "in", ev.place, pick(r, verbsPast), "the", n0, pick(r, prepositions), fig, n1 + "."}
	default:
		words = []string{"The", ev.inst, "said", ev.surname, "had", pick(r, verbsPast), "the", n0, pick(r, prepositions), ev.place + "."}
	}
	for _, w := range words {
		b = appendWord(b, w, false)
	}
	return b
}

// eventBody appends a version of an event: a dateline naming its outlet,
// then paragraphs of prose, most opened or closed by a sentence of the
// event's facts.
func (g *textGen) eventBody(b []byte, s *story, ev *eventPlan) []byte {
	r := g.r
	t := time.Unix(s.pub, 0).UTC()
	b = append(b, strings.ToUpper(ev.place)...)
	b = append(b, ", "...)
	b = append(b, months[t.Month()-1]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(t.Day()), 10)
	b = append(b, " ("...)
	b = append(b, outlets[s.source].name...)
	b = append(b, ") -"...)
	b = g.eventSentence(b, ev)
	np := 3 + r.IntN(5)
	for i := range np {
		b = append(b, '\n')
		if r.IntN(3) > 0 {
			b = g.eventSentence(b, ev)
		}
		b = g.paragraph(b, 30+r.IntN(60))
		if i == np-1 || r.IntN(4) == 0 {
			b = g.eventSentence(b, ev)
		}
	}
	return b
}

// distraction appends a paragraph to an unrelated story that names an
// event's person, with another first name, and now and then its place.
func (g *textGen) distraction(b []byte, ev *eventPlan) []byte {
	r := g.r
	b = append(b, '\n')
	b = g.paragraph(b, 12+r.IntN(20))
	words := []string{pick(r, firstNames), ev.surname, "also", pick(r, verbsPast), "the", pick(r, nouns)}
	if r.IntN(3) == 0 {
		words = append(words, "in", ev.place+".")
	} else {
		words[len(words)-1] += "."
	}
	for _, w := range words {
		b = appendWord(b, w, false)
	}
	return b
}
