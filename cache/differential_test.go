package cache

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tidings/index"
	"tidings/internal/dumpgen"
	"tidings/loader"
	"tidings/model"
	"tidings/similar"
)

// TestWarmEqualsColdDifferential changes an archive at random, step after
// step, and after each step asks every way tidings has of knowing it (a
// command's warm start from the cache, opened by another form of the same
// path; the reader's start, which opens the cache as it is and checks the
// files after; the reader's library, which takes in changes as the
// watcher and r bring them and writes the cache now and then) for every answer a user
// sees: the list, filter queries, each story's links, and its top three
// similar stories. Each answer must equal a cold load of the files as
// they are now.
//
// The steps: add a dump, remove one, change one, rename one, rewrite one
// with the same size and modification time, add a file that is not a
// dump, open by another path form, the reader and the commands taking
// turns writing the cache, a writer killed mid-write (a torn temporary
// file, and a torn cache file). CI runs a few dozen steps; set
// TIDINGS_DIFF_STEPS for a long run (and TIDINGS_DIFF_SEED for another
// sequence).
func TestWarmEqualsColdDifferential(t *testing.T) {
	steps, seed := 30, uint64(1)
	if raceDetector {
		steps = 8
	}
	if n, err := strconv.Atoi(os.Getenv("TIDINGS_DIFF_STEPS")); err == nil && n > 0 {
		steps = n
	}
	if s, err := strconv.ParseUint(os.Getenv("TIDINGS_DIFF_SEED"), 10, 64); err == nil {
		seed = s
	}
	r := rand.New(rand.NewPCG(seed, 17))
	// Stories end with their sites' lines, so that the site lines learned
	// change as pages come and go.
	dir := filepath.Join(t.TempDir(), "dumps")
	if _, err := dumpgen.Generate(dir, dumpgen.Options{N: 240, Seed: 7, Days: 4, Events: 12, SiteLines: true}); err != nil {
		t.Fatal(err)
	}
	forms := pathForms(t, dir)
	store := Cache{Dir: t.TempDir()}
	queries := append(slices.Clone(cacheQueries), "harbour pilots", "keeper", "-council harbour", `"the council"`)

	// The reader: loaded cold once, then kept up to date by rescans.
	reader := loadCold(t, dir)
	if reader.lib.SiteLines().Len() == 0 {
		t.Fatal("the corpus teaches no site lines")
	}
	if err := store.Write([]string{dir}, nil, reader.lib, reader.ix, reader.sim); err != nil {
		t.Fatal(err)
	}
	files := func() []string {
		var out []string
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				out = append(out, p)
			}
			return nil
		})
		slices.Sort(out)
		return out
	}
	pick := func() string { f := files(); return f[r.IntN(len(f))] }
	counts := map[string]int{}
	for step := range steps {
		what := changeAtRandom(t, r, dir, pick, files)
		counts[what]++
		cold := loadCold(t, dir)
		want := answers(t, cold.lib, cold.ix, cold.sim, queries)

		// The reader takes the change in, as r (or the watcher) does.
		c, err := loader.Rescan(context.Background(), reader.lib, []string{dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := reader.lib.Apply(c); !d.Empty() {
			reader.ix = reader.ix.Update(len(reader.lib.Articles), index.PendingOf(reader.lib, d.Touched))
			reader.sim = similar.TextsOf(reader.lib).Build()
		}
		if got := answers(t, reader.lib, reader.ix, reader.sim, queries); got != want {
			t.Fatalf("step %d (%s), seed %d: the reader differs from a cold load:\n%s", step, what, seed, firstDifference(got, want))
		}

		// A writer: the reader, or a command, or one killed mid-write.
		switch r.IntN(4) {
		case 0:
			if err := store.Write([]string{dir}, nil, reader.lib, reader.ix, reader.sim); err != nil {
				t.Fatal(err)
			}
			counts["the reader wrote the cache"]++
		case 1:
			tornWrite(t, store, r)
			counts["a writer was killed"]++
		}

		// A command, opened by some form of the path, from the cache.
		form := forms[r.IntN(len(forms))]
		// What list, list --query and related ask of the cache.
		parts := []Parts{0, Index, All}[r.IntN(3)]
		var w *Warm
		if parts == All && r.IntN(2) == 0 {
			// The reader's start: the snapshot as it is first, then the
			// check of the files, whose changes are applied as a change.
			if w, err = store.Open([]string{form}, nil, All); err == nil {
				w.Changes, err = w.Check(context.Background(), []string{form})
				counts["the reader opened the cache, then checked"]++
			}
		} else {
			w, err = store.Load(context.Background(), []string{form}, nil, parts)
		}
		if err != nil {
			counts["the cache was not usable: cold"]++
			continue // a torn cache: the command loads cold, which is the answer
		}
		w.Settle()
		wantNow := want
		if parts != All {
			ix := cold.ix
			if parts&Index == 0 {
				ix = nil
			}
			wantNow = answers(t, cold.lib, ix, nil, queries)
		}
		if got := answers(t, w.Library, w.Index, w.Similarity, queries); got != wantNow {
			t.Fatalf("step %d (%s), seed %d, opened as %q with parts %b: a warm start differs from a cold load:\n%s", step, what, seed, form, parts, firstDifference(got, wantNow))
		}
		if parts == All && r.IntN(2) == 0 {
			if err := store.Write([]string{form}, nil, w.Library, w.Index, w.Similarity); err != nil {
				t.Fatal(err)
			}
			counts["a command wrote the cache"]++
		}
		w.Similarity.Close()
	}
	t.Logf("%d steps, seed %d: %v", steps, seed, counts)
}

// pathForms are ways of naming the same folder: as given, relative to
// the working folder, with a trailing slash, through a day folder and
// back, and through a symbolic link.
func pathForms(t *testing.T, dir string) []string {
	t.Helper()
	forms := []string{dir, dir + "/"}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, dir); err == nil {
			forms = append(forms, rel)
		}
	}
	days, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(days) > 0 {
		forms = append(forms, days[0]+"/..")
	}
	link := filepath.Join(t.TempDir(), "clips")
	if err := os.Symlink(dir, link); err == nil {
		forms = append(forms, link)
	}
	return forms
}

