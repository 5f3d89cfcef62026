package loader

import (
	"strings"
	"time"

	"tidings/model"
)

// finish settles what needs the whole page: live-blog entries, the save
// time, publication estimates and ids.
func (p *page) finish(d *model.Dump, hints SaveHints) {
	all := p.related
	if p.main != nil {
		all = append([]*rawStory{p.main}, p.related...)
	}
	for _, s := range all {
		s.parsedAge = parseAge(s.age)
		if body := strings.Join(s.body, " "); strings.IndexByte(body, ':') >= 0 {
			s.entries = stripEntryFurniture(splitLiveBlog(body), p.rec(s))
		}
	}
	var dayOnly bool
	d.SavedAt, d.SavedAtEstimate, d.Day, dayOnly = p.saveTime(hints)
	if p.main != nil {
		d.Main = p.story(p.main, d.SavedAt, dayOnly)
		if d.Main.PublishedAt.IsZero() {
			at := p.datelineTime(d.SavedAt)
			d.Main.PublishedAt = model.MomentOf(at)
			d.Main.PublishedPrecision = precisionIf(at, model.PrecisionDay)
		}
	}
	d.Related = make([]*model.Story, 0, len(p.related))
	for _, s := range p.related {
		d.Related = append(d.Related, p.story(s, d.SavedAt, dayOnly))
	}
}

// story settles one story's id and publication estimate, as precise as
// the page says and no more. An age is as precise as its unit: "6 days
// ago" gives the day even when the save is known to the second, "3 hours
// ago" the hour. When only the day of the save is known (dayOnly), no age
// gives more than a day: "9 minutes ago" on a page saved some time on 3
// March was published on 3 March, not at 11:51. A day is written as
// midnight UTC, as dates and datelines are; a month as its first day.
func (p *page) story(s *rawStory, saved time.Time, dayOnly bool) *model.Story {
	st := &model.Story{
		Headline: s.headline,
		Text:     &model.StoryText{Paragraphs: s.body, Entries: s.entries, Removed: s.removed},
	}
	st.SetSource(s.source)
	st.SetAge(s.age)
	var at time.Time
	switch {
	case s.listed != nil:
		at = s.listed.at(saved)
		st.PublishedPrecision = model.PrecisionDay
		if s.listed.clock {
			st.PublishedPrecision = model.PrecisionMinute
		}
	case len(s.entries) > 0 && !newestEntry(s.entries).IsZero():
		// A live blog is as recent as its latest entry, not its first.
		at = newestEntry(s.entries)
		st.PublishedPrecision = model.PrecisionMinute
	case s.parsedAge.kind == ageRelative && !saved.IsZero():
		prec := s.parsedAge.unit
		if dayOnly {
			prec = prec.Coarser(model.PrecisionDay)
		}
		at = prec.Coarsen(s.parsedAge.before(saved))
		st.PublishedPrecision = prec
	case s.parsedAge.kind == ageDate:
		at = s.parsedAge.date
		st.PublishedPrecision = model.PrecisionDay
	}
	st.PublishedAt = model.MomentOf(at)
	st.PublishedPrecision = precisionIf(at, st.PublishedPrecision)
	first := ""
	if len(s.body) > 0 {
		first = s.body[0]
	}
	st.ID = model.StoryID(s.headline, s.source, first)
	return st
}

// saveTime decides when the page was saved, which the file does not say.
// A YYYY-MM-DD folder names the day; within it, the file's modification time
// is exact when it falls on that day (the file was not copied later), else
// live-blog timestamps plus their ages point at the hour, else noon stands for
// the day and dayOnly is true: no clock time is known. Without a dated folder
// the modification time is all there is.
func (p *page) saveTime(h SaveHints) (saved time.Time, estimate bool, day string, dayOnly bool) {
	loc := h.Location
	if loc == nil {
		loc = time.Local
	}
	if h.FolderDate.IsZero() {
		if h.ModTime.IsZero() {
			if t, ok := p.liveBlogSaveTime(); ok {
				return t, true, t.Format(time.DateOnly), false
			}
			return time.Time{}, true, "", false
		}
		t := h.ModTime.In(loc)
		return t, false, t.Format(time.DateOnly), false
	}
	day = h.FolderDate.Format(time.DateOnly)
	if !h.ModTime.IsZero() && h.ModTime.In(loc).Format(time.DateOnly) == day {
		return h.ModTime.In(loc), false, day, false
	}
	if t, ok := p.liveBlogSaveTime(); ok && t.Format(time.DateOnly) == day {
		return t, true, day, false
	}
	y, m, dd := h.FolderDate.Date()
	return time.Date(y, m, dd, 12, 0, 0, 0, time.UTC), true, day, true
}

// precisionIf is p for a time that is known, PrecisionUnknown for none.
func precisionIf(t time.Time, p model.Precision) model.Precision {
	if t.IsZero() {
		return model.PrecisionUnknown
	}
	return p
}

// liveBlogSaveTime infers the save time from the live blogs on the page. The
// age the aggregator gives a live blog counts from its first entry (the
// samples' pages agree only that way), so a related live blog's first entry
// was "age" before the save; when several say so, the latest reading wins,
// since the page was saved after all of them. No entry of any story on the
// page can be later than the save either. (The story itself is dated by its
// latest entry: see story.)
func (p *page) liveBlogSaveTime() (time.Time, bool) {
	var best, floor time.Time
	all := p.related
	if p.main != nil {
		all = append([]*rawStory{p.main}, all...)
	}
	for _, s := range all {
		if latest := newestEntry(s.entries); latest.After(floor) {
			floor = latest
		}
		if s.parsedAge.kind != ageRelative || s.parsedAge.months > 0 {
			continue
		}
		if first := oldestEntry(s.entries); !first.IsZero() {
			if t := first.Add(s.parsedAge.ago); t.After(best) {
				best = t
			}
		}
	}
	if floor.After(best) {
		best = floor
	}
	return best, !best.IsZero()
}

func oldestEntry(entries []model.Entry) time.Time {
	var oldest time.Time
	for _, e := range entries {
		if !e.Time.IsZero() && (oldest.IsZero() || e.Time.Before(oldest)) {
			oldest = e.Time
		}
	}
	return oldest
}

func newestEntry(entries []model.Entry) time.Time {
	var newest time.Time
	for _, e := range entries {
		if e.Time.After(newest) {
			newest = e.Time
		}
	}
	return newest
}
