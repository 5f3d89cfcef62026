// Package loader turns files and folders of dumps into parsed dumps: it finds
// the files, detects each one's layout, parses them in parallel and hands the
// results back in a deterministic order, with progress along the way.
package loader

import (
	"context"
	"errors"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"tidings/model"
)

// Result is one file's outcome: a dump, or the reason it was not loaded.
// The file is named as the walk found it, with its stamp then.
type Result struct {
	model.FileRef
	Dump *model.Dump
	Err  error
}

// Changes are the results as changes to a library: the dumps to add, the
// files to list as skipped.
func Changes(results []Result) model.Changes {
	var c model.Changes
	for _, r := range results {
		if r.Err != nil {
			c.Skipped = append(c.Skipped, model.Skipped{FileRef: r.FileRef, Reason: r.Err.Error()})
		} else {
			c.Pages = append(c.Pages, r.Dump)
		}
	}
	return c
}

// AddTo adds the results to a library, as a load adds them, in walk order.
func AddTo(lib *model.Library, results []Result) {
	for _, r := range results {
		if r.Err != nil {
			lib.Skip(model.Skipped{FileRef: r.FileRef, Reason: r.Err.Error()})
		} else {
			lib.Add(r.Dump)
		}
	}
}

// Progress counts what has been done so far. Found grows while the walk
// runs; WalkDone says it has stopped growing.
type Progress struct {
	Found, Done int
	Bytes       int64
	WalkDone    bool
}

// Options tune a load. The zero value is usable.
type Options struct {
	Workers  int            // parsing goroutines; 0 means one per core
	Location *time.Location // for save days from modification times; nil is local
	// BatchSize and BatchDelay bound how many results are handed over at
	// once and how long a ready result may wait for its batch.
	BatchSize  int
	BatchDelay time.Duration
	// ListOnly says the caller lists stories and no more: a start from the
	// cache reads neither links nor the filter index nor the similar-
	// stories model, and the result is not to be written back.
	ListOnly bool
	// Explain records in each story what was cut from its text as site
	// furniture (Story.Removed), for `inspect`.
	Explain bool
}

// Source is what to load: paths on disk, or a file system such as the
// samples embedded in the binary.
type Source struct {
	Paths []string
	FS    fs.FS
	Root  string // within FS
}

// Load walks the source and parses every file on all cores. Results reach
// emit in walk order, in batches, from a single goroutine, together with the
// progress so far; emit may keep the batch. Load returns when all files are
// done or ctx is cancelled.
func Load(ctx context.Context, src Source, opts Options, emit func([]Result, Progress)) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = 256
	}
	delay := opts.BatchDelay
	if delay <= 0 {
		delay = 50 * time.Millisecond
	}

	type done struct {
		index int
		res   Result
		size  int64
	}
	// The walk runs ahead of the parsing, unthrottled, into a queue: it is
	// cheap next to reading and parsing, and finishing it early gives the
	// progress bar its total.
	q := &walkQueue{}
	q.cond = sync.NewCond(&q.mu)
	results := make(chan done, 4*workers)

	go func() {
		defer q.finish()
		if src.FS != nil {
			root := src.Root
			if root == "" {
				root = "."
			}
			walkFS(src.FS, root, q.push)
		} else {
			walkOS(src.Paths, q.push)
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, f, ok := q.next()
				if !ok || ctx.Err() != nil {
					return
				}
				results <- done{i, loadFileWith(f, opts.Location, opts.Explain), f.ref.Size}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// Reorder: results arrive as workers finish; they leave in walk order.
	pending := map[int]done{}
	next := 0
	var prog Progress
	batch := make([]Result, 0, batchSize)
	threshold := min(batchSize, 32)
	lastFlush := time.Now()
	flush := func(final bool) {
		prog.Found, prog.WalkDone = q.progress()
		if final {
			prog.WalkDone = true
		}
		if len(batch) > 0 || final {
			emit(batch, prog)
			batch = make([]Result, 0, batchSize)
		}
		lastFlush = time.Now()
	}
	for d := range results {
		pending[d.index] = d
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			prog.Done++
			prog.Bytes += r.size
			batch = append(batch, r.res)
		}
		// The first batch is small: it is what puts the first stories on
		// the screen.
		if len(batch) >= threshold || (len(batch) > 0 && time.Since(lastFlush) >= delay) {
			flush(false)
			threshold = batchSize
		}
	}
	flush(true)
}

