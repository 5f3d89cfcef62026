package dumpgen

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"
)

// The plan fixes, sequentially and from one random stream, everything that
// ties files together: which stories exist, their headlines (checked to be
// distinct), when they were published and which files show them. Workers
// then render files independently, each from its own seed.

type story struct {
	headline string
	pub      int64 // unix seconds, UTC
	weight   float64
	source   uint16
	topic    uint16
	live     bool
	pooled   bool  // may appear on several pages, so worth caching
	event    int32 // a version of planted event event-1; 0 for none
	distract int32 // names the person of planted event distract-1; 0 for none
}

type dayPlan struct {
	name  string // YYYY-MM-DD
	start int64  // midnight UTC
	first int    // index of the day's first file
	n     int
	width int     // digits of the sequence number
	pool  []int32 // story ids sorted by publication time
	pubs  []int64 // pubs[i] = stories[pool[i]].pub, for binary search
	cum   []float64
}

const (
	layoutArticle uint8 = iota
	layoutLogo
	layoutListing
)

type filePlan struct {
	save   int64
	main   int32 // -1 for listings
	relOff int32
	relLen int16
	tag    int16 // topic of a listing page
	day    int32
	seq    int32
	layout uint8
	trunc  bool // saved before the page chrome: main story only
}

type plan struct {
	stories  []story
	days     []dayPlan
	files    []filePlan
	rel      []int32
	distinct int
	events   []eventPlan
	// siteLines ends stories with their sites' lines and wire paragraphs
	// (see sitelines.go).
	siteLines bool
}

// relCountWeights is the distribution of related articles per page (0..10):
// mostly 4 to 8.
var relCountWeights = [...]int{2, 2, 3, 5, 12, 17, 19, 17, 13, 6, 4}

var firstDay = time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC)

// splitmix64 turns (seed, salt, index) into well-spread PCG seeds, so nearby
// file indices and seeds do not give correlated streams.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func mix(seed int64, salt uint64) uint64 { return splitmix64(uint64(seed) ^ splitmix64(salt)) }

func dayCount(opts Options) int {
	days := opts.Days
	if days <= 0 {
		days = max(1, (opts.N+2999)/3000)
	}
	return min(days, max(1, opts.N))
}

type planner struct {
	p     *plan
	r     *rand.Rand
	g     textGen
	heads map[string]struct{} // headlines in use
	gen   map[string]struct{} // source+generic headline pairs in use
	buf   []byte
}

func makePlan(opts Options) *plan {
	r := rand.New(rand.NewPCG(mix(opts.Seed, 1), mix(opts.Seed, 2)))
	pl := &planner{
		p:     &plan{},
		r:     r,
		g:     textGen{r: r},
		heads: make(map[string]struct{}, opts.N+opts.N/2),
		gen:   map[string]struct{}{},
	}
	p := pl.p
	p.siteLines = opts.SiteLines
	nd := dayCount(opts)
	p.days = make([]dayPlan, nd)
	p.files = make([]filePlan, 0, opts.N)
	p.rel = make([]int32, 0, opts.N*6)

	// Real days differ in size; spread N over the days with mild variation,
	// at least one file a day.
	wsum := 0.0
	ws := make([]float64, nd)
	for d := range ws {
		ws[d] = 0.75 + 0.5*r.Float64()
		wsum += ws[d]
	}
	acc, prev := 0.0, 0
	for d := range p.days {
		acc += ws[d]
		end := int(math.Round(acc / wsum * float64(opts.N)))
		end = max(end, prev+1)
		end = min(end, opts.N-(nd-1-d))
		if d == nd-1 {
			end = opts.N
		}
		day := &p.days[d]
		t := firstDay.AddDate(0, 0, d)
		day.name = t.Format("2006-01-02")
		day.start = t.Unix()
		day.first, day.n = prev, end-prev
		day.width = max(3, len(itoa(day.n-1)))
		prev = end
	}

	var prevPool []int32
	for d := range p.days {
		day := &p.days[d]
		pl.fillPool(day, prevPool)
		prevPool = day.pool
		pl.planFiles(d)
	}
	if opts.Events > 0 {
		pl.plantEvents(opts)
	}

	seen := make([]bool, len(p.stories))
	mark := func(id int32) {
		if id >= 0 && !seen[id] {
			seen[id] = true
			p.distinct++
		}
	}
	for i := range p.files {
		mark(p.files[i].main)
	}
	for _, id := range p.rel {
		mark(id)
	}
	return p
}

