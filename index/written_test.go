package index

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"tidings/internal/codec"
	"tidings/internal/testkit"
)

// TestStreamWritesWhatEncodeWrites: an index written as its shards are
// built (WriteTo), a shard at a time or several at once, is byte for byte
// what Encode writes of the index Build makes, reads back (DecodeFrom) to
// the same answers, and, told where its bytes are (KeepEncoded), is
// written again as they are, through Compact too.
func TestStreamWritesWhatEncodeWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 13))
	n := 2*smallShard + 300 // two shards on two cores or more
	stories := testkit.Stories(r, n, testkit.Vocab)
	earlier := testkit.Stories(r, n, testkit.Vocab)
	articles := testkit.Articles(stories...)
	want := BuildIndex(articles, 0)
	wantBytes := encoded(t, want)
	for _, dir := range []string{"", t.TempDir()} { // its words in memory, in a file
		for _, workers := range []int{1, 2} {
			var b bytes.Buffer
			size, err := fed(t, n, dir, articles, earlier, r).WriteTo(&b, n, workers)
			if err != nil {
				t.Fatal(err)
			}
			if size != int64(b.Len()) || !bytes.Equal(b.Bytes(), wantBytes) {
				t.Fatalf("kept in %q, %d workers: WriteTo wrote %d bytes (says %d), not the %d Encode writes", dir, workers, b.Len(), size, len(wantBytes))
			}
			got, err := DecodeFrom(b.Bytes(), n)
			if err != nil {
				t.Fatal(err)
			}
			if got.Shards() < 2 {
				t.Fatalf("%d shards: the test needs two or more", got.Shards())
			}
			sameAnswers(t, r, got, want)
			got.KeepEncoded(bytes.NewReader(b.Bytes()), size)
			if c := got.Compact(); c != got {
				t.Errorf("Compact made a new index of one with nothing to merge")
			}
			if !bytes.Equal(encoded(t, got.Compact()), wantBytes) {
				t.Errorf("kept in %q, %d workers: the index decoded from WriteTo's bytes is written otherwise", dir, workers)
			}
		}
	}
}

// An index whose bytes cannot be read back when it is written fails the
// section rather than writing part of it.
func TestKeptEncodingUnreadableFails(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 14))
	ix := BuildIndex(testkit.Articles(testkit.Stories(r, 100, testkit.Vocab)...), 0)
	ix.KeepEncoded(failingReader{}, 5<<20)
	var b bytes.Buffer
	w := codec.NewWriter(&b)
	ix.Encode(w)
	if err := w.Flush(); err == nil {
		t.Fatalf("an index whose bytes could not be read was written (%d bytes)", b.Len())
	}
}

type failingReader struct{}

func (failingReader) ReadAt(p []byte, at int64) (int, error) {
	if at >= 1<<20 {
		return 0, errors.New("the disk went away")
	}
	return len(p), nil
}