func loadFile(f file, loc *time.Location) Result { return loadFileWith(f, loc, false) }

func loadFileWith(f file, loc *time.Location, explain bool) Result {
	res := Result{FileRef: f.ref}
	if f.skipErr != nil {
		res.Err = f.skipErr
		if errors.Is(f.skipErr, errFileTooLarge) {
			// An mbox may be any size: it is streamed.
			f.hints.Location = loc
			if d, ok, err := parseLargeMbox(f.ref.Path, f.hints); ok {
				res.Dump, res.Err = d, err
				if d != nil {
					d.FileRef = f.ref
				}
			}
		}
		return res
	}
	data, err := f.data()
	if err != nil {
		res.Err = describeOpenError(err)
		return res
	}
	f.hints.Location = loc
	res.Dump, res.Err = parseSafely(f.ref.Path, data, f.hints, explain)
	if res.Dump != nil {
		res.Dump.FileRef = f.ref
	}
	return res
}

// LoadFiles parses the files named, as the walk named them, on all cores,
// and returns the results in walk order: for the files a change reports.
func LoadFiles(ctx context.Context, refs []model.FileRef, opts Options) []Result {
	files := make([]file, len(refs))
	for i, ref := range refs {
		files[i] = fileAt(ref)
	}
	slices.SortStableFunc(files, func(a, b file) int { return model.CompareOrders(&a.ref, &b.ref) })
	out := make([]Result, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(files))) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files) && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				out[i] = loadFileWith(files[i], opts.Location, opts.Explain)
			}
		})
	}
	wg.Wait()
	return out
}

// fileAt stats a file the walk named, for reading it now.
func fileAt(ref model.FileRef) file {
	ref, info, err := statRef(ref)
	if err != nil {
		return file{ref: ref, skipErr: describeOpenError(err)}
	}
	return osFile(ref, info, folderDate(ref.Path))
}

// LoadAll is Load for callers that want everything at once: the results in
// walk order.
func LoadAll(ctx context.Context, src Source, opts Options) []Result {
	var all []Result
	Load(ctx, src, opts, func(batch []Result, _ Progress) { all = append(all, batch...) })
	return all
}

// walkQueue holds the files found by the walk until a worker takes them.
// The files taken are let go of a half of the queue at a time: the walk
// runs ahead, and an array of every file found, even emptied, held some
// 200 bytes a file (60 MB at 300,000 files) to the end of a cold load,
// its peak.
type walkQueue struct {
	mu       sync.Mutex
	cond     *sync.Cond
	files    []file // from the file numbered base on
	base     int
	taken    int
	finished bool
}

func (q *walkQueue) push(f file) {
	q.mu.Lock()
	q.files = append(q.files, f)
	q.mu.Unlock()
	q.cond.Signal()
}

func (q *walkQueue) finish() {
	q.mu.Lock()
	q.finished = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

// next hands out the next file and its index in walk order; ok is false
// once the walk is over and every file was taken.
func (q *walkQueue) next() (int, file, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.taken >= q.base+len(q.files) && !q.finished {
		q.cond.Wait()
	}
	if q.taken >= q.base+len(q.files) {
		return 0, file{}, false
	}
	i := q.taken
	f := q.files[i-q.base]
	q.files[i-q.base] = file{} // let the closure go once taken
	q.taken++
	if k := q.taken - q.base; k >= 1024 && 2*k >= len(q.files) {
		q.files = append([]file(nil), q.files[k:]...)
		q.base = q.taken
	}
	return i, f, true
}

func (q *walkQueue) progress() (found int, finished bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.base + len(q.files), q.finished
}