func itoa(n int) string {
	if n <= 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

func (pl *planner) pickOutlet() uint16 {
	u := pl.r.Float64() * outletCum[len(outletCum)-1]
	i := sort.SearchFloat64s(outletCum, u)
	return uint16(min(i, len(outlets)-1))
}

// newStory adds a story with a headline no other story uses, except for a
// few deliberately generic ones ("Live updates") that only the source
// tells apart.
func (pl *planner) newStory(pub int64, live bool) int32 {
	r := pl.r
	s := story{pub: pub, live: live, source: pl.pickOutlet(), topic: uint16(r.IntN(len(topics)))}
	// Pareto popularity (alpha 1.3, capped): most stories are shown a few
	// times, a few on hundreds of pages.
	s.weight = min(60, math.Pow(1-r.Float64(), -1/1.3))

	generic := (live && r.IntN(8) == 0) || (!live && r.IntN(400) == 0)
	if generic {
		var h string
		if live {
			h = genericHeads[r.IntN(2)]
		} else {
			h = genericHeads[2+r.IntN(len(genericHeads)-2)]
		}
		key := outlets[s.source].name + "\x00" + h
		if _, dup := pl.gen[key]; !dup {
			pl.gen[key] = struct{}{}
			s.headline = h
		}
	}
	for s.headline == "" {
		b := pl.buf[:0]
		if live && r.IntN(3) == 0 {
			b = append(b, "Live:"...)
			b = pl.g.headline(b)
		} else {
			b = pl.g.headline(b)
			if live {
				b = append(b, liveSuffixes[r.IntN(len(liveSuffixes))]...)
			}
		}
		pl.buf = b
		if _, dup := pl.heads[string(b)]; !dup {
			s.headline = string(b)
			pl.heads[s.headline] = struct{}{}
		}
	}
	pl.p.stories = append(pl.p.stories, s)
	return int32(len(pl.p.stories) - 1)
}

// fillPool builds the stories a day's pages link to: the day's news
// (published from the previous evening on), popular stories carried over
// from the day before, and a few old ones.
func (pl *planner) fillPool(day *dayPlan, prev []int32) {
	r := pl.r
	p := pl.p
	m := day.n*35/100 + 20
	pool := make([]int32, 0, m+m/10)
	for _, id := range prev {
		s := &p.stories[id]
		if r.Float64() < 0.4*min(1, s.weight/40) {
			s.weight /= 3
			pool = append(pool, id)
		}
	}
	for i := 0; i < 1+m/150; i++ {
		age := math.Exp(math.Log(2) + r.Float64()*(math.Log(500)-math.Log(2)))
		id := pl.newStory(day.start-int64(age*86400), false)
		p.stories[id].weight = 0.3 + 1.2*r.Float64()
		pool = append(pool, id)
	}
	for i := 0; i < m; i++ {
		pub := day.start - 6*3600 + r.Int64N(29*3600+30*60)
		// slightly over 3%: carried and old stories are never live blogs
		pool = append(pool, pl.newStory(pub, r.IntN(1000) < 33))
	}
	slices.SortFunc(pool, func(a, b int32) int {
		if c := cmp.Compare(p.stories[a].pub, p.stories[b].pub); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	day.pool = pool
	day.pubs = make([]int64, len(pool))
	day.cum = make([]float64, len(pool))
	total := 0.0
	for i, id := range pool {
		s := &p.stories[id]
		s.pooled = true
		day.pubs[i] = s.pub
		total += s.weight
		day.cum[i] = total
	}
}

// weighted picks a pool index among the first k (those published before the
// page was saved), favouring popular stories.
func (pl *planner) weighted(day *dayPlan, k int) int {
	u := pl.r.Float64() * day.cum[k-1]
	return min(sort.SearchFloat64s(day.cum[:k], u), k-1)
}

func (pl *planner) planFiles(d int) {
	r := pl.r
	p := pl.p
	day := &p.days[d]
	saves := make([]int64, day.n)
	for j := range saves {
		// pages are saved between 05:00 and 23:45 UTC
		saves[j] = day.start + 5*3600 + r.Int64N(18*3600+45*60)
	}
	slices.Sort(saves)
	relTotal := 0
	for _, w := range relCountWeights {
		relTotal += w
	}
	for j, save := range saves {
		f := filePlan{save: save, main: -1, day: int32(d), seq: int32(j), relOff: int32(len(p.rel))}
		switch u := r.IntN(100); {
		case u < 70:
			f.layout = layoutArticle
		case u < 95:
			f.layout = layoutLogo
		default:
			f.layout = layoutListing
		}
		k := sort.Search(len(day.pubs), func(i int) bool { return day.pubs[i] >= save })
		picked := func(id int32) bool {
			if id == f.main {
				return true
			}
			return slices.Contains(p.rel[f.relOff:], id)
		}

		if f.layout == layoutListing {
			f.tag = int16(r.IntN(len(topics)))
			if k > 0 {
				f.tag = int16(p.stories[day.pool[pl.weighted(day, k)]].topic)
			}
			want := 6 + r.IntN(9)
			// stories tagged with the hashtag first, newest first, then
			// popular ones to fill the page
			for i := k - 1; i >= 0 && len(p.rel)-int(f.relOff) < want; i-- {
				if id := day.pool[i]; p.stories[id].topic == uint16(f.tag) && r.IntN(2) == 0 {
					p.rel = append(p.rel, id)
				}
			}
			for tries := 0; k > 0 && tries < want*8 && len(p.rel)-int(f.relOff) < want; tries++ {
				if id := day.pool[pl.weighted(day, k)]; !picked(id) {
					p.rel = append(p.rel, id)
				}
			}
			f.relLen = int16(len(p.rel) - int(f.relOff))
			p.files = append(p.files, f)
			continue
		}

		if r.IntN(100) < 18 && k > 0 {
			// A story from the pool: it is the main story here and a related
			// article elsewhere.
			for tries := 0; tries < 20; tries++ {
				if id := day.pool[r.IntN(k)]; !p.stories[id].live {
					f.main = id
					break
				}
			}
		}
		if f.main < 0 {
			ago := 60 + int64(min(2*86400, r.ExpFloat64()*2.5*3600))
			f.main = pl.newStory(save-ago, false)
		}
		f.trunc = r.IntN(100) == 0
		if !f.trunc && k > 0 {
			u := r.IntN(relTotal)
			want := 0
			for u >= relCountWeights[want] {
				u -= relCountWeights[want]
				want++
			}
			for tries := 0; tries < want*8 && len(p.rel)-int(f.relOff) < want; tries++ {
				if id := day.pool[pl.weighted(day, k)]; !picked(id) {
					p.rel = append(p.rel, id)
				}
			}
		}
		f.relLen = int16(len(p.rel) - int(f.relOff))
		p.files = append(p.files, f)
	}
}
