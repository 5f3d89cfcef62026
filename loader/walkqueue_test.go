package loader

import (
	"strconv"
	"sync"
	"testing"

	"tidings/model"
)

// The walk's queue hands its files out in the order found, numbered from
// 0, however the pushes and takes interleave, counts every file found,
// and lets those taken go rather than holding an array of the archive.
func TestWalkQueueLetsTakenFilesGo(t *testing.T) {
	q := &walkQueue{}
	q.cond = sync.NewCond(&q.mu)
	const n = 10000
	next := 0
	for k := range n {
		q.push(file{ref: model.FileRef{Path: strconv.Itoa(k)}})
		for range k % 3 { // takes fall behind the pushes, then catch up
			if next > k {
				break
			}
			i, f, ok := q.next()
			if !ok || i != next || f.ref.Path != strconv.Itoa(next) {
				t.Fatalf("take %d: got %d %q %v", next, i, f.ref.Path, ok)
			}
			next++
		}
		if found, _ := q.progress(); found != k+1 {
			t.Fatalf("%d files pushed, %d found", k+1, found)
		}
	}
	q.finish()
	for ; ; next++ {
		i, f, ok := q.next()
		if !ok {
			break
		}
		if i != next || f.ref.Path != strconv.Itoa(next) {
			t.Fatalf("take %d: got %d %q", next, i, f.ref.Path)
		}
	}
	if next != n {
		t.Fatalf("%d files taken of %d", next, n)
	}
	if cap(q.files) > 2048 {
		t.Errorf("every file taken, the queue still holds room for %d", cap(q.files))
	}
}