// changeAtRandom makes one change to the archive and says which.
func changeAtRandom(t *testing.T, r *rand.Rand, dir string, pick func() string, files func() []string) string {
	t.Helper()
	dumps := func() []string {
		return slices.DeleteFunc(files(), func(p string) bool { return !strings.HasSuffix(p, ".txt") })
	}
	anyDump := func() string { d := dumps(); return d[r.IntN(len(d))] }
	headlines := []string{"Harbour pilots vote for a quieter night schedule", "Council names a keeper for the old lighthouse",
		"Ferry crews back the new winter timetable", "Quay market reopens after the storm"}
	switch r.IntN(7) {
	case 0: // a new dump, in a day folder old or new
		from := anyDump()
		day := filepath.Base(filepath.Dir(from))
		if r.IntN(3) == 0 {
			day = fmt.Sprintf("2031-01-%02d", 1+r.IntN(3))
		}
		to := filepath.Join(dir, day, fmt.Sprintf("new-%d.txt", r.Int()))
		writeFile(t, to, withHeadline(t, from, headlines[r.IntN(len(headlines))]+fmt.Sprintf(" %d", r.IntN(5))))
		return "added"
	case 1:
		if len(dumps()) > 10 {
			if err := os.Remove(anyDump()); err != nil {
				t.Fatal(err)
			}
			return "removed"
		}
		return "nothing"
	case 2: // changed: a new headline (a story leaves, another comes)
		p := anyDump()
		writeFile(t, p, withHeadline(t, p, headlines[r.IntN(len(headlines))]))
		return "changed"
	case 3: // renamed, to another day perhaps
		p := anyDump()
		to := filepath.Join(dir, filepath.Base(filepath.Dir(anyDump())), fmt.Sprintf("renamed-%d.txt", r.Int()))
		if err := os.Rename(p, to); err != nil {
			t.Fatal(err)
		}
		return "renamed"
	case 4: // rewritten with the same size and modification time
		p := anyDump()
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(p)
		text := string(data)
		i := strings.IndexAny(text, "aeiou")
		if i < 0 {
			return "nothing"
		}
		swap := map[byte]byte{'a': 'o', 'e': 'a', 'i': 'e', 'o': 'i', 'u': 'a'}
		text = text[:i] + string(swap[text[i]]) + text[i+1:]
		writeFile(t, p, text)
		if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err)
		}
		return "same size and time"
	case 5:
		writeFile(t, filepath.Join(filepath.Dir(pick()), fmt.Sprintf("notes-%d.md", r.Int())), "# notes\n\n- not a dump\n")
		return "not a dump"
	default: // a dump changed into one that is not
		p := anyDump()
		writeFile(t, p, "# notes\n\n- no longer a dump\n")
		return "became not a dump"
	}
}

