package loader

import (
	"context"
	"iter"
	"slices"
	"time"

	"tidings/model"
)

// ChangesSince compares what a walk found with the files a library was
// made of, and reads what changed: files whose stamps differ (or that
// racy says cannot be trusted, see cache), and new ones, are parsed;
// files the walk no longer finds are removed. The library is only read.
func ChangesSince(ctx context.Context, lib *model.Library, walked iter.Seq[Found], racy func(model.Stamp) bool, loc *time.Location) (model.Changes, error) {
	var c model.Changes
	var toParse []model.FileRef
	walk := lib.NewWalk()
	for f := range walked {
		walk.Reached(f.Key)
		if f.Skip != nil {
			if s, ok := lib.SkippedAt(f.Key); ok && s.Reason == f.Skip.Error() && s.Same(f.Stamp) {
				continue
			}
			c.Skipped = append(c.Skipped, model.Skipped{FileRef: f.FileRef, Reason: f.Skip.Error()})
			continue
		}
		if p := lib.PageByKey(f.Key); p != nil && p.Same(f.Stamp) && !racy(f.Stamp) {
			continue
		}
		// A file the parser turned down (not a dump) is as it was, too.
		if s, ok := lib.SkippedAt(f.Key); ok && s.Same(f.Stamp) && !racy(f.Stamp) {
			continue
		}
		toParse = append(toParse, f.FileRef)
	}
	c.Removed = walk.Missed()
	parsed := Changes(LoadFiles(ctx, toParse, Options{Location: loc}))
	if err := ctx.Err(); err != nil {
		return c, err
	}
	c.Pages = parsed.Pages
	c.Skipped = append(c.Skipped, parsed.Skipped...)
	return c, nil
}

// Rescan walks paths again and reads what changed since the library was
// made: what r does, and what the watcher asks for when it lost events.
func Rescan(ctx context.Context, lib *model.Library, paths []string, loc *time.Location) (model.Changes, error) {
	var walked []Found
	Walk(paths, func(f Found) { walked = append(walked, f) })
	return ChangesSince(ctx, lib, slices.Values(walked), func(model.Stamp) bool { return false }, loc)
}