// withHeadline is a dump's text with its first line replaced.
func withHeadline(t *testing.T, path, headline string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(data), "\n")
	return headline + "\n" + rest
}

// tornWrite leaves what a writer killed mid-write leaves: a temporary file
// cut short, or (on a file system that does not rename atomically) the
// cache itself cut short.
func tornWrite(t *testing.T, store Cache, r *rand.Rand) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(store.Dir, "*"+suffix))
	if len(names) == 0 {
		return
	}
	data, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	torn := data[:r.IntN(len(data))]
	if r.IntN(2) == 0 {
		writeFile(t, names[0]+".killed"+suffix+".tmp", string(torn))
		return
	}
	writeFile(t, names[0], string(torn))
}

// answers is what a user sees of a library, by story id, in an order that
// does not depend on how the articles are numbered: the list (days and
// their stories with what rows and the pane show, text included), each
// story's links and its top three similar stories (with sim, as related
// shows them), and what some queries find (with ix).
func answers(t testing.TB, lib *model.Library, ix *index.Index, sim *similar.Similarity, queries []string) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "site lines %q\n", lib.SiteLines().Lines())
	for _, d := range lib.Days() {
		fmt.Fprintf(&b, "day %q\n", d.Date)
		for _, a := range d.Articles {
			src := lib.BodyOf(a)
			body, err := src.Read()
			_, hidden := src.WithoutSiteLines(body)
			fmt.Fprintf(&b, "%s|%s|%s|%s|%v %v|%v|%v|%d pages|%q|%v|hidden %q\n", a.ID, a.Headline, a.Source(), a.Age(),
				a.PublishedAt.Time().UTC(), a.PublishedPrecision, a.SavedAt.Time().UTC(), a.SavedAtEstimate, len(a.Pages()), body.Paragraphs, err, hidden)
			if sim == nil {
				continue // a command that lists reads no links
			}
			for _, l := range a.Links() {
				fmt.Fprintf(&b, "  linked %s %s %s\n", l.To.ID, l.How, lib.TagOf(l))
			}
			if sim != nil {
				for _, s := range sim.ForText(a, body, 3) {
					fmt.Fprintf(&b, "  similar %s\n", s.To.ID)
				}
			}
		}
	}
	for _, w := range lib.Warnings {
		fmt.Fprintf(&b, "warning %s\n", w.Reason)
	}
	for _, q := range queries {
		if ix == nil {
			break
		}
		parsed := index.ParseQuery(q, time.Date(2031, 1, 5, 0, 0, 0, 0, time.UTC))
		parsed.Text = func(a *model.Article) (model.Body, error) { return lib.BodyOf(a).Read() }
		m := ix.Find(lib.Articles, &parsed)
		var ids []string
		for _, d := range lib.Days() {
			for _, a := range d.Articles {
				if m == nil || m.Set.Has(int(a.Index)) {
					ids = append(ids, a.ID)
				}
			}
		}
		slices.Sort(ids)
		fmt.Fprintf(&b, "query %q: %v\n", q, ids)
	}
	return b.String()
}
